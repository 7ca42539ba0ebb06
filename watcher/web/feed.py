"""The live calendar feed: deadlines as an iCalendar document, a pure function.

Each deadline is one VEVENT whose UID never changes (the same UID `watcher export --format
ics` writes) and whose SEQUENCE is the deadline's version (bumped by every edit, move, done,
cancel and reopen), so a subscribed calendar shows a move as a move of the same event.
Cancelled deadlines stay in the feed with STATUS:CANCELLED, so calendars remove them rather
than keep a stale copy. Active deadlines carry one VALARM per lead time; for all-day
deadlines the alarm counts back from the configured all-day time, as watcher's own alerts do.

The events are written here, line by line (RFC 5545 escaping and folding), because building
them with icalendar's objects costs about 2 ms per event, which makes a feed of 10,000
deadlines take 18 s; icalendar still writes the VTIMEZONE definitions, and the tests read
every feed back with icalendar's parser. Each event's text is memoised by its whole input,
so re-rendering after one edit writes one event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol

from watcher.core.leads import parse_lead
from watcher.core.planning import DEFAULT_ALL_DAY_TIME
from watcher.core.zones import get_zone
from watcher.store.models import DeadlineStatus

PRODID = "-//deadline-watcher//watcher feed//EN"
UTC_ZONES = frozenset({"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Z"})


class FeedItem(Protocol):
    """What the feed reads of a deadline (a Deadline row or web_queries.FeedRow)."""

    @property
    def id(self) -> int | None: ...
    @property
    def title(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def timezone(self) -> str: ...
    @property
    def all_day(self) -> bool: ...
    @property
    def kind(self) -> str: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def status(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def leads(self) -> list[str]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...


def event_uid(deadline: FeedItem) -> str:
    """Stable for the deadline's whole life (and equal to the export's UID)."""
    return f"watcher-{deadline.id}-{int(deadline.created_at.timestamp())}@deadline-watcher"


EVENT_CACHE_SIZE = 50_000
_EVENTS: dict[tuple[object, ...], str] = {}
"""Rendered VEVENTs keyed by every field they show: after an edit only the edited deadline
is written again (a pure memo: the key is the whole input, so it can never be stale)."""


def forget_rendered() -> None:
    """Empty the memo (the benchmark's cold renders)."""
    _EVENTS.clear()


def render_feed(
    deadlines: Iterable[FeedItem],
    *,
    name: str = "watcher",
    all_day_time: time = DEFAULT_ALL_DAY_TIME,
    page_url: str = "",
) -> bytes:
    """The feed for ``deadlines``; ``page_url`` (e.g. https://host/deadlines/) links events."""
    offset = timedelta(hours=all_day_time.hour, minutes=all_day_time.minute)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold(f"X-WR-CALNAME:{escape(name)}"),
        "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
        "X-PUBLISHED-TTL:PT15M",
    ]
    body: list[str] = []
    zones: dict[str, list[date]] = {}
    if len(_EVENTS) > EVENT_CACHE_SIZE:
        _EVENTS.clear()
    for deadline in deadlines:
        key = (
            deadline.id,
            deadline.created_at,
            deadline.updated_at,
            deadline.version,
            deadline.status,
            deadline.title,
            deadline.due_at,
            deadline.timezone,
            deadline.all_day,
            deadline.kind,
            tuple(deadline.tags),
            deadline.notes,
            tuple(deadline.leads),
            offset,
            page_url,
        )
        text = _EVENTS.get(key)
        if text is None:
            lines: list[str] = []
            _event(lines, deadline, offset, page_url)
            text = _EVENTS[key] = "\r\n".join(lines)
        body.append(text)
        zone = deadline.timezone
        if not deadline.all_day and zone not in UTC_ZONES:
            day = deadline.due_at.date()
            span = zones.get(zone)
            if span is None:
                zones[zone] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
    parts = ["\r\n".join(head), "\r\n"]
    for zone, (first, last) in sorted(zones.items()):
        parts.append(_vtimezone(zone, first.year - 1, last.year + 2))
    if body:
        parts.append("\r\n".join(body))
        parts.append("\r\n")
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def _event(out: list[str], deadline: FeedItem, all_day_offset: timedelta, page_url: str) -> None:
    """Append the content lines of one VEVENT to ``out`` (folded where they can be long)."""
    updated = _utc_stamp(deadline.updated_at)
    title = escape(deadline.title)
    zone = deadline.timezone
    status = deadline.status
    out.extend(
        (
            "BEGIN:VEVENT",
            f"UID:{event_uid(deadline)}",
            f"DTSTAMP:{updated}",
            f"LAST-MODIFIED:{updated}",
            f"CREATED:{_utc_stamp(deadline.created_at)}",
            f"SEQUENCE:{deadline.version}",
            fold(f"SUMMARY:{title}"),
        )
    )
    if deadline.all_day:
        day = deadline.due_at.astimezone(get_zone(zone)).date()
        out.append(f"DTSTART;VALUE=DATE:{_date(day)}")
        out.append(f"DTEND;VALUE=DATE:{_date(day + timedelta(days=1))}")
    elif zone in UTC_ZONES:
        out.append(f"DTSTART:{_utc_stamp(deadline.due_at)}")
    else:
        local = _utc_stamp(deadline.due_at.astimezone(get_zone(zone)).replace(tzinfo=UTC))
        out.append(f"DTSTART;TZID={zone}:{local[:-1]}")  # local wall time, no Z
    notes = f"\n\n{deadline.notes}" if deadline.notes else ""
    out.append(fold(f"DESCRIPTION:{escape(f'Kind: {deadline.kind}{notes}')}"))
    if deadline.tags:
        out.append(fold("CATEGORIES:" + ",".join(escape(tag) for tag in deadline.tags)))
    out.append("STATUS:CANCELLED" if status == DeadlineStatus.CANCELLED else "STATUS:CONFIRMED")
    out.append("TRANSP:TRANSPARENT")
    out.append(f"X-WATCHER-STATUS:{status}")
    if page_url:
        out.append(fold(f"URL:{page_url}{deadline.id}"))
    if status == DeadlineStatus.ACTIVE and deadline.leads:
        alarm_text = fold(f"DESCRIPTION:{title}")
        start = all_day_offset if deadline.all_day else _ZERO
        for label in deadline.leads:
            out.extend(
                (
                    "BEGIN:VALARM",
                    "ACTION:DISPLAY",
                    alarm_text,
                    _trigger(label, start),
                    "END:VALARM",
                )
            )
    out.append("END:VEVENT")


_ZERO = timedelta(0)


@lru_cache(maxsize=1024)
def _trigger(label: str, start: timedelta) -> str:
    return f"TRIGGER:{duration(start - _lead(label))}"


@lru_cache(maxsize=256)
def _lead(label: str) -> timedelta:
    lead = parse_lead(label)
    return timedelta(days=lead.days, seconds=lead.seconds)


@lru_cache(maxsize=64)
def _vtimezone(zone: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE of ``zone`` over the years the feed's events span."""
    from icalendar import Timezone

    component = Timezone.from_tzinfo(
        get_zone(zone),
        tzid=zone,
        first_date=date(first_year, 1, 1),
        last_date=date(last_year, 1, 1),
    )
    return bytes(component.to_ical()).decode()


def _utc_stamp(value: datetime) -> str:
    """20261126T120000Z (sliced from isoformat, which is much cheaper than strftime)."""
    iso = (value if value.tzinfo is UTC else value.astimezone(UTC)).isoformat()
    return f"{iso[0:4]}{iso[5:7]}{iso[8:10]}T{iso[11:13]}{iso[14:16]}{iso[17:19]}Z"


def _date(day: date) -> str:
    iso = day.isoformat()
    return f"{iso[0:4]}{iso[5:7]}{iso[8:10]}"


_SPECIAL = re.compile(r"[\\;,\r\n]")


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    if not _SPECIAL.search(text):
        return text
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def duration(delta: timedelta) -> str:
    """A DURATION value: -P1D, -PT1H, PT8H, -P1DT12H, PT0S."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    if not days and not clock:
        return "PT0S"
    return f"{sign}P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets without splitting a UTF-8 character."""
    if len(line) <= limit // 4 or len(line.encode()) <= limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 1  # continuation lines start with one space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


__all__ = ["duration", "escape", "event_uid", "fold", "forget_rendered", "render_feed"]
