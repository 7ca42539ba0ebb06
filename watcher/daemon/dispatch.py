"""One dispatch pass: claim what is due, send it, record what happened.

:func:`dispatch_due` is the daemon's unit of work. The long-running loop, the APScheduler
wake-up and the tests all call it; the tests pass a frozen ``now``. ``now`` decides what is
due; leases are counted from the store's clock as well, so a claim never expires while the
pass that holds it is still working.

The duplicate window: an alert is sent only after its claim was renewed (compare-and-set)
a moment earlier, and its ``sent`` state is committed in the same transaction as its
delivery records right after Apprise returns. A duplicate needs the process to die between
the remote service accepting the message and that commit (see docs/daemon.md).
"""

from __future__ import annotations

import logging
import os
import random
import socket
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from watcher.clock import ensure_utc
from watcher.config import QuietHours
from watcher.core.messages import AlertFacts, Message, render_alert, render_missed
from watcher.core.planning import Due, wall_time
from watcher.core.zones import get_zone
from watcher.daemon.options import Policy
from watcher.notify import DeliveryError, Notifier, TargetResult
from watcher.store import queue
from watcher.store.models import (
    Alert,
    AlertKind,
    Deadline,
    DeadlineStatus,
    Delivery,
    DeliveryOutcome,
    HistoryEntry,
    Mention,
    Source,
)
from watcher.store.repository import Store, due_of

log = logging.getLogger("watcher.delivery")

MISSED_BATCH = 1000


def default_worker() -> str:
    """This process's claim owner: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{random.randrange(16**6):06x}"


def dispatch_due(
    store: Store,
    notifier: Notifier,
    now: datetime,
    policy: Policy | None = None,
    *,
    worker: str | None = None,
    should_stop: Callable[[], bool] | None = None,
    rng: random.Random | None = None,
) -> int:
    """Deliver every alert due at ``now``; returns how many alerts were handled.

    Alerts whose deadline has passed become ``missed`` and are summarised in one message
    per channel (``missed_alerts``). ``should_stop`` is checked between alerts: when it
    turns true, nothing more is claimed and what was claimed but not sent is released.
    """
    now = ensure_utc(now)
    policy = policy or Policy()
    worker = worker or default_worker()
    stop = should_stop or (lambda: False)
    handled = 0
    with store.write() as session:
        handled += queue.mark_missed(
            session,
            now=now,
            passed_before=now - policy.late_after,
            summarise=policy.missed_alerts != "drop",
        )
    while not stop():
        with store.write() as session:
            ids = queue.claim_due(
                session,
                worker=worker,
                now=now,
                lease_until=_wall(store, now) + policy.lease,
                late_cutoff=now - policy.late_after,
                limit=policy.batch_size,
            )
        for index, alert_id in enumerate(ids):
            if stop():
                _release(store, ids[index:], worker, now)
                return handled
            _deliver(store, notifier, now, policy, worker, alert_id, rng)
            handled += 1
        if len(ids) < policy.batch_size:
            break
    if not stop():
        handled += summarise_missed(store, notifier, now, policy, worker=worker, rng=rng)
    return handled


def _wall(store: Store, now: datetime) -> datetime:
    """The later of the pass's ``now`` and the store's clock: leases count from here."""
    return max(now, ensure_utc(store.clock()))


def _release(store: Store, ids: Sequence[int], worker: str, now: datetime) -> None:
    """Hand back claimed alerts we will not send (shutting down): due again at once."""
    with store.write() as session:
        for alert_id in ids:
            queue.defer(session, alert_id, worker=worker, now=now, next_try_at=now)


def quiet_until(now: datetime, quiet: QuietHours | None, timezone: str) -> datetime | None:
    """When the quiet hours around ``now`` end (UTC), or None if ``now`` is not quiet."""
    if quiet is None or quiet.start == quiet.end:
        return None
    local = ensure_utc(now).astimezone(get_zone(timezone))
    clock = local.time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        inside = quiet.start <= clock < quiet.end
    else:  # across midnight, e.g. 22:00-07:00
        inside = clock >= quiet.start or clock < quiet.end
    if not inside:
        return None
    end_day = local.date() if clock < quiet.end else local.date() + timedelta(days=1)
    return wall_time(datetime.combine(end_day, quiet.end), timezone)


def _deadline_end(deadline: Deadline) -> datetime:
    """The instant after which reminding is pointless (all-day: the end of the day)."""
    return deadline.due_at + timedelta(days=1) if deadline.all_day else deadline.due_at


def load_facts(session: Session, alert: Alert, deadline: Deadline) -> AlertFacts:
    """What the message about ``alert`` needs: the deadline, its source, the old date."""
    assert alert.id is not None and deadline.id is not None
    latest = session.exec(
        select(Mention, Source)
        .join(Source, col(Mention.source_id) == col(Source.id))
        .where(Mention.deadline_id == deadline.id)
        .order_by(col(Mention.id).desc())
    ).first()
    mention, source = latest if latest is not None else (None, None)
    previous: Due | None = None
    detail = alert.detail or {}
    if alert.kind == AlertKind.MOVED:
        previous = _detail_due(detail) or _previous_due(session, deadline)
    return AlertFacts(
        alert_id=alert.id,
        deadline_id=deadline.id,
        title=deadline.title,
        due=due_of(deadline),
        alert_kind=alert.kind,
        lead=alert.lead,
        deadline_kind=deadline.kind,
        late=alert.late,
        fire_at=alert.fire_at,
        notes=deadline.notes,
        source_title=detail.get("source_title") or (source.title if source else ""),
        source_location=detail.get("source") or (source.location if source else ""),
        previous_due=previous,
        sentence=str(detail.get("sentence") or (mention.sentence if mention else "")),
    )


def _detail_due(detail: dict[str, object]) -> Due | None:
    """The previous date a notice carries itself (story moves, coalesced edits)."""
    value = detail.get("previous_due")
    if not isinstance(value, str):
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    zone = detail.get("previous_timezone")
    return Due(
        at=ensure_utc(at),
        timezone=zone if isinstance(zone, str) else "UTC",
        all_day=bool(detail.get("previous_all_day")),
    )


def _previous_due(session: Session, deadline: Deadline) -> Due | None:
    """The due date before the latest change of date, from the deadline's history."""
    entries = session.exec(
        select(HistoryEntry)
        .where(
            HistoryEntry.deadline_id == deadline.id,
            col(HistoryEntry.action).in_(["edited", "moved"]),
        )
        .order_by(col(HistoryEntry.id).desc())
    ).all()
    for entry in entries:
        change = entry.changes.get("due")
        if change and change[0]:
            old_zone = entry.changes.get("timezone", [deadline.timezone])[0]
            old_all_day = entry.changes.get("all_day", [deadline.all_day])[0]
            try:
                at = datetime.fromisoformat(change[0])
                return Due(at=ensure_utc(at), timezone=old_zone, all_day=bool(old_all_day))
            except (ValueError, TypeError):
                return None
    return None


def _deliver(
    store: Store,
    notifier: Notifier,
    now: datetime,
    policy: Policy,
    worker: str,
    alert_id: int,
    rng: random.Random | None,
) -> None:
    """Send one claimed alert and record the outcome; never raises for a delivery problem."""
    with store.session() as session:
        alert = session.get(Alert, alert_id)
        deadline = session.get(Deadline, alert.deadline_id) if alert else None
        if alert is None or deadline is None:
            return
        facts = load_facts(session, alert, deadline)
    if deadline.status != DeadlineStatus.ACTIVE and alert.kind != AlertKind.CALLED_OFF:
        with store.write() as session:
            queue.cancel(
                session, alert_id, worker=worker, now=now, reason=f"deadline {deadline.status}"
            )
        return
    resume = quiet_until(now, policy.quiet_hours, policy.timezone)
    bypass = policy.quiet_hours is not None and (
        deadline.kind in policy.quiet_hours.bypass_kinds
        or alert.kind in policy.quiet_hours.bypass_kinds
    )
    if resume is not None and not bypass and resume < _deadline_end(deadline):
        with store.write() as session:
            queue.defer(session, alert_id, worker=worker, now=now, next_try_at=resume)
        log.info(
            "delivery alert=%s channel=%s outcome=deferred until=%s reason=quiet-hours",
            alert_id,
            alert.channel,
            resume.isoformat(),
        )
        return
    if policy.public_url:
        from watcher.web.links import with_links

        facts = with_links(store, facts, policy.public_url, policy.link_lifetime, now)
    message = render_alert(facts, now, policy.templates)
    wall = _wall(store, now)
    with store.write() as session:
        if not queue.renew(
            session, alert_id, worker=worker, now=wall, lease_until=wall + policy.lease
        ):
            log.warning("delivery alert=%s outcome=skipped reason=claim-lost", alert_id)
            return
        skip = queue.delivered_targets(session, alert_id)
    results, channel_error = _send(notifier, alert.channel, message, skip, policy.send_timeout)
    _record(store, notifier, now, policy, worker, alert, deadline, results, channel_error, rng)


def _send(
    notifier: Notifier, channel: str, message: Message, skip: set[str], timeout: float
) -> tuple[list[TargetResult], DeliveryError | None]:
    try:
        return notifier.send(channel, message, skip=skip, timeout=timeout), None
    except DeliveryError as error:
        return [], error
    except Exception as error:  # a transport bug: contained, logged, retried
        log.exception("delivery channel=%s outcome=error (transport bug)", channel)
        return [], DeliveryError(f"{type(error).__name__}: {error}", retryable=True)


def _record(
    store: Store,
    notifier: Notifier,
    now: datetime,
    policy: Policy,
    worker: str,
    alert: Alert,
    deadline: Deadline,
    results: list[TargetResult],
    channel_error: DeliveryError | None,
    rng: random.Random | None,
) -> None:
    """Write each URL's outcome and move the alert on, in one transaction."""
    assert alert.id is not None
    wall = _wall(store, now)
    failures = [(r.target.shown, r.error) for r in results if r.error is not None]
    if channel_error is not None:
        failures.append((alert.channel, channel_error))
    late = "yes" if alert.late else "no"
    for result in results:
        outcome = "sent" if result.ok else "failed"
        log.log(
            logging.INFO if result.ok else logging.WARNING,
            "delivery alert=%s channel=%s target=%s outcome=%s attempt=%s late=%s%s",
            alert.id,
            alert.channel,
            result.target.shown,
            outcome,
            alert.attempts,
            late,
            f" error={result.error}" if result.error else "",
        )
    if channel_error is not None:
        log.warning(
            "delivery alert=%s channel=%s outcome=failed attempt=%s error=%s",
            alert.id,
            alert.channel,
            alert.attempts,
            channel_error,
        )
    with store.write() as session:
        for result in results:
            session.add(
                Delivery(
                    alert_id=alert.id,
                    channel=alert.channel,
                    target_key=result.target.key,
                    target=result.target.shown,
                    purpose="alert",
                    attempt=alert.attempts,
                    outcome=DeliveryOutcome.SENT if result.ok else DeliveryOutcome.FAILED,
                    error=str(result.error) if result.error else None,
                    worker=worker,
                    at=wall,
                )
            )
        if not failures:
            if not queue.complete(session, alert.id, worker=worker, now=wall):
                log.warning(
                    "delivery alert=%s outcome=sent-but-claim-lost (another daemon may send "
                    "it again: raise daemon.lease above daemon.send_timeout)",
                    alert.id,
                )
            return
        error_text = "; ".join(f"{shown}: {error}" for shown, error in failures)
        permanent = any(not error.retryable for _, error in failures)
        next_try = wall + queue.backoff(alert.attempts, policy.retry, rng)
        reason = ""
        if permanent:
            reason = "cannot succeed by retrying"
        elif alert.attempts >= policy.retry.max_attempts:
            reason = f"gave up after {alert.attempts} attempts"
        elif next_try >= _deadline_end(deadline):
            reason = "the deadline passes before the next retry"
        if reason:
            queue.fail(session, alert.id, worker=worker, now=wall, error=f"{reason}: {error_text}")
            log.error(
                "delivery alert=%s channel=%s outcome=gave-up reason=%r",
                alert.id,
                alert.channel,
                reason,
            )
        else:
            queue.retry_later(
                session, alert.id, worker=worker, now=wall, next_try_at=next_try, error=error_text
            )
            log.info(
                "delivery alert=%s channel=%s outcome=retry-scheduled at=%s",
                alert.id,
                alert.channel,
                next_try.isoformat(),
            )


def summarise_missed(
    store: Store,
    notifier: Notifier,
    now: datetime,
    policy: Policy | None = None,
    *,
    worker: str | None = None,
    rng: random.Random | None = None,
) -> int:
    """Tell each channel about its missed alerts: one message (or one each); returns count.

    A summary counts as delivered when at least one URL of the channel took it; if none
    did, the claim is kept until a backoff has passed, then any daemon retries it.
    """
    policy = policy or Policy()
    if policy.missed_alerts == "drop":
        return 0
    worker = worker or default_worker()
    wall = _wall(store, now)
    with store.write() as session:
        ids = queue.claim_missed(
            session, worker=worker, now=now, lease_until=wall + policy.lease, limit=MISSED_BATCH
        )
    if not ids:
        return 0
    by_channel: dict[str, list[AlertFacts]] = defaultdict(list)
    attempts: dict[str, int] = defaultdict(int)
    with store.session() as session:
        for alert in session.exec(select(Alert).where(col(Alert.id).in_(ids))).all():
            deadline = session.get(Deadline, alert.deadline_id)
            if deadline is not None:
                by_channel[alert.channel].append(load_facts(session, alert, deadline))
                attempts[alert.channel] = max(attempts[alert.channel], alert.attempts)
    for channel, group in sorted(by_channel.items()):
        messages = (
            [render_missed(group, now, policy.templates)]
            if policy.missed_alerts == "summary"
            else [render_missed([facts], now, policy.templates) for facts in group]
        )
        delivered = True
        rows: list[Delivery] = []
        for message in messages:
            results, error = _send(notifier, channel, message, set(), policy.send_timeout)
            delivered = delivered and any(r.ok for r in results)
            for result in results:
                log.log(
                    logging.INFO if result.ok else logging.WARNING,
                    "delivery summary channel=%s target=%s alerts=%s outcome=%s%s",
                    channel,
                    result.target.shown,
                    ",".join(str(f.alert_id) for f in group),
                    "sent" if result.ok else "failed",
                    f" error={result.error}" if result.error else "",
                )
                rows.append(
                    Delivery(
                        alert_id=group[0].alert_id,
                        channel=channel,
                        target_key=result.target.key,
                        target=result.target.shown,
                        purpose="summary",
                        attempt=attempts[channel],
                        outcome=DeliveryOutcome.SENT if result.ok else DeliveryOutcome.FAILED,
                        error=str(result.error) if result.error else None,
                        worker=worker,
                        at=_wall(store, now),
                    )
                )
            if error is not None:
                log.warning("delivery summary channel=%s outcome=failed error=%s", channel, error)
        group_ids = [f.alert_id for f in group]
        with store.write() as session:
            session.add_all(rows)
            if delivered:
                queue.summarised(session, group_ids, worker=worker, now=_wall(store, now))
            else:
                retry_at = _wall(store, now) + queue.backoff(
                    max(1, attempts[channel]), policy.retry, rng
                )
                queue.summary_later(
                    session, group_ids, worker=worker, retry_at=retry_at, now=_wall(store, now)
                )
    return len(ids)


__all__ = ["default_worker", "dispatch_due", "load_facts", "quiet_until", "summarise_missed"]
