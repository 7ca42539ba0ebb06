"""The built-in ``console`` channel: alerts printed to the daemon's standard output.

It is registered with Apprise as a custom notification (``watcherconsole://``), so it goes
through exactly the same path as email or chat: a newcomer with no configuration sees every
alert in the terminal (or in the journal under systemd).
"""

from __future__ import annotations

import sys
import threading
from typing import Any, TextIO

import apprise

CONSOLE_URL = "watcherconsole://"

_lock = threading.Lock()
stream: TextIO | None = None
"""Where console alerts go; None means the current ``sys.stdout`` (tests may set it)."""


def _print_alert(body: str, title: str, *args: Any, **kwargs: Any) -> bool:
    """Print one alert as a block: a marked title line, then the body indented."""
    out = stream or sys.stdout
    lines = [f"ALERT {title}", *(f"    {line}" for line in body.splitlines())]
    with _lock:
        out.write("\n".join(lines) + "\n")
        out.flush()
    return True


# Registering is global in Apprise and happens once, when this module is first imported.
apprise.decorators.notify(on="watcherconsole", name="watcher console")(  # type: ignore[no-untyped-call]
    _print_alert
)

__all__ = ["CONSOLE_URL"]
