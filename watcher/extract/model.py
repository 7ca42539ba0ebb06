"""The value the extractor returns, and its JSON shape (a contract scripts rely on)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from watcher.core.kinds import Kind

# Keys of the JSON object, in order. `watcher extract --json` and the benches depend on it.
JSON_KEYS: tuple[str, ...] = (
    "text",
    "start",
    "end",
    "date",
    "end_date",
    "kind",
    "future",
    "title",
    "confidence",
    "sentence",
)


@dataclass(frozen=True, slots=True)
class TemporalMention:
    """One temporal expression found in a text, resolved against the publication date.

    `date` is an ISO date ("2025-10-30") or, when a time of day is stated, an ISO
    date-time with offset. It is None only for references without a calendar
    position ("the past", "the future"); `extract()` leaves those out.
    `value`, `timex_type` and `mod` carry the TimeML normalisation (e.g. "2013-W12",
    "PRESENT_REF", type DATE/TIME/DURATION) used by the TempEval-3 benchmark.
    """

    text: str
    start: int
    end: int
    date: str | None
    end_date: str | None
    kind: Kind
    future: bool
    title: str
    confidence: float
    sentence: str
    value: str
    timex_type: str = "DATE"
    mod: str | None = None
    conditional: bool = False  # under a condition ("if talks fail"): capped, yet a plan

    def to_json(self) -> dict[str, Any]:
        """The public JSON object: exactly the keys of JSON_KEYS, in that order."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "end_date": self.end_date,
            "kind": self.kind.value,
            "future": self.future,
            "title": self.title,
            "confidence": round(self.confidence, 2),
            "sentence": self.sentence,
        }


# The slots' own setters, for mention(): a frozen dataclass's __init__ calls
# object.__setattr__ once per field, which looks the field up again each time.
_new = object.__new__
(
    _set_text,
    _set_start,
    _set_end,
    _set_date,
    _set_end_date,
    _set_kind,
    _set_future,
    _set_title,
    _set_confidence,
    _set_sentence,
    _set_value,
    _set_timex_type,
    _set_mod,
    _set_conditional,
) = (getattr(TemporalMention, f).__set__ for f in TemporalMention.__slots__)


def mention(
    text: str,
    start: int,
    end: int,
    date: str | None,
    end_date: str | None,
    kind: Kind,
    future: bool,
    title: str,
    confidence: float,
    sentence: str,
    value: str,
    timex_type: str,
    mod: str | None,
    conditional: bool,
) -> TemporalMention:
    """TemporalMention(...) with every field given, built about twice as fast (the
    extractor builds one per mention; a test holds it to the class's own __init__)."""
    m: TemporalMention = _new(TemporalMention)
    _set_text(m, text)
    _set_start(m, start)
    _set_end(m, end)
    _set_date(m, date)
    _set_end_date(m, end_date)
    _set_kind(m, kind)
    _set_future(m, future)
    _set_title(m, title)
    _set_confidence(m, confidence)
    _set_sentence(m, sentence)
    _set_value(m, value)
    _set_timex_type(m, timex_type)
    _set_mod(m, mod)
    _set_conditional(m, conditional)
    return m
