"""Signals only set flags; the daemon's main loop reads them and acts.

Nothing is raised from a handler (an exception there can land in the middle of a database
commit). :func:`handle_signals` installs the handlers for the duration of a ``with`` block
and restores the previous ones afterwards, so tests and embedding code are not surprised.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType


@dataclass
class Flags:
    """What the outside world has asked for; ``wake`` interrupts the main loop's wait."""

    wake: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    reload: threading.Event = field(default_factory=threading.Event)
    stop_signal: str = ""

    def request_stop(self, reason: str) -> None:
        self.stop_signal = self.stop_signal or reason
        self.stop.set()
        self.wake.set()

    def request_reload(self) -> None:
        self.reload.set()
        self.wake.set()


@contextmanager
def handle_signals(flags: Flags) -> Iterator[Flags]:
    """SIGTERM/SIGINT ask to stop, SIGHUP asks to reload the configuration."""

    def on_stop(signum: int, _frame: FrameType | None) -> None:
        flags.request_stop(signal.Signals(signum).name)

    def on_hup(_signum: int, _frame: FrameType | None) -> None:
        flags.request_reload()

    wanted = {signal.SIGTERM: on_stop, signal.SIGINT: on_stop, signal.SIGHUP: on_hup}
    previous = {signum: signal.signal(signum, handler) for signum, handler in wanted.items()}
    try:
        yield flags
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


__all__ = ["Flags", "handle_signals"]
