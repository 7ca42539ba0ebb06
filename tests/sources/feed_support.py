"""A loopback HTTP server for watched-source tests: feeds that change while a test runs.

Each route answers a :class:`Route`: a body (with an ETag and Last-Modified derived from
it, honouring If-None-Match / If-Modified-Since with 304), an error status, a redirect, a
delay, or a held answer the test releases. Every request is recorded.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Entry:
    """One feed item; ``published`` None leaves the item undated."""

    link: str
    title: str
    text: str
    published: datetime | None = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def rss(entries: list[Entry], title: str = "Ministry press releases") -> bytes:
    items = []
    for e in entries:
        date = f"<pubDate>{format_datetime(e.published)}</pubDate>" if e.published else ""
        items.append(
            f"<item><title>{escape(e.title)}</title><link>{escape(e.link)}</link>{date}"
            f"<description>{escape(e.text)}</description></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title>{''.join(items)}</channel></rss>"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    location: str | None = None  # a redirect target
    delay: float = 0.0  # seconds before answering
    validators: bool = True  # send ETag / Last-Modified and honour them
    changed_at: datetime = field(default_factory=lambda: datetime(2026, 11, 30, tzinfo=UTC))
    hold: bool = False  # keep the answer until FeedServer.release is set


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int
    at: float


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, body: bytes = b"", **options: Any) -> Route:
        route = Route(body=body, **options)
        with self.lock:
            self.routes[path] = route
        return route

    def feed(self, path: str, entries: list[Entry], **options: Any) -> Route:
        return self.set(path, rss(entries), **options)

    def hits_to(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self.lock:
            route = self.routes.get(path, Route(status=404))
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        modified = format_datetime(route.changed_at, usegmt=True)
        status = route.status
        if route.delay:
            time.sleep(route.delay)
        if route.hold:
            self.holding.set()
            self.release.wait(timeout=60)
        asked_etag = handler.headers.get("If-None-Match")
        asked_date = handler.headers.get("If-Modified-Since")
        unchanged = asked_etag == etag or (not asked_etag and asked_date == modified)
        if status == 200 and route.validators and unchanged:
            status = 304
        with self.lock:
            self.hits.append(Hit(path, dict(handler.headers), status, time.time()))
        try:
            handler.send_response(status)
            if route.location:
                handler.send_header("Location", route.location)
            if status == 200:
                handler.send_header("Content-Type", route.content_type)
                handler.send_header("Content-Length", str(len(route.body)))
                if route.validators:
                    handler.send_header("ETag", etag)
                    handler.send_header("Last-Modified", modified)
            handler.end_headers()
            if status == 200:
                handler.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


# Articles whose deadlines the extractor finds (each one future deadline).
CONSULTATION = Entry(
    "https://example.org/news/consultation",
    "Consultation on river fishing rules opens",
    "The ministry opened a consultation on new river fishing rules. Comments must be "
    "submitted by January 15, 2027, the ministry said on Monday.",
)
LICENCES = Entry(
    "https://example.org/news/licences",
    "Ferry licences to be renewed",
    "Operators have until February 26, 2027 to apply for the renewal of their ferry "
    "licences, the regulator announced.",
)
TARIFF = Entry(
    "https://example.org/news/tariff",
    "Steel tariff pause extended",
    "The government said the tariff pause on steel imports will expire on March 31, 2027 "
    "unless parliament votes to extend it.",
)
NO_DATES = Entry(
    "https://example.org/news/weather",
    "Mild weather continues",
    "Forecasters expect another mild week across the country.",
)
