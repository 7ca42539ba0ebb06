"""Lists filtered, ordered and paged in SQL give what the Python definition gives.

Upcoming means "not over yet" (``due_of(d).end > now``: an all-day deadline lasts until
the next local midnight of its own zone). The SQL has to agree with that for every zone,
all-day or not, on DST days and right at the boundaries, on both backends.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from watcher.core.planning import Due
from watcher.errors import NotFoundError
from watcher.store.database import open_engine
from watcher.store.listing import DeadlineQuery, select_deadlines
from watcher.store.models import Deadline
from watcher.store.repository import Store, due_of

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/St_Johns",  # -03:30
    "Pacific/Kiritimati",  # +14
    "Pacific/Pago_Pago",  # -11
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Asia/Kolkata",
    "America/Santiago",  # DST changes at midnight
]
NOWS = [
    datetime(2026, 11, 26, 12, 0, tzinfo=UTC),
    datetime(2026, 11, 26, 0, 0, tzinfo=UTC),
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # Europe's spring-forward night
    datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # New York's fall-back night
    datetime(2026, 9, 6, 4, 0, tzinfo=UTC),  # Santiago's spring-forward midnight
    datetime(2026, 4, 5, 2, 59, 59, tzinfo=UTC),
]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(open_engine(db_url))
    yield store
    store.close()


def fill(store: Store, around: datetime, count: int, seed: int) -> None:
    """``count`` deadlines due within three days of ``around``: all-day or timed, in
    every zone, some done, some tagged, some at the same instant."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        zone = rng.choice(ZONES)
        if rng.random() < 0.5:
            day = (around + timedelta(days=rng.randint(-3, 3))).date()
            due = Due.for_date(day, zone)
        else:
            step = rng.choice([0, 0, 1, 59, 3600, 7200])
            due = Due(
                at=around + timedelta(seconds=rng.randint(-200_000, 200_000) // 60 * step),
                timezone=zone,
            )
        rows.append(
            {
                "title": f"D{i}",
                "due_at": due.at,
                "timezone": zone,
                "all_day": due.all_day,
                "kind": "deadline",
                "tags": rng.choice([[], ["trade"], ["trade", "x"], ["tradex"], ['a"b', "ü"]]),
                "status": rng.choice(["active"] * 4 + ["done", "cancelled"]),
                "notes": "",
                "leads": [],
                "channels": ["console"],
                "created_at": around,
                "updated_at": around,
                "version": 1,
            }
        )
    with store.write() as session:
        session.execute(insert(Deadline), rows)


def expected(
    store: Store,
    now: datetime,
    *,
    upcoming: bool,
    past: bool,
    statuses: tuple[str, ...] = ("active",),
    tag: str | None = None,
) -> list[int]:
    """The Python definition, over every row."""
    every = store.list_deadlines(upcoming=True, past=True, statuses=(), now=now)
    chosen = [
        d
        for d in every
        if (not statuses or d.status in statuses)
        and (tag is None or tag in d.tags)
        and ((due_of(d).end > now and upcoming) or (due_of(d).end <= now and past))
    ]
    chosen.sort(key=lambda d: (d.due_at, d.id or 0), reverse=past and not upcoming)
    return [d.id or 0 for d in chosen]


def ids(store: Store, now: datetime, **query: object) -> list[int]:
    with store.reader(now) as reader:
        return [d.id or 0 for d in reader.deadlines(DeadlineQuery(**query))]  # type: ignore[arg-type]


@pytest.mark.parametrize("now", NOWS, ids=lambda n: n.isoformat())
def test_upcoming_and_past_match_the_definition(store: Store, now: datetime) -> None:
    fill(store, now, 300, seed=now.toordinal())
    for statuses in [("active",), ()]:
        for tag in [None, "trade", 'a"b', "ü", "tra"]:
            for upcoming, past in [(True, False), (False, True), (True, True)]:
                want = expected(
                    store, now, upcoming=upcoming, past=past, statuses=statuses, tag=tag
                )
                got = ids(store, now, upcoming=upcoming, past=past, statuses=statuses, tag=tag)
                assert got == want, (statuses, tag, upcoming, past)
                if tag is None and statuses == ("active",) and not (upcoming and past):
                    legacy = store.list_deadlines(upcoming=upcoming, past=past, now=now)
                    assert [d.id for d in legacy] == want


def test_an_all_day_deadline_lasts_until_its_own_midnight(store: Store) -> None:
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        with store.write() as session:
            due = Due.for_date(datetime(2026, 11, 26).date(), zone)
            session.add(
                Deadline(
                    title=zone,
                    due_at=due.at,
                    timezone=zone,
                    all_day=True,
                    created_at=due.at,
                    updated_at=due.at,
                )
            )
    kiritimati_end = Due.for_date(datetime(2026, 11, 26).date(), "Pacific/Kiritimati").end
    pago_end = Due.for_date(datetime(2026, 11, 26).date(), "Pacific/Pago_Pago").end
    titles = lambda now: [d.title for d in store.list_deadlines(now=now)]  # noqa: E731
    assert titles(kiritimati_end - timedelta(seconds=1)) == [
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
    ]
    assert titles(kiritimati_end) == ["Pacific/Pago_Pago"]
    assert titles(pago_end - timedelta(seconds=1)) == ["Pacific/Pago_Pago"]
    assert titles(pago_end) == []


@pytest.mark.parametrize(("upcoming", "past"), [(True, False), (False, True), (True, True)])
def test_pages_after_an_id_cover_the_list_once_in_order(
    store: Store, upcoming: bool, past: bool
) -> None:
    now = NOWS[0]
    fill(store, now, 120, seed=7)
    whole = ids(store, now, upcoming=upcoming, past=past, statuses=())
    assert len(whole) > 20
    for size in (1, 7, 50):
        seen: list[int] = []
        after = None
        while True:
            page = ids(
                store, now, upcoming=upcoming, past=past, statuses=(), limit=size, after=after
            )
            assert len(page) <= size
            seen += page
            if len(page) < size:
                break
            after = page[-1]
        assert seen == whole


def test_ties_on_the_due_instant_page_by_id(store: Store) -> None:
    now = NOWS[0]
    at = now + timedelta(days=1)
    with store.write() as session:
        for i in range(5):
            session.add(
                Deadline(title=f"T{i}", due_at=at, timezone="UTC", created_at=now, updated_at=now)
            )
    assert ids(store, now, limit=2) == [1, 2]
    assert ids(store, now, limit=2, after=2) == [3, 4]
    assert ids(store, now, after=4) == [5]
    assert ids(store, now, past=True, upcoming=False, statuses=()) == []


def test_limit_zero_is_nothing_and_an_unknown_after_is_an_error(store: Store) -> None:
    now = NOWS[0]
    fill(store, now, 10, seed=1)
    assert ids(store, now, limit=0) == []
    with pytest.raises(NotFoundError, match="no deadline with id 999"):
        ids(store, now, after=999)
    with pytest.raises(NotFoundError):
        ids(store, now, after=2**70)


def test_count_ignores_the_page(store: Store) -> None:
    now = NOWS[0]
    fill(store, now, 60, seed=3)
    with store.reader(now) as reader:
        assert reader.count(DeadlineQuery(upcoming=False, past=True)) == len(
            expected(store, now, upcoming=False, past=True)
        )
        assert reader.count(DeadlineQuery(tag="trade", limit=1, after=1)) == len(
            expected(store, now, upcoming=True, past=False, tag="trade")
        )


def test_rows_stream_in_batches(store: Store) -> None:
    from watcher.store.listing import iter_deadlines

    now = NOWS[0]
    fill(store, now, 25, seed=5)
    with store.session() as session:
        streamed = [
            d.id
            for d in iter_deadlines(
                session, DeadlineQuery(upcoming=True, past=True, statuses=()), now, batch=3
            )
        ]
    assert streamed == ids(store, now, upcoming=True, past=True, statuses=())
    assert len(streamed) == 25


@pytest.mark.parametrize(
    "query",
    [
        DeadlineQuery(limit=20),
        DeadlineQuery(upcoming=False, past=True, limit=20),
        DeadlineQuery(tag="trade", limit=20),
        DeadlineQuery(upcoming=True, past=True, statuses=(), limit=20),
    ],
    ids=["upcoming", "past", "tag", "all"],
)
def test_sqlite_reads_a_page_in_due_at_order_without_sorting(
    sqlite_url: str, query: DeadlineQuery
) -> None:
    """A page walks the due_at index from ``now`` and stops: no sort of every row (SQLite
    has no statistics, so an equality on the status index would otherwise win)."""
    store = Store(open_engine(sqlite_url))
    try:
        fill(store, NOWS[0], 50, seed=2)
        with store.session() as session:
            statement = select_deadlines(session, query, NOWS[0]).limit(20)
            sql = str(statement.compile(store.engine, compile_kwargs={"literal_binds": True}))
            plan = " / ".join(
                str(row[-1])
                for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)
            )
    finally:
        store.close()
    assert "ix_deadlines_due_at" in plan
    assert "TEMP B-TREE" not in plan
