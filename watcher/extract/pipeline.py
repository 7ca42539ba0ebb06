"""analyse(text, published) -> mentions, as the steps it takes.

1. scan: one pass of the combined pattern finds candidate spans (grammar/scan.py);
2. for each, the cues of its clause (cues/), the frame its sentence sets (frame.py)
   and its family's handler (families/) give a resolved `Candidate`;
3. merge passes join what belongs together: a date and its year, a time and its day,
   two days into a range, "the following week" and the day it follows (merge.py);
4. each candidate becomes a `TemporalMention` with its kind, title (cues/title.py),
   confidence (score.py) and whether it lies after publication.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from watcher.core.kinds import Kind
from watcher.extract import resolve as rv
from watcher.extract.candidate import (
    DAY_FAMILIES,
    DAY_MONTH,
    FAMILY_OF,
    HOLIDAY,
    IN_RELATIVE,
    MONTH,
    MONTH_DAY,
    RELATIVE_UNIT,
    Candidate,
    Context,
)
from watcher.extract.cues import read_cues
from watcher.extract.cues.clause import clause_breaks, clause_in
from watcher.extract.cues.title import title_of
from watcher.extract.events import (
    date_election_days,
    date_weekdays_around_events,
    reporting_day,
)
from watcher.extract.families import HANDLERS, TRIMMED, trimmed_start
from watcher.extract.families.periods import GATED, rejected_on_sight
from watcher.extract.frame import (
    FRAMED,
    YEAR_BY_TENSE,
    day_anchor,
    deictic,
    frame_tense,
    in_year,
    opening_year,
    past_anchor,
)
from watcher.extract.grammar.scan import scan
from watcher.extract.merge import (
    count_from_events,
    merge_counted_days,
    merge_fiscal_quarters,
    merge_ranges,
    merge_times,
    merge_weekday_around_day,
    merge_years,
    reread,
    resolve_anaphors,
)
from watcher.extract.model import TemporalMention, mention
from watcher.extract.score import cap, confidence, demote_vague_duplicates, penalty
from watcher.extract.sentences import Sentences

# Mentions at or above this confidence are the ones worth tracking as deadlines.
DEFAULT_MIN_CONFIDENCE = 0.5

_ANAPHORIC = re.compile(r"(?i)\b(?:following|subsequent)$")  # "the following week"
_OF_EVENT = re.compile(r"[ \t]+(?:of|after|from|following)[ \t]")  # "within 10 days of"


def _iso_out(d: dt.date, time: tuple[int, int] | None, zone: str | None, tz: str) -> str:
    """The ISO date, or date-time with its offset when a time is stated."""
    if time is None:
        return d.isoformat()
    hour, minute = time
    if zone and zone.startswith("offset:"):
        tzinfo: dt.tzinfo = dt.timezone(dt.timedelta(minutes=int(zone.split(":")[1])))
    else:
        tzinfo = ZoneInfo(zone or tz)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=tzinfo).isoformat()


def _is_future(res: rv.Resolved, ref: dt.date, tense: str | None) -> bool:
    """Whether the date (its end, for a point at a period's end) lies after publication."""
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
    lower: str | None = text.lower()
    if lower is not None and len(lower) != len(text):
        lower = None  # a character whose lower case is longer: offsets would shift
    raws = _candidates(text, ref, lower, tz)
    raws = resolve_anaphors(raws)
    if any(r.family is HOLIDAY and r.res.start is None for r in raws):
        date_election_days(raws, text)  # "by polling day": the election's day
    date_weekdays_around_events(raws, text)  # "the Monday before the election"
    if count_from_events(raws, text):
        raws = merge_counted_days(raws, text)
    raws = merge_fiscal_quarters(merge_weekday_around_day(merge_years(raws, text), text), text)
    raws = merge_ranges(merge_times(raws, text), text)
    raws = [reread(r, text, lower) if r.merged else r for r in raws]
    mentions = [_mention(r, text, ref, tz, lower) for r in raws]
    return demote_vague_duplicates(mentions)


def _candidates(text: str, ref: dt.date, lower: str | None, tz: str = "UTC") -> list[Candidate]:
    """Steps 1 and 2: each match of the scan, read in its clause and sentence, resolved."""
    sents = Sentences(text)
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
        start0 = trimmed_start(m, family, text) if family in TRIMMED else m.start()
        sentence = sents.span(start0)
        s_start, s_end = sentence
        if sentence not in breaks:
            breaks[sentence] = clause_breaks(text, s_start, s_end)
        lo, hi = clause_in(text, breaks[sentence], s_start, s_end, start0, m.end())
        cues = read_cues(text, lo, start0, m.end(), hi, lower)
        if cues.tense is None:
            # no verb speaks: the sentence's earlier date sets the frame ("In 2008, the
            # Fed cut rates within three months"; "the final for Sunday")
            cues.tense = frame_tense(raws, sentence, (lo, hi), ref)  # cues: this mention's own
        if cues.superseded and family in YEAR_BY_TENSE:
            # "were supposed to submit plans by Feb. 10": a schedule that has passed
            cues.tense = "past"  # (and so no past frame: that needs a future)
        anchor_day = day_anchor(raws, sentence, ref) if family == IN_RELATIVE else None
        ctx = Context(text, ref, cues, start0, last_day, anchor_day, tz)
        if family in FRAMED and cues.past_frame and not deictic(m, family):
            # a future seen from the past ("few expected it to last until the spring"):
            # counted from the past date the sentence tells of, not from publication
            anchor = past_anchor(raws, sentence, ref)
            if anchor is not None:
                ctx.ref = anchor
            else:  # seen from an unknown past moment: it may lie either side of publication
                ctx.cues = cues.with_tense("present")
        got = HANDLERS[family](m, ctx)
        if got is None:
            continue
        res, start, end = got
        yearless = (family == MONTH_DAY and not m["md_y"]) or (
            family == DAY_MONTH and not m["dm_y"]
        )
        if (yearless or family == MONTH) and cues.tense != "future":
            if sentence not in opening:
                opening[sentence] = opening_year(raws, sentence, text, ref)
            year = opening[sentence]
            if year is not None and res.start is not None and res.start.year != year:
                res = in_year(res, year)  # "In 2022, Ian struck near Fort Myers on Sept. 28"
        raw = Candidate(
            start,
            end,
            family,
            res,
            cues,
            sentence,
            (lo, hi),
            yearless,
            penalty(family, text, start, end, cues.weather),
            False,
            cap(family, text, start, end),
        )
        raw.match = m
        if start < start0:  # the handler took words before the match ("fiscal year 2027")
            raw.merged = True  # its cues are read again over the whole
        if family == RELATIVE_UNIT and m["ru_rel"] and _ANAPHORIC.search(m["ru_rel"]):
            raw.anaphor = (m["ru_u"].lower(), m["ru_mod"])
        if family == IN_RELATIVE:
            if m["in_n"] and _OF_EVENT.match(text, end):
                raw.of_event = (rv.number(m["in_n"]) or 0, rv.unit_of(m["in_u"]))
            elif m["fr_notice"] and m["fr_n"]:
                raw.of_event = (rv.number(m["fr_n"]) or 0, rv.unit_of(m["fr_u"]))
            elif m["af_dir"]:
                n, unit = (
                    (1, "day")
                    if m["af_day"]
                    else (rv.number(m["fr_n"]) or 0, rv.unit_of(m["fr_u"]))
                )
                back = m["af_dir"].lower() in {"before", "preceding"}
                raw.of_event = (-n if back else n, unit)
        raws.append(raw)
        if family in DAY_FAMILIES and res.start is not None and not reporting_day(text, start):
            last_day = raw  # (not "the company said on Tuesday": the report's day, not the story's)
    return raws


def _mention(
    r: Candidate, text: str, ref: dt.date, tz: str, lower: str | None = None
) -> TemporalMention:
    """Step 4: the mention a candidate makes (the one place its title is built)."""
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
    return mention(  # positional (in the order of the fields): cheaper than keywords
        text[r.start : r.end],
        r.start,
        r.end,
        date_s,
        end_s,
        kind,
        _is_future(res, ref, r.cues.tense),
        title,
        confidence(r),
        text[r.sentence[0] : r.sentence[1]],
        res.value,
        res.timex_type,
        res.mod,
        r.cues.hypothetical,
    )


def extract(text: str, published: dt.date | dt.datetime, tz: str = "UTC") -> list[TemporalMention]:
    """The temporal expressions of `text` that have a calendar position, in text order.

    `published` anchors every relative or year-less expression; `tz` is the zone
    for stated times without a zone and for reading an aware `published`.
    """
    return [m for m in analyse(text, published, tz) if m.date is not None]
