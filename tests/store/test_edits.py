"""Re-planning is idempotent: edits in quick succession, or at the same time from several
processes, never collide on the alerts' unique key (issue 11, bug 1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.store.database import open_engine
from watcher.store.models import AlertKind, AlertState
from watcher.store.repository import DeadlineChanges, DeadlineDraft, Store

FROZEN = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(open_engine(db_url), clock=lambda: FROZEN)
    yield store
    store.close()


def _add(store: Store) -> int:
    deadline = store.add_deadline(
        DeadlineDraft(
            title="T",
            due=Due.for_date(date(2027, 3, 1), "UTC"),
            leads=parse_leads("7d,1d,1h"),
            channels=["console", "team"],
        )
    )
    assert deadline.id is not None
    return deadline.id


def test_two_edits_in_the_same_second_both_apply(store: Store) -> None:
    deadline_id = _add(store)
    for day in (2, 3, 2):
        store.edit_deadline(
            deadline_id, DeadlineChanges(due=Due.for_date(date(2027, 3, day), "UTC"))
        )
    assert store.get_deadline(deadline_id).version == 4
    pending = store.alerts(deadline_id=deadline_id, states=[AlertState.PENDING])
    reminders = [a for a in pending if a.kind == AlertKind.REMINDER]
    assert sorted((a.lead, a.channel) for a in reminders) == sorted(
        (lead, channel) for lead in ("1w", "1d", "1h") for channel in ("console", "team")
    )
    assert {a.fire_at.date() for a in reminders} == {
        date(2027, 2, 23),
        date(2027, 3, 1),
        date(2027, 3, 2),
    }


def test_concurrent_edits_all_succeed(store: Store, db_url: str) -> None:
    deadline_id = _add(store)
    errors: list[BaseException] = []

    def edit(day: int) -> None:
        other = Store(open_engine(db_url), clock=lambda: FROZEN)
        try:
            other.edit_deadline(
                deadline_id, DeadlineChanges(due=Due.for_date(date(2027, 4, day), "UTC"))
            )
        except BaseException as error:  # collected and asserted on below
            errors.append(error)
        finally:
            other.close()

    threads = [threading.Thread(target=edit, args=(day,)) for day in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.get_deadline(deadline_id).version == 21


def test_edits_while_nobody_was_told_leave_one_notice_from_the_first_date(store: Store) -> None:
    """Issue 11, bug 3: three moves before the daemon runs send one "Date moved" per channel,
    saying the first date and the newest; moving back withdraws it."""
    deadline_id = _add(store)
    for day in (5, 9, 12):
        store.edit_deadline(
            deadline_id, DeadlineChanges(due=Due.for_date(date(2027, 3, day), "UTC"))
        )
    moved = [
        a
        for a in store.alerts(deadline_id=deadline_id, states=[AlertState.PENDING])
        if a.kind == AlertKind.MOVED
    ]
    assert sorted(a.channel for a in moved) == ["console", "team"]
    assert {(a.detail or {}).get("previous_due", "")[:10] for a in moved} == {"2027-03-01"}
    store.edit_deadline(deadline_id, DeadlineChanges(due=Due.for_date(date(2027, 3, 1), "UTC")))
    assert not [
        a
        for a in store.alerts(deadline_id=deadline_id, states=[AlertState.PENDING])
        if a.kind == AlertKind.MOVED
    ]
