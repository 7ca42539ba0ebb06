"""`watcher db`: schema migrations and where the database lives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from watcher.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Engine

db_app = typer.Typer(help="The database: where it is and its schema.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Create or upgrade the schema to the newest migration (also done on every open)."""
    from watcher.store.database import current_revision, resolve_url, upgrade

    url = resolve_url(ctx.find_root().params.get("db"))
    with _engine(url) as engine:
        upgrade(engine)
        with engine.connect() as connection:
            typer.echo(f"Schema at revision {current_revision(connection)} ({_display(url)}).")


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Print the database URL (password hidden) and its schema revision."""
    from watcher.store.database import HEAD_REVISION, current_revision, resolve_url

    url = resolve_url(ctx.find_root().params.get("db"))
    with _engine(url) as engine, engine.connect() as connection:
        revision = current_revision(connection)
    state = (
        "current"
        if revision == HEAD_REVISION
        else f"the newest this watcher knows is {HEAD_REVISION}: see `watcher db upgrade`"
    )
    typer.echo(f"{_display(url)}\nrevision: {revision or 'none (empty database)'} ({state})")


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    """The store's engine for a `db` command; a database error is one line, not a bug."""
    from sqlalchemy.exc import SQLAlchemyError

    from watcher.store.database import create_store_engine

    engine = create_store_engine(url)
    try:
        yield engine
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        raise StoreError(f"cannot use database {_display(url)}: {reason[0]}") from None
    finally:
        engine.dispose()


def _display(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
