"""The one pass over a text that finds candidate spans, tried only where one can start."""

from __future__ import annotations

import re
from collections.abc import Iterator

from watcher.extract.grammar.patterns import (
    NOT_PLAIN,
    PATTERN_AFTER_THE,
    PATTERN_ANY_DIGITS,
    PATTERN_BY_DIGITS,
    PATTERN_BY_TRIGGER,
    PATTERN_LETTER,
    PATTERN_THE,
    THE_NEXT,
    THE_WORDS,
    TRIGGER,
    trigger_after_separator,
)


def scan(text: str) -> Iterator[re.Match[str]]:
    """PATTERN's matches, left to right and non-overlapping, tried only where TRIGGER says
    an expression can start, and there only with the families that can begin with the
    word (or the length of digit run) found (the same matches as PATTERN.finditer,
    several times faster)."""
    if NOT_PLAIN.search(text) is None:
        # TRIGGER's matches as group 1 of the separator-led pattern, read over the text
        # behind a line break (so that a word opening it follows a separator too): its
        # offsets are one more than the text's
        triggers = trigger_after_separator().finditer("\n" + text)
        group, shift = 1, 1
    else:
        triggers = TRIGGER.finditer(text)
        group, shift = 0, 0
    end = 0
    by_trigger = PATTERN_BY_TRIGGER
    by_digits = PATTERN_BY_DIGITS
    letter = PATTERN_LETTER
    for t in triggers:
        pos = t.start(group) - shift
        if pos < end:
            continue
        word = t[group]
        pattern = by_trigger.get(word)
        if pattern is None:  # a run of digits, "the", or a word not listed ("FY2025")
            if "0" <= word[0] <= "9":
                pattern = by_digits.get(len(word), PATTERN_ANY_DIGITS)
            elif word in THE_WORDS:
                nxt = THE_NEXT.match(text, t.end() - shift)
                pattern = PATTERN_AFTER_THE.get(nxt[1], PATTERN_THE) if nxt else PATTERN_THE
            else:
                pattern = letter
        m = pattern.match(text, pos)
        if m is not None and m.end() > pos:
            end = m.end()
            yield m
