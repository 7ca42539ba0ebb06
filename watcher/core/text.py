"""Untrusted text made safe: cleaned where it enters the store, escaped where it is shown.

Titles, notes, tags and sentences come from the command line, articles, feeds, .ics and
JSON files. A terminal obeys the control characters such text may carry (ESC starts an
escape sequence that can recolour, retitle or clear the screen; BEL rings; a newline breaks
a table row), and a lone surrogate cannot even be written to the database. So:

- :func:`clean_text` is applied once, where text enters (the store, imports): one line,
  control characters and Unicode direction overrides removed, runs of whitespace collapsed.
- :func:`clean_block` is the same for text whose line breaks and offsets matter (an
  article's body, a note): unsafe characters become spaces, everything else is kept.
- :func:`printable` is applied where stored text is shown, so rows written by an older
  version (or directly in the database) cannot reach the terminal raw either.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
"""Direction overrides and isolates: they make a title display as something else."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE_BLOCK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _no_surrogates(value: str) -> str:
    """Lone surrogates (from undecodable command-line bytes) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def _has_surrogate(value: str) -> bool:
    return _SURROGATE.search(value) is not None


def clean_text(value: str) -> str:
    """One line of text safe to store and print.

    Whitespace of any kind (newlines, tabs, Unicode spaces) becomes one space; other control
    characters (C0, DEL, C1: ESC, BEL, NUL...) and direction overrides are dropped; lone
    surrogates become U+FFFD; the ends are stripped.
    """
    value = _no_surrogates(value).translate(_BIDI)
    value = "".join(
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char) != "Cc"
    )
    return " ".join(value.split())


def clean_block(value: str) -> str:
    """Multi-line text (an article's body, a note) safe to store, otherwise verbatim.

    Line breaks and tabs stay; every other control character, direction override or lone
    surrogate becomes one space (or U+FFFD), so the text keeps its length and the offsets of
    the mentions found in it stay true.
    """
    value = _no_surrogates(value)
    if not _UNSAFE_BLOCK.search(value):
        return value
    return _UNSAFE_BLOCK.sub(" ", value)


def printable(value: str) -> str:
    """``value`` as it may reach a terminal: control characters shown as ``\\xNN`` escapes."""
    if not _UNSAFE.search(value) and not _has_surrogate(value):
        return value
    value = _no_surrogates(value)
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 256 else " ", value)


__all__ = ["clean_block", "clean_text", "printable"]
