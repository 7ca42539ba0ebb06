"""How fast the CLI starts, against a bare interpreter measured in the same run.

Prints the median wall time over N runs of `watcher --help`, `watcher list --help`, two
usage errors (an unknown option, a missing argument), `watcher list` on an empty store and
on a store with one deadline, and `python -c pass`; each as a ratio to bare Python. Then
which heavy modules each path imported: help and usage errors must import no database
layer (sqlalchemy, sqlmodel) nor pydantic; `list` must not import apprise, apscheduler,
alembic, trafilatura or icalendar.

    python bench/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "apprise", "apscheduler", "alembic")
HEAVY += ("trafilatura", "icalendar")


def timed(commands: list[list[str]], runs: int) -> list[float]:
    """The median wall time of each command; the runs take turns, so a change in the
    machine's load reaches every command alike."""
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, times in zip(commands, samples, strict=True):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def heavy_imports(args: list[str]) -> list[str]:
    code = (
        "import sys\nfrom watcher.cli.app import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(" + repr(HEAVY) + ")))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    return list(eval(out.stdout.strip().splitlines()[-1]))  # our own printed list literal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmp:
        empty = f"sqlite:///{Path(tmp) / 'empty.db'}"
        one = f"sqlite:///{Path(tmp) / 'one.db'}"
        run = [sys.executable, "-m", "watcher"]
        subprocess.run([*run, "--db", empty, "db", "upgrade"], check=True, capture_output=True)
        subprocess.run(
            [*run, "--db", one, "add", "Warm-up", "2031-01-01"], check=True, capture_output=True
        )
        cases = [
            ("watcher --help", ["--help"]),
            ("watcher list --help", ["list", "--help"]),
            ("watcher list --bogus (usage error)", ["list", "--bogus"]),
            ("watcher add (missing argument)", ["add"]),
            ("watcher list (empty store)", ["--db", empty, "list"]),
            ("watcher list (one deadline)", ["--db", one, "list"]),
        ]
        script = Path(sys.executable).with_name("watcher")
        if script.exists():  # what a user types, through the console script
            cases.insert(1, ("watcher --help (console script)", ["--help"]))
        commands = [[sys.executable, "-c", "pass"]]
        for label, argv in cases:
            commands.append([*([str(script)] if "console script" in label else run), *argv])
        bare, *medians = timed(commands, args.runs)
        print(f"{'python -c pass':36s} {bare * 1000:7.1f} ms (median of {args.runs})")
        for (label, argv), seconds in zip(cases, medians, strict=True):
            heavy = heavy_imports(argv)
            print(
                f"{label:36s} {seconds * 1000:7.1f} ms  ({seconds / bare:4.1f}x bare python)"
                f"  imports: {', '.join(heavy) or 'none of them'}"
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
