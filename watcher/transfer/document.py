"""The export document: every deadline with its alerts, history and mentions, and sources.

A JSON round trip (export, import into another store, export again) loses nothing but
row ids. Importing is idempotent: a deadline with the same title and due instant as one
already stored is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import col, select

from watcher.core.kinds import parse_kind
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.core.zones import get_zone
from watcher.errors import ImportFormatError
from watcher.store.models import Alert, AlertState, Deadline, HistoryEntry, Mention, Source
from watcher.store.records import (
    alert_record,
    deadline_record,
    history_record,
    mention_record,
    source_record,
)
from watcher.store.repository import DeadlineDraft, Store

FORMAT_NAME = "watcher-export"
FORMAT_VERSION = 1


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def export_document(store: Store, now: datetime) -> dict[str, Any]:
    """Everything in the store as one JSON-ready document."""
    with store.session() as session:
        deadlines = session.exec(select(Deadline).order_by(col(Deadline.id))).all()
        sources = session.exec(select(Source).order_by(col(Source.id))).all()
        by_source = {s.id: s for s in sources}
        records = []
        for deadline in deadlines:
            alerts = session.exec(
                select(Alert).where(Alert.deadline_id == deadline.id).order_by(col(Alert.id))
            ).all()
            history = session.exec(
                select(HistoryEntry)
                .where(HistoryEntry.deadline_id == deadline.id)
                .order_by(col(HistoryEntry.id))
            ).all()
            mentions = session.exec(
                select(Mention).where(Mention.deadline_id == deadline.id).order_by(col(Mention.id))
            ).all()
            records.append(
                deadline_record(deadline)
                | {
                    "alerts": [_portable_alert(a) for a in alerts],
                    "history": [history_record(h) for h in history],
                    "mentions": [mention_record(m, by_source[m.source_id]) for m in mentions],
                }
            )
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": now.astimezone(UTC).isoformat(),
        "deadlines": records,
        "sources": [source_record(s) for s in sources],
    }


def _portable_alert(alert: Alert) -> dict[str, Any]:
    record = alert_record(alert)
    del record["id"], record["deadline_id"]
    return record


def import_document(store: Store, document: dict[str, Any]) -> ImportReport:
    """Add the document's deadlines to the store in one transaction (all or nothing)."""
    if document.get("format") != FORMAT_NAME:
        raise ImportFormatError("not a watcher export: the 'format' key is missing or wrong")
    if int(document.get("version", 0)) > FORMAT_VERSION:
        raise ImportFormatError(
            f"export version {document.get('version')} is newer than this "
            "watcher understands: upgrade watcher"
        )
    report = ImportReport()
    try:
        with store.write() as session:
            sources = {
                record["content_hash"]: store.add_source(
                    session,
                    location=record["location"],
                    content_hash=record["content_hash"],
                    title=record.get("title", ""),
                    publisher=record.get("publisher", ""),
                    published=record.get("published", ""),
                    text=record.get("text", ""),
                )
                for record in document.get("sources", [])
            }
            for record in document.get("deadlines", []):
                due = _due(record)
                same = store.find_deadline(
                    session, record["title"], due.at, due.at + timedelta(seconds=1)
                )
                if same is not None:
                    report.skipped.append(record["title"])
                    continue
                deadline = _insert(store, session, record, due)
                assert deadline.id is not None
                report.added.append(deadline.id)
                for mention in record.get("mentions", []):
                    source = sources.get(mention["source"])
                    if source is None or source.id is None:
                        raise ImportFormatError(f"mention of unknown source {mention['source']!r}")
                    session.add(
                        Mention(
                            deadline_id=deadline.id,
                            source_id=source.id,
                            sentence=mention["sentence"],
                            span=mention.get("span", ""),
                            start=int(mention.get("start", 0)),
                            created_at=deadline.created_at,
                        )
                    )
            if report.added:
                store.bump_change_serial(session)
    except (KeyError, TypeError, ValueError) as error:
        raise ImportFormatError(
            f"invalid export document: {type(error).__name__}: {error}"
        ) from None
    return report


def _due(record: dict[str, Any]) -> Due:
    zone = record["timezone"]
    get_zone(zone)
    due = datetime.fromisoformat(record["due"])
    if due.tzinfo is None:
        raise ImportFormatError(f"due time {record['due']!r} has no UTC offset")
    if record.get("all_day"):
        return Due.for_date(due.astimezone(get_zone(zone)).date(), zone)
    return Due(at=due, timezone=zone, all_day=False)


def _insert(store: Store, session: Any, record: dict[str, Any], due: Due) -> Deadline:
    """A deadline as recorded; alerts and history verbatim when present, else planned."""
    leads = parse_leads(record["leads"]) if record.get("leads") else []
    if "alerts" not in record or "history" not in record:
        draft = DeadlineDraft(
            title=record["title"],
            due=due,
            leads=leads,
            channels=record.get("channels") or [],
            kind=parse_kind(record.get("kind", "deadline")),
            tags=record.get("tags", []),
            notes=record.get("notes", ""),
        )
        deadline = store.add_deadline(draft, session)
        if record.get("status", "active") != "active":
            deadline.status = record["status"]
            session.add(deadline)
            session.flush()
            store.replan(session, deadline, store.now())
        return deadline
    deadline = Deadline(
        title=record["title"],
        due_at=due.at,
        timezone=due.timezone,
        all_day=due.all_day,
        kind=parse_kind(record.get("kind", "deadline")),
        tags=list(record.get("tags", [])),
        status=record.get("status", "active"),
        notes=record.get("notes", ""),
        leads=list(record.get("leads", [])),
        channels=list(record.get("channels", [])),
        created_at=datetime.fromisoformat(record["created_at"]),
        updated_at=datetime.fromisoformat(record["updated_at"]),
        version=int(record.get("version", 1)),
    )
    session.add(deadline)
    session.flush()
    assert deadline.id is not None
    for alert in record["alerts"]:
        state = alert["state"]
        session.add(
            Alert(
                deadline_id=deadline.id,
                kind=alert["kind"],
                lead=alert["lead"],
                channel=alert["channel"],
                fire_at=datetime.fromisoformat(alert["fire_at"]),
                next_try_at=datetime.fromisoformat(alert["next_try_at"]),
                state=AlertState.PENDING if state == AlertState.CLAIMED else state,
                attempts=int(alert.get("attempts", 0)),
                last_error=alert.get("last_error"),
                sent_at=datetime.fromisoformat(alert["sent_at"]) if alert.get("sent_at") else None,
                late=bool(alert.get("late", False)),
                created_at=deadline.created_at,
                updated_at=deadline.updated_at,
            )
        )
    for entry in record["history"]:
        session.add(
            HistoryEntry(
                deadline_id=deadline.id,
                at=datetime.fromisoformat(entry["at"]),
                action=entry["action"],
                version=int(entry["version"]),
                changes=entry.get("changes", {}),
            )
        )
    return deadline
