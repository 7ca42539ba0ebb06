"""The repository: every read and write of deadlines, alerts, sources and history.

Writes run in one transaction each (``BEGIN IMMEDIATE`` on SQLite, row locks on
PostgreSQL) and either happen whole or not at all. Every write that changes what should be
sent bumps the change serial, which a running daemon polls to notice it.
"""

from __future__ import annotations

import random
import time as monotime
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from sqlalchemy import Engine, Integer, String, cast, func, text, update
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, col, select

from watcher.clock import ensure_utc, utcnow
from watcher.core.leads import Lead, format_leads, parse_lead
from watcher.core.matching import same_event
from watcher.core.planning import DEFAULT_ALL_DAY_TIME, Due, check_due, plan_alerts
from watcher.core.text import clean_block, clean_text
from watcher.errors import NotFoundError, UsageError
from watcher.store.listing import DeadlineQuery, DeadlineReader, iter_deadlines, one_snapshot
from watcher.store.models import (
    MAX_ID,
    Alert,
    AlertKind,
    AlertState,
    Deadline,
    DeadlineStatus,
    HistoryEntry,
    Mention,
    Source,
    StoreMeta,
)

CHANGE_SERIAL_KEY = "change_serial"
_NOTICE_FACTS = frozenset({"sentence", "source", "source_title"})
SUPERSEDED = "superseded by a change to the deadline"
"""``last_error`` of an alert cancelled by re-planning. Only these come back when a later
change wants them again; an alert the user cancelled (by snoozing it) stays cancelled."""


@dataclass
class DeadlineDraft:
    """What is needed to add a deadline."""

    title: str
    due: Due
    leads: Sequence[Lead]
    channels: Sequence[str]
    kind: str = "deadline"
    tags: Sequence[str] = ()
    notes: str = ""
    id: int | None = None  # a free id to keep (import); None: the next one


@dataclass
class DeadlineChanges:
    """An edit: only the fields that are not None change."""

    title: str | None = None
    due: Due | None = None
    kind: str | None = None
    tags: Sequence[str] | None = None
    notes: str | None = None
    leads: Sequence[Lead] | None = None
    channels: Sequence[str] | None = None


@dataclass
class DeadlineView:
    """A deadline with everything ``show`` needs, detached from any session."""

    deadline: Deadline
    alerts: list[Alert] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    mentions: list[tuple[Mention, Source]] = field(default_factory=list)


def due_of(deadline: Deadline) -> Due:
    """The Due a stored deadline describes."""
    return Due(at=deadline.due_at, timezone=deadline.timezone, all_day=deadline.all_day)


class Store:
    """Reads and writes the store. ``clock`` is injected so tests can freeze time."""

    def __init__(
        self,
        engine: Engine,
        all_day_time: time = DEFAULT_ALL_DAY_TIME,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.all_day_time = all_day_time
        self.clock = clock

    # -- sessions -------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (or a write whose conflicts the caller handles itself)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed whole on success, rolled back on any error.

        On SQLite the write lock is taken up front (``BEGIN IMMEDIATE``); while another
        process holds it, we queue for up to :data:`WRITE_QUEUE_SECONDS` (the busy
        timeout is one wait of several), then say "busy, try again" in one line.
        """
        engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        with Session(engine, expire_on_commit=False) as session:
            transaction = _begin_write(session) if self.dialect == "sqlite" else session.begin()
            with transaction:
                yield session

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- change marker --------------------------------------------------------------------

    def change_serial(self) -> int:
        """A number that grows whenever the schedule changes (cheap to poll)."""
        with self.session() as session:
            row = session.get(StoreMeta, CHANGE_SERIAL_KEY)
            return int(row.value) if row else 0

    @staticmethod
    def bump_change_serial(session: Session) -> None:
        result = session.execute(
            update(StoreMeta)
            .where(col(StoreMeta.key) == CHANGE_SERIAL_KEY)
            .values(value=cast(cast(col(StoreMeta.value), Integer) + 1, String))
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            session.add(StoreMeta(key=CHANGE_SERIAL_KEY, value="1"))

    # -- deadlines ------------------------------------------------------------------------

    def add_deadline(
        self, draft: DeadlineDraft, session: Session | None = None, *, bump: bool = True
    ) -> Deadline:
        """Store a new deadline and plan its alerts (``bump=False``: a caller adding many
        bumps the change serial once itself)."""
        if session is None:
            with self.write() as new_session:
                return self.add_deadline(draft, new_session, bump=bump)
        title = _clean_title(draft.title)
        check_due(draft.due)
        now = self.now()
        deadline = Deadline(
            id=draft.id,
            title=title,
            due_at=draft.due.at.replace(microsecond=0),
            timezone=draft.due.timezone,
            all_day=draft.due.all_day,
            kind=draft.kind,
            tags=_clean_tags(draft.tags),
            notes=clean_block(draft.notes),
            leads=format_leads(list(draft.leads)),
            channels=sorted(set(draft.channels)),
            created_at=now,
            updated_at=now,
            version=1,
        )
        session.add(deadline)
        session.flush()
        self._record(session, deadline, "created", snapshot(deadline), now)
        self.replan(session, deadline, now)
        if bump:
            self.bump_change_serial(session)
        return deadline

    def get_deadline(self, deadline_id: int, session: Session | None = None) -> Deadline:
        if session is None:
            with self.session() as new_session:
                return self.get_deadline(deadline_id, new_session)
        deadline = session.get(Deadline, deadline_id) if 0 < deadline_id <= MAX_ID else None
        if deadline is None:
            raise NotFoundError(f"no deadline with id {deadline_id}: see `watcher list --all`")
        return deadline

    def view(self, deadline_id: int) -> DeadlineView:
        """A deadline with its alerts, history and mentions."""
        with self.session() as session:
            deadline = self.get_deadline(deadline_id, session)
            alerts = session.exec(
                select(Alert)
                .where(Alert.deadline_id == deadline_id)
                .order_by(col(Alert.fire_at), col(Alert.channel))
            ).all()
            history = session.exec(
                select(HistoryEntry)
                .where(HistoryEntry.deadline_id == deadline_id)
                .order_by(col(HistoryEntry.id))
            ).all()
            mentions = session.exec(
                select(Mention, Source)
                .join(Source, col(Source.id) == col(Mention.source_id))
                .where(Mention.deadline_id == deadline_id)
                .order_by(col(Mention.id))
            ).all()
            return DeadlineView(
                deadline, list(alerts), list(history), [(m, s) for m, s in mentions]
            )

    def list_deadlines(
        self,
        *,
        upcoming: bool = True,
        past: bool = False,
        statuses: Sequence[str] = (DeadlineStatus.ACTIVE,),
        tag: str | None = None,
        now: datetime | None = None,
    ) -> list[Deadline]:
        """Deadlines soonest first. ``upcoming`` and ``past`` select by due instant.

        An all-day deadline counts as upcoming for the whole of its local day. For lists
        that may be long, :meth:`reader` streams them (see ``watcher.store.listing``).
        """
        query = DeadlineQuery(upcoming=upcoming, past=past, statuses=tuple(statuses), tag=tag)
        with self.session() as session:
            return list(iter_deadlines(session, query, ensure_utc(now or self.now())))

    @contextmanager
    def reader(self, now: datetime | None = None) -> Iterator[DeadlineReader]:
        """Deadline lists read from one consistent snapshot, streamed in batches."""
        with self.session() as session, one_snapshot(session):
            yield DeadlineReader(session, ensure_utc(now or self.now()))

    def edit_deadline(self, deadline_id: int, changes: DeadlineChanges) -> Deadline:
        """Apply ``changes``, re-plan pending alerts and record what changed."""
        with self.write() as session:
            deadline = self.locked(session, deadline_id)
            now = self.now()
            before = snapshot(deadline)
            old_due = due_of(deadline)
            if changes.title is not None:
                deadline.title = _clean_title(changes.title)
            if changes.due is not None:
                check_due(changes.due)
                deadline.due_at = changes.due.at.replace(microsecond=0)
                deadline.timezone = changes.due.timezone
                deadline.all_day = changes.due.all_day
            if changes.kind is not None:
                deadline.kind = changes.kind
            if changes.tags is not None:
                deadline.tags = _clean_tags(changes.tags)
            if changes.notes is not None:
                deadline.notes = clean_block(changes.notes)
            if changes.leads is not None:
                deadline.leads = format_leads(list(changes.leads))
            if changes.channels is not None:
                deadline.channels = sorted(set(changes.channels))
            diff = _diff(before, snapshot(deadline))
            if not diff:
                return deadline
            deadline.version += 1
            deadline.updated_at = now
            session.add(deadline)
            self._record(session, deadline, "edited", diff, now)
            self.replan(session, deadline, now)
            if due_of(deadline) != old_due and deadline.status == DeadlineStatus.ACTIVE:
                self.announce_move(session, deadline, old_due, now, {})
            self.bump_change_serial(session)
            return deadline

    def set_status(
        self, deadline_id: int, status: DeadlineStatus, session: Session | None = None
    ) -> Deadline:
        """Finish, cancel or reopen a deadline; what was pending is cancelled or re-planned.

        With ``session``, the change joins that write transaction (an action link records
        its use in the same one)."""
        if session is None:
            with self.write() as new_session:
                return self.set_status(deadline_id, status, new_session)
        deadline = self.locked(session, deadline_id)
        action = {
            DeadlineStatus.DONE: "done",
            DeadlineStatus.CANCELLED: "cancelled",
            DeadlineStatus.ACTIVE: "reopened",
        }[status]
        self.change_status(session, deadline, status, self.now(), action=action)
        return deadline

    def change_status(
        self,
        session: Session,
        deadline: Deadline,
        status: DeadlineStatus,
        now: datetime,
        *,
        action: str,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Set a locked deadline's status, record why, and re-plan its alerts."""
        if deadline.status == status:
            return
        changes = {"status": [deadline.status, str(status)], **(extra or {})}
        self._record(session, deadline, action, changes, now, bump=True)
        deadline.status = status
        deadline.updated_at = now
        session.add(deadline)
        self.replan(session, deadline, now)
        self.bump_change_serial(session)

    def move(
        self,
        session: Session,
        deadline: Deadline,
        due: Due,
        now: datetime,
        extra: dict[str, Any],
    ) -> None:
        """Give a locked deadline a new date because the news moved it; re-plan and tell
        its channels (one notice per deadline, carrying the latest change)."""
        old_due = due_of(deadline)
        deadline.due_at = due.at.replace(microsecond=0)
        deadline.timezone = due.timezone
        deadline.all_day = due.all_day
        changes = {
            "due": [old_due.at.isoformat(), deadline.due_at.isoformat()],
            "all_day": [old_due.all_day, deadline.all_day],
            "timezone": [old_due.timezone, deadline.timezone],
            **extra,
        }
        deadline.updated_at = now
        self._record(session, deadline, "moved", changes, now, bump=True)
        session.add(deadline)
        self.replan(session, deadline, now)
        if deadline.status == DeadlineStatus.ACTIVE:
            detail = {k: v[1] for k, v in extra.items() if k in _NOTICE_FACTS}
            self.announce_move(session, deadline, old_due, now, detail)
        self.bump_change_serial(session)

    def restore(
        self,
        session: Session,
        deadline: Deadline,
        before: dict[str, Any],
        now: datetime,
        undid: int | None,
    ) -> None:
        """Put a locked deadline back as a snapshot had it (undo), re-planning its alerts."""
        old_due = due_of(deadline)
        current = snapshot(deadline)
        if "title" in before:
            deadline.title = before["title"]
        if "due" in before:
            deadline.due_at = ensure_utc(datetime.fromisoformat(before["due"]))
        for key in ("timezone", "all_day", "kind", "notes", "status"):
            if key in before:
                setattr(deadline, key, before[key])
        for key in ("tags", "leads", "channels"):
            if key in before:
                setattr(deadline, key, list(before[key]))
        diff = _diff(current, snapshot(deadline))
        deadline.updated_at = now
        self._record(session, deadline, "undone", {**diff, "undid": [None, undid]}, now, bump=True)
        session.add(deadline)
        self.replan(session, deadline, now)
        if due_of(deadline) != old_due and deadline.status == DeadlineStatus.ACTIVE:
            self.announce_move(session, deadline, old_due, now, {"reason": "undone"})

    def delete_rows(self, session: Session, deadline: Deadline) -> None:
        """Delete a locked deadline with everything that refers to it."""
        for table in ("alerts", "mentions", "deadline_history", "deadline_terms", "proposals"):
            session.execute(
                text(f"DELETE FROM {table} WHERE deadline_id = :id"), {"id": deadline.id}
            )
        session.delete(deadline)

    def remove_deadline(self, deadline_id: int) -> Deadline:
        """Delete a deadline with its alerts, mentions and history."""
        with self.write() as session:
            deadline = self.locked(session, deadline_id)
            self.delete_rows(session, deadline)
            self.bump_change_serial(session)
            return deadline

    def find_deadline(
        self, session: Session, title: str, day_start: datetime, day_end: datetime
    ) -> Deadline | None:
        """A deadline with the same title (case-insensitive) due in [day_start, day_end)."""
        return session.exec(
            select(Deadline).where(
                func.lower(Deadline.title) == clean_text(title).lower(),
                col(Deadline.due_at) >= ensure_utc(day_start),
                col(Deadline.due_at) < ensure_utc(day_end),
            )
        ).first()

    def find_same_event(self, session: Session, title: str, kind: str, due: Due) -> Deadline | None:
        """A stored deadline on the same local day that names the same event, if any."""
        day = Due.for_date(due.local_date, due.timezone)
        candidates = self.deadlines_due_between(session, day.at, day.end)
        return next((d for d in candidates if same_event(d.title, d.kind, title, kind)), None)

    def add_unless_known(self, session: Session, draft: DeadlineDraft) -> tuple[Deadline, bool]:
        """The stored deadline naming the same event on the same day, else a new one from
        ``draft``; the flag says whether it was created. Loading an article twice, or the
        same event from two articles, adds one deadline."""
        existing = self.find_same_event(session, draft.title, draft.kind, draft.due)
        if existing is not None:
            return existing, False
        return self.add_deadline(draft, session), True

    def deadlines_due_between(
        self, session: Session, start: datetime, end: datetime
    ) -> list[Deadline]:
        """Candidates for de-duplication: every deadline due in [start, end)."""
        return list(
            session.exec(
                select(Deadline).where(
                    col(Deadline.due_at) >= ensure_utc(start),
                    col(Deadline.due_at) < ensure_utc(end),
                )
            ).all()
        )

    # -- sources and mentions -------------------------------------------------------------

    def add_source(
        self,
        session: Session,
        *,
        location: str,
        content_hash: str,
        title: str = "",
        publisher: str = "",
        published: str = "",
        text: str = "",
    ) -> Source:
        """The source with this content hash, created if it is new (so loading is idempotent)."""
        existing = session.exec(select(Source).where(Source.content_hash == content_hash)).first()
        if existing is not None:
            return existing
        source = Source(
            location=clean_text(location),
            content_hash=content_hash,
            title=clean_text(title),
            publisher=clean_text(publisher),
            published=clean_text(published),
            text=clean_block(text),
            created_at=self.now(),
        )
        session.add(source)
        session.flush()
        return source

    def source_by_hash(self, session: Session, content_hash: str) -> Source | None:
        """The stored article with this content, if it was read before."""
        return session.exec(select(Source).where(Source.content_hash == content_hash)).first()

    def add_mention(
        self,
        session: Session,
        deadline: Deadline,
        source: Source,
        *,
        sentence: str,
        span: str = "",
        start: int = 0,
    ) -> Mention | None:
        """Link a deadline to the sentence that named it; None if that link exists already."""
        assert deadline.id is not None and source.id is not None
        sentence, span = clean_text(sentence), clean_text(span)
        exists = session.exec(
            select(Mention).where(
                Mention.deadline_id == deadline.id,
                Mention.source_id == source.id,
                Mention.start == start,
            )
        ).first()
        if exists is not None:
            return None
        mention = Mention(
            deadline_id=deadline.id,
            source_id=source.id,
            sentence=sentence,
            span=span,
            start=start,
            created_at=self.now(),
        )
        session.add(mention)
        self._record(
            session,
            deadline,
            "mentioned",
            {"source": [None, source.location], "sentence": [None, sentence]},
            self.now(),
        )
        return mention

    # -- alerts ---------------------------------------------------------------------------

    def alerts(
        self,
        *,
        states: Sequence[str] = (),
        deadline_id: int | None = None,
        limit: int | None = None,
    ) -> list[Alert]:
        """Alerts soonest first, optionally filtered."""
        query = select(Alert).order_by(col(Alert.next_try_at), col(Alert.id))
        if states:
            query = query.where(col(Alert.state).in_(list(states)))
        if deadline_id is not None:
            query = query.where(Alert.deadline_id == deadline_id)
        if limit is not None:
            query = query.limit(limit)
        with self.session() as session:
            return list(session.exec(query).all())

    # -- internals ------------------------------------------------------------------------

    def now(self) -> datetime:
        return ensure_utc(self.clock()).replace(microsecond=0)

    def locked(self, session: Session, deadline_id: int) -> Deadline:
        deadline = (
            session.get(Deadline, deadline_id, with_for_update=True)
            if 0 < deadline_id <= MAX_ID
            else None
        )
        if deadline is None:
            raise NotFoundError(f"no deadline with id {deadline_id}: see `watcher list --all`")
        return deadline

    def _record(
        self,
        session: Session,
        deadline: Deadline,
        action: str,
        changes: dict[str, Any],
        now: datetime,
        bump: bool = False,
    ) -> None:
        if bump:
            deadline.version += 1
        assert deadline.id is not None
        session.add(
            HistoryEntry(
                deadline_id=deadline.id,
                at=now,
                action=action,
                version=deadline.version,
                changes=changes,
            )
        )

    def replan(self, session: Session, deadline: Deadline, now: datetime) -> None:
        """Make the pending reminder rows match the deadline; sent rows stay as history."""
        assert deadline.id is not None
        existing = {
            (a.lead, a.channel, a.fire_at): a
            for a in session.exec(
                select(Alert).where(
                    Alert.deadline_id == deadline.id, Alert.kind == AlertKind.REMINDER
                )
            ).all()
        }
        wanted = []
        if deadline.status == DeadlineStatus.ACTIVE:
            wanted = plan_alerts(
                due_of(deadline),
                [parse_lead(x) for x in deadline.leads],
                deadline.channels,
                now,
                self.all_day_time,
            )
        wanted_keys = {(p.lead, p.channel, p.fire_at) for p in wanted}
        for key, alert in existing.items():
            if alert.state == AlertState.PENDING and key not in wanted_keys:
                alert.state = AlertState.CANCELLED
                alert.last_error = SUPERSEDED
                alert.updated_at = now
                session.add(alert)
        for planned in wanted:
            key = (planned.lead, planned.channel, planned.fire_at)
            current = existing.get(key)
            if current is None:
                session.add(
                    Alert(
                        deadline_id=deadline.id,
                        kind=AlertKind.REMINDER,
                        lead=planned.lead,
                        channel=planned.channel,
                        fire_at=planned.fire_at,
                        next_try_at=planned.fire_at,
                        created_at=now,
                        updated_at=now,
                    )
                )
            elif current.state == AlertState.CANCELLED and current.last_error == SUPERSEDED:
                current.state = AlertState.PENDING
                current.next_try_at = planned.fire_at
                current.attempts = 0
                current.last_error = None
                current.updated_at = now
                session.add(current)
        if deadline.status != DeadlineStatus.ACTIVE:
            session.execute(
                update(Alert)
                .where(
                    col(Alert.deadline_id) == deadline.id,
                    col(Alert.state) == AlertState.PENDING,
                    col(Alert.kind) != AlertKind.CALLED_OFF,
                )
                .values(state=AlertState.CANCELLED, last_error=SUPERSEDED, updated_at=now)
            )

    def announce_move(
        self,
        session: Session,
        deadline: Deadline,
        old_due: Due,
        now: datetime,
        detail: dict[str, Any],
    ) -> None:
        """Queue a 'date moved' notice to each channel, due at once. A notice not sent yet
        is reused, keeping its first previous date, so several moves while the daemon is
        down send one notice (old date -> newest date); a move back cancels it."""
        assert deadline.id is not None
        pending = {
            a.channel: a
            for a in session.exec(
                select(Alert).where(
                    Alert.deadline_id == deadline.id,
                    Alert.kind == AlertKind.MOVED,
                    col(Alert.state) == AlertState.PENDING,
                )
            ).all()
        }
        first = {
            "previous_due": old_due.at.isoformat(),
            "previous_timezone": old_due.timezone,
            "previous_all_day": old_due.all_day,
        }
        for channel in deadline.channels:
            notice = pending.get(channel)
            if notice is None:
                self.announce(session, deadline, AlertKind.MOVED, now, {**first, **detail}, channel)
                continue
            kept = dict(notice.detail or {}) or first
            if kept.get("previous_due") == deadline.due_at.isoformat():
                notice.state = AlertState.CANCELLED
                notice.last_error = "moved back before the notice was sent"
            else:
                notice.detail = {**kept, **detail, **{k: kept[k] for k in first if k in kept}}
            notice.updated_at = now
            session.add(notice)

    def announce(
        self,
        session: Session,
        deadline: Deadline,
        kind: AlertKind,
        now: datetime,
        detail: dict[str, Any],
        channel: str | None = None,
    ) -> None:
        """Queue a notice (moved, called off) to one or every channel of a deadline, due now."""
        assert deadline.id is not None
        for name in [channel] if channel else deadline.channels:
            same = session.exec(  # a notice already made this second (the unique key)
                select(Alert).where(
                    Alert.deadline_id == deadline.id,
                    Alert.kind == kind,
                    Alert.lead == str(kind),
                    Alert.channel == name,
                    Alert.fire_at == now,
                )
            ).first()
            if same is not None:
                same.state, same.detail, same.updated_at = AlertState.PENDING, detail or None, now
                same.next_try_at, same.attempts, same.last_error = now, 0, None
                session.add(same)
                continue
            session.add(
                Alert(
                    deadline_id=deadline.id,
                    kind=kind,
                    lead=str(kind),
                    channel=name,
                    fire_at=now,
                    next_try_at=now,
                    detail=detail or None,
                    created_at=now,
                    updated_at=now,
                )
            )

    def ping(self) -> None:
        """Fail fast with a StoreError-able exception when the database is unusable."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))


WRITE_QUEUE_SECONDS = 60.0
"""How long a SQLite writer queues behind others before giving up with "busy"."""


def _begin_write(session: Session) -> SessionTransaction:
    """``BEGIN IMMEDIATE`` now, retried while the database is locked (SQLite only)."""
    from sqlalchemy.exc import OperationalError

    from watcher.errors import StoreError

    give_up = monotime.monotonic() + WRITE_QUEUE_SECONDS
    while True:
        transaction = session.begin()
        try:
            session.connection()
            return transaction
        except OperationalError as error:
            transaction.rollback()
            if "locked" not in str(error.orig) and "busy" not in str(error.orig):
                raise
            if monotime.monotonic() >= give_up:
                raise StoreError(
                    "the database is busy (other watcher processes are writing to it): try again"
                ) from None
            monotime.sleep(random.uniform(0.01, 0.1))


def _clean_title(title: str) -> str:
    cleaned = clean_text(title)
    if not cleaned:
        raise UsageError("the title is empty")
    return cleaned


def _clean_tags(tags: Sequence[str]) -> list[str]:
    return sorted({clean_text(t) for t in tags} - {""})


def snapshot(deadline: Deadline) -> dict[str, Any]:
    return {
        "title": deadline.title,
        "due": deadline.due_at.isoformat(),
        "timezone": deadline.timezone,
        "all_day": deadline.all_day,
        "kind": deadline.kind,
        "tags": list(deadline.tags),
        "notes": deadline.notes,
        "leads": list(deadline.leads),
        "channels": list(deadline.channels),
        "status": deadline.status,
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}


__all__ = ["DeadlineChanges", "DeadlineDraft", "DeadlineView", "Store", "due_of", "snapshot"]
