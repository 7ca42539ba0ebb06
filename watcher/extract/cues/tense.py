"""The tense that governs a date: read backwards from it first, then forwards."""

from __future__ import annotations

from watcher.extract.cues.words import NEW_CLAUSE
from watcher.extract.grammar.lexicon import MONTHS, WEEKDAYS

Tense = str  # "past" | "future" | "present"


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
        "expect",
        "plans",
        "planned",
        "planning",
        "intends",
        "aims",
        "wants",
        "want",
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
        "sets",  # "Kestrel sets Oct. 13 cut-off": a headline's present announces a date
        "cut-off",  # "the Oct. 13 cut-off", as "deadline"
        "cutoff",
        "payable",
        "pencilled",
        "penciled",
        "beyond",
        # expectation: what is awaited or likely lies ahead even in a past report
        # ("traders were awaiting the meeting on Thursday", "said storms were possible")
        "awaiting",
        "await",
        "awaits",
        "preparing",  # "was preparing for crowded terminals on Saturday": what is ahead
        "prepares",
        "bracing",
        "braces",
        "possible",
        "likely",
        "unlikely",
        "poised",
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
ED_FUTURE = frozenset(
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
        "reset",
        "retargeted",
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
        "votes",  # "Chile votes on Sunday" (only -s forms: "rule", "report" are nouns too)
        "holds",
        "hears",
        "sits",
        "decides",
        "publishes",
        # earnings and data: "Dollar General reports before the bell Thursday"
        "report",
        "reports",
        "post",
        "posts",
        "publishes",
        "releases",
        "announces",
    )
)


_PASSIVE_AUX = frozenset({"be", "been", "being", "is", "are", "was", "were"})


# One lookup per word; the order of the updates is the precedence of the sets.
_TENSE_OF: dict[str, Tense] = dict.fromkeys(_INF_VERBS, "infinitive")


_TENSE_OF.update(dict.fromkeys(_PRESENT | _SCHEDULED_PRESENT, "present"))


_TENSE_OF.update(dict.fromkeys(_PAST, "past"))


_TENSE_OF.update(dict.fromkeys(_FUTURE | ED_FUTURE, "future"))


_PERFECT_AUX = frozenset({"has", "have", "'ve"})


_ADVERBS = frozenset({"already", "also", "now", "just", "recently", "since", "again", "not"})


def _perfect_before(words: list[str], i: int) -> bool:
    """Whether words[i] (a participle) follows has/have, adverbs allowed between."""
    j = i - 1
    while j >= 0 and words[j] in _ADVERBS:
        j -= 1
    return j >= 0 and words[j] in _PERFECT_AUX


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
    | {"reset", "retargeted"}
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
    return j >= 0 and (words[j] in _INF_MARKERS or words[j].endswith(_WILL_SUFFIXES))


def _participle_of_state(i: int, words: list[str]) -> bool:
    """words[i] is a participle after an auxiliary or linking verb: not the governing verb."""
    return i > 0 and (words[i - 1] in _PASSIVE_AUX or words[i - 1] in _LINKING)


# Contractions of will ("we'll", "they\u2019ll"): a marker of what is ahead.
_WILL_SUFFIXES = ("'ll", "\u2019ll")


# Adverbs of habit: a participle after them tells what usually happens, not what did.
_HABITUAL = frozenset({"usually", "typically", "normally", "traditionally", "generally"})


# Determiners after has/have that make it possession ("has a meeting"), not a perfect.
_POSSESSED = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "your", "my"})


# Past participles that also make reduced relatives ("applications made on time by
# 14 May", "a government formed before Christmas"); irregular ones besides -ed words.
_PARTICIPLES = frozenset({"made", "paid", "sold", "bought", "sent", "held", "built", "found"})
_PARTICIPLES |= frozenset({"kept", "spent", "brought", "won", "lost", "set", "put"})


# Modals before a base verb: what it says is a duty or a possibility, so still ahead.
_MODAL_AUX = frozenset({"must", "can", "cannot", "should", "may", "might", "could", "would"})


def _future_after(after: list[str]) -> bool:
    """Whether the verb after a date is a future or a modal ("tax not paid by June 30
    will attract interest"): the date belongs to a reduced relative in the subject."""
    for w in after[:6]:
        if w in NEW_CLAUSE:
            return False
        if w in _MODAL_AUX or w in _INF_MARKERS or w.endswith(_WILL_SUFFIXES):
            return True
        if w in _TENSE_OF or (len(w) > 4 and w.endswith("ed")):
            return False
    return False


def _under_future(before: list[str], i: int) -> bool:
    """Whether the participle before[i] sits under a future further back in its clause
    ("are expected to decide on all applications made on time by 14 May"): a reduced
    relative, whose date is the future verb's (the clause words stop the look-back)."""
    for j in range(i - 1, max(-1, i - 12), -1):
        w = before[j]
        if w in NEW_CLAUSE:
            return False
        if w not in _TENSE_OF and not (len(w) > 4 and w.endswith("ed")):
            if w.endswith(_WILL_SUFFIXES):
                return True  # "we'll want bids made by"
            continue
        if j > 0 and before[j - 1] in _MODAL_AUX:
            return True  # "must report the emissions they caused by 31 July": a duty
        t = _consider(j, before)
        if t is not None:
            return t == "future"
    return False


# Scheduled presents that are also plural nouns ("filed its expert reports on Friday"):
# no verb after a possessive or a determiner of a plural close before them.
_ALSO_NOUNS = frozenset({"reports", "posts", "releases", "sets"})
_NOUN_BEFORE = frozenset(
    {"its", "their", "his", "her", "our", "your", "these", "those", "new", "several", "many"}
    | {"some", "other", "media", "news", "press", "earnings", "two", "three"}
)


# Verbs of intent that are also nouns: after a verb or a determiner they are its object
# ("kept hopes alive on Thursday", "unveiled plans on Monday"), and say no future.
_INTENT_NOUNS = frozenset({"hopes", "plans", "aims", "wants"})
_DETERMINER_OR_VERB = _NOUN_BEFORE | frozenset({"the", "a", "any", "no", "our", "my"})


def _consider(i: int, words: list[str]) -> Tense | None:
    w = words[i]
    t = _TENSE_OF.get(w)
    if w in _ALSO_NOUNS and not _NOUN_BEFORE.isdisjoint(words[max(0, i - 2) : i]):
        return None
    if w in _INTENT_NOUNS and i > 0:
        p = words[i - 1]
        if p in _DETERMINER_OR_VERB or _TENSE_OF.get(p) == "past" or p.endswith("ed"):
            return None
    if t is None:
        if len(w) > 4 and w.endswith("ed"):
            if "-" in w and w.split("-", 1)[0] not in _VERB_PREFIXES:
                return None
            if i > 0 and words[i - 1] in _ATTRIBUTIVE_AFTER:
                return None  # "related legislation": an adjective
            if i > 0 and words[i - 1] in _HABITUAL:
                return "present"  # "results, usually released in early May": a habit
            if i > 0 and words[i - 1] in _INF_VERBS:
                return None  # "to deliver audited statements": the object's adjective
            if i > 1 and words[i - 1].endswith("ly") and words[i - 2] in _ATTRIBUTIVE_AFTER:
                return None  # "a partly ticketed gala": an adjective too
            if not _KEEP.isdisjoint(words[max(0, i - 4) : i]):
                return None  # "keeps the government funded through": a state, not a past
            if i + 1 < len(words) and words[i + 1] == "for" and i + 2 == len(words):
                return "future"  # "liftoff targeted for Oct. 22": planned for that day
            if i + 1 < len(words) and (words[i + 1] in MONTHS or words[i + 1] in WEEKDAYS):
                return None  # "the year ended March 31 on May 12": another date's verb
            return "past"
        return None
    if t == "past" and i > 0 and w in _PARTICIPLES and words[i - 1] in _HABITUAL:
        return "present"  # "the fair, usually held in late June": a habit
    if t == "present" and not _KEEP.isdisjoint(words[max(0, i - 3) : i]):
        return None  # "keep the clinics open through": a state, the verb is "keep"
    if (w == "have" or w == "be") and _marker_before(i, words):
        return "future"  # "will have its premiere", "will be lifted"
    if w in ED_FUTURE and i > 0 and words[i - 1] in _PREPOSITIONS and w.endswith("ed"):
        return None  # "in extended trading", "with delayed flights": adjectives
    if w in _EFFECT_WORDS and not _HAPPENED.isdisjoint(words[max(0, i - 3) : i]):
        return "past"
    if t == "infinitive":
        return "future" if _marker_before(i, words) else None
    if (t == "present" or w in _INF_VERBS) and _marker_before(i, words):
        return "future"  # "to open", "will play", "to last": scheduled, not a habit
    if (w == "has" or w == "have") and i + 1 < len(words) and words[i + 1] == "to":
        return "future"  # obligation: "has to respond within 90 days"
    if (w == "has" or w == "have") and i + 1 < len(words) and words[i + 1] in _POSSESSED:
        return None  # "rather have the answer in the spring": possession, no perfect
    if w in _RESCHEDULED and i + 1 < len(words) and words[i + 1] in _WHEN_PREPOSITIONS:
        return "past"  # "moved in June", "set in August": when it happened, not the new date
    return t


_FUTURE_TAILS3 = (
    ["no", "earlier", "than"],
    ["no", "later", "than"],
    ["have", "up", "to"],  # "owners have up to July 15 to pay": as "have until"
    ["has", "up", "to"],
)


_FUTURE_TAILS2 = (["back", "to"], ["back", "until"], ["off", "until"])


def _gapped_passive(before: list[str], i: int) -> bool:
    """Whether the participle before[i] follows "and"/"or" and a short subject of its own
    after a passive ("must be attached and conditions signed"): its tense is that one's."""
    w = before[i]
    if w in _PASSIVE_AUX or not (w in _PARTICIPLES or w.endswith("ed")):
        return False
    for k in (i - 2, i - 3):
        if k < 1 or (before[k] != "and" and before[k] != "or"):
            continue
        if any(x in _TENSE_OF for x in before[k + 1 : i]):
            return False
        return not _PASSIVE_AUX.isdisjoint(before[max(0, k - 7) : k])
    return False


def tense(before: list[str], after: list[str]) -> Tense | None:
    """The tense that governs a date, from the words before (nearest last) and after it."""
    return read_tense(before, after)[0]


_SPANS = frozenset(
    {"moments", "minutes", "hours", "day", "days", "week", "weeks", "month", "months"}
    | {"year", "years", "hour", "decade", "decades", "weekend"}
)


# "It was not until Sept. 17 that ...": "until" there is no forward cue
_NOT_UNTIL = frozenset({"not", "wasn't", "weren't", "isn't"})


# Prepositions that end a period: forward-looking when no verb says otherwise
# ("funds agencies through Sept. 30"); only a fallback ("By March, prices had risen").
_WEAK_FORWARD = frozenset({"through", "thru", "by", "till", "before"})


# Verbs whose object takes a participle as its state: "keeps the government funded".
_KEEP = frozenset({"keep", "keeps", "keeping", "leave", "leaves", "leaving"})


# Past verbs that tell someone to do something later: the infinitive after them is ahead.
_DIRECTIVES = frozenset(
    {"ordered", "told", "asked", "required", "directed", "instructed", "urged", "gave"}
    | {"allowed", "forced", "invited", "summoned", "called", "agreed", "promised", "vowed"}
    | {"pledged", "decided", "voted", "moved", "sought", "demanded", "needed"}
)


_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "before", "through"})


def _infinitive_after(words: list[str], i: int) -> bool:
    """Whether "to" and a verb follow words[i] within a few words ("ordered her to
    surrender", "gave the company until ... to"): not "to the court"."""
    for j in range(i + 1, min(len(words) - 1, i + 5)):
        if words[j] == "to":
            return words[j + 1] not in _ATTRIBUTIVE_AFTER and not words[j + 1].isdigit()
    return False


# "last" says the past only before a word of time ("last week", "last Friday"); before
# another noun it means final ("the last policy meeting of the year on Thursday").
_LAST_OF_TIME = (
    _SPANS
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset({"night", "time", "season", "summer", "spring", "autumn", "fall", "winter"})
    | frozenset({"quarter", "weekend", "fortnight"})
)


# Past verbs that announce something starting later: a date after "from" is when it
# starts, not when it was announced ("called strikes at two airports from Wednesday").
_ANNOUNCED = frozenset({"called", "announced", "declared", "ordered", "proclaimed"})
_FROM_WORDS = frozenset({"from", "starting", "beginning"})


def _preposition_of(before: list[str]) -> str | None:
    """The word before the date and its clock time ("by" of "by 5 p.m. ET Thursday")."""
    j = len(before) - 1
    while j >= 0 and (before[j] in _CLOCK_WORDS or before[j].isdigit()):
        j -= 1
    return before[j] if j >= 0 else None


def read_tense(before: list[str], after: list[str]) -> tuple[Tense | None, int]:
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
    for i in range(n - 1, max(-1, n - 17), -1):
        w = before[i]
        if w not in _TENSE_OF and not (len(w) > 4 and w.endswith("ed")):
            continue  # the common case, decided without a call
        if (w == "until" or w == "till") and i > 0 and before[i - 1] in _NOT_UNTIL:
            continue
        if w == "later" and i > 0 and before[i - 1] in _SPANS:
            continue  # "a week later, on April 9": later in the story, not after today
        if w == "last" and i + 1 < n and before[i + 1] not in _LAST_OF_TIME:
            continue  # "the last policy meeting": final, no tense
        t = _consider(i, before)
        if t is None:
            continue
        if t == "past" and w in _DIRECTIVES and _infinitive_after(before, i):
            return "future", i  # "was told to surrender by May 4": what is to be done
        if (
            t == "past"
            and before[-1] in _DEADLINE_PREPOSITIONS
            and (w in _PARTICIPLES or w.endswith("ed"))
            and i > 0
            and before[i - 1] not in _PASSIVE_AUX
            and (_under_future(before, i) or (i == n - 2 and _future_after(after)))
        ):
            return "future", -1  # "a government formed before Christmas" after "want"
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
        # ... or one with its own subject and the auxiliary left out ("tags must be
        # attached and licence conditions signed by Sunday")
        if t == "past" and i > 2 and _gapped_passive(before, i):
            continue
        # the present perfect does not take a past date ("have called a strike for
        # 9 January"): the date is what was announced, not when
        if t == "past" and w not in _PERFECT_AUX and _perfect_before(before, i):
            if before[-1] in _DEADLINE_PREPOSITIONS:
                return "future", i  # "if the deal has not closed by Sept. 30": still ahead
            return "present", i
        if t == "past" and w in _PERFECT_AUX and _preposition_of(before) in _DEADLINE_PREPOSITIONS:
            return "future", i  # "whether they have been selected by 5 p.m. Thursday"
        if t == "past" and w in _DIRECTIVES and _infinitive_after(before, i):
            return "future", i  # "ordered her to surrender by Feb. 3": what is to be done
        if t == "past" and w in _ANNOUNCED and not _FROM_WORDS.isdisjoint(before[i + 1 :]):
            return "present", i  # "called strikes from Wednesday": either side of today
        if t == "past" and w in {"has", "have"} and i == n - 1:
            continue
        return t, i
    for i in range(min(len(after), 5)):
        w = after[i]
        if w in NEW_CLAUSE:
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


_ANNOUNCING = frozenset({"set", "scheduled", "slated", "fixed", "named", "reset"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "new"})


# Finite present verbs say what holds now, whatever a clause before them tells of the past
# ("an extension, which Congress approved last fall, also expires on Sept. 30").
# (Only words that are not also plural nouns: "their plans by the September 30 deadline".)
_FINITE_NOW = frozenset({"expires", "begins", "opens", "closes", "lapses", "intends"})


# A clause of its own with its subject ("as it tries", "because they want"): the past
# verb before it is not the frame of what follows.
_PRESENT_CLAUSE = frozenset({"as", "because", "while", "although", "though", "whereas"})
_SUBJECTS = frozenset({"it", "they", "we", "he", "she", "i", "you"})


def past_frame(before: list[str], i: int) -> bool:
    """Whether the forward cue before[i] sits under a past verb further back: a future
    seen from the past ("few expected it to last until the spring")."""
    if i < 0 or before[i] in _ABSOLUTE_FUTURE or before[i] in _FINITE_NOW:
        return False
    if before[i] in _ANNOUNCING and i + 1 < len(before) and before[i + 1] in _DETERMINERS:
        return False  # "had accepted it and set a decision date of Sept. 18": announced ahead
    k = i - 1
    while k >= 0 and (before[k] in _PASSIVE_AUX or before[k] in _ADVERBS):
        if before[k] in _PRESENT_AUX:
            return False  # "is now planned for September": seen from now
        k -= 1  # the cue's own auxiliary: "was moved to June 3" is no past frame
    for j in range(k, max(-1, i - 15), -1):
        w = before[j]
        if w in _ABSOLUTE_FUTURE or w == "but":
            return False  # "was scheduled for November but is now planned for ..."
        if w in _PRESENT_CLAUSE and j + 1 < len(before) and before[j + 1] in _SUBJECTS:
            return False  # "..., said on Tuesday, as it tries to get ahead of ... expected in"
        if w not in _TENSE_OF and not (len(w) > 4 and w.endswith("ed")):
            continue
        if (w == "has" or w == "have") and j + 1 < len(before) and before[j + 1] in _POSSESSED:
            return False  # "they have the votes to pass a bill that would ...": seen from now
        t = _consider(j, before)
        if t != "past":
            continue
        if _participle_of_state(j, before) and w not in _PASSIVE_AUX:
            continue
        return w not in _PERFECT_AUX and not _perfect_before(before, j)
    return False
