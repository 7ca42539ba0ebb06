"""The words of a clause, and the word classes several cue readers share."""

from __future__ import annotations

import re

# A word, hyphenated compounds kept whole ("open-ended" is an adjective, not "ended").
# Possessive runs (*+): nothing after a run can use a character it gave back (the next
# part opens with "-", which no run takes), so the words are the same, found without
# the engine saving a backtrack point per letter (this reads every mention's clause).
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*+(?:-[A-Za-z][A-Za-z'\u2019]*+)*+")


def words(text: str, lo: int, hi: int, lower: str | None = None) -> list[str]:
    """The lower-cased words of text[lo:hi]; `lower` is text.lower() when the caller
    has it (same length as text), which saves lowering and slicing per mention."""
    if lower is not None:
        return WORD.findall(lower, lo, hi)
    return WORD.findall(text[lo:hi].lower())


# Words that open a new clause: its verbs and cues are not the date's.
NEW_CLAUSE = frozenset({"that", "which", "who", "and", "but", "while", "whereas"})
