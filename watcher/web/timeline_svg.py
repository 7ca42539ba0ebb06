"""The dashboard's picture: upcoming deadlines on a grid of weeks, a pure function.

Weeks run across (one column each, Monday first), weekdays down; each deadline is a dot in
its local day's cell, coloured by kind, linking to its page and titled with its name (the
browser shows it on hover). A busy day shows its first few dots and "+N". Server-rendered
SVG: no script, and the page's CSP can stay strict (colours are attributes, not styles).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

KIND_COLOURS = {
    "deadline": "#d1495b",
    "expiry": "#edae49",
    "effective": "#00798c",
    "meeting": "#30638e",
    "event": "#6a4c93",
    "vote": "#2a9d8f",
    "filing": "#8d6e63",
    "other": "#6c757d",
}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

LEFT, TOP, CELL_W, CELL_H, RADIUS, PER_CELL = 44, 30, 64, 26, 6, 4


@dataclass(frozen=True)
class Mark:
    """One deadline on the picture."""

    deadline_id: int
    title: str
    kind: str
    day: date  # in the deadline's own zone
    when: str  # e.g. "Tue 10 Nov 17:00", for the hover title


def colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, KIND_COLOURS["other"])


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def render_timeline(marks: Sequence[Mark], today: date, weeks: int = 12) -> str:
    """An SVG of ``weeks`` weeks from the Monday of ``today``'s week."""
    start = week_start(today)
    end = start + timedelta(weeks=weeks)
    width = LEFT + weeks * CELL_W + 8
    height = TOP + 7 * CELL_H + 10
    cells: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for mark in marks:
        if start <= mark.day < end:
            offset = (mark.day - start).days
            cells[(offset // 7, offset % 7)].append(mark)
    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="Deadlines in the next {weeks} weeks">',
    ]
    for row, name in enumerate(WEEKDAYS):
        y = TOP + row * CELL_H + CELL_H / 2 + 4
        out.append(f'<text x="4" y="{y:.0f}" font-size="11" fill="#5b6577">{name}</text>')
    for column in range(weeks):
        monday = start + timedelta(weeks=column)
        x = LEFT + column * CELL_W
        label = f"{monday.day} {MONTHS[monday.month - 1]}"
        out.append(f'<text x="{x + 4}" y="18" font-size="11" fill="#5b6577">{label}</text>')
        for row in range(7):
            day = monday + timedelta(days=row)
            fill = "#eef1f6" if day == today else ("#fafbfc" if row < 5 else "#f3f4f6")
            out.append(
                f'<rect x="{x + 1}" y="{TOP + row * CELL_H + 1}" width="{CELL_W - 2}"'
                f' height="{CELL_H - 2}" rx="3" fill="{fill}" stroke="#e3e7ee"/>'
            )
    for (column, row), found in sorted(cells.items()):
        x0 = LEFT + column * CELL_W + 4 + RADIUS
        cy = TOP + row * CELL_H + CELL_H / 2
        for index, mark in enumerate(found[:PER_CELL]):
            cx = x0 + index * (2 * RADIUS + 2)
            tip = escape(f"{mark.title} ({mark.kind}, {mark.when})")
            out.append(
                f'<a href="/deadlines/{mark.deadline_id}"><title>{tip}</title>'
                f'<circle cx="{cx}" cy="{cy:.0f}" r="{RADIUS}" fill="{colour(mark.kind)}"/></a>'
            )
        if len(found) > PER_CELL:
            more = len(found) - PER_CELL
            cx = x0 + PER_CELL * (2 * RADIUS + 2) - RADIUS
            out.append(
                f'<text x="{cx}" y="{cy + 4:.0f}" font-size="10" fill="#1d2430">+{more}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def legend(kinds: Sequence[str]) -> str:
    """A small SVG legend of the kinds shown."""
    items = []
    x = 0
    for kind in kinds:
        items.append(f'<circle cx="{x + 6}" cy="9" r="5" fill="{colour(kind)}"/>')
        items.append(
            f'<text x="{x + 15}" y="13" font-size="12" fill="#1d2430">{escape(kind)}</text>'
        )
        x += 22 + 7 * len(kind)
    return (
        f'<svg class="legend" xmlns="http://www.w3.org/2000/svg" width="{x}" height="18"'
        f' viewBox="0 0 {x} 18" role="img" aria-label="Colours by kind">{"".join(items)}</svg>'
    )


__all__ = ["KIND_COLOURS", "Mark", "colour", "legend", "render_timeline", "week_start"]
