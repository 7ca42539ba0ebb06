"""The deadline commands through Typer's runner, under a frozen clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from tests.cli.conftest import Invoke, json_of
from watcher.cli.app import app

NOW = "2026-11-26T12:00:00Z"
LIST_KEYS = {
    "id",
    "title",
    "due",
    "timezone",
    "all_day",
    "kind",
    "tags",
    "status",
    "channels",
    "leads",
}


@freeze_time(NOW)
def test_add_shows_the_planned_alerts(watcher: Invoke) -> None:
    result = watcher(
        "add",
        "Truce expires",
        "Dec 10",
        "--tz",
        "America/New_York",
        "--kind",
        "expiry",
        "--tag",
        "trade",
        "--lead",
        "7d,1d,1h",
    )
    assert result.exit_code == 0, result.output
    assert "Added #1: Truce expires — Thu 2026-12-10 (all day)" in result.stdout
    assert "Thu 2026-12-03 09:00 EST" in result.stdout  # 1w before, at the all-day time
    assert "Wed 2026-12-09 09:00 EST" in result.stdout
    assert result.stdout.count("[pending]") == 3


@freeze_time(NOW)
def test_list_json_contract(watcher: Invoke) -> None:
    watcher("add", "Later", "2027-01-15T17:00", "--tz", "Europe/Berlin", "--tag", "a")
    watcher("add", "Sooner", "tomorrow 9am", "--tz", "Asia/Tokyo", "--channel", "console")
    records = json_of(watcher("list", "--json"))
    assert [r["title"] for r in records] == ["Sooner", "Later"]
    assert set(records[0]) >= LIST_KEYS
    later = records[1]
    assert later["due"] == "2027-01-15T17:00:00+01:00"
    assert later["timezone"] == "Europe/Berlin"
    assert later["all_day"] is False
    assert later["tags"] == ["a"]
    assert later["leads"] == ["1w", "1d", "1h"]
    assert later["status"] == "active"
    assert records[0]["due"] == "2026-11-27T09:00:00+09:00"


@freeze_time(NOW)
def test_list_filters_past_all_and_tag(watcher: Invoke) -> None:
    watcher("add", "Past", "2026-11-01")
    watcher("add", "Future", "2026-12-01", "--tag", "x")
    watcher("add", "Finished", "2026-12-02")
    watcher("done", "3")
    assert [r["title"] for r in json_of(watcher("list", "--json"))] == ["Future"]
    assert [r["title"] for r in json_of(watcher("list", "--past", "--json"))] == ["Past"]
    assert [r["title"] for r in json_of(watcher("list", "--all", "--json"))] == [
        "Past",
        "Future",
        "Finished",
    ]
    assert [r["title"] for r in json_of(watcher("list", "--tag", "x", "--json"))] == ["Future"]
    assert "Future" in watcher("list").stdout


@freeze_time(NOW)
def test_show_edit_done_and_history(watcher: Invoke) -> None:
    watcher("add", "Tariffs", "2026-12-01T00:01", "--tz", "America/New_York")
    edited = watcher("edit", "1", "--when", "2026-12-05T00:01", "--tag", "trade")
    assert edited.exit_code == 0, edited.output
    assert "version 2" in edited.stdout
    shown = json_of(watcher("show", "1", "--json"))
    assert shown["due"] == "2026-12-05T00:01:00-05:00"
    assert shown["tags"] == ["trade"]
    assert [h["action"] for h in shown["history"]] == ["created", "edited"]
    assert any(a["kind"] == "moved" and a["state"] == "pending" for a in shown["alerts"])
    assert watcher("done", "1").exit_code == 0
    shown = json_of(watcher("show", "1", "--json"))
    assert shown["status"] == "done"
    assert {a["state"] for a in shown["alerts"]} == {"cancelled"}
    human = watcher("show", "1").stdout
    assert "History:" in human and "edited: due, tags" in human


@freeze_time(NOW)
def test_edit_tz_keeps_the_wall_clock_time(watcher: Invoke) -> None:
    watcher("add", "Call", "2026-12-01T09:00", "--tz", "Europe/Berlin")
    watcher("edit", "1", "--tz", "America/New_York")
    assert json_of(watcher("show", "1", "--json"))["due"] == "2026-12-01T09:00:00-05:00"


@freeze_time(NOW)
def test_remove(watcher: Invoke) -> None:
    watcher("add", "Call", "2026-12-01T09:00")
    assert watcher("remove", "1").exit_code == 0
    assert json_of(watcher("list", "--all", "--json")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "X", "someday"], "cannot understand the date 'someday'"),
        (["add", "X", "Nov 10", "--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["add", "X", "Nov 10", "--lead", "7x"], "bad lead time '7x'"),
        (["add", "X", "Nov 10", "--kind", "party"], "unknown kind 'party'"),
        (["add", "X", "Nov 10", "--channel", "pager"], "unknown channel 'pager'"),
        (["add", "  ", "Nov 10"], "the title is empty"),
        (["add", "X"], "Missing argument"),
        (["list", "--all", "--past"], "--all and --past cannot be combined"),
        (["edit", "1"], "nothing to change"),
        (["edit", "1", "--when", "Nov 31"], "no such date"),
        (["list", "--bogus"], "No such option: --bogus"),
        (["frobnicate"], "No such command"),
    ],
)
@freeze_time(NOW)
def test_usage_errors_print_one_line_exit_2_and_write_nothing(
    watcher: Invoke, args: list[str], message: str
) -> None:
    watcher("add", "Existing", "2026-12-01")
    before = watcher("export").stdout
    result = watcher(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("watcher: error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output
    after = watcher("export").stdout
    assert _without_timestamp(after) == _without_timestamp(before)


def _without_timestamp(export: str) -> str:
    return "\n".join(line for line in export.splitlines() if '"exported_at"' not in line)


@freeze_time(NOW)
def test_unknown_id_is_one_line_exit_1(watcher: Invoke) -> None:
    for command in ("show", "done", "cancel", "remove"):
        result = watcher(command, "42")
        assert result.exit_code == 1
        assert (
            result.stderr.strip() == "watcher: error: no deadline with id 42: see "
            "`watcher list --all`"
        )


def test_unreadable_database_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database file at all" * 100)
    urls = [
        f"sqlite:///{garbage}",
        f"sqlite:///{tmp_path}",
        "nonsense://x",
        "postgresql+psycopg://u:hunter2@127.0.0.1:9/x",
    ]
    for url in urls:
        result = runner.invoke(app, ["--db", url, "list"])
        assert result.exit_code == 1, (url, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("watcher: error: "), (url, result.stderr)
        assert "hunter2" not in result.stderr
    assert garbage.read_bytes().startswith(b"this is not a database")


def test_verbose_shows_the_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["-v", "--db", f"sqlite:///{tmp_path}/w.db", "show", "7"])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.strip().endswith(
        "watcher: error: no deadline with id 7: see `watcher list --all`"
    )
