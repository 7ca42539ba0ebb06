"""The CLI under hostile values (issue 11): whatever a user types or a file holds, watcher
answers with exit 0, 1 or 2, never an "internal error", an error is one line on stderr, no
control character reaches the terminal, and a failed command leaves the store unchanged."""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from watcher.cli.app import app

HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["Pay rent", "Vote on Nov. 4", "trade", "deadline", "meeting"]),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl"]), max_size=8),
    st.sampled_from(
        ["", " ", "\x1b[2J", "a\nb", "\udced", "\x00", "-", "--", "-v", "%s", "{title}", "é" * 300]
    ),
)
WHEN = st.one_of(
    HOSTILE_TEXT,
    st.dates(min_value=date(2025, 1, 1), max_value=date(2100, 1, 1)).map(str),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda d: d.isoformat()
    ),
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "1900-01-01",
            "2200-12-31",
            "2027-02-29",
            "2027-13-01",
            "in 99999999 days",
            "in 999999999 hours",
            "in 0 minutes",
            "now",
            "noon tomorrow",
            "3pm",
            "25:00",
            "next friday 17:00",
            "2026-11-10T17:00+25:00",
            "tomorrow 9am",
            "Feb 30",
            "29 feb",
            "in 90 seconds",
            "2026-03-29T02:30",
            "2026-11-01T01:30",
        ]
    ),
)
NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["1", "2", "0", "-1", str(2**63), str(2**63 - 1), "1e3", "x", ""]),
)
ZONE = st.one_of(
    HOSTILE_TEXT, st.sampled_from(["UTC", "Europe/Berlin", "Mars/Olympus", "../etc", "EST5EDT"])
)
LEAD = st.one_of(HOSTILE_TEXT, st.sampled_from(["0", "7d,1d,1h", "99999w", "1d12h", ",", "-1d"]))


@st.composite
def commands(draw: st.DrawFn, import_file: Path) -> list[str]:
    kind = draw(
        st.sampled_from(
            [
                "add",
                "edit",
                "show",
                "done",
                "reopen",
                "remove",
                "snooze",
                "list",
                "timeline",
                "alerts",
                "preview",
                "import",
                "retry",
            ]
        )
    )
    if kind == "add":
        args = ["add", draw(HOSTILE_TEXT), draw(WHEN)]
        for option, values in (
            ("--tz", ZONE),
            ("--lead", LEAD),
            ("--tag", HOSTILE_TEXT),
            ("--kind", HOSTILE_TEXT),
            ("--note", HOSTILE_TEXT),
            ("--channel", st.sampled_from(["console", "nope"])),
        ):
            if draw(st.integers(0, 3)) == 0:
                args += [option, draw(values)]
        return args
    if kind == "edit":
        option, values = draw(
            st.sampled_from(
                [
                    ("--when", WHEN),
                    ("--title", HOSTILE_TEXT),
                    ("--tz", ZONE),
                    ("--lead", LEAD),
                    ("--kind", HOSTILE_TEXT),
                    ("--note", HOSTILE_TEXT),
                    ("--tag", HOSTILE_TEXT),
                ]
            )
        )
        return ["edit", draw(NUMBER), option, draw(values)]
    if kind in ("show", "done", "reopen", "remove"):
        return [kind, draw(NUMBER)]
    if kind == "snooze":
        return ["snooze", draw(NUMBER), draw(LEAD)]
    if kind == "retry":
        return ["alerts", "retry", draw(NUMBER)]
    if kind == "list":
        return ["list", "--tag", draw(HOSTILE_TEXT)]
    if kind == "timeline":
        return ["timeline", "--from", draw(WHEN), "--until", draw(WHEN)]
    if kind == "alerts":
        return ["alerts", "--state", draw(HOSTILE_TEXT), "--limit", draw(NUMBER)]
    if kind == "preview":
        return ["preview", "--at", draw(WHEN)]
    record: dict[str, Any] = {
        "title": draw(st.one_of(HOSTILE_TEXT, st.integers(), st.none(), st.lists(st.text()))),
        "due": draw(st.one_of(WHEN, st.just("2027-01-01T00:00:00+00:00"), st.integers())),
        "timezone": draw(ZONE),
    }
    for key, values in (
        ("all_day", st.one_of(st.booleans(), st.text(max_size=3))),
        ("tags", st.one_of(st.lists(HOSTILE_TEXT, max_size=3), HOSTILE_TEXT)),
        ("leads", st.one_of(st.lists(LEAD, max_size=2), st.integers())),
        ("id", NUMBER.map(lambda n: int(n) if n.lstrip("-").isdigit() else n)),
        ("status", st.sampled_from(["active", "done", "zombie", 3])),
        ("channels", st.lists(st.sampled_from(["console", "nope"]), max_size=2)),
    ):
        if draw(st.booleans()):
            record[key] = draw(values)
    document = {"format": "watcher-export", "version": 1, "deadlines": [record]}
    import_file.write_text(json.dumps(document), encoding="utf-8")
    return ["import", str(import_file)]


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {t: sorted(map(repr, connection.execute(f"SELECT * FROM {t}"))) for t in tables}


def test_hostile_command_lines(tmp_path: Path) -> None:
    db_path = tmp_path / "fuzz.db"
    db = f"sqlite:///{db_path}"
    runner = CliRunner()
    seeded = runner.invoke(app, ["--db", db, "add", "Seed", "2027-06-01T10:00", "--tz", "UTC"])
    assert seeded.exit_code == 0, seeded.output
    import_file = tmp_path / "in.json"
    seen: list[tuple[str, int]] = []

    @settings(
        max_examples=int(os.environ.get("CLI_FUZZ_EXAMPLES", "150")),
        deadline=None,
        derandomize="CLI_FUZZ_EXAMPLES" not in os.environ,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(args=commands(import_file))
    def check(args: list[str]) -> None:
        before = snapshot(db_path)
        result = runner.invoke(app, ["--db", db, *args])
        seen.append((args[0], result.exit_code))
        shown = f"{args!r}: {result.exit_code} {result.stderr!r}"
        assert result.exit_code in (0, 1, 2), shown
        assert "internal error" not in result.stderr, shown
        assert "\x1b" not in result.stdout + result.stderr, shown
        if result.exit_code != 0:
            assert result.stderr.startswith("watcher: error: "), shown
            assert result.stderr.count("\n") == 1, shown
            assert snapshot(db_path) == before, shown

    check()
    if os.environ.get("CLI_FUZZ_EXAMPLES"):
        print(Counter(seen))
