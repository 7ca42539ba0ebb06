from __future__ import annotations

import pytest

from watcher.core.leads import Lead, format_leads, parse_lead, parse_leads
from watcher.errors import BadLeadError


@pytest.mark.parametrize(
    ("text", "lead", "label"),
    [
        ("7d", Lead(days=7), "1w"),
        ("1w", Lead(days=7), "1w"),
        ("1d", Lead(days=1), "1d"),
        ("2h", Lead(seconds=7200), "2h"),
        ("30m", Lead(seconds=1800), "30m"),
        ("45s", Lead(seconds=45), "45s"),
        ("0", Lead(), "0"),
        ("1d12h", Lead(days=1, seconds=43200), "1d12h"),
        ("90m", Lead(seconds=5400), "1h30m"),
        (" 2H ", Lead(seconds=7200), "2h"),
    ],
)
def test_parse_lead_and_canonical_label(text: str, lead: Lead, label: str) -> None:
    assert parse_lead(text) == lead
    assert lead.label == label
    assert parse_lead(label) == lead


@pytest.mark.parametrize("text", ["", "7", "7x", "d7", "-1d", "1.5h", "seven days", "99999d"])
def test_bad_leads_are_refused_with_the_text_named(text: str) -> None:
    with pytest.raises(BadLeadError) as error:
        parse_lead(text)
    assert "lead" in str(error.value)


def test_parse_leads_deduplicates_and_sorts_longest_first() -> None:
    leads = parse_leads("1h,7d,1d,1w,0")
    assert format_leads(leads) == ["1w", "1d", "1h", "0"]


def test_parse_leads_refuses_an_empty_list() -> None:
    with pytest.raises(BadLeadError):
        parse_leads(" , ")
