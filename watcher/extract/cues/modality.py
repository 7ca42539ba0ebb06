"""How sure the clause is of its date: modals, hedges, plans superseded or called off,
conditions, weather forecasts."""

from __future__ import annotations

import re

from watcher.extract.cues.tense import ED_FUTURE
from watcher.extract.cues.words import NEW_CLAUSE

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
        if w in NEW_CLAUSE:
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


_REPLACED = re.compile(
    r"\b(?:but|now|instead|rather|extended|moved|pushed|postponed|delayed|reset|brought)\b",
    re.IGNORECASE,
)  # "which had been set to lapse on Tuesday, has been extended until Dec. 31": the new day


_CONDITIONAL_MODALS = frozenset({"would", "could", "might"})


_CONDITIONS = frozenset({"if", "unless"})


_HEDGE = re.compile(r"as\s+soon\s+as|as\s+early\s+as|as\s+late\s+as|around|about|or\s+so")


def modal(before: list[str]) -> bool:
    """'could', 'may', 'if' just before the date: it may not happen then."""
    return not _MODALS.isdisjoint(before[-6:])


def hedged(text: str, lo: int, m_start: int, before: list[str]) -> bool:
    """'as soon as', 'around', 'or so': the date is approximate."""
    return not _HEDGE_WORDS.isdisjoint(before[-4:]) and (
        _HEDGE.search(text, max(lo, m_start - 16), m_start) is not None
    )


def superseded(text: str, lo: int, m_start: int, before: list[str], after: list[str]) -> bool:
    """'which was due to lapse Tuesday', 'would have expired on July 9': a schedule that
    was (cheap word checks first: the pattern is only tried when it can match)."""
    found_superseded = False
    if not _SUPERSEDED_WORDS.isdisjoint(before[-16:]):
        found = _SUPERSEDED.search(text, max(lo, m_start - 80), m_start)
        # "was due to start on Friday but will now start on Aug. 7": the new date
        found_superseded = (
            found is not None and _REPLACED.search(text, found.end(), m_start) is None
        )
    if (
        not found_superseded
        and after[:1] == ["but"]
        and len(before) >= 3
        and before[-3] in _WAS
        and before[-2] in ED_FUTURE
    ):
        found_superseded = True  # "was scheduled for November but is now planned for September"
    return found_superseded


_MOVED = frozenset({"moved", "rescheduled", "pushed", "shifted", "brought", "switched"})


_DROPPED_OR_MOVED = _DROPPED | _MOVED


def _moved_after(after: list[str]) -> bool:
    """'a planned stop on June 14 has been moved to the following night': the day this
    plan had before, which no longer holds (read up to the next clause)."""
    for i, w in enumerate(after[:8]):
        if w in NEW_CLAUSE:
            return False
        if w in _MOVED and i > 0 and after[i - 1] in _DONE_AUX:
            return True
    return False


def called_off(text: str, lo: int, m_start: int, before: list[str], after: list[str]) -> bool:
    """'had been set for Feb. 11', 'a plan to vote on Monday was scrapped': a plan that
    no longer holds."""
    found_called_off = False
    if not _CALLED_OFF_WORDS.isdisjoint(before[-16:]):
        found = _CALLED_OFF.search(text, max(lo, m_start - 80), m_start)
        found_called_off = (
            found is not None and _REPLACED.search(text, found.end(), m_start) is None
        )
    if not found_called_off:
        head = after[:8]
        if not _DROPPED_OR_MOVED.isdisjoint(head):
            # "a plan to vote on Monday was scrapped", "a stop on June 14 has been moved"
            found_called_off = (not _DROPPED.isdisjoint(head) and _dropped_after(after)) or (
                not _MOVED.isdisjoint(head) and _moved_after(after)
            )
    return found_called_off


# Where the words after a date stop being about it: "the match is in doubt after ... heavy
# rain" gives the cause, not a forecast.
_CAUSE_OR_NEW_CLAUSE = frozenset({"after", "because", "since", "as", "following", "amid"})


def weather(before: list[str], after: list[str]) -> bool:
    """The clause is a forecast ('snow is expected to begin tonight'): no deadline."""
    if not _WEATHER_WORDS.isdisjoint(before):
        return True
    for w in after:
        if w in _CAUSE_OR_NEW_CLAUSE:
            return False
        if w in _WEATHER_WORDS:
            return True
    return False


def hypothetical(before: list[str], after: list[str]) -> bool:
    """A conditional: 'would'/'could'/'might' with 'if'/'unless' in the clause."""
    return not (
        _CONDITIONS.isdisjoint(before) and _CONDITIONS.isdisjoint(after)
    ) and not _CONDITIONAL_MODALS.isdisjoint(before[-12:])


# Every word without which none of the readers above can say True: before the date (a
# modal, a hedge, a superseded or called-off plan, a forecast, a condition's modal) and
# after it (a plan dropped or moved, a forecast).
_ANY_BEFORE = (
    _MODALS
    | _HEDGE_WORDS
    | _SUPERSEDED_WORDS
    | _WAS
    | _CALLED_OFF_WORDS
    | _WEATHER_WORDS
    | _CONDITIONAL_MODALS
)
_ANY_AFTER = _DROPPED_OR_MOVED | _WEATHER_WORDS


def plain(before: list[str], after: list[str]) -> bool:
    """Whether every reader above would say False (two set checks instead of six
    readers: most dates stand in such a clause, and this runs for every one)."""
    return _ANY_BEFORE.isdisjoint(before) and _ANY_AFTER.isdisjoint(after)
