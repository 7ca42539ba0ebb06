from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from watcher.cli.app import app

Invoke = Callable[..., Result]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def watcher(runner: CliRunner, db: str) -> Invoke:
    """Run `watcher --db DB ARGS...` in-process and return the result."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", db, *args], input=input)

    return invoke


def json_of(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
