"""News that moves or calls off a deadline reaches its channels: the daemon as a real
subprocess, a real JSON webhook on loopback, the articles read by the real CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.daemon.daemon_support import DaemonProcess, HttpServer, wait_for, write_config

pytestmark = pytest.mark.slow


def _weekday(year: int, month: int, day: int) -> str:
    return datetime(year, month, day, tzinfo=UTC).strftime("%a")


def test_a_move_and_a_call_off_in_the_news_send_their_notices(
    tmp_path: Path, sqlite_url: str, http_server: HttpServer, daemons: list[DaemonProcess]
) -> None:
    today = datetime.now(UTC).date()
    year = today.year + 1
    config = write_config(tmp_path / "w.toml", {"hook": [f"json://{http_server.base}/hook"]})
    daemon = DaemonProcess(sqlite_url, config, tmp_path)
    first = tmp_path / "first.txt"
    first.write_text(
        f"The harbour authority said the ferry licence expires on March 3, {year}. "
        "Separately, the city will hold a public consultation on the new pier on "
        f"April 20, {year}.",
        encoding="utf-8",
    )
    added = daemon.cli("extract", str(first), "--published", today.isoformat(), "--add", "--yes")
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("NEW ") == 2, added.stdout
    daemons.append(daemon.start())
    second = tmp_path / "second.txt"
    second.write_text(
        f"The ferry licence has been extended to June 30, {year}, the harbour authority said. "
        "The public consultation on the new pier was cancelled after the plans were withdrawn.",
        encoding="utf-8",
    )
    later = (today + timedelta(days=1)).isoformat()
    changed = daemon.cli("extract", str(second), "--published", later, "--add", "--yes")
    assert changed.returncode == 0, changed.stderr
    assert "MOVED" in changed.stdout and "CALLED OFF" in changed.stdout, changed.stdout
    wait_for(lambda: len(http_server.to("/hook")) >= 2, timeout=20, what="two notices")
    messages = {r.json()["title"]: r.json()["message"] for r in http_server.to("/hook")}
    moved = next(body for title, body in messages.items() if title.startswith("Date moved"))
    assert f"30 Jun {year}" in moved
    assert f"Was: {_weekday(year, 3, 3)} 3 Mar {year}" in moved
    assert "extended to June 30" in moved  # the sentence it was read in
    assert "second.txt" in moved  # and where
    called = next(body for title, body in messages.items() if title.startswith("Called off"))
    assert "was cancelled after the plans were withdrawn" in called
    assert "watcher undo" in called
    assert len(http_server.to("/hook")) == 2  # no reminder for the cancelled consultation
