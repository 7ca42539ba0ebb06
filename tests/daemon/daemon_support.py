"""Helpers for the daemon tests (imported by the test modules and conftest)."""

from __future__ import annotations

import email
import email.message
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watcher.core.leads import parse_lead
from watcher.core.messages import Message
from watcher.core.planning import Due
from watcher.notify import DeliveryError, Target, TargetResult
from watcher.store.models import Deadline
from watcher.store.repository import DeadlineDraft, Store

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ONE_EACH = timedelta(0)
"""``Policy(group_window=ONE_EACH)``: every alert its own message, so tests can count them."""
FIRE_LEAD = timedelta(days=1)  # add() plans a 1d alert for a deadline 2 days after T0
"""A Monday, 09:00 UTC: the frozen 'now' most dispatch tests start from."""


@dataclass
class Sent:
    channel: str
    target: str
    message: Message


@dataclass
class RecordingNotifier:
    """A Notifier whose URLs are names; ``failing`` names fail (retryably unless listed in
    ``permanent``). It is an implementation of the interface, not a mock of Apprise."""

    channels: dict[str, list[str]] = field(
        default_factory=lambda: {"console": ["console-1"], "team": ["mail", "chat"]}
    )
    failing: set[str] = field(default_factory=set)
    permanent: set[str] = field(default_factory=set)
    sent: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def channel_names(self) -> list[str]:
        return sorted(self.channels)

    def targets(self, channel: str) -> list[Target]:
        if channel not in self.channels:
            raise DeliveryError(f"channel {channel!r} is not configured", retryable=False)
        return [Target(key=name, shown=f"test://{name}") for name in self.channels[channel]]

    def send(
        self,
        channel: str,
        message: Message,
        *,
        skip: Collection[str] = (),
        timeout: float = 30.0,
    ) -> list[TargetResult]:
        results = []
        for target in self.targets(channel):
            if target.key in skip:
                continue
            if target.key in self.failing or target.key in self.permanent:
                error = DeliveryError(
                    f"{target.key} is down", retryable=target.key not in self.permanent
                )
                results.append(TargetResult(target, error))
                continue
            with self.lock:
                self.sent.append(Sent(channel, target.key, message))
            results.append(TargetResult(target))
        return results

    def to(self, target: str) -> list[Message]:
        return [s.message for s in self.sent if s.target == target]


def add(
    store: Store,
    title: str = "File the report",
    due: datetime = T0 + timedelta(days=2),
    leads: str = "1d",
    channels: tuple[str, ...] = ("console",),
    timezone: str = "Europe/Paris",
    all_day: bool = False,
    kind: str = "deadline",
) -> Deadline:
    """Add a deadline through the repository, as `watcher add` does."""
    return store.add_deadline(
        DeadlineDraft(
            title=title,
            due=Due(at=due, timezone=timezone, all_day=all_day),
            leads=[parse_lead(x) for x in leads.split(",")],
            channels=list(channels),
            kind=kind,
        )
    )


# -- real servers on loopback ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: email.message.Message
    received_at: float

    @property
    def text(self) -> str:
        for part in self.message.walk():
            if part.get_content_type() == "text/plain":
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                return payload.decode(part.get_content_charset() or "utf-8")
        return ""


class SmtpServer:
    """aiosmtpd on loopback; login as ``USER``/``PASSWORD`` is accepted without TLS."""

    USER = "watcher"
    PASSWORD = "s3cret-smtp-pass"

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.mails: list[Mail] = []
        self.port = free_port()
        server = self

        class Handler:
            async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
                parsed = email.message_from_bytes(envelope.content)
                server.mails.append(
                    Mail(envelope.mail_from, list(envelope.rcpt_tos), parsed, time.time())
                )
                return "250 OK"

        def authenticate(
            _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any
        ) -> AuthResult:
            ok = data.login.decode() == self.USER and data.password.decode() == self.PASSWORD
            return AuthResult(success=ok)

        self.controller = Controller(
            Handler(),
            hostname="127.0.0.1",
            port=self.port,
            authenticator=authenticate,
            auth_require_tls=False,
        )

    def url(self, to: str = "alice@example.com") -> str:
        return (
            f"mailto://{self.USER}:{self.PASSWORD}@127.0.0.1:{self.port}"
            f"?from=watcher@example.com&to={to}&secure=no"
        )

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes
    received_at: float

    def json(self) -> Any:
        return json.loads(self.body)


class HttpServer:
    """A loopback HTTP server that records requests; ``fail_with`` makes it answer errors."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.fail_with: int | None = None
        self.arrivals = 0
        self.hold_arrival: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.abandon = False
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status = server.fail_with or 200
                with server.lock:
                    server.arrivals += 1
                    hold = server.arrivals == server.hold_arrival
                if hold:  # keep this request unanswered until the test says so
                    server.holding.set()
                    server.release.wait(timeout=30)
                    if server.abandon:
                        return  # never answered: the sender cannot know it arrived
                with server.lock:
                    if status == 200:
                        server.requests.append(
                            Request(self.path, dict(self.headers), body, time.time())
                        )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.port}"

    def to(self, path: str) -> list[Request]:
        """Requests to exactly ``path`` (the query string ignored)."""
        with self.lock:
            return [r for r in self.requests if r.path.split("?")[0].rstrip("/") == path]

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


# -- the daemon as a subprocess -------------------------------------------------------------

FAST_DAEMON = """
[daemon]
poll_interval = 0.2
reconcile_interval = 1
heartbeat_interval = 1
digest_interval = 1
lease = 4
send_timeout = 2
late_after = 5
group_window = 0

[retry]
max_attempts = 5
base_delay = "1s"
max_delay = "2s"
"""


def write_config(
    path: Path, channels: dict[str, list[str]], extra: str = "", daemon: str = ""
) -> Path:
    """A configuration file with short daemon timings, so subprocess tests stay quick;
    ``daemon`` adds lines to its ``[daemon]`` table."""
    lines = ['timezone = "UTC"', f"default_channels = {json.dumps(sorted(channels))}", extra]
    given = {line.split("=")[0].strip() for line in daemon.splitlines() if "=" in line}
    fast = "\n".join(
        line for line in FAST_DAEMON.splitlines() if line.split("=")[0].strip() not in given
    )
    lines.append(fast.replace("[daemon]\n", f"[daemon]\n{daemon}\n" if daemon else "[daemon]\n"))
    for name, urls in channels.items():
        lines += [f"[channels.{name}]", f"urls = {json.dumps(urls)}", ""]
    path.write_text("\n".join(lines))
    return path


class DaemonProcess:
    """`python -m watcher run` in a subprocess, its output captured in files."""

    def __init__(self, db_url: str, config: Path, workdir: Path, name: str = "d") -> None:
        self.db_url, self.config = db_url, config
        self.out = workdir / f"{name}.out"
        self.err = workdir / f"{name}.err"
        self.env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "XDG_CONFIG_HOME": str(workdir / "cfg"),
            "XDG_DATA_HOME": str(workdir / "data"),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "watcher",
                "--db",
                self.db_url,
                "--config",
                str(self.config),
                *args,
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def start(self, *extra: str) -> DaemonProcess:
        with self.out.open("ab") as out, self.err.open("ab") as err:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "watcher",
                    "--db",
                    self.db_url,
                    "--config",
                    str(self.config),
                    *extra,
                    "run",
                ],
                env=self.env,
                stdout=out,
                stderr=err,
            )
        wait_for(lambda: "running as" in self.log(), timeout=30, what=f"{self.err} to say ready")
        return self

    def log(self) -> str:
        text = self.err.read_text() if self.err.exists() else ""
        return text + (self.out.read_text() if self.out.exists() else "")

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self, timeout: float = 20) -> int:
        """SIGTERM, then the exit status."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)


def wait_for(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def whole_seconds_from_now(seconds: int) -> datetime:
    """A whole-second instant ``seconds`` ahead (the store keeps whole seconds)."""
    return (datetime.now(UTC) + timedelta(seconds=seconds + 1)).replace(microsecond=0)
