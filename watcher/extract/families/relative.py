"""Families counted from publication: "three weeks ago", "within 30 days", "today",
"now" / "the past" / "the future"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from watcher.core.kinds import Kind
from watcher.extract import resolve as rv
from watcher.extract.candidate import Context
from watcher.extract.grammar.text import norm, prev_word

_INREL_BLOCK = re.compile(
    r"\b(?:first|time|times|since|highest|lowest|biggest|worst|best|most|least|largest|"
    r"strongest|weakest|fastest|slowest|record|only|once|twice|again|ever|second|third|"
    r"another|latest|last)\b[^.;]{0,20}$",
    re.IGNORECASE,
)


def ago(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    n = rv.number(m["ag_n"])
    if n is None:
        return None
    unit = rv.unit_of(m["ag_u"])
    if unit == "hour":
        return rv.day(c.ref), m.start(), m.end()
    return rv.ago(n, unit, c.ref), m.start(), m.end()


def in_relative(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    if m["fr_wd"]:
        # "a week from Thursday": counted from the next Thursday (the words say ahead)
        n = rv.number(m["fr_n"]) if m["fr_n"] else None
        if n is None:
            return None
        wd = rv.weekday_date(rv.weekday_number(m["fr_wd"]), c.ref, "future", None)
        c.cues.tense = "future"
        return rv.day(rv.shift(wd, n, rv.unit_of(m["fr_u"]))), m.start(), m.end()
    if m["fr_now"]:
        if m["af_day"]:
            return None  # "the day from now" is no expression
        n, unit = rv.number(m["fr_n"]), rv.unit_of(m["fr_u"])
        if n is None:
            return None
        res = rv.in_units(n, unit, c.ref)
        return (
            replace(res, timex_type="DATE", value=res.start.isoformat() if res.start else ""),
            m.start(),
            m.end(),
        )
    if m["fr_later"]:
        # "a week later", "two days after that": from the day the text last named (not
        # when the day follows: "a week later, on Dec. 16" names it)
        last = c.last_day
        n = 1 if m["af_day"] else rv.number(m["fr_n"])
        if n is None or last is None or last.res.start is None:
            return None
        if _DAY_NAMED_AFTER.match(c.text, m.end()):
            return None
        unit = "day" if m["af_day"] else rv.unit_of(m["fr_u"])
        if unit == "hour":
            return None
        return rv.day(rv.shift(last.res.start, n, unit)), m.start(), m.end()
    if m["af_dir"]:
        # "30 days after the vote on Nov. 3": merge.count_from_events counts from the day
        # the sentence names after it; until then (and without one) from publication
        n = 1 if m["af_day"] else rv.number(m["fr_n"])
        if n is None or prev_word(c.text, m.start()) == "for":
            return None  # "deliberated for 7 hours before ...": how long, not when
        unit = "day" if m["af_day"] else rv.unit_of(m["fr_u"])
        return rv.in_units(n, unit, c.ref), m.start(), m.end()
    if m["fr_notice"]:
        # "served 30 days' notice on Nov. 14": merge.count_from_events counts from that day
        n = rv.number(m["fr_n"]) if m["fr_n"] else None
        unit = rv.unit_of(m["fr_u"]) if m["fr_u"] else "hour"
        if n is None or unit == "hour":
            return None
        c.cues.tense = "future"  # what runs out when the notice ends is ahead of its serving
        return rv.in_units(n, unit, c.ref), m.start(), m.end()
    prep = norm(m["in_p"])
    n = rv.number(m["in_n"])
    if n is None:
        return None
    unit = rv.unit_of(m["in_u"])
    if prep == "by":
        # "extend the framework, which was due to expire on Dec. 31, by six months": the
        # day named between the verb that moves it and "by" (nothing else: "won by a
        # day", "due July 1, after lawmakers delayed the start by a year")
        last = c.last_day
        if (
            unit == "hour"
            or last is None
            or last.res.start is None
            or last.sentence[1] < m.end()  # the day is in this sentence
            or not _MOVE_VERB.search(c.text, last.sentence[0], last.start)
            or _DAY_NAMED_AFTER.match(c.text, m.end())  # "pushed back by one week, to Dec. 19"
        ):
            return None
        base = last.res.end or last.res.start
        # the new date holds what the old one did ("was due to expire"): its kind, not its past
        c.cues.superseded, c.cues.tense = False, "future"
        if last.cues.kind_strength > c.cues.kind_strength:
            c.cues.kind, c.cues.kind_strength = last.cues.kind, last.cues.kind_strength
        return rv.day(rv.shift(base, n, unit)), m.start(), m.end()
    if c.cues.tense == "past":
        return None
    if prep in {"in", "after"} and _INREL_BLOCK.search(c.text, max(0, m.start() - 60), m.start()):
        return None
    if prep == "after" and _SPENT_PERIOD.match(c.text, m.end()):
        return None  # "after a year in which its plans fell behind": a time gone by
    # "a judge on Wednesday ordered ... within 30 days": the clock starts with the order
    base = c.day_anchor if c.day_anchor is not None and unit != "hour" else c.ref
    if prep in {"within", "no later than"} and c.cues.kind_strength < 2:
        # a deadline by its syntax, as "by Friday" is, unless a cue names the kind
        c.cues.kind, c.cues.kind_strength = Kind.DEADLINE, 1
    return rv.in_units(n, unit, base), m.start(), m.end()


_MOVE_VERB = re.compile(
    r"\b(?:extend\w*|delay\w*|postpon\w*|push\w*[ \t]+back|defer\w*|prolong\w*)\b",
    re.IGNORECASE,
)


_SPENT_PERIOD = re.compile(r"[ \t]+(?:of|in[ \t]+which|during[ \t]+which|when|spent)\b")


_DAY_NAMED_AFTER = re.compile(r",?[ \t]{1,3}(?:on|in|to|until)[ \t]{1,3}[A-Z0-9]")


_DAYWORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


_AFTER_WORDS = frozenset({"following", "next", "after"})
_BEFORE_WORDS = frozenset({"previous", "before"})
_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


def day_anaphor(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    """'the same day', 'the following morning', 'that evening', 'the day before': a day
    counted from the last day the text named (none named: no date to give). "Later in
    the day" names no day to go back to: in a paragraph that names none and speaks of now
    or later it is later today ("Later in the day, Oracle reports")."""
    last = c.last_day
    words = norm(m["dw_a"]).split()
    step = 1 if _AFTER_WORDS.intersection(words) else -1 if _BEFORE_WORDS.intersection(words) else 0
    if (
        words[:3] == ["later", "in", "the"]
        and c.cues.tense != "past"
        and (last is None or "\n" in c.text[last.end : m.start()])
    ):
        base = c.ref
    elif last is None or last.res.start is None:
        return None
    else:
        base = last.res.end if step > 0 and last.res.end is not None else last.res.start
    d = base + dt.timedelta(days=step)
    res = rv.day(d)
    part = words[-1] if words[-1] in _PARTS else None
    if part:
        res = replace(res, value=f"{d.isoformat()}T{rv.part_of_day(part)}", timex_type="TIME")
    return res, m.start(), m.end()


def day_word(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    if m["dw_a"]:
        return day_anaphor(m, c)
    w = norm(m["dw_w"])
    part = m["dw_p"]
    if w in _DAYWORDS:
        d = c.ref + dt.timedelta(days=_DAYWORDS[w])
        if w == "tonight":
            part = "night"
    elif w == "the day after tomorrow":
        d = c.ref + dt.timedelta(days=2)
    elif w == "the day before yesterday":
        d = c.ref - dt.timedelta(days=2)
    elif w == "last night":
        d, part = c.ref - dt.timedelta(days=1), "night"
    else:  # this morning / afternoon / evening
        d, part = c.ref, w.split()[1]
    res = rv.day(d)
    if part:
        res = replace(res, value=f"{d.isoformat()}T{rv.part_of_day(part)}", timex_type="TIME")
    return res, m.start(), m.end()


_REFS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the present day": "PRESENT_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
}


def reference(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    w = norm(m["rf_w"])
    value = _REFS[w]
    after = c.text[m.end() : m.end() + 20]
    if value == "PAST_REF" and re.match(
        r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|decade|year|month|week|day|century)",
        after,
        re.IGNORECASE,
    ):
        return None
    if value == "FUTURE_REF" and re.match(r"\s+of\b", after):
        return None
    start = c.ref if value == "PRESENT_REF" else None
    return rv.Resolved(start, None, value, granularity="ref"), m.start(), m.end()
