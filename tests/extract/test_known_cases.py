"""Rules for cases that used to go wrong: each with a frozen publication date."""

from __future__ import annotations

import datetime as dt

from watcher.extract import TemporalMention, extract

TUE = dt.date(2025, 10, 7)  # a Tuesday


def get(text: str, span: str, published: dt.date = TUE) -> TemporalMention:
    found = [m for m in extract(text, published) if m.text == span]
    assert found, [(m.text, m.date) for m in extract(text, published)]
    return found[0]


def test_hyphenated_ed_adjective_is_not_a_past_verb() -> None:
    # "open-ended" is an adjective: the present perfect "has threatened" governs
    m = get("The union has threatened open-ended strikes from November.", "November")
    assert m.date == "2025-11-01"
    assert m.future
    # a prefixed verb stays a verb
    m = get("She was re-elected in November.", "November")
    assert m.date == "2024-11-01"


def test_took_effect_is_past() -> None:
    m = get("The duties took effect on April 9 and were later suspended.", "April 9")
    assert m.date == "2025-04-09"
    assert not m.future
    m = get("The ban came into force in March.", "March")
    assert m.date == "2025-03-01"
    # still future when it will happen
    m = get("The duties take effect on April 9.", "April 9")
    assert m.date == "2026-04-09"
    assert m.future


def test_possessive_weekday_without_a_forward_cue_is_past() -> None:
    m = get("The offer is a 27% premium to Monday's close.", "Monday")
    assert m.date == "2025-10-06"
    assert not m.future
    # a forward cue keeps it ahead
    m = get("Lawmakers are bracing ahead of Friday's vote.", "Friday")
    assert m.date == "2025-10-10"
    assert m.future


def test_weekday_as_a_modifier_is_not_a_deadline() -> None:
    m = get("A decision on Monday classes will be made soon.", "Monday")
    assert m.confidence < 0.5
    m = get("The board will decide on Monday whether to reopen.", "Monday")
    assert m.confidence >= 0.5


def test_weather_forecast_dates_are_not_deadlines() -> None:
    text = "Heavy rain is expected to begin tonight and last through Thursday morning."
    for m in extract(text, TUE):
        assert m.confidence < 0.5, m
    # the same days with an event are kept
    m = get("The council will vote tonight on the budget.", "tonight")
    assert m.future
    assert m.confidence >= 0.5
