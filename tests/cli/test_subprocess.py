"""The CLI as a real process: the console entry point, exit codes and start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "watcher", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or dict(os.environ),
        stdin=subprocess.DEVNULL,
    )


def test_add_then_list_in_separate_processes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    added = run(
        "--db",
        db,
        "add",
        "Quarterly filing",
        "2031-01-15T17:00",
        "--tz",
        "America/New_York",
        "--kind",
        "filing",
    )
    assert added.returncode == 0, added.stderr
    assert "Added #1: Quarterly filing" in added.stdout
    listed = run("--db", db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [record] = json.loads(listed.stdout)
    assert record["due"] == "2031-01-15T17:00:00-05:00" and record["kind"] == "filing"


def test_the_default_database_lives_under_xdg_data_home(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    assert run("add", "Something", "2031-01-01", env=env).returncode == 0
    assert (tmp_path / "data" / "watcher" / "watcher.db").is_file()


def test_watcher_db_environment_variable(tmp_path: Path) -> None:
    env = dict(os.environ, WATCHER_DB=f"sqlite:///{tmp_path / 'env.db'}")
    assert run("add", "Something", "2031-01-01", env=env).returncode == 0
    assert (tmp_path / "env.db").is_file()


def test_usage_error_exit_code_and_single_line(tmp_path: Path) -> None:
    result = run("--db", f"sqlite:///{tmp_path / 'w.db'}", "add", "X", "someday")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("watcher: error:")


@pytest.mark.parametrize("command", [["list"], ["add", "X", "2031-01-01"], ["timeline"]])
def test_cli_paths_that_do_not_send_never_import_apprise_or_apscheduler(
    tmp_path: Path, command: list[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code = (
        "import sys\n"
        "from watcher.cli.app import app\n"
        f"try:\n    app({['--db', db, *command]!r})\nexcept SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('apprise', 'apscheduler'))\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout
