"""Sentence boundaries, cheap and good enough for news copy.

The cues (tense, kind, title) are read from the sentence around a date, so a
split inside "Oct. 30" or "U.S. President" would cut a date off its verb: full
stops after known abbreviations and initials do not end a sentence.
"""

from __future__ import annotations

import bisect
import re

from watcher.extract.grammar.lexicon import ABBREVIATIONS

# A candidate end: terminal punctuation, optional closing quote/bracket, then
# space before something that can start a sentence; or a blank line / line break.
# The pattern opens with one character class (the look-behinds then pick the branch),
# so the engine skips to the next candidate character in C instead of trying every
# position: the same matches as "[.!?]...|\n+", about three times faster.
_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])[\"'\u201d\u2019)\]]{0,2}[ \t\u00a0]{1,5}(?=[\"\u201c\u2018(\[]?[A-Z0-9])"
    r"|(?<=\n)\n*)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")  # the rule; _word_before reads it backwards
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _word_before(text: str, dot: int) -> str | None:
    """Group 1 of _WORD_BEFORE.search(text, max(0, dot - 12), dot): the letters that end
    the window, past one full stop and, as "$" allows, one final line break. Read from
    the end: the search tried every start in the window."""
    lo = max(0, dot - 12)
    end = dot
    if end > lo and text[end - 1] == "\n":
        end -= 1
    if end > lo and text[end - 1] == ".":
        end -= 1
    start = end
    while start > lo and text[start - 1] in _LETTERS:
        start -= 1
    return text[start:end] if start < end else None


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation, not a sentence."""
    if text[dot] != ".":
        return False
    w = _word_before(text, dot)
    if w is None:
        return False
    if w.lower() in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "U.S.", "J. Smith", "a.m."
    return len(w) == 1


class Sentences:
    """The sentence spans of a text, with lookup of the sentence around an offset."""

    __slots__ = ("_ends", "_spans", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends: list[int] = []
        n = len(text)
        for m in _END.finditer(text):
            at, stop = m.span()
            first = text[at]
            if first == "." and _is_abbreviation(text, at):
                continue
            cut = at if first == "\n" else at + 1
            # keep closing quotes with the sentence they close
            while cut < n and text[cut] in "\"'\u201d\u2019)]":
                cut += 1
            ends.append(cut)
            starts.append(stop)
        ends.append(n)
        self._starts = starts
        self._ends = ends
        self._spans: dict[int, tuple[int, int]] = {}  # trimmed spans, by index, as asked for

    def span(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence containing `offset`, whitespace trimmed."""
        i = bisect.bisect_right(self._starts, offset) - 1
        span = self._spans.get(i)
        if span is None:  # trimmed once per sentence, however many mentions it holds
            start, end = self._starts[i], self._ends[i]
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
            span = self._spans[i] = (start, end)
        return span
