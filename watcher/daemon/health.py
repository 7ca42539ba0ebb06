"""Which channels this daemon has seen failing, so a recovery is noticed at once.

When a channel that failed delivers again, the alerts waiting out their backoff on it are
made due at once (:func:`watcher.store.queue.flush_waiting`) instead of each waiting for
its own retry. At start every channel counts as possibly failing: the first success on
each one flushes whatever another daemon (or an earlier run) left waiting.
"""

from __future__ import annotations

import threading


class ChannelHealth:
    """Channels known to work since their last failure; everything else may be failing."""

    def __init__(self) -> None:
        self._working: set[str] = set()
        self._seen_failing: set[str] = set()
        self._lock = threading.Lock()

    def recovered(self, channel: str) -> bool:
        """A send to ``channel`` worked: True if it was not known to work (flush now)."""
        with self._lock:
            if channel in self._working:
                return False
            self._working.add(channel)
            return True

    def failed(self, channel: str) -> None:
        with self._lock:
            self._working.discard(channel)
            self._seen_failing.add(channel)

    def was_failing(self, channel: str) -> bool:
        """Whether this daemon saw ``channel`` fail before (worth saying it recovered)."""
        with self._lock:
            return channel in self._seen_failing


__all__ = ["ChannelHealth"]
