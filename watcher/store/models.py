"""The tables. Every planned alert is a row with a state; nothing lives only in memory."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Float, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from watcher.store.types import UTCDateTime

MAX_ID = 2**63 - 1
"""The largest row id every backend stores (a signed 64-bit integer)."""


class DeadlineStatus(StrEnum):
    ACTIVE = "active"
    DONE = "done"
    CANCELLED = "cancelled"


class AlertState(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    MISSED = "missed"
    CANCELLED = "cancelled"


class AlertKind(StrEnum):
    REMINDER = "reminder"  # a lead time before the deadline
    MOVED = "moved"  # the deadline's date changed: tell people at once
    SNOOZE = "snooze"  # a reminder sent again later at the user's request
    CALLED_OFF = "called_off"  # the news called the deadline off: tell people at once
    FOUND = "found"  # a watched source named a new deadline: tell people at once


def _utc_column(nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Deadline(SQLModel, table=True):
    """A date someone must not miss, with its zone, kind, routing and lead times."""

    __tablename__ = "deadlines"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    due_at: datetime = _utc_column(index=True)
    timezone: str
    all_day: bool = False
    kind: str = "deadline"
    tags: list[str] = _json_list()
    status: str = Field(default=DeadlineStatus.ACTIVE, index=True)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    leads: list[str] = _json_list()
    channels: list[str] = _json_list()
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()
    version: int = 1


class Alert(SQLModel, table=True):
    """One planned alert: deadline x lead time x channel, with its delivery state.

    ``next_try_at`` is when the daemon should look at it next: the fire time at first, later
    the retry time. ``lease_until`` bounds a claim so a crashed daemon's work is picked up.
    The unique key means the same alert for the same instant can never exist twice.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint("deadline_id", "kind", "lead", "channel", "fire_at", name="uq_alert"),
        Index("ix_alerts_state_next_try", "state", "next_try_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("deadlines.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    kind: str = AlertKind.REMINDER
    lead: str
    channel: str
    fire_at: datetime = _utc_column()
    next_try_at: datetime = _utc_column()
    state: str = AlertState.PENDING
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    claimed_by: str | None = None
    lease_until: datetime | None = _utc_column(nullable=True)
    sent_at: datetime | None = _utc_column(nullable=True)
    late: bool = False
    detail: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    """Facts a notice carries itself: a move's previous date, the sentence that caused it."""
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()


class Source(SQLModel, table=True):
    """An article deadlines were read from, kept with enough to find and verify it again."""

    __tablename__ = "sources"

    id: int | None = Field(default=None, primary_key=True)
    location: str = Field(sa_column=Column(Text, nullable=False))
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    publisher: str = ""
    published: str = ""  # ISO date or date-time as the article gives it
    content_hash: str = Field(unique=True)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = _utc_column()


class Mention(SQLModel, table=True):
    """Which sentence of which source named which deadline."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("deadline_id", "source_id", "start", name="uq_mention"),)

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("deadlines.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    source_id: int = Field(
        sa_column=Column(Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False)
    )
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    span: str = ""
    start: int = 0
    created_at: datetime = _utc_column()


class HistoryEntry(SQLModel, table=True):
    """One change to a deadline: what changed, from what, to what, and when."""

    __tablename__ = "deadline_history"

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("deadlines.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    at: datetime = _utc_column()
    action: str  # created, edited, done, cancelled, reopened, snoozed, mentioned
    version: int
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class DeadlineTerm(SQLModel, table=True):
    """One word stem of what a deadline is about (title and the clauses that named it).

    Story tracking finds the records a new sentence may be about through this index, so
    matching an article costs a few indexed look-ups, not a scan of every stored sentence.
    """

    __tablename__ = "deadline_terms"

    deadline_id: int = Field(
        sa_column=Column(Integer, ForeignKey("deadlines.id", ondelete="CASCADE"), primary_key=True)
    )
    term: str = Field(primary_key=True, index=True)


class ProposalState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Proposal(SQLModel, table=True):
    """A change an article suggests that a person should decide on (`watcher review`).

    ``action`` is what would be done (new, moved, called off, done); ``deadline_id`` the
    record it is about (None for a new one); ``payload`` the values to apply (title, kind,
    date, timezone) and ``reason`` why it was not applied on its own.
    """

    __tablename__ = "proposals"

    id: int | None = Field(default=None, primary_key=True)
    state: str = Field(default=ProposalState.PENDING, index=True)
    action: str
    deadline_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("deadlines.id", ondelete="CASCADE"), nullable=True),
    )
    source_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=True),
    )
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    span: str = ""
    start: int = 0
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = _utc_column()
    decided_at: datetime | None = _utc_column(nullable=True)


class StoreMeta(SQLModel, table=True):
    """Small key/value facts about the store; ``change_serial`` is the daemon's change marker.

    Every write bumps ``change_serial`` so a running daemon notices edits made by another
    process with one cheap indexed read.
    """

    __tablename__ = "store_meta"

    key: str = Field(primary_key=True)
    value: str


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    FAILED = "failed"


class Delivery(SQLModel, table=True):
    """One attempt to deliver one message to one Apprise URL, kept for `watcher status`.

    ``target`` is the URL masked by :func:`watcher.config.mask_url`; ``target_key`` is a hash
    of the full URL, so a retry skips URLs that already have the message without the URL
    itself ever being stored. ``purpose`` is "alert", "summary" (missed alerts) or "test".
    """

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_alert_target", "alert_id", "target_key"),)

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=True),
    )
    channel: str
    target_key: str
    target: str = Field(sa_column=Column(Text, nullable=False))
    purpose: str = "alert"
    attempt: int = 0
    outcome: str
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    worker: str = ""
    at: datetime = _utc_column(index=True)


class DaemonRecord(SQLModel, table=True):
    """A running (or stopped) `watcher run` process and its last heartbeat."""

    __tablename__ = "daemons"

    id: str = Field(primary_key=True)  # host:pid:random, also the claim owner of its alerts
    host: str
    pid: int
    version: str = ""
    started_at: datetime = _utc_column()
    heartbeat_at: datetime = _utc_column()
    stopped_at: datetime | None = _utc_column(nullable=True)


class WatchedSource(SQLModel, table=True):
    """A feed, page or folder the daemon polls, with its schedule, claim and health.

    ``next_check_at`` is when it should be fetched next; a poll is claimed with a lease
    exactly like an alert (``claimed_by``, ``lease_until``), so two daemons never fetch it at
    once and a killed daemon's poll is picked up. ``etag``/``last_modified``/``body_hash``
    make an unchanged source one small request and no parsing. ``origin`` says whether the
    configuration file ("config") or `watcher sources add` ("cli") defines it.
    """

    __tablename__ = "watched_sources"
    __table_args__ = (Index("ix_watched_sources_next_check", "next_check_at"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    url: str = Field(sa_column=Column(Text, nullable=False))
    origin: str = "config"
    enabled: bool = True
    every_seconds: float = Field(default=1800.0, sa_column=Column(Float, nullable=False))
    tags: list[str] = _json_list()
    channels: list[str] = _json_list()
    follow: bool = False
    min_confidence: float = Field(default=0.5, sa_column=Column(Float, nullable=False))
    auto_add: bool = True
    next_check_at: datetime = _utc_column()
    claimed_by: str | None = None
    lease_until: datetime | None = _utc_column(nullable=True)
    etag: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    last_modified: str | None = None
    body_hash: str | None = None
    last_check_at: datetime | None = _utc_column(nullable=True)
    last_change_at: datetime | None = _utc_column(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    last_error_at: datetime | None = _utc_column(nullable=True)
    failures: int = 0
    checks: int = 0
    articles_seen: int = 0
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()


class WatchedArticle(SQLModel, table=True):
    """An article a watched source carried, remembered by link and content hash.

    One row per link, ever: an article is read once across restarts and daemons (the
    unique link is the last guard when two daemons race), and read again only when its
    content changes (``reads`` counts how often it was read).
    """

    __tablename__ = "watched_articles"

    id: int | None = Field(default=None, primary_key=True)
    link: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    content_hash: str
    source_name: str
    reads: int = 1
    first_read_at: datetime = _utc_column()
    last_read_at: datetime = _utc_column()


class UsedLink(SQLModel, table=True):
    """An act-from-the-message link that has been used: each link acts once.

    ``nonce`` is the random part of the signed link; the primary key makes a second use
    fail inside the same transaction as the action itself.
    """

    __tablename__ = "used_links"

    nonce: str = Field(primary_key=True)
    action: str
    target_id: int
    used_at: datetime = _utc_column()
