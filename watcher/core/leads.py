"""Lead times: how long before a deadline an alert fires ("7d", "1d", "2h", "30m", "45s", "0").

Weeks and days are calendar units counted in the deadline's wall-clock time, so
"1d before 09:00" is 09:00 the day before even across a DST change. Hours, minutes and
seconds are elapsed time: "1h before" is exactly 3600 s before the instant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from watcher.errors import BadLeadError

_PART = re.compile(r"(\d+)\s*(w|d|h|m|s)", re.IGNORECASE)
_WHOLE = re.compile(r"^(?:\d+\s*[wdhms]\s*)+$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Lead:
    """A lead time split into calendar days and elapsed seconds."""

    days: int = 0
    seconds: int = 0

    @property
    def label(self) -> str:
        """Canonical text, e.g. '1w', '1d12h', '0'. Parsing the label gives the same Lead."""
        if self.days == 0 and self.seconds == 0:
            return "0"
        parts: list[str] = []
        weeks, days = divmod(self.days, 7)
        if weeks and not days:
            parts.append(f"{weeks}w")
        elif self.days:
            parts.append(f"{self.days}d")
        hours, rest = divmod(self.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        for value, unit in ((hours, "h"), (minutes, "m"), (seconds, "s")):
            if value:
                parts.append(f"{value}{unit}")
        return "".join(parts)

    @property
    def approximate(self) -> timedelta:
        """The lead as a plain duration (for sorting and display only)."""
        return timedelta(days=self.days, seconds=self.seconds)

    def __str__(self) -> str:
        return self.label


def describe_lead(label: str) -> str:
    """How a lead reads in a sentence: '1d before', or 'at the deadline' for '0'."""
    return "at the deadline" if label == "0" else f"{label} before"


def parse_lead(text: str) -> Lead:
    """Parse one lead time such as '7d', '2h', '1d12h', '90m' or '0'."""
    raw = text.strip()
    if raw == "0":
        return Lead()
    if not raw or not _WHOLE.match(raw):
        raise BadLeadError(
            f"bad lead time {text!r}: use a number and a unit (w, d, h, m, s), e.g. 7d, 2h, 30m, 0"
        )
    days = seconds = 0
    for amount, unit in _PART.findall(raw):
        n = int(amount)
        match unit.lower():
            case "w":
                days += 7 * n
            case "d":
                days += n
            case "h":
                seconds += 3600 * n
            case "m":
                seconds += 60 * n
            case _:
                seconds += n
    if days > 3660:
        raise BadLeadError(f"lead time {text!r} is longer than ten years")
    return Lead(days=days, seconds=seconds)


def parse_leads(text: str | list[str]) -> list[Lead]:
    """Parse a comma-separated list (or list of items); duplicates dropped, longest first."""
    items = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    leads = {parse_lead(item) for item in items if item.strip()}
    if not leads:
        raise BadLeadError("no lead times given: use e.g. --lead 7d,1d,1h")
    return sorted(leads, key=lambda lead: lead.approximate, reverse=True)


def format_leads(leads: list[Lead]) -> list[str]:
    """Canonical labels, longest first, as stored in the database."""
    return [lead.label for lead in sorted(leads, key=lambda lead: lead.approximate, reverse=True)]
