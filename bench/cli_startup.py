"""How fast the CLI starts, against a bare interpreter measured in the same run.

Prints the median wall time of `watcher list` and `watcher --help` over N runs, the
same for `python -c pass`, their ratio, and whether apprise/apscheduler/alembic were
imported (they must not be on paths that do not send or schedule).

    python bench/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def heavy_imports(db: str) -> list[str]:
    code = (
        "import sys\nfrom watcher.cli.app import app\n"
        f"try:\n    app(['--db', {db!r}, 'list'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'apprise', 'apscheduler', 'alembic', 'trafilatura', 'icalendar'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return list(eval(out.stdout.strip().splitlines()[-1]))  # our own printed list literal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        watcher = [sys.executable, "-m", "watcher", "--db", db]
        subprocess.run([*watcher, "add", "Warm-up", "2031-01-01"], check=True, capture_output=True)
        bare = timed([sys.executable, "-c", "pass"], args.runs)
        listing = timed([*watcher, "list"], args.runs)
        helping = timed([*watcher, "--help"], args.runs)
        heavy = heavy_imports(db)
    print(f"python -c pass      {bare * 1000:7.1f} ms (median of {args.runs})")
    print(f"watcher --help      {helping * 1000:7.1f} ms  ({helping / bare:4.1f}x bare python)")
    print(f"watcher list        {listing * 1000:7.1f} ms  ({listing / bare:4.1f}x bare python)")
    print(f"heavy modules imported by `watcher list`: {heavy or 'none'}")


if __name__ == "__main__":
    main()
