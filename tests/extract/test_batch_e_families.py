"""The families blind batch E (128-137) found, and the year-of-day and tense family the
issue asks for, each with frozen dates and sentences written for the test (not the
corpus's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extract.spans import span_of
from watcher.extract import TemporalMention, extract

MON = dt.date(2026, 3, 2)  # a Monday


def span(text: str, want: str, published: dt.date = MON, tz: str = "UTC") -> TemporalMention:
    return span_of(text, want, published, tz)


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


# ---- split years and "this financial year": the country's financial year ----


@pytest.mark.parametrize(
    ("text", "want", "tz", "date"),
    [
        # named after the year, slashed or hyphenated: the words are the span
        (
            "Fares rise again in the 2027/28 financial year.",
            "the 2027/28 financial year",
            "Africa/Johannesburg",
            "2027-04-01",
        ),
        (
            "The stadium should be rebuilt in the 2028-29 financial year.",
            "the 2028-29 financial year",
            "Australia/Sydney",
            "2028-07-01",
        ),
        # next to money words, or in a text about tax or budgets
        ("The 2026-27 budget funds two new hospitals.", "2026-27", "Asia/Kolkata", "2026-04-01"),
        (
            "Councils must pay the levy for 2026-27 by June 30.",
            "2026-27",
            "Australia/Perth",
            "2026-07-01",
        ),
        (
            "In 2024-25 the port handled a record tonnage. Its tax bill rose.",
            "2024-25",
            "Europe/London",
            "2024-04-01",
        ),
    ],
)
def test_a_split_year_is_a_financial_year(text: str, want: str, tz: str, date: str) -> None:
    assert span(text, want, tz=tz).date == date


def test_a_split_season_is_not_a_financial_year() -> None:
    text = "The club hopes to win the 2026-27 season after a tax row."
    assert all(m.text != "2026-27" for m in extract(text, MON, "Europe/London"))


@pytest.mark.parametrize(
    ("tz", "date"),
    [("Australia/Melbourne", "2025-07-01"), ("Asia/Kolkata", "2025-04-01")],
)
def test_this_financial_year_is_the_country_s(tz: str, date: str) -> None:
    text = "Gifts made now count towards this financial year."
    assert span(text, "this financial year", tz=tz).date == date


# ---- a zone named by a place and "time" ----


@pytest.mark.parametrize(
    ("text", "want", "tz", "date"),
    [
        (
            "Trading resumes at 9:15 a.m. Tokyo time on March 9.",
            "9:15 a.m. Tokyo time on March 9",
            "UTC",
            "2026-03-09T09:15:00+09:00",
        ),
        (
            "Voting closes at 5 p.m. Brasilia time on Sunday.",
            "5 p.m. Brasilia time on Sunday",
            "UTC",
            "2026-03-08T17:00:00-03:00",
        ),
        (
            "The offer lapses at 4 p.m. London time on April 2.",
            "4 p.m. London time on April 2",
            "UTC",
            "2026-04-02T16:00:00+01:00",
        ),
        (
            "Bids close at 3 p.m. AST on Friday.",
            "3 p.m. AST on Friday",
            "UTC",
            "2026-03-06T15:00:00-04:00",
        ),
    ],
)
def test_a_place_s_time_is_its_zone(text: str, want: str, tz: str, date: str) -> None:
    assert span(text, want, tz=tz).date == date


# ---- a participle after "and", its auxiliary left out: the passive's tense ----


@pytest.mark.parametrize(
    ("text", "want", "date", "future"),
    [
        (
            "Boats must be inspected and safety gear checked by Friday.",
            "Friday",
            "2026-03-06",
            True,
        ),
        ("Forms must be completed and all fees paid by Thursday.", "Thursday", "2026-03-05", True),
        ("The roads were closed and the bridges damaged on Friday.", "Friday", "2026-02-27", False),
    ],
)
def test_a_gapped_passive_takes_the_first_tense(
    text: str, want: str, date: str, future: bool
) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, future)


# ---- the calendar of the article's country: southern seasons, Canada's Thanksgiving ----


@pytest.mark.parametrize(
    ("text", "want", "tz", "date"),
    [
        (
            "Power cuts could return next winter.",
            "next winter",
            "Africa/Johannesburg",
            "2026-06-01",
        ),
        (
            "The new ferry enters service next summer.",
            "next summer",
            "Australia/Brisbane",
            "2026-12-01",
        ),
        ("Power cuts could return next winter.", "next winter", "Europe/Dublin", "2026-12-01"),
    ],
)
def test_seasons_follow_the_hemisphere(text: str, want: str, tz: str, date: str) -> None:
    assert span(text, want, tz=tz).date == date


@pytest.mark.parametrize(
    ("tz", "date"), [("America/Toronto", "2026-10-12"), ("America/Chicago", "2026-11-26")]
)
def test_thanksgiving_is_the_country_s(tz: str, date: str) -> None:
    text = "The mall will open its new wing before Thanksgiving."
    assert span(text, "Thanksgiving", dt.date(2026, 9, 1), tz).date == date


def test_the_fourth_of_july_is_a_holiday() -> None:
    m = span("Fireworks are planned for the Fourth of July.", "the Fourth of July")
    assert (m.date, m.future) == ("2026-07-04", True)


def test_clear_of_a_holiday_is_a_reference_point() -> None:
    """'moved to keep clear of the Fourth of July': the holiday is no deadline."""
    text = "The vote was brought forward to keep well clear of the Fourth of July."
    assert span(text, "the Fourth of July").confidence < 0.5


# ---- weekdays counted or qualified: "a week from Thursday", "this coming Tuesday" ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        ("The jury returns a week from Wednesday.", "a week from Wednesday", "2026-03-11"),
        ("Bids are due two weeks from Friday.", "two weeks from Friday", "2026-03-20"),
        (
            "Results come out a week from Thursday at 9 a.m. ET.",
            "a week from Thursday at 9 a.m. ET",
            "2026-03-12T09:00:00-04:00",
        ),
        ("The hall reopens this coming Saturday.", "this coming Saturday", "2026-03-07"),
    ],
)
def test_a_weekday_counted_or_coming(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


# ---- a weekday with an ordinal day, and ordinal words of a month ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # the next month whose 17th is that weekday (April 17 2026 is a Friday)
        ("The choir sings on Friday the 17th.", "Friday the 17th", "2026-04-17"),
        ("Stalls open on Sunday, the 8th.", "Sunday, the 8th", "2026-03-08"),
        ("The levy falls due on the first of May.", "the first of May", "2026-05-01"),
        ("Pupils return on the third of June.", "the third of June", "2026-06-03"),
    ],
)
def test_ordinal_days(text: str, want: str, date: str) -> None:
    assert span(text, want).date == date


def test_an_ordinal_word_without_a_month_is_no_date() -> None:
    assert extract("In the first of two rounds, turnout was low.", MON, "UTC") == []


# ---- kinds: hearings are meetings; raising a charge from a day takes effect then ----


@pytest.mark.parametrize(
    ("text", "want", "kind"),
    [
        ("The regulator opens public hearings in Leeds on 12 May.", "12 May", "meeting"),
        ("The port will raise its fees from 1 June.", "1 June", "effective"),
        ("The council hikes parking charges from 1 July.", "1 July", "effective"),
    ],
)
def test_kinds_of_hearings_and_charges(text: str, want: str, kind: str) -> None:
    assert span(text, want).kind.value == kind
