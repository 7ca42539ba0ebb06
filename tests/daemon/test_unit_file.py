"""The systemd unit matches the code: its --db is an absolute path (issue 11)."""

from __future__ import annotations

import shlex
from pathlib import Path

from sqlalchemy.engine import make_url

UNIT = Path(__file__).parents[2] / "systemd" / "watcher.service"


def test_the_unit_passes_an_absolute_sqlite_path() -> None:
    [exec_start] = [line for line in UNIT.read_text().splitlines() if line.startswith("ExecStart=")]
    words = shlex.split(exec_start.removeprefix("ExecStart="))
    url = make_url(words[words.index("--db") + 1])
    assert url.get_backend_name() == "sqlite"
    assert url.database == "/var/lib/watcher/watcher.db"  # not relative to the working dir
