"""kill -9 during delivery: is anything lost or sent twice, and how late is what the killed
daemon held?

Plans N lead-0 alerts spread over a few minutes on a loopback JSON webhook, runs `watcher
run`, and every few seconds kills it with SIGKILL and starts it again at once. Prints how
many alerts arrived, how many twice, and lateness p50 / p99 / max (arrival - fire time;
negative: sent early with a group). A kill while a grouped message is in flight sends the
whole group again: compare ``--group-window 0``.

    python bench/kill_recovery.py [--alerts 2000] [--kills 100] [--every 1.5] [--db URL]
        [--group-window 5]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from burst import Webhook


def fill(db: str, count: int, start: datetime, spread: float) -> dict[str, float]:
    from sqlalchemy import insert

    from watcher.store.database import open_engine
    from watcher.store.models import Alert, Deadline
    from watcher.store.repository import Store

    store = Store(open_engine(db))
    now = datetime.now(UTC)
    fires = {f"kill-{n}": start + timedelta(seconds=spread * n / count) for n in range(count)}
    fires = {k: v.replace(microsecond=0) for k, v in fires.items()}
    with store.write() as session:
        ids = (
            session.execute(
                insert(Deadline).returning(Deadline.id),
                [
                    {
                        "title": title,
                        "due_at": at,
                        "timezone": "UTC",
                        "all_day": False,
                        "kind": "deadline",
                        "tags": [],
                        "status": "active",
                        "notes": "",
                        "leads": ["0"],
                        "channels": ["hook"],
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                    for title, at in fires.items()
                ],
            )
            .scalars()
            .all()
        )
        session.execute(
            insert(Alert),
            [
                {
                    "deadline_id": i,
                    "kind": "reminder",
                    "lead": "0",
                    "channel": "hook",
                    "fire_at": at,
                    "next_try_at": at,
                    "state": "pending",
                    "attempts": 0,
                    "late": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, at in zip(ids, fires.values(), strict=True)
            ],
        )
        store.bump_change_serial(session)
    store.close()
    return {title: at.timestamp() for title, at in fires.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--every", type=float, default=1.5, help="seconds between kills")
    parser.add_argument("--db", help="database URL [default: a temporary SQLite file]")
    parser.add_argument("--group-window", type=float, default=5, help="daemon.group_window (s)")
    args = parser.parse_args()
    hook = Webhook(0.0, re.compile(r"kill-\d+\b"))  # each alert a (grouped) message names
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{Path(tmp) / 'kill.db'}"
        env = dict(os.environ, XDG_CONFIG_HOME=f"{tmp}/cfg", XDG_DATA_HOME=f"{tmp}/data")
        config = Path(tmp) / "kill.toml"
        config.write_text(
            f'timezone = "UTC"\ndefault_channels = ["hook"]\n'
            f"[daemon]\ngroup_window = {args.group_window}\n"
            f'[channels.hook]\nurls = ["{hook.url}"]\n'
        )
        watcher = [sys.executable, "-m", "watcher", "--db", db, "--config", str(config)]
        subprocess.run([*watcher, "db", "upgrade"], env=env, check=True, capture_output=True)
        spread = args.kills * args.every
        start = datetime.now(UTC) + timedelta(seconds=10)
        fires = fill(db, args.alerts, start, spread)

        def launch() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [*watcher, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )

        daemon = launch()
        time.sleep(max(0.0, (start - datetime.now(UTC)).total_seconds()))
        for _ in range(args.kills):
            time.sleep(args.every)
            daemon.send_signal(signal.SIGKILL)
            daemon.wait()
            daemon = launch()
        give_up = time.monotonic() + 300
        while time.monotonic() < give_up:
            with hook.lock:
                if len({t for _, t in hook.arrivals}) >= args.alerts:
                    break
            time.sleep(0.2)
        time.sleep(2)
        daemon.terminate()
        daemon.wait(timeout=60)
    with hook.lock:
        arrivals = list(hook.arrivals)
    firsts: dict[str, float] = {}
    for at, title in sorted(arrivals):
        firsts.setdefault(title[title.rfind("kill-") :], at)
    late = sorted(at - fires[t] for t, at in firsts.items() if t in fires)
    dups = sum(n - 1 for n in Counter(t[t.rfind("kill-") :] for _, t in arrivals).values())
    store = db.split(":")[0]
    print(
        f"{args.kills} kill -9s during {args.alerts} alerts over {spread:.0f} s ({store}, "
        f"group_window {args.group_window:g} s):"
    )
    print(
        f"  delivered {len(firsts)}/{args.alerts}, lost {args.alerts - len(firsts)}, "
        f"duplicates {dups}"
    )
    if late:
        p99 = late[int(0.99 * (len(late) - 1))]
        print(
            f"  lateness p50 {statistics.median(late):.2f} s, p99 {p99:.2f} s, max {late[-1]:.2f} s"
        )


if __name__ == "__main__":
    main()
