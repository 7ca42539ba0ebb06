"""Do many `watcher add` at once succeed while the daemon is busy writing?

Starts `watcher run` on a SQLite file with a backlog of due alerts (so the daemon keeps
writing), then runs N `watcher add` processes at the same time and counts how many
succeeded, how many said "busy, try again", and any other error (one line each).

    python bench/parallel_add.py [--adds 100] [--backlog 2000]
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--adds", type=int, default=100)
    parser.add_argument("--backlog", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            XDG_CONFIG_HOME=f"{tmp}/config",
            XDG_DATA_HOME=f"{tmp}/data",
            PYTHONUNBUFFERED="1",
        )
        db = f"sqlite:///{Path(tmp) / 'adds.db'}"
        watcher = [sys.executable, "-m", "watcher", "--db", db]
        subprocess.run([*watcher, "db", "upgrade"], env=env, check=True, capture_output=True)
        _backlog(db, args.backlog)
        daemon = subprocess.Popen(
            [*watcher, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(1.0)
        started = time.perf_counter()
        procs = [
            subprocess.Popen(
                [*watcher, "add", f"parallel {n}", "in 3 days", "--lead", "1d,1h"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(args.adds)
        ]
        outcomes: collections.Counter[str] = collections.Counter()
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            if proc.returncode == 0:
                outcomes["ok"] += 1
            else:
                outcomes[err.strip().splitlines()[-1] if err.strip() else "no output"] += 1
        elapsed = time.perf_counter() - started
        daemon.terminate()
        daemon.wait(timeout=60)
    print(f"{args.adds} parallel `watcher add` with the daemon draining {args.backlog} alerts:")
    print(f"  succeeded: {outcomes.pop('ok', 0)} in {elapsed:.1f} s")
    for line, count in outcomes.most_common():
        print(f"  {count} x {line}")


def _backlog(db: str, count: int) -> None:
    """``count`` alerts due now on the console channel, written in one transaction."""
    from datetime import UTC, datetime, timedelta

    from watcher.core.leads import parse_leads
    from watcher.core.planning import Due
    from watcher.store.database import open_engine
    from watcher.store.repository import DeadlineDraft, Store

    now = datetime.now(UTC)
    store = Store(open_engine(db), clock=lambda: now - timedelta(seconds=2))
    with store.write() as session:
        for n in range(count):
            store.add_deadline(
                DeadlineDraft(
                    title=f"backlog {n}",
                    due=Due(at=now + timedelta(days=1), timezone="UTC"),
                    leads=parse_leads("1d"),
                    channels=["console"],
                ),
                session,
            )
    store.close()


if __name__ == "__main__":
    main()
