"""The one mention an extraction test is about, found by its exact span."""

from __future__ import annotations

import datetime as dt

from watcher.extract import TemporalMention, extract


def span_of(text: str, want: str, published: dt.date, tz: str = "UTC") -> TemporalMention:
    """The first mention spanned exactly ``want``; the assertion lists what was found."""
    found = extract(text, published, tz)
    hits = [m for m in found if m.text == want]
    assert hits, [(m.text, m.date) for m in found]
    return hits[0]
