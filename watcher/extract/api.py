"""extract(text, published) -> mentions: the pure core's one entry point.

One pass of the combined pattern finds candidate spans; each family's handler
turns its match into a `Resolved` using the tense read from the clause; a
second, linear pass joins times to the dates beside them ("12:01 a.m. ET on
Aug. 1"); finally each mention gets its kind, title, confidence and whether it
lies after the publication date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from zoneinfo import ZoneInfo

from watcher.core.kinds import Kind
from watcher.extract import resolve as rv
from watcher.extract.candidate import (
    DAY_FAMILIES,
    FAMILY_OF,
    Candidate,
    Context,
    Family,
)
from watcher.extract.cues import read_cues
from watcher.extract.cues.clause import clause_breaks, clause_in
from watcher.extract.cues.title import title_of
from watcher.extract.families import HANDLERS
from watcher.extract.families.periods import GATED, rejected_on_sight
from watcher.extract.grammar.scan import scan
from watcher.extract.grammar.text import prev_word
from watcher.extract.model import TemporalMention
from watcher.extract.sentences import Sentences

# Mentions at or above this confidence are the ones worth tracking as deadlines.
DEFAULT_MIN_CONFIDENCE = 0.5


_FISCAL_REFERENCE = re.compile(
    r"\b(?:fiscal|financial|tax|school|academic)[ \t]+years?[ \t]+(?:that[ \t]+)?"
    r"(?:ends?|ending|ended|begins?|beginning|began|starts?|starting|started|runs?)"
    r"(?:[ \t]+(?:in|on))?[ \t]+$",
    re.IGNORECASE,
)


# ---- family handlers: match -> (resolved, span start, span end) or None ----


_TIME_THEN_DATE = re.compile(r"[ \t,]{0,3}(?:(?:on|of)[ \t]{1,3})?$")
_DATE_THEN_TIME = re.compile(r"[ \t,]{0,3}(?:(?:at|by|from|before|after|until)[ \t]{1,3})?$")


_MODIFIER_USE = re.compile(r"[ \t]+(?!and\b|or\b|to\b|in\b|on\b|at\b|is\b|was\b|will\b)[a-z]")
_REFERENCE_POINT = re.compile(r"\b(?:after|before|since|ahead\s+of|around)[ \t]+$", re.IGNORECASE)
_DAY_THEN_YEAR = re.compile(r"[ \t,]{0,2}(?:of[ \t]{1,3})?")


def _merge_years(raws: list[Candidate], text: str) -> list[Candidate]:
    """'Sept. 1 next year': the relative year supplies the year the date left out."""
    out: list[Candidate] = []
    for r in raws:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.yearless
            and r.family == Family.RELATIVE_UNIT
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


# A weekday used as a modifier: followed at once by a lower-case plural noun ("Monday
# classes", "Friday prayers"), not by a verb in -s ("Friday marks the ...").
_WEEKDAY_MODIFIER = re.compile(
    r"[ \t]+(?!(?:is|was|has|does|says|sees|marks|brings|comes|gives|makes|looks|seems|"
    r"means|remains|starts|begins|ends|opens|closes|follows|sets|as|his|its|this|thus|"
    r"plus|less|unless|across|yes)\b)[a-z]{2,}[^s's]s\b"
)
_ANAPHORIC = re.compile(r"(?i)\b(?:following|subsequent)$")


def _last_day_in_sentence(out: list[Candidate], sentence: tuple[int, int]) -> Candidate | None:
    """The last day-level mention before this point in the same sentence (stops at the
    sentence start, so the look-back is bounded by one sentence, not the text)."""
    for o in reversed(out):
        if o.sentence != sentence:
            return None
        if o.family in DAY_FAMILIES and o.res.start is not None:
            return o
    return None


_OF_EVENT = re.compile(r"[ \t]+(?:of|after|from|following)[ \t]")


def _count_from_events(raws: list[Candidate]) -> None:
    """'within 10 days of the certification, which is scheduled for Nov. 17': counted
    from the event's day when the sentence names it later, else no date to alert on."""
    for i, r in enumerate(raws):
        if r.of_event is None:
            continue
        n, unit = r.of_event
        for later in raws[i + 1 :]:
            if later.sentence != r.sentence:
                break
            if later.family in DAY_FAMILIES and later.res.start is not None:
                r.res = rv.in_units(n, unit, later.res.start)
                break
        else:
            r.cap = min(r.cap, _UNKNOWN_START_CAP)  # "within 30 days of receiving notice"


def _last_day_in_paragraph(out: list[Candidate], pos: int, text: str) -> Candidate | None:
    """The last day-level mention before pos with no paragraph break in between."""
    for o in reversed(out):
        if "\n" in text[o.end : pos]:
            return None
        if o.family in DAY_FAMILIES and o.res.start is not None:
            return o
    return None


def _resolve_anaphors(raws: list[Candidate]) -> list[Candidate]:
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


# ---- the frame a sentence sets: helpers of analyse() ----

_FRAMED = frozenset(
    {
        Family.MONTH_DAY,
        Family.DAY_MONTH,
        Family.MONTH,
        Family.HOLIDAY,
        Family.SEASON,
        Family.QUARTER,
    }
)
_TRIMMED = frozenset({Family.WEEKDAY, Family.MONTH})


def _trimmed_start(m: re.Match[str], family: Family, text: str) -> int:
    """Where the expression starts: 'past' before a weekday or month is a preposition
    ('funded past Friday', 'extended past March') unless 'this'/'the' precede it."""
    rel = (
        m["wd_rel"] if family == Family.WEEKDAY else m["mo_rel"] if family == Family.MONTH else None
    )
    if rel is None or rel.lower() != "past" or (family == Family.MONTH and m["mo_mod"]):
        return m.start()
    if prev_word(text, m.start()) in {"this", "the"}:
        return m.start()
    return m.start("wd_d" if family == Family.WEEKDAY else "mo_m")


_REL_GROUPS = {Family.MONTH: "mo_rel", Family.SEASON: "se_rel", Family.QUARTER: "q_rel"}


def _deictic(m: re.Match[str], family: Family) -> bool:
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


def _opening_year(
    raws: list[Candidate], sentence: tuple[int, int], text: str, ref: dt.date
) -> int | None:
    """The past year a sentence opens with ('In 2022, ...', 'In March 2024, ...')."""
    first = None
    for r in _sentence_raws(raws, sentence):
        first = r
    if (
        first is None
        or not first.explicit
        or first.family not in {Family.YEAR, Family.MONTH_YEAR}
        or first.res.start is None
        or first.res.start.year >= ref.year
        or not _OPENING.fullmatch(text, sentence[0], first.start)
    ):
        return None
    return first.res.start.year


def _in_year(res: rv.Resolved, year: int) -> rv.Resolved:
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


def _frame_tense(
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


def _past_anchor(raws: list[Candidate], sentence: tuple[int, int], ref: dt.date) -> dt.date | None:
    """The past date a sentence tells of ('When the ceasefire was signed on Jan. 19')."""
    for r in _sentence_raws(raws, sentence):
        start = r.res.start
        if start is not None and start < ref and (r.cues.tense == "past" or r.explicit):
            return start
    return None


def _day_anchor(raws: list[Candidate], sentence: tuple[int, int], ref: dt.date) -> dt.date | None:
    """A day of the past week this sentence reports ('A judge on Wednesday ordered')."""
    for r in _sentence_raws(raws, sentence):
        start = r.res.start
        if (
            r.family in DAY_FAMILIES
            and start is not None
            and r.res.end is None
            and ref - dt.timedelta(days=7) <= start < ref
        ):
            return start
    return None


_AND_GAP = re.compile(r"[ \t]{1,3}(?:and|or|&)[ \t]{1,3}")
_YEAR_BY_TENSE = frozenset({Family.MONTH_DAY, Family.DAY_MONTH, Family.MONTH, Family.HOLIDAY})
_RANGE_GAP = re.compile(r"[ \t]{1,3}(?:until|till|to|through|thru)[ \t]{1,3}|[ \t]?[-\u2013][ \t]?")


def _merge_ranges(raws: list[Candidate], text: str) -> list[Candidate]:
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


def _reread(r: Candidate, text: str, lower: str | None = None) -> Candidate:
    """Cues for a merged span, read around the whole of it (its tense stays)."""
    lo, hi = r.clause
    lo = min(lo, r.start)
    hi = max(hi, r.end)
    cues = read_cues(text, lo, r.start, r.end, hi, lower)
    cues.tense = r.cues.tense or cues.tense  # a fresh Cues: its own to change
    r.cues = cues  # raws are rebuilt per call: nothing else holds r
    return r


def _merge_times(raws: list[Candidate], text: str) -> list[Candidate]:
    """Join a time with the day next to it: '12:01 a.m. ET on Aug. 1', 'Friday at 5 p.m.'."""
    out: list[Candidate] = []
    i = 0
    while i < len(raws):
        r = raws[i]
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if nxt is not None and nxt.start - r.end <= 8:
            gap = text[r.end : nxt.start]
            if (
                r.family == Family.TIME
                and nxt.family in DAY_FAMILIES
                and _TIME_THEN_DATE.fullmatch(gap)
            ):
                out.append(_with_time(nxt, r, r.start, nxt.end))
                i += 2
                continue
            if (
                r.family in DAY_FAMILIES
                and nxt.family == Family.TIME
                and _DATE_THEN_TIME.fullmatch(gap)
            ):
                out.append(_with_time(r, nxt, r.start, nxt.end))
                i += 2
                continue
        if r.family == Family.TIME:
            # a lone time belongs to the last day named in its sentence, or failing
            # that before it in the paragraph ("The council meets on Thursday. ... A
            # press conference follows at 14:45 CET")
            anchor = _last_day_in_sentence(out, r.sentence) or _last_day_in_paragraph(
                out, r.start, text
            )
            if anchor is not None:
                r = _with_time(anchor, r, r.start, r.end)
            else:
                r.penalty += 0.45  # which day is unknown
        out.append(r)
        i += 1
    return out


def _with_time(day_raw: Candidate, time_raw: Candidate, start: int, end: int) -> Candidate:
    d = day_raw.res.start
    t = time_raw.res.time
    assert d is not None and t is not None
    if time_raw.res.value.endswith("T24:00"):
        value = f"{d.isoformat()}T24:00"
    else:
        value = f"{d.isoformat()}T{t[0]:02d}:{t[1]:02d}"
    res = replace(
        day_raw.res, time=t, zone=time_raw.res.zone, value=value, timex_type="TIME", end=None
    )
    # the richer cues of the two
    cues = (
        day_raw.cues if day_raw.cues.kind_strength >= time_raw.cues.kind_strength else time_raw.cues
    )
    # merged: its cues are read again over the whole ("by 6 p.m. Sunday")
    return Candidate(
        start, end, Family.MONTH_DAY, res, cues, day_raw.sentence, day_raw.clause, merged=True
    )


_BASE_CONFIDENCE = {
    "day": 0.55,
    "time": 0.5,
    "week": 0.3,
    "weekend": 0.35,
    "month": 0.35,
    "quarter": 0.3,
    "half": 0.25,
    "season": 0.3,
    "year": 0.25,
    "decade": 0.1,
    "century": 0.1,
    "ref": 0.1,
}
_STRONG_KINDS = frozenset({Kind.DEADLINE, Kind.EXPIRY, Kind.EFFECTIVE, Kind.FILING, Kind.VOTE})


_SUPERSEDED_CAP = 0.3  # a schedule that no longer holds
_HYPOTHETICAL_CAP = 0.4  # a date under a condition
_MODIFIER_CAP = 0.3  # a weekday naming a kind of thing ("Monday classes")
_UNKNOWN_START_CAP = 0.3  # a period counted from an event whose day is not given
_REFERENCE_CAP = 0.45  # a calendar reference ("whose fiscal year ends in June")
_VAGUE_CAP = 0.45  # a period too vague to alert on: "early 2026", "next week", "by spring"
_STRONG_CAP = 0.7  # a month or quarter fixed by a strong cue: "takes effect in April 2027"


_STRENGTH_BONUS: dict[int, float] = {2: 0.3, 1: 0.15, 0: -0.1}
_TENSE_BONUS: dict[str | None, float] = {"future": 0.1, "present": 0.05, "past": -0.2, None: 0.0}


def _confidence(raw: Candidate) -> float:
    """How sure we are that this is a date worth tracking; 0.5 is the default bar."""
    res, cues = raw.res, raw.cues
    gran = res.granularity
    base = _BASE_CONFIDENCE.get(gran, 0.3)
    if res.point_end:
        base = _BASE_CONFIDENCE["day"]  # "the end of the year" is a point, if a vague one
    if res.timex_type == "DURATION":
        base = 0.5
    if raw.family == Family.HOLIDAY:
        base = 0.45  # more often a reference point than a deadline
    score = base + _STRENGTH_BONUS[cues.kind_strength]
    score += _TENSE_BONUS[cues.tense]
    if cues.modal:
        score -= 0.1
    if cues.hedge:
        score -= 0.1
    score -= raw.penalty
    score = min(score, raw.cap)
    if cues.superseded or cues.called_off:
        score = min(score, _SUPERSEDED_CAP)  # "had been due to start on Friday"
    if cues.hypothetical and cues.kind not in _STRONG_KINDS:
        # "if ..., it would touch down around July 19": a forecast under a condition; a
        # rule or duty under one still has its date ("if approved, would take effect May 1")
        score = min(score, _HYPOTHETICAL_CAP)
    if gran not in {"day", "time"} and res.timex_type != "DURATION":
        # a strong kind named outright, or "by <the end of the year>" (a deadline by syntax)
        # ("by March" stays a vague period, as "by spring" is)
        by_deadline = cues.kind is Kind.DEADLINE and res.point_end
        strong = cues.kind in _STRONG_KINDS and (cues.kind_strength == 2 or by_deadline)
        # "early December", "mid-2026": vague even with a strong cue
        fixable = (gran in {"month", "quarter"} and (res.mod is None or res.point_end)) or (
            res.point_end and gran == "year"
        )
        score = min(score, _STRONG_CAP if strong and fixable else _VAGUE_CAP)
    return max(0.05, min(0.98, score))


def _iso_out(d: dt.date, time: tuple[int, int] | None, zone: str | None, tz: str) -> str:
    if time is None:
        return d.isoformat()
    hour, minute = time
    if zone and zone.startswith("offset:"):
        tzinfo: dt.tzinfo = dt.timezone(dt.timedelta(minutes=int(zone.split(":")[1])))
    else:
        tzinfo = ZoneInfo(zone or tz)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=tzinfo).isoformat()


def _is_future(res: rv.Resolved, ref: dt.date, tense: str | None) -> bool:
    if res.value == "FUTURE_REF":
        return True
    if res.start is None or res.value == "PRESENT_REF":
        return False
    forward = tense in {"future", "present"}
    if res.point_end or res.end is None:
        point = res.end if res.point_end and res.end else res.start
        return point > ref or (point == ref and tense == "future")
    return res.start > ref or (res.end >= ref and forward)


def reference_date(published: dt.date | dt.datetime, tz: str) -> dt.date:
    """The publication day in the given zone: the anchor of every relative expression."""
    if isinstance(published, dt.datetime):
        if published.tzinfo is not None:
            return published.astimezone(ZoneInfo(tz)).date()
        return published.date()
    return published


def analyse(text: str, published: dt.date | dt.datetime, tz: str = "UTC") -> list[TemporalMention]:
    """Every temporal expression, including 'the past' / 'the future' (date None)."""
    ZoneInfo(tz)  # fail early on an unknown zone
    ref = reference_date(published, tz)
    sents = Sentences(text)
    lower: str | None = text.lower()
    if lower is not None and len(lower) != len(text):
        lower = None  # a character whose lower case is longer: offsets would shift
    raws: list[Candidate] = []
    last_day: Candidate | None = None
    opening: dict[tuple[int, int], int | None] = {}  # the past year a sentence opens with
    breaks: dict[tuple[int, int], tuple[list[int], list[int]]] = {}  # per sentence
    for m in scan(text):
        if m.lastgroup is None:
            continue
        family = FAMILY_OF[m.lastgroup]
        if family in GATED and rejected_on_sight(m, family, text):
            continue  # what its handler refuses whatever the cues: no cues to read
        start0 = _trimmed_start(m, family, text) if family in _TRIMMED else m.start()
        sentence = sents.span(start0)
        s_start, s_end = sentence
        if sentence not in breaks:
            breaks[sentence] = clause_breaks(text, s_start, s_end)
        lo, hi = clause_in(text, breaks[sentence], s_start, s_end, start0, m.end())
        cues = read_cues(text, lo, start0, m.end(), hi, lower)
        if cues.tense is None:
            # no verb speaks: the sentence's earlier date sets the frame ("In 2008, the
            # Fed cut rates within three months"; "the final for Sunday")
            cues.tense = _frame_tense(raws, sentence, (lo, hi), ref)  # cues: this mention's own
        if cues.superseded and family in _YEAR_BY_TENSE:
            # "were supposed to submit plans by Feb. 10": a schedule that has passed
            cues.tense = "past"  # (and so no past frame: that needs a future)
        anchor_day = _day_anchor(raws, sentence, ref) if family == Family.IN_RELATIVE else None
        ctx = Context(text, ref, cues, start0, last_day, anchor_day)
        if family in _FRAMED and cues.past_frame and not _deictic(m, family):
            # a future seen from the past ("few expected it to last until the spring"):
            # counted from the past date the sentence tells of, not from publication
            anchor = _past_anchor(raws, sentence, ref)
            if anchor is not None:
                ctx.ref = anchor
            else:  # seen from an unknown past moment: it may lie either side of publication
                ctx.cues = replace(cues, tense="present")
        got = HANDLERS[family](m, ctx)
        if got is None:
            continue
        res, start, end = got
        yearless = (family == Family.MONTH_DAY and not m["md_y"]) or (
            family == Family.DAY_MONTH and not m["dm_y"]
        )
        if (yearless or family == Family.MONTH) and cues.tense != "future":
            if sentence not in opening:
                opening[sentence] = _opening_year(raws, sentence, text, ref)
            year = opening[sentence]
            if year is not None and res.start is not None and res.start.year != year:
                res = _in_year(res, year)  # "In 2022, Ian struck near Fort Myers on Sept. 28"
        penalty = 0.0
        if family == Family.HOLIDAY and (
            _MODIFIER_USE.match(text, end)
            or _REFERENCE_POINT.search(text, max(0, start - 16), start)
        ):
            penalty = 0.4  # "the Christmas recess", "the day after Thanksgiving"
        cap = 1.0
        if family == Family.WEEKDAY and _WEEKDAY_MODIFIER.match(text, end):
            cap = _MODIFIER_CAP  # "a decision on Monday classes": a kind of class, not a day
        if family == Family.MONTH and _FISCAL_REFERENCE.search(text, max(0, start - 48), start):
            cap = _REFERENCE_CAP  # "whose fiscal year ends in June": a calendar, not an event
        if cues.weather:
            penalty += 0.5  # a forecast ("snow is expected to begin tonight"), not a deadline
        raw = Candidate(
            start, end, family, res, cues, sentence, (lo, hi), yearless, penalty, False, cap
        )
        raw.match = m
        if family == Family.RELATIVE_UNIT and m["ru_rel"] and _ANAPHORIC.search(m["ru_rel"]):
            raw.anaphor = (m["ru_u"].lower(), m["ru_mod"])
        if family == Family.IN_RELATIVE and m["in_n"] and _OF_EVENT.match(text, end):
            raw.of_event = (rv.number(m["in_n"]) or 0, rv.unit_of(m["in_u"]))
        raws.append(raw)
        if family in DAY_FAMILIES and res.start is not None:
            last_day = raw
    raws = _resolve_anaphors(raws)
    _count_from_events(raws)
    raws = _merge_ranges(_merge_times(_merge_years(raws, text), text), text)
    raws = [_reread(r, text, lower) if r.merged else r for r in raws]
    mentions = [_mention(r, text, ref, tz, lower) for r in raws]
    return _demote_vague_duplicates(mentions)


def _mention(
    r: Candidate, text: str, ref: dt.date, tz: str, lower: str | None = None
) -> TemporalMention:
    res = r.res
    date_s: str | None = None
    end_s: str | None = None
    if res.start is not None:
        if res.point_end and res.end is not None:
            date_s = _iso_out(res.end, res.time, res.zone, tz)
        else:
            date_s = _iso_out(res.start, res.time, res.zone, tz)
            end_s = res.end.isoformat() if res.end is not None else None
    lo, hi = r.clause
    b0 = max(lo, r.start - 240)
    title = title_of(
        text[b0 : r.start],
        text[r.end : min(hi, r.end + 200)],
        r.cues.cue_after,
        lower[b0 : r.start] if lower is not None else None,
    )
    kind: Kind = r.cues.kind
    return TemporalMention(  # positional (in the order of the fields): cheaper than keywords
        text[r.start : r.end],
        r.start,
        r.end,
        date_s,
        end_s,
        kind,
        _is_future(res, ref, r.cues.tense),
        title,
        _confidence(r),
        text[r.sentence[0] : r.sentence[1]],
        res.value,
        res.timex_type,
        res.mod,
    )


def _demote_vague_duplicates(mentions: list[TemporalMention]) -> list[TemporalMention]:
    """A period ('next week') that holds a precise future date of the same kind repeats it."""
    precise = sorted(
        (m.date[:10], m.kind)
        for m in mentions
        if m.future and m.date is not None and m.end_date is None and m.kind is not Kind.OTHER
    )
    if not precise:
        return mentions
    days = [d for d, _ in precise]
    out = []
    for m in mentions:
        if m.future and m.date is not None and m.end_date is not None:
            i = bisect.bisect_left(days, m.date[:10])
            j = bisect.bisect_right(days, m.end_date)
            if any(k == m.kind for _, k in precise[i:j]):
                m = replace(m, confidence=round(m.confidence * 0.6, 2))
        out.append(m)
    return out


def extract(text: str, published: dt.date | dt.datetime, tz: str = "UTC") -> list[TemporalMention]:
    """The temporal expressions of `text` that have a calendar position, in text order.

    `published` anchors every relative or year-less expression; `tz` is the zone
    for stated times without a zone and for reading an aware `published`.
    """
    return [m for m in analyse(text, published, tz) if m.date is not None]
