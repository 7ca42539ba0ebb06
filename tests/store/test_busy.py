"""SQLite writers queue behind one another instead of failing with "database is locked"."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watcher.cli.app import app
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.errors import StoreError
from watcher.store import database, repository
from watcher.store.database import open_engine
from watcher.store.repository import DeadlineDraft, Store


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """One SQLite busy wait of 50 ms, so a held lock outlasts it quickly."""
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 50)


def hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another process's writer: holds SQLite's write lock for ``seconds``."""
    held = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        connection.execute("COMMIT")
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(timeout=5)
    return thread


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "busy.db"
    open_engine(f"sqlite:///{path}").dispose()
    yield path


def draft(title: str = "Queued") -> DeadlineDraft:
    due = Due(at=datetime.now(UTC) + timedelta(days=3), timezone="UTC")
    return DeadlineDraft(title=title, due=due, leads=parse_leads("1d"), channels=["console"])


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_writer_waits_for_the_lock_and_succeeds(db_path: Path) -> None:
    store = Store(open_engine(f"sqlite:///{db_path}"))
    holder = hold_write_lock(db_path, 1.0)  # 20 busy timeouts long
    try:
        deadline = store.add_deadline(draft())
    finally:
        holder.join()
    assert [d.id for d in store.list_deadlines()] == [deadline.id]
    store.close()


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_writer_that_waited_too_long_says_busy_in_one_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "WRITE_QUEUE_SECONDS", 0.3)
    holder = hold_write_lock(db_path, 1.5)
    try:
        result = CliRunner().invoke(
            app, ["--db", f"sqlite:///{db_path}", "add", "Too busy", "in 3 days"]
        )
        store = Store(open_engine(f"sqlite:///{db_path}"))
        with pytest.raises(StoreError, match="busy"):
            store.add_deadline(draft())
    finally:
        holder.join()
    assert result.exit_code == 1
    assert result.stderr == (
        "watcher: error: the database is busy (other watcher processes are writing to it): "
        "try again\n"
    )
    assert store.list_deadlines() == []  # nothing half-written
    store.close()
