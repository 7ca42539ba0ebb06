"""One definition of "the deadline is over": ``Due.end`` in Python, ``queue.deadline_over``
in SQL, both built on ``planning.day_start``. They must agree on every deadline at every
instant, DST change days and zones far from UTC included (on both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from watcher.core.leads import parse_leads
from watcher.core.planning import Due, all_day_over_before
from watcher.store import queue
from watcher.store.database import open_engine
from watcher.store.models import Deadline
from watcher.store.repository import DeadlineDraft, Store, due_of

ZONES = ("Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC")
DAYS = (  # ordinary days and DST changes in Europe and the US, spring and autumn
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 7, 1),
    date(2026, 10, 25),
    date(2026, 11, 1),
)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(open_engine(db_url))
    yield store
    store.close()


def test_the_python_rule_and_its_sql_form_agree_every_half_hour(store: Store) -> None:
    for zone in ZONES:
        for day in DAYS:
            for all_day in (True, False):
                at = Due.for_date(day, zone).at + (timedelta(0) if all_day else timedelta(hours=13))
                store.add_deadline(
                    DeadlineDraft(
                        title=f"{zone} {day} {all_day}",
                        due=Due(at=at, timezone=zone, all_day=all_day),
                        leads=parse_leads("0"),
                        channels=["console"],
                    )
                )
    with store.session() as session:
        deadlines = list(session.exec(select(Deadline)).all())
    start = datetime(2026, 3, 6, tzinfo=UTC)
    checked = 0
    for step in range(0, 2 * 24 * 250, 1):  # every 30 minutes, through November
        now = start + timedelta(minutes=30 * step)
        if not any(abs(due_of(d).end - now) < timedelta(hours=30) for d in deadlines):
            continue
        expected = {d.id for d in deadlines if due_of(d).end <= now}
        with store.session() as session:
            over = set(
                session.exec(select(Deadline.id).where(queue.deadline_over(session, now))).all()
            )
        assert over == expected, now
        checked += 1
    assert checked > 500


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("day", DAYS)
def test_an_all_day_deadline_is_over_exactly_at_the_next_local_midnight(
    zone: str, day: date
) -> None:
    due = Due.for_date(day, zone)
    assert due.end == Due.for_date(day + timedelta(days=1), zone).at
    for minutes in (-1, 0, 1):
        now = due.end + timedelta(minutes=minutes)
        assert (due.end <= now) == (due.at < all_day_over_before(zone, now))
    if (zone, day) in (
        ("Europe/Berlin", date(2026, 3, 29)),
        ("America/New_York", date(2026, 3, 8)),
    ):
        assert due.end - due.at == timedelta(hours=23)  # spring forward: a short day
    if (zone, day) in (
        ("Europe/Berlin", date(2026, 10, 25)),
        ("America/New_York", date(2026, 11, 1)),
    ):
        assert due.end - due.at == timedelta(hours=25)


def test_a_timed_deadline_is_over_at_its_instant(store: Store) -> None:
    at = datetime(2026, 11, 10, 17, 0, tzinfo=UTC)
    store.add_deadline(
        DeadlineDraft(
            title="Timed",
            due=Due(at=at, timezone="UTC"),
            leads=parse_leads("0"),
            channels=["console"],
        )
    )
    with store.session() as session:
        for now, over in ((at - timedelta(seconds=1), False), (at, True)):
            rows = session.exec(
                select(col(Deadline.id)).where(queue.deadline_over(session, now))
            ).all()
            assert bool(rows) is over


def test_the_dashboard_keeps_an_all_day_deadline_until_its_local_midnight(store: Store) -> None:
    from watcher.store.web_queries import dashboard

    due = Due.for_date(date(2026, 10, 25), "Europe/Berlin")  # 25 hours: clocks go back
    store.add_deadline(
        DeadlineDraft(title="Long day", due=due, leads=parse_leads("0"), channels=["console"])
    )
    late_evening = due.end - timedelta(minutes=30)  # 23:30 in Berlin, 24.5 h after midnight
    shown = dashboard(store, late_evening, window_end=late_evening + timedelta(days=7))
    assert [r.title for r in shown.rows] == ["Long day"]
    assert [r.title for r in shown.window] == ["Long day"]
    over = dashboard(store, due.end, window_end=due.end + timedelta(days=7))
    assert over.rows == [] and over.window == []
