"""Signal handlers set flags only, and are restored afterwards (real signals)."""

from __future__ import annotations

import os
import signal

from watcher.daemon.signals import Flags, handle_signals


def test_signals_set_flags_and_previous_handlers_come_back() -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    flags = Flags()
    with handle_signals(flags):
        os.kill(os.getpid(), signal.SIGHUP)
        assert flags.reload.is_set() and flags.wake.is_set() and not flags.stop.is_set()
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGINT)
        assert flags.stop.is_set() and flags.stop_signal == "SIGTERM"
    assert {s: signal.getsignal(s) for s in before} == before
