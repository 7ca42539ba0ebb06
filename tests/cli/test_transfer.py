"""Export and import: a JSON round trip loses nothing, .ics keeps every deadline field,
and importing twice adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

from freezegun import freeze_time
from typer.testing import CliRunner

from tests.cli.conftest import Invoke, json_of
from watcher.cli.app import app

NOW = "2026-11-26T12:00:00Z"


def populate(watcher: Invoke) -> None:
    watcher(
        "add",
        "Truce expires",
        "2026-12-10",
        "--tz",
        "America/New_York",
        "--kind",
        "expiry",
        "--tag",
        "trade",
        "--tag",
        "china",
        "--note",
        "unless extended",
    )
    watcher(
        "add",
        "Tariffs take effect",
        "2026-12-01T00:01",
        "--tz",
        "America/New_York",
        "--kind",
        "effective",
        "--lead",
        "1d,2h,0",
    )
    watcher("add", "Summit", "2027-03-30T10:00", "--tz", "Europe/Berlin", "--kind", "meeting")
    watcher("edit", "3", "--when", "2027-03-31T10:00")
    watcher("done", "2")


def comparable(document: dict[str, object]) -> list[dict[str, object]]:
    records = document["deadlines"]
    assert isinstance(records, list)
    return [{k: v for k, v in r.items() if k != "id"} for r in records]


@freeze_time(NOW)
def test_json_round_trip_loses_nothing(watcher: Invoke, runner: CliRunner, tmp_path: Path) -> None:
    populate(watcher)
    exported = tmp_path / "export.json"
    assert watcher("export", "-o", str(exported)).exit_code == 0
    other = ["--db", f"sqlite:///{tmp_path / 'other.db'}"]
    result = runner.invoke(app, [*other, "import", str(exported)])
    assert result.exit_code == 0, result.output
    assert "Imported 3 deadlines" in result.stdout
    again = json_of(runner.invoke(app, [*other, "export"]))
    original = json.loads(exported.read_text())
    assert comparable(again) == comparable(original)
    assert again["sources"] == original["sources"]
    assert len(original["deadlines"][2]["history"]) == 2  # history travels too
    twice = runner.invoke(app, [*other, "import", str(exported)])
    assert "Imported 0 deadlines, skipped 3 already present" in twice.stdout


@freeze_time(NOW)
def test_ics_round_trip_keeps_every_deadline_field(
    watcher: Invoke, runner: CliRunner, tmp_path: Path
) -> None:
    populate(watcher)
    ics = tmp_path / "deadlines.ics"
    assert watcher("export", "--format", "ics", "-o", str(ics)).exit_code == 0
    text = ics.read_text()
    assert "BEGIN:VCALENDAR" in text and text.count("BEGIN:VEVENT") == 3
    assert "TRIGGER:-P1D" in text and "DTSTART;VALUE=DATE:20261210" in text
    other = ["--db", f"sqlite:///{tmp_path / 'other.db'}"]
    assert runner.invoke(app, [*other, "import", str(ics)]).exit_code == 0
    fields = (
        "title",
        "due",
        "timezone",
        "all_day",
        "kind",
        "tags",
        "status",
        "channels",
        "leads",
        "notes",
    )
    original = json_of(watcher("list", "--all", "--json"))
    imported = json_of(runner.invoke(app, [*other, "list", "--all", "--json"]))
    assert [{f: r[f] for f in fields} for r in imported] == [
        {f: r[f] for f in fields} for r in original
    ]


@freeze_time(NOW)
def test_import_reads_other_programs_calendars(watcher: Invoke, tmp_path: Path) -> None:
    ics = tmp_path / "other.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//else//EN\r\n"
        "BEGIN:VEVENT\r\nUID:1@else\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Budget vote\r\n"
        "DTSTART;TZID=Europe/Paris:20261215T143000\r\nCATEGORIES:budget,eu\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert watcher("import", str(ics)).exit_code == 0
    [record] = json_of(watcher("list", "--json"))
    assert record["title"] == "Budget vote"
    assert record["due"] == "2026-12-15T14:30:00+01:00"
    assert record["timezone"] == "Europe/Paris"
    assert record["tags"] == ["budget", "eu"]
    assert record["leads"] == ["30m"]
    assert record["channels"] == ["console"]


@freeze_time(NOW)
def test_import_of_a_bad_file_is_one_line_and_adds_nothing(watcher: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "watcher-export", "version": 1, "deadlines": [{"title": "A", '
        '"due": "2026-12-01T00:00:00+00:00", "timezone": "UTC", "all_day": true}, '
        '{"title": "B"}]}'
    )
    result = watcher("import", str(bad))
    assert result.exit_code == 2
    assert result.stderr == "watcher: error: deadline 2 ('B'): field 'due' is missing\n"
    assert json_of(watcher("list", "--all", "--json")) == []  # "A" was rolled back too
    assert watcher("import", str(tmp_path / "missing.json")).exit_code == 2


@freeze_time(NOW)
def test_timeline_draws_each_deadline_on_one_axis(watcher: Invoke) -> None:
    populate(watcher)
    result = watcher("timeline", "--width", "100", "--ascii")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = {line.split()[0]: line for line in lines if line.startswith("#")}
    assert set(rows) == {"#1", "#3"}  # done deadlines are not drawn
    assert rows["#1"].index("*") < rows["#3"].index("*")  # Dec 10 before Mar 31
    assert "o" in rows["#1"]
    assert any("now v" in line for line in lines)
    window = watcher("timeline", "--ascii", "--until", "2027-01-01")
    assert "#3" not in window.stdout and "#1" in window.stdout
