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
