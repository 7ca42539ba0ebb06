"""`watcher seed` loads the project's seed article and the deadlines read from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from freezegun import freeze_time

from tests.cli.conftest import Invoke, json_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXPECTED = {
    ("2025-10-27", "event"),
    ("2025-10-30", "meeting"),
    ("2025-11-01", "deadline"),
    ("2025-11-10", "expiry"),
}


@freeze_time("2026-11-26T12:00:00Z")
def test_seed_loads_the_four_deadlines_with_their_sentences_once(watcher: Invoke) -> None:
    first = watcher("seed")
    assert first.exit_code == 0, first.output
    assert "4 deadline(s) added" in first.stdout
    records = json_of(watcher("list", "--all", "--json"))
    assert {(r["date"], r["kind"]) for r in records} == EXPECTED
    assert {r["timezone"] for r in records} == {"America/New_York"}
    truce = next(r for r in records if r["kind"] == "expiry")
    shown = json_of(watcher("show", str(truce["id"]), "--json"))
    [mention] = shown["mentions"]
    assert "Nov. 10" in mention["sentence"]
    assert mention["span"] == "Nov. 10"
    assert mention["location"].endswith("000_26d458d383b1f024.txt")

    second = watcher("seed")
    assert "0 deadline(s) added, 4 already present" in second.stdout
    assert len(json_of(watcher("list", "--all", "--json"))) == 4
    exported = json_of(watcher("export"))
    assert len(exported["sources"]) == 1
    assert exported["sources"][0]["text"] == (SEEDS / "000_26d458d383b1f024.txt").read_text()
    assert sum(len(d["mentions"]) for d in exported["deadlines"]) == 4


def test_seed_from_another_directory_and_bad_directories(watcher: Invoke, tmp_path: Path) -> None:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    assert watcher("seed", str(copy)).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    result = watcher("seed", str(empty))
    assert result.exit_code == 2
    assert result.stderr.startswith("watcher: error: ") and "no seed files" in result.stderr


@freeze_time("2026-11-26T12:00:00Z")
def test_seed_after_extract_add_links_instead_of_duplicating(watcher: Invoke) -> None:
    article = str(SEEDS / "000_26d458d383b1f024.txt")
    assert watcher("extract", article, "--add", "--yes").exit_code == 0
    result = watcher("seed")
    assert "0 deadline(s) added, 4 already present" in result.stdout, result.output
    assert len(json_of(watcher("list", "--all", "--json"))) == 4


@freeze_time("2026-11-26T12:00:00Z")
def test_list_after_seed_says_past_deadlines_exist(watcher: Invoke) -> None:
    assert watcher("seed").exit_code == 0
    listed = watcher("list")
    assert listed.exit_code == 0
    assert "No upcoming deadlines; 4 past deadline(s): see them with `watcher list --past`" in (
        listed.stdout
    )
    assert len(watcher("list", "--past").stdout.splitlines()) == 5  # header + the four
