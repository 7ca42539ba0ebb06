"""Temporal expressions in news text: find, resolve against publication, classify.

The core (everything but `io/`) is pure: no I/O and no clock. The pipeline (its compiled
grammar takes a few hundred milliseconds) loads on first use, so that what only needs an
`Article` or a `TemporalMention` (the daemon, the CLI's other commands) does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from watcher.extract.model import JSON_KEYS, TemporalMention

if TYPE_CHECKING:
    from watcher.extract.pipeline import DEFAULT_MIN_CONFIDENCE, analyse, extract

_LAZY = frozenset({"DEFAULT_MIN_CONFIDENCE", "analyse", "extract"})


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from watcher.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_MIN_CONFIDENCE", "JSON_KEYS", "TemporalMention", "analyse", "extract"]
