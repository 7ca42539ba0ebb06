"""The words by which news says what happened to a dated event: moved, called off, held.

Each family is one compiled pattern, read on a lower-cased sentence. A cue counts only
when nothing in front of it within its clause takes it back: a negation ("will not be
extended"), a hedge ("could be postponed", "threatened to scrap") or a wish ("wants to
delay"). Periods of a move ("by a year", "another 90 days") are read here too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from watcher.extract.grammar.lexicon import NUMBER_WORDS

# A move to a new date. The date itself is found by the extractor; these say that the
# date in the sentence replaces an earlier one.
MOVE = re.compile(
    r"""\b(?:
      extend(?:s|ed|ing)?\s+(?:[\w'-]+\s+){0,9}?(?:to|until|till|through|into|by)\b
    | (?:remains?|remained|stay|stays)\s+(?:open|in\s+place|in\s+effect|in\s+force)\s+
        (?:until|till|through)\b
    | (?:longer|later|earlier|sooner)\s+than\s+(?:planned|scheduled|expected|first\s+planned|
        originally)
    | extension\s+(?:to|until|through|of)
    | (?:a|an)\s+(?:\d+|\w+)[-\s](?:day|week|month|year)\s+extension
    | (?:granted|given|gets?|got|won|wins|receives?|received)\s+(?:a|an|another|an\s+extra|
        \w+\s+more|\d+\s+more|more)\b
    | (?:gave|gives?|giving|given|grants?|granted|allowed|allows?)\s+(?:[\w'-]+\s+){1,4}?
        (?:until|till|through)\b
    | (?:will|would)\s+now\s+(?:have|get)\s+until | (?:now|instead)\s+(?:has|have|gets?)\s+until
    | (?:gave|gives?|giving|grants?|granted|allowed|allows?)\s+(?:[\w'-]+\s+){1,3}?(?:an?\s+
        (?:additional|extra|further)|another|\w+\s+more)\s+(?:\d+|\w+)?\s*(?:days?|weeks?|
        months?|years?)\b
    | another\s+(?:\d+|\w+)\s+(?:days?|weeks?|months?|years?)
    | (?:\d+|\w+)\s+more\s+(?:days?|weeks?|months?|years?)
    | push(?:es|ed|ing)?\s+(?:it\s+|them\s+)?(?:back|out|forward|to|into|until)
    | (?:delay|postpon|defer|reschedul|mov|shift|push|put\s+off|slipp?|slid|deferr)\w*\s+
        (?:[\w'-]+\s+){0,8}?(?:to|until|till|into|for|by|from|back|forward|up|ahead)\b
    | (?:brought|bring|advanc|pull)\w*\s+(?:[\w'-]+\s+){0,5}?(?:forward|ahead|up)\b
    | (?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\ba\s)(?<!\bthis\s)(?<!\bthat\s)
      (?:delayed|postponed|deferred|rescheduled|moved|shifted|pushed|put\s+off|brought\s+
        forward|advanced|slipped|set\s+back|slips|slides|delays|postpones)\b
    | put\s+off\s+until
    | put\s+back\b | puts\s+back\b | putting\s+back\b
    | (?:reset|re-set|retargeted|re-targeted)\s+(?:for|to)\b
    | (?:next|new)\s+(?:try|attempt|launch\s+attempt|window)\s+(?:is\s+)?(?:set\s+)?(?:for|on)?
    | (?:will|would|shall)\s+now\s+(?!have\s+to|need|want|be\s+able|focus|turn|face|look)
    | (?:is|are)\s+now\s+(?=(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*
        \.?\s+\d)
    | now\s+(?:takes?\s+place|happens?|comes?|applies|apply)\b
    | (?:will|would)\s+(?:now|instead)\s+(?:run|last|take\s+place|be\s+held|happen|begin|
        start|open|close|expire|end|fall|come|go|remain|resume|restart|reconvene|meet|convene|
        launch|air|premiere|arrive|land|kick\s+off|be\s+played|be\s+released|sit)
    | (?:is|are|was|were)\s+now\s+(?:due|set|scheduled|expected|slated|planned|planned|
        likely|to\s+be\s+held|set\s+to|on\s+track|targeted)
    | now\s+(?:runs?|lasts?|falls?|expires?|ends?|closes?|opens?|begins?|starts?|due|set|
        scheduled|expected|slated|planned|targeted|targets|falls)
    | (?:will|to)\s+instead\b | \binstead\s+(?:of|take|be|on|in)\b
    | (?:new|fresh|revised|extended)\s+(?:deadline|date|target\s+date|expiry\s+date|
        launch\s+date|closing\s+date|end\s+date|due\s+date|cut-?off|timetable|schedule)
    | (?:deadline|date)\s+(?:now|has\s+been|was|were)\s+(?:falls?|moved|changed|set|reset|
        pushed|extended)
    | lengthen\w* | prolong\w* | renew(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:until|through|to|for)
    | roll(?:s|ed)?\s+over
    )""",
    re.VERBOSE,
)

# A move with no date: "delayed", "postponed" alone mean the old date no longer holds.
MOVE_WITHOUT_DATE = re.compile(
    r"\b(?:delay(?:s|ed)?|postpone[sd]?|put\s+off|put\s+back|push(?:es|ed)?\s+back|pushed\s+back|"
    r"deferred|on\s+hold)\b"
)

# Said of a date that has not changed: "remains scheduled for", "still set for", "on track".
STILL = re.compile(
    r"\b(?:remains?|remained|still|stays?|stayed|on\s+track|on\s+course|as\s+planned|as\s+"
    r"scheduled|unchanged|holds?|locked\s+in|firm|confirmed|reaffirmed|reiterated)\b"
)

# A postponement that names no new date says so: it is called off until a new date comes.
NO_NEW_DATE = re.compile(
    r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:set|announced?|given|give|named?|fixed|fix|"
    r"picked|pick|chosen|choose|scheduled|schedule)\s+(?:a\s+)?new\s+(?:date|time)|"
    r"no\s+new\s+(?:date|time)|without\s+(?:setting\s+|giving\s+|naming\s+)?a\s+new\s+date|"
    r"until\s+further\s+notice|new\s+date\s+(?:is|was|has|will)\s+(?:yet\s+)?(?:to\s+)?be\s+"
    r"(?:set|announced|determined|confirmed)|(?:date|time)\s+to\s+be\s+(?:determined|announced|"
    r"confirmed)|with\s+no\s+(?:date|timetable|timeline))\b"
)

CALL_OFF = re.compile(
    r"""\b(?:
      scrap(?:s|ped|ping)? | call(?:s|ed|ing)?\s+off\b
    | called\s+(?:the|a|an|its|their|this)\s+(?:[\w-]+\s+){0,2}?off\b
    | cancel(?:s|led|ed|ling|ing|lation)? | shelv(?:e|es|ed|ing) | abandon(?:s|ed|ing)?
    | drop(?:s|ped|ping)?\b(?!\s+(?:to|by|from)\s) | ditch(?:es|ed|ing)?
    | withdr[ae]w(?:n|s|ing)? | pull(?:s|ed)?\s+(?:\w+\s+){0,3}?out\s+of | pulled\s+out
    | rescind(?:s|ed)? | revok(?:e|es|ed) | terminat(?:e|es|ed)\s+(?!on\b)
    | (?:lift(?:s|ed|ing)?|withdr[ae]w(?:n|s|ing)?|pull(?:s|ed)?)\s+(?:its|their|the|a)\s+
        (?:[\w-]+\s+){0,2}?notice
    | axed? | scrapped
    | (?:dropped|removed|pulled|struck|taken)\s+(?:off\s+|from\s+)(?:the|its|their|this\s+year's)\s+
        (?:[\w-]+\s+)?(?:schedule|programme|program|agenda|calendar|line-?up|card|bill|timetable)
    | (?:will|would|shall)\s+not\s+(?:go\s+ahead|take\s+place|be\s+held|happen|proceed|
        go\s+forward|open|launch|start|begin|come\s+into\s+force|take\s+effect)
    | (?:won't|wont|will\s+no\s+longer|would\s+no\s+longer|no\s+longer)\s+(?:go\s+ahead|
        take\s+place|be\s+held|happen|proceed|go\s+forward|be\s+imposed|apply|
        take\s+effect|come\s+into\s+force|launch|open|start|begin|hold|impose|go\s+on|be\b)
    | (?:postpone[sd]?|delay(?:s|ed)?|suspend(?:s|ed)?|put\s+on\s+hold|halt(?:s|ed)?|
        frozen|freez\w+|adjourn(?:s|ed)?)\s+(?:\w+\s+){0,3}?indefinitely
    | indefinitely\s+(?:postponed|delayed|suspended)
    | suspend(?:s|ed)?\b
    | ruled\s+out(?!\s+\w+ing\b)
    | (?:is|are|was|were)\s+(?:now\s+)?off\b
    | dead\s+in\s+the\s+water | (?:has|have)\s+been\s+off
    )""",
    re.VERBOSE,
)

# Said of an event whose date has come: it happened.
HAPPENED = re.compile(
    r"""\b(?:
      took\s+(?:effect|place|office) | went\s+(?:into\s+(?:effect|force)|ahead|off|live|
        on\s+sale|forward) | came\s+into\s+(?:force|effect) | entered\s+into\s+force
    | (?:was|were)\s+(?:held|signed|sentenced|launched|released|opened|closed|completed|
        finalized|finalised|approved|passed|ratified|enacted|imposed|decided|concluded|
        adopted|unveiled|staged|played|announced|delivered)
    | met | held | launched | lifted\s+off | blasted\s+off | landed | touched\s+down
    | began | started | opened | expired | lapsed | ended | closed | concluded
    | voted | passed | signed | sentenced | released | debuted | premiered | kicked\s+off
    | beat | beating | defeated | drew\s+\d | won\s+(?:the|a|an|its|their|\d) | were\s+beaten
    | (?:was|were)\s+elected | elected
    | (?:has|have|had)\s+(?:now\s+)?(?:expired|lapsed|ended|begun|started|taken\s+effect|
        come\s+into\s+force|opened|closed|been\s+held|taken\s+place|launched|passed)
    | is\s+(?:now\s+)?in\s+(?:effect|force) | are\s+(?:now\s+)?in\s+(?:effect|force)
    | on\s+schedule | as\s+planned | as\s+scheduled
    )""",
    re.VERBOSE,
)

# Words in front of a cue, within its clause, that take the cue back.
_TAKE_BACK = re.compile(
    r"""\b(?:not|never|no|won't|wouldn't|didn't|don't|doesn't|isn't|wasn't|aren't|
      weren't|cannot|can't|refus\w*|declin\w*|rejected|rule[sd]?\s+out|any|
      could|might|may|should|threat\w*|consider\w*|weigh\w*|propos(?:e|es|ed|ing)|seek\w*|
      sought|want\w*|urg\w*|ask\w*|call\w*\s+for|hop\w*|plan(?:s|ned|ning)?\s+to|
      aim\w*|push\w*\s+for|lobby\w*|demand\w*|risk\w*|if|unless|whether|possib\w*|
      potential\w*|likely|talk\w*\s+of|floated|float\w*|mull\w*|dismiss\w*|denied|
      deny|denies|warn\w*|fear\w*|avoid\w*|prevent\w*)\b""",
    re.VERBOSE,
)

_CLAUSE_EDGE = re.compile(r"[;:\u2014\u2013(]|,\s|\b(?:but|while|although|though|whereas)\b")

_NUMBER_WORDS = NUMBER_WORDS  # "a", "one" ... "ninety", as the extractor reads them

_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?:days?|weeks?|months?|years?|quarters?)"

# "by a year", "by six months", "another 90 days", "a 30-day extension", "90 more days",
# "for another year", "an extra two weeks". The sign comes from the cue (earlier/later).
SHIFT = re.compile(
    rf"""\b(?:
      (?:by|for)\s+(?:another\s+|an\s+(?:extra|additional)\s+|a\s+further\s+)?
        (?P<n1>{_NUMBER})\s+(?:more\s+|additional\s+|extra\s+|further\s+)?(?P<u1>{_UNIT})
    | (?:another|an\s+(?:extra|additional)|a\s+further)\s+(?P<n2>{_NUMBER})\s+
        (?:more\s+)?(?P<u2>{_UNIT})
    | (?P<n3>{_NUMBER})\s+(?:more|additional|extra|further)\s+(?P<u3>{_UNIT})
    | (?:a|an)\s+(?P<n4>\d{{1,3}}|\w+)[-\s](?P<u4>day|week|month|year)\s+(?:extension|delay|
        postponement|reprieve|extra)
    | (?:another|an?\s+extra|an?\s+additional|a\s+further)\s+(?P<u5>day|week|month|year|
        fortnight)\b
    | (?:by|for)\s+(?:another\s+)?(?:a\s+)?(?P<u6>fortnight)
    | (?:slip|slips|slipped|slides?|slid|delay|delays|delayed|postpones?|postponed|pushed\s+
        back|pushes\s+back|extends?|extended|put\s+off)\s+(?P<n5>{_NUMBER})\s+(?P<u7>{_UNIT})
    )""",
    re.VERBOSE,
)

# A move that makes the date earlier.
EARLIER = re.compile(
    r"\b(?:brought\s+forward|bring\w*\s+forward|mov\w+\s+(?:\w+\s+)?up|advanc\w+|"
    r"pull\w*\s+(?:\w+\s+)?(?:forward|ahead|in)|earlier)\b"
)

# In front of a date, marks it as the date the event had before this news.
OLD_DATE_BEFORE = re.compile(
    r"""(?:
      \b(?:from|instead\s+of|rather\s+than|replacing|(?<!earlier\s)(?<!later\s)(?<!sooner\s)than)
        (?:\s+(?:the|its|an?|on))?
    | \b(?:originally|initially|previously|formerly)(?:\s+[\w'-]+){0,3}
    | ,\s+earlier
    | \b(?:was|were|had\s+been|is|are)\s+(?:due|set|scheduled|slated|planned|expected|meant|
        supposed|penciled|pencilled)(?:\s+[\w'-]+){0,3}
    | \b(?:the|its|an?)\s+(?:old|original|earlier|previous|prior|current)(?:\s+[\w'-]+){0,2}
    )\s*$""",
    re.VERBOSE,
)

# A report that is not yet certain: applied only after a person agrees.
HEDGE = re.compile(
    r"\b(?:reportedly|rumou?r\w*|sources\s+(?:said|say)|people\s+familiar|unconfirmed|"
    r"according\s+to\s+(?:a\s+)?(?:report|people|sources))\b"
)


@dataclass(frozen=True)
class Shift:
    """A move by a period: ``amount`` of ``unit`` (days, weeks, months, years), signed."""

    amount: int
    unit: str


def add_period(day: dt.date, shift: Shift) -> dt.date:
    """``day`` moved by a period; a month or year move keeps the day of the month where it
    exists (Jan. 31 + 1 month is Feb. 28)."""
    if shift.unit == "day":
        return day + dt.timedelta(days=shift.amount)
    if shift.unit == "week":
        return day + dt.timedelta(weeks=shift.amount)
    months = shift.amount * (12 if shift.unit == "year" else 1)
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# "moved to Dec. 10, a day later than planned": the move's size, so its old day is known
_THAN_PLANNED = re.compile(
    rf"\b(?P<n>{_NUMBER})\s+(?P<u>day|week|month)s?\s+(?P<way>later|earlier|sooner)\s+than\s+"
    r"(?:planned|scheduled|expected|originally|first\s+planned|previously)"
)


def than_planned(low: str) -> Shift | None:
    """How far a move went by "a day later than planned" ("two weeks earlier than
    scheduled"): the Shift from the old day to the new one."""
    m = _THAN_PLANNED.search(low)
    if m is None:
        return None
    n = m["n"]
    amount = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
    if amount is None:
        return None
    return Shift(amount if m["way"] == "later" else -amount, m["u"])


def _clause_start(low: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_EDGE.finditer(low, 0, pos):
        start = m.end()
    return start


def taken_back(low: str, pos: int) -> bool:
    """Whether a negation, hedge or wish just before ``pos`` (the four words in front of
    the cue, within its clause) takes the cue back: "will not be extended", "threatened
    to scrap", "could be pushed back"; not "the threatened tariffs ... were shelved"."""
    start = max(_clause_start(low, pos), pos - 60)
    words = list(re.finditer(r"\S+", low[start:pos]))
    if len(words) > 4:
        start += words[-4].start()
    return _TAKE_BACK.search(low, start, pos) is not None


def find(pattern: re.Pattern[str], low: str) -> list[re.Match[str]]:
    """The matches of a cue family in a lower-cased sentence that are not taken back."""
    return [m for m in pattern.finditer(low) if not taken_back(low, m.start())]


def read_shift(low: str, start: int = 0) -> tuple[Shift, int] | None:
    """The first move period at or after ``start``: the Shift and where it starts."""
    m = SHIFT.search(low, start)
    if m is None:
        return None
    groups = m.groupdict()
    number = next((groups[k] for k in ("n1", "n2", "n3", "n4", "n5") if groups.get(k)), "1")
    unit = next(groups[k] for k in ("u1", "u2", "u3", "u4", "u5", "u6", "u7") if groups.get(k))
    amount = int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
    if amount is None:
        return None
    unit = unit.rstrip("s")
    if unit == "fortnight":
        amount, unit = amount * 2, "week"
    if unit == "quarter":
        amount, unit = amount * 3, "month"
    return Shift(amount, unit), m.start()


_PARTICLES = frozenset({"back", "forward", "up", "out", "off", "ahead"})
_PRONOUNS = frozenset(
    {
        "it",
        "itself",
        "them",
        "themselves",
        "him",
        "himself",
        "her",
        "herself",
        "us",
        "this",
        "that",
        "these",
        "those",
    }
)
_OBJECT_END = re.compile(
    r"\s*(?:\b(?:to|until|till|by|into|from|for|through|on|in|after|because|as|amid|while|"
    r"so|over|that|which|who|where|when)\b|[,;:.]|$)"
)
_VERB_HEAD = re.compile(r"[a-z]+(?:\s+(?:back|forward|up|out|off|ahead))?")


# Verbs that take what they move or call off as their object.
_TRANSITIVE = re.compile(
    r"(?:extend|delay|postpon|defer|reschedul|mov|shift|push|put|slid|brought|bring|advanc|"
    r"pull|call|scrap|cancel|shelv|abandon|drop|ditch|withdr|axe|lift|suspend|halt)"
)


_PASSIVE_BEFORE = re.compile(
    r"(?P<subject>(?:[\w'%-]+\s+){1,14}?)(?:was|were|is|are|has\s+been|have\s+been|had\s+been|"
    r"will\s+be|would\s+be|to\s+be)\s+(?:now\s+|also\s+|officially\s+)?$"
)
# (a bare "and" joins nouns, "the government and the Front"; ", and" joins clauses)
_SUBJECT_START = re.compile(
    r"^(?:.*?(?:\b(?:after|as|because|said|says|while|however)|,\s*(?:and|but)|\bbut)\s+)"
)
# "the forum [that was to precede it]" is a relative clause after the subject's noun; the
# "that" after a verb ("agreed hours earlier that the contract ...") opens the subject.
_THAT = re.compile(r"\s+(?:that|which|who|whose)\s+")
_VERB_BEFORE_THAT = re.compile(r"\b(?:[a-z]+ed|said|says|told|tells|announced|agreed|warned)\b")


def passive_subject(low: str, cue: re.Match[str]) -> str:
    """The subject of a passive move or call-off: "[Kellerman's sentencing] was postponed to
    Dec. 9", "[the launch of Soma-1] has been delayed"; "" when the verb is active."""
    start = max(low.rfind(",", 0, cue.start()), low.rfind(";", 0, cue.start())) + 1
    m = _PASSIVE_BEFORE.search(low[start : cue.start()])
    if m is None:
        return ""
    subject = m["subject"]
    that = _THAT.search(subject)
    if that is not None:
        before = subject[: that.start()]
        subject = subject[that.end() :] if _VERB_BEFORE_THAT.search(before) else before
    return _SUBJECT_START.sub("", subject).strip()


def object_of(low: str, cue: re.Match[str]) -> str:
    """The words a move or call-off verb takes as its object, when they follow it: "extend
    [their expiring contract] by 30 days", "pushed back [its strike deadline] to July 31",
    "called off [the strike]"; "" when the object comes first ("the truce was extended")."""
    head = _VERB_HEAD.match(low, cue.start())
    if head is None or not _TRANSITIVE.match(head.group()):
        return ""
    at = head.end()
    words: list[str] = []
    for m in re.finditer(r"\s*([\w'%-]+|[^\w\s])", low[at:]):
        token = m.group(1)
        if not words and token in _PARTICLES:
            continue
        if _OBJECT_END.fullmatch(token) or len(words) >= 9:
            break
        words.append(token)
    if all(word in _PRONOUNS for word in words):
        return ""  # "giving itself until June 11": what it is, the clause around says
    return " ".join(words)
