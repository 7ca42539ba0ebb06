"""The store on SQLite and on a real PostgreSQL server: same tests, both backends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy.exc import IntegrityError

from watcher.clock import utcnow
from watcher.core.leads import parse_leads
from watcher.core.planning import Due, wall_time
from watcher.errors import NotFoundError
from watcher.store.database import open_engine
from watcher.store.models import Alert, AlertKind, AlertState, DeadlineStatus
from watcher.store.repository import DeadlineChanges, DeadlineDraft, Store

NOW = "2026-11-26T12:00:00Z"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(open_engine(db_url))
    yield store
    store.close()


def draft(
    title: str = "Truce expires",
    when: str = "2026-12-10T17:00",
    zone: str = "Europe/Berlin",
    leads: str = "7d,1d,1h",
    channels: tuple[str, ...] = ("console",),
) -> DeadlineDraft:
    due = Due(at=wall_time(datetime.fromisoformat(when), zone), timezone=zone)
    return DeadlineDraft(
        title=title,
        due=due,
        leads=parse_leads(leads),
        channels=channels,
        kind="expiry",
        tags=["trade", "china"],
    )


def pending(store: Store, deadline_id: int) -> list[tuple[str, str, datetime]]:
    return [
        (a.lead, a.channel, a.fire_at)
        for a in store.alerts(deadline_id=deadline_id, states=[AlertState.PENDING])
    ]


@freeze_time(NOW)
def test_add_plans_one_alert_per_lead_and_channel(store: Store) -> None:
    deadline = store.add_deadline(draft(channels=("email", "team")))
    assert deadline.id is not None
    assert deadline.due_at == datetime(2026, 12, 10, 16, 0, tzinfo=UTC)
    assert pending(store, deadline.id) == [
        ("1w", "email", datetime(2026, 12, 3, 16, 0, tzinfo=UTC)),
        ("1w", "team", datetime(2026, 12, 3, 16, 0, tzinfo=UTC)),
        ("1d", "email", datetime(2026, 12, 9, 16, 0, tzinfo=UTC)),
        ("1d", "team", datetime(2026, 12, 9, 16, 0, tzinfo=UTC)),
        ("1h", "email", datetime(2026, 12, 10, 15, 0, tzinfo=UTC)),
        ("1h", "team", datetime(2026, 12, 10, 15, 0, tzinfo=UTC)),
    ]
    stored = store.get_deadline(deadline.id)
    assert stored.due_at.tzinfo is UTC
    assert stored.tags == ["china", "trade"]
    assert stored.version == 1


@freeze_time(NOW)
def test_the_same_alert_cannot_exist_twice(store: Store) -> None:
    deadline = store.add_deadline(draft())
    alert = store.alerts(deadline_id=deadline.id)[0]
    with pytest.raises(IntegrityError), store.write() as session:
        session.add(
            Alert(
                deadline_id=alert.deadline_id,
                kind=alert.kind,
                lead=alert.lead,
                channel=alert.channel,
                fire_at=alert.fire_at,
                next_try_at=alert.fire_at,
                created_at=utcnow(),
                updated_at=utcnow(),
            )
        )


def test_edit_replans_records_history_and_announces_the_move(store: Store) -> None:
    with freeze_time(NOW):
        deadline = store.add_deadline(draft())
    assert deadline.id is not None
    serial = store.change_serial()
    new_due = Due(
        at=wall_time(datetime(2026, 12, 12, 17, 0), "Europe/Berlin"), timezone="Europe/Berlin"
    )
    with freeze_time("2026-11-27T08:00:00Z"):
        edited = store.edit_deadline(deadline.id, DeadlineChanges(due=new_due, title="Truce ends"))
    assert edited.version == 2
    assert store.change_serial() > serial
    assert [lead for lead, _, _ in pending(store, deadline.id)] == ["moved", "1w", "1d", "1h"]
    states = [
        (a.lead, a.state)
        for a in store.alerts(deadline_id=deadline.id)
        if a.fire_at < datetime(2026, 12, 11, tzinfo=UTC) and a.kind == AlertKind.REMINDER
    ]
    assert ("1w", AlertState.CANCELLED) in states
    view = store.view(deadline.id)
    assert [h.action for h in view.history] == ["created", "edited"]
    assert view.history[1].changes["title"] == ["Truce expires", "Truce ends"]
    assert set(view.history[1].changes) == {"title", "due"}


@freeze_time(NOW)
def test_an_edit_that_changes_nothing_keeps_the_version(store: Store) -> None:
    deadline = store.add_deadline(draft())
    assert deadline.id is not None
    same = store.edit_deadline(deadline.id, DeadlineChanges(title="Truce expires"))
    assert same.version == 1
    assert len(store.view(deadline.id).history) == 1


@freeze_time(NOW)
def test_changing_leads_keeps_matching_alerts_and_cancels_the_rest(store: Store) -> None:
    deadline = store.add_deadline(draft())
    assert deadline.id is not None
    before = {a.lead: a.id for a in store.alerts(deadline_id=deadline.id)}
    store.edit_deadline(deadline.id, DeadlineChanges(leads=parse_leads("1d,30m")))
    after = {a.lead: (a.id, a.state) for a in store.alerts(deadline_id=deadline.id)}
    assert after["1d"] == (before["1d"], AlertState.PENDING)  # same row, untouched
    assert after["1w"][1] == AlertState.CANCELLED
    assert after["1h"][1] == AlertState.CANCELLED
    assert after["30m"][1] == AlertState.PENDING


@freeze_time(NOW)
def test_done_cancels_pending_alerts_and_reopen_replans(store: Store) -> None:
    deadline = store.add_deadline(draft())
    assert deadline.id is not None
    store.set_status(deadline.id, DeadlineStatus.DONE)
    assert pending(store, deadline.id) == []
    assert store.get_deadline(deadline.id).status == DeadlineStatus.DONE
    store.set_status(deadline.id, DeadlineStatus.ACTIVE)
    assert len(pending(store, deadline.id)) == 3
    actions = [h.action for h in store.view(deadline.id).history]
    assert actions == ["created", "done", "reopened"]


@freeze_time(NOW)
def test_cancel_cancels_pending_alerts(store: Store) -> None:
    deadline = store.add_deadline(draft())
    assert deadline.id is not None
    store.set_status(deadline.id, DeadlineStatus.CANCELLED)
    states = {a.state for a in store.alerts(deadline_id=deadline.id)}
    assert states == {AlertState.CANCELLED}


@freeze_time(NOW)
def test_remove_deletes_the_deadline_and_its_rows(store: Store) -> None:
    deadline = store.add_deadline(draft())
    assert deadline.id is not None
    store.remove_deadline(deadline.id)
    with pytest.raises(NotFoundError, match=f"no deadline with id {deadline.id}"):
        store.get_deadline(deadline.id)
    assert store.alerts(deadline_id=deadline.id) == []


@freeze_time(NOW)
def test_list_upcoming_past_and_tags(store: Store) -> None:
    soon = store.add_deadline(draft("Soon", "2026-11-28T10:00"))
    later = store.add_deadline(draft("Later", "2027-01-05T10:00"))
    gone = store.add_deadline(draft("Gone", "2026-11-01T10:00"))
    other = store.add_deadline(
        DeadlineDraft(
            title="Untagged",
            due=Due.for_date(datetime(2026, 11, 26).date(), "UTC"),
            leads=[],
            channels=["console"],
        )
    )
    upcoming = [d.title for d in store.list_deadlines()]
    assert upcoming == ["Untagged", "Soon", "Later"]  # all-day today is still upcoming
    assert [d.title for d in store.list_deadlines(upcoming=False, past=True)] == ["Gone"]
    assert [d.title for d in store.list_deadlines(tag="trade")] == ["Soon", "Later"]
    assert soon.id and later.id and gone.id and other.id


def test_a_failed_write_changes_nothing(store: Store) -> None:
    with freeze_time(NOW):
        with pytest.raises(RuntimeError), store.write() as session:
            store.add_deadline(draft(), session)
            raise RuntimeError("boom after the insert")
        assert store.list_deadlines(upcoming=True, past=True, statuses=()) == []
        assert store.alerts() == []


def test_open_creates_the_schema_once_even_when_two_processes_race(db_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            open_engine(db_url).dispose()
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = Store(open_engine(db_url))
    with freeze_time(NOW):
        assert store.add_deadline(draft()).id == 1
    store.close()


def test_next_wakeup_is_the_soonest_pending_alert(store: Store) -> None:
    from watcher.store.queue import next_wakeup

    def next_fire_time() -> datetime | None:
        with store.session() as session:
            return next_wakeup(session)

    with freeze_time(NOW):
        assert next_fire_time() is None
        store.add_deadline(draft(when="2026-12-10T17:00"))
        store.add_deadline(draft(title="Earlier", when="2026-11-27T17:00"))
    # "Earlier" is due Nov 27 17:00 Berlin (16:00 UTC); its 1d alert is the soonest.
    assert next_fire_time() == datetime(2026, 11, 26, 16, 0, tzinfo=UTC)


def test_a_snoozed_alert_stays_snoozed_when_the_deadline_is_edited(store: Store) -> None:
    from watcher.store import queue

    with freeze_time(NOW):
        deadline = store.add_deadline(draft())
        assert deadline.id is not None
        first = store.alerts(deadline_id=deadline.id)[0]
        with store.write() as session:
            alert = session.get(Alert, first.id)
            assert alert is not None
            queue.snooze(
                session,
                alert,
                now=utcnow(),
                label="2h",
                until=first.fire_at
                + (datetime(2026, 1, 1, 2, tzinfo=UTC) - datetime(2026, 1, 1, tzinfo=UTC)),
            )
        store.edit_deadline(deadline.id, DeadlineChanges(title="Truce ends", notes="re-read"))
        rows = {(a.kind, a.lead): a.state for a in store.alerts(deadline_id=deadline.id)}
    assert rows[(AlertKind.REMINDER, "1w")] == AlertState.CANCELLED
    assert rows[(AlertKind.SNOOZE, "2h")] == AlertState.PENDING
    assert rows[(AlertKind.REMINDER, "1d")] == AlertState.PENDING
