"""The schema revision the store expects is the newest migration Alembic knows."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

import watcher.store
from watcher.store.database import HEAD_REVISION


def test_head_revision_matches_alembic_script_head() -> None:
    config = Config()
    migrations = Path(watcher.store.__file__).parent / "migrations"
    config.set_main_option("script_location", str(migrations))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]
