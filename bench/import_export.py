"""How long `watcher import` and `watcher export` take for many deadlines.

Writes a watcher JSON document of N deadlines (3 lead times each, half with a history and
alerts as an export carries them), then times `watcher import` into a fresh SQLite store
and `watcher export` of it, each as a real subprocess, and prints deadlines per second.

    python bench/import_export.py [--count 20000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def document(count: int) -> dict[str, object]:
    start = datetime(2027, 1, 1, 9, tzinfo=UTC)
    records = []
    for number in range(1, count + 1):
        due = start + timedelta(hours=number)
        records.append(
            {
                "id": number,
                "title": f"Deadline number {number}",
                "due": due.isoformat(),
                "timezone": "Europe/Berlin",
                "all_day": False,
                "kind": "deadline",
                "tags": ["bench"],
                "status": "active",
                "channels": ["console"],
                "leads": ["1w", "1d", "1h"],
                "notes": "",
                "version": 1,
                "created_at": start.isoformat(),
                "updated_at": start.isoformat(),
            }
        )
    return {"format": "watcher-export", "version": 1, "deadlines": records, "sources": []}


def timed(args: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20000)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.json"
        source.write_text(json.dumps(document(count)))
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        watcher = [sys.executable, "-m", "watcher", "--db", db]
        subprocess.run([*watcher, "list"], check=True, capture_output=True)  # schema first
        imported = timed([*watcher, "import", str(source)])
        exported = timed([*watcher, "export", "-o", str(Path(tmp) / "out.json")])
    print(f"import of {count} deadlines: {imported:.1f} s ({count / imported:.0f}/s)")
    print(f"export of {count} deadlines: {exported:.1f} s ({count / exported:.0f}/s)")


if __name__ == "__main__":
    main()
