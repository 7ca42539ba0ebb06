"""The alert store at scale: do the daemon's hot queries stay fast with millions of rows?

Fills a fresh database with N alerts (most of them sent history, the rest pending over the
next year, as a long-lived installation would look), then times the queries a daemon runs
on every wake-up: the next fire time, and a claim pass when nothing is due and when 100
alerts are due. Prints each figure and the process's peak memory.

    python bench/store_scale.py [--alerts 1000000] [--db URL]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from watcher.store.database import open_engine
from watcher.store.models import Alert, Deadline
from watcher.store.queue import claim_due, next_wakeup
from watcher.store.repository import Store

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
BATCH = 20_000


def reminder_row(deadline_id: int, lead: str, fire: datetime, now: datetime) -> dict[str, object]:
    """One reminder alert row for a bulk insert: sent if its time has passed, else pending."""
    sent = fire <= now
    return {
        "deadline_id": deadline_id,
        "kind": "reminder",
        "lead": lead,
        "channel": "console",
        "fire_at": fire,
        "next_try_at": fire,
        "state": "sent" if sent else "pending",
        "attempts": 1 if sent else 0,
        "sent_at": fire if sent else None,
        "late": False,
        "created_at": now,
        "updated_at": now,
    }


def due_of(index: int, deadlines: int) -> datetime:
    """Deadlines spread evenly from six months ago to six months ahead."""
    return NOW + timedelta(minutes=index * 525_600 // deadlines - 262_800)


def fill(store: Store, alerts: int) -> float:
    """Insert ``alerts`` rows (4 per deadline); returns the seconds it took."""
    start = time.perf_counter()
    deadlines = alerts // 4
    with store.write() as session:
        rows = [
            {
                "title": f"Deadline {i}",
                "due_at": due_of(i, deadlines),
                "timezone": "UTC",
                "all_day": False,
                "kind": "deadline",
                "tags": [],
                "status": "active",
                "notes": "",
                "leads": ["1w", "1d", "1h", "0"],
                "channels": ["console"],
                "created_at": NOW,
                "updated_at": NOW,
                "version": 1,
            }
            for i in range(deadlines)
        ]
        for chunk in range(0, len(rows), BATCH):
            session.execute(insert(Deadline), rows[chunk : chunk + BATCH])
    with store.write() as session:
        batch = []
        for i in range(deadlines):
            due = due_of(i, deadlines)
            for lead, delta in (
                ("1w", timedelta(days=7)),
                ("1d", timedelta(days=1)),
                ("1h", timedelta(hours=1)),
                ("0", timedelta(0)),
            ):
                batch.append(reminder_row(i + 1, lead, due - delta, NOW))
            if len(batch) >= BATCH:
                session.execute(insert(Alert), batch)
                batch = []
        if batch:
            session.execute(insert(Alert), batch)
    return time.perf_counter() - start


def timed(action: Callable[[], object], runs: int = 20) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def wakeup(store: Store) -> datetime | None:
    """The query the daemon runs to arm its single wake-up job."""
    with store.session() as session:
        return next_wakeup(session)


def claim(store: Store, now: datetime, limit: int = 100) -> int:
    """One claim pass, rolled back so every run sees the same rows."""
    with store.session() as session:
        if store.dialect == "sqlite":
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        ids = claim_due(
            session,
            worker="bench",
            now=now,
            lease_until=now + timedelta(minutes=1),
            late_cutoff=now - timedelta(minutes=1),
            limit=limit,
        )
        session.rollback()
        return len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL [default: a temporary SQLite file]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'scale.db'}"
        store = Store(open_engine(url), clock=lambda: NOW)
        seconds = fill(store, args.alerts)
        print(f"alerts: {args.alerts:,} ({store.dialect}); filled in {seconds:.1f} s")
        print(f"next_wakeup()               {timed(lambda: wakeup(store)):8.2f} ms")
        print(f"claim pass, nothing due     {timed(lambda: claim(store, NOW)):8.2f} ms")
        later = NOW + timedelta(hours=6)
        due = claim(store, later)
        print(f"claim pass, {due:3d} due        {timed(lambda: claim(store, later)):8.2f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process    {peak:8.1f} MB (includes building the fill batches)")
        store.close()


if __name__ == "__main__":
    main()
