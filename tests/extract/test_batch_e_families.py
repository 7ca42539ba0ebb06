"""The families blind batch E (128-137) found, and the year-of-day and tense family the
issue asks for, each with frozen dates and sentences written for the test (not the
corpus's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from watcher.extract import TemporalMention, extract

MON = dt.date(2026, 3, 2)  # a Monday


def span(text: str, want: str, published: dt.date = MON, tz: str = "UTC") -> TemporalMention:
    hits = [m for m in extract(text, published, tz) if m.text == want]
    assert hits, [(m.text, m.date) for m in extract(text, published, tz)]
    return hits[0]


# ---- the year of a day under a duty or a future the nearest verb hides ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # a relative clause's past verb between a modal and the date ("must ... by")
        (
            "Growers must declare the water they used by 15 June.",
            "15 June",
            "2026-06-15",
        ),
        (
            "Landlords should repay any deposit they held by Aug. 20.",
            "Aug. 20",
            "2026-08-20",
        ),
        # a reduced relative in the subject, its verb after the date a future or a modal
        (
            "Fines not settled by Oct. 31 will double.",
            "Oct. 31",
            "2026-10-31",
        ),
        (
            "Ballots received by 28 September can still be counted.",
            "28 September",
            "2026-09-28",
        ),
    ],
)
def test_a_duty_keeps_its_day_ahead(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


def test_a_reduced_relative_in_a_past_sentence_stays_past() -> None:
    """The verb after the date is past: nothing was ahead."""
    m = span("Fines not settled by Oct. 31 were doubled.", "Oct. 31")
    assert (m.date, m.future) == ("2025-10-31", False)


# ---- intent verbs that are nouns: no future ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        ("The Hawks kept hopes alive on Saturday, edging the Owls 3-2.", "Saturday", "2026-02-28"),
        ("Rivals dashed their plans on Friday with a late bid.", "Friday", "2026-02-27"),
    ],
)
def test_hopes_and_plans_as_nouns_are_no_future(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, False)


def test_hopes_as_a_verb_is_still_a_future() -> None:
    m = span("The mayor hopes to reopen the bridge on Friday.", "Friday")
    assert (m.date, m.future) == ("2026-03-06", True)


# ---- a headline's present announces the next such day ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        ("Harbour board sets Feb. 20 cut-off for berth bids", "Feb. 20", "2027-02-20"),
        ("Council schedules 24 February vote on rates", "24 February", "2027-02-24"),
        ("Regulator names Feb. 26 deadline for comments", "Feb. 26", "2027-02-26"),
    ],
)
def test_an_announced_day_is_the_next_one(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


def test_a_day_that_was_set_stays_past() -> None:
    m = span("The board set Feb. 20 as the date, and the vote took place.", "Feb. 20")
    assert m.date == "2026-02-20"


# ---- a release that "would become available": a future event worth keeping ----


def test_would_become_available_is_a_kept_event() -> None:
    text = "The maker said the new firmware would become generally available on April 9."
    m = span(text, "April 9")
    assert (m.date, m.future, m.kind.value) == ("2026-04-09", True, "event")
    assert m.confidence >= 0.5
