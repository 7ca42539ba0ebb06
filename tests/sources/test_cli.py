"""`watcher sources list | add | remove | check` and the sources part of `watcher status`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.sources.feed_support import CONSULTATION, LICENCES, FeedServer
from watcher.cli.app import app

Invoke = Callable[..., Result]


@pytest.fixture
def config_file(tmp_path: Path, feeds: FeedServer) -> Path:
    feeds.feed("/press.xml", [CONSULTATION])
    path = tmp_path / "watcher.toml"
    path.write_text(
        'timezone = "UTC"\n'
        '[channels.team]\nurls = ["json://127.0.0.1:9/hook"]\n'
        f'[sources.press]\nurl = "{feeds.url("/press.xml")}?key=SECRET"\nevery = "10m"\n'
    )
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'w.db'}"


@pytest.fixture
def watcher(db: str, config_file: Path) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", db, "--config", str(config_file), *args])

    return invoke


def counts(watcher: Invoke) -> tuple[int, int]:
    listed = json.loads(watcher("list", "--json").stdout)
    status = json.loads(watcher("status", "--json").stdout)
    return len(listed), sum(status["counts"].get(s, 0) for s in ("pending", "sent"))


def test_add_list_remove(watcher: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    added = watcher("sources", "add", "inbox", str(folder), "--every", "1h", "--tag", "local")
    assert added.exit_code == 0, added.output
    assert f"watching inbox: {folder} every 1h" in added.stdout
    listed = watcher("sources", "list")
    assert listed.exit_code == 0, listed.output
    assert "never checked" in listed.stdout and "SECRET" not in listed.stdout
    records = {r["name"]: r for r in json.loads(watcher("sources", "list", "--json").stdout)}
    assert records["press"]["origin"] == "config" and records["press"]["every"] == "10m"
    assert records["press"]["url"].endswith("press.xml?key=***")
    assert records["inbox"]["tags"] == ["local"] and records["inbox"]["origin"] == "cli"
    removed = watcher("sources", "remove", "inbox")
    assert removed.exit_code == 0 and "no longer watching inbox" in removed.stdout
    names = [r["name"] for r in json.loads(watcher("sources", "list", "--json").stdout)]
    assert names == ["press"]


@pytest.mark.parametrize(
    "args,message,code",
    [
        (["add", "x", "ftp://example.org/f"], "only http://, https:// and file", 2),
        (["add", "x", "https://e.org/f", "--every", "10s"], "every must be at least 60 s", 2),
        (["add", "x y", "https://e.org/f"], "source name 'x y' may only use", 2),
        (["add", "x", "/no/such/feed.xml"], "/no/such/feed.xml: no such file or folder", 2),
        (["add", "x", "https://e.org/f", "--min-confidence", "1.5"], "between 0 and 1", 2),
        (["add", "x", "https://e.org/f", "--channel", "nope"], "unknown channel 'nope'", 2),
        (["add", "press", "https://e.org/f"], "already defined in the configuration file", 2),
        (["remove", "press"], "remove [sources.press] there", 2),
        (["remove", "ghost"], "no source named 'ghost'", 1),
        (["check", "ghost"], "no source named 'ghost'", 1),
    ],
)
def test_mistakes_get_one_line_and_change_nothing(
    watcher: Invoke, args: list[str], message: str, code: int
) -> None:
    result = watcher("sources", *args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("watcher: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_prints_what_would_happen_and_changes_nothing(
    watcher: Invoke, feeds: FeedServer
) -> None:
    before = counts(watcher)
    result = watcher("sources", "check", "press")
    assert result.exit_code == 0, result.output
    assert "NEW     Consultation on river fishing rules opens" in result.stdout
    assert "would add: 2027-01-15  Comments due" in result.stdout
    assert "1 new deadline(s)" in result.stdout and "Nothing was changed." in result.stdout
    assert counts(watcher) == before == (0, 0)
    [record] = json.loads(watcher("sources", "list", "--json").stdout)
    assert record["last_check"] is None and record["articles_seen"] == 0


def test_check_reports_a_broken_source_in_one_line(watcher: Invoke, feeds: FeedServer) -> None:
    feeds.set("/press.xml", status=503)
    result = watcher("sources", "check", "press")
    assert result.exit_code == 1
    assert result.stderr.strip() == "watcher: error: source press: the server answered 503 " + (
        "Service Unavailable"
    )


def test_status_and_list_show_each_sources_health(
    watcher: Invoke, feeds: FeedServer, db: str, config_file: Path
) -> None:
    from watcher.config import load_config
    from watcher.daemon.polling import poll_due
    from watcher.store import sources_watch as watch
    from watcher.store.database import open_store

    feeds.feed("/press.xml", [CONSULTATION, LICENCES])
    feeds.set("/down.xml", status=500)
    assert watcher("sources", "add", "down", feeds.url("/down.xml")).exit_code == 0
    assert "never checked" in watcher("status").stdout
    config = load_config(str(config_file))
    store = open_store(db)
    with store.write() as session:  # what the daemon does at start
        watch.sync_config_sources(session, list(config.sources.values()), store.now())
    poll_due(store, config, worker="test")
    store.close()

    status = watcher("status")
    assert status.exit_code == 0, status.output
    lines = {line.split()[0]: line for line in status.stdout.splitlines() if line.strip()}
    assert " 2 " in lines["press"] and lines["press"].rstrip().endswith("ok")
    assert "ERROR x1: the server" in lines["down"]  # the table fits the terminal
    records = {r["name"]: r for r in json.loads(watcher("status", "--json").stdout)["sources"]}
    assert records["press"]["articles_seen"] == 2 and records["press"]["last_change"]
    assert records["down"]["failures"] == 1 and records["down"]["next_check"]
    listed = watcher("sources", "list").stdout
    assert "ERROR x1" in listed and "SECRET" not in listed
