"""The grammar: one combined, compiled regular expression over the whole text.

Every family of temporal expression is one alternative with its own prefixed
named groups; the outer group's name (``match.lastgroup``) says which family
matched. All repetitions are bounded and no quantified group contains another
unbounded quantifier, so matching time is linear in the input size. The
pattern only starts at word starts (a look-behind up front), which lets the
engine reject most positions after a single check.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from watcher.extract.grammar.lexicon import PLACE_ZONES, ZONES

_S = r"[ \t\u00a0]{1,3}"  # a short run of inline spaces
_S0 = r"[ \t\u00a0]{0,3}"
_SN = r"\s{1,3}"  # spaces possibly across a line break

MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTH_UPPER = "JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
MONTH = (
    rf"(?:(?:{MONTH_FULL}|{MONTH_UPPER})(?![A-Za-z])"
    rf"|(?:{MONTH_ABBR})(?:\.|(?![A-Za-z])))"
)
# A stand-alone month: abbreviations only with their dot ("Sept."), to avoid "Mar", "Dec" names.
MONTH_ALONE = rf"(?:(?:{MONTH_FULL})(?![A-Za-z])|(?:{MONTH_ABBR})\.)"
# Days written as ordinal words, in "the first of June" (only with "the" and "of")
DAY_WORDS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\."
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%:/]|\.\d|,\d\d\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d\d\d|\.\d)"
NUM = (
    r"(?:\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|ninety|a\s+hundred|several|a\s+few|few|a\s+couple\s+of|a\s+couple)"
)
UNIT = (
    r"(?:(?:business|working)[ \t]{1,3}days?|days?|weeks?|months?|years?|decades?|hours?|fortnight)"
)
MOD = (
    r"(?:early|late|mid|the\s+middle\s+of|middle\s+of|the\s+end\s+of|end\s+of|the\s+start\s+of|"
    r"start\s+of|the\s+beginning\s+of|beginning\s+of|the\s+close\s+of|the\s+latter\s+part\s+of|"
    r"the\s+early\s+part\s+of|later|earlier|the\s+rest\s+of|the\s+remainder\s+of|"
    r"the\s+dawn\s+of|the\s+turn\s+of)"
)
REL = (
    r"(?:this|next|last|past|coming|current|previous|following|subsequent|upcoming|the\s+current|"
    r"the\s+coming|the\s+last|the\s+past|the\s+next|the\s+following|the\s+previous|"
    r"the\s+subsequent|the\s+upcoming|the\s+same|the\s+new(?=\s+year)|the)"
)
_ZONE_NAMES = "|".join(
    sorted(
        (z for z in ZONES if z.isupper() and len(z) <= 4 and z not in PLACE_ZONES),
        key=len,
        reverse=True,
    )
)
_PLACE_NAMES = "|".join(
    sorted((p.title().replace("Uk", "UK") for p in PLACE_ZONES), key=len, reverse=True)
)
ZONE = (
    rf"(?:(?:{_ZONE_NAMES})(?![A-Za-z])|"
    r"(?:Eastern|Central|Pacific|Mountain)(?:\s(?:Standard|Daylight))?(?:\s[Tt]ime)?(?![A-Za-z])|"
    rf"(?:{_PLACE_NAMES})\s[Tt]ime(?![A-Za-z]))"
)
AMPM = r"(?:[ap]\.m\.?|[AP]\.M\.?|[ap]m(?![A-Za-z])|[AP]M(?![A-Za-z]))"
HOLIDAY = (
    r"(?:Christmas(?:\s(?:Day|Eve))?|New\sYear['\u2019]s(?:\s(?:Day|Eve))?|Halloween|"
    r"Independence\sDay|Fourth\sof\sJuly|Valentine['\u2019]s\sDay|Thanksgiving(?:\sDay)?|Easter\sMonday|"
    r"Easter(?:\sSunday)?|Good\sFriday|Labou?r\sDay|Memorial\sDay|[Ee]lection\s(?:[Dd]ay|[Nn]ight)|[Pp]olling\s[Dd]ay|"
    r"Black\sFriday|"
    r"Cyber\sMonday|Boxing\sDay|St\.?\sPatrick['\u2019]s\sDay|Juneteenth|Veterans\sDay|"
    r"Remembrance\sDay|Canada\sDay|Bastille\sDay|Martin\sLuther\sKing(?:\sJr\.?)?\sDay|MLK\sDay|"
    r"Presidents['\u2019]?\sDay|Columbus\sDay|Mother['\u2019]s\sDay|Father['\u2019]s\sDay)"
    r"(?![A-Za-z])"
)
ORDINAL_WORD = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"
CENTURY_NUM = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first|twenty\sfirst|eighteenth|"
    r"seventeenth|sixteenth)"
)

_FAMILIES: list[tuple[str, str]] = [
    (
        "iso",
        r"(?<![\d/.-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
        r"(?:[T ](?P<iso_h>[01]\d|2[0-3]):(?P<iso_mi>[0-5]\d)(?::[0-5]\d(?:\.\d{1,6})?)?"
        r"(?P<iso_z>Z|[+-]\d\d:?\d\d)?)?(?![\d-])",
    ),
    (
        "slash",
        r"(?<![\d/.])(?P<sl_a>[01]?\d|[23]\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>(?:19|20)\d\d|\d\d)(?![\d/])",
    ),
    ("holiday", rf"(?P<ho_w>{HOLIDAY})(?:,?{_S}(?P<ho_y>{YEAR}))?"),
    (
        "md",
        rf"(?:(?P<md_wd>{WEEKDAY}|{WEEKDAY_ABBR})(?:,?{_SN}|,))?(?P<md_m>{MONTH}){_S0}(?P<md_d>{DAY})"
        rf"(?:{_S0}(?:-|\u2013|\u2014|to|through|until|and){_S0}(?:(?P<md_m2>{MONTH}){_S0})?(?P<md_d2>{DAY}))?"
        rf"(?:,?{_S}(?P<md_y>{YEAR}))?",
    ),
    (
        "dm",
        rf"(?:(?P<dm_wd>{WEEKDAY})(?:,?{_S}|,))?(?:the{_S})?(?:(?P<dm_d0>{DAY}){_S0}(?:-|\u2013|to|and){_S0})?"
        rf"(?:(?P<dm_d>{DAY})(?:{_S}of)?|(?P<dm_ow>{DAY_WORDS}){_S}of){_S}(?P<dm_m>{MONTH})"
        rf"(?:,?{_S}(?P<dm_y>{YEAR}))?",
    ),
    (
        "my",
        rf"(?:(?P<my_mod>(?i:{MOD}))(?:{_S}|-))?(?P<my_m>{MONTH}),?{_S}(?:of{_S})?(?P<my_y>{YEAR})",
    ),
    (
        "quarter",
        rf"(?:(?:(?P<q_mod>(?i:{MOD})){_S})?(?P<q_the>(?i:the){_S})?(?P<q_ord>(?i:{ORDINAL_WORD}))[\s-]{{1,3}}(?P<q_u>(?i:quarter|half))"
        rf"(?:{_S}(?:of{_S})?(?:(?:(?i:calendar){_S})?(?P<q_y>{YEAR})|(?P<q_rel>(?i:this|next|last|the)){_S}(?i:year)"
        rf"|(?P<q_rel2>(?i:this|next|last)){_S}(?i:fiscal|calendar|financial){_S}(?i:year)))?"
        rf"|(?P<q_q>Q[1-4]|H[12])(?![\w-])(?:(?:{_S}|-|/)(?P<q_y2>{YEAR}|'?\d\d(?![\d%])))?)",
    ),
    (
        "month",
        rf"(?:(?P<mo_mod>(?i:{MOD}))(?:{_S}|-))?(?:(?P<mo_rel>(?i:last|next|this|coming|past)){_S})?"
        rf"(?P<mo_m>{MONTH_ALONE})",
    ),
    (
        "season",
        rf"(?:(?P<se_mod>(?i:{MOD}))(?:{_S}|-))?(?:(?P<se_rel>(?i:this|next|last|past|coming|the)){_S})?"
        rf"(?P<se_s>(?i:spring|summer|autumn|fall|winter))(?![A-Za-z])(?:{_S}(?:of{_S})?(?P<se_y>{YEAR}))?",
    ),
    (
        "relunit",
        rf"(?:(?P<ru_mod>(?i:{MOD})){_S})?(?:(?P<ru_rel>(?i:{REL})){_S})?"
        rf"(?:(?P<ru_fed>(?i:federal)){_S}(?=(?i:fiscal)))?"
        rf"(?:(?P<ru_fis>(?i:fiscal|calendar|financial|school|academic)){_S})?"
        rf"(?P<ru_u>(?i:week|weekend|month|year|quarter|decade|century))(?![A-Za-z-])",
    ),
    (
        "century",
        rf"(?:(?i:the){_S})?(?P<ce_n>(?i:{CENTURY_NUM}))[\s-](?i:century)(?![A-Za-z])",
    ),
    (  # "on the 15th": a day of the month the story is in
        "ordday",
        rf"(?:(?P<od_wd>{WEEKDAY}),?{_S})?"  # "Friday the 29th": the month it falls on
        rf"(?i:the){_S}(?P<od_d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?![A-Za-z\d])",
    ),
    (
        "year",
        rf"(?:(?<![\d$£€.,:/#-])|(?<=\d\d\d\d[-\u2013]))(?:(?P<yr_mod>(?i:{MOD}|fiscal(?:{_S}year)?|calendar(?:{_S}year)?|"
        rf"(?:the{_S})?(?:year|summer|spring|autumn|fall|winter)(?:{_S}of)?)|FY)(?:{_S}|-)?)?"
        rf"(?P<yr_y>{YEAR})(?P<yr_s>['\u2019]?s(?![A-Za-z]))?",
    ),
    ("shortyr", r"(?<=(?:19|20)\d\d[-\u2013])(?P<sy_y>\d\d)(?![\d%])"),
    (
        "ago",
        rf"(?P<ag_n>(?i:{NUM}))(?:{_S}|-)(?P<ag_u>(?i:{UNIT})){_S}(?i:ago)(?![A-Za-z])",
    ),
    (
        "inrel",
        rf"(?P<in_p>(?i:in|within|after|in{_S}the{_S}next|over{_S}the{_S}next|for{_S}the{_S}next|"
        rf"no{_S}later{_S}than|by)){_S}(?P<in_n>(?i:{NUM}))(?:{_S}|-)(?P<in_u>(?i:{UNIT}))(?![A-Za-z])"
        rf"(?:['\u2019]?{_S}(?i:time))?"
        # "three days from now"; "30 days after the vote on Nov. 3", "the day before March
        # 10" (counted from a day: the count and its unit parsed once for both)
        rf"|(?:(?P<fr_n>(?i:{NUM})){_S}(?P<fr_u>(?i:{UNIT}))|(?P<af_day>(?i:the){_S}(?i:day)))"
        rf"(?:{_S}(?P<fr_now>(?i:from{_S}(?:now|today)|hence)|(?i:from){_S}(?P<fr_wd>{WEEKDAY}))"
        # "a week later", "two days after that": counted from the day last named
        rf"|{_S}(?P<fr_later>(?i:later|after{_S}that|afterwards?))(?![A-Za-z]|{_S}(?i:than))"
        # "30 days' notice on Nov. 14": the notice runs from the day it was served
        rf"|(?P<fr_notice>['\u2019]{_S}(?i:notice))(?![A-Za-z])"
        rf"|(?={_S}(?P<af_dir>(?i:after|before|following|preceding)){_S}"
        rf"(?!(?i:tomorrow|yesterday)(?![A-Za-z]))))",
    ),
    (
        "dayword",
        rf"(?P<dw_w>(?i:today|tonight|tomorrow|yesterday|the{_S}day{_S}after{_S}tomorrow|"
        rf"the{_S}day{_S}before{_S}yesterday|this{_S}(?:morning|afternoon|evening)|last{_S}night))"
        rf"(?![A-Za-z])(?:{_S}(?P<dw_p>(?i:morning|afternoon|evening|night)))?"
        # a day counted from the day the story last named: "the same day", "that
        # evening", "the following morning", "later in the day", "the day before."
        rf"|(?P<dw_a>(?i:(?:the{_S}(?:same|following|next|previous)|that(?:{_S}same)?)"
        rf"{_S}(?:day|morning|afternoon|evening|night)|later{_S}(?:in{_S}the|that){_S}day|"
        rf"the{_S}day{_S}(?:before|after)(?!{_S}[\w$]|{_S}?\d)))(?![A-Za-z])",
    ),
    (
        "time",
        rf"(?:(?P<tm_h>1[0-2]|0?[1-9])(?:[:.](?P<tm_mi>[0-5]\d))?{_S0}(?P<tm_ap>{AMPM})"
        rf"|(?P<tm_h24>[01]?\d|2[0-3]):(?P<tm_m24>[0-5]\d)(?![\d:])(?P<tm_hrs>{_S0}(?i:hrs|hours|h)(?![A-Za-z]))?"
        rf"|(?P<tm_w>(?i:noon|midnight|midday)))(?![A-Za-z])(?:{_S0}(?P<tm_z>{ZONE}|\((?:{ZONE})\)))?",
    ),
    (
        "weekday",
        rf"(?:(?P<wd_rel>(?i:last|next|this(?:{_S}coming)?|coming|past)){_S})?"
        rf"(?P<wd_d>{WEEKDAY})"
        rf"(?:{_S}(?P<wd_p>(?i:morning|afternoon|evening|night|overnight))(?![A-Za-z]))?",
    ),
    (
        "ref",
        rf"(?P<rf_w>(?i:now|currently|at{_S}present|presently|nowadays|these{_S}days|"
        rf"the{_S}past|the{_S}future|the{_S}present{_S}day))(?![A-Za-z-])",
    ),
]

FAMILIES = tuple(name for name, _ in _FAMILIES)


# Where an expression can start: at a word start, and not inside a number written with a
# separator ("2,400 years ago" is no "400 years ago", "2.5 years" no "5 years").
_START = r"(?<![\w'\u2019])(?<!\d[.,])"


def _combine(names: frozenset[str] | None = None) -> re.Pattern[str]:
    bodies = [(n, b) for n, b in _FAMILIES if names is None or n in names]
    return re.compile(
        _START + "(?:" + "|".join(f"(?P<{name}>{body})" for name, body in bodies) + ")"
    )


PATTERN = _combine()
# The same grammar without the families that cannot start with a digit (or a letter):
# the scanner picks one by the first character, which saves trying hopeless branches.
_DIGIT_FIRST = frozenset(
    {"iso", "slash", "dm", "quarter", "century", "year", "shortyr", "ago", "inrel", "time"}
)
PATTERN_DIGIT = _combine(_DIGIT_FIRST)
PATTERN_LETTER = _combine(frozenset(FAMILIES) - {"iso", "slash", "shortyr"})


# ---- the prefilter ----
# Python's regex engine tries every alternative of PATTERN at every word start. Most
# words cannot begin a temporal expression, so a cheap first pass finds the words that
# can (a digit, a word of STRONG_FIRST through a character trie, or a common word such
# as "the" or "in" only when the next word can continue an expression), and PATTERN
# is only tried there. Every alternative of PATTERN must begin where TRIGGER matches;
# tests/extract/test_contract.py checks that both give the same matches.
STRONG_FIRST = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sept sep oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun early late mid middle
    end start beginning later earlier this next last past coming current previous following
    subsequent upcoming fiscal calendar financial school academic fy year summer spring
    autumn fall winter week weekend month quarter decade century first second third fourth
    final 1st 2nd 3rd 4th several few today tonight tomorrow yesterday noon midnight midday
    now currently presently nowadays christmas halloween independence valentine thanksgiving
    easter labor labour memorial election black cyber boxing good st juneteenth veterans
    remembrance canada bastille martin mlk presidents columbus mother father polling
    nineteenth twentieth twenty-first eighteenth
    seventeenth sixteenth q1 q2 q3 q4 h1 h2
    """.split()  # noqa: SIM905
)
_AFTER_THE = frozenset(
    """
    end middle start beginning close latter early dawn turn rest remainder last past next
    coming current previous following subsequent upcoming same first second third fourth
    final 1st 2nd 3rd 4th year summer spring autumn fall winter week weekend month quarter
    decade century day future present nineteenth twentieth twenty-first eighteenth
    seventeenth fiscal calendar financial school academic sixteenth new
    """.split()  # noqa: SIM905
)
_NUM_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty ninety
    """.split()  # noqa: SIM905
)
_UNIT_WORDS = frozenset(
    """
    day days week weeks month months year years decade decades hour hours fortnight
    business working
    """.split()  # noqa: SIM905
)


# Letters in the order English words most often begin with them, lower case first. The
# engine tries the branches of an alternation one by one (each fails at its first
# character), so the branches of the trie go in this order: fewer tries per word start.
_FIRST_LETTER_ORDER = "taoswcibpfhmdrelnugyvjkqxz"
_CHAR_RANK = {
    ch: i for i, ch in enumerate(_FIRST_LETTER_ORDER + _FIRST_LETTER_ORDER.upper() + "0123456789")
}


def _trie_regex(words: dict[str, str]) -> str:
    """An alternation of words arranged as a character trie, so it fails fast; each
    word is followed by its own tail pattern (a word boundary, a look-ahead). The
    branches of a node begin with distinct characters, so their order does not change
    what matches; the word-end tail comes after them, as in a longest-first alternation."""
    trie: dict[str, Any] = {}
    for w in sorted(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = words[w]

    def rank(ch: str) -> tuple[int, str]:
        return _CHAR_RANK.get(ch, len(_CHAR_RANK)), ch

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted((k for k in node if k), key=rank)]
        if "" in node:
            alts.append(node[""])  # the word ends here: its tail
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _both_cases(words: dict[str, str]) -> dict[str, str]:
    out = dict(words)
    out.update({w[0].upper() + w[1:]: tail for w, tail in words.items()})
    return out


_W = r"(?![A-Za-z])"
_UNITS_RX = "(?:" + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + ")"
_NUMS_RX = "(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_AFTER_THE_RX = "(?:" + "|".join(sorted(_AFTER_THE, key=len, reverse=True)) + ")"
# The tails below only let a word through where the grammar can go on from it (each a
# superset of what PATTERN accepts there): a count and a unit after "in"/"within"/...,
# "quarter"/"half" after an ordinal.
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "final", "1st", "2nd", "3rd", "4th")
_ORDINALS_RX = "(?:" + "|".join(_ORDINAL_WORDS) + ")"
_QUARTER_NEXT = r"[\s-]{1,3}(?i:quarter|half)"
_OTHER_AFTER_THE_RX = (
    "(?:" + "|".join(sorted(_AFTER_THE - set(_ORDINAL_WORDS), key=len, reverse=True)) + ")"
)
_COUNT_UNIT = (
    rf"(?i:(?:\d{{1,4}}|{_NUMS_RX}|several|few|a\s{{1,3}}few|a\s{{1,3}}couple(?:\s{{1,3}}of)?|"
    rf"a\s{{1,3}}hundred|an?)[\s-]{{1,3}}{_UNITS_RX}){_W}"
)
_FIRST: dict[str, str] = dict.fromkeys(STRONG_FIRST, _W)
_FIRST.update(dict.fromkeys(_ORDINAL_WORDS, rf"(?={_QUARTER_NEXT})"))
_FIRST["fourth"] = rf"(?={_QUARTER_NEXT}|\s{{1,3}}of\s{{1,3}}July)"  # the Fourth of July
_FIRST.update(
    {
        "the": (
            rf"(?=\s{{1,3}}(?:\d|{_ORDINALS_RX}{_QUARTER_NEXT}|{_OTHER_AFTER_THE_RX}{_W}"
            rf"|{DAY_WORDS}\s{{1,3}}of\s))"
        ),
        "in": rf"(?=\s{{1,3}}(?i:the\s{{1,3}}next\s{{1,3}})?{_COUNT_UNIT})",
        "within": rf"(?=\s{{1,3}}{_COUNT_UNIT})",
        "by": rf"(?=\s{{1,3}}{_COUNT_UNIT})",
        "after": rf"(?=\s{{1,3}}{_COUNT_UNIT})",
        "over": rf"(?=\s{{1,3}}(?i:the\s{{1,3}}next)\s{{1,3}}{_COUNT_UNIT})",
        "for": rf"(?=\s{{1,3}}(?i:the\s{{1,3}}next)\s{{1,3}}{_COUNT_UNIT})",
        "no": rf"(?=\s{{1,3}}(?i:later\s{{1,3}}than)\s{{1,3}}{_COUNT_UNIT})",
        "at": rf"(?=\s{{1,3}}present{_W})",
        "new": r"(?=\s{1,3}[Yy]ear)",
        "these": rf"(?=\s{{1,3}}days{_W})",
        "that": rf"(?=\s{{1,3}}(?:same\s{{1,3}})?(?:day|morning|afternoon|evening|night){_W})",
    }
)
_FIRST.update(
    dict.fromkeys(
        ["a", "an", *_NUM_WORDS],
        rf"(?=[\s-]{{1,3}}(?:few|couple|hundred|{_UNITS_RX}){_W})",
    )
)


def _ws_list(words: str) -> list[str]:
    return words.split()


# Holiday names whose first word is common on its own ("good", "St.", "Canada"): only
# where the rest of the name follows.
_DAY_NEXT = r"(?=['\u2019]?s?\s{1,3}Day)"
_FIRST.update(
    {
        "good": r"(?=\s{1,3}Friday)",
        "st": r"(?=\.?\s{1,3}Patrick)",
        "martin": r"(?=\s{1,3}Luther)",
        **dict.fromkeys(
            _ws_list("boxing veterans remembrance canada bastille columbus mlk presidents"),
            _DAY_NEXT,
        ),
        "mother": _DAY_NEXT,
        "father": _DAY_NEXT,
    }
)


# Month and weekday names start an expression only capitalised (and full month names
# in capitals): "may", "march", "sun" in lower case are other words.
_CAPITALISED_ONLY = frozenset(
    m.lower() for m in (*MONTH_FULL.split("|"), *MONTH_ABBR.split("|"))
) | frozenset(
    _ws_list("monday tuesday wednesday thursday friday saturday sunday")
    + _ws_list("mon tue tues wed thu thur thurs fri sat sun")
)
_IN_CAPITALS = frozenset(m.lower() for m in MONTH_UPPER.split("|"))


def _all_cases(words: dict[str, str]) -> dict[str, str]:
    """Lower case, capitalised, and in capitals; a word in capitals takes no tail (its
    tail is written in lower case): the pattern itself decides there."""
    out: dict[str, str] = {}
    for w, tail in words.items():
        if w not in _CAPITALISED_ONLY:
            out[w] = tail
        out[w[0].upper() + w[1:]] = tail
    for w in words:
        if len(w) > 1 and (w not in _CAPITALISED_ONLY or w in _IN_CAPITALS):
            out.setdefault(w.upper(), _W)
    return out


# Case-sensitive on purpose (Python's case-insensitive matching is several times
# slower): words in lower case, capitalised or in capitals.
# A run of digits followed by "%" or by a separator and a digit ("4.5%", "2,400", "$2.1
# billion") starts no expression (a day, a year and a count all refuse it): skipped.
# The digit branch opens with its class (its look-behind comes after the digit, so
# it now spans three characters): a branch that opens with a character or a class is
# skipped at once where that does not match, one that opens with a look-behind is not.
# A digit is matched with the rest of its run, whose length picks the families to try.
# The trie is cut in two by the case of the first letter, each half behind a look-ahead
# of one class: a word start then tries about half as many branches (TRIGGER runs at
# every word of the text, so this is a sixth of its time). The halves begin with
# different characters, and a digit still meets the digit branch before "1st", so the
# matches are those of one trie.
_TRIGGER_WORDS = _all_cases(_FIRST)
_TRIGGER_BODY = (
    r"(?:(?=[a-z])"
    + _trie_regex({w: tail for w, tail in _TRIGGER_WORDS.items() if w[0].islower()})
    + r"|\d(?<!\d[.,]\d)(?:(?!\d*(?:%|[.,]\d))\d*"
    # a clock time with a dot, British style ("6.15pm"), not a decimal
    r"|\d?(?=\.[0-5]\d[ \t]?[AaPp]\.?[Mm](?![A-Za-z])))|(?=[A-Z0-9])"
    + _trie_regex({w: tail for w, tail in _TRIGGER_WORDS.items() if not w[0].islower()})
    + r")"
)
TRIGGER = re.compile(r"(?<![\w'\u2019])" + _TRIGGER_BODY)

# TRIGGER's look-behind makes the engine try it at every character. In a text written
# only in ASCII, the no-break space and general punctuation (most English news), the
# characters it lets a word start after are exactly SEPARATORS; a pattern that opens
# by consuming one of them is skipped along in C to the next separator, and its group
# 1 is TRIGGER's match (a word start after a separator: scan puts one before the text).
_PLAIN_CHARS = [chr(i) for i in (*range(0x80), 0xA0, *range(0x2010, 0x2060))]
_SEPARATORS = "".join(
    f"\\u{ord(c):04x}" for c in _PLAIN_CHARS if not re.fullmatch(r"[\w'\u2019]", c)
)
NOT_PLAIN = re.compile(r"[^\x00-\x7f\u00a0\u2010-\u205f]")  # a text it cannot read


@functools.cache
def trigger_after_separator() -> re.Pattern[str]:
    """TRIGGER behind one of the separators, as group 1 (compiled on first use: the
    trie is large, and a process that never reads a text should not pay for it)."""
    return re.compile(f"[{_SEPARATORS}]({_TRIGGER_BODY})")


# ---- dispatch by first word ----
# PATTERN is an ordered alternation: at a given position it returns the first family
# that matches. A sub-pattern holding, in the same order, every family that can begin
# with a given word therefore returns the same match there, and tries far fewer
# hopeless branches. The words each family can begin with (lower case; "#" = a digit):
def _ws(words: str) -> list[str]:
    return words.split()


_MOD_FIRST = _ws("early late mid the middle end start beginning later earlier")
_REL_FIRST = _ws("this next last past coming current previous following subsequent upcoming the")
_NUM_FIRST = ["#", "a", "an", "several", "few", *_NUM_WORDS]
_MONTH_FIRST = [
    *(m.lower() for m in MONTH_FULL.split("|")),
    *(m.lower() for m in MONTH_ABBR.split("|")),
]
_WEEKDAY_FIRST = _ws("monday tuesday wednesday thursday friday saturday sunday")
_FAMILY_FIRST: dict[str, list[str]] = {
    "iso": ["#"],
    "slash": ["#"],
    "holiday": _ws(
        "christmas new halloween independence valentine thanksgiving easter labor labour "
        "memorial election polling black cyber boxing good st juneteenth veterans remembrance "
        "canada "
        "bastille martin mlk presidents columbus mother father fourth"
    ),
    "md": [*_WEEKDAY_FIRST, *_ws("mon tue tues wed thu thur thurs fri sat sun"), *_MONTH_FIRST],
    "dm": [*_WEEKDAY_FIRST, "the", "#"],
    "my": [*_MOD_FIRST, *_MONTH_FIRST],
    "quarter": [
        *_MOD_FIRST,
        "the",
        "#",
        *_ws("first second third fourth final q1 q2 q3 q4 h1 h2"),
    ],
    "month": [*_MOD_FIRST, *_ws("last next this coming past"), *_MONTH_FIRST],
    "season": [
        *_MOD_FIRST,
        *_ws("this next last past coming the spring summer autumn fall winter"),
    ],
    "relunit": [
        *_MOD_FIRST,
        *_REL_FIRST,
        *_ws("fiscal calendar financial school academic"),
        *_ws("week weekend month year quarter decade century"),
    ],
    "century": [
        "the",
        "#",
        *_ws("nineteenth twentieth twenty-first twenty eighteenth seventeenth sixteenth"),
    ],
    "ordday": ["the", *_WEEKDAY_FIRST],
    "year": [
        *_MOD_FIRST,
        *_ws("fiscal calendar the year summer spring autumn fall winter fy #"),
    ],
    "shortyr": ["#"],
    "ago": _NUM_FIRST,
    "inrel": [*_ws("in within after over for no the by"), *_NUM_FIRST],
    "dayword": _ws("today tonight tomorrow yesterday the this last that later"),
    "time": ["#", "noon", "midnight", "midday"],
    "weekday": [*_ws("last next this coming past"), *_WEEKDAY_FIRST],
    "ref": _ws("now currently at presently nowadays these the"),
}


def _by_first_word() -> dict[str, re.Pattern[str]]:
    families_of: dict[str, set[str]] = {}
    for family, words in _FAMILY_FIRST.items():
        for w in words:
            families_of.setdefault(w, set()).add(family)
    compiled: dict[frozenset[str], re.Pattern[str]] = {}
    out: dict[str, re.Pattern[str]] = {}
    for w, fams in families_of.items():
        key = frozenset(fams)
        if key not in compiled:
            compiled[key] = _combine(key)
        out[w] = compiled[key]
    return out


# Lower-cased trigger word ("#" for a digit) -> the sub-pattern to try there. A word
# not listed (an all-capitals word such as "FY2025") gets PATTERN_LETTER.
PATTERN_BY_WORD = _by_first_word()

# How many digits (\d, as the families count them) a family that begins with a digit
# can begin with: each takes the whole run, as its look-aheads refuse a digit after it
# (a day or an hour has 1-2, a year 4, a count 1-4; "1st" quarter 1, "98/" of a slash
# date 1-2, "25" of "2024-25" 2). A run of 5 or more begins none of them.
_DIGIT_RUN: dict[str, tuple[int, ...]] = {
    "iso": (4,),
    "slash": (1, 2),
    "dm": (1, 2),
    "quarter": (1,),
    "century": (1, 2),
    "year": (4,),
    "shortyr": (2,),
    "ago": (1, 2, 3, 4),
    "inrel": (1, 2, 3, 4),
    "time": (1, 2),
}
# Length of the digit run TRIGGER found -> the families that can begin with it, in
# PATTERN's order (so the first that matches is PATTERN's match); longer runs get
# every digit family.
PATTERN_BY_DIGITS: dict[int, re.Pattern[str]] = {
    n: _combine(frozenset(f for f, runs in _DIGIT_RUN.items() if n in runs)) for n in (1, 2, 3, 4)
}
PATTERN_ANY_DIGITS = PATTERN_BY_WORD["#"]

# "the" begins ten families, and TRIGGER lets it through only before a digit or a word
# of _AFTER_THE (in lower case): that word says which families can go on from it (the
# others need another word there). "THE" takes them all.
THE_WORDS = frozenset({"the", "The"})
THE_NEXT = re.compile(r"\s{1,3}(\d|[a-z]+(?:-[a-z]+)?)")  # the word after it, as TRIGGER saw it
_AFTER_THE_FAMILIES: list[tuple[list[str], frozenset[str]]] = [
    (["#"], frozenset({"dm", "quarter", "century", "ordday"})),  # the 5th of May, the 15th
    (_ws("first second third fourth final"), frozenset({"quarter", "dm"})),
    (_ws("fifth sixth seventh eighth ninth tenth"), frozenset({"dm"})),  # the fifth of May
    (  # the end of March / of summer / of the year / of 2025
        _ws("middle end start beginning close latter early dawn turn rest remainder"),
        frozenset({"my", "quarter", "month", "season", "relunit", "year"}),
    ),
    (  # the past week, the past
        _ws("last past next coming current previous following subsequent upcoming same"),
        frozenset({"relunit", "ref", "dayword"}),
    ),
    (  # the summer, the year, the summer of 2020
        _ws("year summer spring autumn fall winter week weekend month quarter decade century"),
        frozenset({"season", "relunit", "year"}),
    ),
    (["day"], frozenset({"dayword", "inrel"})),  # the day after tomorrow, the day before
    (["new"], frozenset({"relunit"})),  # the new year
    (_ws("future present"), frozenset({"ref"})),
    (_ws("fiscal calendar financial school academic"), frozenset({"relunit"})),
    (
        _ws("nineteenth twentieth twenty-first eighteenth seventeenth sixteenth"),
        frozenset({"century"}),
    ),
]
# The word after "the" ("#" for a digit) -> the sub-pattern to try at "the"; a word not
# listed gets every family "the" can begin.
PATTERN_AFTER_THE: dict[str, re.Pattern[str]] = {
    w: _combine(families) for words, families in _AFTER_THE_FAMILIES for w in words
}
PATTERN_AFTER_THE.update(dict.fromkeys("0123456789", PATTERN_AFTER_THE.pop("#")))
PATTERN_THE = PATTERN_BY_WORD["the"]

# The same for what TRIGGER returns as it is (a word in any of its cases, or a run of
# one digit): no lower-casing per word found. "the" and "The" are left to
# PATTERN_AFTER_THE.
PATTERN_BY_TRIGGER: dict[str, re.Pattern[str]] = {
    **{
        w: PATTERN_BY_WORD.get(w.lower(), PATTERN_LETTER)
        for w in _all_cases(_FIRST)
        if w not in THE_WORDS
    },
    **dict.fromkeys("0123456789", PATTERN_BY_DIGITS[1]),
}
