"""Temporal expressions in news text: find, resolve against publication, classify.

The core (everything but `io/`) is pure: no I/O and no clock.
"""

from watcher.extract.model import JSON_KEYS, TemporalMention
from watcher.extract.pipeline import DEFAULT_MIN_CONFIDENCE, analyse, extract

__all__ = ["DEFAULT_MIN_CONFIDENCE", "JSON_KEYS", "TemporalMention", "analyse", "extract"]
