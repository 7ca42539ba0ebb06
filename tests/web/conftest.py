"""Fixtures for the web tests: the app served by uvicorn on loopback, on a store whose clock
the test moves, and an httpx client that keeps cookies like a browser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from watcher.config import parse_config
from watcher.store.database import open_engine
from watcher.store.repository import Store


@dataclass
class Clock:
    """A clock the test moves by hand (the store, the links and the sessions read it)."""

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Served:
    """A running web face: its base URL, store, clock, and how to stop it."""

    url: str
    store: Store
    clock: Clock
    stop: Callable[[], None]

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=10, **kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def web_db_url(sqlite_url: str) -> str:
    """SQLite; modules whose behaviour depends on the backend override this with db_url."""
    return sqlite_url


@pytest.fixture
def web_store(web_db_url: str, clock: Clock) -> Iterator[Store]:
    store = Store(open_engine(web_db_url), clock=clock)
    yield store
    store.close()


@pytest.fixture
def serve(web_store: Store, clock: Clock) -> Iterator[Callable[..., Served]]:
    """``serve(http={...}, **config)`` starts the app on 127.0.0.1 (a free port)."""
    from watcher.web.app import create_app
    from watcher.web.server import start_in_thread

    running: list[Any] = []

    def start(http: dict[str, Any] | None = None, **config: Any) -> Served:
        parsed = parse_config({"timezone": "UTC", **config, "http": http or {}})
        app = create_app(web_store, parsed)
        server = start_in_thread(app, "127.0.0.1", 0, log_config=False)
        running.append(server)
        return Served(server.url, web_store, clock, server.stop)

    yield start
    for server in running:
        server.stop()


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    import re

    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)
