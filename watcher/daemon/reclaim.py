"""Claims held by a daemon that is gone are handed back at once, not after their lease.

A claim's owner is ``host:pid:random`` (see :func:`watcher.daemon.dispatch.default_worker`).
On this host it is gone when its pid is dead; on another host, when its daemon row says
it stopped or that row's heartbeat is older than a few intervals. Anything else keeps
its claim until the lease runs out: the lease stays the last guard (a frozen process that
wakes up finds its claim lost and does not send).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from watcher.clock import ensure_utc
from watcher.store.models import DaemonRecord


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def gone_workers(
    claimers: Sequence[str],
    records: Sequence[DaemonRecord],
    *,
    now: datetime,
    stale_after: timedelta,
    me: str,
    host: str | None = None,
    alive: Callable[[int], bool] = pid_alive,
) -> list[str]:
    """The claim owners among ``claimers`` that can no longer send anything."""
    host = host or socket.gethostname()
    by_id = {record.id: record for record in records}
    now = ensure_utc(now)
    gone = []
    for worker in claimers:
        if worker == me:
            continue
        owner_host, _, rest = worker.partition(":")
        pid_text = rest.partition(":")[0]
        if owner_host == host and pid_text.isdigit():  # this host: the pid decides
            if not alive(int(pid_text)):
                gone.append(worker)
            continue
        record = by_id.get(worker)
        if record is not None and (
            record.stopped_at is not None or now - ensure_utc(record.heartbeat_at) > stale_after
        ):
            gone.append(worker)
    return gone


__all__ = ["gone_workers", "pid_alive"]
