from __future__ import annotations

import pytest

from watcher.core.matching import same_event


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (
            "US-China trade truce expires unless extended",
            "fragile commerce detente between the superpowers nears its expiration",
            "expiry",
        ),
        ("Trump meets Xi Jinping at the APEC summit", "Trump will meet his counterpart", "meeting"),
        (
            "Deadline for additional 100% tariffs",
            "Trump has set the deadline for tariffs",
            "deadline",
        ),
    ],
)
def test_the_same_event_in_other_words(a: str, b: str, kind: str) -> None:
    assert same_event(a, kind, b, kind)


def test_different_kinds_or_unrelated_meetings_are_different_events() -> None:
    assert not same_event("Truce expires", "expiry", "Truce expires", "meeting")
    assert not same_event(
        "Board meeting of Acme Corp",
        "meeting",
        "Trump meets Xi Jinping at the APEC summit",
        "meeting",
    )


def test_kind_must_match_and_unrelated_meetings_differ() -> None:
    assert same_event("US-China trade truce expires", "expiry", "the truce expires", "expiry")
    assert not same_event("Trump meets Xi", "meeting", "Trump meets Xi", "event")
    assert not same_event("Fed meeting on rates", "meeting", "School board meets", "meeting")
