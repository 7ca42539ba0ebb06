"""Lead times count back in the deadline's wall-clock time: 1d before 09:00 is 09:00."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from watcher.core.leads import parse_lead, parse_leads
from watcher.core.planning import Due, fire_time, plan_alerts, wall_time


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def due_at(local: str, zone: str) -> Due:
    return Due(at=wall_time(datetime.fromisoformat(local), zone), timezone=zone)


@pytest.mark.parametrize(
    ("local", "zone", "lead", "expected"),
    [
        # Berlin springs forward on 2026-03-29: the day before is still 09:00 local (CET).
        ("2026-03-29T09:00", "Europe/Berlin", "1d", utc(2026, 3, 28, 8, 0)),
        ("2026-03-29T09:00", "Europe/Berlin", "7d", utc(2026, 3, 22, 8, 0)),
        ("2026-03-29T09:00", "Europe/Berlin", "2h", utc(2026, 3, 29, 5, 0)),
        # Berlin falls back on 2026-10-25: the day before is 09:00 CEST.
        ("2026-10-25T09:00", "Europe/Berlin", "1d", utc(2026, 10, 24, 7, 0)),
        # New York falls back on 2026-11-01.
        ("2026-11-01T12:00", "America/New_York", "1d", utc(2026, 10, 31, 16, 0)),
        ("2026-11-01T12:00", "America/New_York", "1d1h", utc(2026, 10, 31, 15, 0)),
        # Sydney springs forward on 2026-10-04 (southern hemisphere).
        ("2026-10-04T09:00", "Australia/Sydney", "1d", utc(2026, 10, 2, 23, 0)),
        # Year end: a week before a January deadline is in December of the year before.
        ("2027-01-03T17:00", "America/New_York", "1w", utc(2026, 12, 27, 22, 0)),
        # A zone without DST and a zone with a 45-minute offset.
        ("2027-01-01T00:30", "Asia/Kolkata", "1d", utc(2026, 12, 30, 19, 0)),
        ("2027-01-01T09:00", "Pacific/Chatham", "1d", utc(2026, 12, 30, 19, 15)),
        # Leap day.
        ("2028-02-29T10:00", "UTC", "1w", utc(2028, 2, 22, 10, 0)),
        ("2028-03-01T10:00", "UTC", "1d", utc(2028, 2, 29, 10, 0)),
    ],
)
def test_fire_time_keeps_local_wall_clock(
    local: str, zone: str, lead: str, expected: datetime
) -> None:
    assert fire_time(due_at(local, zone), parse_lead(lead)) == expected


def test_fire_time_in_a_dst_gap_moves_forward_by_the_gap() -> None:
    # 02:30 on 2026-03-29 does not exist in Berlin; calendar programs use 03:30 CEST.
    due = due_at("2026-03-30T02:30", "Europe/Berlin")
    assert fire_time(due, parse_lead("1d")) == utc(2026, 3, 29, 1, 30)


def test_fire_time_at_a_repeated_hour_is_its_first_occurrence() -> None:
    # 02:30 on 2026-10-25 happens twice in Berlin; the first is CEST (UTC+2).
    due = due_at("2026-10-26T02:30", "Europe/Berlin")
    assert fire_time(due, parse_lead("1d")) == utc(2026, 10, 25, 0, 30)


@pytest.mark.parametrize(
    ("day", "zone", "lead", "expected"),
    [
        (date(2027, 1, 1), "Asia/Tokyo", "1w", utc(2026, 12, 25, 0, 0)),
        (date(2027, 1, 1), "Asia/Tokyo", "1d", utc(2026, 12, 31, 0, 0)),
        (date(2027, 1, 1), "Asia/Tokyo", "1h", utc(2026, 12, 31, 23, 0)),
        (date(2026, 3, 30), "Europe/Berlin", "1d", utc(2026, 3, 29, 7, 0)),
        (date(2025, 11, 10), "America/New_York", "1d", utc(2025, 11, 9, 14, 0)),
    ],
)
def test_all_day_deadlines_count_back_from_the_all_day_time(
    day: date, zone: str, lead: str, expected: datetime
) -> None:
    due = Due.for_date(day, zone)
    assert due.all_day
    assert due.local.time() == time(0, 0)
    assert fire_time(due, parse_lead(lead), all_day_time=time(9, 0)) == expected


def test_all_day_time_is_configurable() -> None:
    due = Due.for_date(date(2026, 12, 24), "Europe/London")
    assert fire_time(due, parse_lead("1d"), all_day_time=time(17, 30)) == utc(2026, 12, 23, 17, 30)


def test_plan_alerts_one_per_lead_and_channel_soonest_first_and_skips_the_past() -> None:
    due = due_at("2026-12-10T09:00", "Europe/Berlin")
    now = utc(2026, 12, 5, 12, 0)  # the 1w alert (Dec 3) is already past
    planned = plan_alerts(due, parse_leads("7d,1d,1h"), ["team", "email", "team"], now)
    assert [(p.lead, p.channel) for p in planned] == [
        ("1d", "email"),
        ("1d", "team"),
        ("1h", "email"),
        ("1h", "team"),
    ]
    assert [p.fire_at for p in planned] == [utc(2026, 12, 9, 8, 0)] * 2 + [
        utc(2026, 12, 10, 7, 0)
    ] * 2


def test_plan_alerts_for_a_past_deadline_is_empty() -> None:
    due = due_at("2025-11-10T00:00", "America/New_York")
    assert plan_alerts(due, parse_leads("1d,0"), ["console"], utc(2026, 1, 1)) == []


def test_due_refuses_naive_instants() -> None:
    with pytest.raises(ValueError, match="naive"):
        Due(at=datetime(2026, 1, 1, 9, 0), timezone="UTC")


def test_the_end_of_an_all_day_deadline_is_the_next_local_midnight() -> None:
    spring = Due.for_date(date(2026, 3, 29), "Europe/Berlin")  # clocks go forward: 23 h
    assert spring.end - spring.at == timedelta(hours=23)
    autumn = Due.for_date(date(2026, 10, 25), "Europe/Berlin")  # clocks go back: 25 h
    assert autumn.end - autumn.at == timedelta(hours=25)
    timed = Due(at=datetime(2026, 3, 29, 10, tzinfo=UTC), timezone="Europe/Berlin")
    assert timed.end == timed.at


def test_an_all_day_deadline_on_a_dst_day_is_past_at_local_midnight(tmp_path: Path) -> None:
    from watcher.store.database import open_engine
    from watcher.store.repository import DeadlineDraft, Store

    store = Store(open_engine(f"sqlite:///{tmp_path / 'w.db'}"))
    store.add_deadline(
        DeadlineDraft(
            title="Spring",
            due=Due.for_date(date(2026, 3, 29), "Europe/Berlin"),
            leads=[],
            channels=["console"],
        )
    )
    just_before = datetime(2026, 3, 29, 21, 59, tzinfo=UTC)  # 23:59 CEST
    just_after = datetime(2026, 3, 29, 22, 1, tzinfo=UTC)  # 00:01 CEST, March 30
    assert [d.title for d in store.list_deadlines(now=just_before)] == ["Spring"]
    assert store.list_deadlines(now=just_after) == []
    assert [d.title for d in store.list_deadlines(upcoming=False, past=True, now=just_after)] == [
        "Spring"
    ]
    store.close()
