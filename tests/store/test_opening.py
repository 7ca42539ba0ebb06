"""Opening a store refuses, untouched, what is not a watcher store (issue 11, bugs 6 and 9)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from watcher.cli.app import app


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def one_line_error(stderr: str) -> str:
    assert stderr.startswith("watcher: error: ") and stderr.count("\n") == 1, stderr
    assert "internal error" not in stderr
    return stderr


def test_a_missing_directory_is_an_error_not_a_new_store(tmp_path: Path) -> None:
    code, stderr = run("--db", f"sqlite:///{tmp_path}/typo/dir/x.db", "list")
    assert code == 1 and "does not exist" in one_line_error(stderr)
    assert not (tmp_path / "typo").exists()


def test_the_default_location_is_created(tmp_path: Path) -> None:
    assert run("list")[0] == 0
    assert (tmp_path / "xdg-data" / "watcher" / "watcher.db").is_file()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE deadlines (x)")
    before = path.read_bytes()
    for command in (["list"], ["db", "upgrade"], ["db", "current"]):
        code, stderr = run("--db", f"sqlite:///{path}", *command)
        assert code == 1 and "not a watcher database" in one_line_error(stderr), command
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no -shm


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello")
    for command in (["list"], ["db", "current"]):
        code, stderr = run("--db", f"sqlite:///{path}", *command)
        assert code == 1 and "not an SQLite database" in one_line_error(stderr)
    assert path.read_text() == "hello"


def test_a_schema_from_a_newer_watcher(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert run("--db", url, "list")[0] == 0
    with sqlite3.connect(tmp_path / "w.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    code, stderr = run("--db", url, "add", "T", "2030-01-01")
    assert code == 1 and "revision '0099' is unknown" in one_line_error(stderr)
    assert "upgrade watcher" in stderr


def test_db_current_on_an_unreachable_server() -> None:
    code, stderr = run("--db", "postgresql+psycopg://u:secretpw@127.0.0.1:9/x", "db", "current")
    assert code == 1 and "cannot use database" in one_line_error(stderr)
    assert "secretpw" not in stderr


def test_a_binary_configuration_file(tmp_path: Path) -> None:
    config = tmp_path / "bin.toml"
    config.write_bytes(b'a = "\xff\xfe\x00"')
    code, stderr = run("--config", str(config), "list")
    assert code == 2 and "not a text file" in one_line_error(stderr)


@pytest.mark.postgres
def test_a_foreign_postgresql_database_is_refused(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    code, stderr = run("--db", pg_url, "list")
    assert code == 1 and "not a watcher database" in one_line_error(stderr)
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).all()
    engine.dispose()
    assert [t for (t,) in tables] == ["invoices"]
