"""Temporal expressions in news text: find, resolve against publication, classify.

The core (everything but `io/`) is pure: no I/O and no clock.
"""

from watcher.extract.api import DEFAULT_MIN_CONFIDENCE, analyse, extract
from watcher.extract.model import JSON_KEYS, TemporalMention

__all__ = ["DEFAULT_MIN_CONFIDENCE", "JSON_KEYS", "TemporalMention", "analyse", "extract"]
