"""Bad and hostile input from the command line: one clear line, nothing stored (issue 11).

Families: extreme dates and ids (bug 5), control characters in titles (bug 7), snooze of an
alert not yet sent (bug 2), and the WHEN phrases people type.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from freezegun import freeze_time

from tests.cli.conftest import Invoke, json_of

NOW = "2026-11-26T15:30:00Z"


def _no_deadlines(watcher: Invoke) -> None:
    assert json_of(watcher("list", "--all", "--json")) == []


@freeze_time(NOW)
@pytest.mark.parametrize(
    "when", ["9999-12-31", "0001-01-01", "1899-12-31", "in 99999999 days", "2201-01-01T10:00"]
)
def test_dates_outside_1900_2200_are_refused(watcher: Invoke, when: str) -> None:
    result = watcher("add", "X", when, "--tz", "Europe/Berlin")
    assert result.exit_code == 2
    assert result.stderr.startswith("watcher: error: ") and "1900-2200" in result.stderr
    assert result.stderr.count("\n") == 1
    _no_deadlines(watcher)
    assert watcher("timeline").exit_code == 0


@freeze_time(NOW)
@pytest.mark.parametrize("command", ["show", "done", "remove", "snooze"])
def test_ids_beyond_64_bits_are_unknown_ids(watcher: Invoke, command: str) -> None:
    args = [command, str(2**64)] + (["1h"] if command == "snooze" else [])
    result = watcher(*args)
    assert result.exit_code == 1 and "no " in result.stderr and "internal" not in result.stderr


@freeze_time(NOW)
def test_control_characters_never_reach_the_terminal(watcher: Invoke) -> None:
    hostile = "Pay\x1b[2J rent\x07\nnow\x00"
    added = watcher("add", hostile, "2026-12-10", "--tag", "a\x1bb", "--note", "x\x1b]0;t\x07")
    assert added.exit_code == 0, added.output
    for args in (("list",), ("show", "1"), ("timeline",), ("list", "--json")):
        output = watcher(*args).stdout
        assert "\x1b" not in output and "\x07" not in output and "\x00" not in output
    [record] = json_of(watcher("list", "--json"))
    assert record["title"] == "Pay[2J rent now"
    assert record["tags"] == ["ab"] and record["notes"] == "x ]0;t "
    assert watcher("edit", "1", "--title", "\x1b\x07 \n").exit_code == 2  # nothing left
    edited = watcher("edit", "1", "--title", "New\x1b[1m title")
    assert edited.exit_code == 0 and "\x1b" not in edited.stdout


@freeze_time(NOW)
def test_a_lone_surrogate_in_a_title_is_stored_as_a_replacement(watcher: Invoke) -> None:
    result = watcher("add", "x\udcedy", "2026-12-10")
    assert result.exit_code == 0, result.output
    assert json_of(watcher("list", "--json"))[0]["title"] == "x\ufffdy"


@freeze_time(NOW)
def test_a_planned_alert_cannot_be_snoozed(watcher: Invoke) -> None:
    assert watcher("add", "Filing", "2027-03-01", "--lead", "1d").exit_code == 0
    [alert] = json.loads(watcher("alerts", "--json").stdout)
    result = watcher("snooze", str(alert["id"]), "1h")
    assert result.exit_code == 2 and "is pending, not sent" in result.stderr
    assert json.loads(watcher("alerts", "--json").stdout) == [alert]  # untouched


@freeze_time(NOW)  # 15:30 UTC on a Thursday
@pytest.mark.parametrize(
    ("when", "due"),
    [
        ("now", "2026-11-26T15:30:00+00:00"),
        ("in 90 seconds", "2026-11-26T15:31:30+00:00"),
        ("noon tomorrow", "2026-11-27T12:00:00+00:00"),
        ("3pm", "2026-11-27T15:00:00+00:00"),  # already past today: the next 3pm
        ("4pm", "2026-11-26T16:00:00+00:00"),
        ("9am next monday", "2026-11-30T09:00:00+00:00"),
    ],
)
def test_when_phrases(watcher: Invoke, when: str, due: str) -> None:
    result = watcher("add", "T", when, "--tz", "UTC", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["due"] == due


@freeze_time(NOW)
def test_timeline_spans_the_whole_accepted_range(watcher: Invoke) -> None:
    assert watcher("add", "Far", "2200-12-31").exit_code == 0
    for width in ("40", "200"):
        result = watcher("timeline", "--width", width, "--ascii")
        assert result.exit_code == 0, result.output
        assert "#1 Far" in result.stdout


@freeze_time(NOW)
def test_control_characters_from_files_are_cleaned(watcher: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Harbour Gazette\n\nThe council will vote\x1b[2J on the ferry deal on Dec. 3.\n"
    )
    extracted = watcher("extract", str(article), "--published", "2026-11-25", "--add", "--yes")
    assert extracted.exit_code == 0, extracted.output
    assert "\x1b" not in extracted.stdout + extracted.stderr
    document = {
        "format": "watcher-export",
        "version": 1,
        "deadlines": [
            {
                "title": "JSON\u001b]0;x\u0007 title",
                "due": "2027-01-01T00:00:00+00:00",
                "timezone": "UTC",
                "tags": ["a\u001bb"],
                "notes": "n\u009bote",
            }
        ],
    }
    (tmp_path / "in.json").write_text(json.dumps(document))
    assert watcher("import", str(tmp_path / "in.json")).exit_code == 0
    (tmp_path / "in.ics").write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:t\nBEGIN:VEVENT\nUID:1\n"
        "SUMMARY:ICS\x1b[5m title\nDTSTART;VALUE=DATE:20270201\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    assert watcher("import", str(tmp_path / "in.ics")).exit_code == 0
    records = json_of(watcher("list", "--all", "--json"))
    texts = json.dumps(records, ensure_ascii=False)
    assert not any(c in texts for c in "\x1b\x07\x9b"), texts
    assert {r["title"] for r in records} >= {"JSON]0;x title", "ICS[5m title"}
    for record in records:
        shown = watcher("show", str(record["id"]))
        assert "\x1b" not in shown.stdout, shown.stdout
