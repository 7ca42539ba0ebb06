"""The year of a day written without one ("Aug. 7", "Sunday, October 5"): the family the
blind story batches found most often wrong, each case with a frozen publication date.

A wrong year puts a future event in the past, so it is never stored and every later
article about it has nothing to move, confirm or call off.
"""

from __future__ import annotations

import datetime as dt

import pytest

from watcher.extract import extract


def day_of(text: str, span: str, published: dt.date) -> tuple[str | None, bool]:
    found = [m for m in extract(text, published, "UTC") if m.text == span]
    assert found, [(m.text, m.date) for m in extract(text, published, "UTC")]
    return (found[0].date or "")[:10], found[0].future


@pytest.mark.parametrize(
    ("text", "span", "published", "want"),
    [
        # a weekday named with the day keeps only the years it fits
        (
            "The film will have its world premiere at the festival on Sunday, October 5.",
            "Sunday, October 5",
            dt.date(2025, 8, 14),
            "2025-10-05",
        ),
        ("The panel meets Fri. Sept. 4.", "Fri. Sept. 4", dt.date(2026, 8, 1), "2026-09-04"),
        ("The show will open Thur. Oct. 1.", "Thur. Oct. 1", dt.date(2026, 8, 1), "2026-10-01"),
        # the future verb is far before the date, a past participle close to it
        (
            "The device will go on sale in South Korea and the United States on Aug. 7, "
            "according to invitations sent to retailers.",
            "Aug. 7",
            dt.date(2026, 7, 1),
            "2026-08-07",
        ),
        (
            "The orchestra will perform the symphony at a partly ticketed opening gala on Nov. 14.",
            "Nov. 14",
            dt.date(2025, 8, 4),
            "2025-11-14",
        ),
        # "targeted for", like "scheduled for": the day it is planned for
        (
            "The agency is preparing a second rocket, with liftoff targeted for Oct. 22.",
            "Oct. 22",
            dt.date(2026, 8, 17),
            "2026-10-22",
        ),
        # a participle right before another date is that date's verb
        (
            "The company will report its results for the fiscal year ended March 31 on May 12.",
            "May 12",
            dt.date(2026, 4, 20),
            "2026-05-12",
        ),
        # a present verb says what holds now, whatever the clause before tells of the past
        (
            "An extension of farm programs, which Congress approved last fall, also expires "
            "on Sept. 30.",
            "Sept. 30",
            dt.date(2027, 9, 20),
            "2027-09-30",
        ),
        # an order to do something later: the infinitive is ahead
        (
            "He ordered her to surrender to the Bureau of Prisons by Feb. 3.",
            "Feb. 3",
            dt.date(2025, 12, 10),
            "2026-02-03",
        ),
        # "has not closed by": a condition still ahead
        (
            "Either side can walk away if the deal has not closed by Sept. 30.",
            "Sept. 30",
            dt.date(2026, 3, 9),
            "2026-09-30",
        ),
        # families from the third and fourth blind story batches
        (
            "Whitcomb was told to surrender to the Bureau of Prisons by May 4.",
            "May 4",
            dt.date(2026, 3, 20),
            "2026-05-04",
        ),
        (
            "Chile votes on Sunday in the first round of a presidential election.",
            "Sunday",
            dt.date(2025, 11, 12),
            "2025-11-16",
        ),
        (
            "The gas contract, which had been set to lapse on Tuesday, has been extended only "
            "until Dec. 31.",
            "Dec. 31",
            dt.date(2025, 10, 3),
            "2025-12-31",
        ),
        (
            "The law keeps the government funded through March 13.",
            "March 13",
            dt.date(2026, 1, 31),
            "2026-03-13",
        ),
        (
            "The launch has been reset for Saturday at 1:14 a.m.",
            "Saturday at 1:14 a.m.",
            dt.date(2026, 2, 27),
            "2026-02-28",
        ),
        (
            "Corvanta said the FDA had accepted its application and set a decision date of "
            "Sept. 18.",
            "Sept. 18",
            dt.date(2026, 2, 9),
            "2026-09-18",
        ),
        # ... while the plain past keeps its past day
        (
            "A judge struck down the 2024 rule in November.",
            "November",
            dt.date(2025, 6, 12),
            "2024-11-01",
        ),
        ("He was arrested on Dec. 3 in Ohio.", "Dec. 3", dt.date(2025, 10, 24), "2024-12-03"),
        (
            "Nine members had filed their plans by the September 30 deadline.",
            "September 30",
            dt.date(2027, 11, 5),
            "2027-09-30",
        ),
    ],
)
def test_the_year_of_a_day(text: str, span: str, published: dt.date, want: str) -> None:
    assert day_of(text, span, published)[0] == want


def test_weather_that_is_the_cause_is_no_forecast() -> None:
    """'in doubt after ... heavy rain': the match is still a dated event."""
    text = (
        "Sunday's match between Bologna and Fiorentina is in doubt after authorities issued "
        "a red alert for heavy rain."
    )
    published = dt.date(2026, 11, 12)
    found = [m for m in extract(text, published, "UTC") if m.text == "Sunday"]
    assert found and found[0].future and found[0].confidence >= 0.5
    forecast = extract("Heavy rain is expected to begin on Sunday.", published, "UTC")
    assert all(m.confidence < 0.5 for m in forecast)


def test_a_date_under_a_condition_is_marked() -> None:
    """'pickets would go up on July 1 if talks fail': capped, but flagged as a plan under a
    condition, which story tracking follows."""
    text = "Union leaders said pickets would go up at 6 a.m. on July 1 if talks fail."
    (m,) = [m for m in extract(text, dt.date(2026, 6, 22), "UTC") if "July 1" in m.text]
    assert m.conditional and m.future and m.confidence < 0.5
    (plain,) = extract("Pickets will go up on July 1.", dt.date(2026, 6, 22), "UTC")
    assert not plain.conditional
