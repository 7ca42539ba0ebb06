"""Which stored record each statement of an article is about, and what to do to it.

Pure: the statements of one article, the stored records they might be about (with the
weights of their terms) and the publication day in; a list of actions out. Records are
compared by what their clauses are about (shared term stems, rarer terms weighing more)
and by date: a statement naming a record's date as the old one ("had been due to expire
on Nov. 10") is about that record even if its words differ. Each action says whether it is
confident; the caller applies confident ones and keeps the rest as proposals for review.

Within one article the records change as its statements are read: a record created by the
headline is confirmed by the body, and a record moves at most once per article (a body
sentence repeating the move confirms it; a shift by a period is never applied twice).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from watcher.story import cues
from watcher.story.cues import add_period
from watcher.story.statements import Statement, Verb


class Act(StrEnum):
    NEW = "new"
    MOVED = "moved"
    CALLED_OFF = "called off"
    CONFIRMED = "confirmed"
    DONE = "done"


@dataclass(frozen=True)
class Known:
    """A stored record as matching sees it."""

    id: int
    title: str
    kind: str
    day: dt.date  # local date
    status: str  # active, done, cancelled
    terms: frozenset[str]
    date: str = ""  # ISO date or date-time as stored (for a timed record)


@dataclass(frozen=True)
class Action:
    """What to do to one record because of one statement.

    ``target`` is a stored record's id; ``new_ref`` the index in the plan of the NEW
    action whose record this one is about (a record created by the same article).
    ``confident`` false makes it a proposal for review, with ``reason`` saying why.
    """

    act: Act
    statement: Statement
    target: int | None = None
    new_ref: int | None = None
    date: str | None = None  # the record's date after the action (NEW, MOVED)
    old_day: dt.date | None = None  # the record's date before (MOVED, CALLED_OFF, DONE)
    title: str = ""  # the record's title (known records) or the new title
    kind: str = ""
    confident: bool = True
    reason: str = ""
    score: float = 0.0


# How much of a statement's content must a record share to be the same event.
SAME_DAY = 0.3  # a record on the date the statement names (share of the smaller set)
OLD_DAY = 0.12  # a record on the date the statement says the event had before
BY_WORDS = 0.3  # a record found by words alone (a move or call-off naming no old date)
UNSEEN = 1.0 / (1.0 + math.log1p(1))  # a term no stored record has weighs as a rare one
CONTEXT = 0.4  # a record found by what the sentence before was about...
CONTEXT_ONLY = 3  # ...when the statement itself names too little to say what it is about
LOOSE = 0.15  # below BY_WORDS but above this: a proposal, not a change
LOOK_ALIKE = 0.6  # another date, same event? too close to call without a person
MARGIN = 0.12  # the best record must lead the next by this much to be sure
UNDO_HERE = 0.6  # a record this article moved is called off only by a statement this sure
PASSED = 0.2  # what a record whose day has passed loses as the object of a change
BACKED = 0.5  # a loose match that the headline or sentence before backs up this far is sure

_KIND_GROUPS = (
    frozenset({"deadline", "filing"}),
    frozenset({"meeting", "event", "vote", "other"}),
)


@dataclass
class _Working:
    """A record during planning: stored, or created earlier by this article."""

    known: Known
    ref: int | None = None  # index of the NEW action that made it
    moved_here: bool = False
    changed_here: bool = False  # moved, called off or done by this article
    named_here: bool = False  # any action of this article is about it (proposals too)
    touched: set[str] = field(default_factory=set)


def weights(document_frequency: Mapping[str, int]) -> dict[str, float]:
    """Term weights from how many stored records use each term: rarer weighs more."""
    return {t: 1.0 / (1.0 + math.log1p(max(df, 1))) for t, df in document_frequency.items()}


def overlap(
    statement_terms: frozenset[str], known_terms: frozenset[str], w: Mapping[str, float]
) -> float:
    """The weighted share of a statement's terms that a record also has."""
    if not statement_terms:
        return 0.0
    total = sum(w.get(t, UNSEEN) for t in statement_terms)
    shared = sum(w.get(t, UNSEEN) for t in statement_terms & known_terms)
    return shared / total


def _covered(a: frozenset[str], b: frozenset[str], w: Mapping[str, float]) -> float:
    """The weighted share of the smaller set that the two share."""
    if not a or not b:
        return 0.0
    shared = sum(w.get(t, UNSEEN) for t in a & b)
    return shared / min(sum(w.get(t, UNSEEN) for t in a), sum(w.get(t, UNSEEN) for t in b))


def kinds_agree(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _KIND_GROUPS)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def plan_article(
    statements: Sequence[Statement],
    known: Sequence[Known],
    w: Mapping[str, float],
    published: dt.date,
) -> list[Action]:
    """The actions an article's statements call for, given the stored records."""
    records = [_Working(k) for k in known]
    actions: list[Action] = []
    # News of a change first, so that a later sentence giving the new date confirms it
    # instead of reading as a second event.
    order = {
        Verb.CALLED_OFF: 0,
        Verb.MOVED: 0,
        Verb.POSTPONED: 0,
        Verb.HAPPENED: 1,
        Verb.SCHEDULED: 2,
    }
    ordered = sorted(statements, key=lambda s: (s.in_headline, order[s.verb], s.start))
    about: dict[int, _Working] = {}  # a statement's start -> the record it was about
    moving = any(s.verb in {Verb.MOVED, Verb.POSTPONED} for s in statements)
    for statement in ordered:
        apart = about.get(statement.beside) if statement.beside is not None else None
        candidates = [
            r for r in records if r is not apart and not (statement.distinct and r.ref is not None)
        ]
        action = _decide(statement, candidates, w, published, len(actions), moving)
        if action is None:
            continue
        if statement.in_headline and _said_in_body(action, actions, records):
            _corroborate(action, actions)
            continue
        if (
            statement.in_headline
            and action.act in _SUMMED
            and any(a.act == action.act for a in actions)
        ):
            continue  # "Deal reached, strike called off": the body called it off already
        actions.append(action)
        _apply(action, records, len(actions) - 1)
        mine = _record_of(action, records, len(actions) - 1)
        if mine is not None:
            about[statement.start] = mine
    return actions


def _record_of(action: Action, records: list[_Working], index: int) -> _Working | None:
    """The working record an action (the ``index``-th of the plan) is about."""
    for r in records:
        if (action.act == Act.NEW and r.ref == index) or (
            action.act != Act.NEW
            and (
                (action.target is not None and r.known.id == action.target and r.ref is None)
                or (action.new_ref is not None and r.ref == action.new_ref)
            )
        ):
            return r
    return None


# What a headline sums up when the body did it: not a second record's change.
_SUMMED = frozenset({Act.CALLED_OFF, Act.MOVED, Act.DONE})


def _corroborate(headline: Action, actions: list[Action]) -> None:
    """A headline sure of the change the body was unsure about ("launch slips two days" over
    a sentence that also names a telemetry fault) settles which record it is."""
    if not headline.confident:
        return
    for i, a in enumerate(actions):
        if (
            not a.confident
            and a.act == headline.act
            and a.target == headline.target
            and a.new_ref == headline.new_ref
            and (a.date or "")[:10] == (headline.date or "")[:10]
        ):
            actions[i] = replace(a, confident=True, reason="")


def _said_in_body(action: Action, actions: list[Action], records: list[_Working]) -> bool:
    """Whether the body already did what a headline action does: a headline sums up."""
    if action.act == Act.NEW:
        return any(a.date and action.date and a.date[:10] == action.date[:10] for a in actions)
    for r in records:
        same = (action.target is not None and r.known.id == action.target and r.ref is None) or (
            action.new_ref is not None and r.ref == action.new_ref
        )
        if same:
            return r.named_here
    return False


def _ranked(
    statement: Statement,
    records: list[_Working],
    w: Mapping[str, float],
    *,
    day: dt.date | None = None,
    live: bool = True,
    since: dt.date | None = None,
) -> list[tuple[float, _Working]]:
    """Records by how much they share with the statement. On a given day the date already
    agrees, so the share of the smaller term set counts (a short record "strike" is met by
    a long sentence about the strike ending); otherwise the share of the statement's."""
    scored = []
    for r in records:
        if live and r.known.status != "active":
            continue
        if day is not None and r.known.day != day:
            continue
        if day is not None:
            score = _covered(statement.terms, r.known.terms, w)
        else:
            score = overlap(statement.terms, r.known.terms, w)
        if kinds_agree(statement.kind, r.known.kind):
            score += 0.05
        if since is not None and r.known.day < since:
            score -= PASSED  # what has passed is no longer moved or called off
        scored.append((score, r))
    scored.sort(key=lambda x: -x[0])
    return scored


def _pick(
    ranked: list[tuple[float, _Working]], floor: float
) -> tuple[_Working | None, float, bool]:
    """The best record above ``floor``, its score, and whether it clearly leads."""
    if not ranked or ranked[0][0] < floor:
        return None, 0.0, False
    best_score, best = ranked[0]
    clear = len(ranked) == 1 or best_score - ranked[1][0] >= MARGIN
    return best, best_score, clear


def _action(act: Act, statement: Statement, r: _Working | None, **kw: object) -> Action:
    if r is not None:
        kw.setdefault("title", r.known.title)
        kw.setdefault("kind", r.known.kind)
        kw.setdefault("old_day", r.known.day)
        if r.ref is not None:
            return Action(act, statement, new_ref=r.ref, **kw)  # type: ignore[arg-type]
        return Action(act, statement, target=r.known.id, **kw)  # type: ignore[arg-type]
    return Action(act, statement, **kw)  # type: ignore[arg-type]


def _find(
    statement: Statement, records: list[_Working], w: Mapping[str, float], published: dt.date
) -> tuple[_Working | None, float, bool]:
    """The record a change (move, call-off) is about: by its old date, else by words (a
    record whose day has passed is a weaker candidate: it has most likely happened)."""
    old = _day(statement.old_date)
    if old is not None:
        on_old = _ranked(statement, records, w, day=old)
        found = _pick(on_old, OLD_DAY)
        if found[0] is not None:
            return found[0], max(found[1], 0.5), found[2]
        if len(on_old) == 1 and statement.context & on_old[0][1].known.terms:
            # the one live record on the day the move names, which the headline or the
            # sentence before also names ("First leg of cup final moved back a day")
            return on_old[0][1], 0.5, True
    own = _ranked(statement, records, w, since=published - dt.timedelta(days=1))
    found = _pick(own, BY_WORDS)
    if found[0] is not None and not found[2] and statement.context:
        found = _by_context(statement, own, w) or found
    if found[0] is not None:
        return found
    best_own = own[0][0] if own else 0.0
    if statement.context and best_own < LOOSE and len(statement.terms) <= CONTEXT_ONLY:
        # "The mission has slipped to March 17": what it is, the sentence before says
        ranked = [
            (_covered(statement.context, r.known.terms, w), r)
            for r in records
            if r.known.status == "active"
        ]
        ranked.sort(key=lambda x: -x[0])
        found = _pick(ranked, CONTEXT)
        if found[0] is not None:
            return found
    if best_own >= LOOSE:  # some words shared, not enough to be sure...
        best = own[0][1]
        alone = len(own) == 1 or best_own - own[1][0] >= MARGIN
        backed = _covered(statement.context, best.known.terms, w) if statement.context else 0.0
        # ... unless the headline or the sentence before names it too ("FAA gives public
        # more time on drone plan" over "keep the comment period open for another 30 days")
        return best, best_own, alone and best_own + backed >= BACKED
    return None, 0.0, False


def _by_context(
    statement: Statement, ranked: list[tuple[float, _Working]], w: Mapping[str, float]
) -> tuple[_Working, float, bool] | None:
    """Between records the statement's words cannot tell apart, the one the headline and the
    sentence before are about ("FDA postpones advisory meeting": the panel, not the ruling)."""
    best = ranked[0][0]
    close = [(s + _covered(statement.context, r.known.terms, w), s, r) for s, r in ranked]
    close = [x for x in close if best - x[1] < MARGIN]
    close.sort(key=lambda x: -x[0])
    if len(close) > 1 and close[0][0] - close[1][0] >= MARGIN:
        return close[0][2], close[0][1], True
    return None


def _decide(
    statement: Statement,
    records: list[_Working],
    w: Mapping[str, float],
    published: dt.date,
    index: int,
    moving: bool = False,
) -> Action | None:
    sure = not statement.hedged  # a change only reported ("reportedly") waits for review
    if statement.verb == Verb.CALLED_OFF:
        r, score, clear = _find(statement, records, w, published)
        if r is None or (r.moved_here and overlap(statement.terms, r.known.terms, w) < UNDO_HERE):
            return None  # "... two days earlier; the party agreed to drop [a project]"
        return _action(
            Act.CALLED_OFF,
            statement,
            r,
            confident=sure and clear,
            score=score,
            reason=_why(clear, sure),
        )
    if statement.verb == Verb.POSTPONED:
        r, score, clear = _find(statement, records, w, published)
        if r is None:
            return None
        return _action(
            Act.CALLED_OFF,
            statement,
            r,
            confident=False,
            score=score,
            reason="postponed with no new date",
        )
    if statement.verb == Verb.MOVED:
        return _decide_move(statement, records, w, sure, published)
    if statement.verb == Verb.HAPPENED:
        day = _day(statement.date)
        last = _day(statement.through)
        if day is not None and last is not None:
            # a past week: the record due in it that the sentence names
            within = [
                (s, x) for s, x in _ranked(statement, records, w) if day <= x.known.day <= last
            ]
            r, score, clear = _pick(within, SAME_DAY)
            if r is None or "done" in r.touched:
                return None
            return _action(Act.DONE, statement, r, confident=sure and clear, score=score)
        if day is not None:
            on_day = _ranked(statement, records, w, day=day)
            r, score, clear = _pick(on_day, SAME_DAY)
            if r is None:  # the same day and kind, and a word in common: "the vote was held"
                same_kind = [
                    (s, x)
                    for s, x in on_day
                    if kinds_agree(x.known.kind, statement.kind) and s > 0.05
                ]
                r, score, clear = _pick(same_kind, 0.1)
            if r is None:
                # "The directions hearing was held on Tuesday": the one live record due that
                # day, whatever words it was stored with, when the kinds do not disagree
                fits = [
                    x
                    for _, x in on_day
                    if x.known.status == "active"
                    and (
                        kinds_agree(x.known.kind, statement.kind)
                        or statement.kind in {"event", "other"}
                    )
                ]
                if len(fits) == 1:
                    r, score, clear = fits[0], SAME_DAY, True
        else:
            ranked = [
                (s, r)
                for s, r in _ranked(statement, records, w)
                if r.known.day <= published + dt.timedelta(days=1)
            ]
            r, score, clear = _pick(ranked, 0.45)
        if r is None or "done" in r.touched:
            return None
        return _action(Act.DONE, statement, r, confident=sure and clear, score=score)
    return _decide_scheduled(statement, records, w, published, moving)


def _decide_move(
    statement: Statement,
    records: list[_Working],
    w: Mapping[str, float],
    sure: bool,
    published: dt.date,
) -> Action | None:
    r, score, clear = _find(statement, records, w, published)
    if statement.date is not None and (r is None or not clear or score < BY_WORDS):
        # "the derby, called off in December, will be played on Feb. 12": a called-off
        # event given a new date comes back (also over a live record the words barely name)
        off = [
            (s, x)
            for s, x in _ranked(statement, records, w, live=False)
            if x.known.status == "cancelled" and not x.changed_here  # not this article's
        ]
        back = _pick(off, BY_WORDS)
        if back[0] is not None and (r is None or back[1] >= score + MARGIN):
            r, score, clear = back
    if r is None:
        if statement.date is None:
            return None  # a move by a period of something we do not know
        return _new(statement, True, statement.confidence)
    if statement.date is not None:
        new_day = _day(statement.date)
        new_date = statement.date
    else:
        assert statement.shift is not None
        if r.moved_here or r.ref is not None:
            # the article said it twice ("by a year ... until Nov. 10, 2026"), or gave the
            # date of a record it made itself: a period counts from a stored date only
            return _action(Act.CONFIRMED, statement, r, score=score)
        new_day = add_period(r.known.day, statement.shift)
        new_date = new_day.isoformat() + r.known.date[10:] if r.known.date else new_day.isoformat()
    if new_day == r.known.day:
        return _action(Act.CONFIRMED, statement, r, score=score)
    if r.moved_here:
        return _action(
            Act.MOVED,
            statement,
            r,
            date=new_date,
            confident=False,
            score=score,
            reason="the article gives two new dates",
        )
    return _action(
        Act.MOVED,
        statement,
        r,
        date=new_date,
        confident=sure and clear,
        score=score,
        reason=_why(clear, sure),
    )


# Kinds that name two different events on one day: a new measure taking effect on the day
# an old one expires.
_OPPOSED = frozenset({frozenset({"expiry", "effective"})})


def _kind_gap(statement: Statement, known: Known) -> float:
    """What a different kind takes off a same-day match."""
    if kinds_agree(statement.kind, known.kind):
        return 0.0
    return 0.3 if frozenset({statement.kind, known.kind}) in _OPPOSED else 0.15


_FEW = 4  # a statement naming this many things or fewer is not specific


def _one_word(statement: Statement, known: Known) -> float:
    """What a same-day match with a stored record sharing a single word loses unless the
    kinds are the same and the statement names little else: "a hearing" is not enough to
    make a county court's hearing on a gym chain's motion the federal fairness hearing.
    (Within one article, two mentions of a day and a word are one event.)"""
    shared = statement.terms & known.terms
    if len(shared) > 1:
        return 0.0
    if statement.kind == known.kind and len(statement.terms) <= _FEW:
        return 0.0
    return 0.15


def _decide_scheduled(
    statement: Statement,
    records: list[_Working],
    w: Mapping[str, float],
    published: dt.date,
    moving: bool = False,
) -> Action | None:
    day = _day(statement.date)
    assert day is not None
    same_day = [
        (
            s
            - _kind_gap(statement, r.known)
            - (_one_word(statement, r.known) if r.ref is None else 0),
            r,
        )
        for s, r in _ranked(statement, records, w, day=day, live=False)
    ]
    same_day.sort(key=lambda x: -x[0])
    r, score, _clear = _pick(same_day, SAME_DAY)
    if r is None and len(statement.terms) <= CONTEXT_ONLY:
        # "It expires on Jan. 1", "the law still takes effect on Dec. 30": a statement that
        # names little is about the record of its kind on that day the context names
        alike = [
            (_covered(statement.context | statement.terms, x.known.terms, w), x)
            for _, x in same_day
            if kinds_agree(statement.kind, x.known.kind) or statement.kind in {"event", "other"}
        ]
        alike.sort(key=lambda x: -x[0])
        r, score, _clear = _pick(alike, CONTEXT)
    if r is None and cues.STILL.search(statement.sentence.lower()):
        # "remains scheduled to learn her punishment on Feb. 26": the one live record of a
        # kind that fits on that day, whatever words it was stored with
        fits = [
            x
            for _, x in same_day
            if x.known.status == "active"
            and (kinds_agree(statement.kind, x.known.kind) or statement.kind in {"event", "other"})
        ]
        if len(fits) == 1:
            r, score = fits[0], SAME_DAY
    if r is not None:
        return _action(Act.CONFIRMED, statement, r, score=score)
    others = [
        (s, r)
        for s, r in _ranked(statement, records, w)
        if r.known.day != day
        and r.known.day >= published
        and not r.moved_here
        and r.known.kind == statement.kind
        and r.ref is None  # an article's own two dates are two events
    ]
    near, near_score, near_clear = _pick(others, LOOK_ALIKE)
    if near is not None and moving and near_clear and not statement.hedged:
        # "Shares will now go ex-dividend on May 11. The dividend itself will be paid on May
        # 13": in an article about a delay, a plain new date of a stored event moved it too
        return _action(Act.MOVED, statement, near, date=statement.date, score=near_score)
    if near is not None:
        reason = f"it may be #{near.known.id} ({near.known.title}) on another date"
        return _new(statement, False, near_score, reason)
    # a new date is stored even when only reported: alerts are cheap, a miss is not
    return _new(statement, True, statement.confidence)


def _why(clear: bool, sure: bool) -> str:
    """Why a change waits for review ("" when it does not)."""
    if not clear:
        return "it could be about another deadline"
    return "" if sure else "only reported, not confirmed"


def _new(statement: Statement, confident: bool, score: float, reason: str = "") -> Action:
    """A record for an event no stored record is: from the statement's own date and title."""
    return Action(
        Act.NEW,
        statement,
        date=statement.date,
        title=statement.title,
        kind=statement.kind,
        confident=confident,
        score=score,
        reason=reason,
    )


def _apply(action: Action, records: list[_Working], index: int) -> None:
    """Let later statements of the article see what this action did."""
    if action.act == Act.NEW:
        day = _day(action.date)
        assert day is not None
        records.append(
            _Working(
                Known(
                    id=-1 - index,
                    title=action.title,
                    kind=action.kind,
                    day=day,
                    status="active",
                    terms=action.statement.terms,
                    date=action.date or "",
                ),
                ref=index,
            )
        )
        return
    for r in records:
        if (action.target is not None and r.known.id == action.target and r.ref is None) or (
            action.new_ref is not None and r.ref == action.new_ref
        ):
            r.named_here = True
            if not action.confident:
                return  # a proposal changes nothing, not even what the record is about
            if action.act in {Act.MOVED, Act.CALLED_OFF, Act.DONE}:
                r.changed_here = True
            summary = action.act == Act.CONFIRMED and action.statement.in_headline
            merged = r.known.terms | (frozenset() if summary else action.statement.terms)
            if action.act == Act.MOVED:
                day = _day(action.date)
                assert day is not None
                r.known = replace(r.known, day=day, date=action.date or "", terms=merged)
                r.moved_here = True
            elif action.act == Act.CALLED_OFF:
                r.known = replace(r.known, status="cancelled", terms=merged)
            elif action.act == Act.DONE:
                r.known = replace(r.known, status="done", terms=merged)
                r.touched.add("done")
            else:
                r.known = replace(r.known, terms=merged)
            return
