"""A short title for what happens on a date, from the words of its clause."""

from __future__ import annotations

import re

_REPORTING_RX = (
    r"\b(?:said|says|told\s+\w+|stated|announced|reported|confirmed|added|noted|"
    r"advised\s+reporters|wrote)\b(?:\s+(?:on\s+)?\w+day)?(?:\s+(?:that|\{that a\}))?\s+"
)


_REPORTING = re.compile(_REPORTING_RX, re.IGNORECASE)


# The same, case-sensitive, for lower-cased text (several times faster in Python's re),
# and the words without one of which it cannot match.
_REPORTING_LC = re.compile(_REPORTING_RX)


_TRAIL_WORDS = frozenset(
    """
    on by at in until from to for of the as soon than no before after since during through
    between and or - — , a an
    """.split()  # noqa: SIM905
)


_LEAD_WORDS = frozenset(
    """
    on by at in until for of the and but or as because that with while which , .
    """.split()  # noqa: SIM905
)


def title_of(before: str, after: str, cue_after: int = 0, low: str | None = None) -> str:
    """A short phrase for what happens on the date, from its clause.

    The words before the date usually say it ("Trump will meet Xi on ..."), minus a
    reporting frame ("officials said Thursday that"); when the cue that named the
    kind comes after the date ("set Nov. 1 as the deadline for ..."), the words up
    to a little past that cue are added.
    """
    if len(before) > 240:
        before = before[-240:]
        low = None
    cut = 0
    if low is None:
        low = before.lower()
    if len(low) == len(before):
        # a chain of `in` (faster than any() over a tuple): the words without one of
        # which _REPORTING_LC cannot match
        if (
            "said" in low
            or "says" in low
            or "told" in low
            or "stated" in low
            or "announced" in low
            or "reported" in low
            or "confirmed" in low
            or "added" in low
            or "noted" in low
            or "advised" in low
            or "wrote" in low
        ):
            for m in _REPORTING_LC.finditer(low):
                cut = m.end()
    else:  # a character whose lower case is longer: offsets would shift
        for m in _REPORTING.finditer(before):
            cut = m.end()
    b_words = before[cut:].split()
    while b_words and b_words[-1].lower().strip(",") in _TRAIL_WORDS:
        b_words.pop()
    if len(b_words) >= 4 and not cue_after:
        words = b_words[-10:]  # the words after the date are not needed
    else:
        a_words = after[:200].split()
        i = 0
        while i < len(a_words) and a_words[i].lower().strip(",.") in _LEAD_WORDS:
            i += 1
        a_words = a_words[i:]
        if cue_after:
            words = b_words[-6:] + a_words[: cue_after + 4]
        else:
            words = b_words + a_words[: 10 - len(b_words)]
    while words and words[-1].lower().strip(",.;:") in _TRAIL_WORDS:
        words.pop()
    return " ".join(words).strip(" ,.;:")[:120]
