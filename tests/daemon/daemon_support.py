"""Helpers for the daemon tests (imported by the test modules and conftest)."""

from __future__ import annotations

import email
import email.message
import json
import socket
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from watcher.core.leads import parse_lead
from watcher.core.messages import Message
from watcher.core.planning import Due
from watcher.notify import DeliveryError, Target, TargetResult
from watcher.store.models import Deadline
from watcher.store.repository import DeadlineDraft, Store

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
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

        def authenticate(_server: Any, _session: Any, _envelope: Any, _mechanism: str,
                         data: Any) -> AuthResult:
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
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status = server.fail_with or 200
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
        self.httpd.shutdown()
        self.httpd.server_close()
