"""The delivery commands, in-process: what a user types and sees."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from watcher.cli.app import app
from watcher.store.database import open_engine
from watcher.store.models import AlertState
from watcher.store.repository import Store

Invoke = Callable[..., Result]
SECRET = "tok-5e3c2b1a0f9e8d7c"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "watcher.toml"
    path.write_text(
        'timezone = "UTC"\n'
        "[channels.team]\n"
        f'urls = ["mmost://chat.example.com/{SECRET}", "mailto://bob:pw-{SECRET}@example.com"]\n'
    )
    return path


@pytest.fixture
def watcher(sqlite_url: str, config: Path) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", sqlite_url, "--config", str(config), *args])

    return invoke


def failed_alert(url: str, state: AlertState = AlertState.FAILED) -> int:
    store = Store(open_engine(url))
    [alert] = store.alerts()
    with store.write() as session:
        alert.state = state
        alert.last_error = "gave up after 5 attempts" if state == AlertState.FAILED else None
        session.add(alert)
    store.close()
    assert alert.id is not None
    return alert.id


def in_one_hour() -> str:
    return (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0).isoformat()


def test_channels_list_masks_every_secret(watcher: Invoke) -> None:
    result = watcher("channels", "list")
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert "mmost://ch***" in result.output or "mmost://chat.example.com/***" in result.output
    rows = json.loads(watcher("channels", "list", "--json").stdout)
    assert [r["name"] for r in rows] == ["team", "console"]
    assert [r["rate"] for r in rows] == [None, None]  # Mattermost has no default limit
    assert SECRET not in json.dumps(rows)


def test_channels_test_reports_each_url(watcher: Invoke) -> None:
    result = watcher("channels", "test", "console")
    assert result.exit_code == 0, result.output
    assert "ALERT watcher: test message" in result.output
    assert "console: watcherconsole://: ok" in result.output
    unknown = watcher("channels", "test", "nope")
    assert unknown.exit_code == 2 and "unknown channel 'nope'" in unknown.output


def test_status_before_any_daemon(watcher: Invoke) -> None:
    result = watcher("status")
    assert result.exit_code == 0, result.output
    assert "daemon: never started (run `watcher run`)" in result.output


def test_preview_shows_what_would_be_sent_and_sends_nothing(watcher: Invoke) -> None:
    assert (
        watcher("add", "Pay rent", in_one_hour(), "--lead", "30m", "--channel", "team").exit_code
        == 0
    )
    assert "nothing due by" in watcher("preview").output
    result = watcher("preview", "--at", "in 2 hours")
    assert result.exit_code == 0, result.output
    assert "to team (alert 1)" in result.output
    assert "Due in 30 minutes: Pay rent" in result.output
    assert json.loads(watcher("alerts", "--json").stdout)[0]["state"] == "pending"


def test_preview_shows_reminders_due_together_as_the_one_message_they_will_be(
    watcher: Invoke,
) -> None:
    due = in_one_hour()
    for title in ("Pay rent", "Pay tax"):
        assert watcher("add", title, due, "--lead", "30m", "--channel", "team").exit_code == 0
    assert (
        watcher("add", "Later", in_one_hour(), "--lead", "10m", "--channel", "team").exit_code == 0
    )
    result = watcher("preview", "--at", "in 2 hours")
    assert result.exit_code == 0, result.output
    assert "to team (alerts 1, 2)" in result.output
    assert "2 reminders: Pay rent, Pay tax" in result.output
    assert "watcher snooze 2 1h" in result.output
    assert "to team (alert 3)" in result.output  # 20 minutes later: a message of its own


def test_retry_and_snooze(watcher: Invoke, sqlite_url: str) -> None:
    assert (
        watcher("add", "Renew", in_one_hour(), "--lead", "30m", "--channel", "team").exit_code == 0
    )
    alert_id = failed_alert(sqlite_url)
    listed = watcher("alerts", "--failed")
    assert "gave up after 5 attempts" in listed.output
    usage = watcher("alerts", "retry")
    assert usage.exit_code == 2 and "give an alert ID or --all-failed" in usage.output
    result = watcher("alerts", "retry", str(alert_id))
    assert result.exit_code == 0 and "queued 1 alert(s) again" in result.output
    assert json.loads(watcher("alerts", "--json").stdout)[0]["state"] == "pending"
    bad = watcher("snooze", str(alert_id), "soon")
    assert bad.exit_code == 2 and "bad lead time 'soon'" in bad.output
    planned = watcher("snooze", str(alert_id), "10m")  # not sent yet: nothing to snooze
    assert planned.exit_code == 2 and f"alert {alert_id} is pending, not sent" in planned.output
    assert [a["state"] for a in json.loads(watcher("alerts", "--json").stdout)] == ["pending"]
    failed_alert(sqlite_url, AlertState.SENT)
    too_long = watcher("snooze", str(alert_id), "2h")
    assert too_long.exit_code == 2 and "after the deadline" in too_long.output
    missing = watcher("snooze", "999", "10m")
    assert missing.exit_code == 1 and "no alert with id 999" in missing.output
    snoozed = watcher("snooze", str(alert_id), "10m")
    assert snoozed.exit_code == 0, snoozed.output
    states = {(a["kind"], a["state"]) for a in json.loads(watcher("alerts", "--json").stdout)}
    assert states == {("reminder", "sent"), ("snooze", "pending")}
