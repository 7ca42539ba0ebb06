"""`watcher list` at any size: pages (--limit, --after), a screenful on a terminal, the
filters, and JSON written row by row that is still one array with the same keys; on
SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from watcher.cli.app import app
from watcher.cli.output import indented_json
from watcher.core.leads import parse_leads
from watcher.core.planning import Due, wall_time
from watcher.store.database import open_engine
from watcher.store.models import DeadlineStatus
from watcher.store.repository import DeadlineDraft, Store

NOW = "2026-11-26T12:00:00Z"
JSON_KEYS = {
    "id",
    "title",
    "due",
    "date",
    "timezone",
    "all_day",
    "kind",
    "tags",
    "status",
    "channels",
    "leads",
    "notes",
    "version",
    "created_at",
    "updated_at",
}
Cli = Callable[..., Result]


@pytest.fixture
def cli(db_url: str) -> Cli:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(app, ["--db", db_url, *args])

    return invoke


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(open_engine(db_url))
    yield store
    store.close()


def fill(store: Store, count: int, start: date = date(2026, 11, 27)) -> None:
    """``count`` deadlines, one a day from ``start``; every third tagged "x", every fifth
    done, every fourth all-day in Tokyo; titles with quotes, non-ASCII and an escape."""
    for i in range(count):
        day = start + timedelta(days=i)
        zone = "Asia/Tokyo" if i % 4 == 0 else "Europe/Berlin"
        due = (
            Due.for_date(day, zone)
            if i % 4 == 0
            else Due(
                at=wall_time(datetime(day.year, day.month, day.day, 15, 30), zone), timezone=zone
            )
        )
        deadline = store.add_deadline(
            DeadlineDraft(
                title=f'Item {i} "quoted" café \x1b[31m',
                due=due,
                leads=parse_leads("1d"),
                channels=["console"],
                tags=["x"] if i % 3 == 0 else [],
                notes="line one\nline two" if i == 1 else "",
            )
        )
        if i % 5 == 4:
            assert deadline.id is not None
            store.set_status(deadline.id, DeadlineStatus.DONE)


def ids_of(result: Result) -> list[int]:
    assert result.exit_code == 0, result.output
    return [int(line.split()[0][1:]) for line in result.stdout.splitlines()[1:]]


@freeze_time(NOW)
def test_without_a_terminal_the_table_has_every_row(cli: Cli, store: Store) -> None:
    fill(store, 40)
    result = cli("list")
    expected = [i + 1 for i in range(40) if i % 5 != 4]
    assert ids_of(result) == expected
    assert result.stderr == ""
    header = result.stdout.splitlines()[0].split()
    assert header == ["ID", "DUE", "WHEN", "KIND", "TAGS", "TITLE"]  # STATUS: all empty


@freeze_time(NOW)
def test_limit_then_after_walks_the_pages(cli: Cli, store: Store) -> None:
    fill(store, 40)
    everything = ids_of(cli("list", "--all"))
    assert len(everything) == 40
    seen: list[int] = []
    args = ["list", "--all", "--limit", "15"]
    while True:
        result = cli(*args)
        page = ids_of(result)
        assert 0 < len(page) <= 15
        seen += page
        if not result.stderr:
            break
        assert result.stderr == (
            f"… more: `watcher list --all --after {page[-1]}` shows the next 15 "
            "(`--limit 0`: all at once).\n"
        )
        args = ["list", "--all", "--limit", "15", "--after", str(page[-1])]
    assert seen == everything
    assert ids_of(cli("list", "--all", "--limit", "0")) == everything
    done = cli("list", "--all", "--after", str(everything[-1]))
    assert done.stdout == f"No deadlines after #{everything[-1]}.\n"


@freeze_time(NOW)
def test_pages_keep_the_filters(cli: Cli, store: Store) -> None:
    fill(store, 30, start=date(2026, 11, 12))  # 14 past, one today, 15 ahead
    records = json.loads(cli("list", "--all", "--json").stdout)
    tagged_upcoming = [
        r["id"]
        for r in records
        if "x" in r["tags"] and r["status"] == "active" and r["date"] >= "2026-11-26"
    ]
    first = cli("list", "--tag", "x", "--limit", "2")
    assert ids_of(first) == tagged_upcoming[:2]
    assert f"`watcher list --tag x --after {tagged_upcoming[1]}`" in first.stderr
    rest = cli("list", "--tag", "x", "--after", str(tagged_upcoming[1]))
    assert ids_of(rest) == tagged_upcoming[2:]
    past = [
        r["id"] for r in reversed(records) if r["status"] == "active" and r["date"] < "2026-11-26"
    ]
    page = cli("list", "--past", "--limit", "3")
    assert ids_of(page) == past[:3]  # most recent first
    assert f"`watcher list --past --after {past[2]}`" in page.stderr
    assert ids_of(cli("list", "--past", "--after", str(past[2]))) == past[3:]


@freeze_time(NOW)
def test_json_is_one_array_with_the_same_keys_and_text(cli: Cli, store: Store) -> None:
    fill(store, 25)
    result = cli("list", "--all", "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 25
    assert all(set(r) == JSON_KEYS for r in records)
    # byte for byte what one json.dumps of the whole list prints
    assert result.stdout == json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    assert records[1]["notes"] == "line one\nline two"
    limited = json.loads(cli("list", "--all", "--json", "--limit", "4", "--after", "3").stdout)
    assert limited == records[3:7]
    assert cli("list", "--json", "--tag", "nothing").stdout == "[]\n"


@freeze_time(NOW)
def test_paging_errors(cli: Cli, store: Store) -> None:
    fill(store, 3)
    unknown = cli("list", "--after", "99")
    assert unknown.exit_code == 1
    assert "no deadline with id 99" in unknown.stderr
    negative = cli("list", "--limit", "-1")
    assert negative.exit_code == 2
    assert "--limit" in negative.stderr


def run_on_a_terminal(args: list[str], rows: int) -> str:
    """Run the CLI on a pseudo-terminal of ``rows`` lines; what it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env |= {"LINES": str(rows), "COLUMNS": "120"}
    main, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "watcher", *args],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    assert proc.wait(timeout=60) == 0, b"".join(chunks)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_a_terminal_gets_a_screenful_and_how_to_see_more(db_url: str, store: Store) -> None:
    fill(store, 40, start=date.today() + timedelta(days=2))
    shown = run_on_a_terminal(["--db", db_url, "list"], rows=15)
    lines = shown.splitlines()
    assert lines[0].split()[0] == "ID"
    rows = [line for line in lines if line.startswith("#")]
    assert len(rows) == 15 - 3  # the header, the hint and the prompt keep their lines
    last = rows[-1].split()[0][1:]
    assert lines[-1] == (
        f"… more: `watcher list --after {last}` shows the next 12 (`--limit 0`: all at once)."
    )
    assert "\x1b[31m" not in shown  # titles stay escaped on a terminal
    every = run_on_a_terminal(["--db", db_url, "list", "--limit", "0"], rows=15)
    assert len([line for line in every.splitlines() if line.startswith("#")]) == 32
    as_json = run_on_a_terminal(["--db", db_url, "list", "--json"], rows=15)
    assert len(json.loads(as_json)) == 32  # JSON is never cut to a screen


def test_a_reader_that_stops_early_gets_no_error(db_url: str, store: Store) -> None:
    fill(store, 300, start=date.today() + timedelta(days=2))
    proc = subprocess.Popen(
        [sys.executable, "-m", "watcher", "--db", db_url, "list", "--json"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"[\n  {")
    proc.stdout.close()  # like `| head -c 100`
    with proc.stderr:
        assert proc.stderr.read() == b""
    assert proc.wait(timeout=60) == 1


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(JSON_VALUES)
def test_the_streamed_json_text_is_json_dumps_text(value: object) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    assert indented_json(value) == text
    assert indented_json(value, "  ") == text.replace("\n", "\n  ")
