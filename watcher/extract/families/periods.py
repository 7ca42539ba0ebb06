"""Families that name a period: month and year, a month, a quarter or half, a season,
a relative unit ("next week"), a year or decade, a century."""

from __future__ import annotations

import datetime as dt
import re

from watcher.extract import resolve as rv
from watcher.extract.candidate import MONTH, RELATIVE_UNIT, SEASON, Context, Family
from watcher.extract.families.fiscal_quarters import company_quarter, fiscal_start
from watcher.extract.grammar.lexicon import (
    AMBIGUOUS_MONTHS,
    FISCAL_NAMED_BY_START,
    SOUTHERN_ZONES,
)
from watcher.extract.grammar.text import norm, prev_word

# Words before a stand-alone ambiguous month ("May", "June") that make it a date.
_MONTH_LEAD = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "through",
        "thru",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "of",
        "during",
        "before",
        "after",
        "from",
        "to",
        "between",
        "and",
        "or",
        "on",
        "for",
        "throughout",
        "around",
        "end",
        "beginning",
        "start",
        "since",
        "'til",
        "until",
        "including",
    ]
)


_SEASON_LEAD = frozenset(
    [
        "in",
        "this",
        "next",
        "last",
        "by",
        "until",
        "during",
        "early",
        "late",
        "the",
        "since",
        "through",
        "before",
        "after",
        "over",
        "around",
        "for",
    ]
)


_SEASON_NOT = re.compile(r"\s+(?:of|in|from)\b")


_WEEKEND_LEAD = frozenset(
    {"over", "through", "during", "for", "until", "by", "on", "at", "across", "throughout", "into"}
)


_CLAUSE_END = re.compile(r"[,.;:]")


_FALL_LEAD = frozenset({"this", "next", "last", "in", "by", "until", "early", "late", "the", "for"})


_COUNT_NOUNS = re.compile(
    r"[ \t]+(?:people|persons|troops|soldiers|workers|jobs|cases|deaths|units|homes|houses|"
    r"students|children|members|votes|points|feet|miles|meters|metres|km|kilometers|tons|tonnes|"
    r"barrels|shares|words|pages|cars|vehicles|employees|staff|residents|patients|acres|"
    r"percent|per\s+cent|times|calories|square|hectares|refugees|migrants|users|customers|"
    r"lbs|pounds|kg|dollars|euros|yuan|yen|rupees|ft|bpd|mw|mph|hp|cc|m|am|pm)\b",
    re.IGNORECASE,
)


_QUANTITY_BEFORE = re.compile(
    r"(?:about|some|nearly|almost|roughly|approximately|least|than|over|under|top|No\.|"
    r"[Nn]umber|Flight|Route|Highway|Room|Model|Windows|Office|Xbox)[ \t]+$"
)


_CLOCK_AFTER = re.compile(r"[ \t]*(?:GMT|UTC|ET|EST|EDT|BST|CET|hrs|h)\b")


_OLD_YEAR_LEAD = frozenset({"in", "since", "of", "from", "by", "until", "year", "around", "circa"})


def _year_for_period(first: dt.date, last: dt.date, ref: dt.date, tense: str | None) -> int:
    """Year shift (-1, 0, +1) for a year-less period such as 'the third quarter', 'summer'."""
    if first <= ref <= last:
        return 0
    if tense == "past" and first > ref:
        return -1
    if tense == "future" and last < ref:
        return 1
    return 0


def month_year(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    return (
        rv.month_period(int(m["my_y"]), rv.month_number(m["my_m"]), m["my_mod"]),
        m.start(),
        m.end(),
    )


def month(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    word = m["mo_m"]
    mod, rel = m["mo_mod"], m["mo_rel"]
    start = m.start()
    if c.start > start:  # "extended past March": a preposition, not "last"
        rel, start = None, c.start
    if mod is None and rel is None:
        if (
            word.rstrip(".").lower() in AMBIGUOUS_MONTHS
            and prev_word(c.text, m.start()) not in _MONTH_LEAD
        ):
            return None
        if word == "May" and _MAY_VERB.match(c.text, m.end(), m.end() + 12):
            return None
    month = rv.month_number(word)
    if mod is not None and norm(mod) in {"later", "earlier", "the rest of", "the remainder of"}:
        mod = None
    rel_n = rel.lower() if rel else None
    if rel_n in {"last", "past"}:
        year = c.ref.year if month < c.ref.month else c.ref.year - 1
    elif rel_n in {"next", "coming"}:
        year = c.ref.year if month > c.ref.month else c.ref.year + 1
    elif rel_n == "this":
        year = c.ref.year
    else:
        year = rv.pick_year_for_month(month, c.ref, c.cues.tense)
    return rv.month_period(year, month, mod), start, m.end()


def quarter(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    if m["q_q"]:
        tag = m["q_q"]
        n = int(tag[1])
        unit = "quarter" if tag[0] == "Q" else "half"
        ytxt = m["q_y2"]
        if unit == "half" and not ytxt:
            return None
        year: int | None = None
        if ytxt:
            ytxt = ytxt.lstrip("'\u2019")
            year = int(ytxt) if len(ytxt) == 4 else 2000 + int(ytxt)
    else:
        unit = m["q_u"].lower()
        ordw = m["q_ord"].lower()
        n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(
            ordw, 4 if unit == "quarter" else 2
        )
        if unit == "half" and n > 2:
            return None
        year = int(m["q_y"]) if m["q_y"] else None
        rel = (m["q_rel"] or m["q_rel2"] or "").lower()
        if rel:
            year = c.ref.year + {"next": 1, "last": -1}.get(rel, 0)
        elif year is None and unit == "half":
            return None  # "the second half" of a match, not of a year
    if year is None and unit == "quarter" and not m["q_q"]:
        fiscal = fiscal_start(c.text, m.start())
        if fiscal is not None:  # "its fiscal second quarter, which ended Dec. 31"
            res = company_quarter(c.text, fiscal, m.end(), c.ref)
            if res is not None:
                return res, fiscal, m.end()
    if year is None:
        probe = (
            rv.quarter_period(c.ref.year, n) if unit == "quarter" else rv.half_period(c.ref.year, n)
        )
        assert probe.start and probe.end
        year = c.ref.year + _year_for_period(probe.start, probe.end, c.ref, c.cues.tense)
    mod = m["q_mod"]
    if mod is not None and norm(mod) in {"later", "earlier", "the rest of", "the remainder of"}:
        mod = None
    # "the end of the first quarter": its last day
    period = rv.quarter_period if unit == "quarter" else rv.half_period
    res = period(year, n, mod)
    return res, m.start(), m.end()


def season(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    word = m["se_s"].lower()
    mod, rel, ytxt = m["se_mod"], m["se_rel"], m["se_y"]
    rel_n = rel.lower() if rel else None
    if mod and norm(mod) in {"later", "earlier", "the rest of", "the remainder of"}:
        mod = None
    if ytxt is None and rel_n in {None, "the"} and mod is None:
        if prev_word(c.text, m.start()) not in _SEASON_LEAD:
            return None
        if _SEASON_NOT.match(c.text, m.end(), m.end() + 6):
            return None  # "the fall of Rome", "blamed for the fall in prices"
    bare = ytxt is None and rel_n in {None, "the"} and mod is None
    if bare and word == "fall" and _not_the_season(c.text, m.start(), m.end()):
        return None
    code = rv.season_code(word)
    south = c.tz.startswith(SOUTHERN_ZONES)
    if ytxt:
        year = int(ytxt)
    elif rel_n in {"last", "past"}:
        probe = rv.season_period(c.ref.year, code, None, south)
        assert probe.start
        year = (
            c.ref.year
            if probe.start < c.ref and not (probe.end and probe.end >= c.ref)
            else c.ref.year - 1
        )
    elif rel_n in {"next", "coming"}:
        probe = rv.season_period(c.ref.year, code, None, south)
        assert probe.start
        year = c.ref.year if probe.start > c.ref else c.ref.year + 1
    else:
        probe = rv.season_period(c.ref.year, code, None, south)
        assert probe.start and probe.end
        year = c.ref.year + _year_for_period(probe.start, probe.end, c.ref, c.cues.tense)
    return rv.season_period(year, code, mod, south), m.start(), m.end()


def relative_unit(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    mod, rel = m["ru_mod"], m["ru_rel"]
    rel_n = norm(rel) if rel else None
    if (
        mod is None
        and rel_n == "the"
        and m["ru_u"].lower() == "weekend"
        and prev_word(c.text, m.start()) in _WEEKEND_LEAD
    ):
        # "over the weekend": the one just past, or the one ahead, by tense
        back = c.cues.tense == "past" and c.ref.weekday() < 5
        res = rv.relative_unit("weekend", "last" if back else "this", None, c.ref, c.cues.tense)
        return (res, m.start(), m.end()) if res is not None else None
    if mod is None and rel_n in {None, "the", "the same"}:
        return None
    if rel_n == "the same":
        return None
    unit = m["ru_u"].lower()
    if unit == "year" and m["ru_fis"] and _YEAR_NEXT.match(c.text, m.end()):
        return None  # "the end of financial year 2026-27": the year family reads it whole
    if unit == "year" and m["ru_fis"] and m["ru_fis"].lower() == "fiscal":
        fiscal = _federal_fiscal_unit(m, c, rel_n, mod)
        if fiscal is not None:
            return fiscal, m.start(), m.end()
    if unit == "year" and m["ru_fis"] and m["ru_fis"].lower() == "financial":
        financial = _financial_unit(c, rel_n, mod)
        if financial is not None:
            return financial, m.start(), m.end()
    res = rv.relative_unit(unit, rel_n, mod, c.ref, c.cues.tense)
    if res is None:
        return None
    return res, m.start(), m.end()


_YEAR_NEXT = re.compile(r"[ \t]{1,3}(?:19|20)\d\d(?!\d)")


_FISCAL_OFFSET = {"this": 0, "the": 0, "current": 0, "the current": 0, "next": 1}
_FISCAL_OFFSET.update({"the next": 1, "coming": 1, "the coming": 1, "last": -1, "the last": -1})
_FISCAL_OFFSET.update({"previous": -1, "the previous": -1, "past": -1, "the past": -1})


def _federal_fiscal_unit(
    m: re.Match[str], c: Context, rel: str | None, mod: str | None
) -> rv.Resolved | None:
    """'the close of the federal fiscal year', 'next fiscal year' (in government): the
    federal fiscal year counted from publication; None for a company's fiscal year."""
    if not m["ru_fed"] and not _FEDERAL.search(c.text, max(0, m.start() - 200), m.start()):
        return None
    offset = _FISCAL_OFFSET.get(rel or "the")
    mod_n = rv.norm_mod(mod)
    if offset is None or (mod_n is not None and mod_n not in {"the end of", "the close of"}):
        return None
    return rv.federal_fiscal_year(rv.federal_fiscal_year_of(c.ref) + offset, mod_n)


def _financial_unit(c: Context, rel: str | None, mod: str | None) -> rv.Resolved | None:
    """'this financial year', 'next financial year': the country's financial year (the
    zone's: April, July in Australia) counted from publication, not the calendar year."""
    offset = _FISCAL_OFFSET.get(rel or "the")
    mod_n = rv.norm_mod(mod)
    if offset is None or (mod_n is not None and mod_n not in {"the end of", "the close of"}):
        return None
    month = rv.financial_year_start(c.tz)
    first = c.ref.year - (1 if c.ref.month < month else 0)
    return rv.financial_year(first + offset, month, mod_n)


def century(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    word = m["ce_n"].lower().replace(" ", "-")
    words = {
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "twenty-first": 21,
    }
    n = words.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 22:
        return None
    return rv.century_period(n), m.start(), m.end()


def _looks_like_number(text: str, y_start: int, year: int, after: str) -> bool:
    """'2000 troops', 'about 2000', '1530 GMT', 'page 1700': a number, not a year."""
    if _COUNT_NOUNS.match(after) or _CLOCK_AFTER.match(after):
        return True
    if _QUANTITY_BEFORE.search(text, max(0, y_start - 14), y_start):
        return True
    return year < 1800 and prev_word(text, y_start) not in _OLD_YEAR_LEAD


# A fiscal year named before a year: "FY 2027", "FY2027", "fiscal year 2027", "federal
# fiscal year 2027", "financial year 2026-27" (the relative-unit family may have taken
# "fiscal year" already, so the text before the year is read, not the match)
_FISCAL_BEFORE = re.compile(
    r"(?:(?:(?i:the)[ \t]+)?(?P<mod>(?i:end|close)[ \t]+of)[ \t]+)?"
    r"(?:(?P<fy>\bFY)|\b(?P<fed>(?i:federal)[ \t]+)?(?i:fiscal|financial)(?:[ \t]+(?i:year))?)"
    r"[ \t-]{0,2}$"
)
# What _FISCAL_BEFORE cannot match without ("FY", or "fi" of fiscal/financial in any case
# its own (?i:) allows): a search at one character class, tried first, as most years
# follow no such word and the full search tries every start in its window.
_FISCAL_GATE = re.compile(r"FY|[Ff](?i:i)")
# "2026-27", "2026-2027": a split year, the financial year from April to March
_SPLIT_YEAR = re.compile(r"[-\u2013/](\d\d\d\d|\d\d)(?![\d%])")
# Words that put a fiscal year in government: "the Pentagon's FY 2027 budget"
_FEDERAL = re.compile(
    r"\b(?:federal|government|Congress|congressional|Pentagon|appropriations?|agency|"
    r"agencies|Department|administration|Treasury|Senate|lawmakers|shutdown)\b",
    re.IGNORECASE,
)


def _fiscal(m: re.Match[str], c: Context, year: int) -> tuple[rv.Resolved, int, int] | None:
    """A year named as a fiscal year: the federal one (Oct.-Sept.) when the text says so
    or writes "FY", an April-March one when split ("2026-27"); else None (a company's
    fiscal year, whose calendar the text does not give, stays the calendar year)."""
    y_start = m.start("yr_y")
    lo = max(0, y_start - 40)
    if _FISCAL_GATE.search(c.text, lo, y_start) is None:
        return None  # the common case: no fiscal word before the year
    before = _FISCAL_BEFORE.search(c.text, lo, y_start)
    if before is None:
        return None
    start = min(before.start("fy") if before["fy"] else before.start(), m.start())
    if before["mod"]:
        start = before.start()
    mod = before["mod"] and "the end of"
    split = _split_end(m, c, year)
    if split is not None:
        return rv.financial_year(year, rv.financial_year_start(c.tz), mod), start, split
    federal = before["fy"] is not None or before["fed"] is not None
    if not federal and not _FEDERAL.search(c.text, max(0, start - 200), start):
        if c.tz in FISCAL_NAMED_BY_START and not before["fy"]:
            return rv.financial_year(year, rv.financial_year_start(c.tz), mod), start, m.end()
        return None
    return rv.federal_fiscal_year(year, mod), start, m.end()


def _split_end(m: re.Match[str], c: Context, year: int) -> int | None:
    """Where a split year ends ("2026-27", "2026-2027": the year and the next), or None."""
    split = _SPLIT_YEAR.match(c.text, m.end())
    if split is None or m["yr_s"] is not None:
        return None
    second = int(split[1]) if len(split[1]) == 4 else year // 100 * 100 + int(split[1])
    return split.end() if second == year + 1 else None


# A text that speaks of financial years: a split year in it is one ("changes again in
# 2028-29"), not two calendar years
_FINANCIAL_TEXT = re.compile(r"\b(?:financial|fiscal|tax|budget)[ \t]+years?\b", re.IGNORECASE)


# A split year named as a financial year after it ("the 2027/28 financial year"), or
# next to money words ("the 2026-27 budget", "pay their tax for 2026-27"): the country's
# financial year, not two calendar years
_FY_AFTER = re.compile(r"[ \t]+(?i:financial|fiscal|tax|budget)[ \t]+(?i:year)\b")
_MONEY_WORDS = re.compile(
    r"\b(?i:tax|taxes|levy|levies|budget|budgets|revenue|"
    r"financial[ \t]+years?|fiscal[ \t]+years?)\b"
)
_THE_BEFORE = re.compile(r"\b(?i:the)[ \t]+$")
# ... but not a season or a school year ("the 2026-27 season")
_NOT_FINANCIAL_AFTER = re.compile(r"[ \t]+(?i:season|school|academic|winter|term|campaign)\b")


def _financial_split(text: str, start: int, end: int) -> bool:
    """Whether the split year text[start:end] is a financial year: the text speaks of
    money (tax, budgets, financial years) and the words after it name no season."""
    return _NOT_FINANCIAL_AFTER.match(text, end) is None and (
        _FINANCIAL_TEXT.search(text, 0, start) is not None or _MONEY_WORDS.search(text) is not None
    )


def year(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    year = int(m["yr_y"])
    mod = m["yr_mod"]
    y_start = m.start("yr_y")
    after = c.text[m.end() : m.end() + 24]
    if m["yr_s"] is None and (mod is None or mod[0] in "fF"):  # fiscal, FY
        fiscal = _fiscal(m, c, year)
        if fiscal is not None:
            return fiscal
        split = _split_end(m, c, year) if mod is None else None
        if split is not None:
            named = _FY_AFTER.match(c.text, split)
            if named is not None:  # "the 2029-30 financial year": the words are the span
                the = _THE_BEFORE.search(c.text, max(0, m.start() - 5), m.start())
                res = rv.financial_year(year, rv.financial_year_start(c.tz))
                return res, the.start() if the else m.start(), named.end()
            if _financial_split(c.text, m.start(), split):
                res = rv.financial_year(year, rv.financial_year_start(c.tz))
                return res, m.start(), split
    if m["yr_s"]:
        if year % 10:
            return None
        return (
            rv.decade_period(year, mod if mod and norm(mod) in rv._MOD_MAP else None),
            m.start(),
            m.end(),
        )
    if mod is None and _looks_like_number(c.text, y_start, year, after):
        return None
    mod_n = norm(mod) if mod else None
    if mod_n and (mod_n.startswith("fiscal") or mod_n.startswith("calendar") or mod_n == "fy"):
        mod_n = None
    if mod_n and re.match(r"(?:the )?(?:year|summer|spring|autumn|fall|winter)", mod_n):
        season = mod_n.replace("the ", "").split()[0]
        if season == "year":
            return rv.year_period(year), m.start(), m.end()
        return rv.season_period(year, rv.season_code(season)), m.start(), m.end()
    if mod_n in {"later", "earlier", "the rest of", "the remainder of"}:
        return rv.year_period(year), m.start("yr_y"), m.end()
    return rv.year_period(year, mod_n), m.start(), m.end()


def short_year(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    first_start = m.start() - 5
    if _FISCAL_BEFORE.search(c.text, max(0, first_start - 40), first_start):
        return None  # the "27" of "financial year 2026-27": the year before took it
    if _FINANCIAL_TEXT.search(c.text, 0, first_start):
        return None  # ... and of "in 2028-29" in a text about financial years
    if _FY_AFTER.match(c.text, m.end()) or _financial_split(c.text, first_start, m.end()):
        return None  # ... and of "the 2027/28 financial year", "the 2026-27 budget"
    full = int(c.text[m.start() - 5 : m.start() - 3])
    year = full * 100 + int(m["sy_y"])
    first = int(c.text[m.start() - 5 : m.start() - 1])
    if year <= first:
        year += 100
    if year - first > 10:
        return None
    return rv.year_period(year), m.start(), m.end()


GATED = frozenset({RELATIVE_UNIT, MONTH, SEASON})


_MAY_VERB = re.compile(r"\s+(?:be|have|not|also|well|the|[a-z]+ed)\b")


def rejected_on_sight(m: re.Match[str], family: Family, text: str) -> bool:
    """True for a match its handler refuses from the text alone ('the year' bare, 'May' as
    a name, 'the fall of Rome'); the handlers keep the same checks (this only saves
    reading cues for them)."""
    if family == RELATIVE_UNIT:
        rel = norm(m["ru_rel"]) if m["ru_rel"] else None
        if rel == "the same":
            return True
        if m["ru_mod"] is not None or rel not in {None, "the"}:
            return False
        weekend = rel == "the" and m["ru_u"].lower() == "weekend"
        return not (weekend and prev_word(text, m.start()) in _WEEKEND_LEAD)
    if family == MONTH:
        if m["mo_mod"] is not None or m["mo_rel"] is not None:
            return False
        word = m["mo_m"]
        if word.rstrip(".").lower() in AMBIGUOUS_MONTHS and (
            prev_word(text, m.start()) not in _MONTH_LEAD
        ):
            return True
        return word == "May" and _MAY_VERB.match(text, m.end(), m.end() + 12) is not None
    # season
    rel = m["se_rel"].lower() if m["se_rel"] else None
    if m["se_y"] is not None or m["se_mod"] is not None or rel not in {None, "the"}:
        return False
    prev = prev_word(text, m.start())
    if prev not in _SEASON_LEAD or _SEASON_NOT.match(text, m.end(), m.end() + 6):
        return True
    return m["se_s"].lower() == "fall" and _not_the_season(text, m.start(), m.end())


def _not_the_season(text: str, start: int, end: int) -> bool:
    """Whether a bare "fall" is no season: only after the words that lead a season, and
    after "since" only at a clause's end ("notices sent since the fall,", not "since the
    fall" of something)."""
    prev = prev_word(text, start)
    if prev in _FALL_LEAD:
        return False
    return prev != "since" or not _CLAUSE_END.match(text, end)
