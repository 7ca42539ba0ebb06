"""The family handlers: each turns a match of its family into a resolved date and span.

A handler returns (resolved, span start, span end), or None when the match is no date
after all ("May" as a name, "the fall of Rome", "2000 troops"). One module per group
of families: days, times, periods, relative.
"""

from __future__ import annotations

from watcher.extract.candidate import Family, Handler
from watcher.extract.families import days, periods, relative, times

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
    Family.YEAR: periods.year,
    Family.SHORT_YEAR: periods.short_year,
    Family.AGO: relative.ago,
    Family.IN_RELATIVE: relative.in_relative,
    Family.DAY_WORD: relative.day_word,
    Family.TIME: times.clock_time,
    Family.WEEKDAY: days.weekday,
    Family.REF: relative.reference,
}
