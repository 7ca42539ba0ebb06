"""Serving the app with uvicorn: in the foreground (`watcher serve`) or in a thread beside
the daemon (`watcher run` with ``http.enabled``).

uvicorn's access log prints request paths, and two kinds of path carry a secret (the feed
token, action links): :class:`TokenScrubber` masks them before any handler sees the record.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from dataclasses import dataclass
from types import FrameType

import uvicorn
from fastapi import FastAPI

from watcher.errors import WatcherError

log = logging.getLogger("watcher.web")

_TOKEN_PATH = re.compile(r"/(calendar|act)/[^\s\"?/]+")


def scrub_path(text: str) -> str:
    """'/calendar/SECRET.ics' -> '/calendar/***'; '/act/TOKEN' -> '/act/***'."""
    return _TOKEN_PATH.sub(lambda m: f"/{m.group(1)}/***", text)


class TokenScrubber(logging.Filter):
    """Masks feed and action tokens in uvicorn's log records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(scrub_path(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = scrub_path(record.msg)
        return True


def _install_scrubber() -> None:
    for name in ("uvicorn.access", "uvicorn.error", "uvicorn"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, TokenScrubber) for f in logger.filters):
            logger.addFilter(TokenScrubber())


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or a one-line error (address in use, no such address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WatcherError(f"cannot listen on {host}:{port}: {reason}") from None


class _Server(uvicorn.Server):
    """Ctrl-C or SIGTERM ends `watcher serve` cleanly (exit 0): uvicorn would re-raise the
    signal once it has shut down, which the CLI reports as an interruption (exit 130)."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()


def make_server(app: FastAPI, host: str, port: int, *, log_config: bool = True) -> uvicorn.Server:
    """A uvicorn server for ``app``; its loggers go through the token scrubber."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        access_log=True,
        server_header=False,
        proxy_headers=False,
        log_config=uvicorn.config.LOGGING_CONFIG if log_config else None,
        lifespan="off",
    )
    config.load()  # configures logging now, so the filter is added after it
    _install_scrubber()
    return _Server(config)


@dataclass
class RunningServer:
    """A server started in a background thread."""

    server: uvicorn.Server
    thread: threading.Thread

    @property
    def port(self) -> int:
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        host = self.server.config.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def start_in_thread(
    app: FastAPI, host: str, port: int, *, log_config: bool = True, timeout: float = 15.0
) -> RunningServer:
    """Start serving in a daemon thread and return once the socket listens."""
    sock = bind(host, port)
    server = make_server(app, host, port, log_config=log_config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="watcher-web", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise OSError(f"the web server did not start on {host}:{port}")
        time.sleep(0.02)
    return RunningServer(server, thread)


__all__ = ["RunningServer", "TokenScrubber", "bind", "make_server", "scrub_path", "start_in_thread"]
