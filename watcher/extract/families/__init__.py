"""The family handlers: each turns a match of its family into a resolved date and span.

A handler returns (resolved, span start, span end), or None when the match is no date
after all ("May" as a name, "the fall of Rome", "2000 troops"). One module per group
of families: days, times, periods, relative.
"""

from __future__ import annotations

import re

from watcher.extract.candidate import MONTH, WEEKDAY, Family, Handler
from watcher.extract.families import days, periods, relative, times
from watcher.extract.grammar.text import prev_word

HANDLERS: dict[Family, Handler] = {
    Family.ISO: days.iso,
    Family.SLASH: days.slash,
    Family.HOLIDAY: days.holiday,
    Family.MONTH_DAY: days.month_day,
    Family.DAY_MONTH: days.day_month,
    Family.MONTH_YEAR: periods.month_year,
    Family.QUARTER: periods.quarter,
    Family.MONTH: periods.month,
    Family.SEASON: periods.season,
    Family.RELATIVE_UNIT: periods.relative_unit,
    Family.CENTURY: periods.century,
    Family.ORDINAL_DAY: days.ordinal_day,
    Family.YEAR: periods.year,
    Family.SHORT_YEAR: periods.short_year,
    Family.AGO: relative.ago,
    Family.IN_RELATIVE: relative.in_relative,
    Family.DAY_WORD: relative.day_word,
    Family.TIME: times.clock_time,
    Family.WEEKDAY: days.weekday,
    Family.REF: relative.reference,
}


TRIMMED = frozenset({WEEKDAY, MONTH})


def trimmed_start(m: re.Match[str], family: Family, text: str) -> int:
    """Where the expression starts: 'past' before a weekday or month is a preposition
    ('funded past Friday', 'extended past March') unless 'this'/'the' precede it."""
    rel = m["wd_rel"] if family == WEEKDAY else m["mo_rel"] if family == MONTH else None
    if rel is None or rel.lower() != "past" or (family == MONTH and m["mo_mod"]):
        return m.start()
    if prev_word(text, m.start()) in {"this", "the"}:
        return m.start()
    return m.start("wd_d" if family == WEEKDAY else "mo_m")
