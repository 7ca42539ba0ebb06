"""How late after its fire time does an alert reach its channel?

Starts `watcher run` as a real process (zero configuration: the console channel prints
each alert to standard output), then adds deadlines with `watcher add` from other
processes while it runs, each alerting at the deadline itself a few seconds ahead. Every
"ALERT" line the daemon prints is timestamped as it arrives; the script prints the median
and maximum of (arrival - fire time).

    python bench/delivery_latency.py [--alerts 10]
"""

from __future__ import annotations

import argparse
import os
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            XDG_CONFIG_HOME=f"{tmp}/config",
            XDG_DATA_HOME=f"{tmp}/data",
            PYTHONUNBUFFERED="1",
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
            for line in daemon.stdout:
                if line.startswith("ALERT") and "latency-" in line:
                    name = line.split("latency-")[1].split()[0]
                    arrivals[name] = datetime.now(UTC)

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
