"""The families the blind batches of issue 9 (88-107) found, each with frozen dates.

Each test names the family in general terms; the sentences are written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from watcher.extract import TemporalMention, extract

FRI = dt.date(2025, 10, 24)  # a Friday


def found(text: str, published: dt.date = FRI, tz: str = "UTC") -> list[TemporalMention]:
    return extract(text, published, tz)


def span(text: str, want: str, published: dt.date = FRI, tz: str = "UTC") -> TemporalMention:
    hits = [m for m in found(text, published, tz) if m.text == want]
    assert hits, [(m.text, m.date) for m in found(text, published, tz)]
    return hits[0]


# ---- odd typography: a weekday glued to its date by a comma ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        ("Bids close on Tuesday,Nov. 4, the exchange said.", "Tuesday,Nov. 4", "2025-11-04"),
        ("Residents have until Monday,November 3, to register.", "Monday,November 3", "2025-11-03"),
        ("The panel meets Thursday,6 November.", "Thursday,6 November", "2025-11-06"),
    ],
)
def test_weekday_glued_to_its_date(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


# ---- midnight of a day is the end of that day ----


def test_midnight_of_a_day_is_its_last_minute() -> None:
    m = span("The survey closes at midnight Sunday.", "midnight Sunday", tz="America/Chicago")
    assert m.date == "2025-10-26T23:59:00-05:00"
    assert m.future
