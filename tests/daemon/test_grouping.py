"""Grouping and rate limits: reminders due together on one channel go out as one message
(``daemon.group_window``), story notices alone; a rate-limited channel spaces its messages
and no other channel waits for it. In one pass, and with the daemon as a real subprocess
posting to a loopback JSON webhook, a kill -9 included."""

from __future__ import annotations

import re
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from freezegun import freeze_time

from tests.daemon.daemon_support import (
    ONE_EACH,
    T0,
    DaemonProcess,
    HttpServer,
    RecordingNotifier,
    add,
    wait_for,
    whole_seconds_from_now,
    write_config,
)
from watcher.config import Rate, parse_config
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.daemon.sender import SendPool
from watcher.store import queue
from watcher.store.database import open_engine
from watcher.store.models import AlertState
from watcher.store.repository import DeadlineChanges, Store

FIRE = T0 + timedelta(days=1)  # add() plans its 1d alert for T0 + 2 days here


def named(body: str) -> list[str]:
    return re.findall(r"Item \d+", body)


# -- one pass -------------------------------------------------------------------------------


def test_reminders_due_within_the_window_are_one_message_naming_each(store: Store) -> None:
    notifier = RecordingNotifier()
    with freeze_time(T0):
        for n, seconds in enumerate((0, 2, 4, 30)):  # the last is outside the 5 s window
            add(store, f"Item {n}", due=T0 + timedelta(days=2, seconds=seconds))
    with freeze_time(FIRE):
        assert dispatch_due(store, notifier, FIRE) == 3
    [sent] = notifier.sent
    assert sent.message.title == "3 reminders: Item 0, Item 1, Item 2"
    assert named(sent.message.body) == ["Item 0", "Item 1", "Item 2"]
    for alert in store.alerts()[:3]:
        assert alert.state == AlertState.SENT
        assert f"watcher snooze {alert.id} 1h" in sent.message.body
        assert f"watcher done {alert.deadline_id}" in sent.message.body
    assert store.alerts()[3].state == AlertState.PENDING  # due 30 s later: its own message


def test_a_group_stays_short_enough_for_a_chat_message(store: Store) -> None:
    notifier = RecordingNotifier()
    with freeze_time(T0):
        for n in range(20):
            add(store, f"Item {n} " + "with a long title " * 15)  # ~280 characters each
    with freeze_time(FIRE):
        assert dispatch_due(store, notifier, FIRE) == 20
    assert len(notifier.sent) > 1
    assert all(len(s.message.body) < 4096 for s in notifier.sent)  # Telegram's limit
    assert sorted(n for s in notifier.sent for n in named(s.message.body)) == sorted(
        f"Item {n}" for n in range(20)
    )


def test_group_window_0_sends_each_alone(store: Store) -> None:
    notifier = RecordingNotifier()
    with freeze_time(T0):
        for n in range(3):
            add(store, f"Item {n}")
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE, Policy(group_window=ONE_EACH))
    assert sorted(s.message.title for s in notifier.sent) == [
        f"Due in 1 day: Item {n}" for n in range(3)
    ]


def test_story_notices_are_not_grouped_with_reminders(store: Store) -> None:
    notifier = RecordingNotifier()
    with freeze_time(T0):
        for n in range(2):
            add(store, f"Item {n}")
        moving = add(store, "Moving", due=T0 + timedelta(days=9))
    with freeze_time(FIRE):
        store.edit_deadline(
            moving.id or 0,
            DeadlineChanges(due=Due(at=T0 + timedelta(days=12), timezone="Europe/Paris")),
        )
        dispatch_due(store, notifier, FIRE)
    titles = sorted(s.message.title for s in notifier.sent)
    assert titles == ["2 reminders: Item 0, Item 1", "Date moved: Moving is now due in 11 days"]


def test_a_failed_group_is_retried_as_a_whole_and_none_is_lost(store: Store) -> None:
    notifier = RecordingNotifier(failing={"console-1"})
    with freeze_time(T0):
        for n in range(4):
            add(store, f"Item {n}", due=T0 + timedelta(days=2, seconds=n))
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE)
    alerts = store.alerts()
    assert {a.state for a in alerts} == {AlertState.PENDING}
    assert len({a.next_try_at for a in alerts}) == 1  # one retry instant for the group
    assert all(a.last_error for a in alerts)
    notifier.failing.clear()
    with store.session() as session:
        retry = queue.next_wakeup(session)
    assert retry is not None
    with freeze_time(retry):
        assert dispatch_due(store, notifier, retry) == 4
    [sent] = notifier.sent
    assert named(sent.message.body) == [f"Item {n}" for n in range(4)]
    assert {a.state for a in store.alerts()} == {AlertState.SENT}
    assert {a.attempts for a in store.alerts()} == {2}


def test_the_example_rates_and_the_known_services() -> None:
    config = parse_config(
        {
            "channels": {
                "slack": {"urls": ["slack://T000/B000/XYZ"]},
                "mixed": {"urls": ["mailto://a:b@example.com", "tgram://123:abc/456"]},
                "mail": {"urls": ["mailto://a:b@example.com"]},
                "set": {"urls": ["slack://T000/B000/XYZ"], "rate": "20/m"},
                "off": {"urls": ["slack://T000/B000/XYZ"], "rate": "off"},
            }
        }
    )
    rates = {name: channel.rate for name, channel in config.channels.items()}
    assert rates == {
        "slack": Rate(1, 1.0),
        "mixed": Rate(1, 3.0),
        "mail": None,
        "set": Rate(20, 60.0),
        "off": None,
    }
    assert Policy.from_config(config).rates == {
        "slack": Rate(1, 1.0),
        "mixed": Rate(1, 3.0),
        "set": Rate(20, 60.0),
    }


def test_the_pool_spaces_a_rated_channel_and_never_makes_another_wait() -> None:
    pool = SendPool(4, 4, {"slow": Rate(1, 0.5)})
    events: list[tuple[str, int]] = []
    lock = threading.Lock()

    def send(channel: str, n: int) -> int:
        with lock:
            events.append((channel, n))
        return n

    slow = [pool.submit("slow", lambda n=n: send("slow", n)) for n in range(3)]
    fast = [pool.submit("fast", lambda n=n: send("fast", n)) for n in range(3)]
    try:
        assert [f.result(timeout=10) for f in fast] == [0, 1, 2]
        with lock:
            assert events.count(("slow", 2)) == 0  # still waiting for its turn
        assert [f.result(timeout=10) for f in slow] == [0, 1, 2]
    finally:
        pool.close()
    order = [e for e in events if e[0] == "slow"]
    assert order == [("slow", 0), ("slow", 1), ("slow", 2)]


def test_a_send_waiting_for_its_rate_can_be_cancelled_and_close_drops_it() -> None:
    pool = SendPool(2, 2, {"slow": Rate(1, 60.0)})
    first = pool.submit("slow", lambda: 1)
    second = pool.submit("slow", lambda: 2)
    third = pool.submit("slow", lambda: 3)
    assert first.result(timeout=10) == 1
    assert second.cancel()
    pool.close()
    assert third.cancelled()


def test_alerts_waiting_for_a_rate_leave_room_for_the_other_channels(store: Store) -> None:
    notifier = RecordingNotifier(channels={"slow": ["s"], "fast": ["f"]})
    with freeze_time(T0):
        for n in range(8):  # due first, so claimed first
            add(store, f"Slow {n}", due=T0 + timedelta(days=2, seconds=n), channels=("slow",))
        for n in range(4):
            add(store, f"Fast {n}", due=T0 + timedelta(days=2, seconds=30), channels=("fast",))
    policy = Policy(
        rates={"slow": Rate(1, 0.2)}, group_window=ONE_EACH, concurrency=2, batch_size=4
    )
    now = FIRE + timedelta(minutes=1)
    with freeze_time(now):
        assert dispatch_due(store, notifier, now, policy) == 12
    order = [s.target for s in notifier.sent]
    assert order.count("s") == 8 and order.count("f") == 4
    assert order[:5].count("f") == 4  # before slow's 2nd: not behind its backlog
    assert {a.state for a in store.alerts()} == {AlertState.SENT}


# -- the daemon as a subprocess, a loopback JSON webhook ------------------------------------


def bodies(server: HttpServer, path: str) -> list[str]:
    return [str(r.json().get("message", "")) for r in server.to(path)]


@pytest.mark.slow
@pytest.mark.parametrize("window", [2, 0])
def test_a_running_daemon_groups_what_falls_due_together(
    window: int,
    tmp_path: Path,
    sqlite_url: str,
    http_server: HttpServer,
    daemons: list[DaemonProcess],
) -> None:
    config = write_config(
        tmp_path / "w.toml",
        {"hook": [f"json://{http_server.base}/hook"]},
        daemon=f"group_window = {window}",
    )
    store = Store(open_engine(sqlite_url))
    daemons.append(DaemonProcess(sqlite_url, config, tmp_path).start())
    due = whole_seconds_from_now(2)
    for n in range(5):  # due over 1 s: inside a 2 s window
        add(store, f"Item {n}", due=due + timedelta(seconds=n % 2), leads="0", channels=("hook",))
    wait_for(
        lambda: {a.state for a in store.alerts()} == {AlertState.SENT}, 20, "all 5 recorded sent"
    )
    time.sleep(0.5)
    got = bodies(http_server, "/hook")
    if window:
        assert len(got) == 1, got
        assert sorted(named(got[0])) == [f"Item {n}" for n in range(5)]
    else:
        assert len(got) == 5
        assert sorted(r.json()["title"] for r in http_server.to("/hook")) == [
            f"Due now: Item {n}" for n in range(5)
        ]
    store.close()


@pytest.mark.slow
def test_a_rate_limited_channel_spaces_its_messages_and_the_other_is_not_slowed(
    tmp_path: Path, sqlite_url: str, http_server: HttpServer, daemons: list[DaemonProcess]
) -> None:
    config = write_config(
        tmp_path / "w.toml",
        {"slow": [f"json://{http_server.base}/slow"], "fast": [f"json://{http_server.base}/fast"]},
        extra="",
    )
    config.write_text(
        config.read_text().replace("[channels.slow]", '[channels.slow]\nrate = "1/s"')
    )
    store = Store(open_engine(sqlite_url))
    daemons.append(DaemonProcess(sqlite_url, config, tmp_path).start())
    due = whole_seconds_from_now(2)
    for n in range(4):
        for channel in ("slow", "fast"):
            add(store, f"Item {n}", due=due, leads="0", channels=(channel,))
    wait_for(lambda: len(http_server.to("/slow")) == 4, 30, "4 messages on the slow channel")
    slow = [r.received_at for r in http_server.to("/slow")]
    fast = [r.received_at for r in http_server.to("/fast")]
    assert len(fast) == 4
    assert max(fast) < sorted(slow)[1]  # the fast channel was done before slow's 2nd
    # 4 starts at most one per second: the first and the last are 3 s apart at least
    # (give or take the requests' own travel time)
    assert sorted(slow)[-1] - sorted(slow)[0] > 2.5
    store.close()


@pytest.mark.slow
def test_kill_9_during_a_group_send_then_restart_delivers_the_group_once(
    tmp_path: Path, sqlite_url: str, http_server: HttpServer, daemons: list[DaemonProcess]
) -> None:
    config = write_config(
        tmp_path / "w.toml",
        {"hook": [f"json://{http_server.base}/hook"]},
        daemon="group_window = 2",
    )
    store = Store(open_engine(sqlite_url))
    http_server.hold_arrival = 1  # the group's message is in flight when the daemon dies
    first = DaemonProcess(sqlite_url, config, tmp_path, "first")
    daemons.append(first.start())
    due = whole_seconds_from_now(1)
    for n in range(6):
        add(store, f"Item {n}", due=due, leads="0", channels=("hook",))
    assert http_server.holding.wait(timeout=15)
    first.kill9()
    http_server.abandon = True  # never answered: the sender cannot know it arrived
    http_server.release.set()
    assert {a.state for a in store.alerts()} == {AlertState.CLAIMED}  # none marked sent
    second = DaemonProcess(sqlite_url, config, tmp_path, "second")
    daemons.append(second.start())
    wait_for(lambda: len(http_server.to("/hook")) >= 1, 20, "the group sent again")
    wait_for(lambda: {a.state for a in store.alerts()} == {AlertState.SENT}, 10, "all sent")
    time.sleep(1.0)
    [message] = bodies(http_server, "/hook")  # the abandoned request was never recorded
    assert sorted(named(message)) == [f"Item {n}" for n in range(6)]
    assert second.stop() == 0
    store.close()
