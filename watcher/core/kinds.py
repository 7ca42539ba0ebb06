"""The kinds of dated things watcher keeps; extraction and the CLI share this vocabulary."""

from __future__ import annotations

from enum import StrEnum

from watcher.errors import UsageError


class Kind(StrEnum):
    DEADLINE = "deadline"  # something must happen by then
    EXPIRY = "expiry"  # something stops (a truce, a licence, a law)
    EFFECTIVE = "effective"  # something starts to apply (tariffs, a rule)
    MEETING = "meeting"
    EVENT = "event"
    VOTE = "vote"
    FILING = "filing"
    OTHER = "other"


def parse_kind(value: str) -> Kind:
    """The Kind named ``value``, or a one-line error listing the choices."""
    try:
        return Kind(value.strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in Kind)
        raise UsageError(f"unknown kind {value!r}: choose one of {choices}") from None
