"""`watcher list` on a big store: time to the first screen, a full JSON dump, and memory.

Fills a fresh store with N alerts (4 per deadline: N/4 deadlines spread from six months
ago to six months ahead, one in ten all-day in one of several zones, one in seven tagged
"trade", one in twenty done) with Core bulk inserts, then runs the real CLI as a
subprocess and prints, for each command, its wall time, its CPU time (user + system: what
the machine's load does not change) and the peak RSS of that one process, all measured by
GNU time (/usr/bin/time); the terminal cases are the median of --runs runs:

- `watcher list` on a terminal (a pseudo-terminal of 24 rows: the default screenful),
- `watcher list --tag trade` on a terminal, and `watcher list --after ID --limit 20`
  from the middle of the list (a deep page),
- `watcher list --all --json` of every deadline to a file (then checked to be one valid
  JSON array with every row), and the `watcher list --all` table to a pipe.

First it times the store's page queries alone, in this process (what the size of the
store could change), then the commands (which add the interpreter's start-up, ~0.7 s of
CPU here). Several sizes in one run show whether memory grows with the store; the default, 100,000
and 1,000,000 alerts, takes a few minutes on SQLite. With WATCHER_TEST_PG_URL set
(postgresql+psycopg://watcher:watcher@127.0.0.1:5432/watcher_test) the same runs on
PostgreSQL too, each size in a database of its own, dropped afterwards.

    python bench/list_scale.py [--alerts 100000 1000000] [--runs 3] [--no-pg]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url
from store_scale import reminder_row

from watcher.core.planning import Due
from watcher.store.database import open_engine
from watcher.store.models import Alert, Deadline

BATCH = 20_000
ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Pacific/Kiritimati", "UTC"]
LEADS = (("1w", timedelta(days=7)), ("1d", timedelta(days=1)), ("1h", timedelta(hours=1)))


def deadline_row(i: int, count: int, now: datetime) -> dict[str, object]:
    due_at = now + timedelta(minutes=i * 525_600 // count - 262_800)
    all_day = i % 10 == 3
    zone = ZONES[i % len(ZONES)] if all_day else "UTC"
    if all_day:
        due_at = Due.for_date(Due(at=due_at, timezone=zone).local_date, zone).at
    return {
        "title": f"Deadline {i}: " + "consultation closes " * (i % 4),
        "due_at": due_at,
        "timezone": zone,
        "all_day": all_day,
        "kind": "deadline",
        "tags": ["trade"] if i % 7 == 0 else [],
        "status": "done" if i % 20 == 0 else "active",
        "notes": "",
        "leads": ["1w", "1d", "1h", "0"],
        "channels": ["console"],
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def fill(url: str, alerts: int, now: datetime) -> tuple[int, float]:
    """N alerts over N/4 deadlines; returns the deadline count and the seconds it took."""
    start = time.perf_counter()
    engine = open_engine(url)
    count = alerts // 4
    with engine.begin() as connection:
        for first in range(0, count, BATCH):
            rows = [deadline_row(i, count, now) for i in range(first, min(count, first + BATCH))]
            connection.execute(insert(Deadline), rows)
            batch = []
            for offset, row in enumerate(rows):
                due_at = row["due_at"]
                assert isinstance(due_at, datetime)
                for lead, delta in (*LEADS, ("0", timedelta(0))):
                    batch.append(reminder_row(first + offset + 1, lead, due_at - delta, now))
            connection.execute(insert(Alert), batch)
    engine.dispose()
    return count, time.perf_counter() - start


def run(command: list[str], *, terminal: bool, output: Path) -> tuple[float, float, float, bytes]:
    """Run ``command`` (on a pseudo-terminal, or with stdout to ``output``); its wall and
    CPU seconds, peak RSS in MiB and what reached the terminal (stderr without one).

    The RSS comes from GNU time, a small C program: measured from this process, a child
    would count the pages it shares with this big one at fork."""
    env = {k: v for k, v in os.environ.items() if k not in ("LINES", "COLUMNS")}
    report = output.with_suffix(".time")
    command = ["/usr/bin/time", "-f", "%U %S %M", "-o", str(report), *command]
    start = time.perf_counter()
    if terminal:
        main, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary, env=env
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # EIO: the terminal's other side closed
                break
            if not data:
                break
            chunks.append(data)
        os.close(main)
        printed = b"".join(chunks)
        proc.wait()
    else:
        with output.open("wb") as sink:
            done = subprocess.run(
                command, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.PIPE, env=env
            )
        printed, proc = done.stderr, done  # type: ignore[assignment]
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {printed[-500:]!r}")
    user, system, rss = report.read_text().split()[-3:]
    return seconds, float(user) + float(system), int(rss) / 1024, printed


def measure(url: str, alerts: int, workdir: Path, runs: int) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    count, filled = fill(url, alerts, now)
    backend = make_url(url).get_backend_name()
    print(f"\n{backend}: {alerts:,} alerts, {count:,} deadlines (filled in {filled:.0f} s)")
    watcher = [sys.executable, "-m", "watcher", "--db", url]
    middle = count // 2 + 1
    cases: list[tuple[str, list[str], bool]] = [
        ("list (first screen, terminal)", ["list"], True),
        ("list --tag trade (terminal)", ["list", "--tag", "trade"], True),
        (
            f"list --after {middle} --limit 20",
            ["list", "--after", str(middle), "--limit", "20"],
            True,
        ),
        ("list --all --json > file", ["list", "--all", "--json"], False),
        ("list --all > file (table)", ["list", "--all"], False),
    ]
    print(
        f"  the store's page queries alone (median of 20, in this process): {queries(url, middle)}"
    )
    for label, args, terminal in cases:
        out = workdir / "out"
        results = [
            run([*watcher, *args], terminal=terminal, output=out)
            for _ in range(runs if terminal else 1)
        ]
        seconds = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        rss = max(r[2] for r in results)
        printed = results[-1][3]
        if terminal:
            detail = f"{printed.count(b'#')} rows shown"
        elif "--json" in args:
            with out.open("rb") as handle:
                rows = json.load(handle)
            assert len(rows) == count and set(rows[0]) >= {"id", "title", "due", "tags"}
            detail = f"{len(rows):,} rows, valid JSON, {out.stat().st_size / 2**20:.0f} MiB"
        else:
            detail = f"{sum(1 for _ in out.open('rb')) - 1:,} rows"
        print(
            f"  {label:32s} {seconds:6.2f} s, CPU {cpu:6.2f} s, peak RSS {rss:5.1f} MiB ({detail})"
        )


def queries(url: str, middle: int) -> str:
    """How long the first screen's, a tag's and a deep page's query take, without the
    interpreter's start-up that dominates a command's time."""
    from watcher.clock import utcnow
    from watcher.store.listing import DeadlineQuery
    from watcher.store.repository import Store

    store = Store(open_engine(url))
    timings = []
    for query in (
        DeadlineQuery(limit=22),
        DeadlineQuery(tag="trade", limit=22),
        DeadlineQuery(after=middle, limit=21),
    ):
        samples = []
        for _ in range(20):
            start = time.perf_counter()
            with store.reader(utcnow()) as reader:
                rows = list(reader.deadlines(query))
            samples.append(time.perf_counter() - start)
        assert len(rows) == query.limit
        timings.append(f"{statistics.median(samples) * 1000:.1f} ms")
    store.close()
    return "first screen {}, --tag {}, deep page {}".format(*timings)


@contextmanager
def pg_database(admin_url: str) -> Iterator[str]:
    name = f"watcher_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--alerts", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each terminal case")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only, even with a server")
    args = parser.parse_args()
    pg = None if args.no_pg else os.environ.get("WATCHER_TEST_PG_URL")
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    for alerts in args.alerts:
        with tempfile.TemporaryDirectory() as tmp:
            measure(f"sqlite:///{Path(tmp) / 'list.db'}", alerts, Path(tmp), args.runs)
            if pg:
                with pg_database(pg) as url:
                    measure(url, alerts, Path(tmp), args.runs)
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
