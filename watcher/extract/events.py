"""The day of an event the article dates elsewhere, for a count from it: "two business
days before the meeting" (the meeting "on March 4" a clause back), "a week after it
closes" (the consultation that "closes at 5pm on Friday, October 23"), "within six
weeks of the writ's return" (the writ "to be returned by 3 December").

The event is named by the last word of the phrase after the count ("meeting", "closes",
"return"); the day is the one the article gives next to a word of the same stem, nearest
sentence first: the first day after that word in its sentence (the verb comes before its
date), else the nearest before it that is not a reporting day ("the company said on
Tuesday"). "of it" is the day last named before the count.
"""

from __future__ import annotations

import datetime as dt
import re

from watcher.extract import resolve as rv
from watcher.extract.candidate import DAY_FAMILIES, HOLIDAY, WEEKDAY, Candidate

# The phrase after the count: its words up to a clause's edge (a few at most).
_WORD = r"(?!(?:on|at|in|by|for|to|from|with|and|or)\b)[A-Za-z][A-Za-z'\u2019-]*"
_PHRASE = re.compile(
    r"[ \t]{1,3}(?:of|after|before|following|preceding)[ \t]{1,3}"
    rf"({_WORD}(?:[ \t]{{1,3}}{_WORD}){{0,3}})"
    r"(?=[ \t]*(?:[,.;:)]|$|[ \t](?:and|but|which|when|while|if|unless|so|as|to|in|on|at)\b))",
    re.IGNORECASE,
)
# The phrase's own day follows it ("30 days after its publication on March 10"): the
# count keeps its own span, as when the day follows at once ("30 days after Nov. 3").
_OWN_DAY = re.compile(r"[ \t]{1,3}(?:on|at|in|by)\b", re.IGNORECASE)
_PRONOUNS = frozenset({"it", "this", "that", "them"})
# Heads too general to find the event by ("the date", "the day", "the time").
_GENERAL = frozenset({"date", "day", "days", "time", "period", "deadline", "end", "start"})
_SUFFIX = re.compile(r"(?:ings?|ed|es|s|e)$")
_REPORT_VERBS = ("said", "says", "announced", "reported", "confirmed", "wrote")
_REPORT_ENDS = tuple(f"{v} {on}" for v in _REPORT_VERBS for on in ("", "on "))
_REPORTED = re.compile(
    r"\b(?:said|says|announced|told[ \t]+\w+|reported|confirmed|wrote)[ \t]+(?:on[ \t]+)?$",
    re.IGNORECASE,
)


def event_phrase(text: str, end: int) -> tuple[str, int] | None:
    """The event a count at text[:end] is counted from, and where its phrase ends:
    ('meeting', e) for "... before the meeting."; None when no short phrase follows."""
    m = _PHRASE.match(text, end)
    if m is None:
        return None
    if _OWN_DAY.match(text, m.end(1)):
        return None
    head = m[1].split()[-1]
    if head.endswith(("'s", "\u2019s")):
        head = head[:-2]
    low = head.lower()
    if low in _GENERAL or (len(head) < 4 and low not in _PRONOUNS):
        return None
    return head, m.end(1)


def _stem(word: str) -> str:
    """'meeting' -> 'meet', 'closes' -> 'clos', 'certification' -> 'certif' (a prefix
    to match: 'certified'; six letters keep the verb of a noun in -ion, -ery, -al)."""
    base = _SUFFIX.sub("", word)
    return (base if len(base) >= 4 else word)[:6]


class DayIndex:
    """The candidates of a pass by sentence, built once: :func:`event_day` runs for many
    counts, and scanning every candidate for each made long pages quadratic. What changes
    during the pass (a candidate's start, its resolution) is read at each query."""

    def __init__(self, raws: list[Candidate]) -> None:
        self.by_sentence: dict[tuple[int, int], list[Candidate]] = {}
        self.first: dict[tuple[int, int], int] = {}  # the index of a sentence's first raw
        for n, r in enumerate(raws):
            self.first.setdefault(r.sentence, n)
            if r.family in DAY_FAMILIES:
                self.by_sentence.setdefault(r.sentence, []).append(r)
        self.sentences = sorted(self.first, reverse=True)

    def days(self, sentence: tuple[int, int], before: int) -> list[Candidate]:
        return [
            r
            for r in self.by_sentence.get(sentence, ())
            if r.start < before and r.res.start is not None
        ]

    def before(self, i: int) -> list[tuple[int, int]]:
        """The sentences of the candidates before the i-th, latest first."""
        return [s for s in self.sentences if self.first[s] < i]


def reporting_day(text: str, start: int) -> bool:
    """Whether the day at `start` is a report's ('the company said on Tuesday'), not a
    day of the story's events (a suffix test first: this runs for every day named)."""
    if text.endswith(_REPORT_ENDS, max(0, start - 16), start):
        return True
    lo = max(0, start - 30)
    return "told" in text[lo:start] and _REPORTED.search(text, lo, start) is not None


def _reporting(text: str, r: Candidate) -> bool:
    return reporting_day(text, r.start)


_ELECTION_REACH = 60  # sentences: any article; a page of many is not one election's
_IN_YEAR = re.compile(r",?[ \t]{1,3}(?:in|of)[ \t]{1,3}((?:19|20)\d\d)\b")


def date_election_days(raws: list[Candidate], text: str) -> None:
    """'cast by polling day', 'before election day' outside the US: the day of the
    election the article tells of ('after Saturday's election'), looked for anywhere
    before (an article about an election names it once, often at the top)."""
    index = DayIndex(raws)
    for i, r in enumerate(raws):
        if r.family is HOLIDAY and r.res.start is None:
            anchor = event_day(raws, i, "election", text, reach=_ELECTION_REACH, index=index)
            if anchor is None or anchor.res.start is None:
                continue
            year = _IN_YEAR.match(text, r.end)
            if year is None or int(year[1]) == anchor.res.start.year:
                r.res = rv.day(anchor.res.start)  # (not "on election day in 2021")


_THE_ENDS = ("the ", "The ", "the\u00a0")
_DIRECTION = re.compile(r"[ \t]{1,3}(after|following|before|preceding)\b", re.IGNORECASE)


def date_weekdays_around_events(raws: list[Candidate], text: str) -> None:
    """'the Monday before the election', 'the Tuesday after the Budget': the weekday
    counted from the day the article gives the event (merge.merge_weekday_around_day
    does it when a day follows: 'the Monday after Thanksgiving'). The span is the whole
    phrase, 'the' included, as the writers span it."""
    index: DayIndex | None = None  # built at the first phrase that needs it
    for i, r in enumerate(raws):
        m = r.match
        if (
            r.family is not WEEKDAY
            or m is None
            or m["wd_rel"] is not None
            or r.res.start is None
            or not text.endswith(_THE_ENDS, max(0, r.start - 4), r.start)
        ):
            continue
        way = _DIRECTION.match(text, r.end)
        named = event_phrase(text, r.end) if way is not None else None
        if way is None or named is None:
            continue
        if i + 1 < len(raws) and raws[i + 1].start < named[1]:
            continue  # a day follows: merge_weekday_around_day's
        index = index or DayIndex(raws)
        anchor = event_day(raws, i, named[0], text, index=index)
        if anchor is None or anchor.res.start is None:
            continue
        wd, day = r.res.start.weekday(), anchor.res.start
        if way[1].lower() in {"after", "following"}:
            d = day + dt.timedelta(days=(wd - day.weekday() - 1) % 7 + 1)
        else:
            d = day - dt.timedelta(days=(day.weekday() - wd - 1) % 7 + 1)
        r.res = rv.day(d)
        r.start, r.end, r.merged = r.start - 4, named[1], True


def event_day(
    raws: list[Candidate],
    i: int,
    head: str,
    text: str,
    reach: int = 6,
    index: DayIndex | None = None,
) -> Candidate | None:
    """The mention that dates the event `head` for the count raws[i] (see the module),
    looked for in the `reach` sentences before it. A capitalised head ("the Budget")
    is found capitalised too; a lower-case one only in lower case or opening a
    sentence ("Launch Complex 36" is no launch)."""
    count = raws[i]
    named = head[0].isupper()
    head = head.lower()
    if head in _PRONOUNS:
        for k in range(i - 1, -1, -1):  # (no copy of the list: this runs for every count)
            r = raws[k]
            if r.family in DAY_FAMILIES and r.res.start is not None and not _reporting(text, r):
                return r
        return None
    stem = _stem(head)
    word = re.compile(r"\b(?i:" + re.escape(stem[0]) + ")" + re.escape(stem[1:]))
    index = index or DayIndex(raws)
    sentences = index.before(i)
    if count.sentence not in sentences:
        sentences.insert(0, count.sentence)
    for sentence in sentences[:reach]:  # the event is told of nearby, not pages back
        stop = count.start if sentence == count.sentence else sentence[1]
        days = index.days(sentence, stop)
        if not days:
            continue
        # a capitalised word inside a sentence is a name ("at Launch Complex 36")
        hits = [
            w.start()
            for w in word.finditer(text, sentence[0], stop)
            if named
            or w[0][0].islower()
            or not text[sentence[0] : w.start()].strip(" \t\n\"'\u201c")
        ]
        if not hits:
            continue
        at = hits[-1]
        after = [d for d in days if at < d.start < at + 80 and not _reporting(text, d)]
        if after:
            return after[0]
        before = [d for d in days if not _reporting(text, d)]
        if before:
            return before[-1]
    return None
