"""The web face's reads and writes: its secrets, the feed token, used links, and the
queries behind the feed, the dashboard, the deadline page, /healthz and /metrics.

Handlers in :mod:`watcher.web` call these and never build SQL themselves.
"""

from __future__ import annotations

import json
import secrets as _secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Float, and_, case, cast, func, literal_column, or_, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from watcher.errors import UsageError
from watcher.store.models import (
    Alert,
    AlertState,
    DaemonRecord,
    Deadline,
    DeadlineStatus,
    Delivery,
    Mention,
    Source,
    StoreMeta,
    UsedLink,
)
from watcher.store.repository import DeadlineView, Store, due_of

WEB_SECRET_KEY = "web_secret"
"""``store_meta`` key of the secret that signs sessions, CSRF tokens and action links."""
FEED_TOKEN_KEY = "feed_token"
"""``store_meta`` key of the calendar feed's token (the only way into the feed)."""


# -- secrets ------------------------------------------------------------------------------


def _meta(session: Session, key: str) -> str | None:
    row = session.get(StoreMeta, key)
    return row.value if row else None


def get_or_create_secret(store: Store, key: str, nbytes: int = 32) -> str:
    """The random value stored under ``key``, created on first use.

    Two processes creating it at once: one insert wins, the other reads the winner's.
    """
    with store.session() as session:
        existing = _meta(session, key)
    if existing:
        return existing
    value = _secrets.token_urlsafe(nbytes)
    try:
        with store.write() as session:
            current = _meta(session, key)
            if current:
                return current
            session.add(StoreMeta(key=key, value=value))
    except IntegrityError:
        with store.session() as session:
            winner = _meta(session, key)
        if winner:
            return winner
        raise
    return value


def web_secret(store: Store) -> str:
    return get_or_create_secret(store, WEB_SECRET_KEY)


def feed_token(store: Store) -> str:
    return get_or_create_secret(store, FEED_TOKEN_KEY, nbytes=24)


def rotate_feed_token(store: Store) -> str:
    """A new feed token; the old one stops working at once."""
    value = _secrets.token_urlsafe(24)
    with store.write() as session:
        row = session.get(StoreMeta, FEED_TOKEN_KEY)
        if row is None:
            session.add(StoreMeta(key=FEED_TOKEN_KEY, value=value))
        else:
            row.value = value
            session.add(row)
    return value


# -- the calendar feed ----------------------------------------------------------------------

FEED_STATUSES = (DeadlineStatus.ACTIVE, DeadlineStatus.DONE, DeadlineStatus.CANCELLED)


class FeedRow(NamedTuple):
    """The columns of a deadline the feed and the timeline read (no ORM object)."""

    id: int
    title: str
    due_at: datetime
    timezone: str
    all_day: bool
    kind: str
    tags: list[str]
    status: str
    notes: str
    leads: list[str]
    created_at: datetime
    updated_at: datetime
    version: int


_FEED_COLUMNS = (
    "id, title, due_at, timezone, all_day, kind, tags, status, notes, leads, "
    "created_at, updated_at, version"
)


def _utc(value: Any) -> datetime:
    """A stored instant as aware UTC: SQLite gives text, PostgreSQL naive datetimes."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC)


def _feed_rows(
    store: Store, where: str | ColumnElement[bool], params: dict[str, Any] | None = None
) -> list[FeedRow]:
    """Rows read with plain SQL and converted here: for 10,000 deadlines this is 5-10x
    faster than building ORM objects, and the feed and the dashboard read that many.

    Tags and leads repeat from row to row, so each distinct JSON text is decoded once and
    its list shared between rows: treat them as read-only."""
    query = (
        select(text(_FEED_COLUMNS))
        .select_from(Deadline)
        .where(text(where) if isinstance(where, str) else where)
        .order_by(text("due_at, id"))
    )
    with store.engine.connect() as connection:
        result = connection.execute(query, params or {}).all()
    decoded: dict[str, list[str]] = {}

    def as_list(value: Any) -> list[str]:
        if not isinstance(value, str):  # PostgreSQL's driver decodes JSON itself
            return list(value or [])
        found = decoded.get(value)
        if found is None:
            found = decoded[value] = json.loads(value)
        return found

    return [
        FeedRow(
            int(r[0]),
            r[1],
            _utc(r[2]),
            r[3],
            bool(r[4]),
            r[5],
            as_list(r[6]),
            r[7],
            r[8] or "",
            as_list(r[9]),
            _utc(r[10]),
            _utc(r[11]),
            int(r[12]),
        )
        for r in result
    ]


def feed_deadlines(store: Store, tag: str | None = None) -> list[FeedRow]:
    """Every deadline the feed shows, soonest first: active and done ones, and cancelled
    ones (so subscribed calendars learn of the cancellation); ``tag`` narrows to one tag."""
    rows = _feed_rows(
        store,
        "status IN (:active, :done, :cancelled)",
        {"active": "active", "done": "done", "cancelled": "cancelled"},
    )
    return rows if tag is None else [d for d in rows if tag in d.tags]


# -- act-from-the-message links -------------------------------------------------------------


class LinkUsed(Exception):
    """This link has already acted."""


class LinkTargetGone(Exception):
    """The deadline or alert the link names no longer exists."""


@dataclass(frozen=True)
class LinkTarget:
    """What a link acts on, for its confirmation page."""

    deadline: Deadline
    alert: Alert | None


def link_used(store: Store, nonce: str) -> bool:
    with store.session() as session:
        return session.get(UsedLink, nonce) is not None


def link_target(store: Store, action: str, target_id: int) -> LinkTarget:
    """The deadline (done) or the alert and its deadline (snooze) a link names."""
    with store.session() as session:
        return _target(session, action, target_id)


def _target(session: Session, action: str, target_id: int) -> LinkTarget:
    if action == "done":
        deadline = session.get(Deadline, target_id)
        if deadline is None:
            raise LinkTargetGone()
        return LinkTarget(deadline, None)
    alert = session.get(Alert, target_id)
    deadline = session.get(Deadline, alert.deadline_id) if alert else None
    if alert is None or deadline is None:
        raise LinkTargetGone()
    return LinkTarget(deadline, alert)


def _deadline_end(deadline: Deadline) -> datetime:
    return due_of(deadline).end


def act_on_link(
    store: Store, *, nonce: str, action: str, target_id: int, snooze: timedelta | None = None
) -> tuple[LinkTarget, datetime | None]:
    """Do what a link says and record its use, in one transaction: either both or neither.

    ``snooze`` is the delay of a snooze action; returns the target and, for a snooze, when
    the reminder comes again. Raises LinkUsed, LinkTargetGone, or UsageError (a snooze
    past the deadline, a deadline no longer active), changing nothing.
    """
    now = store.now()
    try:
        with store.write() as session:
            if session.get(UsedLink, nonce) is not None:
                raise LinkUsed()
            target = _target(session, action, target_id)
            session.add(UsedLink(nonce=nonce, action=action, target_id=target_id, used_at=now))
            session.flush()  # a concurrent use of the same link fails here (primary key)
            until: datetime | None = None
            if action == "done":
                assert target.deadline.id is not None
                store.set_status(target.deadline.id, DeadlineStatus.DONE, session)
            else:
                assert snooze is not None
                until = _snooze(session, target, now, snooze, action.removeprefix("snooze-"))
    except IntegrityError:
        raise LinkUsed() from None
    return target, until


def _snooze(
    session: Session, target: LinkTarget, now: datetime, delay: timedelta, label: str
) -> datetime:
    from watcher.store import queue

    assert target.alert is not None
    until = now + delay
    if until >= _deadline_end(target.deadline):
        raise UsageError(f"{label} from now is after the deadline itself: nothing was snoozed")
    queue.snooze(session, target.alert, now=now, until=until, label=label)
    return until


def snooze_alert(
    store: Store, alert_id: int, delay: timedelta, label: str
) -> tuple[Deadline, datetime]:
    """Snooze one alert from the dashboard; LinkTargetGone or UsageError change nothing."""
    now = store.now()
    with store.write() as session:
        target = _target(session, "snooze", alert_id)
        until = _snooze(session, target, now, delay, label)
        return target.deadline, until


# -- /healthz and /metrics ------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    """Is the database reachable, and how old is the freshest daemon heartbeat."""

    database_ok: bool
    database_error: str = ""
    heartbeat_age: float | None = None  # seconds; None when no daemon is running
    daemon_id: str = ""


def health(store: Store, now: datetime) -> Health:
    """Never raises: an unreachable database is reported, not thrown (no URL in the text)."""
    try:
        with store.session() as session:
            record = session.exec(
                select(DaemonRecord)
                .where(col(DaemonRecord.stopped_at).is_(None))
                .order_by(col(DaemonRecord.heartbeat_at).desc())
                .limit(1)
            ).first()
    except SQLAlchemyError as error:
        return Health(database_ok=False, database_error=type(error).__name__)
    if record is None:
        return Health(database_ok=True)
    age = max(0.0, (now - record.heartbeat_at).total_seconds())
    return Health(database_ok=True, heartbeat_age=age, daemon_id=record.id)


LATENESS_BUCKETS = (1.0, 5.0, 30.0, 60.0, 300.0, 1800.0, 3600.0, 86400.0)
"""Upper bounds (seconds) of the sent-minus-fire-time histogram."""


@dataclass(frozen=True)
class MetricsSnapshot:
    """Every figure /metrics shows, read in one session at one instant."""

    alerts_by_state: dict[str, int]
    alerts_sent_late: int
    queue_due: int  # claimable now: pending and due, or claimed with an expired lease
    deliveries: dict[tuple[str, str, str], int]  # (channel, purpose, outcome) -> count
    deadlines_by_status: dict[str, int]
    sources: int
    mentions: int
    lateness_buckets: list[tuple[float, int]]  # cumulative counts
    lateness_count: int
    lateness_sum: float
    heartbeat_age: float | None
    daemons_alive: int


def _seconds_between(session: Session, later: Any, earlier: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * literal_column("86400.0")


def metrics_snapshot(store: Store, now: datetime, alive_within: timedelta) -> MetricsSnapshot:
    """The figures behind /metrics: a handful of grouped counts, whatever the table sizes."""
    with store.session() as session:
        by_state = {
            str(state): int(n)
            for state, n in session.exec(
                select(Alert.state, func.count()).group_by(col(Alert.state))
            ).all()
        }
        late = session.exec(
            select(func.count()).where(
                col(Alert.state) == AlertState.SENT, col(Alert.late).is_(True)
            )
        ).one()
        due = session.exec(
            select(func.count()).where(
                or_(
                    and_(col(Alert.state) == AlertState.PENDING, col(Alert.next_try_at) <= now),
                    and_(col(Alert.state) == AlertState.CLAIMED, col(Alert.lease_until) < now),
                )
            )
        ).one()
        deliveries = {
            (str(channel), str(purpose), str(outcome)): int(n)
            for channel, purpose, outcome, n in session.exec(
                select(Delivery.channel, Delivery.purpose, Delivery.outcome, func.count()).group_by(
                    col(Delivery.channel), col(Delivery.purpose), col(Delivery.outcome)
                )
            ).all()
        }
        statuses = {
            str(status): int(n)
            for status, n in session.exec(
                select(Deadline.status, func.count()).group_by(col(Deadline.status))
            ).all()
        }
        sources = session.exec(select(func.count()).select_from(Source)).one()
        mentions = session.exec(select(func.count()).select_from(Mention)).one()
        lateness = cast(_seconds_between(session, Alert.sent_at, Alert.fire_at), Float)
        sent = and_(col(Alert.state) == AlertState.SENT, col(Alert.sent_at).is_not(None))
        columns = [func.sum(case((lateness <= bound, 1), else_=0)) for bound in LATENESS_BUCKETS]
        row = session.exec(select(func.count(), func.sum(lateness), *columns).where(sent)).one()
        counts: list[Any] = list(row[2:])
        daemons = list(
            session.exec(
                select(DaemonRecord.heartbeat_at).where(col(DaemonRecord.stopped_at).is_(None))
            ).all()
        )
    ages = [max(0.0, (now - beat).total_seconds()) for beat in daemons]
    return MetricsSnapshot(
        alerts_by_state=by_state,
        alerts_sent_late=int(late or 0),
        queue_due=int(due or 0),
        deliveries=deliveries,
        deadlines_by_status=statuses,
        sources=int(sources or 0),
        mentions=int(mentions or 0),
        lateness_buckets=[
            (bound, int(n or 0)) for bound, n in zip(LATENESS_BUCKETS, counts, strict=True)
        ],
        lateness_count=int(row[0] or 0),
        lateness_sum=float(row[1] or 0.0),
        heartbeat_age=min(ages) if ages else None,
        daemons_alive=sum(1 for age in ages if age <= alive_within.total_seconds()),
    )


# -- the dashboard and the deadline page ----------------------------------------------------


def _upcoming(session: Session, now: datetime) -> ColumnElement[bool]:
    """Active and not yet over (an all-day deadline lasts its whole local day)."""
    from watcher.store.queue import deadline_over

    return and_(col(Deadline.status) == DeadlineStatus.ACTIVE, ~deadline_over(session, now))


@dataclass(frozen=True)
class Dashboard:
    """The first screen: the deadlines in the picture's window, and one page of the list."""

    window: list[FeedRow]
    rows: list[Deadline]
    total: int


def dashboard(
    store: Store,
    now: datetime,
    *,
    window_end: datetime,
    offset: int = 0,
    limit: int = 50,
    window_cap: int = 5000,
) -> Dashboard:
    """Upcoming deadlines: those due before ``window_end`` (at most ``window_cap``), one
    page of ``limit`` from ``offset``, and how many there are in all."""
    order = (col(Deadline.due_at), col(Deadline.id))
    with store.session() as session:
        upcoming = _upcoming(session, now)
        rows = session.exec(
            select(Deadline).where(upcoming).order_by(*order).offset(offset).limit(limit)
        ).all()
        total = session.exec(select(func.count()).select_from(Deadline).where(upcoming)).one()
    window = _feed_rows(store, and_(upcoming, col(Deadline.due_at) < window_end))[:window_cap]
    return Dashboard(window, list(rows), int(total or 0))


@dataclass(frozen=True)
class AlertOutcomes:
    """One alert and every delivery attempt of it, URL by URL."""

    alert: Alert
    deliveries: list[Delivery]


@dataclass(frozen=True)
class DeadlinePage:
    view: DeadlineView
    alerts: list[AlertOutcomes]


def deadline_page(store: Store, deadline_id: int) -> DeadlinePage:
    """A deadline with its history, sources and sentences, and its alerts' outcomes.

    Raises NotFoundError for an unknown id."""
    view = store.view(deadline_id)
    ids = [a.id for a in view.alerts if a.id is not None]
    by_alert: dict[int, list[Delivery]] = {i: [] for i in ids}
    if ids:
        with store.session() as session:
            for delivery in session.exec(
                select(Delivery).where(col(Delivery.alert_id).in_(ids)).order_by(col(Delivery.id))
            ).all():
                if delivery.alert_id is not None:
                    by_alert[delivery.alert_id].append(delivery)
    outcomes = [AlertOutcomes(a, by_alert.get(a.id or 0, [])) for a in view.alerts]
    return DeadlinePage(view, outcomes)
