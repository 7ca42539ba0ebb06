"""Source polling inside `watcher run`: one pass (:func:`poll_due`) and the thread that
repeats it (:class:`SourcePoller`).

Polling runs beside delivery, in its own thread with a few fetch workers, so a slow or
dead site never delays an alert. The database decides what is due: each pass claims due
sources with a lease (several daemons never fetch one source at once; a killed daemon's
poll is picked up when its lease runs out), and the thread sleeps until the next
``next_check_at`` or lease expiry, re-reading it at least every ``RECHECK`` seconds (sources
added with `watcher sources add` or by another daemon's configuration). A new deadline
bumps the store's change marker; ``on_found`` also wakes the delivery loop at once.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from watcher.clock import ensure_utc, utcnow
from watcher.config import Config
from watcher.sources.poll import PollOutcome, poll_source
from watcher.store import sources_watch as watch
from watcher.store.repository import Store

log = logging.getLogger("watcher.sources")

RECHECK = 5.0
"""Longest sleep between two looks at the sources table."""

CLAIM_BATCH = 2
"""Sources claimed per transaction, per worker: fewer claim transactions, and a claimed
source waits for at most one poll per worker before it starts (well within its lease)."""


def source_lease(config: Config, daemon_lease: float = 120.0) -> timedelta:
    """A poll's claim outlives the slowest fetch it may make (each bounded by 4x timeout)."""
    return timedelta(seconds=max(daemon_lease, 5 * config.watch.timeout))


def poll_due(
    store: Store,
    config: Config,
    now: datetime | None = None,
    *,
    worker: str,
    lease: timedelta | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_found: Callable[[PollOutcome], None] | None = None,
    rng: random.Random | None = None,
    executor: ThreadPoolExecutor | None = None,
) -> list[PollOutcome]:
    """Poll every source due at ``now`` (default: the store's clock), ``config.watch.workers``
    at a time; returns one outcome per poll. Tests call it with a frozen ``now``."""
    fixed = ensure_utc(now) if now is not None else None
    lease = lease or source_lease(config)
    workers = max(1, config.watch.workers)
    own = executor is None
    pool = executor or ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll")
    outcomes: list[PollOutcome] = []
    running: dict[Future[PollOutcome], int] = {}

    def at() -> datetime:
        return fixed or ensure_utc(store.clock())

    queued: list[int] = []  # claimed, not yet started (claims are taken a few at a time)
    try:
        while True:
            if not queued and not should_stop() and len(running) < workers:
                moment = at()
                with store.session() as session:  # a read first: idle costs no write lock
                    upcoming = watch.next_source_check(session)
                if upcoming is None or upcoming > moment:
                    if not running:
                        return outcomes
                else:
                    with store.write() as session:
                        queued = watch.claim_due_sources(
                            session,
                            worker=worker,
                            now=moment,
                            lease_until=max(moment, store.clock()) + lease,
                            limit=CLAIM_BATCH * workers,
                        )
            if queued and should_stop():
                with store.write() as session:
                    watch.release_sources(session, queued, worker=worker)
                queued = []
            while queued and len(running) < workers:
                source_id = queued.pop(0)
                future = pool.submit(
                    poll_source,
                    store,
                    config,
                    source_id,
                    worker=worker,
                    now=at(),
                    lease=lease,
                    should_stop=should_stop,
                    rng=rng,
                )
                running[future] = source_id
            if not running:
                return outcomes
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in done:
                source_id = running.pop(future)
                outcome = future.result()
                outcomes.append(outcome)
                if outcome.status == "lost" and should_stop():
                    with store.write() as session:
                        watch.release_sources(session, [source_id], worker=worker)
                if on_found is not None and any(a.action == "new" for a in outcome.actions):
                    on_found(outcome)
    finally:
        if own:
            pool.shutdown(wait=True)


class SourcePoller:
    """The polling thread of one daemon."""

    def __init__(
        self,
        store: Store,
        get_config: Callable[[], Config],
        *,
        worker: str,
        daemon_lease: float = 120.0,
        clock: Callable[[], datetime] = utcnow,
        on_found: Callable[[PollOutcome], None] | None = None,
    ) -> None:
        self.store = store
        self.get_config = get_config
        self.worker = worker
        self.daemon_lease = daemon_lease
        self.clock = clock
        self.on_found = on_found
        self.stopping = threading.Event()
        self.nudge = threading.Event()
        self._synced: Config | None = None
        self._thread = threading.Thread(target=self._run, name="sources", daemon=True)

    def start(self) -> None:
        self.sync()
        self._thread.start()

    def wake(self) -> None:
        """Look again now (the configuration was reloaded)."""
        self.nudge.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop claiming; polls in flight finish (each fetch is bounded) or are released."""
        self.stopping.set()
        self.nudge.set()
        if self._thread.is_alive():
            self._thread.join(timeout=timeout)

    def sync(self) -> None:
        """Make the configured sources' rows match the configuration (when it changed)."""
        config = self.get_config()
        if config is self._synced:
            return
        with self.store.write() as session:
            watch.sync_config_sources(session, list(config.sources.values()), self._now())
        self._synced = config
        if config.sources:
            log.info("watching %d configured source(s)", len(config.sources))

    def _now(self) -> datetime:
        return ensure_utc(self.clock())

    def _run(self) -> None:
        failures = 0
        size = max(16, self.get_config().watch.workers)  # room for a reload raising workers
        with ThreadPoolExecutor(max_workers=size, thread_name_prefix="poll") as pool:
            while not self.stopping.is_set():
                self.nudge.clear()
                try:
                    self.sync()
                    config = self.get_config()
                    poll_due(
                        self.store,
                        config,
                        None,  # each claim reads the store's clock: a pass may be long
                        worker=self.worker,
                        lease=source_lease(config, self.daemon_lease),
                        should_stop=self.stopping.is_set,
                        on_found=self.on_found,
                        executor=pool,
                    )
                    with self.store.session() as session:
                        upcoming = watch.next_source_check(session)
                    failures = 0
                except Exception as error:  # database trouble: log, back off, go on
                    failures += 1
                    log.error("source polling failed (%s): %s", type(error).__name__, error)
                    log.debug("details", exc_info=True)
                    self.stopping.wait(timeout=min(30.0, 0.5 * 2**failures))
                    continue
                pause = RECHECK
                if upcoming is not None:
                    pause = min(RECHECK, (upcoming - self._now()).total_seconds())
                self.nudge.wait(timeout=max(0.05, pause))


__all__ = ["RECHECK", "SourcePoller", "poll_due", "source_lease"]
