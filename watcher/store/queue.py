"""Every statement that moves an alert between states, in one place.

The daemon never trusts what it read earlier: each transition is a conditional UPDATE
(compare-and-set) whose WHERE clause re-checks the state and the owner, and reports whether
it won. Callers run them inside :meth:`Store.write`, which on SQLite begins with
``BEGIN IMMEDIATE`` (one writer at a time, so select-then-update cannot interleave); on
PostgreSQL the candidates are locked with ``FOR UPDATE SKIP LOCKED`` so two daemons neither
wait for nor take each other's rows.

Life of an alert::

    pending --claim--> claimed --complete--> sent
                          |  \\--retry_later--> pending (next_try_at = backoff)
                          |   \\--fail--------> failed
                          \\--lease expires--> claimable again (a crashed daemon's work)
    pending/claimed --deadline passed--> missed --summary sent--> missed (sent_at set)
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, insert, literal, or_, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from watcher.clock import ensure_utc
from watcher.config import RetryPolicy
from watcher.core.planning import all_day_over_before
from watcher.store.models import (
    Alert,
    AlertKind,
    AlertState,
    DaemonRecord,
    Deadline,
    DeadlineStatus,
    Delivery,
    DeliveryOutcome,
)
from watcher.store.repository import Store
from watcher.store.types import UTCDateTime

NO_SUMMARY = "-"
"""``claimed_by`` of a missed alert no summary will be sent for (``missed_alerts = "drop"``)."""

MISSED_REASON = "the deadline passed before the alert could be sent"


def _claimable(now: datetime, due_by: datetime | None = None) -> ColumnElement[bool]:
    """Pending and due by ``due_by`` (default ``now``), or claimed by a daemon whose lease
    ran out by ``now`` (it crashed or hung)."""
    return or_(
        and_(col(Alert.state) == AlertState.PENDING, col(Alert.next_try_at) <= (due_by or now)),
        and_(col(Alert.state) == AlertState.CLAIMED, col(Alert.lease_until) < now),
    )


ALL_DAY_SURELY_OVER = timedelta(days=2)
"""No local day lasts this long: an all-day deadline due this long before ``now`` is over."""


def deadline_over(session: Session, now: datetime) -> ColumnElement[bool]:
    """SQL for ``due_of(deadline).end <= now`` (:attr:`watcher.core.planning.Due.end`).

    An all-day deadline lasts until the next local midnight of its zone, which SQLite
    cannot compute. So the zones of all-day deadlines that may be ending around ``now`` are
    read first (an indexed range of at most two days of due dates), and each zone's
    :func:`~watcher.core.planning.all_day_over_before` is passed in as a value: the same
    helper ``Due.end`` is built on, so the query and Python agree
    (``tests/store/test_deadline_end.py`` holds them to it).
    """
    now = ensure_utc(now)
    surely = now - ALL_DAY_SURELY_OVER
    zones = session.exec(
        select(Deadline.timezone)
        .where(
            col(Deadline.all_day).is_(True),
            col(Deadline.due_at) >= surely,
            col(Deadline.due_at) < now,
        )
        .distinct()
    ).all()
    due_type = UTCDateTime()
    ended: ColumnElement[bool] = col(Deadline.due_at) < surely
    if zones:
        before = case(
            {zone: literal(all_day_over_before(zone, now), due_type) for zone in sorted(zones)},
            value=col(Deadline.timezone),
            else_=literal(surely, due_type),
        )
        ended = or_(ended, col(Deadline.due_at) < before)
    return or_(
        and_(col(Deadline.all_day).is_(False), col(Deadline.due_at) <= now),
        and_(col(Deadline.all_day).is_(True), ended),
    )


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def mark_missed(
    session: Session,
    *,
    now: datetime,
    passed_before: datetime,
    summarise: bool,
    claim_grace: timedelta = timedelta(0),
) -> int:
    """Claimable alerts whose deadline passed before ``passed_before`` become ``missed``.

    ``passed_before`` is ``now`` minus the late grace, so an alert at the deadline itself
    (lead 0) is still sent when the daemon is on time. Missed alerts are never sent as
    reminders: telling someone about a deadline after it has gone is what the one-message
    summary is for. With ``summarise`` False they are marked so that no summary is ever
    sent (``missed_alerts = "drop"``). An alert a daemon claimed in time and then died
    holding gets ``claim_grace`` more (a lease): its restart sends it late rather than
    calling it missed. Returns how many were marked.
    """
    now = ensure_utc(now)
    passed_before = ensure_utc(passed_before)
    passed = select(Deadline.id).where(deadline_over(session, passed_before))
    passed_long_ago = select(Deadline.id).where(deadline_over(session, passed_before - claim_grace))
    query = select(Alert.id).where(
        or_(
            and_(
                col(Alert.state) == AlertState.PENDING,
                col(Alert.next_try_at) <= now,
                col(Alert.deadline_id).in_(passed),
            ),
            and_(
                col(Alert.state) == AlertState.CLAIMED,
                col(Alert.lease_until) < now,
                col(Alert.deadline_id).in_(passed_long_ago),
            ),
        )
    )
    if _is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    ids = list(session.exec(query).all())
    if not ids:
        return 0
    result = session.execute(
        update(Alert)
        .where(col(Alert.id).in_(ids), _claimable(now))
        .values(
            state=AlertState.MISSED,
            claimed_by=None if summarise else NO_SUMMARY,
            lease_until=None,
            last_error=MISSED_REASON,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def claim_due(
    session: Session,
    *,
    worker: str,
    now: datetime,
    lease_until: datetime,
    late_cutoff: datetime,
    limit: int,
    skip_channels: Collection[str] = (),
    due_by: datetime | None = None,
) -> list[int]:
    """Claim up to ``limit`` due alerts for ``worker``, soonest first; returns their ids.
    Alerts for ``skip_channels`` (held back by their rate limit) are left for later.
    ``due_by`` (a little after ``now``) also claims pending alerts about to fall due, so
    that the sender can have them ready and send on the instant.

    One ``UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING`` on both databases (the
    inner select skips rows another daemon has locked on PostgreSQL; SQLite's write lock
    serialises claimers). Claiming counts as an attempt (a daemon killed mid-send has
    tried once) and marks the alert late when its fire time is older than
    ``late_cutoff``; the sender judges lateness again when it actually sends.
    """
    now = ensure_utc(now)
    where = _claimable(now, ensure_utc(due_by) if due_by is not None else None)
    if skip_channels:
        where = and_(where, col(Alert.channel).not_in(sorted(skip_channels)))
    return _claim(
        session,
        where,
        worker=worker,
        now=now,
        lease_until=lease_until,
        late_cutoff=late_cutoff,
        limit=limit,
    )


def claim_ahead(
    session: Session,
    claimed: Sequence[int],
    *,
    kinds: Collection[str],
    worker: str,
    now: datetime,
    until: datetime,
    lease_until: datetime,
    limit: int,
) -> list[int]:
    """Claim the pending alerts of ``kinds`` due after ``now`` but by ``until`` on the
    channels of the just ``claimed`` alerts of those kinds, so that they go out with them
    (``daemon.group_window``: a little early rather than in a message of their own)."""
    now = ensure_utc(now)
    if not claimed or not kinds:
        return []
    channels = select(Alert.channel).where(
        col(Alert.id).in_(list(claimed)), col(Alert.kind).in_(list(kinds))
    )
    where = and_(
        col(Alert.state) == AlertState.PENDING,
        col(Alert.next_try_at) > now,
        col(Alert.next_try_at) <= ensure_utc(until),
        col(Alert.kind).in_(list(kinds)),
        col(Alert.channel).in_(channels.scalar_subquery()),
    )
    return _claim(
        session,
        where,
        worker=worker,
        now=now,
        lease_until=lease_until,
        late_cutoff=None,
        limit=limit,
    )


def _claim(
    session: Session,
    where: ColumnElement[bool],
    *,
    worker: str,
    now: datetime,
    lease_until: datetime,
    late_cutoff: datetime | None,
    limit: int,
) -> list[int]:
    pick = (
        select(Alert.id).where(where).order_by(col(Alert.next_try_at), col(Alert.id)).limit(limit)
    )
    if _is_postgres(session):
        pick = pick.with_for_update(skip_locked=True)
    late: ColumnElement[bool] | Any = col(Alert.late)
    if late_cutoff is not None:
        late = case((col(Alert.fire_at) < late_cutoff, literal(True)), else_=col(Alert.late))
    rows = session.execute(
        update(Alert)
        .where(col(Alert.id).in_(pick.scalar_subquery()), where)
        .values(
            state=AlertState.CLAIMED,
            claimed_by=worker,
            lease_until=lease_until,
            attempts=col(Alert.attempts) + 1,
            late=late,
            updated_at=now,
        )
        .returning(col(Alert.id), col(Alert.next_try_at))
        .execution_options(synchronize_session=False)
    ).all()
    return [alert_id for alert_id, _ in sorted(rows, key=lambda row: (row[1], row[0]))]


def _mine(alert_id: int, worker: str) -> ColumnElement[bool]:
    return and_(
        col(Alert.id) == alert_id,
        col(Alert.state) == AlertState.CLAIMED,
        col(Alert.claimed_by) == worker,
    )


def _cas(session: Session, where: ColumnElement[bool], **values: object) -> bool:
    result = session.execute(
        update(Alert).where(where).values(**values).execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def renew(
    session: Session, alert_id: int, *, worker: str, now: datetime, lease_until: datetime
) -> bool:
    """Extend our claim just before sending; False means the alert is no longer ours."""
    return _cas(
        session,
        and_(_mine(alert_id, worker), col(Alert.lease_until) > now),
        lease_until=lease_until,
    )


def renew_many(
    session: Session, ids: Sequence[int], *, worker: str, now: datetime, lease_until: datetime
) -> set[int]:
    """Extend our claims on ``ids`` just before sending; returns the ids still ours."""
    if not ids:
        return set()
    rows = session.execute(
        update(Alert)
        .where(
            col(Alert.id).in_(list(ids)),
            col(Alert.state) == AlertState.CLAIMED,
            col(Alert.claimed_by) == worker,
            col(Alert.lease_until) > now,
        )
        .values(lease_until=lease_until)
        .returning(col(Alert.id))
        .execution_options(synchronize_session=False)
    ).all()
    return {row[0] for row in rows}


def complete_many(
    session: Session, sent: Sequence[tuple[int, datetime, bool]], *, worker: str
) -> set[int]:
    """Record delivered alerts ``(id, sent_at, late)`` in one statement; returns the ids
    that were still ours (compare-and-set per row). The others lost their claim."""
    if not sent:
        return set()
    ids = [alert_id for alert_id, _, _ in sent]
    sent_at = case({alert_id: at for alert_id, at, _ in sent}, value=col(Alert.id))
    late_ids = [alert_id for alert_id, _, late in sent if late]
    rows = session.execute(
        update(Alert)
        .where(
            col(Alert.id).in_(ids),
            col(Alert.state) == AlertState.CLAIMED,
            col(Alert.claimed_by) == worker,
        )
        .values(
            state=AlertState.SENT,
            sent_at=sent_at,
            late=or_(col(Alert.late), col(Alert.id).in_(late_ids)) if late_ids else col(Alert.late),
            lease_until=None,
            last_error=None,
            updated_at=sent_at,
        )
        .returning(col(Alert.id))
        .execution_options(synchronize_session=False)
    ).all()
    return {row[0] for row in rows}


def record_deliveries(session: Session, rows: Sequence[dict[str, object]]) -> None:
    """Insert delivery attempts in one executemany (Core: no ORM objects per row)."""
    if rows:
        session.execute(insert(Delivery), list(rows))


def complete(session: Session, alert_id: int, *, worker: str, now: datetime) -> bool:
    """Record a delivered alert. False means our claim was lost (see docs/daemon.md)."""
    return _cas(
        session,
        _mine(alert_id, worker),
        state=AlertState.SENT,
        sent_at=now,
        lease_until=None,
        last_error=None,
        updated_at=now,
    )


def retry_later(
    session: Session,
    alert_id: int,
    *,
    worker: str,
    now: datetime,
    next_try_at: datetime,
    error: str,
) -> bool:
    """Put a failed alert back in the queue for another try at ``next_try_at``."""
    return _cas(
        session,
        _mine(alert_id, worker),
        state=AlertState.PENDING,
        next_try_at=next_try_at,
        lease_until=None,
        last_error=error,
        updated_at=now,
    )


def fail(session: Session, alert_id: int, *, worker: str, now: datetime, error: str) -> bool:
    """Give up on an alert: it stays visible in `watcher alerts --failed`."""
    return _cas(
        session,
        _mine(alert_id, worker),
        state=AlertState.FAILED,
        lease_until=None,
        last_error=error,
        updated_at=now,
    )


def defer(
    session: Session, alert_id: int, *, worker: str, now: datetime, next_try_at: datetime
) -> bool:
    """Release a claim without counting an attempt (quiet hours, shutdown)."""
    return _cas(
        session,
        _mine(alert_id, worker),
        state=AlertState.PENDING,
        next_try_at=next_try_at,
        lease_until=None,
        attempts=case((col(Alert.attempts) > 0, col(Alert.attempts) - 1), else_=0),
        updated_at=now,
    )


def cancel(session: Session, alert_id: int, *, worker: str, now: datetime, reason: str) -> bool:
    """Drop a claimed alert whose deadline was finished or cancelled meanwhile."""
    return _cas(
        session,
        _mine(alert_id, worker),
        state=AlertState.CANCELLED,
        lease_until=None,
        last_error=reason,
        updated_at=now,
    )


# -- missed-alert summaries -------------------------------------------------------------


def claim_missed(
    session: Session, *, worker: str, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim missed alerts no summary has gone out for (or whose summary claim expired)."""
    now = ensure_utc(now)
    where = and_(
        col(Alert.state) == AlertState.MISSED,
        col(Alert.sent_at).is_(None),
        or_(
            col(Alert.claimed_by).is_(None),
            and_(col(Alert.claimed_by) != NO_SUMMARY, col(Alert.lease_until) < now),
        ),
    )
    query = select(Alert.id).where(where).order_by(col(Alert.fire_at), col(Alert.id)).limit(limit)
    if _is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    ids = list(session.exec(query).all())
    if not ids:
        return []
    session.execute(
        update(Alert)
        .where(col(Alert.id).in_(ids), where)
        .values(claimed_by=worker, lease_until=lease_until, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    won = session.exec(
        select(Alert.id).where(
            col(Alert.id).in_(ids),
            col(Alert.claimed_by) == worker,
            col(Alert.lease_until) == lease_until,
        )
    ).all()
    return [i for i in won if i is not None]


def summarised(session: Session, ids: Sequence[int], *, worker: str, now: datetime) -> None:
    """The summary naming these missed alerts went out: ``sent_at`` records when."""
    session.execute(
        update(Alert)
        .where(col(Alert.id).in_(list(ids)), col(Alert.claimed_by) == worker)
        .values(sent_at=now, lease_until=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def summary_later(
    session: Session, ids: Sequence[int], *, worker: str, retry_at: datetime, now: datetime
) -> None:
    """The summary failed: keep the claim until ``retry_at``, then any daemon may retry."""
    session.execute(
        update(Alert)
        .where(col(Alert.id).in_(list(ids)), col(Alert.claimed_by) == worker)
        .values(lease_until=retry_at, updated_at=now)
        .execution_options(synchronize_session=False)
    )


# -- requests from the command line -----------------------------------------------------


def retry_failed(session: Session, *, now: datetime, ids: Sequence[int] | None = None) -> int:
    """Failed alerts go back to pending with a fresh attempt budget, due at once."""
    where = col(Alert.state) == AlertState.FAILED
    if ids is not None:
        where = and_(where, col(Alert.id).in_(list(ids)))
    result = session.execute(
        update(Alert)
        .where(where)
        .values(
            state=AlertState.PENDING,
            attempts=0,
            next_try_at=now,
            claimed_by=None,
            lease_until=None,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    if count:
        Store.bump_change_serial(session)
    return count


def snooze(session: Session, alert: Alert, *, now: datetime, until: datetime, label: str) -> Alert:
    """Remind again at ``until`` on the same channel; a still-pending alert is replaced."""
    assert alert.id is not None
    deadline = session.get(Deadline, alert.deadline_id)
    if deadline is None or deadline.status != DeadlineStatus.ACTIVE:
        from watcher.errors import UsageError

        raise UsageError(
            f"alert {alert.id}'s deadline is not active: reopen it with `watcher reopen`"
        )
    if alert.state == AlertState.PENDING:
        alert.state = AlertState.CANCELLED
        alert.last_error = f"snoozed until {until.isoformat()}"
        alert.updated_at = now
        session.add(alert)
    snoozed = Alert(
        deadline_id=alert.deadline_id,
        kind=AlertKind.SNOOZE,
        lead=label,
        channel=alert.channel,
        fire_at=until,
        next_try_at=until,
        created_at=now,
        updated_at=now,
    )
    session.add(snoozed)
    session.flush()
    Store.bump_change_serial(session)
    return snoozed


# -- deliveries and the next wake-up ----------------------------------------------------


def delivered_targets_many(session: Session, ids: Sequence[int]) -> dict[int, set[str]]:
    """For each alert, the keys of the URLs that already have it (one query)."""
    found: dict[int, set[str]] = {alert_id: set() for alert_id in ids}
    if not ids:
        return found
    rows = session.exec(
        select(Delivery.alert_id, Delivery.target_key).where(
            col(Delivery.alert_id).in_(list(ids)),
            Delivery.purpose == "alert",
            Delivery.outcome == DeliveryOutcome.SENT,
        )
    ).all()
    for alert_id, key in rows:
        if alert_id is not None:
            found.setdefault(alert_id, set()).add(key)
    return found


def delivered_targets(session: Session, alert_id: int) -> set[str]:
    """Keys of the URLs that already have this alert (a retry skips them)."""
    return set(
        session.exec(
            select(Delivery.target_key).where(
                Delivery.alert_id == alert_id,
                Delivery.purpose == "alert",
                Delivery.outcome == DeliveryOutcome.SENT,
            )
        ).all()
    )


def next_wakeup(session: Session) -> datetime | None:
    """The earliest instant anything becomes claimable: a pending alert, an expired lease,
    or a missed-alert summary waiting to be retried."""
    candidates = [
        session.exec(
            select(func.min(Alert.next_try_at)).where(Alert.state == AlertState.PENDING)
        ).first(),
        session.exec(
            select(func.min(Alert.lease_until)).where(
                col(Alert.state).in_([AlertState.CLAIMED, AlertState.MISSED]),
                col(Alert.lease_until).is_not(None),
            )
        ).first(),
    ]
    found = [ensure_utc(c) for c in candidates if c is not None]
    return min(found) if found else None


# -- claims of daemons that are gone, and channels that are failing ---------------------


def live_claimers(session: Session, *, now: datetime) -> list[str]:
    """Owners of claims whose lease has not run out yet (alerts and missed summaries)."""
    rows = session.exec(
        select(Alert.claimed_by)
        .where(
            col(Alert.state).in_([AlertState.CLAIMED, AlertState.MISSED]),
            col(Alert.lease_until) > ensure_utc(now),
            col(Alert.claimed_by).is_not(None),
            col(Alert.claimed_by) != NO_SUMMARY,
        )
        .distinct()
    ).all()
    return sorted(r for r in rows if r)


def release_claims_of(session: Session, workers: Sequence[str], *, now: datetime) -> int:
    """End the leases held by ``workers`` (daemons that are gone): claimable at once."""
    if not workers:
        return 0
    now = ensure_utc(now)
    result = session.execute(
        update(Alert)
        .where(
            col(Alert.claimed_by).in_(list(workers)),
            col(Alert.state).in_([AlertState.CLAIMED, AlertState.MISSED]),
            col(Alert.lease_until) > now,
        )
        .values(lease_until=now - timedelta(seconds=1))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def daemon_records(session: Session, ids: Sequence[str]) -> list[DaemonRecord]:
    if not ids:
        return []
    return list(session.exec(select(DaemonRecord).where(col(DaemonRecord.id).in_(list(ids)))))


def flush_waiting(session: Session, channel: str, *, now: datetime) -> int:
    """A channel works again: alerts waiting out a backoff on it are due at ``now``."""
    result = session.execute(
        update(Alert)
        .where(
            col(Alert.channel) == channel,
            col(Alert.state) == AlertState.PENDING,
            col(Alert.last_error).is_not(None),
            col(Alert.next_try_at) > now,
        )
        .values(next_try_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ChannelTrouble:
    """A channel alerts are waiting on: how many, failing since when, the last error."""

    channel: str
    waiting: int
    since: datetime | None
    target: str
    error: str


def failing_channels(session: Session) -> list[ChannelTrouble]:
    """Channels with alerts waiting to be retried, for `watcher status`."""
    waiting = session.exec(
        select(Alert.channel, func.count())
        .where(col(Alert.state) == AlertState.PENDING, col(Alert.last_error).is_not(None))
        .group_by(col(Alert.channel))
        .order_by(col(Alert.channel))
    ).all()
    troubles = []
    for channel, count in waiting:
        last = session.exec(
            select(Delivery)
            .where(Delivery.channel == channel, Delivery.outcome == DeliveryOutcome.FAILED)
            .order_by(col(Delivery.id).desc())
            .limit(1)
        ).first()
        since = None
        if last is not None:  # the failing URL's streak: failures since it last worked
            last_ok = session.exec(
                select(func.max(Delivery.at)).where(
                    Delivery.channel == channel,
                    Delivery.target_key == last.target_key,
                    Delivery.outcome == DeliveryOutcome.SENT,
                )
            ).first()
            streak = select(func.min(Delivery.at)).where(
                Delivery.channel == channel,
                Delivery.target_key == last.target_key,
                Delivery.outcome == DeliveryOutcome.FAILED,
            )
            if last_ok is not None:
                streak = streak.where(col(Delivery.at) > last_ok)
            since = session.exec(streak).first()
        troubles.append(
            ChannelTrouble(
                channel=channel,
                waiting=int(count),
                since=ensure_utc(since) if since else None,
                target=last.target if last else "",
                error=(last.error or "") if last else "",
            )
        )
    return troubles


def backoff(attempt: int, policy: RetryPolicy, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with jitter: base * 2**(attempt-1), capped, times 0.5-1.0.

    The jitter spreads retries from many alerts that failed together (one outage) so they
    do not hit the recovering service at the same instant.
    """
    exponent = min(max(attempt - 1, 0), 32)
    delay = min(policy.max_delay_seconds, policy.base_delay_seconds * 2**exponent)
    factor = 0.5 + (rng or random).random() / 2
    return timedelta(seconds=delay * factor)


def heartbeat(
    session: Session,
    *,
    daemon_id: str,
    host: str,
    pid: int,
    version: str,
    now: datetime,
    stopped: bool = False,
) -> None:
    """Record that a daemon is alive (or has stopped), for `watcher status`."""
    record = session.get(DaemonRecord, daemon_id)
    if record is None:
        record = DaemonRecord(
            id=daemon_id, host=host, pid=pid, version=version, started_at=now, heartbeat_at=now
        )
    record.heartbeat_at = now
    record.stopped_at = now if stopped else None
    session.add(record)


def counts_by_state(session: Session) -> dict[str, int]:
    """How many alerts are in each state (and how many were sent late)."""
    rows = session.exec(select(Alert.state, func.count()).group_by(col(Alert.state))).all()
    counts = {str(state): int(n) for state, n in rows}
    late = session.exec(
        select(func.count()).where(col(Alert.state) == AlertState.SENT, col(Alert.late).is_(True))
    ).first()
    counts["late"] = int(late or 0)
    return counts


__all__ = [
    "MISSED_REASON",
    "NO_SUMMARY",
    "ChannelTrouble",
    "backoff",
    "cancel",
    "claim_ahead",
    "claim_due",
    "claim_missed",
    "complete",
    "complete_many",
    "counts_by_state",
    "daemon_records",
    "deadline_over",
    "defer",
    "delivered_targets",
    "delivered_targets_many",
    "fail",
    "failing_channels",
    "flush_waiting",
    "heartbeat",
    "live_claimers",
    "mark_missed",
    "next_wakeup",
    "record_deliveries",
    "release_claims_of",
    "renew",
    "renew_many",
    "retry_failed",
    "retry_later",
    "snooze",
    "summarised",
    "summary_later",
]
