"""Plain-dict records of stored rows: the JSON of `list --json`, `show --json` and export.

One function per row type, so every JSON view of a deadline has the same keys.
"""

from __future__ import annotations

from typing import Any

from watcher.store.models import Alert, Deadline, HistoryEntry, Mention, Source
from watcher.store.repository import due_of


def deadline_record(deadline: Deadline) -> dict[str, Any]:
    """A deadline as JSON: ``due`` is ISO 8601 with the offset of the deadline's own zone."""
    due = due_of(deadline)
    return {
        "id": deadline.id,
        "title": deadline.title,
        "due": due.local.isoformat(),
        "date": due.local_date.isoformat(),
        "timezone": deadline.timezone,
        "all_day": deadline.all_day,
        "kind": deadline.kind,
        "tags": list(deadline.tags),
        "status": deadline.status,
        "channels": list(deadline.channels),
        "leads": list(deadline.leads),
        "notes": deadline.notes,
        "version": deadline.version,
        "created_at": deadline.created_at.isoformat(),
        "updated_at": deadline.updated_at.isoformat(),
    }


def alert_record(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "deadline_id": alert.deadline_id,
        "kind": alert.kind,
        "lead": alert.lead,
        "channel": alert.channel,
        "fire_at": alert.fire_at.isoformat(),
        "next_try_at": alert.next_try_at.isoformat(),
        "state": alert.state,
        "attempts": alert.attempts,
        "last_error": alert.last_error,
        "sent_at": alert.sent_at.isoformat() if alert.sent_at else None,
        "late": alert.late,
    }


def history_record(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "action": entry.action,
        "version": entry.version,
        "changes": entry.changes,
    }


def source_record(source: Source) -> dict[str, Any]:
    return {
        "location": source.location,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "content_hash": source.content_hash,
        "text": source.text,
    }


def mention_record(mention: Mention, source: Source) -> dict[str, Any]:
    return {
        "source": source.content_hash,
        "location": source.location,
        "sentence": mention.sentence,
        "span": mention.span,
        "start": mention.start,
    }
