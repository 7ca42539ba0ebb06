"""Story tracking's pure core: what each sentence says, and what it does to stored records.

Every article here is written for these tests. Each test stores what an earlier article
said (as `Known` records) and reads one later article against it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from watcher.extract import extract
from watcher.story import cues
from watcher.story.cues import Shift
from watcher.story.plan import Act, Action, Known, add_period, plan_article
from watcher.story.statements import Verb, read_statements
from watcher.story.terms import terms

ZONE = "America/New_York"


def known(id: int, title: str, kind: str, day: str, sentence: str = "") -> Known:
    return Known(
        id=id,
        title=title,
        kind=kind,
        day=dt.date.fromisoformat(day),
        status="active",
        terms=terms(f"{title} {sentence}"),
    )


def plan(text: str, published: str, *records: Known) -> list[Action]:
    day = dt.date.fromisoformat(published)
    mentions = extract(text, day, ZONE)
    return plan_article(read_statements(text, mentions, day), list(records), {}, day)


TRUCE = known(1, "Trade truce expires", "expiry", "2025-11-10", "the tariff truce is set to expire")
TARIFF = known(
    2,
    "Deadline for additional 100% tariffs",
    "deadline",
    "2025-11-01",
    "Trump set Nov. 1 as the deadline for additional 100% tariffs on Chinese imports",
)
SUMMIT = known(
    3, "Trump-Xi meeting", "meeting", "2025-10-30", "Trump will sit down with Xi in Busan"
)


def acts(actions: list[Action]) -> list[tuple[Act, int | None, str | None]]:
    return [(a.act, a.target, a.date) for a in actions if a.confident]


@pytest.mark.parametrize(
    ("sentence", "new_date"),
    [
        ("The truce was extended to Nov. 10, 2026, officials said.", "2026-11-10"),
        ("The trade truce will now run until Nov. 10, 2026.", "2026-11-10"),
        ("The truce has been pushed back to Dec. 15.", "2025-12-15"),
        (
            "The truce, which had been due to expire on Nov. 10, now runs until Feb. 9.",
            "2026-02-09",
        ),
        ("Negotiators set a new deadline of Jan. 15 for the truce.", "2026-01-15"),
        ("The trade truce was extended by a year.", "2026-11-10"),
        ("The truce gets another 90 days.", "2026-02-08"),
        ("The truce was extended by six months.", "2026-05-10"),
    ],
)
def test_a_move_changes_the_date_of_the_record_it_names(sentence: str, new_date: str) -> None:
    actions = plan(sentence, "2025-10-31", TRUCE, TARIFF)
    assert acts(actions) == [(Act.MOVED, 1, new_date)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The White House said the additional 100% tariffs had been shelved.",
        "The 100% tariff plan was scrapped after the talks.",
        "Trump called off the additional 100% tariffs.",
        "The extra 100% tariffs will not go ahead, officials said.",
        "The additional 100% tariffs were dropped on Thursday.",
        "The additional tariffs of 100% have been postponed indefinitely.",
    ],
)
def test_a_call_off_names_the_record_it_cancels(sentence: str) -> None:
    actions = plan(sentence, "2025-10-31", TRUCE, TARIFF)
    assert acts(actions) == [(Act.CALLED_OFF, 2, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The truce will not be extended, officials said.",
        "Some lawmakers want the truce to be extended to 2027.",
        "Analysts said the tariff deadline could be pushed back.",
        "Trump threatened to scrap the truce if Beijing did not relent.",
    ],
)
def test_a_negated_or_hedged_change_changes_nothing(sentence: str) -> None:
    actions = plan(sentence, "2025-10-31", TRUCE, TARIFF)
    assert not [a for a in actions if a.act in {Act.MOVED, Act.CALLED_OFF} and a.confident]


def test_the_same_event_at_the_same_date_is_a_confirmation() -> None:
    actions = plan("The trade truce still expires on Nov. 10.", "2025-10-28", TRUCE, TARIFF)
    assert acts(actions) == [(Act.CONFIRMED, 1, None)]


def test_a_past_meeting_on_its_date_is_done() -> None:
    actions = plan("Trump and Xi met on Thursday in Busan.", "2025-10-31", TRUCE, SUMMIT)
    assert acts(actions) == [(Act.DONE, 3, None)]


def test_a_different_event_on_the_same_day_stays_separate() -> None:
    budget = known(
        1, "City budget deadline", "deadline", "2026-06-30", "the council must adopt a budget"
    )
    actions = plan("The transit workers' contract also expires on June 30.", "2026-06-01", budget)
    assert [(a.act, a.target) for a in actions] == [(Act.NEW, None)]


def test_a_measure_starting_the_day_another_expires_is_its_own_record() -> None:
    waiver = known(1, "Temporary waiver expires", "expiry", "2025-06-30", "the temporary waiver")
    actions = plan("The permanent rest-break rule takes effect on June 30.", "2025-06-16", waiver)
    assert [(a.act, a.target) for a in actions] == [(Act.NEW, None)]


def test_the_headline_and_body_saying_one_move_move_it_once() -> None:
    text = (
        "Trump and Xi agree to extend trade truce by a year\n\n"
        "Both governments said the tariff truce would be extended by a year, to Nov. 10, 2026."
    )
    day = dt.date(2025, 10, 31)
    statements = read_statements(
        text,
        extract(text, day, ZONE),
        day,
        headline="Trump and Xi agree to extend trade truce by a year",
    )
    actions = plan_article(statements, [TRUCE], {}, day)
    assert acts(actions) == [(Act.MOVED, 1, "2026-11-10")]


def test_a_statement_naming_the_old_date_finds_the_record_by_it() -> None:
    text = "The vote, originally set for March 3, was postponed to March 10."
    vote = known(
        5, "Council budget vote", "vote", "2026-03-03", "the council will vote on the budget"
    )
    day = dt.date(2026, 2, 20)
    statements = read_statements(text, extract(text, day, ZONE), day)
    assert [(s.verb, s.date, s.old_date) for s in statements] == [
        (Verb.MOVED, "2026-03-10", "2026-03-03")
    ]
    assert acts(plan_article(statements, [vote], {}, day)) == [(Act.MOVED, 5, "2026-03-10")]


def test_an_unclear_match_is_a_proposal_not_a_change() -> None:
    first = known(1, "First hearing in the appeal", "meeting", "2026-06-08", "the appeal hearing")
    second = known(2, "Second hearing in the appeal", "meeting", "2026-06-15", "the appeal hearing")
    actions = plan("The appeal hearing was postponed to Sept. 14.", "2026-05-01", first, second)
    assert [(a.act, a.confident) for a in actions] == [(Act.MOVED, False)]
    assert actions[0].reason


def test_a_new_future_date_is_new() -> None:
    actions = plan("The regulator will publish its final rule on April 2.", "2026-03-01")
    assert [(a.act, a.date) for a in actions] == [(Act.NEW, "2026-04-02")]


@pytest.mark.parametrize(
    ("day", "shift", "expected"),
    [
        ("2025-11-10", Shift(1, "year"), "2026-11-10"),
        ("2026-01-31", Shift(1, "month"), "2026-02-28"),
        ("2026-06-30", Shift(90, "day"), "2026-09-28"),
        ("2026-03-03", Shift(-1, "week"), "2026-02-24"),
        ("2024-02-29", Shift(1, "year"), "2025-02-28"),
    ],
)
def test_a_period_moves_a_date_on_the_calendar(day: str, shift: Shift, expected: str) -> None:
    assert add_period(dt.date.fromisoformat(day), shift).isoformat() == expected


# ---- families found in the blind batches ----

PANEL = known(
    5, "FDA advisers meet on the drug", "meeting", "2026-06-18", "outside advisers to the FDA"
)
RULING = known(
    6, "FDA decision on the drug", "deadline", "2026-08-27", "the FDA is due to decide on the drug"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The FDA has postponed the advisers' meeting on the drug and has not set a new date.",
        "The meeting of FDA advisers on the drug was postponed until further notice.",
        "The FDA advisers' meeting on the drug has been delayed; a new date is yet to be set.",
    ],
)
def test_a_postponement_with_no_new_date_calls_the_event_off(sentence: str) -> None:
    actions = plan(sentence, "2026-06-05", PANEL, RULING)
    assert acts(actions) == [(Act.CALLED_OFF, 5, None)]


def test_a_postponement_that_names_no_date_either_way_waits_for_review() -> None:
    actions = plan("The FDA advisers' meeting on the drug was postponed.", "2026-06-05", PANEL)
    assert [(a.act, a.target, a.confident) for a in actions] == [(Act.CALLED_OFF, 5, False)]


@pytest.mark.parametrize(
    ("sentence", "new_date"),
    [
        ("The FDA has extended its review of the drug by three months.", "2026-11-27"),
        ("The FDA decision on the drug will remain open until Oct. 1.", "2026-10-01"),
        (
            "The FDA will keep its decision on the drug in place until Oct. 9, later than planned.",
            "2026-10-09",
        ),
    ],
)
def test_more_ways_of_saying_a_date_moved(sentence: str, new_date: str) -> None:
    actions = plan(sentence, "2026-06-26", RULING)
    assert acts(actions) == [(Act.MOVED, 6, new_date)]


def test_a_record_whose_day_has_passed_is_not_what_a_change_is_about() -> None:
    """Ticket sales opened in August; in October "the reopening is pushed back" is about the
    hall's reopening, though both records name the hall."""
    sales = known(7, "Tickets for the hall go on sale", "event", "2025-08-27", "harbourside hall")
    reopening = known(8, "Harbourside hall opens", "event", "2025-11-15", "the hall will open")
    actions = plan(
        "The reopening of the Harbourside hall has been pushed back to Feb. 6.",
        "2025-10-06",
        sales,
        reopening,
    )
    assert acts(actions) == [(Act.MOVED, 8, "2026-02-06")]


def test_reopening_and_opening_are_one_event() -> None:
    assert terms("the reopening of the hall") == terms("the hall's opening")
    assert terms("the revote") == terms("the vote")


def test_the_headline_tells_apart_records_the_sentence_cannot() -> None:
    """ "The FDA has postponed it": the panel or the ruling? The headline says the panel."""
    text = (
        "FDA postpones advisory panel on obesity drug\n\n"
        "The FDA said on Friday that its work on the drug was postponed with no new date."
    )
    day = dt.date(2026, 6, 5)
    panel = known(5, "FDA advisory panel meets", "meeting", "2026-06-18", "panel on the drug")
    statements = read_statements(
        text, extract(text, day, ZONE), day, headline="FDA postpones advisory panel"
    )
    actions = plan_article(statements, [panel, RULING], {}, day)
    assert (Act.CALLED_OFF, 5, None) in acts(actions)
    assert not [a for a in actions if a.target == 6 and a.confident]


def test_a_threat_under_a_condition_is_followed() -> None:
    """ "Pickets would go up on July 1 if talks fail": not an alert-worthy deadline for the
    extractor, but the event a reader of the story follows."""
    actions = plan(
        "Union leaders said pickets would go up at 6 a.m. on July 1 if talks fail.", "2026-06-22"
    )
    assert [(a.act, (a.date or "")[:10]) for a in actions if a.confident] == [
        (Act.NEW, "2026-07-01")
    ]


def test_a_list_of_places_is_not_a_clause_of_its_own() -> None:
    """ "... in South Korea and the United States on Aug. 7": the date's clause is the sale,
    not "the United States"."""
    text = "The phone will go on sale in South Korea and the United States on Aug. 7."
    day = dt.date(2026, 7, 1)
    (statement,) = read_statements(text, extract(text, day, ZONE), day)
    assert terms("the phone will go on sale") <= statement.terms
    subject = (
        "Level 1 water restrictions across Sydney, the Blue Mountains and the Illawarra will "
        "be lifted on Dec. 1."
    )
    day = dt.date(2025, 10, 20)
    (lifted,) = read_statements(subject, extract(subject, day, ZONE), day)
    assert terms("water restrictions") <= lifted.terms


def test_a_headline_sure_of_a_move_settles_the_body_that_was_not() -> None:
    """The body names a fault and a station as well as the launch; the headline says only
    that the launch slipped two days."""
    launch = known(1, "Oceansat-4 launch", "launch", "2026-09-10", "launch Oceansat-4")
    other = known(2, "Navigation satellite launch", "launch", "2026-10-22", "launch a satellite")
    text = (
        "Oceansat-4 launch slips two days\n\n"
        "ISRO has postponed the launch of Oceansat-4 by two days to fix a fault in a telemetry "
        "station downrange, the agency said on Wednesday."
    )
    day = dt.date(2026, 9, 9)
    statements = read_statements(
        text, extract(text, day, ZONE), day, headline="Oceansat-4 launch slips two days"
    )
    actions = plan_article(statements, [launch, other], {}, day)
    assert acts(actions) == [(Act.MOVED, 1, "2026-09-12")]


def test_a_participle_clause_keeps_what_it_moves() -> None:
    sentence = (
        "The judge granted the defense more time to review documents, moving the trial to March 2."
    )
    trial = known(1, "Trial of former alderman begins", "event", "2026-01-12", "trial date")
    hearing = known(2, "Hearing on motion to suppress", "hearing", "2025-10-21", "hearing")
    actions = plan(sentence, "2025-10-22", trial, hearing)
    assert acts(actions) == [(Act.MOVED, 1, "2026-03-02")]


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("Dockworkers will walk off the job", "the planned strike"),
        ("Staff will down tools", "the strike"),
        ("The phone will go on sale", "the phone would reach stores"),
    ],
)
def test_phrases_that_name_one_thing_meet(first: str, later: str) -> None:
    assert terms(first) & terms(later) - terms("the phone")


def test_lifting_a_strike_notice_calls_the_strike_off() -> None:
    strike = known(1, "Air traffic controllers strike", "event", "2026-09-18", "strike notice")
    actions = plan(
        "The controllers' union said it had lifted its notice for the Sept. 18 strike.",
        "2026-09-15",
        strike,
    )
    assert acts(actions) == [(Act.CALLED_OFF, 1, None)]


def test_lifted_restrictions_are_an_event_not_a_call_off() -> None:
    actions = plan("Water restrictions will be lifted on Dec. 1.", "2025-10-20")
    assert [(a.act, a.date) for a in actions] == [(Act.NEW, "2025-12-01")]


def test_a_delay_names_its_object_before_the_period() -> None:
    sale = known(1, "Phone goes on sale", "event", "2026-08-07", "the phone will go on sale")
    actions = plan("Hanbit said it would delay sales of the phone by 60 days.", "2026-08-03", sale)
    assert acts(actions) == [(Act.MOVED, 1, "2026-10-06")]


def test_a_labour_contract_is_the_agreement_it_extends() -> None:
    contract = known(
        1, "Port labour agreement expires", "expiry", "2026-06-30", "the current agreement"
    )
    pickets = known(2, "Pickets go up", "event", "2026-07-01", "pickets would go up")
    actions = plan(
        "Negotiators agreed to extend their expiring contract by 30 days. The union said it "
        "had pushed back its strike deadline to July 31.",
        "2026-06-29",
        contract,
        pickets,
    )
    assert sorted(acts(actions)) == [(Act.MOVED, 1, "2026-07-30"), (Act.MOVED, 2, "2026-07-31")]


@pytest.mark.parametrize(
    ("sentence", "cue", "obj"),
    [
        (
            "they agreed to extend their expiring contract by 30 days",
            "extend",
            "their expiring contract",
        ),
        ("it had pushed back its strike deadline to july 31", "pushed", "its strike deadline"),
        ("trump called off the additional 100% tariffs.", "called", "the additional 100% tariffs"),
        (
            "the fda postponed a meeting of outside experts that was set",
            "postponed",
            "a meeting of outside experts",
        ),
        ("the truce was extended to nov. 10", "extended", ""),
        ("the docket will remain open until july 10", "remain", ""),
    ],
)
def test_the_object_of_a_move_or_call_off(sentence: str, cue: str, obj: str) -> None:
    found = [
        m
        for pattern in (cues.MOVE, cues.CALL_OFF)
        for m in cues.find(pattern, sentence)
        if m.group().startswith(cue)
    ]
    assert found and cues.object_of(sentence, found[0]) == obj


def test_the_thing_moved_outweighs_who_moved_it() -> None:
    """The subject and the dateline name people and places; the object names the event."""
    contract = known(1, "Port labour agreement expires", "expiry", "2026-06-30", "agreement")
    actions = plan(
        "LOS ANGELES - Negotiators for West Coast dockworkers and port employers agreed late "
        "Sunday to extend their expiring contract by 30 days, easing fears of a walkout.",
        "2026-06-29",
        contract,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2026-07-30")]


def test_bringing_a_bill_to_the_floor_is_not_a_move() -> None:
    actions = plan(
        "House leaders said they would bring a stopgap spending bill to the floor on Wednesday.",
        "2027-09-20",
    )
    assert [(a.act, a.date) for a in actions] == [(Act.NEW, "2027-09-22")]


def test_one_shared_word_on_a_day_is_not_the_same_event() -> None:
    """A county court's hearing on the day of the federal fairness hearing; a new deal taking
    effect the day the old one expires."""
    fairness = known(1, "Final approval hearing", "hearing", "2025-09-16", "final approval")
    county = plan(
        "A Cook County judge has scheduled a hearing for Sept. 16 on a gym chain's motion.",
        "2025-07-21",
        fairness,
    )
    assert [(a.act, a.target) for a in county] == [(Act.NEW, None)]
    old_deal = known(2, "Existing sector agreement expires", "expiry", "2026-04-01", "existing")
    new_deal = plan("The new agreement will take effect on April 1.", "2026-03-14", old_deal)
    assert [(a.act, a.target) for a in new_deal] == [(Act.NEW, None)]


def test_a_subjectless_clause_takes_the_subject_across_an_aside() -> None:
    """A rebate "introduced last winter" that "will lapse on April 1": the rebate lapses,
    not "Meanwhile"."""
    text = (
        "Meanwhile, the department confirmed that the interim rebate for poor households, "
        "introduced during last year's winter, will lapse on April 1."
    )
    day = dt.date(2026, 11, 5)
    (statement,) = read_statements(text, extract(text, day, ZONE), day)
    assert terms("rebate") <= statement.terms
    assert "rebate" in statement.title.lower()


def test_on_the_same_day_dates_a_sentence_by_the_one_before() -> None:
    text = (
        "The rule takes effect on May 18. On the same day, the old waivers that operators "
        "relied on will lapse."
    )
    day = dt.date(2026, 3, 16)
    found = read_statements(text, extract(text, day, ZONE), day)
    assert [(s.verb, s.date) for s in found] == [
        (Verb.SCHEDULED, "2026-05-18"),
        (Verb.SCHEDULED, "2026-05-18"),
    ]
    assert terms("waivers") <= found[1].terms
    assert not read_statements("On the same day, protesters marched.", [], day)


def test_a_noun_list_after_and_stays_with_its_noun_phrase() -> None:
    """ "A collector's edition, bundling a figure and an art book, will ship ...": the
    edition ships, not the art book."""
    text = (
        "The game goes on sale on May 21. A collector's edition, bundling a figure and an "
        "art book, will ship on the same day in Japan."
    )
    day = dt.date(2026, 3, 3)
    edition = read_statements(text, extract(text, day, ZONE), day)[1]
    assert terms("collector's edition") <= edition.terms


@pytest.mark.parametrize(
    "sentence",
    ["The company posted a 34% drop in operating profit.", "Sales dropped to 3% of revenue."],
)
def test_a_fall_is_not_a_call_off(sentence: str) -> None:
    release = known(1, "Game goes on sale", "event", "2026-07-20", "the game")
    assert not [a for a in plan(sentence, "2026-05-13", release) if a.act == Act.CALLED_OFF]


def test_still_scheduled_confirms_the_one_record_that_fits_that_day() -> None:
    """ "remains scheduled to learn her punishment on Feb. 26" names none of the stored
    record's words, but says the date holds; the one sentencing that day is it."""
    sentencing = known(1, "Judge sets sentencing", "event", "2026-02-26", "set sentencing for")
    actions = plan(
        "Whitcomb, who sat silently at the defence table, remains scheduled to learn her "
        "fate on Feb. 26.",
        "2025-12-16",
        sentencing,
    )
    assert acts(actions) == [(Act.CONFIRMED, 1, None)]


def test_a_panel_vote_on_the_day_is_the_advisers_meeting_done() -> None:
    adcom = known(1, "FDA advisory committee meets", "meeting", "2026-07-23", "advisory committee")
    actions = plan(
        "A panel of outside experts voted 9-4 on Thursday that the benefits outweigh the risks.",
        "2026-07-24",
        adcom,
    )
    assert acts(actions) == [(Act.DONE, 1, None)]


def test_is_now_off_calls_off_and_withdraw_and_refile_does_not() -> None:
    strike = known(1, "Dockworkers strike", "event", "2025-01-15", "walkout strike")
    off = plan("The walkout the union had planned for Jan. 15 is now off.", "2025-01-09", strike)
    assert acts(off) == [(Act.CALLED_OFF, 1, None)]
    waiting = known(2, "Antitrust waiting period ends", "expiry", "2026-05-18", "waiting period")
    refiled = plan(
        "Halvorsen withdrew and refiled its notification; the waiting period now ends on May 20.",
        "2026-05-11",
        waiting,
    )
    assert not [a for a in refiled if a.act == Act.CALLED_OFF]


@pytest.mark.parametrize(
    "sentence",
    [
        "The judge gave app users an additional 45 days to file claims.",
        "The agency will keep the comment period on its proposal open for another 30 days.",
    ],
)
def test_more_time_for_a_filing_moves_its_deadline(sentence: str) -> None:
    claims = known(
        1, "Deadline to file claims", "filing", "2025-08-29", "claims, comments on the proposal"
    )
    actions = plan(sentence, "2025-07-21", claims)
    shifted = {"45": "2025-10-13", "30": "2025-09-28"}["45" if "45" in sentence else "30"]
    assert acts(actions) == [(Act.MOVED, 1, shifted)]


def test_a_day_later_than_planned_names_the_old_day() -> None:
    """ "moved to Thursday, Dec. 10, a day later than planned": the record on Dec. 9, which
    the headline names, though the sentence shares none of its words."""
    first_leg = known(1, "First leg played at the Maracana", "event", "2026-12-09", "first leg")
    second_leg = known(2, "Return match in Belo Horizonte", "event", "2026-12-16", "return match")
    text = (
        "First leg of cup final moved back a day\n\n"
        "The opening match of the final has been moved to Thursday, Dec. 10, a day later than "
        "planned, because of a concert."
    )
    day = dt.date(2026, 12, 3)
    statements = read_statements(
        text, extract(text, day, ZONE), day, headline="First leg of cup final moved back a day"
    )
    assert acts(plan_article(statements, [first_leg, second_leg], {}, day)) == [
        (Act.MOVED, 1, "2026-12-10")
    ]


def test_a_headline_call_off_the_body_made_is_not_a_second_one() -> None:
    contract = known(1, "Port labour agreement expires", "expiry", "2026-07-30", "strike deal")
    strike = known(2, "Dockworkers strike", "event", "2026-07-31", "strike threatened")
    text = (
        "Dockworkers reach tentative deal, call off strike\n\n"
        "The union said it had called off the strike it had threatened for next week."
    )
    day = dt.date(2026, 7, 24)
    statements = read_statements(
        text,
        extract(text, day, ZONE),
        day,
        headline="Dockworkers reach tentative deal, call off strike",
    )
    actions = plan_article(statements, [contract, strike], {}, day)
    assert acts(actions) == [(Act.CALLED_OFF, 2, None)]


def test_a_with_clause_takes_the_subject_of_the_clause_before() -> None:
    text = (
        "The agency is also preparing a GSLV rocket to carry NVS-04, with liftoff targeted "
        "for Oct. 22."
    )
    day = dt.date(2026, 8, 17)
    (statement,) = read_statements(text, extract(text, day, ZONE), day)
    assert terms("GSLV rocket") <= statement.terms


def test_the_day_a_change_was_made_is_not_the_old_date() -> None:
    filing = known(1, "State income tax returns due", "filing", "2027-04-30", "tax deadline")
    (statement,) = [
        s
        for s in read_statements(
            "Under an order signed on Monday, the tax deadline now falls on Tuesday, June 1.",
            extract(
                "Under an order signed on Monday, the tax deadline now falls on Tuesday, June 1.",
                dt.date(2027, 4, 12),
                ZONE,
            ),
            dt.date(2027, 4, 12),
        )
        if s.verb == Verb.MOVED
    ]
    assert statement.old_date is None
    actions = plan(
        "Under an order signed on Monday, the tax deadline now falls on Tuesday, June 1.",
        "2027-04-12",
        filing,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2027-06-01")]


def test_a_passive_move_is_about_its_subject() -> None:
    """ "Kellerman's sentencing was postponed to Dec. 9 so that the court can rule on the
    motion first": the sentencing moves, though the motion is named too."""
    sentencing = known(1, "Kellerman sentencing", "event", "2025-10-21", "sentencing set")
    motion = known(2, "Motion for a new trial due", "filing", "2025-10-29", "motion new trial")
    actions = plan(
        "Kellerman's sentencing was postponed to Dec. 9 so that the court can rule on the "
        "motion first.",
        "2025-09-24",
        sentencing,
        motion,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2025-12-09")]
    assert cues.passive_subject(
        "the sentencing of former chief executive dana whitcomb has been postponed",
        cues.find(
            cues.MOVE, "the sentencing of former chief executive dana whitcomb has been postponed"
        )[0],
    ).startswith("the sentencing")


def test_lifting_off_is_a_launch_and_a_tender_offer_an_offer() -> None:
    assert terms("the lander will lift off") & terms("the launch")
    assert terms("the tender offer") == terms("the offer")


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("the youth forum that was to precede it has been cancelled", "the youth forum"),
        (
            "negotiators agreed that the workers' contract would be extended to july 31",
            "the workers' contract",
        ),
        (
            "kaizen said on thursday that its tender offer had been extended to dec. 11",
            "its tender offer",
        ),
    ],
)
def test_the_subject_of_a_passive_change(sentence: str, subject: str) -> None:
    cue = (cues.find(cues.MOVE, sentence) or cues.find(cues.CALL_OFF, sentence))[0]
    assert cues.passive_subject(sentence, cue) == subject


def test_elected_in_the_runoff_is_the_runoff_done() -> None:
    runoff = known(1, "Presidential runoff", "vote", "2025-12-14", "runoff between the top two")
    actions = plan("Kast was elected president of Chile on Sunday.", "2025-12-15", runoff)
    assert acts(actions) == [(Act.DONE, 1, None)]


def test_talks_that_began_are_the_mediation_session_done() -> None:
    session = known(1, "Mediation session at the ministry", "meeting", "2026-02-17", "mediation")
    actions = plan(
        "The talks, which began on Tuesday afternoon, lasted ten hours.", "2026-02-18", session
    )
    assert acts(actions) == [(Act.DONE, 1, None)]


def test_a_result_with_no_date_marks_the_match_done() -> None:
    match = known(1, "Return leg of the cup final", "event", "2026-12-16", "return leg match")
    actions = plan(
        "Atletico beat Fluminense 2-0 in the return leg of the final.",
        "2026-12-18",
        match,
    )
    assert acts(actions) == [(Act.DONE, 1, None)]


def test_an_appositive_keeps_the_clause_it_renames() -> None:
    text = (
        "The agency is preparing a GSLV rocket to carry NVS-04, the next navigation satellite, "
        "with liftoff targeted for Oct. 22."
    )
    day = dt.date(2026, 8, 17)
    (statement,) = read_statements(text, extract(text, day, ZONE), day)
    assert terms("GSLV rocket navigation satellite") <= statement.terms


def test_a_scrubbed_attempt_is_neither_done_nor_called_off() -> None:
    """ "called off Thursday's attempt to launch ... because of winds": the launch is still to
    come (the next sentence gives its new date)."""
    launch = known(1, "Selene-2 lander launch", "event", "2026-02-26", "launch the lander")
    actions = plan(
        "SpaceX called off Thursday's attempt to launch the Selene-2 lander because of winds.",
        "2026-02-27",
        launch,
    )
    assert not [a for a in actions if a.act in {Act.DONE, Act.CALLED_OFF}]


def test_a_past_week_reports_what_was_due_in_it() -> None:
    hearing = known(1, "Public hearing on the toll plan", "meeting", "2025-10-21", "public hearing")
    actions = plan(
        "The board voted to raise tolls over objections from commuters who packed last week's "
        "public hearing.",
        "2025-10-29",
        hearing,
    )
    assert (Act.DONE, 1, None) in acts(actions)


@pytest.mark.parametrize(
    "sentence",
    [
        "Passengers booked on the cancelled May flights will be rebooked or refunded.",
        "Lindqvist Leisure will drop out of the index on March 23.",
    ],
)
def test_consequences_and_dropping_out_are_no_call_off(sentence: str) -> None:
    route = known(1, "Flights to Reykjavik start", "event", "2026-06-11", "flights Lindqvist index")
    assert not [a for a in plan(sentence, "2026-03-05", route) if a.act == Act.CALLED_OFF]


def test_irregular_pasts_meet_their_verbs_and_any_delay_is_no_delay() -> None:
    assert terms("the judge heard arguments") & terms("the court will hear the application")
    hearing = known(1, "Court hears the application", "meeting", "2025-12-04", "hear injunction")
    actions = plan(
        "A judge heard arguments on Thursday. Lawyers said any delay would leave children exposed.",
        "2025-12-05",
        hearing,
    )
    assert acts(actions) == [(Act.DONE, 1, None)]


def test_which_stands_for_the_words_before_it() -> None:
    text = (
        "Two teenagers have asked the court to stop the ban on social media accounts for "
        "children, which takes effect on Dec. 10."
    )
    day = dt.date(2025, 11, 20)
    (statement,) = read_statements(text, extract(text, day, ZONE), day)
    assert terms("ban on social media accounts") <= statement.terms


def test_the_same_day_as_a_named_event_is_its_day_and_another_event() -> None:
    text = (
        "NASA is targeting Aug. 14 for the launch of Crew-13. The outgoing crew would leave "
        "the station no earlier than Aug. 22. Northrop Grumman is also preparing a Cygnus "
        "cargo ship for launch on the same day as the crew flight."
    )
    day = dt.date(2026, 7, 20)
    found = read_statements(text, extract(text, day, ZONE), day)
    cygnus = [s for s in found if "Cygnus" in s.sentence]
    assert [s.date for s in cygnus] == ["2026-08-14"]
    actions = plan_article(found, [], {}, day)
    assert sorted((a.date or "")[:10] for a in actions if a.act == Act.NEW) == [
        "2026-08-14",
        "2026-08-14",
        "2026-08-22",
    ]


def test_put_back_a_week_is_a_move() -> None:
    opening = known(1, "Kumamoto plant opening ceremony", "event", "2025-11-20", "opening plant")
    actions = plan(
        "The opening of the Kumamoto plant has been put back a week, to Nov. 27.",
        "2025-10-29",
        opening,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2025-11-27")]


@pytest.mark.parametrize(
    ("sentence", "new_date"),
    [
        ("The ministry gave exporters a fresh deadline of March 20 to register.", "2026-03-20"),
        ("Exporters will now have until March 20 to register their shipments.", "2026-03-20"),
        ("The ministry gave exporters until March 20 to register shipments.", "2026-03-20"),
        ("The registration cut-off now has a revised date of March 20.", "2026-03-20"),
    ],
)
def test_a_fresh_deadline_or_more_time_until_a_day_moves_the_record(
    sentence: str, new_date: str
) -> None:
    register = known(
        1, "Exporters register shipments", "filing", "2026-03-06", "exporters register shipments"
    )
    assert acts(plan(sentence, "2026-03-02", register)) == [(Act.MOVED, 1, new_date)]


def test_earlier_than_planned_is_a_move_to_an_earlier_day() -> None:
    vote = known(
        1, "Assembly votes on the housing bill", "vote", "2026-05-14", "assembly vote bill"
    )
    actions = plan(
        "The assembly will vote on the housing bill a week earlier than planned, on May 7.",
        "2026-04-30",
        vote,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2026-05-07")]


def test_a_date_said_to_hold_is_not_moved_by_another_clause_delay() -> None:
    crossing = known(
        1,
        "Island timetable includes a crossing",
        "event",
        "2026-06-02",
        "the spring timetable also includes a crossing to Skye",
    )
    actions = plan(
        "The delay will not affect other routes from Oban: the Skye ferry sailing remains "
        "scheduled for June 2, the operator said.",
        "2026-05-20",
        crossing,
    )
    assert [(a.act, a.target) for a in actions] == [(Act.CONFIRMED, 1)]


def test_a_participle_clause_takes_its_subject_from_the_clause_before() -> None:
    vote = known(1, "Shareholders vote on the merger", "vote", "2026-04-16", "shareholders vote")
    review = known(
        2, "Regulator decides on the merger review", "deadline", "2026-05-21", "regulator review"
    )
    actions = plan(
        "The regulator has lengthened its review, giving itself until June 11.",
        "2026-04-17",
        vote,
        review,
    )
    assert acts(actions) == [(Act.MOVED, 2, "2026-06-11")]


def test_a_record_called_off_here_is_not_revived_and_one_moved_here_not_dropped() -> None:
    vote = known(1, "Shareholders vote on the sale", "vote", "2026-02-26", "shareholder vote sale")
    actions = plan(
        "Millfield has postponed indefinitely the shareholder vote on its sale. The rival "
        "bidder has given Millfield's board until March 9 to respond to its offer.",
        "2026-02-24",
        vote,
    )
    assert [(a.act, a.target) for a in actions if a.confident] == [
        (Act.CALLED_OFF, 1),
        (Act.NEW, None),
    ]
    budget = known(1, "Parliament votes on the extra budget", "vote", "2026-02-26", "budget vote")
    actions = plan(
        "Parliament will vote on the extra budget two days earlier than planned, on Tuesday. "
        "The ruling party agreed to drop a harbour project from it.",
        "2026-02-20",
        budget,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2026-02-24")]


@pytest.mark.parametrize(
    "text",
    [
        "The drivers' ballot closes at noon on Oct. 23. The engineers are voting in a separate "
        "ballot, and their vote is due to end on the same day.",
        "The junior final will start at 11 a.m. on Sunday. The senior final follows two hours "
        "later the same afternoon.",
    ],
)
def test_an_event_on_the_same_day_as_the_one_just_named_is_another_record(text: str) -> None:
    day = dt.date(2026, 10, 5)
    actions = plan_article(read_statements(text, extract(text, day, ZONE), day), [], {}, day)
    assert [a.act for a in actions] == [Act.NEW, Act.NEW]


def test_the_same_day_as_another_event_restates_its_own_date() -> None:
    text = (
        "The tribunal will hear the fishing licence appeal on Nov. 27, the same day as the "
        "council's budget vote. The council's budget vote is set for Nov. 27."
    )
    day = dt.date(2026, 10, 5)
    actions = plan_article(read_statements(text, extract(text, day, ZONE), day), [], {}, day)
    assert sorted(a.act for a in actions) == sorted([Act.NEW, Act.NEW, Act.CONFIRMED])


def test_a_long_object_between_extend_and_its_date_is_still_a_move() -> None:
    ballot = known(1, "Drivers' strike ballot closes", "vote", "2026-10-23", "drivers ballot")
    actions = plan(
        "The union has extended its strike ballot of Forth Valley bus drivers through Oct. 30.",
        "2026-10-19",
        ballot,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2026-10-30")]


def test_a_headline_period_does_not_move_a_record_the_body_dated() -> None:
    text = (
        "Council gives residents an extra week to comment on bin plan.\n\n"
        "Residents can now comment on the bin collection plan until Nov. 14, the council said."
    )
    day = dt.date(2026, 10, 30)
    found = read_statements(
        text, extract(text, day, ZONE), day, headline=text.split("\n")[0].rstrip(".")
    )
    actions = plan_article(found, [], {}, day)
    assert [(a.act, a.date) for a in actions if a.act != Act.CONFIRMED] == [(Act.NEW, "2026-11-14")]


def test_a_subject_that_points_back_takes_the_words_of_the_sentence_before() -> None:
    text = (
        "The treaty must also be approved by the Chamber of Deputies. That vote is expected "
        "on April 7."
    )
    day = dt.date(2027, 3, 3)
    (statement,) = read_statements(text, extract(text, day, ZONE), day)
    assert {"chambe", "deput"} <= statement.terms
    # the record that sentence made is about what the sentence before named
    chamber = replace(known(1, "Vote expected", "vote", "2027-04-07"), terms=statement.terms)
    senate = known(2, "Senate votes on the treaty", "vote", "2027-03-16", "senate treaty vote")
    actions = plan(
        "The Chamber of Deputies' vote has slipped to April 14.", "2027-03-17", senate, chamber
    )
    assert acts(actions) == [(Act.MOVED, 1, "2027-04-14")]


def test_a_happening_on_the_day_of_the_one_record_due_then_marks_it_done() -> None:
    levy = known(1, "Councillors decide on the levy", "vote", "2026-03-10", "councillors levy")
    launch = known(2, "Museum shop opens", "event", "2026-03-20", "museum shop")
    actions = plan(
        "The tourist-tax ballot in the chamber was held on Tuesday and lasted an hour.",
        "2026-03-11",
        levy,
        launch,
    )
    assert acts(actions) == [(Act.DONE, 1, None)]


def test_something_that_happened_last_month_marks_its_record_done() -> None:
    comments = known(
        1, "Comments due on the battery standard", "filing", "2025-11-17", "comment period"
    )
    recall = known(2, "Battery recall period closes", "deadline", "2025-10-01", "battery recall")
    actions = plan(
        "The agency closed the comment period on its battery standard last month and has not "
        "said when a final rule might come.",
        "2025-12-15",
        comments,
        recall,
    )
    assert acts(actions) == [(Act.DONE, 1, None)]
    assert not acts(plan("Prices rose sharply last month.", "2025-12-15", comments))


@pytest.mark.parametrize(
    ("sentence", "new_date"),
    [
        ("The application deadline, earlier Feb. 9, is now Feb. 23.", "2026-02-23"),
        ("The minister said applications would now close on Feb. 23.", "2026-02-23"),
        ("The application deadline follows suit and now falls on Feb. 23.", "2026-02-23"),
    ],
)
def test_is_now_and_would_now_give_a_new_date(sentence: str, new_date: str) -> None:
    apps = known(1, "Application deadline", "deadline", "2026-02-09", "applications close")
    assert acts(plan(sentence, "2026-02-04", apps)) == [(Act.MOVED, 1, new_date)]


def test_in_an_article_about_a_delay_a_plain_new_date_of_a_stored_event_moves_it() -> None:
    paid = known(1, "Dividend is paid", "event", "2026-04-29", "the dividend will be paid")
    actions = plan(
        "The annual meeting has been put back by two weeks. The dividend itself will be paid "
        "on May 13.",
        "2026-04-02",
        paid,
    )
    assert (Act.MOVED, 1, "2026-05-13") in acts(actions)
    # without news of a delay the same sentence may be another payment: a person decides
    alone = plan("The dividend itself will be paid on May 13.", "2026-04-02", paid)
    assert (Act.MOVED, 1, "2026-05-13") not in acts(alone)


def test_a_doubled_consonant_does_not_hide_the_word() -> None:
    assert terms("the ribbon-cutting") & terms("the mayor will cut the ribbon") >= {"cut"}
    assert terms("the shipping window") & terms("the ship sails") == {"ship"}


def test_another_period_is_a_move_not_another_event() -> None:
    text = "The union will hold its strike on Oct. 9, another week later."
    day = dt.date(2026, 9, 20)
    (statement,) = [s for s in read_statements(text, extract(text, day, ZONE), day) if s.date]
    assert not statement.distinct
    text = "The engineers are voting in another ballot on Oct. 9."
    (statement,) = [s for s in read_statements(text, extract(text, day, ZONE), day) if s.date]
    assert statement.distinct


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor's office said the ribbon-cutting has been dropped from the schedule.",
        "The ribbon-cutting was taken off this year's opening-day programme.",
    ],
)
def test_dropped_from_the_schedule_is_a_call_off(sentence: str) -> None:
    ribbon = known(1, "Mayor cuts the ribbon", "event", "2026-05-08", "ribbon ceremony mayor")
    assert acts(plan(sentence, "2026-04-27", ribbon)) == [(Act.CALLED_OFF, 1, None)]
    assert cues.find(cues.CALL_OFF, "the rate dropped from 5% to 3%") == []


def test_nouns_joined_by_and_stay_in_the_subject_of_a_call_off() -> None:
    swap = known(1, "Two sides exchange prisoners", "event", "2026-04-24", "exchange prisoners")
    front = known(2, "Front leaders meet mediators", "meeting", "2026-05-04", "Marrak Front talks")
    actions = plan(
        "A planned exchange of about 400 prisoners between the government and the Marrak "
        "Front was called off on Friday.",
        "2026-04-25",
        swap,
        front,
    )
    assert acts(actions) == [(Act.CALLED_OFF, 1, None)]


def test_a_call_off_in_passing_and_a_new_date_after_will_now_is_a_comeback() -> None:
    sleeper = replace(
        known(1, "Vienna-Copenhagen sleeper first run", "event", "2026-12-13", "sleeper train"),
        status="cancelled",
    )
    other = known(2, "Train leaves Vienna", "event", "2026-12-14", "train leaves Vienna every day")
    actions = plan(
        "The railway said its Vienna-Copenhagen sleeper, shelved last month, will now make its "
        "first run on March 29, 2027.",
        "2026-12-14",
        sleeper,
        other,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2027-03-29")]


def test_postponing_a_long_object_to_a_day_is_a_move() -> None:
    service = known(
        1, "Commercial service on Kizuna-3 begins", "event", "2027-04-01", "commercial service"
    )
    actions = plan(
        "The operator said it was postponing the start of commercial service on Kizuna-3 to "
        "May 10.",
        "2027-03-15",
        service,
    )
    assert acts(actions) == [(Act.MOVED, 1, "2027-05-10")]


def test_no_earlier_than_names_the_new_date_and_numbered_names_stay_apart() -> None:
    assert "crew-12" in terms("Crew-12's return") and "crew-12" not in terms("Crew-13 launch")
    launch = known(1, "Crew-13 launch", "launch", "2026-08-18", "SpaceX Crew-13 launch")
    back = known(2, "Crew-12 astronauts leave the station", "event", "2026-08-22", "Crew-12")
    actions = plan(
        "The delay ripples through the schedule: Crew-12's return is now planned no earlier "
        "than Aug. 26.",
        "2026-08-10",
        launch,
        back,
    )
    assert acts(actions) == [(Act.MOVED, 2, "2026-08-26")]


def test_a_short_range_ahead_is_an_event_dated_by_its_start() -> None:
    text = "Italy will hold its referendum on the justice reform on March 22 and 23."
    day = dt.date(2025, 12, 19)
    found = read_statements(text, extract(text, day, ZONE), day)
    assert [(s.verb, s.date) for s in found] == [(Verb.SCHEDULED, "2026-03-22")]


def test_a_participle_after_a_date_moves_it_only_when_it_gives_a_period() -> None:
    text = (
        "A regional decree on volcanic sand will take effect on March 18, shifting "
        "responsibility from the civil protection agency to town halls."
    )
    day = dt.date(2026, 2, 23)
    found = read_statements(text, extract(text, day, ZONE), day)
    assert [s.verb for s in found if s.date] == [Verb.SCHEDULED]
    funding = known(1, "Government funding runs out", "deadline", "2026-01-30", "funding")
    actions = plan(
        "The law keeps the government funded through March 13, giving appropriators six more "
        "weeks to finish their work.",
        "2026-01-31",
        funding,
    )
    assert (Act.MOVED, 1, "2026-03-13") in acts(actions)


@pytest.mark.parametrize(
    "sentence",
    [
        "Meridian completed its delayed trajectory correction on Wednesday.",
        "Bologna beat Fiorentina in the rescheduled match on Wednesday night.",
    ],
)
def test_a_participle_used_as_an_adjective_is_no_move(sentence: str) -> None:
    assert cues.find(cues.MOVE, sentence.lower()) == []
