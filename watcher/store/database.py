"""Opening the store: the URL, the engine, SQLite's settings and automatic migrations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
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


def create_store_engine(url: str, create: bool | None = None) -> Engine:
    """An engine with SQLite tuned for a daemon and CLIs sharing one file.

    An SQLite file is checked before anything is written to it: a file that is not an
    SQLite database, or one holding another program's tables, is refused untouched. Its
    directory is created only for the default location (``create``: default True only for
    the default URL), so a typo in ``--db`` is an error, not a new empty store.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"invalid database URL {_safe(url)!r}: expected e.g. "
            "sqlite:///path/to/watcher.db or postgresql+psycopg://user@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser()
            _check_sqlite_file(path, url, url == default_url() if create is None else create)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as error:
        raise StoreError(f"cannot use database {_safe(url)!r}: {error}") from None


def _check_sqlite_file(path: Path, url: str, create: bool) -> None:
    """Refuse, without writing a byte, what cannot be a watcher store (see above)."""
    if not path.exists():
        if path.parent.is_dir():
            return
        if not create:
            raise StoreError(
                f"cannot open database {_safe(url)}: the directory {path.parent} does not "
                "exist (create it first, or check the --db path)"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {path.parent}: {error.strerror}") from None
        return
    if path.is_dir():
        raise StoreError(f"cannot open database {_safe(url)}: {path} is a directory")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StoreError(f"cannot open database {_safe(url)}: {error.strerror}") from None
    if not header:
        return  # an empty file: a new store
    if header != b"SQLite format 3\x00":
        raise StoreError(f"cannot open database {_safe(url)}: {path} is not an SQLite database")
    tables = _sqlite_tables(path, url)
    if tables and "alembic_version" not in tables:
        raise StoreError(
            f"{path} is not a watcher database (it holds other tables: "
            f"{', '.join(sorted(tables)[:3])}): give another --db path"
        )


def _sqlite_tables(path: Path, url: str) -> set[str]:
    """The table names of an SQLite file, read without writing (read-only, no WAL switch)."""
    import sqlite3
    from urllib.parse import quote

    try:
        connection = sqlite3.connect(
            f"file:{quote(str(path.resolve()))}?mode=ro",
            uri=True,
            timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
        )
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {str(name) for (name,) in rows}
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return set()  # another process is creating or migrating it: that one checked
        raise StoreError(f"cannot open database {_safe(url)}: {error}") from None
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {_safe(url)}: {error}") from None


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
    A database with a revision this watcher does not know (a newer version made it), or
    with tables but no revision (another program's), is refused unchanged.
    """
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from alembic.util import CommandError

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    locked = engine.execution_options(sqlite_begin="IMMEDIATE")
    with locked.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(727274001)"))
        revision = current_revision(connection)
        if revision == HEAD_REVISION:
            return
        if revision is None:
            tables = set(inspect(connection).get_table_names())
            if tables:
                raise StoreError(
                    f"not a watcher database (it holds other tables: "
                    f"{', '.join(sorted(tables)[:3])}): give another --db"
                )
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError:
            raise StoreError(
                f"the database's schema revision {revision!r} is unknown to this watcher "
                f"(newest known: {HEAD_REVISION}): a newer watcher made it, upgrade watcher"
            ) from None


def open_engine(url: str | None = None, migrate: bool = True) -> Engine:
    """Create the engine for ``url`` and make sure the schema is current."""
    resolved = resolve_url(url)
    engine = create_store_engine(resolved)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
        if revision != HEAD_REVISION and migrate:
            upgrade(engine)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as error:
        engine.dispose()
        raise StoreError(f"cannot open database {_safe(resolved)}: {_reason(error)}") from None
    except SQLAlchemyError as error:
        engine.dispose()
        raise StoreError(f"cannot use database {_safe(resolved)}: {_reason(error)}") from None
    return engine


def _reason(error: SQLAlchemyError) -> str:
    """The driver's own first line, without SQLAlchemy's background link."""
    orig = getattr(error, "orig", None)
    text_ = str(orig if orig is not None else error).strip()
    return text_.splitlines()[0] if text_ else type(error).__name__


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at ``url``."""
    from watcher.store.repository import Store

    return Store(open_engine(url))
