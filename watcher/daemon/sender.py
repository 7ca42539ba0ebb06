"""Concurrent sending with bounds: a pool of threads, a limit and a rate per channel.

A pass claims a batch and hands each send to :class:`SendPool`; at most ``size`` sends are
in flight, at most ``per_channel`` of them to one channel, and a channel with a rate
(``rate = "1/s"`` in its configuration, or the known limit of its service) starts at most
that many in any such window. A send that must wait for its channel waits in that channel's
lane, not on a thread: a slow or rate-limited service neither blocks the other channels nor
gets flooded. The pool only runs the send: claiming and recording stay on the thread that
runs the pass.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from watcher.config import Rate

T = TypeVar("T")


@dataclass
class _Lane:
    """One channel's sends waiting to start, how many run, and when recent ones started."""

    waiting: deque[tuple[Future[Any], Callable[[], Any]]] = field(default_factory=deque)
    running: int = 0
    starts: deque[float] = field(default_factory=deque)
    timer: threading.Timer | None = None


class SendPool:
    """Runs sends on up to ``size`` threads, ``per_channel`` at a time for one channel, and
    no faster than ``rates[channel]`` allows."""

    def __init__(
        self,
        size: int,
        per_channel: int,
        rates: Mapping[str, Rate] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size = max(1, size)
        self.per_channel = max(1, per_channel)
        self.rates: dict[str, Rate] = dict(rates or {})
        self.clock = clock
        self._executor: ThreadPoolExecutor | None = None
        self._lanes: dict[str, _Lane] = {}
        self._queued: set[Future[Any]] = set()  # handed to a thread, not begun yet
        self._lock = threading.RLock()
        self._closed = False

    def set_rates(self, rates: Mapping[str, Rate]) -> None:
        """New limits (a configuration reload); sends already waiting follow them."""
        with self._lock:
            self.rates = dict(rates)
            for channel in list(self._lanes):
                self._pump(channel)

    def submit(self, channel: str, send: Callable[[], T]) -> Future[T]:
        """Start ``send`` when a thread, a slot on ``channel`` and its rate allow. The
        future can be cancelled until the send begins."""
        future: Future[T] = Future()
        with self._lock:
            self._lanes.setdefault(channel, _Lane()).waiting.append((future, send))
            self._pump(channel)
        return future

    def backlog(self, channel: str) -> int:
        """Sends to ``channel`` waiting for a slot or their rate."""
        with self._lock:
            lane = self._lanes.get(channel)
            return len(lane.waiting) if lane else 0

    def close(self) -> None:
        """Wait for the sends in flight; drop the ones not started."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
            for lane in self._lanes.values():
                if lane.timer is not None:
                    lane.timer.cancel()
                    lane.timer = None
                while lane.waiting:
                    lane.waiting.popleft()[0].cancel()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            dropped, self._queued = self._queued, set()
        for future in dropped:
            future.cancel()

    def _pump(self, channel: str) -> None:
        """Start what ``channel``'s lane may start now; wake up later for the rest (lock held)."""
        lane = self._lanes[channel]
        rate = self.rates.get(channel)
        while lane.waiting and lane.running < self.per_channel and not self._closed:
            now = self.clock()
            if rate is not None:
                while lane.starts and lane.starts[0] <= now - rate.seconds:
                    lane.starts.popleft()
                if len(lane.starts) >= rate.count:
                    self._wake_at(channel, lane, lane.starts[0] + rate.seconds - now)
                    return
            future, send = lane.waiting.popleft()
            if future.cancelled():
                continue
            lane.running += 1
            lane.starts.append(now)
            self._queued.add(future)
            self._pool().submit(self._run, channel, future, send)

    def _wake_at(self, channel: str, lane: _Lane, delay: float) -> None:
        if lane.timer is not None:
            return

        def wake() -> None:
            with self._lock:
                lane.timer = None
                self._pump(channel)

        lane.timer = threading.Timer(max(delay, 0.001), wake)
        lane.timer.daemon = True
        lane.timer.start()

    def _run(self, channel: str, future: Future[Any], send: Callable[[], Any]) -> None:
        with self._lock:
            self._queued.discard(future)
        try:
            if future.set_running_or_notify_cancel():
                try:
                    result = send()
                except BaseException as error:
                    future.set_exception(error)
                else:
                    future.set_result(result)
        finally:
            with self._lock:
                self._lanes[channel].running -= 1
                self._pump(channel)

    def _pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self.size, thread_name_prefix="watcher-send"
                )
            return self._executor


__all__ = ["SendPool"]
