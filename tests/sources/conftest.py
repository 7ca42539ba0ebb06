"""Fixtures for watched-source tests: the loopback feed server, a webhook, a store per
backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.daemon.daemon_support import HttpServer
from tests.sources.feed_support import FeedServer
from watcher.store.database import open_engine
from watcher.store.repository import Store


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    """The webhook that records the notices (a json:// channel posts to it)."""
    server = HttpServer()
    yield server
    server.close()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(open_engine(db_url))
    yield s
    s.close()
