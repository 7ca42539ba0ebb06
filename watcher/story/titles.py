"""Titles a person would write for a dated event, built from the clause that dates it.

Every alert says the title, so it must name the event ("US-China trade truce expires",
"Deadline for extra 100% tariffs"), not quote a stretch of the sentence ("been due to
expire on Nov. 10, will now run"). The clause is cut into who or what (the subject noun
phrase) and what happens to it (its verb phrase); the title is the subject with a
predicate that says the kind of event, in headline style: no date words, no reporting
frame, no dangling preposition, pronoun or conjunction, at most 60 characters. A pronoun
subject ("it", "the pact") takes the noun phrase of the previous sentence or headline.
"""

from __future__ import annotations

import re

MAX_TITLE = 60

_REPORTING = re.compile(
    r"""(?:^|,\s*|\b)(?:[\w.'\u2019-]+\s+){0,6}?(?:said|says|told\s+\w+|announced|
      confirmed|reported|stated|added|noted|wrote|explained|advised\s+\w+)
      (?:\s+(?:on\s+)?\w+day)?(?:\s+that)?\s+""",
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING_REPORT = re.compile(
    r",\s*(?:[\w.'\u2019-]+\s+){0,6}?(?:said|says|told|announced|reported|added)\b.*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"""^(?:(?:and|but|so|as|while|when|after|before|since|because|then|also|meanwhile|
      however|now|instead|separately|earlier|later|on|in|at|by|until|from|that|which|
      where|if|with|under|the\s+move\s+comes\s+as|comes\s+as)\b[\s,]*)+""",
    re.VERBOSE | re.IGNORECASE,
)
_DETERMINER = re.compile(
    r"^(?:the|a|an|its|their|his|her|our|this|that|these|those|some|any)\s+", re.IGNORECASE
)
_PRONOUN = re.compile(
    r"^(?:it|they|this|that|these|those|he|she|we|the\s+(?:pact|deal|accord|agreement|truce|"
    r"measure|plan|rule|event|move|decision|date|deadline|vote|meeting|one|latter|former))$",
    re.IGNORECASE,
)
# Where the verb phrase starts: an auxiliary, a modal or a verb of scheduling.
_VERB = re.compile(
    r"""\b(?:will|would|shall|must|can|could|may|might|is|are|was|were|has|have|had|
      be|been|nears?|near(?:s|ing)|comes?|came|takes?|took|expires?|expired|lapses?|ends?|
      runs?|starts?|begins?|opens?|closes?|falls?|goes|went|faces?|meets?|met|holds?|
      heads?|plans?|aims?|hopes?|wants?|agreed|agrees|set|sets|gets?|got|kicks?|launch(?:es)?|
      votes?|travels?|visits?|remains?|returns?|arrives?|lands?|moves?|moved|expects?|
      extended|extends?|postponed|delayed|scrapped|shelved|cancell?ed|called|dropped)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_AUX = re.compile(
    r"""^(?:(?:will|would|shall|must|can|could|may|might|is|are|was|were|has|have|had|be|
      been|now|also|additionally|still|then|officially|formally|finally|already|not|
      (?:set|scheduled|slated|due|expected|poised|planned|likely|going|about|supposed|meant)
      \s+to|plans?\s+to|aims?\s+to|hopes?\s+to|wants?\s+to|agreed\s+to)\b\s*)+""",
    re.VERBOSE | re.IGNORECASE,
)
_DEADLINE_FOR = re.compile(
    r"\b(?:the\s+|a\s+)?(?:new\s+)?(?:deadline|cutoff|cut-off|last\s+day)\s+(?:for|to|on|of)\s+"
    r"(?P<what>[^,;:.]+)",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"""\b(?:(?:on|by|until|till|through|before|after|from|to|in|at|for|of|around|
      this|next|last|coming)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|
      tomorrow|tonight|yesterday|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\w*\.?
      (?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?|may\s+\d{1,2}(?:,?\s+\d{4})?|
      \d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|
      dec)\w*\.?(?:\s+\d{4})?|\d{4}-\d{2}-\d{2}|(?:19|20)\d{2}|(?:next|this|last)\s+
      (?:week|month|year)|in\s+\w+\s+(?:days?|weeks?|months?))\b""",
    re.VERBOSE | re.IGNORECASE,
)
_TRAIL = frozenset(
    """a an the of to for on in at by and or with from as that which who whose is are was
    were be been will would its their his her this these than into over under between
    after before during since until about amid against""".split()  # noqa: SIM905
)
_ADVERBS = frozenset(
    "also still now then however meanwhile additionally again already officially".split()  # noqa: SIM905
)
# What a kind of event is called after its subject, when the clause's own verb is vague.
_PREDICATE = {
    "expiry": "expires",
    "effective": "takes effect",
    "vote": "vote",
    "meeting": "meeting",
    "filing": "due",
    "deadline": "deadline",
}
_NAMES_KIND = {
    "expiry": re.compile(r"\b(?:expir|lapse|end|sunset|run\s+out|runs\s+out)", re.I),
    "effective": re.compile(r"\b(?:effect|force|kick|start|begin|apply|appl|launch)", re.I),
    "vote": re.compile(r"\b(?:vote|ballot|referendum|poll|election)", re.I),
    "meeting": re.compile(r"\b(?:meet|summit|talks|conference|session|hearing|visit)", re.I),
    "filing": re.compile(r"\b(?:fil|submi|deadline|due|return|appl|comment)", re.I),
    "deadline": re.compile(r"\b(?:deadline|due|cutoff|ultimatum)", re.I),
}


def _tidy(words: list[str]) -> list[str]:
    while words and words[-1].lower().strip(",.;:'\"") in _TRAIL:
        words.pop()
    while words and words[0].lower().strip(",.;:'\"") in {"and", "but", "or", "as", "so"}:
        words.pop(0)
    return words


def _clip(phrase: str, limit: int = MAX_TITLE) -> str:
    phrase = " ".join(phrase.replace("\u201c", "").replace("\u201d", "").split()).strip(" ,.;:")
    if len(phrase) <= limit:
        return phrase
    words = phrase[: limit + 1].split()
    if len(phrase) > limit and not phrase[limit].isspace():
        words = words[:-1]
    return " ".join(_tidy(words))


def _capital(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] if phrase else phrase


def _subject_of(clause: str) -> tuple[str, str]:
    """(subject noun phrase, the rest from its verb on) of a clause."""
    m = _VERB.search(clause)
    if m is None:
        return clause.strip(" ,"), ""
    return clause[: m.start()].strip(" ,"), clause[m.start() :].strip(" ,")


def _noun_phrase(subject: str) -> str:
    subject = _LEADING.sub("", subject.strip(" ,"))
    subject = _DETERMINER.sub("", subject)
    words = [w for w in _tidy(subject.split()) if w.lower() not in _ADVERBS]
    # a long subject keeps its head: cut a trailing prepositional phrase
    while len(" ".join(words)) > 40:
        cut = next(
            (i for i in range(len(words) - 1, 0, -1) if words[i].lower() in _TRAIL),
            None,
        )
        if cut is None:
            break
        words = _tidy(words[:cut])
    return " ".join(words)


def subject_noun(sentence: str) -> str:
    """The noun phrase a sentence is about (its main subject), for later pronouns."""
    clause = _TRAILING_REPORT.sub("", _strip_report(sentence))
    return _noun_phrase(_subject_of(_DATE_WORDS.sub(" ", clause))[0])


def _strip_report(text: str) -> str:
    cut = 0
    for m in _REPORTING.finditer(text):
        if m.end() < len(text) - 10:
            cut = m.end()
    return text[cut:]


_SUBORDINATE = re.compile(
    r"\b(?:as|because|while|whereas|when|after|since|so\s+that|that|which|where|"
    r"even\s+as|just\s+as)\s+(?=(?:the|a|an|its|their|his|her|[A-Z]\w*|\w+\s+\w+)\b)",
)
_DANGLING = re.compile(
    r"\b(?:on|by|until|till|from|at|in|for|of|to|before|after|through)\s+"
    r"(?=(?:(?:on|by|until|till|from|at|in|for|of|to|with|and|or)\b|[,;.]|$))",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"^[\s,]*(?:for\s+\w+\s+)?to\s+(?P<what>(?!be\b)\w+\s+\w.*)", re.IGNORECASE)
# "TOKYO (Reuters) - ", "MANCHESTER, England — ": where the story was filed, not its subject
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.' -]{2,}(?:,\s*[A-Z][\w. ]+)?\s*(?:\([^)]*\))?\s*[\u2014\u2013-]+\s*"
)
_POSSESSIVE = re.compile(r"\b(?:his|her|its|their|our)\s+", re.IGNORECASE)


def event_title(before: str, after: str, kind: str, context: str = "") -> str:
    """A short headline for the event whose date sits between ``before`` and ``after``
    (the two halves of its clause, other dates already cut out).

    ``context`` is the sentence's first clause or the previous sentence, for a subject that
    is only a pronoun. Returns "" when the clause has nothing to name.
    """
    before = _DATELINE.sub("", before)
    context = _DATELINE.sub("", context)
    whole = " ".join(f"{before} {after}".split())
    deadline = _DEADLINE_FOR.search(whole)
    if deadline is not None:
        what = _noun_phrase(_DATE_WORDS.sub(" ", deadline.group("what")))
        what = " ".join(_tidy(_POSSESSIVE.sub("", what).split()[:7]))
        if len(what) >= 4:
            head = "Filing deadline for" if kind == "filing" else "Deadline for"
            return _clip(f"{head} {what}")
    purpose = _PURPOSE.match(" ".join(_DATE_WORDS.sub(" ", after).split()))
    if purpose is not None and kind in {"deadline", "filing"}:
        # "has until April 9 to submit comments on the proposal"
        what = " ".join(_tidy(_POSSESSIVE.sub("", purpose.group("what")).split()[:8]))
        return _capital(_clip(f"Deadline to {what}"))
    # the subordinate clause the date is in ("... comes as the truce nears its end on")
    parts = [p for p in _SUBORDINATE.split(before) if p.strip()]
    near = parts[-1] if parts and _VERB.search(parts[-1]) else before
    text = _TRAILING_REPORT.sub("", _strip_report(" ".join(near.split())))
    text = " ".join(_DATE_WORDS.sub(" ", text).split())
    subject, rest = _subject_of(text)
    if not rest:
        rest = " ".join(_DATE_WORDS.sub(" ", after).split())
    noun = _POSSESSIVE.sub("", _noun_phrase(subject))
    if not noun or _PRONOUN.match(noun) or len(noun) < 3:
        noun = _POSSESSIVE.sub("", subject_noun(context)) if context else ""
    predicate = _predicate(rest, kind, noun)
    title = f"{noun} {predicate}".strip() if noun else predicate
    title = _DANGLING.sub("", title)
    return _capital(_clip(title))


def _predicate(rest: str, kind: str, noun: str) -> str:
    """What happens to the subject: the clause's own verb phrase when it names the kind,
    else the kind's usual word ("expires", "takes effect")."""
    verb = _AUX.sub("", rest).strip(" ,")
    future = verb != rest.strip(" ,") and bool(verb) and not re.match(r"\w+(?:ed|s)\b", verb)
    words = _tidy(_POSSESSIVE.sub("", verb).split()[:7])
    # cut at the first comma: what follows is another clause
    phrase = " ".join(words).split(",")[0].strip()
    if future and phrase and not re.match(r"(?:due|expected|set|likely|to)\b", phrase):
        phrase = f"to {phrase}"  # headline style: "Trump to meet Chinese counterpart"
    named = _NAMES_KIND.get(kind)
    usual = _PREDICATE.get(kind)
    if usual is None:  # an event: its own verb phrase says what happens
        return phrase
    if named is not None and named.search(noun):
        return "" if kind in {"meeting", "vote", "deadline"} else usual
    if kind in {"expiry", "effective"}:
        return usual
    if named is not None and named.search(phrase):
        return phrase
    return usual
