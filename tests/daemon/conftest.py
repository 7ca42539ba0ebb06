"""Fixtures for the daemon tests: a store on each backend, a recording notifier, real
servers on loopback (SMTP, HTTP), and the daemon as a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from watcher.store.database import open_engine
from watcher.store.repository import Store

if TYPE_CHECKING:
    from daemon_support import RecordingNotifier


@pytest.fixture
def notifier() -> RecordingNotifier:
    from daemon_support import RecordingNotifier  # this directory is on sys.path by now

    return RecordingNotifier()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on SQLite and on PostgreSQL (when a server is available)."""
    s = Store(open_engine(db_url))
    yield s
    s.close()


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    s = Store(open_engine(sqlite_url))
    yield s
    s.close()
