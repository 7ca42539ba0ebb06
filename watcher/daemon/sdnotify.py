"""The systemd notification protocol (``sd_notify``): READY, STOPPING, WATCHDOG, STATUS.

A datagram to the socket named by ``$NOTIFY_SOCKET``; nothing to install. Outside systemd
the variable is unset and every call is a no-op returning False.
"""

from __future__ import annotations

import os
import socket


def notify(*states: str) -> bool:
    """Send ``states`` (e.g. "READY=1", "STATUS=...") to systemd; False when not under it."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address or not states:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall("\n".join(states).encode())
    except OSError:
        return False
    return True


def watchdog_interval() -> float | None:
    """How often to send WATCHDOG=1 (half of ``WatchdogSec``), or None without a watchdog."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return max(int(usec) / 1_000_000 / 2, 0.1)
    except ValueError:
        return None


def under_journald() -> bool:
    """True when stdout/stderr go to the journal (it adds timestamps of its own)."""
    return bool(os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID"))


__all__ = ["notify", "under_journald", "watchdog_interval"]
