"""What an alert says: pure functions from facts and ``now`` to a title and a body.

No I/O and no clock here, so every wording can be tested with plain values. A message
says what is due, when (in the deadline's own zone, and relative: "in 1 day"), where the
date came from, and how to act on it (`watcher done ID`, `watcher snooze ID 1h`).

Configuration may replace any part with a template (``[templates]`` in the config file):
``title``/``body`` for reminders, ``moved_title``/``moved_body`` for date changes,
``missed_title``/``missed_body`` for the missed-alerts summary, ``group_title``/``group_body``
for reminders due together on one channel (:func:`render_group`), ``found_title``/``found_body``
for a new deadline a watched source named. Templates use Python
``str.format`` fields: see :data:`TEMPLATE_FIELDS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from watcher.clock import ensure_utc
from watcher.core.leads import describe_lead
from watcher.core.planning import Due
from watcher.core.zones import get_zone

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

TEMPLATE_KEYS = (
    "title",
    "body",
    "moved_title",
    "moved_body",
    "called_off_title",
    "called_off_body",
    "missed_title",
    "missed_body",
    "group_title",
    "group_body",
    "found_title",
    "found_body",
)

TEMPLATE_FIELDS = (
    "title",  # the deadline's title
    "due",  # e.g. "Tue 10 Nov 2026 17:00 CET (Europe/Paris)"
    "relative",  # e.g. "in 1 day", "in 3 hours", "2 hours ago"
    "timezone",  # the deadline's IANA zone
    "kind",  # the deadline's kind (deadline, expiry, meeting, ...)
    "lead",  # the lead time label ("1d", "2h", "moved", a snooze duration)
    "deadline_id",
    "alert_id",
    "source",  # "Article title <https://...>" or ""
    "link",  # the article's link (or path), or ""
    "sentence",  # the sentence that named the date (found notices), or ""
    "notes",
    "late",  # "[late] " when the alert is sent after its time, else ""
    "previous_due",  # moved messages: the old date
    "done_hint",  # "watcher done 12"
    "snooze_hint",  # "watcher snooze 34 1h"
    "done_url",  # with http.public_url: a link that marks the deadline done (else "")
    "snooze_1h_url",  # with http.public_url: a link that snoozes this alert 1 hour
    "snooze_1d_url",  # ... 1 day
    "count",  # missed summary, group: how many alerts
    "items",  # missed summary: one line per alert; group: one block per alert
)

GROUPED_KINDS = frozenset({"reminder", "snooze"})
"""Alert kinds that may share a message with others (:func:`render_group`). Story notices
("moved", "called_off", "found") always go out alone: each says something new about one
deadline, with the sentence that said it, and should not be buried in a list of
reminders."""


@dataclass(frozen=True)
class Message:
    """A rendered notification: a one-line title and a plain-text body."""

    title: str
    body: str


@dataclass(frozen=True)
class AlertFacts:
    """Everything a message about one alert may mention, read from the store."""

    alert_id: int
    deadline_id: int
    title: str
    due: Due
    alert_kind: str = "reminder"  # reminder, moved, snooze, found
    lead: str = ""
    deadline_kind: str = "deadline"
    late: bool = False
    fire_at: datetime | None = None
    notes: str = ""
    source_title: str = ""
    source_location: str = ""
    previous_due: Due | None = None
    sentence: str = (
        ""  # found: the sentence that named the date; moved/called off: the one that changed it
    )
    done_url: str = ""  # act-from-the-message links, set only when http.public_url is
    snooze_1h_url: str = ""
    snooze_1d_url: str = ""


def format_due(due: Due) -> str:
    """The due date in the deadline's zone: 'Tue 10 Nov 2026 17:00 CET (Europe/Paris)'."""
    local = due.local
    day = f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}"
    if due.all_day:
        return f"{day} (all day, {due.timezone})"
    return f"{day} {local:%H:%M} {local.tzname()} ({due.timezone})"


def format_local(instant: datetime, timezone: str) -> str:
    """An instant as wall-clock time in ``timezone``: 'Mon 9 Nov 17:00'."""
    local = ensure_utc(instant).astimezone(get_zone(timezone))
    return f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local:%H:%M}"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def relative(delta: timedelta) -> str:
    """A duration as people say it: 'in 1 day', 'in 2 hours 30 minutes', '3 days ago'.

    Two units at most, the second only when the first is small (1 day 12 hours, but
    5 days rather than 4 days 23 hours); anything under a minute is 'now'.
    """
    seconds = round(delta.total_seconds())
    ahead = seconds >= 0
    seconds = abs(seconds)
    if seconds < 60:
        return "now"
    minutes_total = (seconds + 30) // 60
    days, rest = divmod(minutes_total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days >= 3:
        text = _plural(round(minutes_total / (24 * 60)), "day")
    elif days:
        text = _plural(days, "day") + (f" {_plural(hours, 'hour')}" if hours else "")
    elif hours:
        text = _plural(hours, "hour") + (
            f" {_plural(minutes, 'minute')}" if minutes and hours < 3 else ""
        )
    else:
        text = _plural(minutes, "minute")
    return f"in {text}" if ahead else f"{text} ago"


def relative_to(due: Due, now: datetime) -> str:
    """How far ``due`` is from ``now``; all-day deadlines count calendar days in their zone."""
    now = ensure_utc(now)
    if due.all_day:
        today = now.astimezone(get_zone(due.timezone)).date()
        days = (due.local_date - today).days
        if days == 0:
            return "today"
        return f"in {_plural(days, 'day')}" if days > 0 else f"{_plural(-days, 'day')} ago"
    return relative(due.at - now)


def _source(facts: AlertFacts) -> str:
    if facts.source_title and facts.source_location:
        return f"{facts.source_title} <{facts.source_location}>"
    return facts.source_title or facts.source_location


def fields(facts: AlertFacts, now: datetime) -> dict[str, str]:
    """The template fields for one alert."""
    return {
        "title": facts.title,
        "due": format_due(facts.due),
        "relative": relative_to(facts.due, now),
        "timezone": facts.due.timezone,
        "kind": facts.deadline_kind,
        "lead": facts.lead,
        "deadline_id": str(facts.deadline_id),
        "alert_id": str(facts.alert_id),
        "source": _source(facts),
        "link": facts.source_location,
        "sentence": " ".join(facts.sentence.split()),
        "notes": facts.notes,
        "late": "[late] " if facts.late else "",
        "previous_due": format_due(facts.previous_due) if facts.previous_due else "",
        "done_hint": f"watcher done {facts.deadline_id}",
        "snooze_hint": f"watcher snooze {facts.alert_id} 1h",
        "done_url": facts.done_url,
        "snooze_1h_url": facts.snooze_1h_url,
        "snooze_1d_url": facts.snooze_1d_url,
        "count": "1",
        "items": "",
    }


def _default_found(facts: AlertFacts, values: Mapping[str, str]) -> Message:
    """A watched source named a deadline watcher did not know: what, when, where, and the
    sentence itself, so the reader can judge it without opening the article."""
    lines = [facts.title, f"Due: {values['due']}, {values['relative']}"]
    if values["sentence"]:
        lines.append(f"“{values['sentence']}”")
    if facts.source_title:
        lines.append(f"Article: {facts.source_title}")
    if facts.source_location:
        lines.append(f"Link: {facts.source_location}")
    lines.append(f"Reminders are planned; not a deadline? watcher cancel {facts.deadline_id}")
    local = facts.due.local
    day = f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}"
    title = f"{values['late']}New deadline, due {day}: {facts.title}"
    return Message(title=title, body="\n".join(lines))


def _default_alert(facts: AlertFacts, values: Mapping[str, str]) -> Message:
    if facts.alert_kind == "found":
        return _default_found(facts, values)
    when = f"{values['due']}, {values['relative']}"
    lines = [facts.title, f"Due: {when}"]
    if facts.alert_kind == "moved":
        title = f"{values['late']}Date moved: {facts.title} is now due {values['relative']}"
        if facts.previous_due is not None:
            lines.append(f"Was: {values['previous_due']}")
    elif facts.alert_kind == "called_off":
        title = f"Called off: {facts.title}"
        lines = [facts.title, f"Was due: {values['due']}", "Called off: no more reminders"]
    else:
        verb = "Snoozed reminder" if facts.alert_kind == "snooze" else "Reminder"
        title = f"{values['late']}Due {values['relative']}: {facts.title}"
        lines.append(
            f"{verb}: {describe_lead(facts.lead)}" if facts.alert_kind == "reminder" else verb
        )
    if facts.late and facts.fire_at is not None:
        lines.append(
            "Late: this was due to be sent "
            f"{format_local(facts.fire_at, facts.due.timezone)} ({facts.due.timezone})"
        )
    if facts.sentence and facts.alert_kind in {"moved", "called_off"}:
        lines.append(f"Read: \u201c{values['sentence']}\u201d")
    if values["source"]:
        lines.append(f"Source: {values['source']}")
    if facts.notes:
        lines.append(f"Notes: {facts.notes}")
    if facts.alert_kind == "called_off":
        lines.append(f"Not so? watcher undo {facts.deadline_id}")
        return Message(title=title, body="\n".join(lines))
    lines.append(f"Done? {values['done_hint']}")
    lines.append(f"Remind me later: {values['snooze_hint']}")
    links = (
        ("Mark done", facts.done_url),
        ("Snooze 1 hour", facts.snooze_1h_url),
        ("Snooze 1 day", facts.snooze_1d_url),
    )
    lines.extend(f"{label}: {url}" for label, url in links if url)
    return Message(title=title, body="\n".join(lines))


def _apply(template: str | None, values: Mapping[str, str], default: str) -> str:
    return template.format_map(values) if template else default


def render_alert(
    facts: AlertFacts, now: datetime, templates: Mapping[str, str] | None = None
) -> Message:
    """The message for one alert (a reminder, a snooze, a 'date moved' or a 'new deadline
    found' notice)."""
    templates = templates or {}
    values = fields(facts, now)
    default = _default_alert(facts, values)
    prefix = {"moved": "moved_", "called_off": "called_off_", "found": "found_"}.get(
        facts.alert_kind, ""
    )
    return Message(
        title=_apply(templates.get(f"{prefix}title"), values, default.title),
        body=_apply(templates.get(f"{prefix}body"), values, default.body),
    )


def _group_item(facts: AlertFacts, values: Mapping[str, str]) -> str:
    """One alert of a group: what, when, which reminder, and how to act on it."""
    lead = describe_lead(facts.lead) if facts.alert_kind == "reminder" else "snoozed reminder"
    lines = [
        f"- {values['late']}{facts.title}",
        f"  Due: {values['due']}, {values['relative']} ({lead})",
    ]
    if facts.late and facts.fire_at is not None:
        lines.append(
            "  Late: this was due to be sent "
            f"{format_local(facts.fire_at, facts.due.timezone)} ({facts.due.timezone})"
        )
    if values["source"]:
        lines.append(f"  Source: {values['source']}")
    lines.append(
        f"  Done? {values['done_hint']} · Remind me later: {values['snooze_hint']}"
        f" (alert {facts.alert_id}, deadline {facts.deadline_id})"
    )
    links = (
        ("Mark done", facts.done_url),
        ("Snooze 1 hour", facts.snooze_1h_url),
        ("Snooze 1 day", facts.snooze_1d_url),
    )
    lines.extend(f"  {label}: {url}" for label, url in links if url)
    return "\n".join(lines)


def render_group(
    group: Sequence[AlertFacts], now: datetime, templates: Mapping[str, str] | None = None
) -> Message:
    """One message for reminders due together on one channel, soonest deadline first.

    Each item keeps what the single message offers to act on: its deadline and alert ids,
    ``watcher done`` and ``watcher snooze`` hints, and the links when ``http.public_url``
    is set. A group of one is the ordinary message (:func:`render_alert`).
    """
    if len(group) == 1:
        return render_alert(group[0], now, templates)
    templates = templates or {}
    ordered = sorted(group, key=lambda f: (f.due.at, f.deadline_id, f.alert_id))
    items = [_group_item(facts, fields(facts, now)) for facts in ordered]
    n = len(ordered)
    late = "[late] " if any(f.late for f in ordered) else ""
    titles = ", ".join(f.title for f in ordered[:3]) + (f" and {n - 3} more" if n > 3 else "")
    values = dict.fromkeys(TEMPLATE_FIELDS, "")
    values.update(count=str(n), items="\n".join(items), late=late)
    default_title = f"{late}{n} reminders: {titles}"
    default_body = "\n".join([f"{n} reminders due together:", *items])
    return Message(
        title=_apply(templates.get("group_title"), values, default_title),
        body=_apply(templates.get("group_body"), values, default_body),
    )


def render_missed(
    missed: Sequence[AlertFacts], now: datetime, templates: Mapping[str, str] | None = None
) -> Message:
    """One message for every alert that could not be sent before its deadline passed."""
    templates = templates or {}
    items = []
    for facts in sorted(missed, key=lambda f: (f.due.at, f.deadline_id, f.alert_id)):
        lead = f" ({facts.lead} reminder)" if facts.alert_kind == "reminder" else ""
        items.append(f"- {facts.title}: was due {format_due(facts.due)}{lead}")
    values = dict.fromkeys(TEMPLATE_FIELDS, "")
    values.update(count=str(len(missed)), items="\n".join(items))
    n = len(missed)
    default_title = f"Missed: {n} alert{'s' if n != 1 else ''} could not be sent in time"
    default_body = "\n".join(
        [
            "watcher was not running (or could not deliver) when these were due, "
            "and their deadlines have passed:",
            *items,
            "See `watcher alerts` for details.",
        ]
    )
    return Message(
        title=_apply(templates.get("missed_title"), values, default_title),
        body=_apply(templates.get("missed_body"), values, default_body),
    )


def check_templates(templates: Mapping[str, str]) -> None:
    """Raise ValueError naming the first template key or field that cannot be used."""
    for key, template in templates.items():
        if key not in TEMPLATE_KEYS:
            raise ValueError(
                f"templates.{key} is not a template name: use one of {', '.join(TEMPLATE_KEYS)}"
            )
        try:
            template.format_map(dict.fromkeys(TEMPLATE_FIELDS, ""))
        except KeyError as error:
            raise ValueError(
                f"templates.{key} uses unknown field {{{error.args[0]}}}: "
                f"fields are {', '.join(TEMPLATE_FIELDS)}"
            ) from None
        except (ValueError, IndexError) as error:
            raise ValueError(f"templates.{key} is not a valid template: {error}") from None


__all__ = [
    "GROUPED_KINDS",
    "TEMPLATE_FIELDS",
    "TEMPLATE_KEYS",
    "AlertFacts",
    "Message",
    "check_templates",
    "format_due",
    "relative",
    "relative_to",
    "render_alert",
    "render_group",
    "render_missed",
]
