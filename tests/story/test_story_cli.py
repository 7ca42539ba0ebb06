"""Following a story from the command line: `extract --add` over articles in date order,
then `show`, `list`, `review` and `undo`, on a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner, Result

from watcher.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_26d458d383b1f024.txt"
FOLLOW_UP = ROOT / "docs" / "examples" / "truce-followup.txt"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'story.db'}"


def run(db: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, ["--db", db, *args], input=input)


def listed(db: str) -> list[dict[str, Any]]:
    result = run(db, "list", "--all", "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def alerts_of(db: str, deadline_id: int) -> list[dict[str, Any]]:
    result = run(db, "show", str(deadline_id), "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["alerts"])


def article(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@freeze_time("2025-10-24T16:00:00Z")
def read_seed(db: str) -> Result:
    return run(db, "extract", str(SEED), "--add", "--yes")


@freeze_time("2025-10-31T16:00:00Z")
def read_follow_up(db: str) -> Result:
    return run(db, "extract", str(FOLLOW_UP), "--add", "--yes")


def by_day(db: str) -> dict[str, dict[str, Any]]:
    return {d["date"]: d for d in listed(db)}


def test_the_seed_and_its_follow_up_keep_one_record_per_event(db: str) -> None:
    first = read_seed(db)
    assert first.exit_code == 0, first.output
    assert first.stdout.count("NEW ") == 4
    second = read_follow_up(db)
    assert second.exit_code == 0, second.output
    lines = [line for line in second.stdout.splitlines() if line[:1].isupper()]
    assert any(line.startswith("MOVED") and "2025-11-10 -> 2026-11-10" in line for line in lines)
    assert any(line.startswith("CALLED OFF") and "2025-11-01" in line for line in lines)
    assert any(line.startswith("DONE") and "2025-10-30" in line for line in lines)
    records = listed(db)
    assert len(records) == 4  # moved and called off in place: no second "truce" record
    days = by_day(db)
    assert days["2026-11-10"]["kind"] == "expiry" and days["2026-11-10"]["status"] == "active"
    assert days["2025-11-01"]["status"] == "cancelled"
    assert days["2025-10-30"]["status"] == "done"
    assert set(records[0]) >= {"id", "title", "due", "status", "version"}  # list keeps its keys


def test_show_tells_the_story_with_the_sentence_that_moved_it(db: str) -> None:
    read_seed(db)
    read_follow_up(db)
    truce = by_day(db)["2026-11-10"]
    shown = run(db, "show", str(truce["id"]))
    assert shown.exit_code == 0, shown.output
    assert "moved 2025-11-10 -> 2026-11-10 (read in After Busan summit" in shown.stdout
    assert "will now run until Nov. 10, 2026" in shown.stdout


def test_a_move_re_plans_the_alerts_and_queues_one_moved_notice(db: str) -> None:
    read_seed(db)
    truce_id = by_day(db)["2025-11-10"]["id"]
    read_follow_up(db)
    alerts = alerts_of(db, truce_id)
    pending = [a for a in alerts if a["state"] == "pending"]
    assert [a for a in pending if a["kind"] == "moved"]
    reminders = {a["fire_at"][:10] for a in pending if a["kind"] == "reminder"}
    assert reminders and all(day >= "2026-11-01" for day in reminders)


def test_a_call_off_cancels_pending_alerts_and_queues_a_called_off_notice(db: str) -> None:
    read_seed(db)
    tariff_id = by_day(db)["2025-11-01"]["id"]
    read_follow_up(db)
    alerts = alerts_of(db, tariff_id)
    assert not [a for a in alerts if a["kind"] == "reminder" and a["state"] == "pending"]
    assert [a for a in alerts if a["kind"] == "called_off" and a["state"] == "pending"]


def test_undo_restores_the_date_and_its_alerts(db: str) -> None:
    read_seed(db)
    read_follow_up(db)
    truce_id = by_day(db)["2026-11-10"]["id"]
    with freeze_time("2025-11-01T12:00:00Z"):
        undone = run(db, "undo", str(truce_id))
    assert undone.exit_code == 0, undone.output
    assert "2025-11-10" in undone.stdout
    assert by_day(db)["2025-11-10"]["id"] == truce_id
    pending = [a for a in alerts_of(db, truce_id) if a["state"] == "pending"]
    assert {a["fire_at"][:10] for a in pending if a["kind"] == "reminder"} >= {"2025-11-09"}
    # nobody was told of the move yet, so the notice is withdrawn, not followed by another
    assert not [a for a in pending if a["kind"] == "moved"]


def test_undo_of_a_call_off_re_arms_the_reminders(db: str) -> None:
    read_seed(db)
    read_follow_up(db)
    tariff_id = by_day(db)["2025-11-01"]["id"]
    with freeze_time("2025-10-31T18:00:00Z"):
        assert run(db, "undo", str(tariff_id)).exit_code == 0
    assert by_day(db)["2025-11-01"]["status"] == "active"
    pending = [a for a in alerts_of(db, tariff_id) if a["state"] == "pending"]
    assert [a for a in pending if a["kind"] == "reminder"]


def test_undo_of_a_record_the_news_created_removes_it(db: str) -> None:
    read_seed(db)
    tokyo_id = by_day(db)["2025-10-27"]["id"]
    assert run(db, "undo", str(tokyo_id)).exit_code == 0
    assert "2025-10-27" not in by_day(db)
    again = run(db, "undo", "999")
    assert again.exit_code == 1 and "no deadline with id 999" in again.stderr


@freeze_time("2026-02-01T12:00:00Z")
def test_an_unsure_change_waits_in_review_until_accepted(db: str, tmp_path: Path) -> None:
    first = article(
        tmp_path,
        "a1.txt",
        "The appeal court set the first appeal hearing for June 8. A second appeal hearing "
        "will be held on June 15.",
    )
    assert run(db, "extract", first, "--published", "2026-02-01", "--add", "--yes").exit_code == 0
    second = article(tmp_path, "a2.txt", "The appeal hearing was postponed to Sept. 14.")
    result = run(db, "extract", second, "--published", "2026-02-02", "--add", "--yes")
    assert result.exit_code == 0, result.output
    assert "NEEDS REVIEW" in result.stdout
    assert sorted(d["date"] for d in listed(db)) == ["2026-06-08", "2026-06-15"]  # unchanged
    shown = run(db, "review")
    assert "postponed to Sept. 14" in shown.stdout
    proposal_id = shown.stdout.split(":", 1)[0].strip()
    accepted = run(db, "review", "accept", proposal_id)
    assert accepted.exit_code == 0, accepted.output
    assert "2026-09-14" in {d["date"] for d in listed(db)}
    assert run(db, "review").stdout.strip() == "Nothing to review."
    assert run(db, "review", "accept", proposal_id).exit_code == 2  # decided already


@freeze_time("2026-02-01T12:00:00Z")
def test_a_rejected_proposal_changes_nothing(db: str, tmp_path: Path) -> None:
    first = article(
        tmp_path,
        "a1.txt",
        "The first appeal hearing is on June 8 and the second appeal hearing on June 15.",
    )
    run(db, "extract", first, "--published", "2026-02-01", "--add", "--yes")
    second = article(tmp_path, "a2.txt", "The appeal hearing was postponed to Sept. 14.")
    run(db, "extract", second, "--published", "2026-02-02", "--add", "--yes")
    before = listed(db)
    proposal_id = run(db, "review").stdout.split(":", 1)[0].strip()
    assert run(db, "review", "reject", proposal_id).exit_code == 0
    assert listed(db) == before


@freeze_time("2026-03-01T12:00:00Z")
def test_look_alike_events_on_one_day_stay_apart(db: str, tmp_path: Path) -> None:
    text = (
        "The city council has until June 30 to adopt a budget. The transit workers' contract "
        "also expires on June 30."
    )
    run(
        db,
        "extract",
        article(tmp_path, "a.txt", text),
        "--published",
        "2026-03-01",
        "--add",
        "--yes",
    )
    later = article(
        tmp_path,
        "b.txt",
        "The transit workers' contract was extended to July 31, negotiators said.",
    )
    result = run(db, "extract", later, "--published", "2026-03-10", "--add", "--yes")
    assert result.exit_code == 0, result.output
    kinds = {d["date"]: d["kind"] for d in listed(db)}
    assert kinds == {"2026-06-30": "deadline", "2026-07-31": "expiry"}


def test_reading_the_same_article_twice_changes_nothing(db: str) -> None:
    read_seed(db)
    before = listed(db)
    again = read_seed(db)
    assert "Already read" in again.stdout
    assert listed(db) == before


def test_add_without_yes_and_without_a_terminal_is_refused_and_stores_nothing(db: str) -> None:
    result = run(db, "extract", str(SEED), "--add", input="y\n")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert listed(db) == []


def test_a_missing_second_source_stores_nothing_from_the_first(db: str) -> None:
    result = run(db, "extract", str(SEED), "/no/such/article.txt", "--add", "--yes")
    assert result.exit_code == 2
    assert listed(db) == []


@freeze_time("2026-02-01T12:00:00Z")
def test_a_date_that_holds_confirms_a_record_sharing_no_word(db: str, tmp_path: Path) -> None:
    """The store finds the record on the day the article names even when the sentence
    shares none of its words; "remains scheduled" says it is the same event."""
    first = article(tmp_path, "a1.txt", "Judge Ocampo set sentencing for Feb. 26.")
    assert run(db, "extract", first, "--published", "2026-02-01", "--add", "--yes").exit_code == 0
    second = article(tmp_path, "a2.txt", "Whitcomb remains scheduled to learn her fate on Feb. 26.")
    result = run(db, "extract", second, "--published", "2026-02-03", "--add", "--yes")
    assert result.exit_code == 0, result.output
    assert "CONFIRMED" in result.stdout
    assert [d["date"] for d in listed(db)] == ["2026-02-26"]


@freeze_time("2026-02-01T12:00:00Z")
def test_a_called_off_event_given_a_new_date_comes_back(db: str, tmp_path: Path) -> None:
    first = article(tmp_path, "a1.txt", "The Merseyside derby will be played on Feb. 7.")
    assert run(db, "extract", first, "--published", "2026-02-01", "--add", "--yes").exit_code == 0
    second = article(
        tmp_path, "a2.txt", "The Merseyside derby was postponed indefinitely because of the storm."
    )
    assert run(db, "extract", second, "--published", "2026-02-02", "--add", "--yes").exit_code == 0
    assert [d["status"] for d in listed(db)] == ["cancelled"]
    third = article(
        tmp_path, "a3.txt", "The postponed Merseyside derby has been rescheduled for March 11."
    )
    result = run(db, "extract", third, "--published", "2026-02-10", "--add", "--yes")
    assert result.exit_code == 0, result.output
    assert "MOVED" in result.stdout
    (derby,) = listed(db)
    assert (derby["status"], derby["date"]) == ("active", "2026-03-11")


def test_a_ballot_extended_through_a_day_moves_that_ballot_only(db: str, tmp_path: Path) -> None:
    first = article(
        tmp_path,
        "a.html",
        "<html><head><title>Drivers and engineers vote on strikes, with ballots closing Oct. 23"
        "</title></head><body><article><p>The drivers' ballot at Lothian Coaches closes at noon "
        "on Oct. 23, the union said.</p><p>The engineers are voting in a separate ballot, which "
        "is due to end on Oct. 23 as well.</p></article></body></html>",
    )
    later = article(
        tmp_path,
        "b.txt",
        "The union has extended its strike ballot of Lothian Coaches drivers through Oct. 30 "
        "after complaints about missing voting papers.",
    )
    assert run(db, "extract", first, "--published", "2026-10-05", "--add", "--yes").exit_code == 0
    result = run(db, "extract", later, "--published", "2026-10-19", "--add", "--yes")
    assert result.exit_code == 0, result.output
    assert "MOVED" in result.output
    days = sorted((d["date"], d["title"]) for d in listed(db))
    assert [day for day, _ in days] == ["2026-10-23", "2026-10-30T12:00:00+01:00"] or [
        day[:10] for day, _ in days
    ] == ["2026-10-23", "2026-10-30"]
