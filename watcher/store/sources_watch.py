"""Every statement about watched sources and the articles they carried, in one place.

A poll is claimed exactly like an alert (see queue.py): a compare-and-set UPDATE inside
``BEGIN IMMEDIATE`` on SQLite, ``SELECT ... FOR UPDATE SKIP LOCKED`` then UPDATE on
PostgreSQL, with a lease so a killed daemon's poll is picked up. Each later step re-checks
that the claim is still ours. Articles are remembered by link (unique) and content hash in
the same transaction as what reading them stored, so an article is read once, ever.

Life of a source::

    idle (next_check_at) --claim--> claimed --unchanged/changed/error--> idle (next check)
                                       \\--lease expires (daemon died)--> claimable again
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from watcher.clock import ensure_utc
from watcher.errors import NotFoundError, UsageError
from watcher.sources.spec import SourceSpec
from watcher.store.models import Alert, AlertKind, Deadline, WatchedArticle, WatchedSource
from watcher.store.repository import Store

CONFIG = "config"
CLI = "cli"


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# -- which sources exist --------------------------------------------------------------------


def _apply_spec(row: WatchedSource, spec: SourceSpec, now: datetime) -> None:
    if row.url != spec.url:  # another place: forget what the old one answered
        row.etag = row.last_modified = row.body_hash = None
        row.next_check_at = now
    if spec.every < row.every_seconds and row.last_check_at is not None:
        row.next_check_at = min(
            row.next_check_at, row.last_check_at + timedelta(seconds=spec.every)
        )
    row.url = spec.url
    row.every_seconds = spec.every
    row.tags = list(spec.tags)
    row.channels = list(spec.channels)
    row.follow = spec.follow
    row.min_confidence = spec.min_confidence
    row.auto_add = spec.auto_add
    row.updated_at = now


def new_row(spec: SourceSpec, origin: str, now: datetime) -> WatchedSource:
    row = WatchedSource(
        name=spec.name,
        url=spec.url,
        origin=origin,
        next_check_at=now,
        created_at=now,
        updated_at=now,
    )
    _apply_spec(row, spec, now)
    return row


def spec_of(row: WatchedSource) -> SourceSpec:
    return SourceSpec(
        name=row.name,
        url=row.url,
        every=row.every_seconds,
        tags=tuple(row.tags),
        channels=tuple(row.channels),
        follow=row.follow,
        min_confidence=row.min_confidence,
        auto_add=row.auto_add,
    )


def sync_config_sources(session: Session, specs: Sequence[SourceSpec], now: datetime) -> None:
    """Make the rows of configured sources match the configuration file.

    A source that left the file is deleted (its articles stay remembered, by link); one
    added with `watcher sources add` is left alone unless the file now defines its name.
    """
    now = ensure_utc(now)
    rows = {r.name: r for r in session.exec(select(WatchedSource)).all()}
    wanted = {spec.name: spec for spec in specs}
    for name, row in rows.items():
        if row.origin == CONFIG and name not in wanted:
            session.delete(row)
    for name, spec in wanted.items():
        existing = rows.get(name)
        if existing is None:
            session.add(new_row(spec, CONFIG, now))
            continue
        row = existing
        before = spec_of(row)
        if before != spec or row.origin != CONFIG:
            _apply_spec(row, spec, now)
            row.origin = CONFIG
            session.add(row)
    session.flush()


def add_cli_source(session: Session, spec: SourceSpec, now: datetime) -> WatchedSource:
    if session.exec(select(WatchedSource).where(WatchedSource.name == spec.name)).first():
        raise UsageError(f"a source named {spec.name!r} exists already: see `watcher sources list`")
    row = new_row(spec, CLI, ensure_utc(now))
    session.add(row)
    session.flush()
    return row


def remove_cli_source(session: Session, name: str) -> None:
    row = get_source(session, name)
    if row.origin == CONFIG:
        raise UsageError(
            f"source {name!r} is defined in the configuration file: remove [sources.{name}] there"
        )
    session.delete(row)


def get_source(session: Session, name: str) -> WatchedSource:
    row = session.exec(select(WatchedSource).where(WatchedSource.name == name)).first()
    if row is None:
        raise NotFoundError(f"no source named {name!r}: see `watcher sources list`")
    return row


def list_sources(session: Session) -> list[WatchedSource]:
    return list(session.exec(select(WatchedSource).order_by(col(WatchedSource.name))).all())


# -- claiming a poll ------------------------------------------------------------------------


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Due and unclaimed, or claimed by a daemon whose lease ran out."""
    return and_(
        col(WatchedSource.enabled).is_(True),
        or_(
            and_(col(WatchedSource.claimed_by).is_(None), col(WatchedSource.next_check_at) <= now),
            and_(col(WatchedSource.claimed_by).is_not(None), col(WatchedSource.lease_until) < now),
        ),
    )


def claim_due_sources(
    session: Session, *, worker: str, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim up to ``limit`` sources due at ``now`` for ``worker``, most overdue first."""
    now = ensure_utc(now)
    query = (
        select(WatchedSource.id)
        .where(_claimable(now))
        .order_by(col(WatchedSource.next_check_at), col(WatchedSource.id))
        .limit(limit)
    )
    if _is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    ids = list(session.exec(query).all())
    if not ids:
        return []
    session.execute(
        update(WatchedSource)
        .where(col(WatchedSource.id).in_(ids), _claimable(now))
        .values(claimed_by=worker, lease_until=lease_until)
        .execution_options(synchronize_session=False)
    )
    won = session.exec(
        select(WatchedSource.id)
        .where(
            col(WatchedSource.id).in_(ids),
            col(WatchedSource.claimed_by) == worker,
            col(WatchedSource.lease_until) == lease_until,
        )
        .order_by(col(WatchedSource.next_check_at), col(WatchedSource.id))
    ).all()
    return [i for i in won if i is not None]


def _mine(source_id: int, worker: str) -> ColumnElement[bool]:
    return and_(col(WatchedSource.id) == source_id, col(WatchedSource.claimed_by) == worker)


def _cas(session: Session, where: ColumnElement[bool], **values: object) -> bool:
    result = session.execute(
        update(WatchedSource)
        .where(where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def renew_source(
    session: Session, source_id: int, *, worker: str, now: datetime, lease_until: datetime
) -> bool:
    """Extend our claim; False means the poll is no longer ours (our lease ran out and
    another daemon took it), so nothing more may be written for it."""
    return _cas(
        session,
        and_(_mine(source_id, worker), col(WatchedSource.lease_until) > ensure_utc(now)),
        lease_until=lease_until,
    )


def record_unchanged(
    session: Session, source_id: int, *, worker: str, now: datetime, next_check_at: datetime
) -> bool:
    """A 304, or the same body as last time: no parsing was needed."""
    return _cas(
        session,
        _mine(source_id, worker),
        claimed_by=None,
        lease_until=None,
        next_check_at=next_check_at,
        last_check_at=now,
        last_error=None,
        failures=0,
        checks=col(WatchedSource.checks) + 1,
        updated_at=now,
    )


def record_changed(
    session: Session,
    source_id: int,
    *,
    worker: str,
    now: datetime,
    next_check_at: datetime,
    etag: str | None,
    last_modified: str | None,
    body_hash: str,
) -> bool:
    """A new body was read and every new article in it handled. The validators are
    recorded only now, so a poll cut short re-reads the body next time."""
    return _cas(
        session,
        _mine(source_id, worker),
        claimed_by=None,
        lease_until=None,
        next_check_at=next_check_at,
        last_check_at=now,
        last_change_at=now,
        last_error=None,
        failures=0,
        checks=col(WatchedSource.checks) + 1,
        etag=etag,
        last_modified=last_modified,
        body_hash=body_hash,
        updated_at=now,
    )


def record_error(
    session: Session,
    source_id: int,
    *,
    worker: str,
    now: datetime,
    next_check_at: datetime,
    error: str,
) -> bool:
    """One failed poll: the error and a later retry (the caller computed the backoff)."""
    return _cas(
        session,
        _mine(source_id, worker),
        claimed_by=None,
        lease_until=None,
        next_check_at=next_check_at,
        last_check_at=now,
        last_error=error[:2000],
        last_error_at=now,
        failures=col(WatchedSource.failures) + 1,
        checks=col(WatchedSource.checks) + 1,
        updated_at=now,
    )


def release_sources(session: Session, ids: Sequence[int], *, worker: str) -> None:
    """Hand back polls we will not do (shutting down): claimable again at once."""
    session.execute(
        update(WatchedSource)
        .where(col(WatchedSource.id).in_(list(ids)), col(WatchedSource.claimed_by) == worker)
        .values(claimed_by=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )


def next_source_check(session: Session) -> datetime | None:
    """The earliest instant a source becomes claimable (a due check or an expired lease)."""
    due = session.exec(
        select(func.min(WatchedSource.next_check_at)).where(
            col(WatchedSource.enabled).is_(True), col(WatchedSource.claimed_by).is_(None)
        )
    ).first()
    lease = session.exec(
        select(func.min(WatchedSource.lease_until)).where(
            col(WatchedSource.enabled).is_(True), col(WatchedSource.claimed_by).is_not(None)
        )
    ).first()
    found = [ensure_utc(x) for x in (due, lease) if x is not None]
    return min(found) if found else None


# -- articles -------------------------------------------------------------------------------


def known_hashes(session: Session, links: Sequence[str]) -> dict[str, str]:
    """The content hash last read for each of these links (unknown links are absent)."""
    if not links:
        return {}
    rows = session.exec(
        select(WatchedArticle.link, WatchedArticle.content_hash).where(
            col(WatchedArticle.link).in_(list(links))
        )
    ).all()
    return dict(rows)


def remember_article(
    session: Session,
    *,
    link: str,
    content_hash: str,
    source_id: int,
    source_name: str,
    now: datetime,
) -> str | None:
    """Record that this content of ``link`` is being read: "new", "edited", or None when
    exactly this content was read before (by anyone).

    Runs in the transaction that stores what the article said. On PostgreSQL the row is
    locked, and two daemons inserting the same new link collide on the unique key: the
    loser's whole transaction rolls back (the caller treats it as read by the other).
    """
    query = select(WatchedArticle).where(WatchedArticle.link == link)
    if _is_postgres(session):
        query = query.with_for_update()
    row = session.exec(query).first()
    if row is not None and row.content_hash == content_hash:
        return None
    if row is None:
        session.add(
            WatchedArticle(
                link=link,
                content_hash=content_hash,
                source_name=source_name,
                first_read_at=now,
                last_read_at=now,
            )
        )
        outcome = "new"
    else:
        row.content_hash = content_hash
        row.reads += 1
        row.last_read_at = now
        session.add(row)
        outcome = "edited"
    session.execute(
        update(WatchedSource)
        .where(col(WatchedSource.id) == source_id)
        .values(articles_seen=col(WatchedSource.articles_seen) + 1)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return outcome


def article_reads(session: Session) -> dict[str, int]:
    """How often each remembered article was read (for tests and `watcher status`)."""
    return dict(session.exec(select(WatchedArticle.link, WatchedArticle.reads)).all())


def forget_articles(session: Session, source_name: str) -> int:
    """Forget the articles a source carried, so they are read again (not used by polling)."""
    result = session.execute(
        delete(WatchedArticle).where(col(WatchedArticle.source_name) == source_name)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# -- notices --------------------------------------------------------------------------------


def queue_found(session: Session, deadline: Deadline, now: datetime) -> list[Alert]:
    """A "new deadline found" notice to each of the deadline's channels, due at once."""
    assert deadline.id is not None
    alerts = [
        Alert(
            deadline_id=deadline.id,
            kind=AlertKind.FOUND,
            lead="found",
            channel=channel,
            fire_at=now,
            next_try_at=now,
            created_at=now,
            updated_at=now,
        )
        for channel in deadline.channels
    ]
    session.add_all(alerts)
    Store.bump_change_serial(session)
    return alerts


@contextmanager
def rolled_back(store: Store) -> Iterator[Session]:
    """A write transaction that is always rolled back: `watcher sources check` runs the
    real ingest inside one to show what it would do, changing nothing."""
    engine = store.engine.execution_options(sqlite_begin="IMMEDIATE")
    with Session(engine, expire_on_commit=False) as session:
        transaction = session.begin()
        try:
            yield session
        finally:
            transaction.rollback()


__all__ = [
    "CLI",
    "CONFIG",
    "add_cli_source",
    "article_reads",
    "claim_due_sources",
    "get_source",
    "known_hashes",
    "list_sources",
    "next_source_check",
    "queue_found",
    "record_changed",
    "record_error",
    "record_unchanged",
    "release_sources",
    "remember_article",
    "remove_cli_source",
    "renew_source",
    "rolled_back",
    "spec_of",
    "sync_config_sources",
]
