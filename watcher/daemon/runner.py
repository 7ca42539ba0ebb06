"""The long-running loop of `watcher run`.

The database is the truth; APScheduler only decides *when to look*. It holds one in-memory
date job (``wake``) at the soonest instant anything becomes claimable, re-armed after every
pass and whenever the change marker moves, plus interval jobs: ``poll`` (reads the change
marker, so edits from other processes are seen within ``poll_interval``), ``reconcile``
(re-reads the next wake-up even without a change: another daemon's retries, expired leases),
``heartbeat`` (daemon row + systemd watchdog) and ``digest`` (retries missed-alert
summaries). No job per alert and no persistent job store: memory stays flat however many
alerts are planned, and APScheduler's misfire rules never decide what is sent (a date job
more than 1 s late is dropped by APScheduler, so catch-up is :func:`dispatch_due`'s work).

Every job only sets a flag and wakes the main thread; the main thread does all sending, so a
stop request is seen between two sends and a stuck send stops the watchdog pings.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

import watcher
from watcher.clock import ensure_utc, utcnow
from watcher.config import Config
from watcher.daemon import sdnotify
from watcher.daemon.dispatch import default_worker, dispatch_due, reclaim_gone, summarise_missed
from watcher.daemon.health import ChannelHealth
from watcher.daemon.options import DaemonOptions, Policy
from watcher.daemon.signals import Flags, handle_signals
from watcher.errors import WatcherError
from watcher.notify.secrets import ScrubFilter, protect_logging, secret_fragments
from watcher.store import queue
from watcher.store.repository import Store

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from watcher.daemon.polling import SourcePoller
    from watcher.notify import Notifier

log = logging.getLogger("watcher.daemon")

EARLY_TOLERANCE = timedelta(milliseconds=5)
"""A timer may fire a hair early; anything due this soon counts as due now."""

SEND_AHEAD = timedelta(milliseconds=100)
"""How early the daemon wakes for an alert: the pass's claims, reads and writes (some
milliseconds, more under load) happen before the due instant, and the send waits for it,
so an alert goes out on time rather than a pass's database work late."""


class _JournalFormatter(logging.Formatter):
    """``<priority>message``: journald reads the level from the prefix and adds the time."""

    LEVELS: ClassVar[dict[int, int]] = {
        logging.DEBUG: 7,
        logging.INFO: 6,
        logging.WARNING: 4,
        logging.ERROR: 3,
    }

    def format(self, record: logging.LogRecord) -> str:
        priority = self.LEVELS.get(record.levelno, 2 if record.levelno > logging.ERROR else 6)
        text = super().format(record)
        return "\n".join(f"<{priority}>{line}" for line in text.splitlines())


def setup_logging(verbose: bool = False) -> ScrubFilter:
    """One stderr handler, journald-friendly under systemd, scrubbing configured secrets."""
    handler = logging.StreamHandler(sys.stderr)
    if sdnotify.under_journald():
        handler.setFormatter(_JournalFormatter("%(message)s"))
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S%z")
        )
    scrubber = protect_logging()
    handler.addFilter(scrubber)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # Apprise reports failures in its per-URL results, which we log once per delivery:
    # its own records are kept (the HTTP status decides whether a retry can help) but
    # printed only with -v.
    apprise_log = logging.getLogger("apprise")
    apprise_log.setLevel(logging.DEBUG if verbose else logging.WARNING)
    apprise_log.propagate = verbose
    if not verbose and not apprise_log.handlers:
        apprise_log.addHandler(logging.NullHandler())
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose else logging.WARNING)
    return scrubber


@dataclass
class _Loaded:
    config: Config
    policy: Policy
    options: DaemonOptions
    notifier: Notifier


class Runner:
    """`watcher run`: loops :func:`dispatch_due` at the right moments until asked to stop."""

    def __init__(
        self,
        store: Store,
        load_config: Callable[[], Config],
        *,
        clock: Callable[[], datetime] = utcnow,
        scrubber: ScrubFilter | None = None,
        worker: str | None = None,
    ) -> None:
        self.store = store
        self.load_config = load_config
        self.clock = clock
        self.scrubber = scrubber
        self.worker = worker or default_worker()
        self.flags = Flags()
        self._serial = -1
        self._armed: datetime | None = None
        self._beat_due = True
        self._digest_due = False
        self._rearm_due = True
        self.poller: SourcePoller | None = None
        self._reclaim_due = True
        self._pass_due = True
        self.health = ChannelHealth()
        self.loaded = self._load()
        from watcher.daemon.sender import SendPool

        options = self.loaded.options
        self.pool = SendPool(options.concurrency, options.per_channel, self.loaded.policy.rates)

    # -- configuration ----------------------------------------------------------------------

    def _load(self) -> _Loaded:
        from watcher.notify.apprise_transport import AppriseNotifier
        from watcher.notify.checks import check_channel_urls

        config = self.load_config()
        policy = Policy.from_config(config)
        options = DaemonOptions.from_mapping(config.daemon)
        if self.scrubber is not None:
            from watcher.sources.spec import url_secrets

            self.scrubber.update(
                secret_fragments(url for c in config.channels.values() for url in c.urls)
                + [s for spec in config.sources.values() for s in url_secrets(spec.url)]
            )
        check_channel_urls(config.channels)  # a bad URL: `run` refuses, a reload keeps the old
        notifier = AppriseNotifier(config.channels, concurrency=options.concurrency)
        return _Loaded(config, policy, options, notifier)

    def _reload(self) -> None:
        self.flags.reload.clear()
        try:
            loaded = self._load()
        except WatcherError as error:
            log.error("configuration not reloaded, keeping the previous one: %s", error)
            return
        if loaded.options != self.loaded.options:
            log.warning("daemon.* timing changes take effect at the next restart")
            loaded.options = self.loaded.options
        self.loaded = loaded
        self.pool.set_rates(loaded.policy.rates)
        if self.poller is not None:
            self.poller.wake()  # it re-syncs the configured sources
        source = loaded.config.source or "built-in defaults"
        log.info(
            "configuration reloaded from %s: channels %s",
            source,
            ", ".join(loaded.notifier.channel_names()),
        )
        self._rearm_due = True

    # -- scheduler jobs: they only set flags -------------------------------------------------

    def _job_wake(self) -> None:
        self._pass_due = True
        self.flags.wake.set()

    def _job_poll(self) -> None:
        try:
            serial = self.store.change_serial()
        except Exception as error:  # the main loop reports database trouble
            log.debug("change marker not readable: %s", error)
            return
        if serial != self._serial:
            self._serial = serial
            self._rearm_due = True
            self._pass_due = True
        self._reclaim_due = True  # a daemon killed since the last poll: take its claims
        self.flags.wake.set()

    def _job_reconcile(self) -> None:
        self._rearm_due = True
        self._pass_due = True
        self.flags.wake.set()

    def _job_heartbeat(self) -> None:
        self._beat_due = True
        self._pass_due = True
        self.flags.wake.set()

    def _job_digest(self) -> None:
        self._digest_due = True
        self._pass_due = True
        self.flags.wake.set()

    def _scheduler(self) -> BackgroundScheduler:
        from apscheduler.schedulers.background import BackgroundScheduler

        options = self.loaded.options
        scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 1},
        )
        beat = min(options.heartbeat_interval, sdnotify.watchdog_interval() or float("inf"))
        jobs: list[tuple[Callable[[], None], str, float]] = [
            (self._job_poll, "poll", options.poll_interval),
            (self._job_reconcile, "reconcile", options.reconcile_interval),
            (self._job_heartbeat, "heartbeat", beat),
            (self._job_digest, "digest", options.digest_interval),
        ]
        for func, job_id, seconds in jobs:
            scheduler.add_job(func, "interval", seconds=seconds, id=job_id)
        return scheduler

    def _arm(self, scheduler: BackgroundScheduler, now: datetime) -> None:
        """Point the single wake-up job at the next instant something becomes claimable."""
        self._rearm_due = False
        with self.store.session() as session:
            at = queue.next_wakeup(session)
        if at is None:
            if self._armed is not None and scheduler.get_job("wake"):
                scheduler.remove_job("wake")
            self._armed = None
            return
        if at <= now + SEND_AHEAD + EARLY_TOLERANCE:
            self.flags.wake.set()
            return
        if at != self._armed or scheduler.get_job("wake") is None:
            wake_at = at - SEND_AHEAD
            scheduler.add_job(
                self._job_wake, "date", run_date=wake_at, id="wake", replace_existing=True
            )
            self._armed = at
            log.debug("next wake-up at %s", at.isoformat())

    # -- the loop ---------------------------------------------------------------------------

    def _now(self) -> datetime:
        return ensure_utc(self.clock())

    def _heartbeat(self, stopped: bool = False) -> None:
        self._beat_due = False
        with self.store.write() as session:
            queue.heartbeat(
                session,
                daemon_id=self.worker,
                host=socket.gethostname(),
                pid=os.getpid(),
                version=watcher.__version__,
                now=self._now(),
                stopped=stopped,
            )
        if not stopped:
            sdnotify.notify("WATCHDOG=1")

    def _pass(self) -> int:
        loaded = self.loaded
        self._reclaim_due = False
        return dispatch_due(
            self.store,
            loaded.notifier,
            self._now(),
            loaded.policy,
            worker=self.worker,
            should_stop=self.flags.stop.is_set,
            pool=self.pool,
            health=self.health,
            between_batches=self._between_batches,
            ahead=SEND_AHEAD,
        )

    def _between_batches(self) -> None:
        """A long pass keeps the heartbeat fresh (others judge us gone by it)."""
        if self._beat_due:
            self._heartbeat()

    def _reclaim(self) -> bool:
        """Take back the claims of daemons that are gone; True when there were any."""
        self._reclaim_due = False
        return reclaim_gone(self.store, self._now(), self.loaded.policy, self.worker) > 0

    def run_once(self) -> int:
        """One pass now (for cron-style use and debugging): the due sources are polled,
        then the due alerts sent; returns alerts handled."""
        from watcher.daemon.polling import SourcePoller, poll_due, source_lease

        config = self.loaded.config
        try:
            SourcePoller(self.store, lambda: config, worker=self.worker, clock=self.clock).sync()
            poll_due(
                self.store,
                config,
                worker=self.worker,
                lease=source_lease(config, self.loaded.options.lease),
            )
            return self._pass()
        finally:
            self.pool.close()

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; returns the exit status (0 after a clean stop)."""
        poller: SourcePoller | None = None
        with handle_signals(self.flags):
            scheduler = self._scheduler()
            scheduler.start()
            try:
                self._serial = self.store.change_serial()
                self._heartbeat()
                sent = self._pass()  # catch-up: whatever fell due while we were down
                if sent:
                    log.info("catch-up pass handled %d alert(s)", sent)
                self._arm(scheduler, self._now())
                channels = ", ".join(self.loaded.notifier.channel_names())
                log.info(
                    "watcher %s running as %s; channels: %s",
                    watcher.__version__,
                    self.worker,
                    channels,
                )
                sdnotify.notify("READY=1", f"STATUS=delivering alerts to {channels}")
                poller = self._start_polling()
                self._loop(scheduler)
            finally:
                sdnotify.notify("STOPPING=1")
                scheduler.shutdown(wait=False)
                if poller is not None:
                    poller.stop(timeout=self.loaded.options.send_timeout)
                self.pool.close()
                try:
                    self._heartbeat(stopped=True)
                except Exception as error:  # stopping must not fail on a busy database
                    log.warning("could not record the stop: %s", error)
        log.info("stopped (%s)", self.flags.stop_signal or "requested")
        return 0

    def _start_polling(self) -> SourcePoller:
        """Watched sources are polled in a thread of their own (watcher/daemon/polling.py);
        a new deadline wakes delivery at once."""
        from watcher.daemon.polling import SourcePoller

        def found(_outcome: object) -> None:
            self._rearm_due = True
            self._pass_due = True  # its notices are due now
            self.flags.wake.set()

        self.poller = SourcePoller(
            self.store,
            lambda: self.loaded.config,
            worker=self.worker,
            daemon_lease=self.loaded.options.lease,
            clock=self.clock,
            on_found=found,
        )
        self.poller.start()
        return self.poller

    def _loop(self, scheduler: BackgroundScheduler) -> None:
        failures = 0
        while not self.flags.stop.is_set():
            woke = self.flags.wake.wait(timeout=self.loaded.options.heartbeat_interval)
            self.flags.wake.clear()
            if self.flags.stop.is_set():
                break
            try:
                pass_due = not woke or self.flags.reload.is_set()
                if self._pass_due:  # cleared only when seen: a job setting it now is kept
                    self._pass_due = False
                    pass_due = True
                if self.flags.reload.is_set():
                    self._reload()
                if self._beat_due:
                    self._heartbeat()
                if self._reclaim_due and self._reclaim():
                    pass_due = True
                if not pass_due:
                    continue
                self._pass()
                if self._digest_due and not self.flags.stop.is_set():
                    self._digest_due = False
                    loaded = self.loaded
                    summarise_missed(
                        self.store, loaded.notifier, self._now(), loaded.policy, worker=self.worker
                    )
                self._arm(scheduler, self._now())
                failures = 0
            except Exception as error:  # never crash on one bad pass: log, wait, try again
                failures += 1
                log.error("dispatch pass failed (%s): %s", type(error).__name__, error)
                log.debug("details", exc_info=True)
                self.flags.stop.wait(timeout=min(30.0, 0.5 * 2**failures))
                self._pass_due = True
                self.flags.wake.set()


__all__ = ["Runner", "setup_logging"]
