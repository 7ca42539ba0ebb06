"""Fixtures for watched-source tests: the loopback feed server and a store per backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.feed_support import FeedServer
from watcher.store.database import open_engine
from watcher.store.repository import Store


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(open_engine(db_url))
    yield s
    s.close()
