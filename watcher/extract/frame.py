"""The frame a sentence sets for a date that does not fix itself: the tense of the date
before it, the past year the sentence opens with ("In 2022, ... on Sept. 28"), the past
day it reports ("A judge on Wednesday ordered ... within 30 days")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from watcher.extract import resolve as rv
from watcher.extract.candidate import (
    DAY_FAMILIES,
    DAY_MONTH,
    HOLIDAY,
    MONTH,
    MONTH_DAY,
    MONTH_YEAR,
    QUARTER,
    SEASON,
    YEAR,
    Candidate,
    Family,
)

FRAMED = frozenset(
    {
        MONTH_DAY,
        DAY_MONTH,
        MONTH,
        HOLIDAY,
        SEASON,
        QUARTER,
    }
)


_REL_GROUPS = {MONTH: "mo_rel", SEASON: "se_rel", QUARTER: "q_rel"}


def deictic(m: re.Match[str], family: Family) -> bool:
    """'last September', 'next spring': counted from publication, whatever the frame."""
    group = _REL_GROUPS.get(family)
    if group is None:
        return False
    rel = m[group]
    return rel is not None and rel.lower() != "the"


_OPENING = re.compile(
    r"[\W_]*(?:(?:back[ \t]+)?in|during|by|throughout)?[ \t]*(?:(?:early|late|mid)[ \t-]*)?$",
    re.IGNORECASE,
)


def opening_year(
    raws: list[Candidate], sentence: tuple[int, int], text: str, ref: dt.date
) -> int | None:
    """The past year a sentence opens with ('In 2022, ...', 'In March 2024, ...')."""
    first = None
    for r in _sentence_raws(raws, sentence):
        first = r
    if (
        first is None
        or not first.explicit
        or first.family not in {YEAR, MONTH_YEAR}
        or first.res.start is None
        or first.res.start.year >= ref.year
        or not _OPENING.fullmatch(text, sentence[0], first.start)
    ):
        return None
    return first.res.start.year


def in_year(res: rv.Resolved, year: int) -> rv.Resolved:
    """The same day or month in another year."""
    assert res.start is not None
    shift = year - res.start.year
    start = rv.add_years(res.start, shift)
    end = rv.add_years(res.end, shift) if res.end is not None else None
    value = f"{year:04d}{res.value[4:]}" if res.value[:4].isdigit() else res.value
    return replace(res, start=start, end=end, value=value)


def _sentence_raws(raws: list[Candidate], sentence: tuple[int, int]) -> Iterator[Candidate]:
    """The mentions found so far in this sentence, nearest first."""
    for r in reversed(raws):
        if r.sentence != sentence:
            return
        yield r


def frame_tense(
    raws: list[Candidate], sentence: tuple[int, int], clause: tuple[int, int], ref: dt.date
) -> str | None:
    """The tense of the previous mention in the clause, or the side of the reference
    its stated year lies on."""
    for r in _sentence_raws(raws, sentence):
        if r.clause != clause:
            return None
        if r.cues.tense is not None:
            return r.cues.tense
        if r.explicit and r.res.start is not None:
            last = r.res.end or r.res.start
            if last < ref:
                return "past"
            if r.res.start > ref:
                return "future"
        return None
    return None


def past_anchor(raws: list[Candidate], sentence: tuple[int, int], ref: dt.date) -> dt.date | None:
    """The past date a sentence tells of ('When the ceasefire was signed on Jan. 19')."""
    for r in _sentence_raws(raws, sentence):
        start = r.res.start
        if start is not None and start < ref and (r.cues.tense == "past" or r.explicit):
            return start
    return None


def day_anchor(raws: list[Candidate], sentence: tuple[int, int], ref: dt.date) -> dt.date | None:
    """A day of the past month this sentence reports ('A judge on Wednesday ordered',
    'wrote to suppliers on July 1 asking them to explain, within 28 days'): the day a
    count it holds starts from."""
    for r in _sentence_raws(raws, sentence):
        start = r.res.start
        if (
            r.family in DAY_FAMILIES
            and start is not None
            and r.res.end is None
            and ref - dt.timedelta(days=31) <= start < ref
        ):
            return start
    return None


YEAR_BY_TENSE = frozenset({MONTH_DAY, DAY_MONTH, MONTH, HOLIDAY})
