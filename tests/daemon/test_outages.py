"""Outages and crashes: retries that outlast them, recovery at once, claims of dead
daemons, recording that survives a refused write, lateness judged at send time."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from tests.daemon.daemon_support import ONE_EACH, T0, RecordingNotifier, add
from watcher.cli.app import app
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.notify import TargetResult
from watcher.store import database, queue, repository
from watcher.store.database import open_engine
from watcher.store.models import AlertState, DaemonRecord
from watcher.store.repository import Store

FIRE = T0 + timedelta(days=1)


def test_retries_outlast_a_ten_minute_outage_and_recovery_sends_all_at_once(
    store: Store,
) -> None:
    notifier = RecordingNotifier(failing={"console-1"})
    with freeze_time(T0):
        for n in range(20):
            add(store, f"Outage {n:02}", due=T0 + timedelta(days=3), leads="2d")  # days away
    now = T0 + timedelta(days=1)
    back = now + timedelta(minutes=10)
    while now < back:  # the daemon wakes whenever something is due
        with freeze_time(now):
            dispatch_due(store, notifier, now)
        with store.session() as session:
            now = max(now + timedelta(seconds=1), queue.next_wakeup(session) or back)
    assert {a.state for a in store.alerts()} == {AlertState.PENDING}
    assert max(a.attempts for a in store.alerts()) >= 5  # the old limit would have failed them
    notifier.failing.clear()  # the channel is back
    with store.session() as session:
        first_retry = queue.next_wakeup(session)
    assert first_retry is not None
    with freeze_time(first_retry):
        assert dispatch_due(store, notifier, first_retry) == 20  # one pass: all of them
    assert {a.state for a in store.alerts()} == {AlertState.SENT}
    bodies = "\n".join(s.message.body for s in notifier.sent)
    assert len(notifier.sent) <= 2  # they failed as groups and come back as groups
    assert all(f"Outage {n:02}" in bodies for n in range(20))


def test_status_names_the_failing_channel_since_when_and_how_many_wait(
    sqlite_url: str,
) -> None:
    store = Store(open_engine(sqlite_url))
    with freeze_time(T0):
        for n in range(3):
            add(store, f"Waiting {n}", channels=("team",))
    with freeze_time(FIRE):
        dispatch_due(store, RecordingNotifier(failing={"chat"}), FIRE)
    store.close()
    result = CliRunner().invoke(app, ["--db", sqlite_url, "status"])
    assert result.exit_code == 0, result.output
    assert (
        "channel team: FAILING since Tue 2026-11-03 09:00 UTC, 3 alert(s) waiting to be retried; "
        "last error: test://chat: chat is down"
    ) in result.stdout


def test_a_dead_daemons_claims_are_taken_back_at_once(store: Store) -> None:
    with freeze_time(T0):
        add(store, leads="0", due=FIRE)  # at the deadline: would turn "missed" waiting a lease
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    worker = f"{socket.gethostname()}:{int(dead.stdout)}:abc123"
    with freeze_time(FIRE), store.write() as session:
        assert queue.claim_due(
            session,
            worker=worker,
            now=FIRE,
            lease_until=FIRE + timedelta(seconds=120),
            late_cutoff=FIRE,
            limit=10,
        )
    notifier = RecordingNotifier()
    soon = FIRE + timedelta(seconds=3)  # the lease has 117 s to run
    with freeze_time(soon):
        assert dispatch_due(store, notifier, soon, worker="restarted") == 1
    [alert] = store.alerts()
    assert alert.state == AlertState.SENT and len(notifier.sent) == 1


def test_a_daemon_on_another_host_is_gone_when_its_heartbeat_is_stale(store: Store) -> None:
    with freeze_time(T0):
        add(store)
    worker = "elsewhere:4242:abc123"
    with freeze_time(FIRE), store.write() as session:
        session.add(
            DaemonRecord(id=worker, host="elsewhere", pid=4242, started_at=FIRE, heartbeat_at=FIRE)
        )
        queue.claim_due(
            session,
            worker=worker,
            now=FIRE,
            lease_until=FIRE + timedelta(seconds=120),
            late_cutoff=FIRE,
            limit=10,
        )
    notifier = RecordingNotifier()
    policy = Policy(stale_after=timedelta(seconds=50))
    alive = FIRE + timedelta(seconds=20)
    with freeze_time(alive):  # its heartbeat is recent: the claim stands
        assert dispatch_due(store, notifier, alive, policy, worker="here") == 0
    stale = FIRE + timedelta(seconds=60)
    with freeze_time(stale):
        assert dispatch_due(store, notifier, stale, policy, worker="here") == 1
    assert len(notifier.sent) == 1


def test_a_refused_recording_write_is_retried_and_the_message_not_sent_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(repository, "WRITE_QUEUE_SECONDS", 0.2)
    path = tmp_path / "refused.db"
    store = Store(open_engine(f"sqlite:///{path}"))
    released = threading.Event()

    class LockAfterSending(RecordingNotifier):
        """Another process takes the write lock for 1 s just as the message went out."""

        def send(self, *args: Any, **kwargs: Any) -> list[TargetResult]:
            results = super().send(*args, **kwargs)
            held = threading.Event()

            def hold() -> None:
                connection = sqlite3.connect(path, isolation_level=None)
                connection.execute("BEGIN IMMEDIATE")
                held.set()
                time.sleep(1.0)
                connection.execute("COMMIT")
                connection.close()
                released.set()

            threading.Thread(target=hold).start()
            held.wait(timeout=5)
            return results

    notifier = LockAfterSending()
    with freeze_time(T0):
        add(store)
    with freeze_time(FIRE):
        assert dispatch_due(store, notifier, FIRE) == 1
        assert released.wait(timeout=5)
        assert dispatch_due(store, notifier, FIRE + timedelta(minutes=5)) == 0
    [alert] = store.alerts()
    assert alert.state == AlertState.SENT and len(notifier.sent) == 1
    store.close()


def test_lateness_and_relative_time_are_judged_when_each_message_is_sent(
    sqlite_url: str,
) -> None:
    clock = [FIRE]
    store = Store(open_engine(sqlite_url), clock=lambda: clock[0])

    class SlowChannel(RecordingNotifier):
        def send(self, *args: Any, **kwargs: Any) -> list[TargetResult]:
            results = super().send(*args, **kwargs)
            clock[0] += timedelta(minutes=2)  # each send takes two minutes
            return results

    notifier = SlowChannel()
    clock[0] = T0
    for n in range(2):
        add(store, f"Slow {n}", due=T0 + timedelta(days=1, hours=1))
    clock[0] = T0 + timedelta(hours=1)
    at = clock[0] - timedelta(hours=1) + timedelta(days=1) - timedelta(days=1) + timedelta(days=0)
    del at
    fire = T0 + timedelta(hours=1)
    with freeze_time(fire, tick=False):
        dispatch_due(store, notifier, fire, Policy(concurrency=1, group_window=ONE_EACH))
    titles = [s.message.title for s in notifier.sent]
    assert titles == ["Due in 1 day: Slow 0", "[late] Due in 23 hours: Slow 1"]
    assert [a.late for a in store.alerts()] == [False, True]
    store.close()
