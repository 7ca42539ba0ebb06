"""Where a clause starts and ends: the sentence cut at semicolons, colons, dashes, quotes."""

from __future__ import annotations

import bisect
import re

# Every alternative starts with a literal, so the engine skips to the next candidate
# character instead of trying each position: a spaced dash is matched at the dash, and
# _span widens it to the spaces around it.
_CLAUSE_BREAK = re.compile(r':(?=\s)|;|\u2014|\u2013|"|\u201c|\u201d|\(|\)|-(?<=\s-)(?=\s)')


def _span(b: re.Match[str]) -> tuple[int, int]:
    """A clause break's span; a spaced dash takes the spaces on either side."""
    start, end = b.span()
    return (start - 1, end + 1) if b.string[start] == "-" else (start, end)


def clause_bounds(text: str, s_start: int, s_end: int, m_start: int, m_end: int) -> tuple[int, int]:
    """The clause of the sentence [s_start, s_end) that holds the mention."""
    lo, hi = s_start, s_end
    for b in _CLAUSE_BREAK.finditer(text, s_start, m_start):
        a, e = _span(b)
        if a >= s_start and e <= m_start:
            lo = e
    for b in _CLAUSE_BREAK.finditer(text, m_end, s_end):
        a, e = _span(b)
        if a >= m_end and e <= s_end:
            hi = a
            break
    return lo, hi


def clause_breaks(text: str, s_start: int, s_end: int) -> tuple[list[int], list[int]]:
    """The clause breaks of the sentence [s_start, s_end) as (starts, ends), spaced dashes
    widened: read once per sentence, then looked up by clause_in for each mention in it."""
    starts: list[int] = []
    ends: list[int] = []
    for b in _CLAUSE_BREAK.finditer(text, s_start, s_end):
        a, e = _span(b)
        starts.append(a)
        ends.append(e)
    return starts, ends


def clause_in(
    text: str,
    breaks: tuple[list[int], list[int]],
    s_start: int,
    s_end: int,
    m_start: int,
    m_end: int,
) -> tuple[int, int]:
    """What clause_bounds returns, from the sentence's clause_breaks (breaks are one
    character, so none straddles the mention; widened spans do not overlap, so both
    lists are sorted)."""
    if m_start < len(text) and text[m_start].isspace():
        # a break's look-ahead could reach the mention: read it as clause_bounds does
        return clause_bounds(text, s_start, s_end, m_start, m_end)
    starts, ends = breaks
    lo, hi = s_start, s_end
    i = bisect.bisect_right(ends, m_start) - 1  # the last break that ends before the mention
    if i >= 0 and starts[i] >= s_start:
        lo = ends[i]
    for j in range(bisect.bisect_left(starts, m_end), len(starts)):
        if ends[j] <= s_end:
            hi = starts[j]
            break
    return lo, hi
