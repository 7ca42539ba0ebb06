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
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from watcher.clock import ensure_utc
from watcher.config import QuietHours
from watcher.core.messages import (
    GROUPED_KINDS,
    AlertFacts,
    Message,
    relative,
    render_group,
    render_missed,
)
from watcher.core.planning import Due, wall_time
from watcher.core.zones import get_zone
from watcher.daemon.health import ChannelHealth
from watcher.daemon.options import Policy
from watcher.daemon.reclaim import gone_workers
from watcher.daemon.sender import SendPool
from watcher.errors import StoreError
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
GROUP_MAX = 20
"""The most reminders one grouped message lists; more due together go out as several."""
GROUP_CHARS = 3500
"""About the longest a grouped message's body may grow (chat services cap a message's
length, Telegram at 4,096 characters): items are counted with :func:`_item_size`."""
GATHER_SECONDS = 0.002
"""How long a finished send waits for others to be recorded in the same transaction: it
adds at most this much to the duplicate window (see docs/daemon.md)."""
T = TypeVar("T")


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
    pool: SendPool | None = None,
    health: ChannelHealth | None = None,
    between_batches: Callable[[], None] | None = None,
    ahead: timedelta = timedelta(0),
) -> int:
    """Deliver every alert due at ``now``; returns how many alerts were handled.

    ``ahead`` also claims and prepares the alerts falling due within it, each sent when its
    instant comes (the daemon wakes that much early, so the database work of a pass is done
    before the due instant, not after it).

    Claims of daemons that are gone are taken back first. Alerts whose deadline has passed
    become ``missed`` and are summarised in one message per channel (``missed_alerts``).
    Each claimed batch is sent through ``pool`` (bounded, concurrent). With
    ``policy.group_window``, reminders for one channel that are due now, or within the
    window after it, are claimed together and go out as one message (:func:`_groups`).
    ``should_stop`` is
    checked before each send starts: when it turns true, nothing more is claimed or
    started, and what was claimed but not started is released. ``between_batches`` lets
    the daemon keep its heartbeat fresh during a long pass.
    """
    now = ensure_utc(now)
    policy = policy or Policy()
    worker = worker or default_worker()
    stop = should_stop or (lambda: False)
    health = health if health is not None else ChannelHealth()
    own_pool = pool is None
    pool = pool or SendPool(policy.concurrency, policy.per_channel, policy.rates)
    handled = 0
    try:
        reclaim_gone(store, now, policy, worker)
        with store.write() as session:
            handled += queue.mark_missed(
                session,
                now=now,
                passed_before=now - policy.late_after,
                summarise=policy.missed_alerts != "drop",
                claim_grace=policy.lease,
            )
        flow = _Flow(store, notifier, now, policy, worker, rng, pool, health, stop, ahead)
        exhausted = False
        held_back: set[str] = set()  # rate-limited channels skipped when the claims ran out
        while True:
            busy = flow.busy()  # a rate holds sends back: claim for the other channels
            if exhausted and held_back - busy:
                exhausted = False  # a lane drained: what it held back may be claimed now
            # keep the pool fed, not flooded (what waits for a rate takes no thread)
            room = 2 * policy.concurrency - flow.in_flight_except(busy)
            if not exhausted and not stop() and room > 0:
                limit = min(policy.batch_size, room)
                with store.write() as session:
                    ids = queue.claim_due(
                        session,
                        worker=worker,
                        now=now,
                        lease_until=_wall(store, now) + policy.lease,
                        late_cutoff=now - policy.late_after,
                        limit=limit,
                        skip_channels=busy,
                        due_by=now + ahead,
                    )
                    exhausted, held_back = len(ids) < limit, busy
                    if ids and policy.group_window > timedelta(0):
                        ids += queue.claim_ahead(  # due within the window: they join a group
                            session,
                            ids,
                            kinds=GROUPED_KINDS,
                            worker=worker,
                            now=now,
                            until=now + policy.group_window,
                            lease_until=_wall(store, now) + policy.lease,
                            limit=policy.batch_size,
                        )
                if ids:
                    flow.start(ids)
                    if between_batches is not None:
                        between_batches()
                flow.collect(block=False)
            elif flow.in_flight:
                flow.collect(block=True)
            else:
                break
            if flow.take_flushed():  # a channel recovered: what waited on it is due now
                exhausted = False
            if flow.stopped or stop():
                exhausted = True
        handled += flow.handled
    finally:
        if own_pool:
            pool.close()
    if not stop():
        handled += summarise_missed(store, notifier, now, policy, worker=worker, rng=rng)
    return handled


def reclaim_gone(store: Store, now: datetime, policy: Policy, worker: str) -> int:
    """Hand back at once the claims of daemons that are gone; returns how many."""
    wall = _wall(store, now)
    with store.session() as session:
        claimers = queue.live_claimers(session, now=wall)
        if not claimers:
            return 0
        records = queue.daemon_records(session, claimers)
    gone = gone_workers(claimers, records, now=wall, stale_after=policy.stale_after, me=worker)
    if not gone:
        return 0
    with store.write() as session:
        count = queue.release_claims_of(session, gone, now=now)
    if count:
        log.warning(
            "reclaimed %d alert(s) claimed by daemon(s) that are gone: %s", count, ", ".join(gone)
        )
    return count


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
    """The instant after which reminding is pointless (all-day: the end of its local day;
    ``queue.deadline_over`` is the same rule in SQL)."""
    return due_of(deadline).end


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
    return _facts(
        alert,
        deadline,
        source_title=detail.get("source_title") or (source.title if source else ""),
        source_location=detail.get("source") or (source.location if source else ""),
        previous_due=previous,
        sentence=str(detail.get("sentence") or (mention.sentence if mention else "")),
    )


def _facts(alert: Alert, deadline: Deadline, **more: Any) -> AlertFacts:
    """The facts every message has: the alert and its deadline (``more`` adds the rest)."""
    assert alert.id is not None and deadline.id is not None
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
        **more,
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


@dataclass
class _Job:
    """One claimed alert on its way out: what to render and which URLs still need it."""

    alert: Alert
    deadline: Deadline
    facts: AlertFacts
    skip: set[str] = field(default_factory=set)
    renewed: float = 0.0  # time.monotonic() of the last renewal of its claim


@dataclass
class _Outcome:
    """What one send produced for one alert of it, judged at the instant it was sent."""

    job: _Job
    at: datetime
    late: bool
    results: list[TargetResult]
    channel_error: DeliveryError | None
    group: int = 0  # the first alert id of the message it went out in


def _item_size(facts: AlertFacts, public_url: str) -> int:
    """A generous estimate of one item's length in a grouped message (its fixed lines are
    about 200 characters; the three links each add the public URL and a token)."""
    size = 200 + len(facts.title) + len(facts.source_title) + len(facts.source_location)
    return size + (3 * (len(public_url) + 80) if public_url else 0)


def _groups(jobs: Sequence[_Job], window: timedelta, public_url: str = "") -> list[list[_Job]]:
    """The messages a batch goes out as: reminders and snoozes for one channel (whose URLs
    all still need them) share one, up to :data:`GROUP_MAX` items and about
    :data:`GROUP_CHARS`; story notices, and everything when ``window`` is 0, go out one by
    one. Order is kept (soonest first)."""
    if window <= timedelta(0):
        return [[job] for job in jobs]
    groups: list[list[_Job]] = []
    open_groups: dict[tuple[str, frozenset[str]], tuple[list[_Job], list[int]]] = {}
    for job in jobs:
        if job.alert.kind not in GROUPED_KINDS:
            groups.append([job])
            continue
        key = (job.alert.channel, frozenset(job.skip))
        size = _item_size(job.facts, public_url)
        group, used = open_groups.get(key, ([], [GROUP_CHARS]))
        if not group or len(group) >= GROUP_MAX or used[0] + size > GROUP_CHARS:
            group, used = [], [0]
            open_groups[key] = (group, used)
            groups.append(group)
        group.append(job)
        used[0] += size
    return groups


class _Flow:
    """Claimed alerts on their way: prepared, sent through the pool, recorded as they finish.

    The pass keeps claiming while fewer than two pool-fulls are in flight, so the pool never
    idles between batches."""

    def __init__(
        self,
        store: Store,
        notifier: Notifier,
        now: datetime,
        policy: Policy,
        worker: str,
        rng: random.Random | None,
        pool: SendPool,
        health: ChannelHealth,
        stop: Callable[[], bool],
        ahead: timedelta = timedelta(0),
    ) -> None:
        self.store, self.notifier, self.now, self.policy = store, notifier, now, policy
        self.worker, self.rng, self.pool, self.health, self.stop = worker, rng, pool, health, stop
        self.ahead = ahead
        self.stopped = False
        self.flushed = 0  # alerts made due by a channel's recovery: claim again
        self.handled = 0
        self.futures: dict[Future[list[_Outcome] | None], list[_Job]] = {}

    @property
    def in_flight(self) -> int:
        """Alerts (not messages) on their way: claims held by sends not recorded yet."""
        return sum(len(jobs) for jobs in self.futures.values())

    def in_flight_except(self, channels: Collection[str]) -> int:
        """:attr:`in_flight` not counting the alerts of ``channels``."""
        return sum(
            len(jobs) for jobs in self.futures.values() if jobs[0].alert.channel not in channels
        )

    def busy(self) -> set[str]:
        """Rate-limited channels with sends waiting for their turn: claiming more for them
        would only hold claims longer (and starve the other channels of room)."""
        channels = {jobs[0].alert.channel for jobs in self.futures.values()}
        return {c for c in channels if c in self.policy.rates and self.pool.backlog(c)}

    def take_flushed(self) -> bool:
        flushed, self.flushed = self.flushed, 0
        return flushed > 0

    def start(self, ids: Sequence[int]) -> None:
        """Prepare the claimed ``ids`` and hand them to the pool."""
        jobs = self._prepare(ids)
        self.handled += len(ids) - len(jobs)
        if not jobs:
            return
        with self.store.write() as session:
            mine = self._renew_claims(session, jobs)
            skips = queue.delivered_targets_many(session, list(mine))
        ready = []
        renewed = time.monotonic()
        for job in jobs:
            if job.alert.id in mine:
                job.skip = skips.get(job.alert.id, set())
                job.renewed = renewed
                ready.append(job)
            else:
                self.handled += 1
                log.warning("delivery alert=%s outcome=skipped reason=claim-lost", job.alert.id)
        groups = _groups(ready, self.policy.group_window, self.policy.public_url)
        for index, group in enumerate(groups):
            if self.stop():
                self._release([j.alert.id or 0 for g in groups[index:] for j in g])
                self.stopped = True
                break
            channel = group[0].alert.channel
            self.futures[self.pool.submit(channel, partial(self._send, group))] = group
            self.handled += len(group)

    def collect(self, *, block: bool) -> None:
        """Record the sends that finished (waiting up to 0.5 s for one when ``block``)."""
        if not self.futures:
            return
        waiting = set(self.futures)
        done, waiting = wait(waiting, timeout=0.5 if block else 0, return_when=FIRST_COMPLETED)
        if done and waiting:  # sends finishing together are recorded together
            more, waiting = wait(waiting, timeout=GATHER_SECONDS)
            done |= more
        if self.stop() and waiting:
            dropped = [f for f in waiting if f.cancel()]
            if dropped:
                ids = [job.alert.id or 0 for f in dropped for job in self.futures[f]]
                self._release(ids)
                self.handled -= len(ids)
                done |= set(dropped)
            self.stopped = True
        results = [(f, f.result()) for f in done if not f.cancelled()]
        unsent = [
            job.alert.id or 0 for f, sent in results if sent is None for job in self.futures[f]
        ]
        for future in done:
            del self.futures[future]
        if unsent:  # waited for a slot on its channel until the stop came
            self._release(unsent)
            self.handled -= len(unsent)
        outcomes = [outcome for _, sent in results if sent is not None for outcome in sent]
        if outcomes:
            self._record(outcomes)

    def _prepare(self, ids: Sequence[int]) -> list[_Job]:
        """Read the batch in one session; set aside finished deadlines and quiet hours."""
        order = {alert_id: n for n, alert_id in enumerate(ids)}
        with self.store.session() as session:
            rows = session.exec(
                select(Alert, Deadline)
                .join(Deadline, col(Deadline.id) == col(Alert.deadline_id))
                .where(col(Alert.id).in_(list(ids)))
            ).all()
            rows = sorted(rows, key=lambda row: order[row[0].id or 0])
            facts = batch_facts(session, rows)
        jobs, cancel, defer = [], [], []
        quiet = self.policy.quiet_hours
        resume = quiet_until(self.now, quiet, self.policy.timezone)
        for alert, deadline in rows:
            if deadline.status != DeadlineStatus.ACTIVE and alert.kind != AlertKind.CALLED_OFF:
                cancel.append((alert, deadline))  # a called-off notice goes out all the same
                continue
            bypass = quiet is not None and (
                deadline.kind in quiet.bypass_kinds or alert.kind in quiet.bypass_kinds
            )
            if resume is not None and not bypass and resume < _deadline_end(deadline):
                defer.append(alert)
                continue
            jobs.append(_Job(alert, deadline, facts[alert.id or 0]))
        if cancel or defer:
            with self.store.write() as session:
                for alert, deadline in cancel:
                    queue.cancel(
                        session,
                        alert.id or 0,
                        worker=self.worker,
                        now=self.now,
                        reason=f"deadline {deadline.status}",
                    )
                for alert in defer:
                    assert resume is not None
                    queue.defer(
                        session, alert.id or 0, worker=self.worker, now=self.now, next_try_at=resume
                    )
            for alert in defer:
                log.info(
                    "delivery alert=%s channel=%s outcome=deferred until=%s reason=quiet-hours",
                    alert.id,
                    alert.channel,
                    resume.isoformat() if resume else "",
                )
        return jobs

    def _send(self, group: list[_Job]) -> list[_Outcome] | None:
        """Render at the moment of sending (lateness, "due in ...") and send one message for
        the group (pool thread); None when a stop was requested before it could start."""
        if self.stop():
            return None
        if time.monotonic() - group[0].renewed > self.policy.lease.total_seconds() / 4:
            group = self._renew(group)  # it waited for its channel's rate: claim it again
            if not group:
                return None
        self._wait_until_due(group[0])
        at = _wall(self.store, self.now)
        lateness = [
            job.alert.late or at - job.alert.fire_at > self.policy.late_after for job in group
        ]
        facts = [replace(job.facts, late=late) for job, late in zip(group, lateness, strict=True)]
        if self.policy.public_url:
            from watcher.web.links import with_links

            facts = [
                with_links(self.store, f, self.policy.public_url, self.policy.link_lifetime, at)
                for f in facts
            ]
        message = render_group(facts, at, self.policy.templates)
        first = group[0]
        results, error = _send(
            self.notifier, first.alert.channel, message, first.skip, self.policy.send_timeout
        )
        return [
            _Outcome(job, at, late, results, error, group=first.alert.id or 0)
            for job, late in zip(group, lateness, strict=True)
        ]

    def _wait_until_due(self, first: _Job) -> None:
        """A message claimed ahead of its instant (``ahead``) waits for it, once and at most
        ``ahead`` (a frozen test clock never moves; a late claim does not wait at all)."""
        early = ensure_utc(first.alert.next_try_at) - _wall(self.store, self.now)
        wait = min(early, self.ahead).total_seconds()
        if wait > 0:
            time.sleep(wait)

    def _release(self, ids: Sequence[int]) -> None:
        _release(self.store, ids, self.worker, self.now)

    def _renew_claims(self, session: Session, jobs: Sequence[_Job]) -> set[int]:
        """Extend this worker's lease on the jobs' alerts; the ids still ours."""
        wall = _wall(self.store, self.now)
        return queue.renew_many(
            session,
            [job.alert.id or 0 for job in jobs],
            worker=self.worker,
            now=wall,
            lease_until=wall + self.policy.lease,
        )

    def _renew(self, group: list[_Job]) -> list[_Job]:
        """Extend the claims of a group that waited long in its channel's lane (a rate
        limit); the alerts no longer ours are dropped from it (pool thread)."""
        with self.store.write() as session:
            mine = self._renew_claims(session, group)
        renewed = time.monotonic()
        for job in group:
            job.renewed = renewed
            if job.alert.id not in mine:
                log.warning("delivery alert=%s outcome=skipped reason=claim-lost", job.alert.id)
        return [job for job in group if job.alert.id in mine]

    def _record(self, outcomes: Sequence[_Outcome]) -> None:
        """Every outcome and delivery of these sends in one transaction, retried (never
        re-sent) while the database refuses the write."""
        for outcome in outcomes:
            _log_outcome(outcome)
        attempts: dict[int, tuple[datetime, int]] = {}
        for o in outcomes:
            at, n = attempts.get(o.group, (o.at, 0))
            attempts[o.group] = (at, max(n, o.job.alert.attempts))
        retry_at = {  # one instant per message: a failed group comes back together
            group: at + queue.backoff(n, self.policy.retry, self.rng)
            for group, (at, n) in attempts.items()
        }
        plan = [self._decide(outcome, retry_at[outcome.group]) for outcome in outcomes]
        recovered = {
            o.job.alert.channel
            for o in outcomes
            if not o.channel_error and all(r.ok for r in o.results)
        }
        recovered = {c for c in recovered if self.health.recovered(c)}
        failing = {
            o.job.alert.channel
            for o in outcomes
            if o.channel_error or not all(r.ok for r in o.results)
        }

        def write(session: Session) -> tuple[set[int], int]:
            queue.record_deliveries(
                session,
                [row for outcome in outcomes for row in _delivery_rows(outcome, self.worker)],
            )
            decided = list(zip(outcomes, plan, strict=True))
            sent = [(o.job.alert.id or 0, o.at, o.late) for o, d in decided if d is None]
            won = queue.complete_many(session, sent, worker=self.worker)
            for _, decision in decided:
                if decision is not None:
                    decision(session)
            flushed = sum(
                queue.flush_waiting(session, channel, now=self.now) for channel in recovered
            )
            return {alert_id for alert_id, _, _ in sent} - won, flushed

        lost, flushed = write_retrying(
            self.store, write, budget=self.policy.lease.total_seconds() / 2
        )
        self.flushed += flushed
        for channel in failing:
            self.health.failed(channel)
        for channel in recovered:
            if self.health.was_failing(channel):
                log.info("channel=%s works again: alerts waiting on it are due now", channel)
        for alert_id in sorted(lost):
            log.warning(
                "delivery alert=%s outcome=sent-but-claim-lost (another daemon may send "
                "it again: raise daemon.lease above daemon.send_timeout)",
                alert_id,
            )

    def _decide(self, outcome: _Outcome, next_try: datetime) -> Callable[[Session], None] | None:
        """None for a delivered alert; otherwise the write that retries it at ``next_try``
        (one instant for all alerts of a message) or fails it."""
        alert, deadline = outcome.job.alert, outcome.job.deadline
        failures = [(r.target.shown, r.error) for r in outcome.results if r.error is not None]
        if outcome.channel_error is not None:
            failures.append((alert.channel, outcome.channel_error))
        if not failures:
            return None
        assert alert.id is not None
        alert_id, wall, worker = alert.id, outcome.at, self.worker
        error_text = "; ".join(f"{shown}: {error}" for shown, error in failures)
        reason = give_up_reason(
            alert, deadline, wall, self.policy, permanent=any(not e.retryable for _, e in failures)
        )
        if not reason and next_try >= _deadline_end(deadline):
            reason = "the deadline passes before the next retry"
        if reason:
            log.error(
                "delivery alert=%s channel=%s outcome=gave-up reason=%r",
                alert.id,
                alert.channel,
                reason,
            )
            text = f"{reason}: {error_text}"
            return lambda session: _ignore(
                queue.fail(session, alert_id, worker=worker, now=wall, error=text)
            )
        log.info(
            "delivery alert=%s channel=%s outcome=retry-scheduled at=%s",
            alert.id,
            alert.channel,
            next_try.isoformat(),
        )
        return lambda session: _ignore(
            queue.retry_later(
                session, alert_id, worker=worker, now=wall, next_try_at=next_try, error=error_text
            )
        )


def _ignore(_: object) -> None:
    return None


def give_up_reason(
    alert: Alert, deadline: Deadline, wall: datetime, policy: Policy, *, permanent: bool
) -> str:
    """Why a failed alert is not retried ("" when it is): retrying cannot help, the attempt
    limit (if set) is reached, or the retry window since its fire time is over."""
    retry = policy.retry
    if permanent:
        return "cannot succeed by retrying"
    if retry.max_attempts is not None and alert.attempts >= retry.max_attempts:
        return f"gave up after {alert.attempts} attempts"
    if retry.window_seconds is not None and (wall - alert.fire_at).total_seconds() >= (
        retry.window_seconds
    ):
        window = relative(timedelta(seconds=retry.window_seconds)).removeprefix("in ")
        return f"still failing {window} after it was due"
    return ""


def _log_outcome(outcome: _Outcome) -> None:
    alert = outcome.job.alert
    late = "yes" if outcome.late else "no"
    for result in outcome.results:
        log.log(
            logging.INFO if result.ok else logging.WARNING,
            "delivery alert=%s channel=%s target=%s outcome=%s attempt=%s late=%s%s",
            alert.id,
            alert.channel,
            result.target.shown,
            "sent" if result.ok else "failed",
            alert.attempts,
            late,
            f" error={result.error}" if result.error else "",
        )
    if outcome.channel_error is not None:
        log.warning(
            "delivery alert=%s channel=%s outcome=failed attempt=%s error=%s",
            alert.id,
            alert.channel,
            alert.attempts,
            outcome.channel_error,
        )


def _delivery_rows(outcome: _Outcome, worker: str) -> list[dict[str, object]]:
    alert = outcome.job.alert
    return [
        {
            "alert_id": alert.id,
            "channel": alert.channel,
            "target_key": result.target.key,
            "target": result.target.shown,
            "purpose": "alert",
            "attempt": alert.attempts,
            "outcome": DeliveryOutcome.SENT if result.ok else DeliveryOutcome.FAILED,
            "error": str(result.error) if result.error else None,
            "worker": worker,
            "at": outcome.at,
        }
        for result in outcome.results
    ]


def write_retrying(store: Store, write: Callable[[Session], T], *, budget: float) -> T:
    """Run ``write`` in one transaction, again and again while the database refuses it
    (SQLite busy, a PostgreSQL connection cut), for up to ``budget`` seconds.

    Used for recording what was already sent: giving up would leave the claim to expire
    and the message to go out a second time.
    """
    give_up = time.monotonic() + budget
    pause = 0.05
    while True:
        try:
            with store.write() as session:
                return write(session)
        except (DBAPIError, StoreError) as error:
            if time.monotonic() + pause > give_up:
                raise
            log.warning(
                "recording deliveries failed (%s), retrying: %s", type(error).__name__, error
            )
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


def batch_facts(session: Session, rows: Sequence[tuple[Alert, Deadline]]) -> dict[int, AlertFacts]:
    """:func:`load_facts` for a batch: the newest source of every deadline in one query;
    alerts of other kinds than reminders and snoozes go through ``load_facts`` itself."""
    deadline_ids = sorted({deadline.id or 0 for alert, deadline in rows})
    sources: dict[int, tuple[str, str]] = {}
    for deadline_id, title, location in session.exec(
        select(Mention.deadline_id, Source.title, Source.location)
        .join(Source, col(Source.id) == col(Mention.source_id))
        .where(col(Mention.deadline_id).in_(deadline_ids))
        .order_by(col(Mention.id).desc())
    ).all():
        sources.setdefault(deadline_id, (title, location))
    facts = {}
    for alert, deadline in rows:
        assert alert.id is not None and deadline.id is not None
        if alert.kind not in (AlertKind.REMINDER, AlertKind.SNOOZE):
            facts[alert.id] = load_facts(session, alert, deadline)
            continue
        title, location = sources.get(deadline.id, ("", ""))
        facts[alert.id] = _facts(alert, deadline, source_title=title, source_location=location)
    return facts


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
