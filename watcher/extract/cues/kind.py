"""What kind of date a mention is (deadline, meeting, vote...), from the nearest cue word."""

from __future__ import annotations

import re

from watcher.core.kinds import Kind
from watcher.extract.cues.words import NEW_CLAUSE

# Kind cues: (regex over one lower-cased word or two, kind, generic?)
_KIND_CUES: list[tuple[re.Pattern[str], Kind, bool]] = [
    (
        # something stops: "will stop providing updates on Oct. 14", "the portal would stop
        # accepting requests at 6 p.m. on Sept. 28"
        re.compile(r"expir\w*|lapses?|lapsing|sunsets?|ends|end|ending|stops?|ceases?"),
        Kind.EXPIRY,
        False,
    ),
    (
        re.compile(
            r"deadlines?|due|cutoff|cut-off|ultimatum|payable|payments?|record|closes|shuts"
        ),
        Kind.DEADLINE,
        False,
    ),
    (
        re.compile(r"effect|effective|force|kicks?|implemented|implementation|enforcement"),
        Kind.EFFECTIVE,
        False,
    ),
    (
        re.compile(
            r"meet|meets|meeting|meetings|summit|talks|convene\w*|gathering|hearing|hearings|"
            r"sit-down|negotiations|conference|session|interview|symposium|forum|convention|"
            r"congress|assembly|agm|bargaining"
        ),
        Kind.MEETING,
        False,
    ),
    (
        re.compile(
            r"vote|votes|voting|ballot|ballots|election|elections|referendum|polls|"
            r"primary|caucus\w*|runoff"
        ),
        Kind.VOTE,
        False,
    ),
    (
        re.compile(
            r"file|files|filing|filings|submit\w*|submission\w*|applications?|apply|"
            r"register|registration|comment|comments|bids?|nominations?|enrol\w*|enroll\w*|"
            r"consultation|applicants?|claims?|appeal|reply|replies|respond|responses?|answer|answers|"
            r"lodge\w*|notify\w*|notifying|notifications?|disclose|disclosures?"
        ),
        Kind.FILING,
        False,
    ),
    (
        re.compile(
            r"trip|travel\w*|visit\w*|journey|launch\w*|release\w*|open|opens|opening|premiere\w*|"
            r"pre-orders|preorders|orders|"
            r"debut\w*|ceremony|festival|concert|tour|trial|inaugurat\w*|rally|match|game|"
            r"announce\w*|unveil\w*|publish\w*|report|earnings|results|strike|protests?|"
            r"demonstrations?|parade|"
            r"auction|sale|conference|fly|flies|arrive\w*|begins?|starts?|kicks?off|event|office|"
            r"sworn|shipping|ships|ship|tie|fixture|race|final|reopen\w*|debates?|arguments|kick-off|kickoff|"
            r"available|availability"  # "would become generally available on June 16": a release
        ),
        Kind.EVENT,
        False,
    ),
    (
        re.compile(r"scheduled|slated|set|planned|expected|will|until|by|pencilled|penciled"),
        Kind.EVENT,
        True,
    ),
]


# Words that name the kind outright outrank nearer, vaguer cues ("the deadline for bids").
_PRIORITY: dict[str, float] = {"deadline": 3.0, "deadlines": 3.0, "due": 3.0, "expires": 2.0}


_PRIORITY.update(dict.fromkeys(("expire", "expiry", "expiration", "expired", "expiring"), 2.0))


def _kind_of_word(w: str) -> tuple[Kind, bool] | None:
    """The kind a word names, if any (_word_info caches it: words recur across a text)."""
    for rx, kind, generic in _KIND_CUES:
        if rx.fullmatch(w):
            return kind, generic
    return None


# Words that say something happens but not what: the noun they go with names the kind
# ("the climate summit, which opens on Nov. 10" is a meeting; "the truce ends" expires;
# "voting in the governor's race begins" is a vote, a race alone an event).
_WEAK_VERBS = frozenset(
    {
        "open",
        "opens",
        "opening",
        "begin",
        "begins",
        "start",
        "starts",
        "reopen",
        "reopens",
        "end",
        "ends",
        "ending",
        "race",
        "closes",
        "shuts",
    }
)


# A clause of its own starts: its specific cues are not this date's ("the summit ended
# in a vote after talks collapsed on Friday"). Not "before", which bounds the action
# before it as "by" does ("must be submitted before the portal closes on March 3").
_SUBORDINATORS = frozenset(
    {"after", "when", "while", "because", "although", "though", "once", "whereas"}
)


# ... and after a date: "Dec. 18, the day before the court closes"
_AFTER_BREAKS = frozenset({"before", "after", "when", "once", "while", "whereas"})


_KICK = frozenset({"kick", "kicks", "kicked", "kicking"})


_PERIOD_END = frozenset({"through", "thru", "until", "till"})


# What a thing in force does until it ends: "runs through Sept. 30", "honoured until Feb. 21"
_EXTENT = frozenset(
    {"run", "runs", "lasts", "valid", "honoured", "honored", "effect", "force", "place"}
)


_FROM_WORDS = frozenset({"starting", "from", "beginning", "on"})


# Imposing a charge, or a price moving: the date is when it takes effect
_IMPOSE = frozenset({"impose", "imposes", "imposing"})


_PRICE_MOVE = frozenset(
    {"rise", "rises", "increase", "increases", "climb", "climbs", "jump", "jumps", "double"}
    | {"raise", "raises", "raising", "hike", "hikes"}  # "raise its tariffs from 1 April"
)


_PRICES = frozenset(
    {
        "fares",
        "fare",
        "prices",
        "price",
        "fees",
        "fee",
        "taxes",
        "tax",
        "tariffs",
        "tariff",
        "duties",
        "duty",
        "tolls",
        "rents",
        "premiums",
        "charges",
        "bills",
        "levy",
    }
)


_DEADLINE_BY = frozenset({"by", "until", "till", "before", "within"})
# ... and phrases that end as "by" does: "no later than July 1", "have up to July 15"
_DEADLINE_TAILS = (["no", "later", "than"], ["have", "up", "to"], ["has", "up", "to"])
_DEADLINE_TAILS2 = (["prior", "to"], ["up", "to"])  # "prior to June 30", "up to Jan. 25"


# "will not report until Nov. 19": not before then, so that is when it happens
_NOT_UNTIL = frozenset({"not", "won't", "wouldn't", "isn't", "aren't", "can't", "never"})


_AT_LEAST = frozenset({"least", "most"})


_CHARGE_WORDS = _IMPOSE | _PRICE_MOVE  # without one of them the effective rule cannot apply


_NAMES_DEADLINE = frozenset({"deadline", "deadlines"})


# What opens a period: the date is its start.
_OPENING = frozenset({"opens", "open", "opening", "starting", "from", "begins", "beginning"})


# Verbs of sending something in, after "to" ("until May 18 to ask to be appointed").
_SEND_IN = frozenset({"send", "submit", "file", "apply", "lodge", "ask", "accept", "return"})


def _files_after(after: list[str]) -> bool:
    """Whether the date is followed by what must be sent in by then: 'to send their
    applications', 'to submit the documents', 'to file', 'to accept an offer'."""
    if len(after) < 2 or after[0] != "to":
        return False
    if after[1] in _SEND_IN:
        return True
    for w in after[1:5]:
        found = _INFO.get(w) or _word_info(w)
        if found[0] is Kind.FILING:
            return True
    return False


def _kick(nxt: str) -> tuple[Kind, bool] | None:
    """'kicks off' is an event, 'kicks in' a rule taking effect."""
    if nxt == "off":
        return Kind.EVENT, False
    if nxt == "in":
        return Kind.EFFECTIVE, False
    return None


# Roles a word can play while the kind is read (bit flags of _Info)
_SUB = 1  # a subordinator, in the words before the date


_CLAUSE = 2  # a new clause, in the words after it ("Dec. 18, the day before the court closes")


_KICKS = 4  # "kick": its particle says which kind


_DUE = 8  # "due": "due to resume" is no deadline


_REGISTER = 16  # "register": not in "the Federal Register"


# (kind or None, generic, score offset, roles); offset = 20 if generic, +6 for a weak
# verb, minus the word's priority
_Info = tuple[Kind | None, bool, float, int]


_PLAIN: _Info = (None, False, 0.0, 0)


_INFO: dict[str, _Info] = {}


def _word_info(w: str) -> _Info:
    """Everything kind_of needs to know about a word, computed once per word."""
    found = _kind_of_word(w)
    roles = (
        (_SUB if w in _SUBORDINATORS else 0)
        | (_CLAUSE if w in NEW_CLAUSE or w in _AFTER_BREAKS else 0)
        | (_KICKS if w in _KICK else 0)
        | (_DUE if w == "due" else 0)
        | (_REGISTER if w == "register" else 0)
    )
    if found is None:
        info = _PLAIN if not roles else (None, False, 0.0, roles)
    else:
        offset = (20.0 if found[1] else 0.0) + (6.0 if w in _WEAK_VERBS else 0.0)
        info = (found[0], found[1], offset - _PRIORITY.get(w, 0.0), roles)
    if len(_INFO) > 50_000:  # bounded, whatever the input
        _INFO.clear()
    _INFO[w] = info
    return info


def kind_of(before: list[str], after: list[str]) -> tuple[Kind, int, int]:
    """The kind named by the nearest specific cue, how strong the evidence is (0-2),
    and how many words after the date the cue sits (0 when it is before the date)."""
    window = before[-14:]
    n = len(window)
    tail = window[:-2] if n > 1 and window[-2] == "at" and window[-1] in _AT_LEAST else window
    near = tail[-1] if tail else ""
    if near in _PERIOD_END and not _EXTENT.isdisjoint(tail[-4:-1]):
        return Kind.EXPIRY, 2, 0  # "the burn ban ... runs through Sept. 30"
    if (
        not _CHARGE_WORDS.isdisjoint(window)
        and (near in _FROM_WORDS or tail[-2:] == ["as", "of"])
        and (
            not _IMPOSE.isdisjoint(window)
            or not (_PRICE_MOVE.isdisjoint(window) or _PRICES.isdisjoint(before))
        )
    ):
        # "will impose tariffs starting Oct. 1", "fares will rise on 1 March": inferred, not
        # named, so no stronger than a generic cue (a month stays a vague period)
        return Kind.EFFECTIVE, 1, 0
    best: tuple[float, Kind, bool, int] | None = None
    best_word = ""
    info_of = _INFO
    blocked = False  # past a subordinator: only generic cues still count
    vote = filing = to_file = False
    for i in range(n - 1, -1, -1):
        w = window[i]
        try:
            info = info_of[w]
        except KeyError:
            info = _word_info(w)
        if info is _PLAIN:
            continue  # the common case
        kind, generic, offset, roles = info
        dist = n - 1 - i
        if roles:
            if roles & _SUB and dist > 0:
                blocked = True
                continue
            if roles & _KICKS:
                k = _kick(window[i + 1] if i + 1 < n else after[0] if after else "")
                if k is None:
                    continue
                kind, generic = k
            elif roles & _REGISTER and i > 0 and window[i - 1] == "federal":
                continue  # "published in the Federal Register": a publication
            elif roles & _DUE and i + 1 < n and window[i + 1] in {"to", "out"}:
                # "due to resume", "the album is due out April 4": scheduled, no deadline
                kind, generic = Kind.EVENT, True
                offset += 20.0
        if kind is None:
            continue
        if blocked and not generic:
            # another clause's cue: something is scheduled, no more
            kind, generic, offset = Kind.EVENT, True, offset + 20.0
        if kind is Kind.VOTE:
            vote = True
        elif kind is Kind.FILING:
            filing = True
            to_file = to_file or (i > 0 and window[i - 1] == "to")
        score = dist + offset
        if best is None or score < best[0]:
            best, best_word = (score, kind, generic, 0), w
    blocked = False
    m = min(len(after), 10)
    for dist in range(m):
        w = after[dist]
        try:
            info = info_of[w]
        except KeyError:
            info = _word_info(w)
        if info is _PLAIN:
            continue
        kind, generic, offset, roles = info
        if roles:
            if roles & _CLAUSE:
                blocked = True  # "reopens on 1 January, and the club's annual meeting"
                continue
            if roles & _KICKS:
                k = _kick(after[dist + 1] if dist + 1 < len(after) else "")
                if k is None:
                    continue
                kind, generic = k
        if kind is None:
            continue
        if blocked and not generic:
            kind, generic, offset = Kind.EVENT, True, offset + 20.0
        if kind is Kind.FILING:
            filing = True
            to_file = to_file or (dist > 0 and after[dist - 1] == "to")
        score = dist + 2.5 + offset
        if best is None or score < best[0]:
            best, best_word = (score, kind, generic, dist + 1), w
    # "by"/"until" right before the date make a deadline unless a specific cue sits just
    # before it ("must file by Dec. 15" is a filing, "restore funding by Jan. 20" a deadline)
    if (
        near in _DEADLINE_BY or tail[-3:] in _DEADLINE_TAILS or tail[-2:] in _DEADLINE_TAILS2
    ) and not ((near == "until" or near == "till") and not _NOT_UNTIL.isdisjoint(tail[-6:])):
        # an event verb before "by" is what must happen by then ("will be announced by 6 p.m.
        # Sunday", "publish its review by the end of next month"): still a deadline
        close = best is not None and not best[2] and best[1] is not Kind.EVENT and best[0] <= 4
        close = close or (best is not None and best[1] in {Kind.FILING, Kind.VOTE} and best[0] <= 5)
        if not close:
            if _files_after(after):
                return Kind.FILING, 2, 1  # "have until 6pm on Wednesday to send applications"
            return Kind.DEADLINE, 1, 0
    # "the rules apply from 2 August": legal English for taking effect
    if before[-2:] in (["apply", "from"], ["applies", "from"]):
        return Kind.EFFECTIVE, 2, 0
    if best is None:
        return Kind.OTHER, 0, 0
    if best[2]:
        return Kind.EVENT, 1, 0
    if best[1] is Kind.FILING and not _OPENING.isdisjoint(tail[-3:]):
        # "the consultation opens at 9am on Tuesday", "file returns starting next Monday":
        # a filing period opening is an event (its close is the filing deadline)
        return Kind.EVENT, 2, 0
    if best[1] is Kind.MEETING and vote:
        return Kind.VOTE, 2, best[3]  # "will vote on the deal at a special meeting on April 22"
    if best[1] is Kind.DEADLINE and (to_file if best_word in _NAMES_DEADLINE else filing):
        # "comments are due by March 24", "the deadline to file returns is April 15": what
        # is due is a filing ("the deadline for bids" stays a deadline: the word names it)
        return Kind.FILING, 2, best[3]
    return best[1], 2, best[3]
