"""A company's fiscal quarter ("its fiscal second quarter"): no calendar quarter, since
each company's year starts when it likes, but news says which three months it means.
Either the article says when the quarter ended ("which ended Dec. 31", "the three
months that ended Sept. 30"), or the quarter is the one being reported: results come
out within weeks of a quarter's end, so it is the three months up to the last month end
before publication."""

from __future__ import annotations

import datetime as dt
import re

from watcher.extract import resolve as rv
from watcher.extract.grammar.patterns import MONTH_ABBR, MONTH_FULL

_FISCAL_BEFORE = re.compile(r"(?i:fiscal)[ \t]{1,3}$")
# "..., which ended Dec. 31", "..., the three months that ended Sept. 30"
_ENDED = re.compile(
    r"[^.;]{0,40}?\b(?:ended|ending|ends)[ \t]{1,3}(?:on[ \t]{1,3})?"
    rf"({MONTH_FULL}|{MONTH_ABBR})\.?[ \t]{{1,3}}(\d{{1,2}})(?!\d)"
)
# What is reported for the quarter, close before it ("results for its fiscal ...")
_REPORTED = re.compile(
    r"(?i:results|revenue|revenues|earnings|profit|sales|loss|income)\b[^.;]{0,20}$"
)
# ... unless it is a forecast for the quarter under way
_FORECAST = re.compile(r"(?i:forecast|expects?|outlook|guidance|projects?)\b[^.;]{0,40}$")


def fiscal_start(text: str, start: int) -> int | None:
    """Where "fiscal" before a quarter starts ("fiscal second quarter"), if it is there."""
    f = _FISCAL_BEFORE.search(text, max(0, start - 12), start)
    return f.start() if f is not None else None


def company_quarter(text: str, fiscal: int, end: int, ref: dt.date) -> rv.Resolved | None:
    """The three months a company's fiscal quarter at text[fiscal:end] covers, or None
    when the article does not say (see the module)."""
    ended = _ENDED.match(text, end)
    if ended is not None:
        month, day = rv.month_number(ended[1]), int(ended[2])
        try:
            last = dt.date(ref.year, month, day)
        except ValueError:
            return None
        if last > ref + dt.timedelta(days=31):
            last = rv.add_years(last, -1)  # a quarter that ended, reported since
    else:
        lo = max(0, fiscal - 60)
        if not _REPORTED.search(text, lo, fiscal) or _FORECAST.search(text, lo, fiscal):
            return None
        last = ref.replace(day=1) - dt.timedelta(days=1)  # the last month end before
    first = rv.add_months(last + dt.timedelta(days=1), -3)
    return rv.Resolved(first, last, f"{first.year:04d}-{first.month:02d}", granularity="quarter")
