"""One dispatch pass under frozen time: what is sent, when, how often, and what is recorded."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from freezegun import freeze_time

from tests.daemon.daemon_support import ONE_EACH, T0, RecordingNotifier, add
from watcher.config import QuietHours, RetryPolicy
from watcher.core.leads import parse_lead
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due, quiet_until
from watcher.daemon.options import Policy
from watcher.notify import TargetResult
from watcher.store import queue
from watcher.store.models import Alert, AlertState, DeadlineStatus, Delivery
from watcher.store.repository import DeadlineChanges, Store

FIRE = T0 + timedelta(days=1)  # add() plans a 1d alert for a deadline 2 days after T0


def only_alert(store: Store) -> Alert:
    alerts = store.alerts()
    assert len(alerts) == 1
    return alerts[0]


def deliveries(store: Store) -> list[Delivery]:
    from sqlmodel import select

    with store.session() as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)).all())


def test_an_alert_is_sent_at_its_fire_time_once(store: Store, notifier: RecordingNotifier) -> None:
    with freeze_time(T0):
        deadline = add(store)
    with freeze_time(FIRE - timedelta(seconds=1)):
        assert dispatch_due(store, notifier, FIRE - timedelta(seconds=1)) == 0
    assert notifier.sent == []
    with freeze_time(FIRE):
        assert dispatch_due(store, notifier, FIRE) == 1
        assert dispatch_due(store, notifier, FIRE) == 0
    [message] = notifier.to("console-1")
    assert message.title == "Due in 1 day: File the report"
    assert "Due: Fri 4 Nov 2026 10:00 CET (Europe/Paris), in 1 day" not in message.body
    assert "Wed 4 Nov 2026 10:00 CET (Europe/Paris), in 1 day" in message.body
    assert f"watcher done {deadline.id}" in message.body
    alert = only_alert(store)
    assert f"watcher snooze {alert.id} 1h" in message.body
    assert alert.state == AlertState.SENT
    assert alert.sent_at == FIRE
    assert not alert.late
    assert [(d.target, d.outcome) for d in deliveries(store)] == [("test://console-1", "sent")]


def test_catch_up_after_downtime_sends_at_once_marked_late(
    store: Store, notifier: RecordingNotifier
) -> None:
    with freeze_time(T0):
        add(store)
    back = FIRE + timedelta(hours=3)  # the daemon was down at FIRE; the deadline is ahead
    with freeze_time(back):
        assert dispatch_due(store, notifier, back) == 1
    [message] = notifier.to("console-1")
    assert message.title == "[late] Due in 21 hours: File the report"
    assert "Late: this was due to be sent Tue 3 Nov 10:00 (Europe/Paris)" in message.body
    alert = only_alert(store)
    assert alert.state == AlertState.SENT and alert.late


def test_a_few_seconds_late_is_not_late(store: Store, notifier: RecordingNotifier) -> None:
    with freeze_time(T0):
        add(store)
    with freeze_time(FIRE + timedelta(seconds=5)):
        dispatch_due(store, notifier, FIRE + timedelta(seconds=5))
    assert not only_alert(store).late


def test_alerts_whose_deadline_passed_are_missed_and_summarised_in_one_message(
    store: Store, notifier: RecordingNotifier
) -> None:
    with freeze_time(T0):
        add(store, "Pay the invoice", due=T0 + timedelta(days=2), leads="1d,2h")
        add(store, "Renew the passport", due=T0 + timedelta(days=3), leads="1d")
    back = T0 + timedelta(days=4)  # down for four days: both deadlines are behind us
    with freeze_time(back):
        assert dispatch_due(store, notifier, back) == 6  # 3 marked missed + 3 summarised
        assert dispatch_due(store, notifier, back) == 0
    [summary] = notifier.sent
    assert summary.message.title == "Missed: 3 alerts could not be sent in time"
    assert "- Pay the invoice: was due Wed 4 Nov 2026 10:00 CET (Europe/Paris) (1d reminder)" in (
        summary.message.body
    )
    assert "Renew the passport" in summary.message.body
    states = {(a.lead, a.state, a.sent_at is not None) for a in store.alerts()}
    assert states == {("1d", "missed", True), ("2h", "missed", True)}


def test_missed_alerts_each_and_drop(store: Store, notifier: RecordingNotifier) -> None:
    with freeze_time(T0):
        add(store, "A", leads="1d,2h")
    back = T0 + timedelta(days=3)
    with freeze_time(back):
        dispatch_due(store, notifier, back, Policy(missed_alerts="drop"))
        assert notifier.sent == []
        # A later daemon with another setting does not resurrect dropped summaries.
        dispatch_due(store, notifier, back, Policy(missed_alerts="summary"))
    assert notifier.sent == []
    assert {a.state for a in store.alerts()} == {"missed"}


def test_missed_alerts_each_sends_one_message_per_alert(
    store: Store, notifier: RecordingNotifier
) -> None:
    with freeze_time(T0):
        add(store, "A", leads="1d,2h")
    back = T0 + timedelta(days=3)
    with freeze_time(back):
        dispatch_due(store, notifier, back, Policy(missed_alerts="each"))
    assert [s.message.title for s in notifier.sent] == [
        "Missed: 1 alert could not be sent in time"
    ] * 2


def test_a_failing_url_is_retried_with_backoff_and_the_others_are_not_resent(
    store: Store, notifier: RecordingNotifier
) -> None:
    notifier.failing = {"chat"}
    policy = Policy(retry=RetryPolicy(max_attempts=5, base_delay_seconds=60))
    with freeze_time(T0):
        add(store, channels=("team",))
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE, policy, rng=random.Random(1))
    alert = only_alert(store)
    assert alert.state == AlertState.PENDING and alert.attempts == 1
    assert FIRE + timedelta(seconds=30) <= alert.next_try_at <= FIRE + timedelta(seconds=60)
    assert "test://chat: chat is down" in (alert.last_error or "")
    assert [s.target for s in notifier.sent] == ["mail"]
    notifier.failing.clear()  # the chat server is back
    with freeze_time(alert.next_try_at):
        assert dispatch_due(store, notifier, alert.next_try_at, policy) == 1
    assert [s.target for s in notifier.sent] == ["mail", "chat"]
    alert = only_alert(store)
    assert alert.state == AlertState.SENT and alert.attempts == 2
    assert [(d.target, d.outcome, d.attempt) for d in deliveries(store)] == [
        ("test://mail", "sent", 1),
        ("test://chat", "failed", 1),
        ("test://chat", "sent", 2),
    ]


def test_retries_stop_when_attempts_run_out(store: Store, notifier: RecordingNotifier) -> None:
    notifier.failing = {"console-1"}
    policy = Policy(retry=RetryPolicy(max_attempts=3, base_delay_seconds=10))
    with freeze_time(T0):
        add(store)
    now = FIRE
    for _ in range(3):
        with freeze_time(now):
            dispatch_due(store, notifier, now, policy)
        now = only_alert(store).next_try_at
    alert = only_alert(store)
    assert alert.state == AlertState.FAILED and alert.attempts == 3
    assert (alert.last_error or "").startswith("gave up after 3 attempts: test://console-1")


def test_a_permanent_error_fails_at_once(store: Store, notifier: RecordingNotifier) -> None:
    notifier.permanent = {"console-1"}
    with freeze_time(T0):
        add(store)
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE)
    alert = only_alert(store)
    assert alert.state == AlertState.FAILED and alert.attempts == 1
    assert (alert.last_error or "").startswith("cannot succeed by retrying")


def test_no_retry_after_the_deadline(store: Store, notifier: RecordingNotifier) -> None:
    notifier.failing = {"console-1"}
    policy = Policy(
        retry=RetryPolicy(max_attempts=10, base_delay_seconds=3600, max_delay_seconds=3600)
    )
    with freeze_time(T0):
        add(store, due=T0 + timedelta(hours=2), leads="30m")
    fire = T0 + timedelta(hours=1, minutes=30)
    with freeze_time(fire):
        dispatch_due(store, notifier, fire, policy)
    alert = only_alert(store)
    assert alert.state == AlertState.FAILED
    assert "the deadline passes before the next retry" in (alert.last_error or "")


def test_an_unconfigured_channel_fails_and_says_how_to_fix_it(
    store: Store, notifier: RecordingNotifier
) -> None:
    with freeze_time(T0):
        add(store, channels=("pager",))
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE)
    alert = only_alert(store)
    assert alert.state == AlertState.FAILED
    assert "channel 'pager' is not configured" in (alert.last_error or "")


def test_one_broken_channel_does_not_hold_up_another(
    store: Store, notifier: RecordingNotifier
) -> None:
    notifier.failing = {"mail", "chat"}
    with freeze_time(T0):
        add(store, channels=("team", "console"))
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE)
    assert [s.target for s in notifier.sent] == ["console-1"]
    by_channel = {a.channel: a.state for a in store.alerts()}
    assert by_channel == {"console": "sent", "team": "pending"}


def test_quiet_hours_defer_to_their_end_unless_bypassed_or_too_late(
    store: Store, notifier: RecordingNotifier
) -> None:
    quiet = QuietHours(start=time(22, 0), end=time(7, 0), bypass_kinds=("vote",))
    policy = Policy(quiet_hours=quiet, timezone="UTC", group_window=ONE_EACH)
    night = datetime(2026, 11, 2, 23, 0, tzinfo=UTC)
    with freeze_time(T0):
        add(store, "Quiet", due=night + timedelta(days=1), leads="1d")
        add(store, "Vote", due=night + timedelta(days=1), leads="1d", kind="vote")
        add(store, "Urgent", due=night + timedelta(hours=2), leads="2h")  # due 01:00
    with freeze_time(night):
        dispatch_due(store, notifier, night, policy)
    assert sorted(m.message.title for m in notifier.sent) == [
        "Due in 1 day: Vote",
        "Due in 2 hours: Urgent",
    ]
    [waiting] = [a for a in store.alerts() if a.state == AlertState.PENDING]
    assert waiting.next_try_at == datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
    assert waiting.attempts == 0  # waiting for the morning is not a failed attempt


def test_quiet_until() -> None:
    quiet = QuietHours(start=time(22, 0), end=time(7, 0))
    paris = "Europe/Paris"
    evening = datetime(2026, 11, 2, 21, 30, tzinfo=UTC)  # 22:30 in Paris
    assert quiet_until(evening, quiet, paris) == datetime(2026, 11, 3, 6, 0, tzinfo=UTC)
    assert quiet_until(datetime(2026, 11, 2, 12, 0, tzinfo=UTC), quiet, paris) is None
    day = QuietHours(start=time(12, 0), end=time(14, 0))
    assert quiet_until(datetime(2026, 11, 2, 12, 30, tzinfo=UTC), day, "UTC") == datetime(
        2026, 11, 2, 14, 0, tzinfo=UTC
    )


def test_a_crashed_daemons_claim_expires_and_is_sent_by_another(
    store: Store, notifier: RecordingNotifier
) -> None:
    policy = Policy(lease=timedelta(seconds=60))
    with freeze_time(T0):
        add(store)
    with freeze_time(FIRE), store.write() as session:  # daemon A claims, then dies
        assert queue.claim_due(
            session,
            worker="A",
            now=FIRE,
            lease_until=FIRE + policy.lease,
            late_cutoff=FIRE - policy.late_after,
            limit=10,
        )
    soon = FIRE + timedelta(seconds=30)
    with freeze_time(soon):
        assert dispatch_due(store, notifier, soon, policy, worker="B") == 0
    later = FIRE + timedelta(seconds=61)
    with freeze_time(later):
        assert dispatch_due(store, notifier, later, policy, worker="B") == 1
    assert len(notifier.sent) == 1
    alert = only_alert(store)
    assert alert.state == AlertState.SENT and alert.claimed_by == "B" and alert.attempts == 2


def test_concurrent_passes_send_each_alert_once(store: Store) -> None:
    notifier = RecordingNotifier()
    with freeze_time(T0):
        for n in range(30):
            add(store, f"Deadline {n}", due=T0 + timedelta(days=2, minutes=n))
    now = FIRE + timedelta(hours=1)
    errors: list[BaseException] = []

    def run(worker: str) -> None:
        try:
            dispatch_due(
                store, notifier, now, Policy(batch_size=3, group_window=ONE_EACH), worker=worker
            )
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    titles = [s.message.title for s in notifier.sent]
    assert len(titles) == 30 and len(set(titles)) == 30
    assert {a.state for a in store.alerts()} == {"sent"}


def test_a_deadline_done_after_the_claim_is_not_sent(
    store: Store, notifier: RecordingNotifier
) -> None:
    with freeze_time(T0):
        deadline = add(store)
    assert deadline.id is not None
    with freeze_time(FIRE), store.write() as session:
        queue.claim_due(
            session,
            worker="w",
            now=FIRE,
            lease_until=FIRE + timedelta(seconds=1),
            late_cutoff=FIRE,
            limit=10,
        )
    store.set_status(deadline.id, DeadlineStatus.DONE)
    later = FIRE + timedelta(seconds=5)
    with freeze_time(later):
        dispatch_due(store, notifier, later, worker="w2")
    assert notifier.sent == []
    assert only_alert(store).state == AlertState.CANCELLED


def test_a_moved_date_is_announced_with_the_old_date(
    store: Store, notifier: RecordingNotifier
) -> None:
    with freeze_time(T0):
        deadline = add(store)
    assert deadline.id is not None
    edit_at = T0 + timedelta(hours=1)
    with freeze_time(edit_at):
        store.edit_deadline(
            deadline.id,
            DeadlineChanges(due=Due(at=T0 + timedelta(days=5), timezone="Europe/Paris")),
        )
        dispatch_due(store, notifier, edit_at)
    [moved] = notifier.sent
    assert moved.message.title == "Date moved: File the report is now due in 5 days"
    assert "Was: Wed 4 Nov 2026 10:00 CET (Europe/Paris)" in moved.message.body
    assert "Due: Sat 7 Nov 2026 10:00 CET (Europe/Paris), in 5 days" in moved.message.body


def test_stopping_releases_what_was_claimed_but_not_sent(store: Store) -> None:
    stopping = threading.Event()

    class StopAfterOneSend(RecordingNotifier):
        def send(self, *args: Any, **kwargs: Any) -> list[TargetResult]:
            results = super().send(*args, **kwargs)
            stopping.set()  # SIGTERM arrives while the first message is going out
            return results

    notifier = StopAfterOneSend()
    with freeze_time(T0):
        for n in range(5):
            add(store, f"D{n}")
    with freeze_time(FIRE):
        handled = dispatch_due(
            store,
            notifier,
            FIRE,
            Policy(concurrency=1, group_window=ONE_EACH),
            worker="w",
            should_stop=stopping.is_set,
        )
    assert handled == 1 and len(notifier.sent) == 1
    states = sorted(a.state for a in store.alerts())
    assert states == ["pending"] * 4 + ["sent"]
    assert {a.attempts for a in store.alerts() if a.state == "pending"} == {0}
    with freeze_time(FIRE):
        assert dispatch_due(store, RecordingNotifier(), FIRE) == 4


def test_snooze_reminds_again_later(store: Store, notifier: RecordingNotifier) -> None:
    with freeze_time(T0):
        add(store)
    with freeze_time(FIRE):
        dispatch_due(store, notifier, FIRE)
        alert = only_alert(store)
        with store.write() as session:
            queue.snooze(
                session,
                alert,
                now=FIRE,
                until=FIRE + timedelta(hours=1),
                label=parse_lead("1h").label,
            )
    later = FIRE + timedelta(hours=1)
    with freeze_time(later):
        assert dispatch_due(store, notifier, later) == 1
    assert [m.title for m in notifier.to("console-1")] == [
        "Due in 1 day: File the report",
        "Due in 23 hours: File the report",
    ]
    assert "Snoozed reminder" in notifier.sent[-1].message.body


@pytest.mark.parametrize("attempt,low,high", [(1, 15, 30), (2, 30, 60), (10, 50, 100)])
def test_backoff_grows_and_is_capped(attempt: int, low: float, high: float) -> None:
    policy = RetryPolicy(base_delay_seconds=30, max_delay_seconds=100)
    delays = {queue.backoff(attempt, policy, random.Random(seed)) for seed in range(20)}
    assert all(timedelta(seconds=low) <= d <= timedelta(seconds=high) for d in delays)
    assert len(delays) > 1  # jittered
