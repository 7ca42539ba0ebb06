"""Concurrent sending with bounds: a pool of threads, and a limit per channel.

A pass claims a batch and hands each send to :class:`SendPool`; at most ``size`` sends are
in flight, and at most ``per_channel`` of them to one channel, so a slow service (a chat
webhook that takes one message a second) neither blocks the others nor gets flooded. The
pool only runs the send: claiming and recording stay on the thread that runs the pass.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class SendPool:
    """Runs sends on up to ``size`` threads, ``per_channel`` at a time for one channel."""

    def __init__(self, size: int, per_channel: int) -> None:
        self.size = max(1, size)
        self.per_channel = max(1, per_channel)
        self._executor: ThreadPoolExecutor | None = None
        self._limits: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def submit(self, channel: str, send: Callable[[], T]) -> Future[T]:
        """Start ``send`` when a thread and a slot on ``channel`` are free."""
        limit = self._limit(channel)

        def run() -> T:
            with limit:
                return send()

        return self._pool().submit(run)

    def close(self) -> None:
        """Wait for the sends in flight; drop the ones not started."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self.size, thread_name_prefix="watcher-send"
                )
            return self._executor

    def _limit(self, channel: str) -> threading.BoundedSemaphore:
        with self._lock:
            limit = self._limits.get(channel)
            if limit is None:
                limit = self._limits[channel] = threading.BoundedSemaphore(self.per_channel)
            return limit


__all__ = ["SendPool"]
