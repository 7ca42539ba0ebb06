"""Reading the words around a date: its tense, kind, modality (and, in title.py, a title).

All of it is local: the clause around the mention (clause.py), read outward from the
date, nearest cue first. Cues before the date weigh more than cues after it, because
in news the verb that governs a date usually precedes it ("will meet ... on Oct. 30").
"""

from __future__ import annotations

from dataclasses import dataclass

from watcher.core.kinds import Kind
from watcher.extract.cues.kind import kind_of
from watcher.extract.cues.modality import (
    called_off,
    hedged,
    hypothetical,
    modal,
    plain,
    superseded,
    weather,
)
from watcher.extract.cues.tense import Tense, past_frame, read_tense
from watcher.extract.cues.words import WORD, words


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

    def with_tense(self, tense: Tense | None) -> Cues:
        """replace(self, tense=tense), built directly (a test holds it to replace())."""
        return Cues(
            tense,
            self.kind,
            self.kind_strength,
            self.cue_after,
            self.modal,
            self.hedge,
            self.superseded,
            self.called_off,
            self.weather,
            self.hypothetical,
            self.before,
            self.tense_at,
        )

    @property
    def past_frame(self) -> bool:
        """A future seen from the past: 'few expected it to last until the spring'
        (computed when asked: only year-less dates need it)."""
        return (
            self.tense == "future"
            and self.before is not None
            and past_frame(self.before, self.tense_at)
        )


def read_cues(
    text: str, lo: int, m_start: int, m_end: int, hi: int, lower: str | None = None
) -> Cues:
    """Tense, kind and hedging for the mention [m_start, m_end) in clause [lo, hi).

    `lower`, when given, is text.lower() and has the length of `text`."""
    if lower is not None:  # (words, inlined: this runs once per mention)
        before = WORD.findall(lower, max(lo, m_start - 160), m_start)
        after = WORD.findall(lower, m_end, min(hi, m_end + 120))
    else:
        before = words(text, max(lo, m_start - 160), m_start)
        after = words(text, m_end, min(hi, m_end + 120))
    t, t_at = read_tense(before, after)
    kind, strength, cue_after = kind_of(before, after)
    if plain(before, after):  # no modal, hedge, superseded plan, forecast or condition
        return Cues(
            t, kind, strength, cue_after, False, False, False, False, False, False, before, t_at
        )
    return Cues(  # positional (in the order of the fields): cheaper than keywords
        t,
        kind,
        strength,
        cue_after,
        modal(before),
        hedged(text, lo, m_start, before),
        superseded(text, lo, m_start, before, after),
        called_off(text, lo, m_start, before, after),
        weather(before, after),
        hypothetical(before, after),
        before,
        t_at,
    )
