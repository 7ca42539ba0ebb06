"""Import is strict and keeps meaning (issue 11, bug 10): ids survive a JSON round trip,
channels must exist, what .ics cannot carry is said, errors name the item and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from tests.cli.conftest import Invoke, json_of
from watcher.cli.app import app

NOW = "2026-11-26T12:00:00Z"


def ids(watcher: Invoke) -> list[int]:
    return [d["id"] for d in json_of(watcher("list", "--all", "--json"))]


def other_store(url: str) -> Invoke:
    def invoke(*args: str) -> object:
        return CliRunner().invoke(app, ["--db", url, *args])

    return invoke  # type: ignore[return-value]


@freeze_time(NOW)
def test_json_round_trip_keeps_ids(watcher: Invoke, tmp_path: Path, db_url: str) -> None:
    for title in ("A", "B", "C"):
        assert watcher("add", title, "2027-01-10").exit_code == 0
    assert watcher("remove", "1").exit_code == 0
    export = tmp_path / "out.json"
    assert watcher("export", "-o", str(export)).exit_code == 0
    target = other_store(db_url)
    result = target("import", str(export))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert ids(target) == [2, 3]
    added = target("add", "D", "2027-01-11", "--json")  # the sequence moved past them
    assert json.loads(added.stdout)["id"] == 4  # type: ignore[attr-defined]


@freeze_time(NOW)
def test_a_taken_id_is_renumbered_and_said(watcher: Invoke, tmp_path: Path) -> None:
    export = tmp_path / "out.json"
    watcher("add", "A", "2027-01-10")
    watcher("export", "-o", str(export))
    watcher("remove", "1")
    taken = json.loads(watcher("add", "Other", "2027-02-10", "--json").stdout)["id"]
    document = json.loads(export.read_text())
    document["deadlines"][0]["id"] = taken
    export.write_text(json.dumps(document))
    result = watcher("import", str(export))
    assert result.exit_code == 0, result.output
    [new] = set(ids(watcher)) - {taken}
    assert f"Deadline {taken} of the file is #{new} here (id {taken} was taken)." in result.stderr


@freeze_time(NOW)
@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            {"title": 5, "due": "2027-01-01T00:00:00+00:00", "timezone": "UTC"},
            "deadline 1: field 'title' must be str, not int",
        ),
        ({"title": "X", "timezone": "UTC"}, "deadline 1 ('X'): field 'due' is missing"),
        (
            {"title": "X", "due": "2027-01-01T00:00:00+00:00", "timezone": "UTC", "tags": [1]},
            "deadline 1 ('X'): field 'tags' must be a list of strings",
        ),
        (
            {"title": "X", "due": "0001-01-01T00:00:00+00:00", "timezone": "UTC"},
            "deadline 1 ('X'): field 'due': the year 1 is out of range (1900-2200)",
        ),
        (
            {
                "title": "X",
                "due": "2027-01-01T00:00:00+00:00",
                "timezone": "UTC",
                "channels": ["nowhere"],
            },
            "deadline 'X': unknown channel 'nowhere'",
        ),
    ],
)
def test_bad_records_name_the_item_and_field(
    watcher: Invoke, tmp_path: Path, record: dict[str, object], message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "watcher-export", "version": 1, "deadlines": [record]}))
    result = watcher("import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("watcher: error: " + message), result.stderr
    assert result.stderr.count("\n") == 1
    assert ids(watcher) == []


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:test
BEGIN:VEVENT
UID:1
SUMMARY:Weekly call
DTSTART;TZID={tzid}:20270105T100000
RRULE:FREQ=WEEKLY;COUNT=5
END:VEVENT
END:VCALENDAR
"""


@freeze_time(NOW)
def test_ics_repeating_event_and_unknown_tzid(watcher: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    path.write_text(ICS.format(tzid="Mars/Olympus"))
    unknown = watcher("import", str(path))
    assert unknown.exit_code == 2
    assert "event 'Weekly call': unknown time zone TZID=Mars/Olympus" in unknown.stderr
    assert ids(watcher) == []
    path.write_text(ICS.format(tzid="Europe/Berlin"))
    result = watcher("import", str(path))
    assert result.exit_code == 0, result.output
    assert "warning: event 'Weekly call' repeats (RRULE): only its first occurrence" in (
        result.stderr
    )
    [record] = json_of(watcher("list", "--json"))
    assert record["due"] == "2027-01-05T10:00:00+01:00" and record["timezone"] == "Europe/Berlin"


@freeze_time(NOW)
def test_ics_dated_year_one(watcher: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "old.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:t\nBEGIN:VEVENT\nUID:1\nSUMMARY:Old\n"
        "DTSTART;VALUE=DATE:00010101\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    result = watcher("import", str(path))
    assert result.exit_code == 2 and "year 1 is out of range" in result.stderr
