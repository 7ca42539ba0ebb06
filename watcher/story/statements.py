"""What an article says about dated events, one statement per claim: a date is set, a date
moved, an event called off, an event happened.

Pure: the extractor's mentions and the article text in, statements out. The extractor
finds and resolves the dates; this module reads what the sentence around them says. A
sentence with a move cue gives a MOVED statement whose date is the new one (the date after
the cue, or the old date shifted by a stated period) and whose ``old_date`` is the date it
replaces when the sentence names it ("had been due to expire on Nov. 10"). A call-off cue
gives CALLED_OFF; a past date in a sentence that reports it, or a cue such as "took
effect", gives HAPPENED; any other future date is SCHEDULED, as a single article reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from watcher.core.kinds import Kind
from watcher.extract.model import TemporalMention
from watcher.extract.sentences import Sentences
from watcher.story import cues
from watcher.story.terms import terms
from watcher.story.titles import event_title


class Verb(StrEnum):
    SCHEDULED = "scheduled"
    MOVED = "moved"
    CALLED_OFF = "called off"
    HAPPENED = "happened"
    POSTPONED = "postponed"  # moved with no new date: a person decides


@dataclass(frozen=True)
class Statement:
    """One claim of an article about one dated event."""

    verb: Verb
    sentence: str
    start: int  # offset in the article of the date (or the cue when there is no date)
    span: str  # the date's text, or the cue's
    date: str | None  # ISO date or date-time the event has after this article
    kind: str
    title: str
    terms: frozenset[str]
    confidence: float
    old_date: str | None = None  # the date the sentence says the event had before
    shift: cues.Shift | None = None  # a move by a period, from the stored date
    earlier: bool = False  # the move is to an earlier date
    hedged: bool = False  # a report not yet certain ("reportedly")
    context: frozenset[str] = frozenset()  # terms of the sentence before and the headline
    in_headline: bool = False  # a headline sums up what the body says in detail
    through: str | None = None  # a HAPPENED in a past period: its last day ("last week's")
    distinct: bool = False  # "a separate ballot", "a second show": not one named before
    beside: int | None = None  # "on the same day": the start of the date it is dated by, whose
    # event is another one (nobody says "the same day" of the event just named)


@dataclass(frozen=True)
class ArticleText:
    """The text to read: the headline (if any) is its first sentence."""

    text: str
    published: dt.date


# A clause break inside a sentence; commas inside dates ("Nov. 10, 2026") are not breaks.
_BREAK = re.compile(
    r";|:\s|\s[\u2014\u2013-]{1,2}\s|\u2014|,\s+(?=(?:and|but|while|whereas|although|though|"
    r"which|who|as|when|after|before|with|the\s+same|a\s+day|days?|weeks?|one\s+day)\b)|"
    r",\s+(?=[a-z])(?!\s*\d)|\s+(?:and|but|while|whereas)\s+(?=(?:the|a|an|its|their|"
    r"[A-Z]\w+\s+(?:will|is|are|was|were|has|have))\b)|"
    r"\s+(?=(?:after|since|when|once)\s+(?:the|a|an|its|their|his|her|some|many|"
    r"[A-Z][a-z]+|[a-z]+\s+(?:groups?|officials?|lawmakers|critics|unions?|workers|"
    r"companies|negotiators))\b)"
)

# "..., the same day the old waiver expires": a second event on the date just named.
_SAME_DAY = re.compile(
    r"\b(?:(?:on\s+)?(?:the|that)\s+same\s+(?:day|date)|the\s+day\s+(?:that|when|before|after)?)"
    r"(?=\s+(?:that\s+|when\s+)?(?:the|a|an|its|their|[A-Z]))",
    re.IGNORECASE,
)


# A verb of some kind: a piece of a sentence without one is part of a longer noun phrase,
# not a clause of its own.
_VERB = re.compile(
    r"\b(?:will|would|shall|should|can|could|may|might|must|is|are|was|were|be|been|has|"
    r"have|had|does|did|said|says|told|won't|isn't|aren't|wasn't|to\s+[a-z]+|(?-i:[a-z]{3,}ed)|"
    r"expires|opens|closes|begins|starts|ends|meets|runs|falls|lands|launches|resumes|"
    r"lapses|takes|goes|comes|kicks|plays|faces|hosts|visits|votes|rules|sits)\b",
    re.IGNORECASE,
)


# "..., moving the trial to March 2": a clause opened by a participle has its verb.
_PARTICIPLE_FIRST = re.compile(r"\s*(?:[a-z]{3,}ing)\b")


def _has_verb(piece: str) -> bool:
    return _VERB.search(piece) is not None or _PARTICIPLE_FIRST.match(piece) is not None


# A sentence whose subject points back: "That vote ...", "This hearing ...", "It ...".
_ANAPHOR = re.compile(r"\s*(?:(?:that|this|these|those)\s+[a-z-]+|it|they)\b", re.IGNORECASE)
_ANAPHOR_TERMS = 2  # ... when it names no more than this itself

_RELATIVE_FIRST = re.compile(r"\s*(?:which|who|that)\b", re.IGNORECASE)
_ANTECEDENT = 7  # words before a relative pronoun that name what it stands for


# An aside between a subject and its verb: ", introduced last winter,", ", which ...,".
_ASIDE = re.compile(
    r"\s*(?:[a-z]{3,}(?:ed|en)|[a-z]{3,}ing|which|who|whom|whose|that|where|when)\b"
)


_SUBJECTLESS = re.compile(
    r"\s*(?:(?:and\s+|but\s+|which\s+|that\s+|who\s+)?(?:will|would|is|are|was|were|has|have|"
    r"had|to|be|been|now|also|could|should|must|may|might)\b|with\s+|"
    r"(?-i:[a-z]{3,}ing)\s+(?:it|itself|them|themselves|the|a|an|its|their|his|her)\b)",
    re.IGNORECASE,
)  # (", with liftoff targeted for Oct. 22": an adjunct of the clause before it; ", giving
#    itself until June 11": a participle whose subject is the clause before's)


def _clauses(sentence: str, protect: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clause spans of a sentence, never cutting inside a protected (date) span."""
    cuts = [0]
    joins: set[int] = set()  # where a piece starts after "and"/"but": maybe a noun list
    for m in _BREAK.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in protect):
            continue
        cuts.append(m.start())
        cuts.append(m.end())
        if m.group().strip().lower() in {"and", "but"}:
            joins.add(m.end())
    cuts.append(len(sentence))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if b <= a:
            continue
        if out and a in joins and not _has_verb(_without(sentence, a, b, protect)):
            out[-1] = (out[-1][0], b)  # "a figure and an art book": one noun phrase
        else:
            out.append((a, b))
    return out


def _clause_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return spans[-1] if spans else (0, 0)


def _without(text: str, lo: int, hi: int, cut: Sequence[tuple[int, int]]) -> str:
    """``text[lo:hi]`` with the spans in ``cut`` (dates) blanked out."""
    chars = list(text[lo:hi])
    for a, b in cut:
        for i in range(max(a, lo), min(b, hi)):
            chars[i - lo] = " "
    return "".join(chars)


_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def _in_the_past(
    m: TemporalMention,
    low: str,
    s_start: int,
    happened: list[re.Match[str]],
    published: dt.date,
) -> TemporalMention:
    """A weekday the sentence reports in the past tense ("the strike went ahead on
    Thursday") is the last such day, whatever a forward reading of it said."""
    if not m.future or m.date is None or not _WEEKDAY.search(m.text):
        return m
    pos = m.start - s_start
    if not any(0 <= pos - cue.end() <= 25 for cue in happened):
        return m
    day = dt.date.fromisoformat(m.date[:10]) - dt.timedelta(days=7)
    if day > published:
        return m
    return replace(m, date=day.isoformat() + m.date[10:], future=False)


def _one_per_day(dated: list[TemporalMention]) -> list[TemporalMention]:
    """One mention per day in a sentence: "Sunday, Dec. 20, with a 2 p.m. kick-off" is
    one event at 14:00, not an all-day one and a timed one."""
    out: list[TemporalMention] = []
    for m in dated:
        assert m.date is not None
        same = next((i for i, o in enumerate(out) if (o.date or "")[:10] == m.date[:10]), None)
        if same is None:
            out.append(m)
        elif "T" in m.date and "T" not in (out[same].date or ""):
            out[same] = replace(out[same], date=m.date)
    return out


_CONDITIONAL_SLACK = 0.1


def _is_day(m: TemporalMention) -> bool:
    """A mention naming one day (or a time on it), not a month or a long range; a short
    range still ahead ("on March 22 and 23", "May 6-9") is an event dated by its start."""
    if m.date is None or len(m.date) < 10:
        return False
    if m.end_date is None:
        return True
    start, end = dt.date.fromisoformat(m.date[:10]), dt.date.fromisoformat(m.end_date[:10])
    return m.future and (end - start).days <= _SHORT_RANGE


_SHORT_RANGE = 4  # days


def read_statements(
    text: str,
    mentions: Sequence[TemporalMention],
    published: dt.date,
    *,
    min_confidence: float = 0.5,
    headline: str = "",
) -> list[Statement]:
    """The statements of an article, in text order.

    ``mentions`` are the extractor's (``extract()``) for ``text``; ``headline`` is the
    article's title, used to name the subject of a sentence that only says "it".
    """
    sentences = Sentences(text)
    by_sentence: dict[tuple[int, int], list[TemporalMention]] = {}
    for m in mentions:
        by_sentence.setdefault(sentences.span(m.start), []).append(m)
    out: list[Statement] = []
    previous = headline
    spans = _sentence_spans(sentences, text)
    top = terms(headline) if headline else (terms(text[slice(*spans[0])]) if spans else frozenset())
    first = " ".join(text[slice(*spans[0])].split()).rstrip(".") if spans else ""
    is_headline = bool(headline) and first == " ".join(headline.split()).rstrip(".")
    last_day: TemporalMention | None = None  # the last future day named so far
    for index, span in enumerate(spans):
        s_start, s_end = span
        sentence = text[s_start:s_end]
        found = by_sentence.get(span, [])
        context = terms(previous) | top
        read = _read_sentence(sentence, s_start, found, published, min_confidence, previous)
        if not read and last_day is not None:
            read = _same_day_as_before(sentence, s_start, last_day, published, previous)
        read = [_beside(_same_day_as_named(x, out), found, last_day) for x in read]
        out.extend(
            replace(s, context=context | s.context, in_headline=is_headline and index == 0)
            for s in read
        )
        days = [m for m in found if _is_day(m) and m.future]
        if days:  # the day the sentence is about: its surest, the first of equals
            last_day = max(days, key=lambda m: (m.confidence, -m.start))
        if sentence.strip():
            previous = sentence
    return out


# "The engineers are voting in a separate ballot": the clause says it is another event.
_DISTINCT = re.compile(
    r"\b(?:separate|a\s+second|another(?!\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|years?)\b)|"
    r"a\s+different|a\s+parallel)\b",
    re.IGNORECASE,
)  # ("another 90 days" is a move's period, not another event)

_SAME_WORDS = re.compile(
    r"\bsame\s+(?:day|date|morning|afternoon|evening|night)\b|\bthat\s+(?:day|date)\b", re.I
)


def _beside(
    statement: Statement, found: list[TemporalMention], last_day: TemporalMention | None
) -> Statement:
    """A statement dated "the same day" (afternoon, ...) names the date it borrows: the last
    future day before it in its sentence, else the one the article named before."""
    if (
        statement.date is None
        or statement.beside is not None  # "the same day as the budget vote": that one's
        or _SAME_WORDS.search(statement.span) is None
    ):
        return statement
    before = [m for m in found if _is_day(m) and m.future and m.start < statement.start]
    base = max(before, key=lambda m: m.start) if before else last_day
    if base is None or base.start == statement.start:
        return statement
    return replace(statement, beside=base.start)


# "On the same day, the waivers will lapse": a sentence dated by the one before it.
_SAME_DAY_AS_BEFORE = re.compile(
    r"\b(?:on\s+)?(?:that|the)\s+(?:very\s+)?same\s+(?:day|date)\b|\b(?:on\s+)?that\s+"
    r"(?:day|date)\b|\bthe\s+same\s+day\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    r"\b(?:will|shall|is\s+(?:due|set|scheduled|expected)|are\s+(?:due|set|scheduled|expected)|"
    r"is\s+to|are\s+to|expires|lapses|opens|closes|begins|starts|starting|beginning|"
    r"takes\s+effect)\b",
    re.IGNORECASE,
)


_SAME_DAY_AS = re.compile(
    r"\b(?:on\s+)?the\s+same\s+(?:day|date)\s+as\s+(?:the\s+|a\s+|its\s+)?(?P<what>[^,.;]{3,50})",
    re.IGNORECASE,
)


def _same_day_as_named(statement: Statement, earlier: list[Statement]) -> Statement:
    """ "on the same day as the crew flight": the day of the event it names, said earlier in
    the article, not the last day the article named."""
    named = _SAME_DAY_AS.search(statement.sentence)
    if named is None or statement.date is None or "same" not in statement.span.lower():
        return statement
    what = terms(named["what"])
    best = max(
        (s for s in earlier if s.date and s.verb in {Verb.SCHEDULED, Verb.MOVED}),
        key=lambda s: len(s.terms & what),
        default=None,
    )
    if best is None or not best.terms & what:
        return statement
    # ... and it is another event than the one it is dated by: not its words
    return replace(statement, date=best.date, terms=statement.terms - what, beside=best.start)


def _same_day_as_before(
    sentence: str, s_start: int, day: TemporalMention, published: dt.date, context: str
) -> list[Statement]:
    """A sentence with no date of its own that says "on the same day" of something still
    ahead is about the last day named before it ("A collector's edition will ship on the
    same day"); read as if it named that day."""
    phrase = _SAME_DAY_AS_BEFORE.search(sentence)
    if phrase is None or _AHEAD.search(sentence) is None:
        return []
    stand_in = replace(
        day,
        text=phrase.group(),
        start=s_start + phrase.start(),
        end=s_start + phrase.end(),
        kind=Kind(_kind_from_words(sentence.lower())),
        confidence=0.7,
        conditional=False,
    )
    return [
        s
        for s in _read_sentence(sentence, s_start, [stand_in], published, 0.5, context)
        if s.verb == Verb.SCHEDULED
    ]


def _sentence_spans(sentences: Sentences, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    while offset < len(text):
        span = sentences.span(offset)
        if (not spans or span != spans[-1]) and span[1] > span[0]:
            spans.append(span)
        offset = max(span[1], offset) + 1
    return spans


def _read_sentence(
    sentence: str,
    s_start: int,
    found: list[TemporalMention],
    published: dt.date,
    min_confidence: float,
    context: str,
) -> list[Statement]:
    low = sentence.lower()
    dated = _one_per_day(sorted((m for m in found if _is_day(m)), key=lambda m: m.start))
    rel = [(m.start - s_start, m.end - s_start) for m in found]
    clauses = _clauses(sentence, rel)
    hedged = cues.HEDGE.search(low) is not None

    def clause_of(pos: int) -> tuple[int, int]:
        return _clause_at(clauses, pos)

    def event_clause(pos: int) -> tuple[int, int]:
        """The clause at ``pos``, joined to the one before it when either has no verb: "in
        South Korea and the United States on Aug. 7" is one place list, and "Level 1
        restrictions across Sydney, the Blue Mountains and the Illawarra" one subject."""
        lo, hi = clause_of(pos)
        before = [c for c in clauses if c[1] <= lo]
        verbless = not _has_verb(_without(sentence, lo, hi, rel))
        appositive = False  # joined a noun phrase that follows a clause of its own
        while before and (verbless or not _has_verb(_without(sentence, *before[-1], rel))):
            appositive = not verbless
            verbless = False
            lo = before.pop()[0]
        if appositive and before:
            # "preparing a GSLV rocket to carry NVS-04, the next satellite ..., with liftoff
            # targeted for Oct. 22": the noun phrase renames the clause's object
            lo = before[-1][0]
        return lo, hi

    def subject_before(lo: int) -> str:
        """The nearest clause before ``lo`` that can be a subject: not itself subjectless,
        not a participle aside (", introduced last winter,"), not empty of content."""
        for a, b in reversed([c for c in clauses if c[1] <= lo]):
            piece = _without(sentence, a, b, rel)
            if _SUBJECTLESS.match(piece) or _ASIDE.match(piece) or not terms(piece):
                continue
            return piece
        return _without(sentence, *clauses[0], rel) if clauses and clauses[0][0] < lo else ""

    def about(pos: int) -> tuple[str, frozenset[str]]:
        """What the clause at ``pos`` is about; a clause with no subject of its own
        ("will now run until ...", "which had been due ...") adds the nearest one that has."""
        lo, hi = event_clause(pos)
        words = _without(sentence, lo, hi, rel)
        found_terms = terms(words)
        if (
            clauses
            and clauses[0][0] < lo
            and (not found_terms or _SUBJECTLESS.match(words) is not None)
        ):
            found_terms |= terms(subject_before(lo))
        if _RELATIVE_FIRST.match(words):
            # "..., the ban on accounts for under-16s, which takes effect on Dec. 10": what
            # "which" is, the words just before it say
            earlier = [c for c in clauses if c[1] <= lo]
            if earlier:
                tail = _without(sentence, *earlier[-1], rel).split()[-_ANTECEDENT:]
                found_terms |= terms(" ".join(tail))
        if not found_terms:
            found_terms |= terms(_without(sentence, 0, len(sentence), rel))
        if len(found_terms) <= _ANAPHOR_TERMS and _ANAPHOR.match(sentence):
            # "That vote is expected on April 7": which vote, the sentence before says
            found_terms |= terms(context)
        return words, found_terms

    call_offs = cues.find(cues.CALL_OFF, low)
    moves = cues.find(cues.MOVE, low)
    out: list[Statement] = []
    used: set[int] = set()  # mentions consumed as an old or new date

    def old_before(m: TemporalMention) -> bool:
        head = low[max(0, m.start - s_start - 60) : m.start - s_start]
        return cues.OLD_DATE_BEFORE.search(head) is not None

    def make(
        verb: Verb,
        pos: int,
        span_text: str,
        date: str | None,
        kind: str,
        confidence: float,
        focus: str = "",
        **extra: object,
    ) -> Statement:
        words, found_terms = about(pos)
        clause_terms = frozenset[str]()
        if focus and terms(focus):
            # what the verb moves or calls off is its object: the rest of the clause (who
            # agreed, where) is context, not the event
            found_terms, clause_terms = terms(focus), found_terms
        lo, hi = event_clause(pos)
        end = pos + len(span_text) if sentence[pos : pos + len(span_text)] == span_text else pos
        # a clause with no subject of its own takes the sentence's, then the previous one's
        first = subject_before(lo) if _SUBJECTLESS.match(_without(sentence, lo, hi, rel)) else ""
        first = first or (
            _without(sentence, *clauses[0], rel) if clauses and clauses[0][0] < lo else ""
        )
        title = event_title(
            _without(sentence, lo, pos, rel),
            _without(sentence, end, hi, rel),
            kind,
            first or context,
        )
        if len(title) < 8:
            title = event_title(words, "", kind, context)
        return Statement(
            verb=verb,
            sentence=" ".join(sentence.split()),
            start=s_start + pos,
            span=span_text,
            date=date,
            kind=kind,
            title=title,
            terms=found_terms,
            confidence=confidence,
            hedged=hedged,
            distinct=_DISTINCT.search(words) is not None
            or _DISTINCT.search(sentence, 0, pos) is not None,
            context=clause_terms,
            **extra,  # type: ignore[arg-type]
        )

    # 1. Called off: the event the clause names no longer happens.
    for cue in call_offs:
        if _indefinite_or_final(low, cue):
            # the event's own date, not the day it was called off ("called off on Thursday")
            event_days = [m for m in dated if m.future or old_before(m)]
            olds = [m for m in event_days if clause_of(m.start - s_start) == clause_of(cue.start())]
            old = olds[0] if olds else (event_days[0] if len(event_days) == 1 else None)
            kind = old.kind if old else "event"
            out.append(
                make(
                    Verb.CALLED_OFF,
                    cue.start(),
                    cue.group(),
                    None,
                    kind,
                    0.9,
                    cues.object_of(low, cue) or cues.passive_subject(low, cue),
                    old_date=old.date if old else None,
                )
            )
            if old is not None:
                used.add(id(old))
            break
    if out:
        # a call-off and a new date in one sentence ("scrapped the March 3 date and
        # rescheduled for April 2") is a move: let the move reading decide
        if moves and any(
            m.future
            and (
                id(m) not in used
                # "its sleeper, shelved last month, will now make its first run on March 29":
                # a date after a move cue is the new one, not the called-off one
                or any(cue.end() <= c.start() < m.start - s_start for c in moves)
            )
            for m in dated
        ):
            out.clear()
            used.clear()
        else:
            moves = []  # called off, not moved; a past day in it may still report something

    # 2. Moved: a date in the sentence replaces an earlier one.
    if moves:
        cue = moves[0]
        cue_at = cue.start()
        olds = [m for m in dated if old_before(m)]
        news = [
            m
            for m in dated
            if m not in olds
            and m.future
            and m.start - s_start >= cue_at - 80
            # a date before the cue is its new one in the cue's clause, or when the cue gives
            # a period ("funded through March 13, giving appropriators six more weeks"); not
            # "will take effect on March 18, shifting responsibility from ... to ..."
            and (
                m.start - s_start >= cue_at
                or clause_of(m.start - s_start) == clause_of(cue_at)
                or cues.SHIFT.search(low, cue_at, cue.end() + 30) is not None
                or low.startswith(_THAN_PLANNED, cue_at)  # "until Oct. 9, later than planned"
            )
        ]
        after = [m for m in news if m.start - s_start >= cue_at]
        new = after[0] if after else (news[-1] if news else None)
        if new is not None and _still_elsewhere(low, clause_of(new.start - s_start), cue):
            moves = []  # "The delay will not affect ...: the Ariane flight remains on track for
            new = None  # April 1": that date holds; the move is another event's
        old = olds[0] if olds else None
        if old is None and new is not None:
            # the other day, when it was still ahead ("from Oct. 14 to Oct. 21"), not the
            # day the change was made ("an order signed on Monday")
            others = [m for m in dated if m is not new and m.start < new.start and m.future]
            old = others[-1] if others and len(dated) == 2 else None
        earlier = cues.EARLIER.search(low) is not None
        if new is not None:
            used.update({id(new), id(old)} if old else {id(new)})
            old_date = old.date if old else _date_before(new, low)
            out.append(
                make(
                    Verb.MOVED,
                    new.start - s_start,
                    new.text,
                    new.date,
                    new.kind,
                    max(new.confidence, 0.8),
                    cues.object_of(low, cue) or cues.passive_subject(low, cue),
                    old_date=old_date,
                    earlier=earlier,
                )
            )
        elif moves:
            shift = cues.read_shift(low, max(0, cue_at - 40))
            if shift is not None:
                period, _ = shift
                if earlier:
                    period = cues.Shift(-period.amount, period.unit)
                out.append(
                    make(
                        Verb.MOVED,
                        cue_at,
                        cue.group(),
                        None,
                        old.kind if old else _kind_from_words(low),
                        0.85,
                        cues.object_of(low, cue) or cues.passive_subject(low, cue),
                        old_date=old.date if old else None,
                        shift=period,
                        earlier=earlier,
                    )
                )
                if old is not None:
                    used.add(id(old))
            elif cues.MOVE_WITHOUT_DATE.search(low) and not any(m.future for m in dated):
                # "postponed ... and has not set a new date": off until a new one comes
                off = cues.NO_NEW_DATE.search(low) is not None
                out.append(
                    make(
                        Verb.CALLED_OFF if off else Verb.POSTPONED,
                        cue_at,
                        cue.group(),
                        None,
                        old.kind if old else _kind_from_words(low),
                        0.85 if off else 0.6,
                        old_date=old.date if old else None,
                    )
                )
                if old is not None:
                    used.add(id(old))

    # 3. Happened: a past day the sentence reports, or a cue such as "took effect".
    happened = cues.find(cues.HAPPENED, low)
    dated = [_in_the_past(m, low, s_start, happened, published) for m in dated]
    scrubbed = [c.end() for c in cues.CALL_OFF.finditer(low)]
    for m in dated:
        if id(m) in used or m.future or m.date is None:
            continue
        if dt.date.fromisoformat(m.date[:10]) > published:
            continue
        if any(0 <= m.start - s_start - end <= 20 for end in scrubbed):
            continue  # "called off Thursday's attempt": that day's event did not happen
        out.append(make(Verb.HAPPENED, m.start - s_start, m.text, m.date, m.kind, 0.7))
        used.add(id(m))
    # ... or a past stretch it names ("packed last week's public hearing"): whatever was
    # due in it is reported, if its words say which
    # (a past month only when the sentence says something happened in it: "the consultation
    # closed last month", "the docket, which closed in July")
    for m in found:
        if m.future or m.date is None or m.end_date is None or m.end_date >= published.isoformat():
            continue
        length = (dt.date.fromisoformat(m.end_date) - dt.date.fromisoformat(m.date[:10])).days
        if length > (_PAST_MONTH if happened else _PAST_WEEK):
            continue
        out.append(
            make(
                Verb.HAPPENED,
                m.start - s_start,
                m.text,
                m.date[:10],
                m.kind,
                0.6,
                through=m.end_date,
            )
        )
    if (
        happened
        and not any(s.verb == Verb.HAPPENED for s in out)
        and not any(m.future for m in dated)
    ):
        cue = happened[0]
        out.append(make(Verb.HAPPENED, cue.start(), cue.group(), None, _kind_from_words(low), 0.6))

    # 4. "the same day (that) X expires": X is on the date named before it.
    for phrase in _SAME_DAY.finditer(sentence):
        if "before" in phrase.group().lower() or "after" in phrase.group().lower():
            continue
        before = [m for m in dated if m.future and m.start - s_start < phrase.start()]
        if before and not any(
            clause_of(m.start - s_start) == clause_of(phrase.start()) for m in dated
        ):
            base = before[-1]
            lo, hi = clause_of(phrase.start())
            kind = _kind_from_words(sentence[lo:hi].lower())
            out.append(make(Verb.SCHEDULED, phrase.start(), phrase.group(), base.date, kind, 0.6))

    # 5. Scheduled: every other future date, as one article alone reads it. A date under
    # a condition ("pickets would go up on July 1 if talks fail") is a threat a reader
    # follows, though not yet a deadline to alert on: tracked when nearly sure otherwise.
    for m in dated:
        bar = min_confidence - _CONDITIONAL_SLACK if m.conditional else min_confidence
        if id(m) in used or not m.future or m.confidence < bar:
            continue
        out.append(make(Verb.SCHEDULED, m.start - s_start, m.text, m.date, m.kind, m.confidence))
    out.sort(key=lambda s: s.start)
    return out


_THAN_PLANNED = ("later than", "earlier than", "sooner than", "longer than")
_PAST_WEEK = 8  # days: a past stretch this short is reported by naming it ("last week's")
_PAST_MONTH = 31  # ... and one this short when a verb says what happened in it


def _still_elsewhere(low: str, clause: tuple[int, int], cue: re.Match[str]) -> bool:
    """Whether the date's clause says its date holds ("remains on track for", "is still set
    for") while the move cue is in another clause: a different event moved, or none."""
    lo, hi = clause
    if lo <= cue.start() < hi:
        return False
    return cues.STILL.search(low, lo, hi) is not None


def _date_before(new: TemporalMention, low: str) -> str | None:
    """The old date a move implies: "moved to Dec. 10, a day later than planned" was Dec. 9."""
    shift = cues.than_planned(low)
    if shift is None or new.date is None:
        return None
    back = cues.Shift(-shift.amount, shift.unit)
    return cues.add_period(dt.date.fromisoformat(new.date[:10]), back).isoformat()


# What is cancelled because of an event, not the event: "trains cancelled as the strike
# starts", "flights were cancelled".
_CONSEQUENCE = re.compile(
    r"\b(?:trains?|flights?|services?|classes|lessons|appointments?|surger(?:y|ies)|"
    r"operations|routes?|departures?|trips?|journeys?|shifts?|orders?|bookings?|tickets?|"
    r"events|games|matches|fixtures|performances|shows|concerts|sailings)\s+(?:\w+\s+){0,2}$"
)


def _indefinite_or_final(low: str, cue: re.Match[str]) -> bool:
    """Whether a call-off cue really calls the event off: not "dropped to 3%" or "cancelled
    flights" said of something else than an event with a date."""
    word = cue.group()
    if _CONSEQUENCE.search(low[max(0, cue.start() - 40) : cue.start()]):
        return False
    if re.match(r"\s+and\s+re-?[a-z]{3,}", low[cue.end() :]):
        return False  # "withdrew and refiled its notification": done again, not called off
    if re.match(r"\s+(?:\w+(?:'s)?\s+){0,3}?(?:attempt|try|countdown)\b", low[cue.end() :]):
        return False  # "called off Thursday's attempt to launch": a scrub, not the launch
    if re.match(
        r"\s+(?:\w+\s+){0,2}?(?:flights?|trains?|services?|sailings?|classes|routes?)\b",
        low[cue.end() :],
    ):
        return False  # "passengers on the cancelled May flights": a consequence, not the event
    if word.startswith("drop") and (
        re.match(r"\s*(?:to|by|from|in|of|out)\b", low[cue.end() :])
        or re.search(r"(?:\b(?:a|an|the|sharp|steep|big)|%)\s*$", low[: cue.start()])
    ):
        return False  # "dropped to 3%", "a 34% drop in profit": a fall, not a call-off
    return not (word.startswith("suspend") and "indefinitely" not in low and "until" in low)


_KIND_WORDS = (
    ("expiry", re.compile(r"\b(?:expir|lapse|truce|ceasefire|licen[cs]e|moratorium|waiver)")),
    ("effective", re.compile(r"\b(?:tariff|effect|force|ban|rule|levy|duty|duties|law)")),
    ("vote", re.compile(r"\b(?:vote|ballot|referendum|election|poll)")),
    ("meeting", re.compile(r"\b(?:meet|summit|talks|hearing|session|conference)")),
    ("filing", re.compile(r"\b(?:filing|file|comment|submission|application|return)")),
    ("deadline", re.compile(r"\bdeadline")),
)


def _kind_from_words(low: str) -> str:
    for kind, pattern in _KIND_WORDS:
        if pattern.search(low):
            return kind
    return "event"
