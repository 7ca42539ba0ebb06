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


# ---- a day counted from the day the story last named ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        (
            "The vote is on Oct. 30, and results come the following day.",
            "the following day",
            "2025-10-31",
        ),
        (
            "Polls close Nov. 4. The count starts the next morning.",
            "the next morning",
            "2025-11-05",
        ),
        ("The summit opens Thursday; leaders dine that evening.", "that evening", "2025-10-30"),
        (
            "Hearings resume Nov. 12, and the panel votes the same day.",
            "the same day",
            "2025-11-12",
        ),
        (
            "The report is due Dec. 1. Staff must file drafts the day before.",
            "the day before",
            "2025-11-30",
        ),
    ],
)
def test_day_counted_from_the_last_day_named(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date or "")[:10] == date
    assert m.future


def test_a_time_on_the_day_last_named() -> None:
    text = "The strike starts at 3 a.m. on Nov. 5. It ends at 11:59 p.m. CET the same day."
    m = span(text, "11:59 p.m. CET the same day", tz="Europe/Berlin")
    assert m.date == "2025-11-05T23:59:00+01:00"
    noon = span("Polls close Nov. 4. Counting starts at noon that day.", "noon that day")
    assert noon.date == "2025-11-04T12:00:00+00:00"


def test_later_in_the_day_without_a_day_in_its_paragraph_is_today() -> None:
    text = "Last year the show was on Sept. 9, 2024.\n\nLater in the day, Oracle reports results."
    assert span(text, "Later in the day").date == "2025-10-24"


def test_no_day_named_no_anaphor() -> None:
    assert [m.text for m in found("He spent the next day at home.")] == []


# ---- zones by abbreviation: a standard- or summer-time name is its offset ----


@pytest.mark.parametrize(
    ("text", "tz", "date"),
    [
        # Brisbane keeps standard time while Sydney is on summer time
        (
            "Nominations close at noon AEST on Friday, Feb. 26, 2027.",
            "Australia/Sydney",
            "2027-02-26T12:00:00+10:00",
        ),
        (
            "Enrolment closes at 8 p.m. AEDT on March 8, 2027.",
            "Australia/Sydney",
            "2027-03-08T20:00:00+11:00",
        ),
        (
            "The webinar starts at 7 p.m. EST on Nov. 30.",
            "America/New_York",
            "2025-11-30T19:00:00-05:00",
        ),
        (
            "Results are out at 9 a.m. Pacific Daylight Time on Nov. 3.",
            "UTC",
            "2025-11-03T09:00:00-07:00",
        ),
        # the generic names follow the season of the day
        ("Bids are due at 5 p.m. ET on Nov. 3.", "UTC", "2025-11-03T17:00:00-05:00"),
        ("Bids are due at 5 p.m. ET on Oct. 31.", "UTC", "2025-10-31T17:00:00-04:00"),
    ],
)
def test_zone_abbreviations(text: str, tz: str, date: str) -> None:
    times = [m for m in found(text, tz=tz) if "T" in (m.date or "")]
    assert [m.date for m in times] == [date]


# ---- an approximate clock time ----


def test_approximate_time_keeps_its_word_and_takes_the_day() -> None:
    m = span("The tour opens May 2 in Atlanta, where the show starts around 8 PM.", "around 8 PM")
    assert m.date == "2026-05-02T20:00:00+00:00"
    glued = span("The headliner is due around 8:45 PM on Thursday.", "around 8:45 PM on Thursday")
    assert glued.date == "2025-10-30T20:45:00+00:00"
    assert [m.text for m in found("About 200 people came.")] == []


# ---- a count anchored on the day its sentence reports ----


def test_within_counts_from_a_past_day_of_the_sentence() -> None:
    text = (
        "The regulator wrote to suppliers on Oct. 10 asking them to explain, within 28 days, "
        "how they will cope."
    )
    m = span(text, "within 28 days")
    assert (m.date, m.future) == ("2025-11-07", True)
    week = span("A judge on Wednesday ordered the agency to act within 30 days.", "within 30 days")
    assert week.date == "2025-11-21"


# ---- a count straight before the day it counts from is one mention ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        (
            "Call centers close early the day after Thanksgiving.",
            "the day after Thanksgiving",
            "2025-11-28",
        ),
        (
            "A storm is due the day before Thanksgiving.",
            "the day before Thanksgiving",
            "2025-11-26",
        ),
        ("The ruling takes effect 30 days after Nov. 3.", "30 days after Nov. 3", "2025-12-03"),
    ],
)
def test_count_joined_with_its_day(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)
    assert len(found(text)) == 1


def test_a_restated_day_keeps_its_holiday() -> None:
    text = "Stores open at 6 a.m. on Friday, Nov. 28, the day after Thanksgiving."
    assert span(text, "Thanksgiving").date == "2025-11-27"


# ---- "later this month" is dated as the month; "the rest of the year" is what remains ----


def test_later_in_a_period_is_the_period() -> None:
    m = span("The board will decide later this month.", "later this month")
    assert (m.date, m.end_date, m.future) == ("2025-10-01", "2025-10-31", True)
    rest = span("Prices will stay high for the rest of the year.", "the rest of the year")
    assert rest.date == "2025-10-25"


# ---- tense: what a past report says lies ahead ----

TUE = dt.date(2026, 1, 13)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        # expectation under a past verb
        ("Traders were awaiting the central bank's meeting on Thursday.", "Thursday", "2026-01-15"),
        (
            "Forecasters said storms were possible on Saturday afternoon.",
            "Saturday afternoon",
            "2026-01-17",
        ),
        # "last" before a noun that is no time word means final
        (
            "Markets eyed the bank's last policy meeting of the year on Thursday.",
            "Thursday",
            "2026-01-15",
        ),
        # a perfect before a deadline preposition: done by then
        (
            "Fans will hear whether they have been selected by 5 p.m. ET Thursday.",
            "5 p.m. ET Thursday",
            "2026-01-15",
        ),
        # an announced start
        (
            "The union called strikes at two airports from 3 a.m. on Wednesday.",
            "3 a.m. on Wednesday",
            "2026-01-14",
        ),
        # a scheduled present of earnings and data
        (
            "Investors get a read when the chain reports results for the three months ended "
            "Oct. 31 before the bell Thursday.",
            "Thursday",
            "2026-01-15",
        ),
    ],
)
def test_ahead_under_a_past_or_present_report(text: str, want: str, date: str) -> None:
    m = span(text, want, TUE)
    assert ((m.date or "")[:10], m.future) == (date, True)


def test_past_stays_past() -> None:
    assert span("Microsoft reported results after the bell Monday.", "Monday", TUE).date == (
        "2026-01-12"
    )
    assert span("The talks collapsed last Thursday.", "last Thursday", TUE).date == "2026-01-08"
    assert span("The union called a strike on Monday.", "Monday", TUE).date == "2026-01-12"


def test_a_plural_noun_is_no_scheduled_present() -> None:
    text = "The company filed its expert reports with the tribunal on Monday."
    assert span(text, "Monday", TUE).date == "2026-01-12"


# ---- kind agreement: the event's noun and verb ----


@pytest.mark.parametrize(
    ("text", "want", "kind"),
    [
        ("The chipmaker will not report until Nov. 19.", "Nov. 19", "event"),
        ("The band's new album is due out Nov. 14.", "Nov. 14", "event"),
        ("Companies must move to the new format prior to Dec. 31.", "Dec. 31", "deadline"),
        ("Customers can rebook for travel up to Nov. 25.", "Nov. 25", "deadline"),
        ("Taxpayers must lodge their returns by Oct. 31, 2026.", "Oct. 31, 2026", "filing"),
        ("Listed companies must disclose their plans by Dec. 30.", "Dec. 30", "filing"),
        ("States can keep notifying new schemes through March 31.", "March 31", "filing"),
        # still a deadline: an event verb before "by" is what must happen by then
        ("The results will be announced by Nov. 9.", "Nov. 9", "deadline"),
    ],
)
def test_kind_follows_the_events_words(text: str, want: str, kind: str) -> None:
    m = span(text, want)
    assert (m.kind, m.future) == (kind, True)


# ---- financial years: the calendar of the article's country ----


@pytest.mark.parametrize(
    ("text", "tz", "want", "date", "end"),
    [
        (
            "The rules change in financial year 2027-28.",
            "Australia/Sydney",
            "financial year 2027-28",
            "2027-07-01",
            "2028-06-30",
        ),
        (
            "The rules change in financial year 2027-28.",
            "Asia/Kolkata",
            "financial year 2027-28",
            "2027-04-01",
            "2028-03-31",
        ),
        (
            "Growth slows in fiscal 2027, the bank said.",
            "Asia/Tokyo",
            "fiscal 2027",
            "2027-04-01",
            "2028-03-31",
        ),
        # a split year in a text about financial years is one
        (
            "The financial year ends soon. The threshold changes again in 2028-29.",
            "Australia/Sydney",
            "2028-29",
            "2028-07-01",
            "2029-06-30",
        ),
    ],
)
def test_financial_year_of_the_country(text: str, tz: str, want: str, date: str, end: str) -> None:
    m = span(text, want, tz=tz)
    assert (m.date, m.end_date) == (date, end)


def test_the_end_of_a_financial_year_is_its_last_day() -> None:
    text = "With the end of financial year 2026-27 three weeks away, offices are busy."
    found_ = found(text, dt.date(2027, 6, 8), "Australia/Sydney")
    assert [(m.text, m.date) for m in found_] == [
        ("the end of financial year 2026-27", "2027-06-30")
    ]


def test_a_company_fiscal_year_elsewhere_stays_the_calendar_year() -> None:
    assert span("Sales rise in fiscal 2027.", "fiscal 2027", tz="America/Chicago").date == (
        "2027-01-01"
    )


# ---- a day of the month alone: "on the 15th" ----

MON = dt.date(2027, 4, 5)  # a Monday


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        (
            "Wage figures are scheduled for release on the 7th, followed by prices.",
            "the 7th",
            "2027-04-07",
        ),
        (
            "The governor testifies at 9 a.m. on the 15th.",
            "9 a.m. on the 15th",
            "2027-04-15T09:00:00+00:00",
        ),
        ("The board meets on the 2nd.", "the 2nd", "2027-05-02"),
        ("Results came out on the 3rd.", "the 3rd", "2027-04-03"),
    ],
)
def test_day_of_the_month_alone(text: str, want: str, date: str) -> None:
    assert span(text, want, MON).date == date


@pytest.mark.parametrize(
    "text",
    ["It marks the 25th anniversary.", "The office is on the 15th floor.", "He was the 3rd."],
)
def test_an_ordinal_that_is_no_day(text: str) -> None:
    assert found(text, MON) == []


# ---- "a week later": counted from the day last named ----


@pytest.mark.parametrize(
    ("text", "want", "date"),
    [
        (
            "The tour opens Nov. 2, and general sale starts a week later.",
            "a week later",
            "2025-11-09",
        ),
        (
            "The album is due Dec. 12, and the tour starts two weeks after that.",
            "two weeks after that",
            "2025-12-26",
        ),
        (
            "Motions are due by Nov. 6, and the response is due two weeks later.",
            "two weeks later",
            "2025-11-20",
        ),
    ],
)
def test_a_count_after_the_day_last_named(text: str, want: str, date: str) -> None:
    m = span(text, want)
    assert (m.date, m.future) == (date, True)


def test_later_than_is_a_comparison() -> None:
    text = "Shipping starts on Nov. 22, two weeks later than planned."
    assert [m.text for m in found(text)] == ["Nov. 22"]
    assert [m.text for m in found("Two weeks later, the talks failed.")] == []


def test_a_count_whose_day_follows_names_nothing_itself() -> None:
    text = "The first leg is on Dec. 9, with the return a week later, on Dec. 16."
    assert [m.text for m in found(text)] == ["Dec. 9", "Dec. 16"]


# ---- the end of a week is the end of its working days ----


def test_the_end_of_the_week_is_friday() -> None:
    wed = dt.date(2027, 9, 22)
    m = span("Agencies must report by the end of the week.", "the end of the week", wed)
    assert (m.date, m.future) == ("2027-09-24", True)
    nxt = span("A deal is due by the end of next week.", "the end of next week", wed)
    assert nxt.date == "2027-10-01"


# ---- no day to alert on: a period's label, a stretch ahead, a time gone by ----


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("It will publish its outlook for the year ending March 2026 soon.", "March 2026"),
        ("Data due over the next three weeks could shift the debate.", "over the next three weeks"),
    ],
)
def test_labels_and_stretches_are_no_deadlines(text: str, want: str) -> None:
    m = span(text, want)
    assert m.confidence < 0.5


def test_a_period_that_ends_on_a_day_still_expires() -> None:
    m = span("Rivals may bid during a 30-day go-shop period that ends Dec. 13.", "Dec. 13")
    assert m.confidence >= 0.5


def test_after_a_year_of_is_no_date() -> None:
    text = "The event matters more after a year in which its plans fell behind."
    assert found(text) == []


def test_something_stopping_is_an_expiry() -> None:
    text = "The portal would stop accepting new requests at 6 p.m. ET on Nov. 28, the agency said."
    m = span(text, "6 p.m. ET on Nov. 28")
    assert (m.kind, m.future) == ("expiry", True)
    assert m.confidence >= 0.5


# ---- durations anchored on a day: notice served, an expiry moved by a period ----

SUN = dt.date(2025, 12, 14)


def test_notice_runs_from_the_day_served() -> None:
    text = "The agency served 30 days' notice on Nov. 14 that it would cut routes."
    m = span(text, "30 days' notice", dt.date(2025, 11, 18))
    assert (m.date, m.future) == ("2025-12-14", True)
    assert m.confidence >= 0.5


def test_an_expiry_moved_by_a_period() -> None:
    text = (
        "The Commission said it would extend the framework, which was due to expire on "
        "Dec. 31, by six months."
    )
    m = span(text, "by six months", SUN)
    assert (m.date, m.kind, m.future) == ("2026-06-30", "expiry", True)
    assert m.confidence >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "She won the race by two days.",
        "The law was due to take effect July 1, after lawmakers delayed the start by a year.",
        "Members have until 31 March to comment on a plan to delay the rules by a year.",
    ],
)
def test_by_a_period_moves_only_the_day_it_governs(text: str) -> None:
    assert [m.text for m in found(text, SUN) if m.text.startswith("by")] == []


def test_a_move_whose_new_day_follows_is_left_to_that_day() -> None:
    text = "The vote on the budget due Dec. 12 has been pushed back by one week, to Dec. 19."
    assert [m.text for m in found(text, SUN)] == ["Dec. 12", "Dec. 19"]


# ---- a day a plan has been moved from no longer holds ----


def test_the_day_a_plan_was_moved_from() -> None:
    text = "A planned stop in Toronto on Dec. 14 has been moved to the following night."
    old = span(text, "Dec. 14")
    new = span(text, "the following night")
    assert (old.date, old.future) == ("2025-12-14", True)
    assert old.confidence < 0.5
    assert (new.date, new.future) == ("2025-12-15", True)
    assert new.confidence >= 0.5


# ---- a quarter with a modifier ----


def test_the_end_of_a_quarter_is_its_last_day() -> None:
    m = span(
        "Filings are due by the end of the first quarter.",
        "the end of the first quarter",
        dt.date(2026, 12, 14),
    )
    assert (m.date, m.future) == ("2027-03-31", True)
    late = span("It ships in late third quarter of 2027.", "late third quarter of 2027")
    assert late.date == "2027-08-30"


# ---- today: future only when the sentence says it is still to come ----


@pytest.mark.parametrize(
    ("text", "want", "future"),
    [
        ("The minister said today that talks had stalled.", "today", False),
        ("Shares rose 3% today.", "today", False),
        ("The court ruled on Oct. 24 that the law stands.", "Oct. 24", False),
        ("Voting closes at 8 p.m. today.", "8 p.m. today", True),
        ("Apple will show off its phones at 10 a.m. Pacific today.", "10 a.m. Pacific today", True),
    ],
)
def test_today_is_future_only_when_still_to_come(text: str, want: str, future: bool) -> None:
    assert span(text, want, tz="America/Los_Angeles").future is future
