"""How late after its fire time does an alert reach its channel?

Starts `watcher run` as a real process (zero configuration: the console channel prints
each alert to standard output), then adds deadlines with `watcher add` from other
processes while it runs, each alerting at the deadline itself a few seconds ahead. Every
"ALERT" line the daemon prints is timestamped as it arrives; the script prints the median
and maximum of (arrival - fire time). The alerts are a second apart, so grouping
(``daemon.group_window``) would send most of them early with the first: it is off here
unless ``--group-window`` says otherwise (then a negative figure is an alert sent early).

    python bench/delivery_latency.py [--alerts 10] [--group-window 0]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=10)
    parser.add_argument("--group-window", type=float, default=0, help="daemon.group_window (s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            XDG_CONFIG_HOME=f"{tmp}/config",
            XDG_DATA_HOME=f"{tmp}/data",
            PYTHONUNBUFFERED="1",
        )
        (Path(tmp) / "config" / "watcher").mkdir(parents=True)
        (Path(tmp) / "config" / "watcher" / "watcher.toml").write_text(
            f"[daemon]\ngroup_window = {args.group_window}\n"
        )
        db = f"sqlite:///{Path(tmp) / 'latency.db'}"
        watcher = [sys.executable, "-m", "watcher", "--db", db]
        subprocess.run([*watcher, "db", "upgrade"], env=env, check=True, capture_output=True)
        daemon = subprocess.Popen(
            [*watcher, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        arrivals: dict[str, datetime] = {}

        def read() -> None:
            assert daemon.stdout is not None
            at = datetime.now(UTC)
            for line in daemon.stdout:
                if line.startswith("ALERT"):
                    at = datetime.now(UTC)
                if line.startswith(("ALERT", "    ")):  # a message's body lines follow it
                    for name in re.findall(r"latency-(\d+)\b", line):  # a group names several
                        arrivals.setdefault(name, at)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        fire_times = {}
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=5)
        for n in range(args.alerts):
            fire = start + timedelta(seconds=n)
            fire_times[str(n)] = fire
            subprocess.run(
                [*watcher, "add", f"latency-{n}", fire.isoformat(), "--lead", "0"],
                env=env,
                check=True,
                capture_output=True,
            )
        deadline = time.monotonic() + 5 + args.alerts + 10
        while len(arrivals) < args.alerts and time.monotonic() < deadline:
            time.sleep(0.1)
        daemon.terminate()
        daemon.wait(timeout=30)
    delays = [(arrivals[k] - fire_times[k]).total_seconds() for k in arrivals]
    print(f"alerts delivered: {len(delays)}/{args.alerts}")
    if delays:
        print(
            f"arrival - fire time: median {statistics.median(delays) * 1000:.0f} ms, "
            f"max {max(delays) * 1000:.0f} ms, min {min(delays) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
