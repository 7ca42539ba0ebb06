"""A candidate mention between the scan and the output: its family, span, resolution, cues.

`Family` names the pattern families (each value is the group name of its pattern in
grammar/patterns.py, so `FAMILY_OF[match.lastgroup]` is the family of a match).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from watcher.extract import resolve as rv
from watcher.extract.cues import Cues


class Family(StrEnum):
    """The kinds of expression the grammar finds, one handler each (families/)."""

    ISO = "iso"  # 2025-10-30, 2025-10-30T09:00Z
    SLASH = "slash"  # 10/30/2025
    HOLIDAY = "holiday"  # Christmas, Thanksgiving 2025
    MONTH_DAY = "md"  # Oct. 30, October 30-31, 2025 (also a day joined with its time)
    DAY_MONTH = "dm"  # 30 October, 1-3 March 2026
    MONTH_YEAR = "my"  # October 2025, early March 2026
    QUARTER = "quarter"  # Q3 2025, the third quarter, the second half of 2026
    MONTH = "month"  # in March, last September, early June
    SEASON = "season"  # this summer, spring 2026
    RELATIVE_UNIT = "relunit"  # next week, the following month, this weekend
    CENTURY = "century"  # the 21st century
    ORDINAL_DAY = "ordday"  # on the 15th (of the month the story is in)
    YEAR = "year"  # 2026, the 1990s, fiscal 2026
    SHORT_YEAR = "shortyr"  # the '27' of 2026-27
    AGO = "ago"  # three weeks ago
    IN_RELATIVE = "inrel"  # in two weeks, within 30 days, 10 days from now
    DAY_WORD = "dayword"  # today, tomorrow, this morning
    TIME = "time"  # 9:30 a.m. ET, noon, 14:45 CET
    WEEKDAY = "weekday"  # Friday, next Tuesday, Monday morning
    REF = "ref"  # now, the past, the future


# Each member as a module constant too. Python 3.11 reads an Enum member off its class
# slowly (~0.3 µs: EnumType's __getattr__ puts every class attribute lookup on the slow
# path), a module global fast; the per-match code compares against these.
ISO = Family.ISO
SLASH = Family.SLASH
HOLIDAY = Family.HOLIDAY
MONTH_DAY = Family.MONTH_DAY
DAY_MONTH = Family.DAY_MONTH
MONTH_YEAR = Family.MONTH_YEAR
QUARTER = Family.QUARTER
MONTH = Family.MONTH
SEASON = Family.SEASON
RELATIVE_UNIT = Family.RELATIVE_UNIT
CENTURY = Family.CENTURY
ORDINAL_DAY = Family.ORDINAL_DAY
YEAR = Family.YEAR
SHORT_YEAR = Family.SHORT_YEAR
AGO = Family.AGO
IN_RELATIVE = Family.IN_RELATIVE
DAY_WORD = Family.DAY_WORD
TIME = Family.TIME
WEEKDAY = Family.WEEKDAY
REF = Family.REF

# Families that name one day (a time can be joined to them).
DAY_FAMILIES = frozenset(
    {
        ISO,
        SLASH,
        HOLIDAY,
        MONTH_DAY,
        DAY_MONTH,
        WEEKDAY,
        DAY_WORD,
        ORDINAL_DAY,
    }
)
_YEAR_GROUPS = {MONTH_DAY: "md_y", DAY_MONTH: "dm_y", HOLIDAY: "ho_y"}
_WITH_YEAR = frozenset({ISO, SLASH, MONTH_YEAR, YEAR})
FAMILY_OF: dict[str, Family] = {f.value: f for f in Family}  # a match's lastgroup -> family


@dataclass(slots=True)
class Candidate:
    """A matched span with its resolution, before classification (a mention to be)."""

    start: int
    end: int
    family: Family
    res: rv.Resolved
    cues: Cues
    sentence: tuple[int, int]
    clause: tuple[int, int]
    yearless: bool = False  # a day or month stated without its year
    penalty: float = 0.0  # taken off the confidence: a lone time, "the Christmas recess"
    merged: bool = False  # built from two matches: its cues are read again over the whole
    cap: float = 1.0  # the most confidence it can have: "Monday classes" is no date to track
    anaphor: tuple[str, str | None] | None = None  # (unit, mod) of "the following week"
    match: re.Match[str] | None = None  # the match it came from (None when merged)
    of_event: tuple[int, str] | None = None  # (n, unit) of "within 10 days of"; n < 0: "before"
    from_event: bool = False  # counted from an event's day: "the day after the launch"

    @property
    def explicit(self) -> bool:
        """Whether the year is stated ('in 2008', 'March 2024')."""
        return self.match is not None and has_year(self.match, self.family)


@dataclass(slots=True)
class Context:
    """What a family handler reads besides its match."""

    text: str
    ref: dt.date
    cues: Cues
    start: int = 0  # where the expression starts: after a prepositional "past" ("past Friday")
    last_day: Candidate | None = None  # the last day named before, for "the Friday" after a range
    day_anchor: dt.date | None = None  # a recent past day the sentence reports ("on Wednesday")
    tz: str = "UTC"  # the article's zone: which country's financial year it keeps


Handler = Callable[[re.Match[str], Context], "tuple[rv.Resolved, int, int] | None"]


def has_year(m: re.Match[str], family: Family) -> bool:
    """Whether the match states its year ('in 2008', 'March 2024', 'Oct. 30, 2025')."""
    if family in _WITH_YEAR:
        return True
    group = _YEAR_GROUPS.get(family)
    return group is not None and m[group] is not None
