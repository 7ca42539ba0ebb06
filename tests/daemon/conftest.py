"""Fixtures for the daemon tests: a store on each backend, a recording notifier, real
servers on loopback (SMTP, HTTP), and the daemon as a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from watcher.store.database import open_engine
from watcher.store.repository import Store

if TYPE_CHECKING:
    from tests.daemon.daemon_support import HttpServer, RecordingNotifier, SmtpServer


@pytest.fixture
def notifier() -> RecordingNotifier:
    from tests.daemon.daemon_support import RecordingNotifier

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


# -- real servers on loopback ---------------------------------------------------------------


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that accepts user 'watcher'."""
    from tests.daemon.daemon_support import SmtpServer

    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    """A real HTTP server on 127.0.0.1 recording every request (json://, mmost://, ntfy://)."""
    from tests.daemon.daemon_support import HttpServer

    server = HttpServer()
    yield server
    server.close()
