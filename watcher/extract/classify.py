"""Reading the words around a date: tense, what kind of date it is, a title, confidence.

All of it is local: the clause around the mention (the sentence, cut at
semicolons, colons, dashes and quotes), read outward from the date, nearest cue
first. Cues before the date weigh more than cues after it, because in news
the verb that governs a date usually precedes it ("will meet ... on Oct. 30").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from watcher.core.kinds import Kind

Tense = str  # "past" | "future" | "present"

# A word, hyphenated compounds kept whole ("open-ended" is an adjective, not "ended").
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z][A-Za-z'\u2019]*)*")
# Every alternative starts with a literal, so the engine skips to the next candidate
# character instead of trying each position: a spaced dash is matched at the dash, and
# _span widens it to the spaces around it.
_CLAUSE_BREAK = re.compile(r':(?=\s)|;|\u2014|\u2013|"|\u201c|\u201d|\(|\)|-(?<=\s-)(?=\s)')


def _span(b: re.Match[str]) -> tuple[int, int]:
    """A clause break's span; a spaced dash takes the spaces on either side."""
    start, end = b.span()
    return (start - 1, end + 1) if b.string[start] == "-" else (start, end)


_FUTURE = frozenset(
    {
        "will",
        "shall",
        "won't",
        "'ll",
        "upcoming",
        "next",
        "scheduled",
        "slated",
        "due",
        "expected",
        "expects",
        "plans",
        "planned",
        "planning",
        "intends",
        "aims",
        "wants",
        "hopes",
        "deadline",
        "expires",
        "expire",
        "expiration",
        "expiry",
        "begins",
        "starts",
        "opens",
        "closes",
        "ends",
        "lapses",
        "effect",
        "effective",
        "until",
        "ahead",
        "could",
        "may",
        "might",
        "would",
        "should",
        "must",
        "can",
        "tentatively",
        "coming",
        "going",
        "soon",
        "later",
        "forthcoming",
        "pending",
        "set",
        "payable",
        "pencilled",
        "penciled",
        "beyond",
    }
)
_PAST = frozenset(
    {
        "said",
        "told",
        "was",
        "were",
        "had",
        "did",
        "ago",
        "last",
        "previously",
        "yesterday",
        "met",
        "went",
        "came",
        "took",
        "gave",
        "made",
        "saw",
        "got",
        "held",
        "began",
        "rose",
        "fell",
        "won",
        "lost",
        "sold",
        "bought",
        "paid",
        "spoke",
        "wrote",
        "became",
        "brought",
        "thought",
        "ran",
        "sent",
        "kept",
        "found",
        "struck",
        "led",
        "fled",
        "hit",
        "died",
        "since",
        "has",
        "have",
        "wasn't",
        "weren't",
        "didn't",
        "hadn't",
        "former",
        "then",
        "chose",
        "drew",
        "drove",
        "flew",
        "grew",
        "knew",
        "threw",
        "wore",
        "broke",
        "froze",
        "forgot",
        "shook",
        "fought",
        "sought",
        "caught",
        "taught",
        "stood",
        "understood",
        "withdrew",
        "undertook",
        "oversaw",
        "upheld",
        "withheld",
        "overcame",
        "spent",
        "built",
        "felt",
        "meant",
        "sank",
        "swore",
        "tore",
        "woke",
        "arose",
        "dealt",
        "overtook",
        "rebuilt",
        "sprang",
        "stole",
        "swung",
        "ate",
    }
)
_PRESENT = frozenset({"is", "are", "am", "isn't", "aren't", "says", "say"})
# -ed words that look forward rather than back.
_ED_FUTURE = frozenset(
    {
        "scheduled",
        "slated",
        "expected",
        "planned",
        "intended",
        "set",
        "due",
        "needed",
        "postponed",
        "delayed",
        "rescheduled",
        "deferred",
        "extended",
        "moved",
    }
)
# Base verbs that, after "to", point forward: "the program is to run through June".
_INF_VERBS = frozenset(
    """
    run meet start begin end expire take hold open close launch vote travel visit return
    resume remain stay last continue arrive leave decide rule announce release file submit
    pay sign testify appear speak face hand keep provide produce respond reply comply complete
    finish deliver publish issue present unveil implement enforce impose raise cut lower lift
    remove restore reopen attend join hear review consider approve pass ratify negotiate
    discuss host name appoint nominate elect choose replace withdraw exit step retire move
    ship sell buy acquire merge shut stop halt suspend cease register enroll report resolve
    settle fund extend delay postpone reach avoid prevent repay refund disclose explain answer
    debate introduce launch reveal finalize finalise deliver bring put send give make offer
    """.split()  # noqa: SIM905
)
# Present-tense verbs news uses for what is scheduled: "Bargaining resumes Tuesday".
_SCHEDULED_PRESENT = frozenset(
    (
        "open",
        "opens",
        "close",
        "closes",
        "begin",
        "begins",
        "start",
        "starts",
        "end",
        "ends",
        "resume",
        "resumes",
        "return",
        "returns",
        "run",
        "runs",
        "meet",
        "meets",
        "arrive",
        "arrives",
        "leave",
        "leaves",
        "launch",
        "launches",
        "reopen",
        "reopens",
        "expire",
        "expires",
        "lapse",
        "lapses",
        "apply",
        "applies",
        "kick",
        "kicks",
        "go",
        "goes",
        "take",
        "takes",
        "face",
        "faces",
        "host",
        "hosts",
        "play",
        "plays",
        "travel",
        "travels",
        "visit",
        "visits",
        "head",
        "heads",
    )
)
_PASSIVE_AUX = frozenset({"be", "been", "being", "is", "are", "was", "were"})


# One lookup per word; the order of the updates is the precedence of the sets.
_TENSE_OF: dict[str, Tense] = dict.fromkeys(_INF_VERBS, "infinitive")
_TENSE_OF.update(dict.fromkeys(_PRESENT | _SCHEDULED_PRESENT, "present"))
_TENSE_OF.update(dict.fromkeys(_PAST, "past"))
_TENSE_OF.update(dict.fromkeys(_FUTURE | _ED_FUTURE, "future"))


_PERFECT_AUX = frozenset({"has", "have", "'ve"})
_ADVERBS = frozenset({"already", "also", "now", "just", "recently", "since", "again", "not"})


def _perfect_before(words: list[str], i: int) -> bool:
    """Whether words[i] (a participle) follows has/have, adverbs allowed between."""
    j = i - 1
    while j >= 0 and words[j] in _ADVERBS:
        j -= 1
    return j >= 0 and words[j] in _PERFECT_AUX


def clause_bounds(text: str, s_start: int, s_end: int, m_start: int, m_end: int) -> tuple[int, int]:
    """The clause of the sentence [s_start, s_end) that holds the mention."""
    lo, hi = s_start, s_end
    for b in _CLAUSE_BREAK.finditer(text, s_start, m_start):
        a, e = _span(b)
        if a >= s_start and e <= m_start:
            lo = e
    for b in _CLAUSE_BREAK.finditer(text, m_end, s_end):
        a, e = _span(b)
        if a >= m_end and e <= s_end:
            hi = a
            break
    return lo, hi


def clause_breaks(text: str, s_start: int, s_end: int) -> tuple[list[int], list[int]]:
    """The clause breaks of the sentence [s_start, s_end) as (starts, ends), spaced dashes
    widened: read once per sentence, then looked up by clause_in for each mention in it."""
    starts: list[int] = []
    ends: list[int] = []
    for b in _CLAUSE_BREAK.finditer(text, s_start, s_end):
        a, e = _span(b)
        starts.append(a)
        ends.append(e)
    return starts, ends


def clause_in(
    text: str,
    breaks: tuple[list[int], list[int]],
    s_start: int,
    s_end: int,
    m_start: int,
    m_end: int,
) -> tuple[int, int]:
    """What clause_bounds returns, from the sentence's clause_breaks (breaks are one
    character, so none straddles the mention; widened spans do not overlap, so both
    lists are sorted)."""
    if m_start < len(text) and text[m_start].isspace():
        # a break's look-ahead could reach the mention: read it as clause_bounds does
        return clause_bounds(text, s_start, s_end, m_start, m_end)
    starts, ends = breaks
    lo, hi = s_start, s_end
    i = bisect.bisect_right(ends, m_start) - 1  # the last break that ends before the mention
    if i >= 0 and starts[i] >= s_start:
        lo = ends[i]
    for j in range(bisect.bisect_left(starts, m_end), len(starts)):
        if ends[j] <= s_end:
            hi = starts[j]
            break
    return lo, hi


def _words(text: str, lo: int, hi: int, lower: str | None = None) -> list[str]:
    """The lower-cased words of text[lo:hi]; `lower` is text.lower() when the caller
    has it (same length as text), which saves lowering and slicing per mention."""
    if lower is not None:
        return _WORD.findall(lower, lo, hi)
    return _WORD.findall(text[lo:hi].lower())


# Prefixes that keep a hyphenated -ed word a verb ("re-elected"); other hyphenated -ed
# words are adjectives ("open-ended strikes", "long-awaited vote").
_VERB_PREFIXES = frozenset({"re", "co", "pre", "de", "un", "over", "under", "out", "mis"})
# Past verbs that make "effect"/"force" a thing that happened: "took effect", "came into
# force", "had gone into effect", "became effective".
_HAPPENED = frozenset(
    {"took", "went", "came", "became", "taken", "gone", "come", "become", "was", "were"}
)
_EFFECT_WORDS = frozenset({"effect", "effective", "force"})
# "to open", "will open": the base verb after them is ahead, whatever tense it looks like
_INF_MARKERS = frozenset({"to", "will", "shall", "won't"})
# Participles that look forward only when the new date follows them ("moved to Friday",
# "set for March"); followed by a preposition of time they say when something happened.
_RESCHEDULED = frozenset(
    {"postponed", "delayed", "rescheduled", "deferred", "extended", "moved", "pushed", "set"}
)
_WHEN_PREPOSITIONS = frozenset({"in", "on", "at", "during", "last", "earlier", "this"})


# An -ed word right after these is an adjective, not a verb: "take up related
# legislation", "in extended trading", "a revised plan".
_PREPOSITIONS = frozenset({"in", "on", "at", "of", "for", "with", "from", "into", "up"})
_ATTRIBUTIVE_AFTER = _PREPOSITIONS | frozenset(
    {"a", "an", "the", "its", "their", "his", "her", "our", "your", "some", "any", "no"}
    | {"new", "other"}
)
# Linking verbs: a participle after them is a state, its tense the linking verb's
# ("will now remain suspended until 7 August").
_LINKING = frozenset(
    {"remain", "remains", "remained", "stay", "stays", "stayed", "become", "becomes"}
    | {"seem", "seems", "get", "gets"}
)


def _marker_before(i: int, words: list[str]) -> bool:
    """Whether to/will/shall comes before words[i], adverbs allowed between ("will now
    remain")."""
    j = i - 1
    while j >= 0 and words[j] in _ADVERBS:
        j -= 1
    return j >= 0 and words[j] in _INF_MARKERS


def _participle_of_state(i: int, words: list[str]) -> bool:
    """words[i] is a participle after an auxiliary or linking verb: not the governing verb."""
    return i > 0 and (words[i - 1] in _PASSIVE_AUX or words[i - 1] in _LINKING)


def _consider(i: int, words: list[str]) -> Tense | None:
    w = words[i]
    t = _TENSE_OF.get(w)
    if t is None:
        if len(w) > 4 and w.endswith("ed"):
            if "-" in w and w.split("-", 1)[0] not in _VERB_PREFIXES:
                return None
            if i > 0 and words[i - 1] in _ATTRIBUTIVE_AFTER:
                return None  # "related legislation": an adjective
            return "past"
        return None
    if w in _ED_FUTURE and i > 0 and words[i - 1] in _PREPOSITIONS and w.endswith("ed"):
        return None  # "in extended trading", "with delayed flights": adjectives
    if w in _EFFECT_WORDS and not _HAPPENED.isdisjoint(words[max(0, i - 3) : i]):
        return "past"
    if t == "infinitive":
        return "future" if _marker_before(i, words) else None
    if (t == "present" or w in _INF_VERBS) and _marker_before(i, words):
        return "future"  # "to open", "will play", "to last": scheduled, not a habit
    if (w == "has" or w == "have") and i + 1 < len(words) and words[i + 1] == "to":
        return "future"  # obligation: "has to respond within 90 days"
    if w in _RESCHEDULED and i + 1 < len(words) and words[i + 1] in _WHEN_PREPOSITIONS:
        return "past"  # "moved in June", "set in August": when it happened, not the new date
    return t


_FUTURE_TAILS3 = (["no", "earlier", "than"], ["no", "later", "than"])
_FUTURE_TAILS2 = (["back", "to"], ["back", "until"], ["off", "until"])
_NEW_CLAUSE = frozenset({"that", "which", "who", "and", "but", "while", "whereas"})


def tense(before: list[str], after: list[str]) -> Tense | None:
    """The tense that governs a date, from the words before (nearest last) and after it."""
    return _read_tense(before, after)[0]


_SPANS = frozenset(
    {"moments", "minutes", "hours", "day", "days", "week", "weeks", "month", "months"}
    | {"year", "years", "hour", "decade", "decades", "weekend"}
)
# "It was not until Sept. 17 that ...": "until" there is no forward cue
_NOT_UNTIL = frozenset({"not", "wasn't", "weren't", "isn't"})
# Prepositions that end a period: forward-looking when no verb says otherwise
# ("funds agencies through Sept. 30"); only a fallback ("By March, prices had risen").
_WEAK_FORWARD = frozenset({"through", "thru", "by", "till", "before"})


def _read_tense(before: list[str], after: list[str]) -> tuple[Tense | None, int]:
    """The tense and the index in `before` of the word that decided it (-1 when the
    decision came from elsewhere)."""
    if before and before[-1] in _TAIL_GATE:  # the words right before the date decide
        if before[-3:] in _FUTURE_TAILS3 or before[-2:] in _FUTURE_TAILS2:
            return "future", -1  # "pushed back to no earlier than July 9"
        last = before[-1]
        if last in _BEYOND:
            return "future", -1  # "keep the government funded past Friday"
        if last == "in" and len(before) > 1 and before[-2] in _COMPARED:
            return "past", -1  # "the same sizes as in August": a baseline that has been
        j = len(before) - 1
        while j >= 0 and before[j] in _CLOCK_WORDS:
            j -= 1  # "starting at 8 a.m. Thursday"
        if j >= 0 and before[j] in _STARTING:
            return "future", -1  # "ordered evacuations starting at 8 a.m. Thursday"
    # The verb that governs a date usually comes before it: read backwards first,
    # and only when nothing there speaks, read forwards.
    n = len(before)
    for i in range(n - 1, max(-1, n - 11), -1):
        w = before[i]
        if w not in _TENSE_OF and not (len(w) > 4 and w.endswith("ed")):
            continue  # the common case, decided without a call
        if (w == "until" or w == "till") and i > 0 and before[i - 1] in _NOT_UNTIL:
            continue
        if w == "later" and i > 0 and before[i - 1] in _SPANS:
            continue  # "a week later, on April 9": later in the story, not after today
        t = _consider(i, before)
        if t is None:
            continue
        # a passive participle takes its tense from the auxiliary before it
        if t == "past" and _participle_of_state(i, before) and w not in _PASSIVE_AUX:
            continue
        # ... and so does one coordinated with it ("must be postmarked by Election Day
        # and received by noon on Nov. 7")
        if (
            t == "past"
            and i > 1
            and (before[i - 1] == "and" or before[i - 1] == "or")
            and w not in _PASSIVE_AUX
            and not _PASSIVE_AUX.isdisjoint(before[max(0, i - 8) : i - 1])
        ):
            continue
        # the present perfect does not take a past date ("have called a strike for
        # 9 January"): the date is what was announced, not when
        if t == "past" and w not in _PERFECT_AUX and _perfect_before(before, i):
            return "present", i
        if t == "past" and w in {"has", "have"} and i == n - 1:
            continue
        return t, i
    for i in range(min(len(after), 5)):
        w = after[i]
        if w in _NEW_CLAUSE:
            break  # a new clause starts: its verbs are not this date's
        if w == "last" or w == "next":
            continue  # belongs to a following expression, not to this one
        if w in _ATTRIBUTION:
            continue  # "... through the weekend, the Weather Service said": who, not when
        if (
            w == "set"
            and (i == 0 or after[i - 1] not in _PASSIVE_AUX)
            and (i + 1 >= len(after) or after[i + 1] not in {"to", "for"})
        ):
            return "past", -1  # "a judge on Wednesday set a trial date": the verb, past
        t = _consider(i, after)
        if t is None:
            continue
        if t == "past" and i > 0 and after[i - 1] in _PASSIVE_AUX and w not in _PASSIVE_AUX:
            t = "past" if after[i - 1] in {"was", "were"} else "present"
        return t, -1
    if before and before[-1] in _WEAK_FORWARD:
        return "future", -1
    return None, -1


# "past"/"beyond" left before a date (outside its span) are prepositions of extent
_BEYOND = frozenset({"past", "beyond"})
_COMPARED = frozenset({"as", "than", "from", "versus", "vs"})
# A start given to what is decided ("starting Oct. 1"); not "starting in January", which
# past narrative uses too.
_STARTING = frozenset({"starting", "beginning", "effective"})
_CLOCK_WORDS = frozenset({"at", "on", "from", "a", "p", "m", "noon", "midnight", "et", "pt"})
_ATTRIBUTION = frozenset(
    {"said", "says", "told", "added", "noted", "announced", "reported", "stated", "confirmed"}
)

_PRESENT_AUX = frozenset({"is", "are", "am"})

# The last words before a date with which one of the rules above can begin
_TAIL_GATE = frozenset({"than", "to", "until", "in"}) | _BEYOND | _CLOCK_WORDS | _STARTING

# Future cues that are absolute: never a future seen from a past moment.
_ABSOLUTE_FUTURE = frozenset({"will", "shall", "won't", "next", "upcoming", "coming"})


def _past_frame(before: list[str], i: int) -> bool:
    """Whether the forward cue before[i] sits under a past verb further back: a future
    seen from the past ("few expected it to last until the spring")."""
    if i < 0 or before[i] in _ABSOLUTE_FUTURE:
        return False
    k = i - 1
    while k >= 0 and (before[k] in _PASSIVE_AUX or before[k] in _ADVERBS):
        if before[k] in _PRESENT_AUX:
            return False  # "is now planned for September": seen from now
        k -= 1  # the cue's own auxiliary: "was moved to June 3" is no past frame
    for j in range(k, max(-1, i - 15), -1):
        w = before[j]
        if w in _ABSOLUTE_FUTURE or w == "but":
            return False  # "was scheduled for November but is now planned for ..."
        if w not in _TENSE_OF and not (len(w) > 4 and w.endswith("ed")):
            continue
        t = _consider(j, before)
        if t != "past":
            continue
        if _participle_of_state(j, before) and w not in _PASSIVE_AUX:
            continue
        return w not in _PERFECT_AUX and not _perfect_before(before, j)
    return False


# Kind cues: (regex over one lower-cased word or two, kind, generic?)
_KIND_CUES: list[tuple[re.Pattern[str], Kind, bool]] = [
    (re.compile(r"expir\w*|lapses?|lapsing|sunsets?|ends|end|ending"), Kind.EXPIRY, False),
    (
        re.compile(r"deadlines?|due|cutoff|cut-off|ultimatum|payable|record|closes|shuts"),
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
            r"meet|meets|meeting|meetings|summit|talks|convene\w*|gathering|hearing|"
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
            r"consultation|applicants?|claims?|appeal|reply|replies|respond|responses?|answer|answers"
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
            r"sworn|shipping|ships|ship|tie|fixture|race|final|reopen\w*|debates?|arguments|kick-off|kickoff"
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
_AT_LEAST = frozenset({"least", "most"})
_CHARGE_WORDS = _IMPOSE | _PRICE_MOVE  # without one of them the effective rule cannot apply
_NAMES_DEADLINE = frozenset({"deadline", "deadlines"})


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
        | (_CLAUSE if w in _NEW_CLAUSE or w in _AFTER_BREAKS else 0)
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
            or not (_PRICE_MOVE.isdisjoint(window) or _PRICES.isdisjoint(window))
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
            elif roles & _DUE and i + 1 < n and window[i + 1] == "to":
                kind, generic = Kind.EVENT, True  # "due to resume": scheduled, no deadline
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
    if near in _DEADLINE_BY or tail[-3:] == ["no", "later", "than"]:
        # an event verb before "by" is what must happen by then ("will be announced by 6 p.m.
        # Sunday", "publish its review by the end of next month"): still a deadline
        close = best is not None and not best[2] and best[1] is not Kind.EVENT and best[0] <= 4
        close = close or (best is not None and best[1] in {Kind.FILING, Kind.VOTE} and best[0] <= 5)
        if not close:
            return Kind.DEADLINE, 1, 0
    # "the rules apply from 2 August": legal English for taking effect
    if before[-2:] in (["apply", "from"], ["applies", "from"]):
        return Kind.EFFECTIVE, 2, 0
    if best is None:
        return Kind.OTHER, 0, 0
    if best[2]:
        return Kind.EVENT, 1, 0
    if best[1] is Kind.MEETING and vote:
        return Kind.VOTE, 2, best[3]  # "will vote on the deal at a special meeting on April 22"
    if best[1] is Kind.DEADLINE and (to_file if best_word in _NAMES_DEADLINE else filing):
        # "comments are due by March 24", "the deadline to file returns is April 15": what
        # is due is a filing ("the deadline for bids" stays a deadline: the word names it)
        return Kind.FILING, 2, best[3]
    return best[1], 2, best[3]


_REPORTING_RX = (
    r"\b(?:said|says|told\s+\w+|stated|announced|reported|confirmed|added|noted|"
    r"advised\s+reporters|wrote)\b(?:\s+(?:on\s+)?\w+day)?(?:\s+(?:that|\{that a\}))?\s+"
)
_REPORTING = re.compile(_REPORTING_RX, re.IGNORECASE)
# The same, case-sensitive, for lower-cased text (several times faster in Python's re),
# and the words without one of which it cannot match.
_REPORTING_LC = re.compile(_REPORTING_RX)


_TRAIL_WORDS = frozenset(
    """
    on by at in until from to for of the as soon than no before after since during through
    between and or - — , a an
    """.split()  # noqa: SIM905
)
_LEAD_WORDS = frozenset(
    """
    on by at in until for of the and but or as because that with while which , .
    """.split()  # noqa: SIM905
)


def title_of(before: str, after: str, cue_after: int = 0, low: str | None = None) -> str:
    """A short phrase for what happens on the date, from its clause.

    The words before the date usually say it ("Trump will meet Xi on ..."), minus a
    reporting frame ("officials said Thursday that"); when the cue that named the
    kind comes after the date ("set Nov. 1 as the deadline for ..."), the words up
    to a little past that cue are added.
    """
    if len(before) > 240:
        before = before[-240:]
        low = None
    cut = 0
    if low is None:
        low = before.lower()
    if len(low) == len(before):
        # a chain of `in` (faster than any() over a tuple): the words without one of
        # which _REPORTING_LC cannot match
        if (
            "said" in low
            or "says" in low
            or "told" in low
            or "stated" in low
            or "announced" in low
            or "reported" in low
            or "confirmed" in low
            or "added" in low
            or "noted" in low
            or "advised" in low
            or "wrote" in low
        ):
            for m in _REPORTING_LC.finditer(low):
                cut = m.end()
    else:  # a character whose lower case is longer: offsets would shift
        for m in _REPORTING.finditer(before):
            cut = m.end()
    b_words = before[cut:].split()
    while b_words and b_words[-1].lower().strip(",") in _TRAIL_WORDS:
        b_words.pop()
    if len(b_words) >= 4 and not cue_after:
        words = b_words[-10:]  # the words after the date are not needed
    else:
        a_words = after[:200].split()
        i = 0
        while i < len(a_words) and a_words[i].lower().strip(",.") in _LEAD_WORDS:
            i += 1
        a_words = a_words[i:]
        if cue_after:
            words = b_words[-6:] + a_words[: cue_after + 4]
        else:
            words = b_words + a_words[: 10 - len(b_words)]
    while words and words[-1].lower().strip(",.;:") in _TRAIL_WORDS:
        words.pop()
    return " ".join(words).strip(" ,.;:")[:120]


@dataclass(slots=True)
class Cues:
    """What the words around one date say."""

    tense: Tense | None
    kind: Kind
    kind_strength: int
    cue_after: int
    modal: bool
    hedge: bool
    superseded: bool = False
    called_off: bool = False  # "had been set for Feb. 11 before ...": a plan that no longer holds
    weather: bool = False  # the clause is a forecast: its dates are not deadlines
    hypothetical: bool = False  # "if ..., the lander would touch down around July 19"
    before: list[str] | None = None  # the words before the date (read_cues's window)
    tense_at: int = -1  # the index in `before` of the word that decided the tense

    @property
    def past_frame(self) -> bool:
        """A future seen from the past: 'few expected it to last until the spring'
        (computed when asked: only year-less dates need it)."""
        return (
            self.tense == "future"
            and self.before is not None
            and _past_frame(self.before, self.tense_at)
        )


_WEATHER_WORDS = frozenset(
    {
        "snow",
        "snowfall",
        "rain",
        "rainfall",
        "showers",
        "thunderstorm",
        "thunderstorms",
        "sleet",
        "hail",
        "blizzard",
        "flurries",
        "drizzle",
        "temperatures",
        "gusts",
        "frost",
        "fog",
        "heatwave",
        "landfall",
        "tornado",
        "tornadoes",
        "typhoon",
        "cyclone",
    }
)
_MODALS = frozenset(
    {"could", "may", "might", "possibly", "perhaps", "potentially", "would", "if", "unless"}
)
_HEDGE_WORDS = frozenset({"as", "around", "about", "so"})
_SUPERSEDED_WORDS = frozenset(
    {"was", "were", "been", "originally", "seek", "seeks", "seeking", "have"}
)
# A schedule that was: "which was due to lapse Tuesday" (and has since changed); and the
# counterfactual past, "it would have expired on July 9".
_SUPERSEDED = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:originally\s+|initially\s+)?"
    r"(?:due|scheduled|set|supposed|slated|expected|meant|planned)\s+to\b|"
    r"\boriginally\s+(?:scheduled|planned|set)\b|\bseek\w*\s+to\s+(?:delay|postpone)\b|"
    r"\b(?:would|could|might)\s+have\s+(?:\w+ed|been|begun|taken|gone|run)\b",
    re.IGNORECASE,
)
# A plan in the past perfect, since dropped or changed: "had been set for Feb. 11",
# "had been due on 10 November", "had set a compliance date of Oct. 1". Its date may
# still lie ahead, so only the confidence drops; the tense stays as read.
_CALLED_OFF_WORDS = frozenset({"had", "originally"})
_WAS = frozenset({"was", "were"})
# What happens to a plan that no longer holds, said after its date.
_DROPPED = frozenset(
    {"scrapped", "dropped", "abandoned", "cancelled", "canceled", "shelved", "withdrawn"}
    | {"postponed", "delayed", "called", "pulled", "scuttled", "axed"}
)


_DONE_AUX = _WAS | {"been"}  # not "will be delayed if ...": not yet


def _dropped_after(after: list[str]) -> bool:
    """'... on Monday was scrapped', '... for Thursday has been called off': the plan
    this date belonged to was dropped (read up to the next clause)."""
    for i, w in enumerate(after[:8]):
        if w in _NEW_CLAUSE:
            return False
        if w in _DROPPED and i > 0 and after[i - 1] in _DONE_AUX:
            return w != "called" or after[i + 1 : i + 2] == ["off"]
    return False


_CALLED_OFF = re.compile(
    r"\bhad\s+(?:been\s+)?(?:originally\s+|initially\s+|tentatively\s+)?"
    r"(?:due|scheduled|set|slated|planned|penciled|pencilled|expected|targeted)\b|"
    r"\boriginally\s+(?:been\s+)?(?:due|scheduled|planned|set|slated)\b",
    re.IGNORECASE,
)
_REPLACED = re.compile(r"\b(?:but|now|instead|rather)\b", re.IGNORECASE)
_CONDITIONAL_MODALS = frozenset({"would", "could", "might"})
_CONDITIONS = frozenset({"if", "unless"})
_HEDGE = re.compile(r"as\s+soon\s+as|as\s+early\s+as|as\s+late\s+as|around|about|or\s+so")


def read_cues(
    text: str, lo: int, m_start: int, m_end: int, hi: int, lower: str | None = None
) -> Cues:
    """Tense, kind and hedging for the mention [m_start, m_end) in clause [lo, hi).

    `lower`, when given, is text.lower() and has the length of `text`."""
    if lower is not None:  # (_words, inlined: this runs once per mention)
        before = _WORD.findall(lower, max(lo, m_start - 160), m_start)
        after = _WORD.findall(lower, m_end, min(hi, m_end + 120))
    else:
        before = _words(text, max(lo, m_start - 160), m_start)
        after = _words(text, m_end, min(hi, m_end + 120))
    t, t_at = _read_tense(before, after)
    kind, strength, cue_after = kind_of(before, after)
    modal = not _MODALS.isdisjoint(before[-6:])
    hedge = not _HEDGE_WORDS.isdisjoint(before[-4:]) and (
        _HEDGE.search(text, max(lo, m_start - 16), m_start) is not None
    )
    # cheap word checks first: the pattern itself is only tried when it can match
    superseded = False
    if not _SUPERSEDED_WORDS.isdisjoint(before[-16:]):
        found = _SUPERSEDED.search(text, max(lo, m_start - 80), m_start)
        # "was due to start on Friday but will now start on Aug. 7": the new date
        superseded = found is not None and _REPLACED.search(text, found.end(), m_start) is None
    if (
        not superseded
        and after[:1] == ["but"]
        and len(before) >= 3
        and before[-3] in _WAS
        and before[-2] in _ED_FUTURE
    ):
        superseded = True  # "was scheduled for November but is now planned for September"
    called_off = False
    if not _CALLED_OFF_WORDS.isdisjoint(before[-16:]):
        found = _CALLED_OFF.search(text, max(lo, m_start - 80), m_start)
        called_off = found is not None and _REPLACED.search(text, found.end(), m_start) is None
    if not called_off and not _DROPPED.isdisjoint(after[:8]):
        called_off = _dropped_after(after)  # "a plan to vote on Monday was scrapped"
    # a conditional: "would"/"could"/"might" with "if"/"unless" in the clause
    hypothetical = not (
        _CONDITIONS.isdisjoint(before) and _CONDITIONS.isdisjoint(after)
    ) and not _CONDITIONAL_MODALS.isdisjoint(before[-12:])
    return Cues(  # positional (in the order of the fields): cheaper than keywords
        t,
        kind,
        strength,
        cue_after,
        modal,
        hedge,
        superseded,
        called_off,
        not (_WEATHER_WORDS.isdisjoint(before) and _WEATHER_WORDS.isdisjoint(after)),  # weather
        hypothetical,
        before,
        t_at,
    )
