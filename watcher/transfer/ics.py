"""iCalendar (.ics) export and import, with the icalendar library.

Export writes one VEVENT per deadline with a VALARM per lead time, so calendar programs
show the same reminders; X-WATCHER-* properties carry what iCalendar has no field for
(kind, exact lead labels, channels, status, the zone of all-day deadlines), so a watcher
.ics round trip keeps every deadline field. History and alert states travel only in JSON.
Import also reads .ics files from other programs: SUMMARY, DTSTART, CATEGORIES,
DESCRIPTION, STATUS and VALARM triggers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from watcher.core.leads import Lead, parse_lead
from watcher.core.planning import EARLIEST_YEAR, LATEST_YEAR
from watcher.core.zones import get_zone
from watcher.errors import ImportFormatError
from watcher.transfer.document import FORMAT_NAME, FORMAT_VERSION

PRODID = "-//deadline-watcher//watcher//EN"


def to_ics(document: dict[str, Any]) -> bytes:
    """An export document as an iCalendar file."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for record in document["deadlines"]:
        calendar.add_component(_event(record))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(record: dict[str, Any]) -> Event:
    event = Event()
    created = datetime.fromisoformat(record["created_at"])
    event.add("uid", f"watcher-{record['id']}-{int(created.timestamp())}@deadline-watcher")
    event.add("dtstamp", datetime.fromisoformat(record["updated_at"]).astimezone(UTC))
    event.add("created", created.astimezone(UTC))
    event.add("summary", record["title"])
    due = datetime.fromisoformat(record["due"]).astimezone(get_zone(record["timezone"]))
    if record["all_day"]:
        event.add("dtstart", due.date())
    else:
        event.add("dtstart", due)
    if record["notes"]:
        event.add("description", record["notes"])
    if record["tags"]:
        event.add("categories", record["tags"])
    event.add("status", "CANCELLED" if record["status"] == "cancelled" else "CONFIRMED")
    event.add("x-watcher-kind", record["kind"])
    event.add("x-watcher-status", record["status"])
    event.add("x-watcher-timezone", record["timezone"])
    event.add("x-watcher-leads", ",".join(record["leads"]))
    event.add("x-watcher-channels", ",".join(record["channels"]))
    event.add("x-watcher-version", str(record["version"]))
    for label in record["leads"]:
        lead = parse_lead(label)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", record["title"])
        alarm.add("trigger", -timedelta(days=lead.days, seconds=lead.seconds))
        event.add_component(alarm)
    return event


def from_ics(data: bytes, default_timezone: str, now: datetime) -> dict[str, Any]:
    """An export document built from any iCalendar file's VEVENTs.

    What a deadline cannot hold is said in the document's ``warnings`` (a repeating event
    keeps its first occurrence); what cannot be read right (an unknown TZID, a date out of
    range) is an error naming the event.
    """
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        raise ImportFormatError(f"not a valid iCalendar file: {error}") from None
    warnings: list[str] = []
    records = [_record(event, default_timezone, now, warnings) for event in calendar.walk("VEVENT")]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "deadlines": records,
        "sources": [],
        "warnings": warnings,
    }


def _record(
    event: Any, default_timezone: str, now: datetime, warnings: list[str]
) -> dict[str, Any]:
    title = str(event.get("summary", "")).strip()
    if not title or event.get("dtstart") is None:
        raise ImportFormatError("a VEVENT without SUMMARY or DTSTART cannot become a deadline")
    try:
        start = event.decoded("dtstart")
    except (ValueError, TypeError) as error:
        raise ImportFormatError(f"event {title!r}: unreadable DTSTART ({error})") from None
    tzid = event["dtstart"].params.get("TZID")
    if tzid and isinstance(start, datetime) and start.tzinfo is None:
        raise ImportFormatError(
            f"event {title!r}: unknown time zone TZID={tzid} (no such IANA zone and no "
            "VTIMEZONE for it in the file)"
        )
    if not EARLIEST_YEAR <= start.year <= LATEST_YEAR:
        raise ImportFormatError(
            f"event {title!r}: DTSTART year {start.year} is out of range "
            f"({EARLIEST_YEAR}-{LATEST_YEAR})"
        )
    if event.get("rrule") is not None:
        warnings.append(
            f"event {title!r} repeats (RRULE): only its first occurrence, "
            f"{start.isoformat()}, is imported"
        )
    zone = str(event.get("x-watcher-timezone", "")) or _zone_name(start) or default_timezone
    get_zone(zone)
    all_day = isinstance(start, date) and not isinstance(start, datetime)
    if all_day:
        due = datetime.combine(start, datetime.min.time(), tzinfo=get_zone(zone))
    elif start.tzinfo is None:  # floating time: read it in the default zone
        due = start.replace(tzinfo=get_zone(zone))
    else:
        due = start
    leads_text = str(event.get("x-watcher-leads", ""))
    leads = leads_text.split(",") if leads_text else _alarm_leads(event)
    channels_text = str(event.get("x-watcher-channels", ""))
    status = str(event.get("x-watcher-status", "")) or (
        "cancelled" if str(event.get("status", "")).upper() == "CANCELLED" else "active"
    )
    return {
        "title": title,
        "due": due.isoformat(),
        "timezone": zone,
        "all_day": all_day,
        "kind": str(event.get("x-watcher-kind", "deadline")),
        "tags": _categories(event),
        "status": status,
        "channels": [c for c in channels_text.split(",") if c],
        "leads": leads,
        "notes": str(event.get("description", "")),
        "created_at": now.isoformat(),
        "updated_at": now.isoformat(),
    }


def _zone_name(value: date) -> str | None:
    if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
        return value.tzinfo.key
    is_utc = isinstance(value, datetime) and value.utcoffset() == timedelta(0)
    return "UTC" if is_utc else None


def _categories(event: Any) -> list[str]:
    raw = event.get("categories")
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return sorted({str(cat) for item in items for cat in item.cats})


def _alarm_leads(event: Any) -> list[str]:
    """Lead labels from VALARM triggers relative to the start (other programs' files)."""
    leads = []
    for alarm in event.walk("VALARM"):
        trigger = alarm.decoded("trigger") if alarm.get("trigger") is not None else None
        if isinstance(trigger, timedelta) and trigger <= timedelta(0):
            before = -trigger
            leads.append(Lead(days=before.days, seconds=before.seconds).label)
    return leads
