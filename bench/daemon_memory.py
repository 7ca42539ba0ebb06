"""Does the daemon's memory stay flat as the number of pending alerts grows?

Starts `watcher run` as a real process on a store holding N pending alerts (far in the
future, so nothing is sent), waits for it to settle, and reads its resident memory; does
this for a small and a large N in the same run and prints both and their ratio.

    python bench/daemon_memory.py [--small 10] [--large 200000] [--settle 6]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.store.database import open_engine
from watcher.store.models import Alert
from watcher.store.repository import DeadlineDraft, Store

FAR = datetime(2031, 1, 1, tzinfo=UTC)


def make_store(url: str, pending: int) -> None:
    store = Store(open_engine(url))
    deadline = store.add_deadline(
        DeadlineDraft(
            title="Far away",
            due=Due(at=FAR + timedelta(days=400), timezone="UTC"),
            leads=parse_leads("1d"),
            channels=["console"],
        )
    )
    now = datetime.now(UTC)
    rows = [
        {
            "deadline_id": deadline.id,
            "kind": "reminder",
            "lead": f"{i}s",
            "channel": "console",
            "fire_at": FAR + timedelta(seconds=i),
            "next_try_at": FAR + timedelta(seconds=i),
            "state": "pending",
            "attempts": 0,
            "late": False,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(pending)
    ]
    with store.write() as session:
        for start in range(0, len(rows), 10_000):
            session.execute(insert(Alert), rows[start : start + 10_000])
    store.close()


def daemon_rss(url: str, home: Path, settle: float) -> float:
    env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    process = subprocess.Popen(
        [sys.executable, "-m", "watcher", "--db", url, "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        time.sleep(settle)
        status = Path(f"/proc/{process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    finally:
        process.terminate()
        process.wait(timeout=30)
    return kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=200_000)
    parser.add_argument("--settle", type=float, default=6.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for count in (args.small, args.large):
            url = f"sqlite:///{Path(tmp) / f'mem{count}.db'}"
            make_store(url, count)
            results[count] = daemon_rss(url, Path(tmp), args.settle)
            print(f"{count:>9,} pending alerts: daemon RSS {results[count]:6.1f} MiB")
    ratio = results[args.large] / results[args.small]
    print(f"ratio large/small: {ratio:.2f} (flat memory means close to 1.0)")


if __name__ == "__main__":
    main()
