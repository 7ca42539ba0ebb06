"""Acceptance: the seed article (machine-reworded CNBC copy) and its metadata."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from watcher.extract import DEFAULT_MIN_CONFIDENCE, TemporalMention, extract

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = SEEDS / "000_26d458d383b1f024.txt"


@pytest.fixture(scope="module")
def meta() -> dict[str, object]:
    return tomllib.loads(SEED.with_suffix(".meta.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mentions(meta: dict[str, object]) -> list[TemporalMention]:
    published = dt.date.fromisoformat(str(meta["published"]))
    return extract(SEED.read_text(encoding="utf-8"), published, str(meta["timezone"]))


def test_the_four_deadlines_are_future_items_with_their_kind(
    meta: dict[str, object], mentions: list[TemporalMention]
) -> None:
    strong = {
        (m.date, m.kind) for m in mentions if m.future and m.confidence >= DEFAULT_MIN_CONFIDENCE
    }
    expected = {(d["date"], d["kind"]) for d in meta["deadlines"]}  # type: ignore[attr-defined]
    assert expected == {
        ("2025-10-30", "meeting"),
        ("2025-11-01", "deadline"),
        ("2025-11-10", "expiry"),
        ("2025-10-27", "event"),
    }
    assert strong == expected


@pytest.mark.parametrize(
    ("span", "date"),
    [
        ("January", "2025-01-01"),
        ("2019", "2019-01-01"),
        ("early October", "2025-10-01"),
        ("Sunday", "2025-10-19"),
        ("Tuesday", "2025-10-21"),
        ("Wednesday", "2025-10-22"),
        ("Thursday", "2025-10-23"),
    ],
)
def test_past_mentions_are_not_future(
    mentions: list[TemporalMention], span: str, date: str
) -> None:
    found = [m for m in mentions if m.text == span]
    assert found, span
    for m in found:
        assert m.date == date
        assert not m.future, m.sentence


def test_reworded_next_week_is_read(mentions: list[TemporalMention]) -> None:
    (m,) = [m for m in mentions if m.text == "subsequent week"]
    assert (m.date, m.end_date, m.future) == ("2025-10-27", "2025-11-02", True)


def test_offsets_point_into_the_text(mentions: list[TemporalMention]) -> None:
    text = SEED.read_text(encoding="utf-8")
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.text in m.sentence
