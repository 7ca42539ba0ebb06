"""Planning alerts: a pure function of (deadline, lead times, channels, now).

A lead's calendar part (weeks, days) is subtracted in the deadline's local wall-clock
time and its elapsed part (hours, minutes, seconds) from the resulting instant. All-day
deadlines are anchored at a configurable local time of day (09:00 by default), so a
"1d" alert for an all-day Nov. 10 deadline fires on Nov. 9 at 09:00 local time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from watcher.clock import ensure_utc
from watcher.core.leads import Lead
from watcher.core.zones import get_zone
from watcher.errors import BadWhenError

DEFAULT_ALL_DAY_TIME = time(9, 0)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
"""The years a deadline may fall in: wide enough for any real date, narrow enough that
every lead time, zone conversion and timeline axis stays inside what datetime can hold."""


@dataclass(frozen=True)
class Due:
    """When a deadline falls. ``at`` is UTC; for all-day deadlines it is local midnight."""

    at: datetime
    timezone: str
    all_day: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", ensure_utc(self.at))

    @property
    def local(self) -> datetime:
        """The due instant in the deadline's own zone."""
        return self.at.astimezone(get_zone(self.timezone))

    @property
    def local_date(self) -> date:
        return self.local.date()

    def anchor(self, all_day_time: time = DEFAULT_ALL_DAY_TIME) -> datetime:
        """The local instant lead times count back from."""
        if not self.all_day:
            return self.local
        return wall_time(datetime.combine(self.local_date, all_day_time), self.timezone)

    @property
    def end(self) -> datetime:
        """The UTC instant the deadline is over: its due instant, or for an all-day deadline
        the next local midnight (23 or 25 hours later on a DST change day, not 24)."""
        if not self.all_day:
            return self.at
        return day_start(self.local_date + timedelta(days=1), self.timezone)

    @classmethod
    def for_date(cls, day: date, timezone: str) -> Due:
        """An all-day deadline on ``day`` in ``timezone``."""
        return cls(
            at=day_start(day, timezone),
            timezone=timezone,
            all_day=True,
        )


def check_due(due: Due) -> Due:
    """``due`` itself, or a one-line error when it falls outside the years watcher handles."""
    year = due.local.year if EARLIEST_YEAR < due.at.year < LATEST_YEAR else due.at.year
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise BadWhenError(
            f"the year {year} is out of range: deadlines must fall in {EARLIEST_YEAR}-{LATEST_YEAR}"
        )
    return due


@dataclass(frozen=True)
class PlannedAlert:
    """One alert the store should hold: which lead, which channel, when it fires (UTC)."""

    lead: str
    channel: str
    fire_at: datetime


def day_start(day: date, timezone: str) -> datetime:
    """The UTC instant ``day`` begins in ``timezone`` (its local midnight, or the first
    instant after it when a DST change skips midnight). An all-day deadline is due at its
    day's start and over at the next day's start: :attr:`Due.end`."""
    return wall_time(datetime.combine(day, time(0)), timezone)


def all_day_over_before(timezone: str, now: datetime) -> datetime:
    """All-day deadlines in ``timezone`` due (``Due.at``) before this instant are over at
    ``now``: it is the start of the local day ``now`` falls in.

    The SQL form of :attr:`Due.end` (``watcher.store.queue.deadline_over``) compares due
    dates with this, one value per zone, since a database cannot count local days; both
    derive from :func:`day_start`, so ``Due.end <= now`` exactly when
    ``Due.at < all_day_over_before(zone, now)``.
    """
    local_day = ensure_utc(now).astimezone(get_zone(timezone)).date()
    return day_start(local_day, timezone)


def wall_time(naive: datetime, timezone: str) -> datetime:
    """Attach ``timezone`` to a wall-clock time and return the instant in UTC.

    A time skipped by a DST change (02:30 on a spring-forward night) moves forward by the
    gap, as calendar programs do; a repeated time (autumn) means its first occurrence.
    """
    if naive.tzinfo is not None:
        raise ValueError("wall_time takes a naive wall-clock datetime")
    return naive.replace(tzinfo=get_zone(timezone), fold=0).astimezone(UTC)


def fire_time(due: Due, lead: Lead, all_day_time: time = DEFAULT_ALL_DAY_TIME) -> datetime:
    """The UTC instant at which an alert ``lead`` before ``due`` fires."""
    anchor = due.anchor(all_day_time)
    if lead.days:
        local_wall = anchor.astimezone(get_zone(due.timezone)).replace(tzinfo=None)
        anchor = wall_time(local_wall - timedelta(days=lead.days), due.timezone)
    return anchor.astimezone(UTC) - timedelta(seconds=lead.seconds)


def plan_alerts(
    due: Due,
    leads: Sequence[Lead],
    channels: Iterable[str],
    now: datetime,
    all_day_time: time = DEFAULT_ALL_DAY_TIME,
) -> list[PlannedAlert]:
    """Every alert still ahead of ``now``: one per lead time and channel, soonest first.

    Alerts whose fire time is already past are left out: planning never creates work
    that is late on arrival. (Alerts that fall due while the daemon is down are a
    different matter: they were planned in time and the daemon catches them up.)
    """
    now = ensure_utc(now)
    channel_list = sorted(set(channels))
    planned = [
        PlannedAlert(lead=lead.label, channel=channel, fire_at=fire_at)
        for lead in leads
        if (fire_at := fire_time(due, lead, all_day_time)) > now
        for channel in channel_list
    ]
    return sorted(planned, key=lambda alert: (alert.fire_at, alert.channel))
