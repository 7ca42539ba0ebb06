"""Listing deadlines at any size: filter, order, page and limit in SQL, read in batches.

`watcher list` on a store of a million alerts reads one screenful of rows, not every row:
upcoming/past, status and tag are WHERE clauses, the order is the ``due_at`` index (id
breaks ties), a page continues after a deadline (keyset, ``--after ID``: as fast on the
last page as on the first) and rows stream in batches (a server-side cursor on PostgreSQL),
so memory does not grow with the store.

"Upcoming" keeps its meaning: a deadline is upcoming until it is over (``Due.end``), and an
all-day deadline is over at the next local midnight of its own zone. In SQL that is, for
an all-day deadline, ``due_at >= the last local midnight in its zone``; only deadlines due
in the last two days can be on either side, so the zones among them (a few) give a CASE
of cut-offs and every other row compares with ``now``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, false, func, literal, or_, true
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from watcher.clock import ensure_utc
from watcher.core.planning import Due
from watcher.errors import NotFoundError
from watcher.store.models import MAX_ID, Deadline, DeadlineStatus
from watcher.store.types import UTCDateTime

BAND = timedelta(hours=48)
"""Deadlines due more than this before ``now`` are over, whatever their zone (a local day
lasts at most 25 hours, so its midnight is never more than ~26 hours before ``now``)."""

BATCH = 500
"""Rows fetched per round trip when streaming."""


@dataclass(frozen=True)
class DeadlineQuery:
    """Which deadlines a list shows, and which page of them.

    ``upcoming`` and ``past`` select by whether the deadline is over; with only ``past``
    the order is most recent first, otherwise soonest first. ``limit`` None means all;
    ``after`` continues after that deadline in this order (the last id of a page).
    """

    upcoming: bool = True
    past: bool = False
    statuses: Sequence[str] = (DeadlineStatus.ACTIVE,)
    tag: str | None = None
    limit: int | None = None
    after: int | None = None

    @property
    def newest_first(self) -> bool:
        return self.past and not self.upcoming


@contextmanager
def one_snapshot(session: Session) -> Iterator[Session]:
    """``session`` reading one consistent snapshot for all its statements.

    SQLite gives one to every read transaction; PostgreSQL needs REPEATABLE READ (its
    default READ COMMITTED takes a new snapshot per statement). Two passes over the same
    rows (the table's widths, then its lines) then see the same rows.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    yield session


class DeadlineReader:
    """Lists read from one snapshot at one ``now`` (see :func:`one_snapshot`)."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = ensure_utc(now)

    def deadlines(self, query: DeadlineQuery) -> Iterator[Deadline]:
        return iter_deadlines(self.session, query, self.now)

    def count(self, query: DeadlineQuery) -> int:
        return count_deadlines(self.session, query, self.now)


def iter_deadlines(
    session: Session, query: DeadlineQuery, now: datetime, batch: int = BATCH
) -> Iterator[Deadline]:
    """The deadlines ``query`` selects, in its order, read ``batch`` rows at a time.

    Nothing is held beyond the current batch (the session's identity map keeps only rows
    still referenced), so a caller that writes each row out runs in constant memory.
    """
    if query.limit == 0:
        return
    statement = select_deadlines(session, query, now)
    if query.limit is not None:
        statement = statement.limit(query.limit)
    result = session.exec(statement.execution_options(yield_per=batch))
    try:
        yield from result
    finally:
        result.close()


def count_deadlines(session: Session, query: DeadlineQuery, now: datetime) -> int:
    """How many deadlines ``query`` selects, ignoring its page (``limit``, ``after``)."""
    whole = DeadlineQuery(query.upcoming, query.past, query.statuses, query.tag)
    where = select_deadlines(session, whole, now).whereclause
    statement = select(func.count()).select_from(Deadline)
    if where is not None:
        statement = statement.where(where)
    return int(session.exec(statement).one())


def select_deadlines(
    session: Session, query: DeadlineQuery, now: datetime
) -> SelectOfScalar[Deadline]:
    """The SELECT for ``query`` (without its limit): filters, keyset page and order."""
    now = ensure_utc(now)
    due_at, id_ = col(Deadline.due_at), col(Deadline.id)
    conditions: list[ColumnElement[bool]] = []
    if query.statuses:
        status = col(Deadline.status)
        if session.get_bind().dialect.name == "sqlite":
            # SQLite keeps no statistics: it would take the status index (an equality)
            # and sort every active row; `status || ''` leaves it the due_at index
            conditions.append((status + "").in_(list(query.statuses)))
        else:
            conditions.append(status.in_(list(query.statuses)))
    if query.upcoming != query.past:
        ahead = _still_ahead(session, now)
        if query.upcoming:  # the redundant bound lets the due_at index skip what is over
            conditions += [due_at >= now - BAND, ahead]
        else:
            conditions += [due_at <= now, ~ahead]
    elif not query.upcoming:
        conditions.append(false())
    if query.tag is not None:
        conditions.append(_has_tag(session, query.tag))
    if query.after is not None:
        conditions.append(_after(session, query.after, query.newest_first))
    statement = select(Deadline).where(and_(true(), *conditions))
    if query.newest_first:
        return statement.order_by(due_at.desc(), id_.desc())
    return statement.order_by(due_at, id_)


def _still_ahead(session: Session, now: datetime) -> ColumnElement[bool]:
    """SQL for ``due_of(deadline).end > now`` (see the module's docstring)."""
    due_at, all_day = col(Deadline.due_at), col(Deadline.all_day)
    at_now = literal(now, UTCDateTime())
    zones = session.exec(
        select(col(Deadline.timezone)).where(all_day, due_at >= now - BAND, due_at < now).distinct()
    ).all()
    cutoff: ColumnElement[datetime] = at_now
    if zones:
        cutoffs = {zone: literal(_last_midnight(zone, now), UTCDateTime()) for zone in zones}
        cutoff = case(cutoffs, value=col(Deadline.timezone), else_=at_now)
    return or_(and_(~all_day, due_at > at_now), and_(all_day, due_at >= cutoff))


def _last_midnight(zone: str, now: datetime) -> datetime:
    """The UTC instant today began in ``zone``: all-day deadlines from then on are not over."""
    return Due.for_date(Due(at=now, timezone=zone).local_date, zone).at


def _has_tag(session: Session, tag: str) -> ColumnElement[bool]:
    """SQL for ``tag in deadline.tags`` (a JSON array of strings)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import cast
        from sqlalchemy.dialects.postgresql import JSONB

        return cast(col(Deadline.tags), JSONB).contains([tag])
    items = func.json_each(col(Deadline.tags)).table_valued("value")
    return select(1).select_from(items).where(items.c.value == tag).exists()


def _after(session: Session, deadline_id: int, newest_first: bool) -> ColumnElement[bool]:
    """Rows after the deadline ``deadline_id`` in the list's order (a keyset page)."""
    cursor = (
        session.exec(select(col(Deadline.due_at)).where(col(Deadline.id) == deadline_id)).first()
        if 0 < deadline_id <= MAX_ID
        else None
    )
    if cursor is None:
        raise NotFoundError(
            f"no deadline with id {deadline_id} to continue after: give an id the list showed"
        )
    due_at, id_ = col(Deadline.due_at), col(Deadline.id)
    if newest_first:  # the range on due_at keeps the index usable; ties go by id
        return and_(due_at <= cursor, or_(due_at < cursor, id_ < deadline_id))
    return and_(due_at >= cursor, or_(due_at > cursor, id_ > deadline_id))
