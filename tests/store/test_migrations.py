"""The schema comes from Alembic migrations; the fast-path constant must match them."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import watcher.store.database as database
from watcher.store.database import HEAD_REVISION, current_revision, open_engine


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]  # one head only


def test_opening_an_empty_database_applies_every_migration(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as connection:
        assert current_revision(connection) == HEAD_REVISION
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert {
        "deadlines",
        "alerts",
        "sources",
        "mentions",
        "deadline_history",
        "store_meta",
        "deadline_terms",
        "proposals",
    } <= tables
