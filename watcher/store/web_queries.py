"""The web face's reads and writes: its secrets, the feed token, used links, and the
queries behind the feed, the dashboard, the deadline page, /healthz and /metrics.

Handlers in :mod:`watcher.web` call these and never build SQL themselves.
"""

from __future__ import annotations

import secrets as _secrets

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from watcher.store.models import Deadline, DeadlineStatus, StoreMeta
from watcher.store.repository import Store

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


def feed_deadlines(store: Store, tag: str | None = None) -> list[Deadline]:
    """Every deadline the feed shows, soonest first: active and done ones, and cancelled
    ones (so subscribed calendars learn of the cancellation); ``tag`` narrows to one tag."""
    query = (
        select(Deadline)
        .where(col(Deadline.status).in_(list(FEED_STATUSES)))
        .order_by(col(Deadline.due_at), col(Deadline.id))
    )
    with store.session() as session:
        rows = list(session.exec(query).all())
    return rows if tag is None else [d for d in rows if tag in d.tags]
