"""The "things a user notices" of issue 11: local times everywhere, readable help, titles
that get the width of the terminal."""

from __future__ import annotations

import re

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from tests.cli.conftest import Invoke
from watcher.cli.app import app
from watcher.cli.output import table

NOW = "2026-11-26T12:00:00Z"


@freeze_time(NOW)
def test_alerts_status_and_preview_use_the_deadlines_zone(watcher: Invoke) -> None:
    added = watcher("add", "Filing", "2026-11-26T17:00", "--tz", "America/New_York", "--lead", "1h")
    assert added.exit_code == 0, added.output
    for args in (("alerts",), ("status",), ("preview", "--at", "in 2 days")):
        output = watcher(*args).stdout
        assert "16:00 EST" in output, (args, output)  # 1 h before 17:00 New York time
        assert not re.search(r"\d\d:\d\d:\d\dZ", output), (args, output)


@pytest.mark.parametrize("command", ["add", "edit", "list", "timeline", "alerts", "import"])
def test_help_shows_metavars_not_python_types(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "<str>" not in result.stdout and "list[" not in result.stdout
    assert "<int>" not in result.stdout


def test_every_edit_option_has_help() -> None:
    result = CliRunner().invoke(app, ["edit", "--help"], env={"COLUMNS": "100"})
    for option, words in (("--title", "New title"), ("--kind", "New kind"), ("--note", "note")):
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(option))
        assert words in line, line


def test_the_title_gets_the_room_empty_columns_leave() -> None:
    title = "Parliament votes on the budget for the next fiscal year after a long debate"
    rows = [["#1", "Fri 2027-01-01 (all day)", "in 4 weeks", "deadline", "", "", title]]
    lines = table(["ID", "DUE", "WHEN", "KIND", "STATUS", "TAGS", "TITLE"], rows, max_width=80)
    assert "STATUS" not in lines[0] and "TAGS" not in lines[0]  # empty in every row
    assert all(len(line) <= 80 for line in lines)
    assert "Parliament votes on the bud…" in lines[1]  # not cut to 9 characters
    wide = table(
        ["DATE", "KIND", "TITLE", "CONF", "SENTENCE"],
        [["2025-11-01", "deadline", title, "0.95", title + " " + title]],
        max_width=100,
        flex=("TITLE", "SENTENCE"),
    )
    title_cell, sentence_cell = wide[1][22:59], wide[1][65:]
    assert len(title_cell.strip()) > 30 and len(sentence_cell.strip()) > 30
