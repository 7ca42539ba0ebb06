"""Opening the store: the URL, the engine, SQLite's settings and automatic migrations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from watcher.errors import StoreError

if TYPE_CHECKING:
    from watcher.store.repository import Store

HEAD_REVISION = "0005"
"""The newest migration. A test checks it against Alembic's script directory; keeping it
here lets the CLI skip importing Alembic when the schema is already current."""

SQLITE_BUSY_TIMEOUT_MS = 10_000


def default_url() -> str:
    """SQLite under ``$XDG_DATA_HOME/watcher/watcher.db`` (``~/.local/share`` when unset)."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(data_home) / 'watcher' / 'watcher.db'}"


def resolve_url(url: str | None) -> str:
    """``--db`` wins, then ``$WATCHER_DB``, then the default."""
    return url or os.environ.get("WATCHER_DB") or default_url()


def create_store_engine(url: str) -> Engine:
    """An engine with SQLite tuned for a daemon and CLIs sharing one file."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"invalid database URL {_safe(url)!r}: expected e.g. "
            "sqlite:///path/to/watcher.db or postgresql+psycopg://user@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as error:
        raise StoreError(f"cannot use database {_safe(url)!r}: {error}") from None


def _tune_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, foreign keys, and transactions we begin ourselves.

    pysqlite's own transaction handling defers BEGIN in ways that break atomic claims;
    taking it over lets writers ask for ``BEGIN IMMEDIATE`` (see ``Store.write``).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _safe(url: str) -> str:
    """The URL with any password hidden, for error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    try:
        with connection.begin_nested() if connection.in_transaction() else connection.begin():
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except SQLAlchemyError:
        return None
    return None if row is None else str(row[0])


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration, serialised across processes.

    SQLite takes the write lock with BEGIN IMMEDIATE; PostgreSQL takes an advisory lock.
    Both re-check the revision once they hold the lock, so concurrent first starts are safe.
    """
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    locked = engine.execution_options(sqlite_begin="IMMEDIATE")
    with locked.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(727274001)"))
        if current_revision(connection) == HEAD_REVISION:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_engine(url: str | None = None, migrate: bool = True) -> Engine:
    """Create the engine for ``url`` and make sure the schema is current."""
    resolved = resolve_url(url)
    engine = create_store_engine(resolved)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
        if revision != HEAD_REVISION and migrate:
            upgrade(engine)
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError(f"cannot open database {_safe(resolved)}: {reason}") from None
    except SQLAlchemyError as error:
        engine.dispose()
        raise StoreError(f"cannot use database {_safe(resolved)}: {error}") from None
    return engine


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at ``url``."""
    from watcher.store.repository import Store

    return Store(open_engine(url))
