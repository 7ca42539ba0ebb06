"""WHEN phrases of `watcher add`, resolved against a frozen clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from freezegun import freeze_time

from watcher.clock import utcnow
from watcher.core.when import parse_when
from watcher.errors import BadTimezoneError, BadWhenError

ZONE = "Europe/Berlin"


@pytest.fixture
def now() -> datetime:
    # Thursday 2026-11-26 20:00 in Berlin.
    with freeze_time("2026-11-26T19:00:00Z"):
        return utcnow()


@pytest.mark.parametrize(
    ("text", "local", "all_day"),
    [
        ("2026-12-01", "2026-12-01T00:00:00+01:00", True),
        ("2026-12-01T17:00", "2026-12-01T17:00:00+01:00", False),
        ("2026-12-01 17:00", "2026-12-01T17:00:00+01:00", False),
        ("2026-12-01T17:00:00-05:00", "2026-12-01T23:00:00+01:00", False),
        ("2026-12-01T16:00Z", "2026-12-01T17:00:00+01:00", False),
        ("Nov 10", "2027-11-10T00:00:00+01:00", True),  # already past this year: next year
        ("Nov. 30", "2026-11-30T00:00:00+01:00", True),
        ("Nov 26", "2026-11-26T00:00:00+01:00", True),  # today is its next occurrence
        ("November 10, 2025", "2025-11-10T00:00:00+01:00", True),
        ("10 November", "2027-11-10T00:00:00+01:00", True),
        ("Sept 1", "2027-09-01T00:00:00+02:00", True),
        ("next friday 17:00", "2026-11-27T17:00:00+01:00", False),
        ("next thursday", "2026-12-03T00:00:00+01:00", True),
        ("thursday", "2026-11-26T00:00:00+01:00", True),
        ("in 3 days", "2026-11-29T00:00:00+01:00", True),
        ("in two weeks", "2026-12-10T00:00:00+01:00", True),
        ("in 2 hours", "2026-11-26T22:00:00+01:00", False),
        ("in 1 month", "2026-12-26T00:00:00+01:00", True),
        ("tomorrow 9am", "2026-11-27T09:00:00+01:00", False),
        ("tomorrow at 17:30", "2026-11-27T17:30:00+01:00", False),
        ("today noon", "2026-11-26T12:00:00+01:00", False),
        ("Dec 24 5:30 pm", "2026-12-24T17:30:00+01:00", False),
        ("Feb 29", "2028-02-29T00:00:00+01:00", True),
    ],
)
def test_when_phrases(now: datetime, text: str, local: str, all_day: bool) -> None:
    due = parse_when(text, now, ZONE)
    assert due.local.isoformat() == local
    assert due.all_day is all_day
    assert due.timezone == ZONE


def test_year_end_rollover() -> None:
    with freeze_time("2026-12-31T12:00:00Z"):
        now = utcnow()
    assert parse_when("Jan 2", now, "UTC").local_date == date(2027, 1, 2)
    assert parse_when("tomorrow", now, "UTC").local_date == date(2027, 1, 1)
    assert parse_when("in 1 week", now, "UTC").local_date == date(2027, 1, 7)


def test_relative_days_use_the_deadline_zone_not_utc() -> None:
    # 23:30 UTC on Nov 26 is already Nov 27 in Tokyo.
    now = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    assert parse_when("tomorrow", now, "Asia/Tokyo").local_date == date(2026, 11, 28)
    assert parse_when("tomorrow", now, "UTC").local_date == date(2026, 11, 27)


@pytest.mark.parametrize(
    "text", ["", "someday", "Nov 31", "2026-13-01", "25:00", "tomorrow 13pm", "Foo 10"]
)
def test_unparseable_dates_raise_one_clear_error(now: datetime, text: str) -> None:
    with pytest.raises(BadWhenError) as error:
        parse_when(text, now, ZONE)
    assert "\n" not in str(error.value)


def test_unknown_zone(now: datetime) -> None:
    with pytest.raises(BadTimezoneError, match="Mars/Olympus"):
        parse_when("tomorrow", now, "Mars/Olympus")
