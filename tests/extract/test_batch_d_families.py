"""The families blind batch D (118-127) found, each with frozen dates and sentences
written for the test (not the corpus's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extract.spans import span_of
from watcher.extract import TemporalMention, extract

MON = dt.date(2026, 1, 12)  # a Monday


def span(text: str, want: str, published: dt.date = MON, tz: str = "UTC") -> TemporalMention:
    return span_of(text, want, published, tz)


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


# ---- a count from an event the article dates elsewhere ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # the event's verb, with its day after it, in the sentence before
        (
            "Bidding opens on Tuesday and closes at noon on Friday, Jan. 23. "
            "The winners will be named a week after it closes.",
            "a week after it closes",
            "2026-01-30",
        ),
        # its noun in the same sentence, the day after the verb of the same stem
        (
            "The panel will meet at 10 a.m. on Feb. 18, and members get the papers "
            "two business days before the meeting.",
            "two business days before the meeting",
            "2026-02-16",
        ),
        # a reporting day is no event's day ("the firm said on Monday")
        (
            "The firm will unveil its new tablet on Feb. 5, the company said on Monday, "
            "a month before last year's launch. Shops get demo units the day after the launch.",
            "the day after the launch",
            "2026-02-06",
        ),
        # dated later in the sentence, after a relative clause
        (
            "The levy applies 60 days after royal assent, which the bill got on Jan. 5.",
            "60 days after royal assent",
            "2026-03-06",
        ),
    ],
)
def test_a_count_from_an_event_dated_elsewhere(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # "within N of" keeps the event out of its span (the convention for "within")
        (
            "Results will be certified at 4pm on Friday 30 January, and any recount must be "
            "sought within three working days of the certification.",
            "within three working days",
            "2026-02-04",
        ),
        (
            "The report is to be delivered by 2 February. Ministers must reply within "
            "eight weeks of its delivery.",
            "within eight weeks",
            "2026-03-30",
        ),
        # "of it": the day named last
        (
            "Ballots cast by Saturday count if they arrive within 10 days of it.",
            "within 10 days",
            "2026-01-27",
        ),
    ],
)
def test_within_a_count_of_an_event(text: str, want: str, date: str) -> None:
    assert span(text, want).date == date


def test_a_day_in_another_clause_is_not_the_event_s() -> None:
    """'the day before the sale opens, and ... on Friday': Friday is the other clause's."""
    text = (
        "The sale opens on Wednesday, Jan. 21. Staff get early access the day before the "
        "sale opens, and the results are out on Friday, Jan. 30."
    )
    assert span(text, "the day before the sale opens").date == "2026-01-20"


def test_no_event_day_found_keeps_the_count_unsure() -> None:
    """An event the article never dates: no date worth an alert."""
    text = "Refunds are paid within 14 days of the complaint."
    m = span(text, "within 14 days")
    assert m.confidence < 0.5


def test_a_name_is_not_the_event() -> None:
    """'Launch Complex 39' names a place, not the launch."""
    text = (
        "The rocket is due to launch on Saturday, Jan. 17. Crews moved it to Launch Complex 39 "
        "this morning. Forecasters issue an outlook the day before launch."
    )
    assert span(text, "the day before launch").date == "2026-01-16"


def test_notice_of_an_action_is_not_counted_from_a_day_of_the_action() -> None:
    text = (
        "Members backed action in a vote, and the mandate lasts until March 5. Unions "
        "must give 14 days' notice of any action."
    )
    assert all(m.date != "2026-03-19" for m in extract(text, MON, "UTC"))


# ---- a day the story names, not the day of the report ----


def test_the_same_day_skips_the_reporting_day() -> None:
    text = (
        "The studio will screen the film in Toronto on Jan. 20, the company said on "
        "Monday. Tickets go on sale at noon the same day."
    )
    assert span(text, "noon the same day").date == "2026-01-20T12:00:00+00:00"


def test_a_time_shares_the_day_of_a_same_day_after_it() -> None:
    text = (
        "Voting ends on Thursday, Jan. 22.\n\nThe count starts at 9 p.m. GMT, or 4 p.m. "
        "the same day in New York."
    )
    assert span(text, "9 p.m. GMT").date == "2026-01-22T21:00:00+00:00"


# ---- a clock time written with a dot ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        ("Doors open at 7.30pm on Friday.", "7.30pm on Friday", "2026-01-16T19:30:00+00:00"),
        (
            "The ferry sails at 10.05 a.m. tomorrow.",
            "10.05 a.m. tomorrow",
            "2026-01-13T10:05:00+00:00",
        ),
    ],
)
def test_a_dotted_clock_time(text: str, want: str, date: str) -> None:
    assert span(text, want).date == date


def test_a_decimal_is_no_time() -> None:
    assert extract("Fares rose 2.5 per cent to 3.40 on average.", MON, "UTC") == []


# ---- an ordinal day of the month the story named it in ----


def test_an_ordinal_day_takes_the_month_named_with_it() -> None:
    text = "The board votes on Tuesday, February 3. If it passes on the 3rd, work starts in May."
    assert span(text, "the 3rd").date == "2026-02-03"


# ---- the new year ----


@pytest.mark.parametrize(
    ("text", "date", "future"),
    [
        ("Ministers will publish the plan in the new year.", "2027-01-01", True),
        ("The new year began with a strike, she said.", "2026-01-01", False),
    ],
)
def test_the_new_year(text: str, date: str, future: bool) -> None:
    m = span(text, "the new year" if "in the" in text else "The new year", dt.date(2026, 10, 2))
    assert (m.date, m.future) == (date, future)


# ---- kinds: what the words around the date say is due ----


@pytest.mark.parametrize(
    ("text", "want", "kind"),
    [
        # what must be sent in by then, after the date
        ("Bidders have until noon on Friday to submit their tenders.", "noon on Friday", "filing"),
        ("Parents have until 9 March to accept a school place.", "9 March", "filing"),
        # a filing period opening is an event, its close the filing deadline
        ("The consultation opens at 10am on Thursday.", "10am on Thursday", "event"),
        ("Owners can file claims online starting Feb. 2.", "Feb. 2", "event"),
        # a tax moving from a date takes effect then, however far back the tax was named
        (
            "Import duties on bicycles made in three Asian countries, most of them e-bikes, "
            "are set to rise to 30% from March 1.",
            "March 1",
            "effective",
        ),
        # a payment falls due
        ("Landlords face their next payment on Feb. 27.", "Feb. 27", "deadline"),
        # a count from a dated event, with no cue of its own, is scheduled then
        (
            "The museum will reopen on Saturday, Jan. 31. Members get a preview the day "
            "after the reopening.",
            "the day after the reopening",
            "event",
        ),
    ],
)
def test_the_kind_of_what_is_due(text: str, want: str, kind: str) -> None:
    m = span(text, want)
    assert (m.kind, m.future) == (kind, True)


# ---- election day outside the US: the day of the election the article tells of ----


def test_polling_day_is_the_election_s_day() -> None:
    text = (
        "Counting resumed on Monday after Sunday's election left no party with a majority.\n\n"
        "Postal ballots posted by polling day are counted if they arrive within a week of it. "
        "Turnout was higher than on election day in 2021."
    )
    found = {m.text: m.date for m in extract(text, dt.date(2026, 3, 9), "Europe/Lisbon")}
    assert found["polling day"] == "2026-03-08"
    assert found["within a week"] == "2026-03-15"
    assert "election day" not in found  # "on election day in 2021": another election


def test_us_election_day_keeps_its_rule() -> None:
    text = "Ballots must be postmarked by Election Day."
    assert span(text, "Election Day", dt.date(2026, 9, 1), "America/Chicago").date == "2026-11-03"


def test_no_election_named_leaves_polling_day_undated() -> None:
    assert extract("Campaigning stops on polling day.", MON, "Europe/London") == []


def test_preparing_for_a_day_looks_ahead() -> None:
    text = "The airport said it was preparing for long queues on Saturday."
    assert span(text, "Saturday").date == "2026-01-17"


# ---- a company's fiscal quarter: the three months the article says it means ----


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # the end of the quarter given
        (
            "The retailer posts results for its fiscal third quarter, which ended Nov. 1, "
            "on Dec. 4.",
            dt.date(2026, 11, 20),
            "2026-08-02",
        ),
        # the quarter being reported: the three months to the last month end
        (
            "Net revenue for its fiscal fourth quarter rose 9%, the company said.",
            dt.date(2026, 2, 11),
            "2025-11-01",
        ),
    ],
)
def test_a_company_fiscal_quarter(text: str, published: dt.date, date: str) -> None:
    want = "fiscal third quarter" if "third" in text else "fiscal fourth quarter"
    assert span(text, want, published).date == date


def test_a_fiscal_quarter_forecast_is_no_reported_quarter() -> None:
    text = "The company expects revenue for its fiscal second quarter of about $2 billion."
    assert all(m.text != "fiscal second quarter" for m in extract(text, MON, "UTC"))


# ---- seasons and holiday weekends ----


def test_since_the_fall_at_a_clause_end_is_the_season() -> None:
    text = "The agency has answered 40,000 letters since the fall, officials said."
    assert span(text, "the fall", dt.date(2027, 2, 1)).date == "2026-09-01"


def test_since_the_fall_of_something_is_no_season() -> None:
    text = "Prices have doubled since the fall of the currency."
    assert all(m.text != "the fall" for m in extract(text, MON, "UTC"))


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # a Monday holiday: the weekend before it
        ("Crews will work through the Labor Day weekend.", "the Labor Day weekend", "2026-09-05"),
        # a Thursday holiday: the weekend after it
        (
            "Stores expect crowds over the Thanksgiving weekend.",
            "the Thanksgiving weekend",
            "2026-11-28",
        ),
    ],
)
def test_a_holiday_weekend_is_dated_by_its_saturday(text: str, want: str, date: str) -> None:
    assert span(text, want, dt.date(2026, 8, 3), "America/New_York").date == date


# ---- a clause with its own subject ends a past frame ----


def test_a_clause_with_its_own_subject_is_no_past_frame() -> None:
    text = (
        "The firm will ship the phones on June 2, the company said on Monday, as it "
        "tries to beat rival models expected in October."
    )
    assert span(text, "October", dt.date(2026, 4, 6)).date == "2026-10-01"


# ---- a weekday counted from an event the article dates ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        (
            "The province votes in a general election on Saturday, May 9. Postal ballots "
            "must arrive by the Wednesday before the election.",
            "the Wednesday before the election",
            "2026-05-06",
        ),
        # a capitalised event is found capitalised ("the Budget")
        (
            "The finance minister will present the Budget on Thursday, March 5. A committee "
            "questions her the Monday after the Budget.",
            "the Monday after the Budget",
            "2026-03-09",
        ),
    ],
)
def test_a_weekday_around_an_event(text: str, want: str, date: str) -> None:
    assert span(text, want).date == date


def test_election_night_in_the_us() -> None:
    text = "Officials said they expect results in most races on election night."
    m = span(text, "election night", dt.date(2026, 9, 21), "America/Phoenix")
    assert (m.date, m.future) == ("2026-11-03", True)
