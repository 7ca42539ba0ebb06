"""The families blind batch D (118-127) found, each with frozen dates and sentences
written for the test (not the corpus's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from watcher.extract import TemporalMention, extract

MON = dt.date(2026, 1, 12)  # a Monday


def span(text: str, want: str, published: dt.date = MON, tz: str = "UTC") -> TemporalMention:
    hits = [m for m in extract(text, published, tz) if m.text == want]
    assert hits, [(m.text, m.date) for m in extract(text, published, tz)]
    return hits[0]


# ---- "the week of" a day: a deadline on that day, the words part of the span ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        ("Talks on the merger resume the week of Feb. 23.", "the week of Feb. 23", "2026-02-23"),
        ("A ruling is expected the week of 9 March.", "the week of 9 March", "2026-03-09"),
    ],
)
def test_the_week_of_a_day(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


# ---- the year of a year-less date under a future the nearest verb hides ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # a reduced relative ("bids made ... by"): the future verb before it governs
        (
            "The board is expected to rule on all bids made in writing by 20 May.",
            "20 May",
            "2026-05-20",
        ),
        (
            "Residents want the new bridge opened before Thanksgiving.",
            "Thanksgiving",
            "2026-11-26",
        ),
        # a habit, not a past: "usually held in"
        (
            "The annual fair, usually held in late June, may be cancelled.",
            "late June",
            "2026-06-21",
        ),
        # an -ed adjective on the object of a verb to come
        (
            "The rules require lenders to send revised statements to borrowers by Aug. 31.",
            "Aug. 31",
            "2026-08-31",
        ),
        # contractions of will and would
        (
            "\u201cWe\u2019ll reopen the pool in October,\u201d the mayor said.",
            "October",
            "2026-10-01",
        ),
        (
            "\u201cWe'd rather have the vote in the autumn,\u201d she said.",
            "the autumn",
            "2026-09-01",
        ),
    ],
)
def test_future_year_under_a_hidden_future(text: str, want: str, date: str) -> None:
    assert span(text, want).date == date


def test_possession_is_no_past_frame() -> None:
    """'they have the money to pass a plan that would keep ... through': seen from now."""
    text = (
        "Leaders said Monday they have the numbers to pass a plan that would keep the "
        "clinics open through Oct. 31."
    )
    m = span(text, "Oct. 31", dt.date(2026, 3, 2))
    assert (m.date, m.future) == ("2026-10-31", True)


def test_a_reduced_relative_after_a_new_clause_stays_past() -> None:
    """The look-back for the future stops at 'that': the participle is that clause's verb."""
    text = "Traders will remember the rally that ended before Christmas."
    assert span(text, "Christmas", dt.date(2026, 3, 2)).date == "2025-12-25"
