"""The tables in models.py and the migrations describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import watcher.store.models  # noqa: F401  (registers every table)
from watcher.store.database import open_engine


def test_models_and_migrations_are_in_step(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
    finally:
        engine.dispose()
    assert differences == []
