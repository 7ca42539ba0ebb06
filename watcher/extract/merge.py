"""Passes over the candidates of a text that join or complete them: a date and its
year ("Sept. 1 next year"), a time and its day ("Friday at 5 p.m."), two days into a
range, "the following week" counted from the day before it, "within 10 days of" an
event dated later in the sentence."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from watcher.core.kinds import Kind
from watcher.extract import resolve as rv
from watcher.extract.candidate import (
    DAY_FAMILIES,
    DAY_MONTH,
    DAY_WORD,
    HOLIDAY,
    IN_RELATIVE,
    MONTH_DAY,
    QUARTER,
    RELATIVE_UNIT,
    TIME,
    WEEKDAY,
    YEAR,
    Candidate,
)
from watcher.extract.cues import read_cues
from watcher.extract.events import DayIndex, event_day, event_phrase
from watcher.extract.score import UNKNOWN_START_CAP

# ("7 a.m. local time on Tuesday": the time is in the text's zone, and still that day's)
_TIME_THEN_DATE = re.compile(
    r"(?:[ \t]{1,3}\(?(?i:local)[ \t]{1,3}(?i:time)\)?)?[ \t,]{0,3}(?:(?:on|of)[ \t]{1,3})?$"
)


_DATE_THEN_TIME = re.compile(r"[ \t,]{0,3}(?:(?:at|by|from|before|after|until)[ \t]{1,3})?$")


_DAY_THEN_YEAR = re.compile(r"[ \t,]{0,2}(?:of[ \t]{1,3})?")


def merge_years(raws: list[Candidate], text: str) -> list[Candidate]:
    """'Sept. 1 next year': the relative year supplies the year the date left out."""
    out: list[Candidate] = []
    for r in raws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.yearless
            and r.family == RELATIVE_UNIT
            and r.res.granularity == "year"
            and r.res.mod is None
            and _DAY_THEN_YEAR.fullmatch(text, prev.end, r.start)
            and prev.res.start is not None
        ):
            year = int(r.res.value)
            start = rv.add_years(prev.res.start, year - prev.res.start.year)
            end = rv.add_years(prev.res.end, year - prev.res.start.year) if prev.res.end else None
            res = replace(prev.res, start=start, end=end, value=start.isoformat())
            out[-1] = replace(prev, end=r.end, res=res, yearless=False, merged=True)
            continue
        out.append(r)
    return out


_AROUND_DAY = re.compile(r"[ \t]{1,3}(after|before|following|preceding)[ \t]{1,3}", re.IGNORECASE)
_THE_END = re.compile(r"(?i)\bthe[ \t]{1,3}$")
_DAY_ANCHORS = frozenset({HOLIDAY, MONTH_DAY, DAY_MONTH})


def merge_weekday_around_day(raws: list[Candidate], text: str) -> list[Candidate]:
    """'the Monday after Thanksgiving', 'the Friday before Dec. 25': the weekday counted
    from the day named after it, not from publication (one mention, the anchor dropped)."""
    out: list[Candidate] = []
    for r in raws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.family == WEEKDAY
            and r.family in _DAY_ANCHORS
            and prev.match is not None
            and prev.match["wd_rel"] is None
            and prev.res.start is not None
            and prev.res.end is None
            and r.res.start is not None
            and _THE_END.search(text, max(0, prev.start - 5), prev.start)
        ):
            gap = _AROUND_DAY.fullmatch(text, prev.end, r.start)
            if gap is not None:
                wd, anchor = prev.res.start.weekday(), r.res.start
                if gap[1].lower() in {"after", "following"}:
                    d = anchor + dt.timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
                else:
                    d = anchor - dt.timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1)
                out[-1] = replace(prev, end=r.end, res=rv.day(d), merged=True)
                continue
        out.append(r)
    return out


_APPOSITION = re.compile(r"[ \t]*,[ \t]*")
_OF = re.compile(r"[ \t]{1,3}of[ \t]{1,3}")
_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_ORDINALS.update({"fourth": 4, "4th": 4, "final": 4})


def _quarter_number(r: Candidate) -> int | None:
    """Which quarter 'the third quarter' / 'the last quarter' names, without its year."""
    m = r.match
    if m is None:
        return None
    if r.family == QUARTER and m["q_ord"] and m["q_u"].lower() == "quarter":
        return _QUARTER_ORDINALS.get(m["q_ord"].lower())
    if r.family == RELATIVE_UNIT and m["ru_u"].lower() == "quarter" and m["ru_rel"]:
        return 4 if " ".join(m["ru_rel"].lower().split()) == "the last" else None
    return None


def merge_fiscal_quarters(raws: list[Candidate], text: str) -> list[Candidate]:
    """'the last quarter of FY 2027': a quarter of the federal fiscal year just named."""
    out: list[Candidate] = []
    for r in raws:
        prev = out[-1] if out else None
        fy = r.res
        if (
            prev is not None
            and r.family == YEAR
            and fy.start is not None
            and fy.end is not None
            and (fy.start.month, fy.start.day, fy.end.month, fy.end.day) == (10, 1, 9, 30)
            and _OF.fullmatch(text, prev.end, r.start)
        ):
            q = _quarter_number(prev)
            if q is not None:
                res = rv.federal_fiscal_quarter(fy.end.year, q)
                out[-1] = replace(prev, end=r.end, res=res, merged=True)
                continue
        out.append(r)
    return out


def _last_day_in_sentence(out: list[Candidate], sentence: tuple[int, int]) -> Candidate | None:
    """The last day-level mention before this point in the same sentence (stops at the
    sentence start, so the look-back is bounded by one sentence, not the text)."""
    for o in reversed(out):
        if o.sentence != sentence:
            return None
        if o.family in DAY_FAMILIES and o.res.start is not None:
            return o
    return None


def count_from_events(raws: list[Candidate], text: str) -> bool:
    """'within 10 days of the certification, which is scheduled for Nov. 17': counted
    from the event's day when the sentence names it later, or when the article dates the
    event elsewhere ('two business days before the meeting': events.py), else no date to
    alert on (nor when it only restates the date before it: 'on Sunday, three days after
    the fire'). Returns whether one was counted (merge_counted_days has something to
    join)."""
    any_counted = False
    index: DayIndex | None = None  # built at the first count that needs it
    for i, r in enumerate(raws):
        if r.of_event is None:
            continue
        n, unit = r.of_event
        prev = raws[i - 1] if i > 0 else None
        restated = (
            prev is not None
            and prev.sentence == r.sentence
            and prev.family in DAY_FAMILIES
            and _APPOSITION.fullmatch(text, prev.end, r.start) is not None
        )
        if restated:
            r.cap = min(r.cap, UNKNOWN_START_CAP)
            r.of_event = None
            continue
        m = r.match
        # the event after the count ("of any action" after a notice is no event to date)
        named = None if m is not None and m["fr_notice"] else event_phrase(text, r.end)
        spans_event = named is not None and m is not None and m["af_dir"] is not None
        anchor = _later_day(raws, i, text, named[1] if named is not None else None)
        if anchor is not None and anchor.res.start is not None:
            any_counted = True
            r.from_event = True
            if not (spans_event and named is not None and named[1] < anchor.start):
                r.res = _counted(n, unit, anchor.res.start)
                continue  # merge_counted_days joins "30 days after Nov. 3"
        elif named is not None:
            index = index or DayIndex(raws)
            anchor = event_day(raws, i, named[0], text, index=index)
        if anchor is None or anchor.res.start is None:
            r.cap = min(r.cap, UNKNOWN_START_CAP)  # "within 30 days of receiving notice"
            r.of_event = None  # (nothing to join it with: merge_counted_days)
            continue
        r.res = _counted(n, unit, anchor.res.start)
        if spans_event and named is not None:
            r.end, r.merged = named[1], True  # "30 days after royal assent": one span
        r.of_event, r.from_event = None, True  # (nothing after it to join)
        _scheduled(r)
    return any_counted


def _later_day(raws: list[Candidate], i: int, text: str, after: int | None) -> Candidate | None:
    """The first day named after the count raws[i] in its sentence, unless a new clause
    starts between the event phrase (ending at `after`) and it ("the day before the issue
    opens, and ... on Tuesday")."""
    r = raws[i]
    for later in raws[i + 1 :]:
        if later.sentence != r.sentence:
            return None
        if later.family in DAY_FAMILIES and later.res.start is not None:
            if after is not None and _NEW_CLAUSE_GAP.search(text, after, later.start):
                return None
            return later
    return None


def _scheduled(r: Candidate) -> None:
    """A count from a dated event with no kind of its own is something scheduled then
    ("shops get demo units the day after the launch")."""
    if r.from_event and r.cues.kind is Kind.OTHER:
        r.cues.kind, r.cues.kind_strength = Kind.EVENT, 1


# A new clause between an event phrase and a day: the day is that clause's.
_NEW_CLAUSE_GAP = re.compile(r",[ \t]+(?:and|but|while|as)[ \t]|;")


def _counted(n: int, unit: str, start: dt.date) -> rv.Resolved:
    """n units after start; n < 0: before it ("30 days before the vote on Nov. 3")."""
    if n < 0:
        return replace(rv.in_units(-n, unit, start), start=rv.shift(start, n, unit))
    return rv.in_units(n, unit, start)


_COUNT_THEN_DAY = re.compile(
    r"[ \t]{1,3}(?:after|before|following|preceding|of|from)[ \t]{1,3}", re.IGNORECASE
)


def merge_counted_days(raws: list[Candidate], text: str) -> list[Candidate]:
    """'the day after Thanksgiving', '30 days after Nov. 3': a count straight before the
    day it counts from is one mention (count_from_events has dated it from that day)."""
    out: list[Candidate] = []
    for r in raws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.of_event is not None
            and r.family in DAY_FAMILIES
            and r.res.start is not None
            and r.sentence == prev.sentence
            and _COUNT_THEN_DAY.fullmatch(text, prev.end, r.start)
        ):
            out[-1] = replace(prev, end=r.end, merged=True, of_event=None)
            continue
        out.append(r)
    return out


def _last_day_in_paragraph(out: list[Candidate], pos: int, text: str) -> Candidate | None:
    """The last day-level mention before pos with no paragraph break in between."""
    for o in reversed(out):
        if "\n" in text[o.end : pos]:
            return None
        if o.family in DAY_FAMILIES and o.res.start is not None:
            return o
    return None


def resolve_anaphors(raws: list[Candidate]) -> list[Candidate]:
    """'Lawmakers return on Jan. 8, and ... the following week': count from Jan. 8."""
    out: list[Candidate] = []
    for r in raws:
        if r.anaphor is not None:
            anchor = _last_day_in_sentence(out, r.sentence)
            if anchor is not None and anchor.res.start is not None:
                unit, mod = r.anaphor
                res = rv.relative_unit(unit, "next", mod, anchor.res.start, r.cues.tense)
                if res is not None:
                    r = replace(r, res=res)
        out.append(r)
    return out


_AND_GAP = re.compile(r"[ \t]{1,3}(?:and|or|&)[ \t]{1,3}")


_RANGE_GAP = re.compile(r"[ \t]{1,3}(?:until|till|to|through|thru)[ \t]{1,3}|[ \t]?[-\u2013][ \t]?")


def merge_ranges(raws: list[Candidate], text: str) -> list[Candidate]:
    """'from 2 a.m. on Thursday until Saturday evening': one period, not two dates."""
    out: list[Candidate] = []
    for r in raws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.family in DAY_FAMILIES
            and r.family in DAY_FAMILIES
            and prev.res.end is None
            and r.res.end is None
            and prev.res.start is not None
            and r.res.start is not None
            and prev.res.start < r.res.start <= prev.res.start + dt.timedelta(days=366)
            and (
                (
                    _RANGE_GAP.fullmatch(text, prev.end, r.start)
                    and re.search(
                        r"\b(?:from|between)\s", text[max(0, prev.start - 40) : prev.start]
                    )
                )
                or (  # "on Thursday and Friday": two days in a row are one period
                    _AND_GAP.fullmatch(text, prev.end, r.start)
                    and r.res.start - prev.res.start == dt.timedelta(days=1)
                )
            )
        ):
            res = replace(prev.res, end=r.res.start)
            out[-1] = replace(prev, end=r.end, res=res, merged=True)
            continue
        out.append(r)
    return out


def reread(r: Candidate, text: str, lower: str | None = None) -> Candidate:
    """Cues for a merged span, read around the whole of it (its tense stays)."""
    lo, hi = r.clause
    lo = min(lo, r.start)
    hi = max(hi, r.end)
    cues = read_cues(text, lo, r.start, r.end, hi, lower)
    cues.tense = r.cues.tense or cues.tense  # a fresh Cues: its own to change
    r.cues = cues  # raws are rebuilt per call: nothing else holds r
    _scheduled(r)
    return r


def merge_times(raws: list[Candidate], text: str) -> list[Candidate]:
    """Join a time with the day next to it: '12:01 a.m. ET on Aug. 1', 'Friday at 5 p.m.'."""
    out: list[Candidate] = []
    i = 0
    while i < len(raws):
        r = raws[i]
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if nxt is not None and nxt.start - r.end <= 24:  # (the patterns bound the gap)
            gap = text[r.end : nxt.start]
            if r.family == TIME and nxt.family in DAY_FAMILIES and _TIME_THEN_DATE.fullmatch(gap):
                out.append(_with_time(nxt, r, r.start, nxt.end))
                i += 2
                continue
            if (
                (r.family in DAY_FAMILIES or _counted_from_weekday(r))
                and nxt.family == TIME
                and _DATE_THEN_TIME.fullmatch(gap)
            ):
                out.append(_with_time(r, nxt, r.start, nxt.end))
                i += 2
                continue
        if r.family == TIME:
            # a lone time belongs to the last day named in its sentence, or failing
            # that before it in the paragraph ("The council meets on Thursday. ... A
            # press conference follows at 14:45 CET")
            anchor = (
                _last_day_in_sentence(out, r.sentence)
                or _last_day_in_paragraph(out, r.start, text)
                or _same_day_after(raws, i)
            )
            if anchor is not None:
                r = _with_time(anchor, r, r.start, r.end)
            else:
                r.penalty += 0.45  # which day is unknown
        out.append(r)
        i += 1
    return out


def _counted_from_weekday(r: Candidate) -> bool:
    """'a week from Thursday': a day, so a time after it is that day's ('... at 4:30 p.m.')."""
    return r.family == IN_RELATIVE and r.match is not None and r.match["fr_wd"] is not None


def _same_day_after(raws: list[Candidate], i: int) -> Candidate | None:
    """'starts at 10 a.m. EDT, or 11 p.m. the same day in Seoul': a time with no day of
    its own shares the day a 'same day' after it in the sentence points to."""
    r = raws[i]
    for later in raws[i + 1 : i + 3]:
        if later.sentence != r.sentence:
            return None
        m = later.match
        if later.family == DAY_WORD and m is not None and m["dw_a"] and "same" in m["dw_a"]:
            return later if later.res.start is not None else None
    return None


def _with_time(day_raw: Candidate, time_raw: Candidate, start: int, end: int) -> Candidate:
    d = day_raw.res.start
    t = time_raw.res.time
    assert d is not None and t is not None
    if time_raw.res.value.endswith("T24:00"):
        value = f"{d.isoformat()}T24:00"
    else:
        value = f"{d.isoformat()}T{t[0]:02d}:{t[1]:02d}"
    res = day_raw.res.at_time(t, time_raw.res.zone, value)
    # the richer cues of the two
    cues = (
        day_raw.cues if day_raw.cues.kind_strength >= time_raw.cues.kind_strength else time_raw.cues
    )
    # merged: its cues are read again over the whole ("by 6 p.m. Sunday")
    return Candidate(
        start, end, MONTH_DAY, res, cues, day_raw.sentence, day_raw.clause, merged=True
    )
