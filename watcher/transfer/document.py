"""The export document: every deadline with its alerts, history and mentions, and sources.

A JSON round trip (export, import into another store, export again) loses nothing: a
deadline keeps its id when that id is free in the target store (so `watcher done N` from an
old message still means the same deadline), and the report says which ones were renumbered.
Importing is idempotent: a deadline with the same title and due instant as one already
stored is skipped. Every record is checked first; an error names the deadline and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session, col, select

from watcher.core.kinds import parse_kind
from watcher.core.leads import parse_leads
from watcher.core.planning import EARLIEST_YEAR, LATEST_YEAR, Due, check_due
from watcher.core.text import clean_block, clean_text
from watcher.core.zones import get_zone
from watcher.errors import ImportFormatError
from watcher.store.models import (
    MAX_ID,
    Alert,
    AlertState,
    Deadline,
    DeadlineStatus,
    HistoryEntry,
    Mention,
    Source,
)
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
    renumbered: list[tuple[int, int]] = field(default_factory=list)
    """(id in the file, id in the store) of deadlines whose id was already taken."""
    warnings: list[str] = field(default_factory=list)


_FIELDS: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "due": (str,),
    "timezone": (str,),
    "all_day": (bool,),
    "kind": (str,),
    "tags": (list,),
    "status": (str,),
    "channels": (list,),
    "leads": (list,),
    "notes": (str,),
    "version": (int,),
    "created_at": (str,),
    "updated_at": (str,),
    "alerts": (list,),
    "history": (list,),
    "mentions": (list,),
}
_REQUIRED = ("title", "due", "timezone")
_LISTS_OF_STRINGS = ("tags", "channels", "leads")
_STATUSES = {str(s) for s in DeadlineStatus}


def check_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's deadline records, each checked for the fields and types import uses.

    The error names the deadline (its position and title) and the field, e.g.
    ``deadline 3 ('Pay rent'): field 'due' is missing``.
    """
    records = document.get("deadlines", [])
    if not isinstance(records, list):
        raise ImportFormatError("'deadlines' must be a list of deadline objects")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportFormatError(f"deadline {number}: not an object")
        title = record.get("title")
        where = f"deadline {number}" + (f" ({title!r})" if isinstance(title, str) else "")
        for key in _REQUIRED:
            if key not in record:
                raise ImportFormatError(f"{where}: field {key!r} is missing")
        for key, types in _FIELDS.items():
            value = record.get(key)
            if key in record and value is not None and not isinstance(value, types):
                wanted = " or ".join(t.__name__ for t in types)
                raise ImportFormatError(
                    f"{where}: field {key!r} must be {wanted}, not {type(value).__name__}"
                )
        for key in _LISTS_OF_STRINGS:
            if not all(isinstance(item, str) for item in record.get(key) or []):
                raise ImportFormatError(f"{where}: field {key!r} must be a list of strings")
        if record.get("status", "active") not in _STATUSES:
            raise ImportFormatError(
                f"{where}: field 'status' must be one of {', '.join(sorted(_STATUSES))}"
            )
        if not str(record["title"]).strip():
            raise ImportFormatError(f"{where}: field 'title' is empty")
    return records


def export_document(
    store: Store, now: datetime, progress: Callable[[int], None] | None = None
) -> dict[str, Any]:
    """Everything in the store as one JSON-ready document (``progress`` as for import)."""
    with store.session() as session:
        deadlines = session.exec(select(Deadline).order_by(col(Deadline.id))).all()
        sources = session.exec(select(Source).order_by(col(Source.id))).all()
        by_source = {s.id: s for s in sources}
        alerts = _by_deadline(session.exec(select(Alert).order_by(col(Alert.id))))
        history = _by_deadline(session.exec(select(HistoryEntry).order_by(col(HistoryEntry.id))))
        mentions = _by_deadline(session.exec(select(Mention).order_by(col(Mention.id))))
        records = []
        for deadline in deadlines:  # three queries in all, not three per deadline
            records.append(
                deadline_record(deadline)
                | {
                    "alerts": [_portable_alert(a) for a in alerts.get(deadline.id, [])],
                    "history": [history_record(h) for h in history.get(deadline.id, [])],
                    "mentions": [
                        mention_record(m, by_source[m.source_id])
                        for m in mentions.get(deadline.id, [])
                    ],
                }
            )
            if progress is not None:
                progress(1)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": now.astimezone(UTC).isoformat(),
        "deadlines": records,
        "sources": [source_record(s) for s in sources],
    }


_Row = TypeVar("_Row", Alert, HistoryEntry, Mention)


def _by_deadline(rows: Iterable[_Row]) -> dict[int | None, list[_Row]]:
    grouped: dict[int | None, list[_Row]] = {}
    for row in rows:
        grouped.setdefault(row.deadline_id, []).append(row)
    return grouped


def _portable_alert(alert: Alert) -> dict[str, Any]:
    record = alert_record(alert)
    del record["id"], record["deadline_id"]
    return record


def import_document(
    store: Store,
    document: dict[str, Any],
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Add the document's deadlines to the store in one transaction (all or nothing).

    ``progress`` is called with the number of deadlines handled since the last call.
    """
    if document.get("format") != FORMAT_NAME:
        raise ImportFormatError("not a watcher export: the 'format' key is missing or wrong")
    version = document.get("version", 0)
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFormatError(
            f"export version {version!r} is not one this watcher understands: upgrade watcher"
        )
    records = check_records(document)
    report = ImportReport(warnings=[str(w) for w in document.get("warnings", [])])
    where = "the sources"
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
            for number, record in enumerate(records, start=1):
                where = f"deadline {number} ({record['title']!r})"
                due = _due(record)
                same = store.find_deadline(
                    session, record["title"], due.at, due.at + timedelta(seconds=1)
                )
                if same is not None:
                    report.skipped.append(record["title"])
                else:
                    _import_one(store, session, record, due, sources, report)
                    if len(report.added) % 200 == 0:  # keep the unit of work small:
                        session.flush()  # a flush looks at every object the session holds
                        session.expunge_all()
                if progress is not None:
                    progress(1)
            if report.added:
                _after_explicit_ids(session)
                store.bump_change_serial(session)
    except ImportFormatError as error:
        raise ImportFormatError(f"{where}: {error}") from None
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
        detail = f"field {error.args[0]!r} is missing" if isinstance(error, KeyError) else error
        raise ImportFormatError(f"{where}: {detail}") from None
    return report


def _import_one(
    store: Store,
    session: Session,
    record: dict[str, Any],
    due: Due,
    sources: dict[str, Source],
    report: ImportReport,
) -> None:
    wanted = record.get("id")
    free = (
        isinstance(wanted, int)
        and not isinstance(wanted, bool)
        and 0 < wanted <= MAX_ID
        and session.get(Deadline, wanted) is None
    )
    deadline = _insert(store, session, record, due, wanted if free else None)
    assert deadline.id is not None
    report.added.append(deadline.id)
    if isinstance(wanted, int) and wanted != deadline.id:
        report.renumbered.append((wanted, deadline.id))
    for mention in record.get("mentions", []):
        source = sources.get(mention["source"])
        if source is None or source.id is None:
            raise ImportFormatError(f"mention of unknown source {mention['source']!r}")
        session.add(
            Mention(
                deadline_id=deadline.id,
                source_id=source.id,
                sentence=clean_text(mention["sentence"]),
                span=clean_text(mention.get("span", "")),
                start=int(mention.get("start", 0)),
                created_at=deadline.created_at,
            )
        )


def _after_explicit_ids(session: Session) -> None:
    """PostgreSQL's id sequence does not see ids given explicitly: move it past them."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('deadlines', 'id'), "
                "(SELECT COALESCE(MAX(id), 0) + 1 FROM deadlines), false)"
            )
        )


def _due(record: dict[str, Any]) -> Due:
    zone = record["timezone"]
    get_zone(zone)
    try:
        due = datetime.fromisoformat(record["due"])
    except ValueError:
        raise ImportFormatError(f"field 'due' is not an ISO date-time: {record['due']!r}") from None
    if due.tzinfo is None:
        raise ImportFormatError(f"due time {record['due']!r} has no UTC offset")
    if not EARLIEST_YEAR < due.year < LATEST_YEAR:  # before any zone arithmetic overflows
        raise ImportFormatError(
            f"field 'due': the year {due.year} is out of range ({EARLIEST_YEAR}-{LATEST_YEAR})"
        )
    if record.get("all_day"):
        return check_due(Due.for_date(due.astimezone(get_zone(zone)).date(), zone))
    return check_due(Due(at=due, timezone=zone, all_day=False))


def _insert(
    store: Store, session: Session, record: dict[str, Any], due: Due, wanted_id: int | None
) -> Deadline:
    """A deadline as recorded; alerts and history verbatim when present, else planned."""
    leads = parse_leads(record["leads"]) if record.get("leads") else []
    if "alerts" not in record or "history" not in record:
        draft = DeadlineDraft(
            id=wanted_id,
            title=record["title"],
            due=due,
            leads=leads,
            channels=record.get("channels") or [],
            kind=parse_kind(record.get("kind", "deadline")),
            tags=record.get("tags", []),
            notes=record.get("notes", ""),
        )
        deadline = store.add_deadline(draft, session, bump=False)
        if record.get("status", "active") != "active":
            deadline.status = record["status"]
            session.add(deadline)
            session.flush()
            store.replan(session, deadline, store.now())
        return deadline
    title = clean_text(record["title"])
    if not title:
        raise ImportFormatError("field 'title' is empty")
    deadline = Deadline(
        id=wanted_id,
        title=title,
        due_at=due.at,
        timezone=due.timezone,
        all_day=due.all_day,
        kind=parse_kind(record.get("kind", "deadline")),
        tags=sorted({clean_text(t) for t in record.get("tags", [])} - {""}),
        status=record.get("status", "active"),
        notes=clean_block(record.get("notes", "")),
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
