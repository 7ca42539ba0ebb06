"""Parse the WHEN of `watcher add` / `watcher edit` into a Due.

Accepted: ISO 8601 dates and date-times (with or without offset) and the phrases people
type: "now", "Nov 10", "10 November 2026", "next friday 17:00", "in 3 days", "in 90 seconds",
"tomorrow 9am", "noon tomorrow", "3pm". A date without a year means its next occurrence, and
a time without a day its next occurrence (3pm after 3pm is tomorrow's). A date without a
time is an all-day deadline. Dates outside the years 1900-2200 are refused. This is a small
grammar for a command line; article text goes through :mod:`watcher.extract`, built for prose.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from watcher.clock import ensure_utc
from watcher.core.planning import Due, check_due, wall_time
from watcher.core.zones import get_zone
from watcher.errors import BadWhenError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

_TIME = re.compile(
    r"(?:\bat\s+)?\b(?:(?P<noon>noon|midday)|(?P<midnight>midnight)|"
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?)?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?)$"
)
_IN = re.compile(
    r"^in\s+(?P<n>\d{1,9}|an?|one|two|three)\s+"
    r"(?P<unit>second|sec|minute|min|hour|hr|day|week|month|year)s?$"
)
_MONTH_DAY = re.compile(
    rf"^(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<year>\d{{4}}))?$"
)
_DAY_MONTH = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})\.?(?:\s+(?P<year>\d{{4}}))?$"
)
_WEEKDAY_RE = re.compile(rf"^(?:(?P<which>next|this|coming)\s+)?(?P<wd>{_WEEKDAY})$")
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


def parse_when(text: str, now: datetime, timezone: str) -> Due:
    """Turn ``text`` into a Due in ``timezone``, resolving relative phrases against ``now``."""
    raw = text.strip()
    if not raw:
        raise BadWhenError("empty date: give e.g. 2026-11-10, 'Nov 10' or 'tomorrow 9am'")
    get_zone(timezone)
    try:
        return check_due(_parse(raw, ensure_utc(now), timezone))
    except (OverflowError, ValueError) as error:
        if isinstance(error, BadWhenError):
            raise
        raise BadWhenError(
            f"the date {text!r} is out of range: deadlines must fall in 1900-2200"
        ) from None


def _parse(raw: str, now: datetime, timezone: str) -> Due:
    iso = _parse_iso(raw, timezone)
    if iso is not None:
        return iso
    phrase = re.sub(r"[,\s]+", " ", raw.lower()).strip()
    if phrase in ("now", "right now"):
        return Due(at=now.replace(microsecond=0), timezone=timezone)
    today = now.astimezone(get_zone(timezone)).date()

    relative = _IN.match(phrase)
    if relative:
        return _parse_in(relative, now, today, timezone)

    day_part, clock = _split_time(phrase)
    day = _parse_day(day_part, today) if day_part else today
    if day is None:
        raise BadWhenError(
            f"cannot understand the date {raw!r}: try 2026-11-10, 'Nov 10', "
            "'next friday 17:00', 'in 3 days' or 'tomorrow 9am'"
        )
    if clock is None:
        if not day_part:
            raise BadWhenError(f"cannot understand the date {raw!r}")
        return Due.for_date(day, timezone)
    due = Due(at=wall_time(datetime.combine(day, clock), timezone), timezone=timezone)
    if not day_part and due.at <= now:  # a bare time already past today: its next occurrence
        due = Due(
            at=wall_time(datetime.combine(day + timedelta(days=1), clock), timezone),
            timezone=timezone,
        )
    return due


def _parse_iso(raw: str, timezone: str) -> Due | None:
    """ISO 8601 date or date-time; an explicit offset fixes the instant."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return None
    try:
        if len(raw) == 10:
            return Due.for_date(date.fromisoformat(raw), timezone)
        value = datetime.fromisoformat(raw.replace(" ", "T", 1))
    except ValueError:
        raise BadWhenError(
            f"invalid ISO date {raw!r}: expected e.g. 2026-11-10 or 2026-11-10T17:00+01:00"
        ) from None
    if value.tzinfo is None:
        return Due(at=wall_time(value, timezone), timezone=timezone)
    return Due(at=value.astimezone(UTC), timezone=timezone)


def _parse_in(match: re.Match[str], now: datetime, today: date, timezone: str) -> Due:
    count_text = match["n"]
    count = int(count_text) if count_text.isdigit() else _WORDS[count_text]
    unit = {"sec": "second", "min": "minute", "hr": "hour"}.get(match["unit"], match["unit"])
    if unit == "second":
        return Due(at=now.replace(microsecond=0) + timedelta(seconds=count), timezone=timezone)
    if unit == "minute":
        return Due(at=now + timedelta(minutes=count), timezone=timezone)
    if unit == "hour":
        return Due(at=now + timedelta(hours=count), timezone=timezone)
    if unit == "day":
        return Due.for_date(today + timedelta(days=count), timezone)
    if unit == "week":
        return Due.for_date(today + timedelta(weeks=count), timezone)
    if unit == "year":
        count *= 12
    month_index = today.month - 1 + count
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return Due.for_date(_clamped_date(year, month, today.day), timezone)


def _split_time(phrase: str) -> tuple[str, time | None]:
    """Split a time of day off the end ("tomorrow 9am") or the start ("noon tomorrow")."""
    words = phrase.split(" ")
    for take in (3, 2, 1):  # "5:30 pm", "at 17:00", "9am"
        if len(words) < take:
            continue
        tail = " ".join(words[-take:])
        match = _TIME.match(tail)
        if match and (take < len(words) or not tail.isdigit() or ":" in tail):
            clock = _to_time(match, tail)
            if clock is not None:
                return " ".join(words[:-take]).strip(), clock
    for take in (3, 2, 1):  # "noon tomorrow", "5:30 pm on friday", "9am next monday"
        if len(words) <= take:
            continue
        head = " ".join(words[:take])
        match = _TIME.match(head)
        if match and not head.isdigit():
            clock = _to_time(match, head)
            if clock is not None:
                return " ".join(words[take:]).strip(), clock
    return phrase, None


def _to_time(match: re.Match[str], tail: str) -> time | None:
    if match["noon"]:
        return time(12, 0)
    if match["midnight"]:
        return time(0, 0)
    hour, minute, second = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if not ampm and match["m"] is None and not tail.startswith("at "):
        return None  # a bare number is a day, not a time
    if ampm:
        if not 1 <= hour <= 12:
            raise BadWhenError(f"invalid time {tail!r}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadWhenError(f"invalid time {tail!r}")
    return time(hour, minute, second)


def _parse_day(phrase: str, today: date) -> date | None:
    phrase = phrase.removeprefix("on ").strip()
    if phrase == "today":
        return today
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if phrase == "yesterday":
        return today - timedelta(days=1)
    if match := _WEEKDAY_RE.match(phrase):
        ahead = (WEEKDAYS[match["wd"]] - today.weekday()) % 7
        if ahead == 0 and match["which"] in ("next", "coming"):
            ahead = 7
        return today + timedelta(days=ahead)
    if match := (_MONTH_DAY.match(phrase) or _DAY_MONTH.match(phrase)):
        month, day = MONTHS[match["mon"]], int(match["day"])
        if match["year"]:
            return _checked_date(int(match["year"]), month, day, phrase)
        candidate = _checked_date(today.year, month, day, phrase, leap_ok=True)
        if candidate < today:
            candidate = _checked_date(today.year + 1, month, day, phrase, leap_ok=True)
        return candidate
    return None


def _checked_date(year: int, month: int, day: int, phrase: str, leap_ok: bool = False) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if leap_ok and month == 2 and day == 29:
            next_leap = next(y for y in range(year, year + 8) if _is_leap(y))
            return date(next_leap, 2, 29)
        raise BadWhenError(f"no such date: {phrase!r}") from None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _clamped_date(year: int, month: int, day: int) -> date:
    for candidate in (day, 30, 29, 28):
        try:
            return date(year, month, min(day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
