"""Small readers of the raw text around a match: the word before it, a phrase normalised."""

from __future__ import annotations

import re

_LAST_WORD = re.compile(r"([A-Za-z']+)[ \t\u00a0,-]*$")


def prev_word(text: str, pos: int) -> str:
    """The lower-cased word just before pos ('in' of 'in May'), or '' (looks back 30 chars)."""
    m = _LAST_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def norm(s: str) -> str:
    """A phrase lower-cased with its spaces collapsed ('The  End of' -> 'the end of')."""
    return " ".join(s.lower().split())
