"""Reading articles: text, HTML, URL, stdin; publication dates; refusing bad input."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from watcher.errors import UsageError
from watcher.extract.io.sources import SourceError, html_published, read_source

HTML = """<!doctype html><html><head><title>Truce talks</title>
<meta property="article:published_time" content="2025-10-24T08:15:00-04:00">
</head><body><nav>Home | World | Business</nav><article><h1>Truce talks</h1>
<p>The trade truce between the two countries expires on Nov. 10 unless it is extended,
officials said on Thursday, and negotiators will meet in Kuala Lumpur this weekend.</p>
<p>The leaders are scheduled to meet on Oct. 30 on the sidelines of the summit, the first
time they will have met in person since 2019, according to the foreign ministry.</p>
</article><footer>Copyright</footer></body></html>"""


def test_text_file_with_sidecar_metadata(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The truce expires on Nov. 10.", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text(
        'published = "2025-10-24"\ntimezone = "America/New_York"\ntitle = "T"\n', encoding="utf-8"
    )
    got = read_source(str(article))
    assert got.published == dt.date(2025, 10, 24)
    assert got.published_from == "a.meta.toml"
    assert got.timezone == "America/New_York"
    assert got.warnings == []


def test_published_option_wins_over_sidecar(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("x", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text('published = "2025-10-24"\n', encoding="utf-8")
    assert read_source(str(article), dt.date(2024, 1, 2)).published == dt.date(2024, 1, 2)


def test_file_date_is_the_last_resort_and_says_so(tmp_path: Path) -> None:
    article = tmp_path / "b.txt"
    article.write_text("Talks resume on Tuesday.", encoding="utf-8")
    stamp = dt.datetime(2025, 3, 14, 12, tzinfo=dt.UTC).timestamp()
    os.utime(article, (stamp, stamp))
    got = read_source(str(article))
    assert isinstance(got.published, dt.datetime)
    assert got.published.date() == dt.date(2025, 3, 14)
    assert got.published_from == "file date"
    assert "using the file's date 2025-03-14" in got.warnings[0]


def test_html_file_is_reduced_to_its_article_with_its_date(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(HTML, encoding="utf-8")
    got = read_source(str(page))
    assert "expires on Nov. 10" in got.text
    assert "Copyright" not in got.text and "<p>" not in got.text
    assert got.published == dt.datetime.fromisoformat("2025-10-24T08:15:00-04:00")
    assert got.published_from == "page metadata"


def test_html_published_reads_json_ld() -> None:
    page = '<script type="application/ld+json">{"datePublished": "2024-05-01T10:00:00Z"}</script>'
    assert html_published(page) == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)


def test_stdin() -> None:
    got = read_source("-", dt.date(2025, 1, 1), stdin=io.BytesIO(b"Due Jan. 15."))
    assert got.text == "Due Jan. 15."


def test_stdin_needs_a_date() -> None:
    with pytest.raises(UsageError, match="--published"):
        read_source("-", stdin=io.BytesIO(b"Due Jan. 15."))


def test_binary_input_is_refused(tmp_path: Path) -> None:
    blob = tmp_path / "x.bin"
    blob.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    with pytest.raises(SourceError, match="binary"):
        read_source(str(blob), dt.date(2025, 1, 1))


def test_oversized_input_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    with pytest.raises(SourceError, match=r"50\.0 MB is larger than the 10 MB limit"):
        read_source(str(big), dt.date(2025, 1, 1))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"), dt.date(2025, 1, 1))
    with pytest.raises(UsageError, match="is a directory"):
        read_source(str(tmp_path), dt.date(2025, 1, 1))


def test_other_url_schemes_are_refused() -> None:
    with pytest.raises(UsageError, match="only http"):
        read_source("ftp://example.org/a.txt", dt.date(2025, 1, 1))


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = HTML.encode() if self.path == "/article" else b"x" * 5000
        self.send_response(200 if self.path in {"/article", "/big"} else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        if self.path in {"/article", "/big"}:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_is_fetched_and_read(server: str) -> None:
    got = read_source(f"{server}/article")
    assert "expires on Nov. 10" in got.text
    assert got.published == dt.datetime.fromisoformat("2025-10-24T08:15:00-04:00")


def test_url_errors_are_one_line(server: str) -> None:
    with pytest.raises(SourceError, match="404"):
        read_source(f"{server}/missing", dt.date(2025, 1, 1))
    with pytest.raises(SourceError, match="limit"):
        read_source(f"{server}/big", dt.date(2025, 1, 1), max_bytes=1000)
