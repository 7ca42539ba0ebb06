"""How long is the window in which a crash could make an alert go out twice?

An alert is at risk between the moment a channel accepted it and the commit that records
it as sent: a daemon killed in between leaves a claim that expires and is sent again. This
runs one `dispatch_due` pass over N due alerts with an in-process notifier that accepts
everything instantly, timestamps each accepted send and every database commit, and prints
the median, 99th percentile and maximum of (first commit after the send - the send).

(With grouping, ``--group-window``, one accepted send carries up to 20 alerts.)

    python bench/duplicate_window.py [--alerts 200] [--db URL] [--group-window 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from bisect import bisect_right
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from watcher.core.leads import parse_leads
from watcher.core.messages import Message
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.notify import Target, TargetResult
from watcher.store.database import open_engine
from watcher.store.repository import DeadlineDraft, Store

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


class InstantNotifier:
    """Accepts every message at once and notes when it did."""

    def __init__(self) -> None:
        self.accepted: list[float] = []

    def channel_names(self) -> list[str]:
        return ["console"]

    def targets(self, channel: str) -> list[Target]:
        return [Target(key="console", shown="bench://console")]

    def send(
        self, channel: str, message: Message, *, skip: Collection[str] = (), timeout: float = 30.0
    ) -> list[TargetResult]:
        self.accepted.append(time.perf_counter())
        return [TargetResult(self.targets(channel)[0])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=200)
    parser.add_argument("--db", help="database URL [default: a temporary SQLite file]")
    parser.add_argument("--group-window", type=float, default=5, help="daemon.group_window (s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'window.db'}"
        store = Store(open_engine(url), clock=lambda: T0)
        for n in range(args.alerts):
            store.add_deadline(
                DeadlineDraft(
                    title=f"Deadline {n}",
                    due=Due(at=T0 + timedelta(days=2, seconds=n), timezone="UTC"),
                    leads=parse_leads("1d"),
                    channels=["console"],
                )
            )
        commits: list[float] = []

        @event.listens_for(store.engine, "commit")
        def _on_commit(_connection: Any) -> None:
            commits.append(time.perf_counter())

        notifier = InstantNotifier()
        started = time.perf_counter()
        policy = Policy(group_window=timedelta(seconds=args.group_window))
        handled = dispatch_due(store, notifier, T0 + timedelta(days=1, hours=1), policy)
        elapsed = time.perf_counter() - started
        windows = sorted(commits[bisect_right(commits, sent)] - sent for sent in notifier.accepted)
        store.close()
    p99 = windows[max(0, round(len(windows) * 0.99) - 1)]
    print(
        f"{store.dialect}: {handled} alerts in one pass ({len(notifier.accepted)} messages, "
        f"group_window {args.group_window:g} s), {elapsed:.2f} s"
    )
    print(
        f"window send->commit: median {statistics.median(windows) * 1000:.2f} ms, "
        f"p99 {p99 * 1000:.2f} ms, max {windows[-1] * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
