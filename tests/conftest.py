"""Fixtures shared by every test layer.

The project's environment variables are cleared so a developer's shell cannot change a
test's outcome. PostgreSQL tests use ``WATCHER_TEST_PG_URL`` (a role that may create
databases); each test gets a fresh database. Without the variable they skip with the
reason; ``.ci/run`` sets it and ``WATCHER_TEST_REQUIRE_PG=1``, which turns the skip into a
failure so CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import watcher.store.models  # noqa: F401  (see below)

# The CLI imports the store only inside its commands, so without this the tables could be
# defined first inside a test that froze the clock: freezegun swaps datetime for its
# FakeDatetime in every loaded module, and a model defined then has fields Pydantic (loaded
# before, unfrozen) cannot build. Defining them here, before any test runs, keeps them real.

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from tests.daemon.daemon_support import DaemonProcess

PG_ENV = "WATCHER_TEST_PG_URL"
REQUIRE_PG_ENV = "WATCHER_TEST_REQUIRE_PG"
REQUIRE_BROWSER_ENV = "WATCHER_TEST_REQUIRE_BROWSER"  # .ci/run: the browser test must run
KEEP = {PG_ENV, REQUIRE_PG_ENV, REQUIRE_BROWSER_ENV}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("WATCHER_") and name not in KEEP:
            monkeypatch.delenv(name)
    for name in ("NOTIFY_SOCKET", "JOURNAL_STREAM", "INVOCATION_ID", "WATCHDOG_USEC"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'watcher.db'}"


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """The PostgreSQL server the tests may create databases on, or a skip saying why not."""
    url = os.environ.get(PG_ENV)
    required = os.environ.get(REQUIRE_PG_ENV) == "1"
    if not url:
        message = f"no PostgreSQL: set {PG_ENV}=postgresql+psycopg://USER:PW@127.0.0.1:5432/DB"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means: no server here
        message = f"PostgreSQL at {PG_ENV} is unreachable: {type(error).__name__}"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"watcher_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        try:
            _drop_database(admin, name)
        finally:
            admin.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    """Drop a test database, waiting out a background worker that is still on it.

    PostgreSQL 15's DROP DATABASE ... WITH (FORCE) refuses when an autovacuum worker
    is connected and the role may not signal it, so the drop is tried again briefly.
    """
    from sqlalchemy.exc import DBAPIError

    for attempt in range(50):
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except DBAPIError:
            if attempt == 49:
                raise
            time.sleep(0.1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run a test once on SQLite and once on a real PostgreSQL server."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    """Daemon subprocesses a test started; any still running at the end are killed."""
    started: list[DaemonProcess] = []
    yield started
    for daemon in started:
        if daemon.proc is not None and daemon.proc.poll() is None:
            daemon.proc.kill()
            daemon.proc.wait(timeout=10)
