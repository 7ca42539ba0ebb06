"""One test per family of expression, each with a frozen publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from watcher.extract import TemporalMention, analyse, extract

FRI = dt.date(2025, 10, 24)  # a Friday


def only(text: str, published: dt.date = FRI, tz: str = "UTC") -> TemporalMention:
    found = extract(text, published, tz)
    assert len(found) == 1, [(m.text, m.date) for m in found]
    return found[0]


def dates(text: str, published: dt.date = FRI) -> list[tuple[str, str | None]]:
    return [(m.text, m.date) for m in extract(text, published)]


# ---- month-day forms ----


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("Trump will meet Xi on Oct. 30 in Busan.", "Oct. 30", "2025-10-30"),
        ("The truce expires on November 10, 2025.", "November 10, 2025", "2025-11-10"),
        ("The summit opens on 10 November.", "10 November", "2025-11-10"),
        ("The rule applied from Sept. 1.", "Sept. 1", "2025-09-01"),
        ("The rule applies from Sept. 1 next year.", "Sept. 1 next year", "2026-09-01"),
        ("Talks resume Dec 2 in Geneva.", "Dec 2", "2025-12-02"),
        ("The hearing is set for the 3rd of November.", "the 3rd of November", "2025-11-03"),
        ("Filings are due March 22nd, 2026.", "March 22nd, 2026", "2026-03-22"),
        ("The report was dated 2025-09-30.", "2025-09-30", "2025-09-30"),
        ("Ballots must arrive by 11/04/2025.", "11/04/2025", "2025-11-04"),
    ],
)
def test_month_day_forms(text: str, span: str, date: str) -> None:
    m = only(text)
    assert (m.text, m.date) == (span, date)
    assert text[m.start : m.end] == m.text


def test_year_less_date_follows_tense() -> None:
    assert only("The new law will take effect on Jan. 15.").date == "2026-01-15"
    assert only("He was arrested on Dec. 3 in Ohio.").date == "2024-12-03"
    # close to the reference date the nearest year wins whatever the tense
    assert only("Trump has set Nov. 1 as the deadline.").date == "2025-11-01"


def test_weekday_forms() -> None:
    said = only("The ministry said Thursday that talks had stalled.")
    assert (said.date, said.future) == ("2025-10-23", False)
    meet = only("The two leaders will meet Thursday in Seoul.")
    assert (meet.date, meet.future) == ("2025-10-30", True)
    soon = only("The probe could be announced as soon as Friday.")
    assert soon.date == "2025-10-24"
    assert soon.future
    assert only("Markets fell last Friday.").date == "2025-10-17"
    assert only("The board meets next Tuesday.").date == "2025-10-28"
    assert only("Fighting resumed on Sunday.").date == "2025-10-19"


def test_weekday_with_date_is_one_mention() -> None:
    m = only("The vote is on Friday, Oct. 31.")
    assert (m.text, m.date, m.kind) == ("Friday, Oct. 31", "2025-10-31", "vote")


# ---- relative expressions ----


@pytest.mark.parametrize(
    ("text", "span", "date", "end_date"),
    [
        ("The envoy will travel next week.", "next week", "2025-10-27", "2025-11-02"),
        ("Ministers meet this week.", "this week", "2025-10-20", "2025-10-26"),
        ("A ruling is expected later this month.", "later this month", "2025-10-01", "2025-10-31"),
        ("It must be passed by the end of the year.", "the end of the year", "2025-12-31", None),
        ("The agency has to respond within 90 days.", "within 90 days", "2026-01-22", None),
        ("The plant will reopen in two weeks.", "in two weeks", "2025-11-07", None),
        ("The jury resumes deliberations tomorrow.", "tomorrow", "2025-10-25", None),
        ("Officials met yesterday.", "yesterday", "2025-10-23", None),
        ("Sales will be announced next month.", "next month", "2025-11-01", "2025-11-30"),
        ("The firm was founded three years ago.", "three years ago", "2022-01-01", "2022-12-31"),
        ("Rates rose last year.", "last year", "2024-01-01", "2024-12-31"),
        ("The ban starts this weekend.", "this weekend", "2025-10-25", "2025-10-26"),
    ],
)
def test_relative(text: str, span: str, date: str, end_date: str | None) -> None:
    m = only(text)
    assert (m.text, m.date, m.end_date) == (span, date, end_date)


def test_the_year_alone_is_not_a_date() -> None:
    assert dates("During the year, the firm hired staff.") == []


# ---- vague periods ----


@pytest.mark.parametrize(
    ("text", "span", "date", "end_date"),
    [
        ("A deal could come in early 2026.", "early 2026", "2026-01-01", "2026-04-30"),
        ("Talks will resume in mid-March.", "mid-March", "2026-03-11", "2026-03-20"),
        ("Growth slowed in the third quarter.", "the third quarter", "2025-07-01", "2025-09-30"),
        ("Results for Q3 were strong.", "Q3", "2025-07-01", "2025-09-30"),
        ("The chip ships in Q1 2026.", "Q1 2026", "2026-01-01", "2026-03-31"),
        (
            "The plant opens in the first half of 2026.",
            "the first half of 2026",
            "2026-01-01",
            "2026-06-30",
        ),
        ("The bill stalled in late September.", "late September", "2025-09-21", "2025-09-30"),
        ("Elections are due next spring.", "next spring", "2026-03-01", "2026-05-31"),
        ("The law was written in the 1990s.", "1990s", "1990-01-01", "1999-12-31"),
    ],
)
def test_vague_periods(text: str, span: str, date: str, end_date: str | None) -> None:
    m = only(text)
    assert (m.text, m.date, m.end_date) == (span, date, end_date)


# ---- times and zones ----


def test_time_with_zone_and_date() -> None:
    m = only("The tariffs take effect at 12:01 a.m. ET on Aug. 1.", dt.date(2025, 7, 20))
    assert m.text == "12:01 a.m. ET on Aug. 1"
    assert m.date == "2025-08-01T00:01:00-04:00"
    assert m.kind == "effective"


def test_midnight_weekday_uses_the_given_zone() -> None:
    m = only("The deadline is midnight Friday.", dt.date(2025, 10, 22), tz="America/New_York")
    assert m.text == "midnight Friday"
    assert m.date == "2025-10-24T23:59:00-04:00"
    assert m.kind == "deadline"


def test_date_then_time() -> None:
    m = only("Polls close on Nov. 4 at 8 p.m. PT.")
    assert m.date == "2025-11-04T20:00:00-08:00"


def test_gmt_time_before_weekday() -> None:
    m = only("The talks start at 15:00 GMT Saturday.", dt.date(2013, 3, 22))
    assert m.date == "2013-03-23T15:00:00+00:00"
    assert m.value == "2013-03-23T15:00"


# ---- ranges ----


def test_cross_month_range() -> None:
    m = only("The summit runs Oct. 31-Nov. 1 in Gyeongju.")
    assert (m.text, m.date, m.end_date) == ("Oct. 31-Nov. 1", "2025-10-31", "2025-11-01")


def test_same_month_range() -> None:
    m = only("The fair runs March 3-5, 2026.")
    assert (m.date, m.end_date) == ("2026-03-03", "2026-03-05")


def test_year_range_is_two_years() -> None:
    assert [m.value for m in extract("the pandemic of 2009-2010", FRI)] == ["2009", "2010"]
    assert [m.value for m in extract("the 1957-58 season", FRI)] == ["1957", "1958"]


# ---- not dates ----


@pytest.mark.parametrize(
    "text",
    [
        "Trump threatened 100% tariffs on Chinese goods.",
        "Prices rose 25 percent to $2,019 a tonne.",
        "The court may rule against the company.",
        "May I ask a question?",
        "Theresa May said the party would recover.",
        "The 30-year-old was aged 30 at the time of the crash.",
        "The home side won 3-2 after extra time.",
        "About 2000 troops were deployed.",
        "Shares fell 4.5% to 2,050 points.",
        "He scored 21 points and grabbed 10 rebounds.",
        "The Audi Q5 is made in Mexico.",
        "They will march on the capital.",
        "The fall in prices hurt farmers.",
    ],
)
def test_non_dates_are_not_flagged(text: str) -> None:
    assert dates(text) == []


# ---- TimeML values (the TE3 benchmark compares these) ----


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ministers meet this week.", "2013-W12"),
        ("It is now clear.", "PRESENT_REF"),
        ("He is currently in Paris.", "PRESENT_REF"),
        ("In the past, it was worse.", "PAST_REF"),
        ("Rates rose last year.", "2012"),
        ("The firm was founded four years ago.", "2009"),
        ("Sales rose this month.", "2013-03"),
        ("It was the 20th century.", "19"),
        ("The plant opened in May 2010.", "2010-05"),
        ("Sales fell in the first quarter.", "2013-Q1"),
        ("It happened on Friday afternoon.", "2013-03-22TAF"),
        ("It happened last summer.", "2012-SU"),
    ],
)
def test_timeml_values(text: str, value: str) -> None:
    found = analyse(text, dt.date(2013, 3, 22))
    assert [m.value for m in found] == [value]


# ---- kinds ----


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The truce expires on Nov. 10.", "expiry"),
        ("The rule takes effect on Jan. 1.", "effective"),
        ("The Senate will vote on the bill on Nov. 5.", "vote"),
        ("Companies must file their reports by Dec. 15.", "filing"),
        ("The deadline for bids is Nov. 14.", "deadline"),
        ("Trump will meet Xi on Oct. 30.", "meeting"),
        ("He is scheduled to travel to Tokyo on Oct. 27.", "event"),
        ("The payment is due Dec. 1.", "deadline"),
        ("Applications close on Nov. 20.", "filing"),
        ("Parliament must act by Nov. 30.", "deadline"),
    ],
)
def test_kind_follows_cue(text: str, kind: str) -> None:
    m = only(text)
    assert m.kind == kind
    assert m.future


def test_title_names_what_happens() -> None:
    m = only("White House officials said that Trump will meet Xi on Oct. 30 in Busan.")
    assert "Trump will meet Xi" in m.title
    m = only("Trump has set Nov. 1 as the deadline for new tariffs.")
    assert "deadline for new tariffs" in m.title


def test_confidence_ranks_explicit_deadlines_above_vague_mentions() -> None:
    strong = only("The truce expires on Nov. 10.")
    vague = only("A deal could come in early 2026.")
    assert strong.confidence >= 0.8
    assert vague.confidence < 0.5


def test_aware_publication_time_is_read_in_the_zone() -> None:
    late = dt.datetime(2025, 10, 25, 2, 0, tzinfo=dt.UTC)  # Friday evening in New York
    m = only("Officials met yesterday.", late, tz="America/New_York")  # type: ignore[arg-type]
    assert m.date == "2025-10-23"


def test_consecutive_days_joined_by_and_are_one_period() -> None:
    m = only("The president hosts leaders on Thursday and Friday.", dt.date(2025, 11, 3))
    assert (m.text, m.date, m.end_date) == ("Thursday and Friday", "2025-11-06", "2025-11-07")


def test_from_until_is_one_period() -> None:
    m = only("Drivers will strike from Thursday until Saturday.", dt.date(2025, 10, 7))
    assert (m.date, m.end_date) == ("2025-10-09", "2025-10-11")


def test_present_perfect_does_not_make_a_date_past() -> None:
    m = only("Unions have called a strike for 9 January.", dt.date(2025, 12, 2))
    assert m.date == "2026-01-09"
    assert m.future


def test_a_superseded_schedule_is_past_and_not_a_deadline() -> None:
    late = only("Countries were supposed to submit plans by Feb. 10.", dt.date(2025, 11, 3))
    assert late.date == "2025-02-10"
    lapsed = only(
        "The pause, which was due to lapse on Tuesday, was extended.", dt.date(2025, 8, 11)
    )
    assert lapsed.date == "2025-08-12"
    assert lapsed.confidence < 0.5


def test_the_following_week_counts_from_the_date_before_it() -> None:
    found = extract(
        "Lawmakers return on Jan. 8 and vote the following week.", dt.date(2024, 12, 30)
    )
    assert [(m.text, m.date) for m in found] == [
        ("Jan. 8", "2025-01-08"),
        ("the following week", "2025-01-13"),
    ]


# ---- fiscal calendars ----

MON = dt.date(2026, 3, 2)  # a Monday


def span(text: str, published: dt.date = MON) -> tuple[str, str | None, str | None]:
    m = only(text, published)
    return m.text, m.date, m.end_date


@pytest.mark.parametrize(
    ("text", "want"),
    [  # the US federal fiscal year runs Oct. 1 to Sept. 30
        ("Congress must fund FY 2027 programs.", ("FY 2027", "2026-10-01", "2027-09-30")),
        ("The program is funded through FY2027.", ("FY2027", "2026-10-01", "2027-09-30")),
        (
            "The agency's fiscal year 2027 budget is due.",
            ("fiscal year 2027", "2026-10-01", "2027-09-30"),
        ),
        ("The Pentagon wants more in fiscal 2027.", ("fiscal 2027", "2026-10-01", "2027-09-30")),
        (
            "The fund must spend the money by the end of FY 2027.",
            ("the end of FY 2027", "2027-09-30", None),
        ),
        (
            "The program ends with the close of the federal fiscal year.",
            ("the close of the federal fiscal year", "2026-09-30", None),
        ),
        (
            "The agency's budget next fiscal year will shrink.",
            ("next fiscal year", "2026-10-01", "2027-09-30"),
        ),
        (
            "The contract runs through the last quarter of FY 2027.",
            ("the last quarter of FY 2027", "2027-07-01", "2027-09-30"),
        ),
        (
            "Deliveries start in the first quarter of FY 2027.",
            ("the first quarter of FY 2027", "2026-10-01", "2026-12-31"),
        ),
        # an April-to-March financial year, written split
        (
            "The tax applies from financial year 2026-27.",
            ("financial year 2026-27", "2026-04-01", "2027-03-31"),
        ),
        ("Sales for FY2026-27 will rise.", ("FY2026-27", "2026-04-01", "2027-03-31")),
        # a company's fiscal year: its calendar is not given, so the calendar year stays
        ("Microsoft's fiscal 2027 results will be strong.", ("fiscal 2027", "2027", "2027-12-31")),
    ],
)
def test_fiscal_years(text: str, want: tuple[str, str | None, str | None]) -> None:
    got = span(text)
    assert got[0] == want[0] and got[2] == want[2]
    assert got[1] is not None and got[1].startswith(want[1] or "")


def test_financial_year_split_is_one_mention_and_takes_effect() -> None:
    m = only("The tax applies from financial year 2026-27.", MON)
    assert (m.kind.value, m.future) == ("effective", True)


# ---- a weekday counted from a day named after it ----


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The store opens the Monday after Thanksgiving.",
            ("Monday after Thanksgiving", "2026-11-30"),
        ),
        (
            "The agency will publish the rule the Friday before Christmas.",
            ("Friday before Christmas", "2026-12-18"),
        ),
        (
            "He left the Monday after Thanksgiving last year.",
            ("Monday after Thanksgiving", "2025-12-01"),
        ),
        (
            "The vote is the Tuesday following March 10.",
            ("Tuesday following March 10", "2026-03-17"),
        ),
    ],
)
def test_weekday_around_a_named_day(text: str, want: tuple[str, str]) -> None:
    found = [(m.text, m.date) for m in extract(text, MON) if m.text != "last year"]
    assert found == [want]


# ---- prepositional deadlines ----


def test_have_up_to_a_date_is_a_deadline_ahead() -> None:
    m = only("Owners have up to July 15 to pay the fee.", MON)
    assert (m.date, m.future, m.kind.value) == ("2026-07-15", True, "deadline")


def test_a_time_in_local_time_joins_the_day_after_it() -> None:
    m = only("The polls open at 7 a.m. local time on Tuesday.", MON, "America/Chicago")
    assert (m.text, m.date, m.future) == (
        "7 a.m. local time on Tuesday",
        "2026-03-03T07:00:00-06:00",
        True,
    )


# ---- a period counted from a day the sentence names after it ----


@pytest.mark.parametrize(
    ("text", "span_", "date"),
    [
        (
            "The rule takes effect 30 days after its publication on March 10.",
            "30 days",
            "2026-04-09",
        ),
        (
            "The filing window closes 10 days before the election on Nov. 3.",
            "10 days",
            "2026-10-24",
        ),
        ("Campaigning stops the day before the vote on March 10.", "the day", "2026-03-09"),
        ("Two weeks after the vote on March 10, the law takes effect.", "Two weeks", "2026-03-24"),
    ],
)
def test_period_counted_from_a_named_day(text: str, span_: str, date: str) -> None:
    m = next(m for m in extract(text, MON) if m.text == span_)
    assert (m.date, m.future) == (date, True)
    assert m.confidence >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Payments resume 90 days after the ruling.",  # the ruling's day is not given
        "The order was lifted on Sunday, three days after the fire began.",  # restates Sunday
        # a later sentence names a day: the count still has no start of its own
        "The mandate lasts until 14 May, six months after the ballot. It began on 2 March.",
    ],
)
def test_period_counted_from_an_unknown_day_is_no_deadline(text: str) -> None:
    counted = [m for m in extract(text, MON) if m.text.endswith(("days", "months"))]
    assert counted and all(m.confidence < 0.5 for m in counted)


def test_a_period_lasting_before_a_day_is_not_counted() -> None:
    found = dates("The jury deliberated for 7 hours before acquitting him on May 30.", MON)
    assert found == [("May 30", "2025-05-30")]
