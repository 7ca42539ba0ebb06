"""A terminal timeline of upcoming deadlines and their alerts: people would rather look
than read a table of dates. Pure: rows in, lines of text out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from watcher.core.planning import Due, wall_time
from watcher.core.zones import get_zone


@dataclass(frozen=True)
class TimelineRow:
    label: str
    due: Due
    alerts: Sequence[tuple[datetime, str]] = field(default_factory=tuple)  # (fire_at, state)


@dataclass(frozen=True)
class Glyphs:
    deadline: str
    pending: str
    sent: str
    failed: str
    line: str
    tick: str
    beyond: str
    now: str


UNICODE = Glyphs("◆", "○", "●", "✗", "─", "┬", "▶", "▼")
ASCII = Glyphs("*", "o", "@", "x", "-", "+", ">", "v")
STATE_GLYPH = {
    "pending": "pending",
    "claimed": "pending",
    "sent": "sent",
    "failed": "failed",
    "missed": "failed",
}


def render_timeline(
    rows: Sequence[TimelineRow],
    now: datetime,
    timezone: str,
    width: int = 100,
    end: datetime | None = None,
    start: datetime | None = None,
    glyphs: Glyphs = UNICODE,
) -> list[str]:
    """Lines drawing each row's alerts and deadline on one shared time axis.

    The axis runs from ``start`` (default ``now``) to ``end`` (default the last deadline);
    ``now`` is marked on it when it falls inside.
    """
    if not rows:
        return ["No deadlines in this window."]
    origin = start or now
    zone = get_zone(timezone)
    label_width = min(32, max(len(r.label) for r in rows) + 1)
    date_width = 11
    axis_width = max(20, width - label_width - date_width - 2)
    stop = end or max(r.due.at for r in rows)
    span = max((stop - origin).total_seconds(), 3600.0) * 1.02

    def column(instant: datetime) -> int | None:
        offset = (instant - origin).total_seconds()
        if offset < 0:
            return None
        position = round(offset / span * (axis_width - 1))
        return position if position < axis_width else None

    ticks = _ticks(origin, origin + timedelta(seconds=span), zone.key, axis_width)
    label_line = [" "] * axis_width
    axis_line = [glyphs.line] * axis_width
    for instant, text in ticks:
        col = column(instant)
        if col is None:
            continue
        axis_line[col] = glyphs.tick
        if col + len(text) <= axis_width and all(
            c == " " for c in label_line[max(0, col - 1) : col + len(text)]
        ):
            label_line[col : col + len(text)] = list(text)
    now_col = column(now)
    if now_col is not None:
        axis_line[now_col] = glyphs.now
    origin_label = "now" if origin == now else f"{origin.astimezone(zone):%b %d %Y}"
    pad = " " * label_width
    lines = [
        f"{pad}{''.join(label_line).rstrip()}",
        f"{origin_label:>{label_width - 1}} {''.join(axis_line)}",
    ]
    for row in rows:
        cells = [" "] * axis_width
        due_col = column(row.due.at)
        points = [(column(at), STATE_GLYPH.get(state, "pending")) for at, state in row.alerts]
        visible = [c for c, _ in points if c is not None]
        finish = due_col if due_col is not None else axis_width - 1
        for col in range(min(visible, default=finish), finish + 1):
            cells[col] = glyphs.line
        for point, kind in points:
            if point is not None:
                cells[point] = getattr(glyphs, kind)
        if due_col is None:
            cells[axis_width - 1] = glyphs.beyond
        else:
            cells[due_col] = glyphs.deadline
        when = f"{row.due.local:%a %b %d}" if row.due.all_day else f"{row.due.local:%b %d %H:%M}"
        label = row.label if len(row.label) < label_width else row.label[: label_width - 2] + "…"
        lines.append(f"{label:<{label_width}}{''.join(cells)} {when}")
    legend = (
        f"{glyphs.now} now  {glyphs.deadline} deadline  {glyphs.pending} alert  "
        f"{glyphs.sent} sent  {glyphs.failed} failed/missed  {glyphs.beyond} later  "
        f"({zone.key})"
    )
    lines.append("")
    lines.append(legend)
    return lines


def _ticks(
    start: datetime, stop: datetime, timezone: str, axis_width: int
) -> list[tuple[datetime, str]]:
    """Calendar ticks (days, weeks, months or years) spaced for the axis width."""
    zone = get_zone(timezone)
    first = start.astimezone(zone).date()
    last = stop.astimezone(zone).date()
    days = (last - first).days + 1
    room = max(1, axis_width // 9)
    candidates: list[date]
    if days <= room:
        candidates = [first + timedelta(days=i) for i in range(1, days + 1)]
        fmt = "%a %d"
    elif days <= room * 7:
        monday = first + timedelta(days=(7 - first.weekday()) % 7 or 7)
        candidates = [monday + timedelta(weeks=i) for i in range(days // 7 + 1)]
        fmt = "%b %d"
    else:
        months = days / 30.4
        step = next(
            (s for s in (1, 3, 6, 12, 24, 60, 120, 300) if months / s <= room),
            12 * math.ceil(months / room / 12),  # centuries ahead: whole years per tick
        )
        candidates = []
        year, month = first.year, first.month
        while True:
            month += step
            while month > 12:
                month -= 12
                year += 1
            day = date(year, month, 1)
            if day > last:
                break
            candidates.append(day)
        fmt = "%b %Y" if step < 12 else "%Y"
    return [
        (wall_time(datetime.combine(d, datetime.min.time()), timezone), d.strftime(fmt))
        for d in candidates
        if d <= last
    ]
