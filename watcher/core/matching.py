"""Whether two descriptions of a deadline name the same event.

Articles, seed files and people describe one deadline in different words ("the truce
expires" and "nears its expiration"). Adding a deadline that is already stored should add
a mention, not a duplicate; this is the one rule every such path uses.
"""

from __future__ import annotations

import re

_STOP = frozenset(
    """
    a an the of to for on in at by and or with will would is are be was were has have its his
    her their as that this from new jan feb mar apr jun jul aug sep sept oct nov dec monday
    tuesday wednesday thursday friday saturday sunday
    """.split()  # noqa: SIM905
)
_SPECIFIC_KINDS = frozenset({"deadline", "expiry", "effective", "vote", "filing"})


def same_event(title_a: str, kind_a: str, title_b: str, kind_b: str) -> bool:
    """Whether two deadlines on the same day, described by these titles, are one event.

    Kinds must agree. Titles are compared by crude word stems (a trailing "s" dropped,
    then the first five letters, so "expires" meets "expiration" and "meets" meets
    "meet"): for the specific kinds (an expiry, a vote, ...) one shared stem is enough,
    since two different expiries on one day are rare; for meetings and events a third of
    the shorter title must be shared.
    """
    if kind_a != kind_b:
        return False
    a, b = stems(title_a), stems(title_b)
    if not a or not b:
        return True
    shared = len(a & b)
    if kind_a in _SPECIFIC_KINDS:
        return shared >= 1
    return shared / min(len(a), len(b)) >= 0.3


def stems(title: str) -> set[str]:
    """The content-word stems of a title."""
    words = re.findall(r"[a-z]+", title.lower())
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:5]
