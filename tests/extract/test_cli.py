"""`watcher extract`: in-process with Typer's runner, and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from watcher.cli.app import app
from watcher.extract import JSON_KEYS

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_26d458d383b1f024.txt"
OTHER = (
    "Washington and Beijing are racing to finish a deal before the truce expires on "
    "Nov. 10, officials said on Friday. Trump will meet Xi on Oct. 30 in Busan."
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'x.db'}"


def invoke(db: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", db, "extract", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_json_output_is_the_contract(db: str) -> None:
    code, out, _ = invoke(db, "--json", str(SEED))
    assert code == 0
    items = json.loads(out)
    assert items and all(tuple(item) == JSON_KEYS for item in items)
    text = SEED.read_text(encoding="utf-8")
    assert all(text[i["start"] : i["end"]] == i["text"] for i in items)
    future = {(i["date"], i["kind"]) for i in items if i["future"] and i["confidence"] >= 0.5}
    assert future == {
        ("2025-10-30", "meeting"),
        ("2025-11-01", "deadline"),
        ("2025-11-10", "expiry"),
        ("2025-10-27", "event"),
    }


def test_human_output_lists_future_items_then_past_mentions(db: str) -> None:
    code, out, _ = invoke(db, str(SEED))
    assert code == 0
    table, rest = out.split("Other mentions", 1)
    assert table.splitlines()[0].split() == ["DATE", "KIND", "TITLE", "CONF", "SENTENCE"]
    assert "2025-10-30" in table and "meeting" in table
    assert "'January' (past)" in rest and "2025-10-30" not in rest


def test_stdin_with_published_and_min_confidence(db: str) -> None:
    code, out, _ = invoke(
        db, "--json", "--published", "2025-10-24", "--min-confidence", "0.9", "-", input=OTHER
    )
    assert code == 0
    assert {i["date"] for i in json.loads(out)} == {"2025-11-10", "2025-10-24", "2025-10-30"}


@freeze_time("2025-10-24T12:00:00Z")
def test_add_stores_deadlines_with_provenance_and_merges_repeats(db: str, tmp_path: Path) -> None:
    code, out, _ = invoke(db, "--add", "--yes", str(SEED))
    assert code == 0, out
    assert "Story: 4 new, 0 moved, 0 called off, 0 confirmed" in out
    again = tmp_path / "other.txt"
    again.write_text(OTHER, encoding="utf-8")
    code, out, _ = invoke(db, "--add", "--yes", "--published", "2025-10-24", str(again))
    assert code == 0, out
    assert "Story: 0 new, 0 moved, 0 called off, 2 confirmed" in out
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["--db", db, "list", "--json"]).stdout)
    assert sorted((d["due"][:10], d["kind"]) for d in listed) == [
        ("2025-10-27", "event"),
        ("2025-10-30", "meeting"),
        ("2025-11-01", "deadline"),
        ("2025-11-10", "expiry"),
    ]
    truce = next(d for d in listed if d["kind"] == "expiry")
    shown = json.loads(runner.invoke(app, ["--db", db, "show", str(truce["id"]), "--json"]).stdout)
    sentences = [m["sentence"] for m in shown["mentions"]]
    assert len(sentences) == 2
    assert any("nears its expiration on Nov. 10" in s for s in sentences)


def test_usage_errors_exit_2(db: str) -> None:
    assert invoke(db, "--published", "yesterday-ish", str(SEED))[0] == 2
    assert invoke(db, "--tz", "Mars/Olympus", str(SEED))[0] == 2
    assert invoke(db, "--min-confidence", "1.5", str(SEED))[0] == 2
    assert invoke(db, "/no/such/article.txt")[0] == 2


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("watcher")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "watcher"]
    return subprocess.run(
        [*cmd, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


@pytest.mark.slow
def test_as_a_process_json_and_errors(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    done = _run("--db", db, "extract", "--json", "--published", "2025-10-24", "-", stdin=OTHER)
    assert done.returncode == 0, done.stderr
    assert {i["kind"] for i in json.loads(done.stdout) if i["future"]} >= {"expiry", "meeting"}
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 64)
    failed = _run("--db", db, "extract", str(blob))
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == [
        f"watcher: error: {blob}: looks like a binary file, not an article (NUL bytes)"
    ]
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)
    failed = _run("--db", db, "extract", str(big))
    assert failed.returncode == 1
    assert "larger than the 10 MB limit" in failed.stderr
    assert "Traceback" not in failed.stderr
