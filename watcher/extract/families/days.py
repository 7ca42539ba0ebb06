"""Families that name one day: ISO and slashed dates, month-day and day-month dates,
holidays, weekdays (and "the Friday" of dates just named)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from watcher.extract import resolve as rv
from watcher.extract.candidate import Candidate, Context
from watcher.extract.grammar.patterns import MONTH_ABBR, MONTH_FULL
from watcher.extract.grammar.text import prev_word


def iso(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    try:
        d = dt.date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    except ValueError:
        return None
    res = rv.day(d)
    if m["iso_h"]:
        zone = "UTC" if m["iso_z"] == "Z" else None
        res = replace(
            res,
            time=(int(m["iso_h"]), int(m["iso_mi"])),
            timex_type="TIME",
            value=f"{d.isoformat()}T{m['iso_h']}:{m['iso_mi']}",
            zone=zone or (_offset_zone(m["iso_z"]) if m["iso_z"] else None),
        )
    return res, m.start(), m.end()


def _offset_zone(z: str) -> str:
    sign = 1 if z[0] == "+" else -1
    digits = z[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    return f"offset:{sign * minutes}"


def slash(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    a, b, y = int(m["sl_a"]), int(m["sl_b"]), int(m["sl_y"])
    if y < 100:
        y += 2000 if y < 70 else 1900
    month, day_ = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    try:
        d = dt.date(y, month, day_)
    except ValueError:
        return None
    return rv.day(d), m.start(), m.end()


_WEEKEND_AFTER = re.compile(r"[ \t]{1,3}(?i:weekend)(?![A-Za-z])")
_POLLING_DAY = re.compile(r"(?i:election|polling)\s(?i:day|night)")


def holiday(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    year = int(m["ho_y"]) if m["ho_y"] else None
    name = m["ho_w"]
    if _POLLING_DAY.fullmatch(name) and (name[0] in "Pp" or not c.tz.startswith("America/")):
        # election day is a fixed day only in the US: elsewhere it is the day of the
        # election the article dates (events.date_election_days fills it in)
        return rv.Resolved(None, None, ""), m.start(), m.end()
    res = rv.holiday(name, year, c.ref, c.cues.tense, c.tz)
    weekend = _WEEKEND_AFTER.match(c.text, m.end())
    if weekend is None or res.start is None:
        if name.startswith("Fourth"):  # "the Fourth of July": "the" is part of the name
            the = _THE_BEFORE.search(c.text, max(0, m.start() - 5), m.start())
            return res, the.start() if the else m.start(), m.end()
        return res, m.start(), m.end()
    # "the Labor Day weekend": the weekend next to the holiday, dated by its Saturday
    h = res.start
    sat = h + dt.timedelta(days=(5 - h.weekday()) % 7)  # the Saturday on or after it
    if (h - (sat - dt.timedelta(days=7))).days < (sat - h).days:
        sat -= dt.timedelta(days=7)  # the one before is nearer (a Monday holiday)
    start = m.start()
    the = _THE_BEFORE.search(c.text, max(0, start - 5), start)
    weekend_res = rv.Resolved(
        sat, sat + dt.timedelta(days=1), f"{rv.week_value(sat)}-WE", granularity="weekend"
    )
    return weekend_res, the.start() if the else start, weekend.end()


# A present verb that announces the date right after it, as headlines do ("Kestrel sets
# Oct. 13 cut-off", "Council schedules 4 May vote"): the next such day, even a recent one.
_ANNOUNCES = re.compile(
    r"\b(?i:sets|fixes|names|picks|schedules|targets|eyes|proposes)[ \t]+(?:(?i:a|an|the)[ \t]+)?$"
)


def _day_range(
    month: int,
    d1: int,
    month2: int | None,
    d2: int | None,
    year: int | None,
    c: Context,
    weekday: str | None = None,
    pos: int = 0,
) -> rv.Resolved | None:
    if year is not None:
        try:
            start = dt.date(year, month, d1)
        except ValueError:
            return None
    else:
        named = rv.weekday_number(weekday) if weekday else None
        picked = rv.pick_year_for_day(month, d1, c.ref, c.cues.tense, named)
        if picked is None:
            return None
        start = picked
        if (
            start < c.ref
            and c.cues.tense != "past"
            and _ANNOUNCES.search(c.text, max(0, pos - 16), pos)
        ):
            start = rv.add_years(start, 1)
    if d2 is None:
        return rv.day(start)
    m2 = month2 or month
    y2 = start.year + (1 if m2 < month else 0)
    try:
        end = dt.date(y2, m2, d2)
    except ValueError:
        return rv.day(start)
    if end <= start:
        return rv.day(start)
    return rv.Resolved(start, end, start.isoformat())


# "the week of March 9": a week named by its first day, which is the day to act on (the
# corpus convention); the words are part of the span
_OF_ENDS = ("of ", "of\t", "of\u00a0", "of  ", "of   ")
_WEEK_OF = re.compile(r"(?i:the)[ \t]{1,3}(?i:week)[ \t]{1,3}(?i:of)[ \t]{1,3}$")


def _week_of_start(text: str, start: int) -> int:
    """Where "the week of" before a day starts, or the day's own start."""
    if not text.endswith(_OF_ENDS, max(0, start - 6), start):
        return start  # the common case, decided without a search
    w = _WEEK_OF.search(text, max(0, start - 20), start)
    return w.start() if w is not None else start


def month_day(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    res = _day_range(
        rv.month_number(m["md_m"]),
        int(m["md_d"].rstrip("stndrh")),
        rv.month_number(m["md_m2"]) if m["md_m2"] else None,
        int(m["md_d2"].rstrip("stndrh")) if m["md_d2"] else None,
        int(m["md_y"]) if m["md_y"] else None,
        c,
        m["md_wd"],
        m.start(),
    )
    return (res, _week_of_start(c.text, m.start()), m.end()) if res else None


_DAY_WORD_NUMBER = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        ]
    )
}


def day_month(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    month = rv.month_number(m["dm_m"])
    year = int(m["dm_y"]) if m["dm_y"] else None
    d = int(m["dm_d"].rstrip("stndrh")) if m["dm_d"] else _DAY_WORD_NUMBER[m["dm_ow"]]
    if m["dm_d0"]:
        d0 = int(m["dm_d0"].rstrip("stndrh"))
        res = _day_range(month, d0, None, d, year, c, m["dm_wd"], m.start())
    else:
        res = _day_range(month, d, None, None, year, c, m["dm_wd"], m.start())
    return (res, _week_of_start(c.text, m.start()), m.end()) if res else None


_POSSESSIVE = re.compile(r"['\u2019]s\b")


def weekday(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    rel = m["wd_rel"]
    start = m.start()
    if c.start > start:  # "funded past Friday": a preposition, not "last"
        rel, start = None, c.start
    tense = c.cues.tense
    wd = rv.weekday_number(m["wd_d"])
    if rel is None and c.last_day is not None:
        d = _day_in_period(wd, c.last_day, c.text, start, m.end())
        if d is not None:
            return _weekday_res(d, m), start, m.end()
    if (
        rel is None
        and tense != "future"
        and c.cues.kind_strength < 2
        and _POSSESSIVE.match(c.text, m.end())
    ):
        # "a premium to Tuesday's close": a possessive weekday with nothing ahead of it
        # names a day that has been (an upcoming one comes with a cue: "Friday's vote")
        tense = "past"
    d = rv.weekday_date(wd, c.ref, tense, rel)
    return _weekday_res(d, m), start, m.end()


# What an ordinal day follows and what may come after it: "on the 15th", "released on
# the 7th, followed by ...", not "the 25th anniversary" or "on the 15th floor"
_ORDINAL_LEAD = frozenset({"on", "by", "until", "till", "from", "through", "before", "after"})
_ORDINAL_NEXT = re.compile(r"[ \t]+([a-z]+)")
_ORDINAL_FOLLOWERS = frozenset(
    {"at", "and", "or", "to", "through", "until", "till", "when", "while", "with", "before"}
    | {"after", "followed", "from", "as", "but", "instead", "if", "unless"}
)


def ordinal_day(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    """'due for release on the 7th': the next such day of a month (the last one in a past
    report), as a reader of a story about the coming weeks counts it."""
    if prev_word(c.text, m.start()) not in _ORDINAL_LEAD:
        return None
    nxt = _ORDINAL_NEXT.match(c.text, m.end())
    if nxt is not None and nxt[1] not in _ORDINAL_FOLLOWERS:
        return None
    n = int(m["od_d"])
    if m["od_wd"]:
        d = _month_where(n, rv.weekday_number(m["od_wd"]), c.ref, c.cues.tense)
        return (rv.day(d), m.start(), m.end()) if d is not None else None
    named = _named_month_of(c.text, m.start(), n)
    if named is not None:
        # "the vote on Monday, November 2 ... if it passes on the 2nd": that day's month
        d = rv.pick_year_for_day(named, n, c.ref, c.cues.tense)
        if d is not None:
            return rv.day(d), m.start(), m.end()
    step = -1 if c.cues.tense == "past" else 1
    first = c.ref.replace(day=1)
    for k in range(13):  # the 31st may skip months
        month = rv.add_months(first, step * k)
        if n > rv.month_last_day(month.year, month.month):
            continue
        d = month.replace(day=n)
        if (d >= c.ref) if step > 0 else (d <= c.ref):
            return rv.day(d), m.start(), m.end()
    return None


def _month_where(n: int, wd: int, ref: dt.date, tense: str | None) -> dt.date | None:
    """'Friday the 29th': the nearest 29th, ahead (behind in a past report), that is a
    Friday; None when none is within a year."""
    step = -1 if tense == "past" else 1
    first = ref.replace(day=1)
    for k in range(13):
        month = rv.add_months(first, step * k)
        if n > rv.month_last_day(month.year, month.month):
            continue
        d = month.replace(day=n)
        if d.weekday() == wd and ((d >= ref) if step > 0 else (d <= ref)):
            return d
    return None


# A month and day written out ("November 2", "2 November", "Nov. 2nd").
_MONTH_AND_DAY = re.compile(
    rf"\b(?:({MONTH_FULL}|{MONTH_ABBR})\.?[ \t]+(\d{{1,2}})|(\d{{1,2}})(?:st|nd|rd|th)?[ \t]+"
    rf"({MONTH_FULL}|{MONTH_ABBR}))(?![\d])"
)


def _named_month_of(text: str, pos: int, n: int) -> int | None:
    """The month of the last date before pos written out with day n, if any."""
    month = None
    for d in _MONTH_AND_DAY.finditer(text, max(0, pos - 2000), pos):
        if int(d[2] or d[3]) == n:
            month = rv.month_number(d[1] or d[4])
    return month


def _weekday_res(d: dt.date, m: re.Match[str]) -> rv.Resolved:
    res = rv.day(d)
    if m["wd_p"]:
        res = replace(res, value=f"{d.isoformat()}T{rv.part_of_day(m['wd_p'])}", timex_type="TIME")
    return res


_THE_BEFORE = re.compile(r"\bthe[ \t]+$")


_NOT_IN_PERIOD = re.compile(r"[ \t]+(?:before|after|of|following|prior)\b")


def _day_in_period(wd: int, last: Candidate, text: str, start: int, end: int) -> dt.date | None:
    """'The Ryder Cup is played Sept. 26-28 ... open with foursomes on the Friday':
    a weekday with 'the' names a day of the dates just mentioned, not the next Friday."""
    first = last.res.start
    if first is None or not _THE_BEFORE.search(text, max(0, start - 5), start):
        return None
    if _NOT_IN_PERIOD.match(text, end):
        return None  # "the Friday before Christmas": a reference point of its own
    d = first + dt.timedelta(days=(wd - first.weekday()) % 7)
    stop = last.res.end if last.res.end is not None else first + dt.timedelta(days=6)
    return d if d <= stop else None
