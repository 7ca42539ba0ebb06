"""The fetcher against a real loopback server: conditional requests, the bounds, and who
it says it is."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import watcher
from tests.sources.feed_support import CONSULTATION, FeedServer, rss
from watcher.sources.fetch import FetchError, fetch_path, fetch_url
from watcher.sources.spec import WatchOptions

OPTIONS = WatchOptions(timeout=1.0, max_bytes=10_000, max_redirects=2)


def test_a_descriptive_user_agent_and_conditional_headers(feeds: FeedServer) -> None:
    feeds.feed("/f.xml", [CONSULTATION])
    first = fetch_url(feeds.url("/f.xml"), OPTIONS)
    assert first.changed and first.body == rss([CONSULTATION]) and first.suffix == ".xml"
    agent = feeds.hits_to("/f.xml")[0].headers["User-Agent"]
    assert agent.startswith(f"watcher/{watcher.__version__} (") and "deadline" in agent
    again = fetch_url(
        feeds.url("/f.xml"), OPTIONS, etag=first.etag, last_modified=first.last_modified
    )
    assert not again.changed and again.body == b""
    hit = feeds.hits_to("/f.xml")[1]
    assert hit.status == 304 and hit.headers["If-None-Match"] == first.etag
    assert hit.headers["If-Modified-Since"] == first.last_modified


def test_redirects_are_followed_up_to_the_limit(feeds: FeedServer) -> None:
    feeds.feed("/final.xml", [CONSULTATION])
    feeds.set("/r1", status=301, location="/r2")
    feeds.set("/r2", status=302, location="/final.xml")
    assert fetch_url(feeds.url("/r1"), OPTIONS).url.endswith("/final.xml")
    feeds.set("/r0", status=302, location="/r1")
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch_url(feeds.url("/r0"), OPTIONS)
    with pytest.raises(FetchError, match="max_redirects is 0"):
        fetch_url(feeds.url("/r2"), WatchOptions(max_redirects=0))


class _Endless:
    """A server that sends headers without a length, then body bytes forever."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        conn.recv(4096)
        try:
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
            while not self.stop.is_set():
                conn.sendall(b"<p>" + b"a" * 8192 + b"</p>")
        except OSError:
            pass
        finally:
            conn.close()


@pytest.fixture
def endless() -> Iterator[_Endless]:
    server = _Endless()
    yield server
    server.stop.set()
    server.sock.close()


def test_a_body_without_a_length_is_cut_at_the_size_limit(endless: _Endless) -> None:
    with pytest.raises(FetchError, match=r"over the 0\.01 MB limit"):
        fetch_url(f"http://127.0.0.1:{endless.port}/", OPTIONS)


def test_files_use_their_modification_time_as_validator(tmp_path: Path) -> None:
    path = tmp_path / "press.xml"
    path.write_bytes(rss([CONSULTATION]))
    first = fetch_path(str(path), OPTIONS)
    assert first.changed and first.suffix == ".xml"
    assert not fetch_path(str(path), OPTIONS, etag=first.etag).changed
    path.write_bytes(rss([CONSULTATION]) + b"\n")
    assert fetch_path(str(path), OPTIONS, etag=first.etag).changed
    path.write_bytes(b"x" * 20_000)
    with pytest.raises(FetchError, match=r"over the 0\.01 MB limit"):
        fetch_path(str(path), OPTIONS)
