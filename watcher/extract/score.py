"""How sure we are that a mention is a date worth tracking: its confidence, from its
granularity, cues and caps, and the penalties some families carry."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from watcher.core.kinds import Kind
from watcher.extract.candidate import (
    DAY_MONTH,
    HOLIDAY,
    IN_RELATIVE,
    MONTH,
    MONTH_DAY,
    MONTH_YEAR,
    WEEKDAY,
    Candidate,
    Family,
)
from watcher.extract.model import TemporalMention

_FISCAL_REFERENCE = re.compile(
    r"\b(?:fiscal|financial|tax|school|academic)[ \t]+years?[ \t]+(?:that[ \t]+)?"
    r"(?:ends?|ending|ended|begins?|beginning|began|starts?|starting|started|runs?)"
    r"(?:[ \t]+(?:in|on))?[ \t]+$",
    re.IGNORECASE,
)


_MODIFIER_USE = re.compile(r"[ \t]+(?!and\b|or\b|to\b|in\b|on\b|at\b|is\b|was\b|will\b)[a-z]")


_REFERENCE_POINT = re.compile(
    r"\b(?:after|before|since|ahead\s+of|around|clear\s+of)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
)


# A weekday used as a modifier: followed at once by a lower-case plural noun ("Monday
# classes", "Friday prayers"), not by a verb in -s ("Friday marks the ...").
_WEEKDAY_MODIFIER = re.compile(
    r"[ \t]+(?!(?:is|was|has|does|says|sees|marks|brings|comes|gives|makes|looks|seems|"
    r"means|remains|starts|begins|ends|opens|closes|follows|sets|as|his|its|this|thus|"
    r"plus|less|unless|across|yes)\b)[a-z]{2,}[^s's]s\b"
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


UNKNOWN_START_CAP = 0.3  # a period counted from an event whose day is not given


_REFERENCE_CAP = 0.45  # a calendar reference ("whose fiscal year ends in June")


_VAGUE_CAP = 0.45  # a period too vague to alert on: "early 2026", "next week", "by spring"


_STRONG_CAP = 0.7  # a month or quarter fixed by a strong cue: "takes effect in April 2027"


_STRENGTH_BONUS: dict[int, float] = {2: 0.3, 1: 0.15, 0: -0.1}


_TENSE_BONUS: dict[str | None, float] = {"future": 0.1, "present": 0.05, "past": -0.2, None: 0.0}


def confidence(raw: Candidate) -> float:
    """How sure we are that this is a date worth tracking; 0.5 is the default bar."""
    res, cues = raw.res, raw.cues
    gran = res.granularity
    base = _BASE_CONFIDENCE.get(gran, 0.3)
    if res.point_end:
        base = _BASE_CONFIDENCE["day"]  # "the end of the year" is a point, if a vague one
    if res.timex_type == "DURATION":
        base = 0.5
    if raw.family == HOLIDAY:
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


def demote_vague_duplicates(mentions: list[TemporalMention]) -> list[TemporalMention]:
    """A period ('next week') that holds a precise future date of the same kind repeats it."""
    precise = sorted(
        (m.date[:10], m.kind)
        for m in mentions
        if m.future
        and m.date is not None
        and m.end_date is None
        and m.kind is not Kind.OTHER
        and m.confidence > UNKNOWN_START_CAP  # not a day counted from an unknown start
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


def penalty(family: Family, text: str, start: int, end: int, weather: bool) -> float:
    """What a candidate's family and setting take off its confidence."""
    taken = 0.0
    if family == HOLIDAY and (
        _MODIFIER_USE.match(text, end) or _REFERENCE_POINT.search(text, max(0, start - 16), start)
    ):
        taken = 0.4  # "the Christmas recess", "the day after Thanksgiving"
    if weather:
        taken += 0.5  # a forecast ("snow is expected to begin tonight"), not a deadline
    return taken


# A period named by its last day is a label, not an event: "its outlook for the year
# ending March 2026", "results for the three months ended Oct. 31"
_PERIOD_LABEL = re.compile(
    r"\b(?:year|quarter|half|months|weeks)[ \t]+(?:ending|ended)"
    r"(?:[ \t]+(?:on|in))?[ \t]+$",
    re.IGNORECASE,
)
# A stretch ahead, not a day: "data due over the next three weeks"
_STRETCH = re.compile(r"(?i:over|for|in)[ \t]+the[ \t]+next[ \t]")
_LABELLED = frozenset({MONTH, MONTH_DAY, DAY_MONTH, MONTH_YEAR})


def cap(family: Family, text: str, start: int, end: int) -> float:
    """The most confidence a candidate can have, from its family and setting."""
    most = 1.0
    if (
        family in _LABELLED
        and text.find("nd", max(0, start - 12), start) >= 0  # (cheap: "ending", "ended")
        and _PERIOD_LABEL.search(text, max(0, start - 48), start)
    ):
        most = _REFERENCE_CAP
    if family == IN_RELATIVE and _STRETCH.match(text, start):
        most = _VAGUE_CAP
    if family == WEEKDAY and _WEEKDAY_MODIFIER.match(text, end):
        most = _MODIFIER_CAP  # "a decision on Monday classes": a kind of class, not a day
    if (
        family == MONTH
        # (cheap: the pattern needs "year", whose letters its (?i) matches in two cases only)
        and "year" in text[max(0, start - 48) : start].lower()
        and _FISCAL_REFERENCE.search(text, max(0, start - 48), start)
    ):
        most = _REFERENCE_CAP  # "whose fiscal year ends in June": a calendar, not an event
    return most
