"""The web face at scale: the calendar feed and the dashboard's first page with 10,000
deadlines, fetched over HTTP from uvicorn on loopback.

Fills a fresh database with N deadlines over the coming year (several zones, all-day and
timed, every kind, three lead times each), serves the app as `watcher serve` does, and
times GET /calendar/TOKEN.ics (right after an edit of one deadline, so the feed is
rendered again with the other events' text memoised; and unchanged, from the cache) and
GET / (the timeline picture of 12 weeks plus the first 50 rows). The feed is also split
into its query and its rendering (from nothing, and with the events memoised), in
process, with
the CPU time beside the wall time (the figures are noisy on a shared machine). Prints
each figure.

    python bench/web.py [--deadlines 10000] [--repeat 7] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from watcher.config import Config
from watcher.core.kinds import Kind
from watcher.store import web_queries
from watcher.store.database import open_engine
from watcher.store.models import Deadline
from watcher.store.repository import DeadlineChanges, Store
from watcher.web.app import create_app
from watcher.web.feed import forget_rendered, render_feed
from watcher.web.server import start_in_thread
from watcher.web.settings import HttpSettings

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ZONES = ("UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo")
KINDS = [k.value for k in Kind]


def fill(store: Store, count: int) -> None:
    rows = [
        {
            "title": f"Deadline {i}: a title of ordinary length, with a comma",
            "due_at": NOW + timedelta(minutes=i * 525_600 // count + 60),
            "timezone": ZONES[i % len(ZONES)],
            "all_day": i % 3 == 0,
            "kind": KINDS[i % len(KINDS)],
            "tags": ["policy"] if i % 2 else ["work", "tax"],
            "status": "cancelled" if i % 50 == 0 else "active",
            "notes": "" if i % 4 else "A note\nwith two lines",
            "leads": ["7d", "1d", "1h"],
            "channels": ["console"],
            "created_at": NOW,
            "updated_at": NOW,
            "version": 1 + i % 3,
        }
        for i in range(count)
    ]
    with store.write() as session:
        session.execute(insert(Deadline), rows)


@dataclass
class Timing:
    """Wall time of each run, and CPU time per run of this process (server thread included)."""

    wall: list[float]
    cpu: float
    result: object


def timed(fn: Callable[[], object], repeat: int) -> Timing:
    wall, result = [], None
    cpu = time.process_time()
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        wall.append(time.perf_counter() - start)
    return Timing(wall, (time.process_time() - cpu) / repeat, result)


def show(label: str, timing: Timing, extra: str = "") -> None:
    ms = [t * 1000 for t in timing.wall]
    print(
        f"{label:<44} median {statistics.median(ms):7.1f} ms  min {min(ms):7.1f}  "
        f"max {max(ms):7.1f}  cpu {timing.cpu * 1000:6.1f} ms/run{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", help="database URL [default: a fresh SQLite file]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(open_engine(url), clock=lambda: NOW)
        fill(store, args.deadlines)
        token = web_queries.feed_token(store)
        print(f"{args.deadlines} deadlines on {store.dialect}; {args.repeat} runs each")

        query = timed(lambda: web_queries.feed_deadlines(store), args.repeat)
        rows = query.result
        assert isinstance(rows, list)
        show("feed: query (in process)", query)

        def cold() -> bytes:
            forget_rendered()
            return render_feed(rows)

        show("feed: render, nothing memoised (in process)", timed(cold, args.repeat))
        show(
            "feed: render, events memoised (in process)",
            timed(lambda: render_feed(rows), args.repeat),
        )

        app = create_app(store, Config(timezone="UTC"), HttpSettings())
        server = start_in_thread(app, "127.0.0.1", 0, log_config=False)
        try:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                client.get("/")  # warm-up: templates compiled, pool connected

                wall, cpu = [], 0.0
                for n in range(args.repeat):  # one deadline edited between two polls
                    store.edit_deadline(1 + n, DeadlineChanges(title="Edited"))
                    started, cpu_started = time.perf_counter(), time.process_time()
                    response = client.get(f"/calendar/{token}.ics")
                    wall.append(time.perf_counter() - started)
                    cpu += time.process_time() - cpu_started
                fresh = Timing(wall, cpu / args.repeat, response)
                feed = fresh.result
                assert isinstance(feed, httpx.Response) and feed.status_code == 200
                events = feed.text.count("BEGIN:VEVENT")
                size = f"  {events} events, {len(feed.content) / 1e6:.1f} MB"
                show("GET /calendar/TOKEN.ics after an edit", fresh, size)
                cached = timed(lambda: client.get(f"/calendar/{token}.ics"), args.repeat)
                show("GET /calendar/TOKEN.ics unchanged (cached)", cached)
                first = timed(lambda: client.get("/"), args.repeat)
                page = first.result
                assert isinstance(page, httpx.Response) and page.status_code == 200
                marks = page.text.count("<circle") - 50  # minus the list's colour dots
                size = f"  {marks} marks in 12 weeks, {len(page.content) / 1e3:.0f} kB"
                show("GET / dashboard first page", first, size)
        finally:
            server.stop()
            store.close()


if __name__ == "__main__":
    main()
