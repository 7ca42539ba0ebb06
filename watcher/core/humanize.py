"""Short human phrases for instants and durations ("in 3 days", "Mon 10 Nov 17:00 EST")."""

from __future__ import annotations

from datetime import datetime

from watcher.core.planning import Due


def relative(target: datetime, now: datetime) -> str:
    """'in 3 days', '2 hours ago', 'now': the unit a person would pick, rounded."""
    seconds = (target - now).total_seconds()
    future = seconds >= 0
    seconds = abs(seconds)
    if seconds < 45:
        return "now"
    for unit, size, below in (
        ("minute", 60, 90 * 60),
        ("hour", 3600, 36 * 3600),
        ("day", 86400, 14 * 86400),
        ("week", 7 * 86400, 56 * 86400),
        ("month", 30.44 * 86400, 365 * 86400),
        ("year", 365.25 * 86400, float("inf")),
    ):
        if seconds < below:
            count = max(1, round(seconds / size))
            text = f"{count} {unit}{'' if count == 1 else 's'}"
            return f"in {text}" if future else f"{text} ago"
    raise AssertionError("unreachable")


def format_due(due: Due, with_zone: bool = True) -> str:
    """'Mon 2025-11-10 (all day)' or 'Mon 2025-11-10 17:00 EST', in the deadline's zone."""
    local = due.local
    if due.all_day:
        text = f"{local:%a %Y-%m-%d} (all day)"
    else:
        text = f"{local:%a %Y-%m-%d %H:%M}"
        if with_zone:
            text += f" {local.tzname()}"
    return text


def format_instant(instant: datetime, timezone: str) -> str:
    """An instant shown in ``timezone``: 'Sun 2025-11-09 09:00 EST'."""
    return format_due(Due(at=instant, timezone=timezone))
