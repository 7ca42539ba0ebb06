"""RSS and Atom feeds as sources: each entry an article dated by the feed."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from watcher.cli.app import app
from watcher.errors import UsageError
from watcher.extract.io.sources import SourceError, read_articles, read_source
from watcher.store.database import open_engine
from watcher.store.models import Source
from watcher.store.repository import Store

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Gazette</title><link>https://gazette.example/</link>
<description>Local news</description>
<item>
  <title>Council to vote on the ferry contract Dec. 3</title>
  <link>{base}/ferry</link>
  <pubDate>Tue, 25 Nov 2025 14:30:00 -0500</pubDate>
  <description>&lt;p&gt;The harbour council said on Monday it will vote on the ferry
  contract on Dec. 3. Bids closed in September.&lt;/p&gt;</description>
</item>
<item>
  <title>Library closes for repairs</title>
  <link>{base}/library</link>
  <pubDate>Mon, 24 Nov 2025 09:00:00 +0000</pubDate>
  <description>The main library will close from Dec. 8 and reopen on Jan. 12, the city
  said Friday. Late fees are waived until then.</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Grid Watch</title>
  <updated>2026-03-02T08:00:00Z</updated>
  <entry>
    <title>Capacity auction results due March 18</title>
    <link href="https://grid.example/auction"/>
    <id>urn:grid:1</id>
    <updated>2026-03-02T08:00:00Z</updated>
    <content type="html">&lt;p&gt;The operator will publish the auction results on
    March 18, it said Friday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Undated note</title>
    <link href="https://grid.example/note"/>
    <id>urn:grid:2</id>
    <summary>Comments close on April 1.</summary>
  </entry>
</feed>"""

FERRY_PAGE = """<!doctype html><html><head><title>Ferry vote</title>
<meta property="article:published_time" content="2025-11-25T14:30:00-05:00"></head>
<body><nav>Home | Harbour</nav><article><h1>Council to vote on the ferry contract</h1>
<p>The harbour council will vote on the new ferry contract on Dec. 3, the chair said on
Monday. If approved, the new operator takes over on Feb. 1, and the old contract expires
on Jan. 31 after nine years.</p>
<p>Residents can comment on the plan until Nov. 28 at the council offices.</p>
</article><footer>Gazette</footer></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        pages = {
            "/feed": ("application/rss+xml", RSS.format(base=base)),
            "/ferry": ("text/html; charset=utf-8", FERRY_PAGE),
        }
        if self.path not in pages:
            self.send_response(404)
            self.end_headers()
            return
        ctype, body = pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def rss_file(tmp_path: Path, base: str = "https://gazette.example") -> Path:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS.format(base=base), encoding="utf-8")
    return path


def test_each_rss_item_is_an_article_dated_by_its_pubdate(tmp_path: Path) -> None:
    ferry, library = read_articles(str(rss_file(tmp_path)))
    assert ferry.location == "https://gazette.example/ferry"
    assert ferry.title == "Council to vote on the ferry contract Dec. 3"
    assert ferry.publisher == "Harbour Gazette"
    assert ferry.published == dt.datetime(2025, 11, 25, 19, 30, tzinfo=dt.UTC)
    assert ferry.published_from == "feed entry"
    # The headline leads as a sentence of its own; the summary's markup is gone.
    assert ferry.text.startswith("Council to vote on the ferry contract Dec. 3.\n\n")
    assert "vote on the ferry contract on Dec. 3. Bids closed in September." in ferry.text
    assert "<p>" not in ferry.text
    assert library.published == dt.datetime(2025, 11, 24, 9, tzinfo=dt.UTC)


def test_atom_entry_without_a_date_takes_the_feeds_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "grid.atom"
    path.write_text(ATOM, encoding="utf-8")
    auction, note = read_articles(str(path))
    assert "publish the auction results on March 18" in auction.text
    assert auction.warnings == []
    assert note.published == dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
    assert note.published_from == "feed date"
    assert "the entry has no date; using the feed's 2026-03-02" in note.warnings[0]


def test_published_option_overrides_every_entry(tmp_path: Path) -> None:
    articles = read_articles(str(rss_file(tmp_path)), dt.date(2025, 1, 2))
    assert {a.published for a in articles} == {dt.date(2025, 1, 2)}


def test_single_article_reader_refuses_a_feed(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="a feed of 2 entries, not one article"):
        read_source(str(rss_file(tmp_path)))


def test_a_feed_with_no_entries_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="a feed with no entries"):
        read_articles(str(empty))


def test_an_xml_file_that_is_not_a_feed_is_read_as_text(tmp_path: Path) -> None:
    other = tmp_path / "notes.xml"
    other.write_text("<notes>The permit expires on May 5.</notes>", encoding="utf-8")
    [article] = read_articles(str(other), dt.date(2025, 1, 1))
    assert "expires on May 5" in article.text


def test_feed_url_with_follow_reads_the_linked_pages(server: str) -> None:
    ferry, library = read_articles(f"{server}/feed", follow_links=True)
    # The linked page replaced the teaser: it has dates the feed never carried.
    assert "old contract expires on Jan. 31" in ferry.text
    assert "Home | Harbour" not in ferry.text
    assert ferry.published == dt.datetime.fromisoformat("2025-11-25T14:30:00-05:00")
    # A link that fails keeps the feed's summary and date, and says why.
    assert "close from Dec. 8" in library.text
    assert library.published == dt.datetime(2025, 11, 24, 9, tzinfo=dt.UTC)
    assert "404" in library.warnings[0] and "using the feed's summary" in library.warnings[0]


def test_cli_json_names_each_mentions_article(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = CliRunner().invoke(app, ["--db", db, "extract", "--json", str(rss_file(tmp_path))])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    future = {(i["source"], i["date"]) for i in items if i["future"]}
    assert future >= {
        ("https://gazette.example/ferry", "2025-12-03"),
        ("https://gazette.example/library", "2025-12-08"),
        ("https://gazette.example/library", "2026-01-12"),
    }
    past = {(i["source"], i["text"]) for i in items if not i["future"]}
    assert ("https://gazette.example/ferry", "Monday") in past


def test_cli_add_from_a_feed_keeps_each_entry_as_the_source(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    feed = str(rss_file(tmp_path))
    command = ["--db", db, "extract", "--add", "--yes", "--tz", "UTC", feed]
    first = CliRunner().invoke(app, command)
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(app, command)
    assert again.exit_code == 0, again.output
    store = Store(open_engine(db))
    try:
        deadlines = store.list_deadlines(upcoming=True, past=True)
        days = sorted(d.due_at.date().isoformat() for d in deadlines)
        assert "2025-12-03" in days and "2025-12-08" in days
        assert len(days) == len(set(days))  # the second run added nothing
        with store.session() as session:
            locations = {s.location for s in session.exec(select(Source))}
        assert locations == {
            "https://gazette.example/ferry",
            "https://gazette.example/library",
        }
    finally:
        store.close()


def test_a_malformed_feed_is_read_with_a_warning(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    cut = RSS.format(base="https://gazette.example")
    broken.write_text(
        cut[: cut.index("<item>", cut.index("</item>"))] + "<item><title>Lib & co", "utf-8"
    )
    articles = read_articles(str(broken))
    assert articles[0].title == "Council to vote on the ferry contract Dec. 3"
    assert "the feed is malformed" in articles[0].warnings[0]
    result = CliRunner().invoke(app, ["extract", str(broken)])
    assert result.exit_code == 0 and "the feed is malformed" in result.stderr


def test_a_feed_with_a_doctype_is_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "doctype.xml"
    text = RSS.format(base="https://gazette.example").replace(
        "<rss ",
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss ',
        1,
    )
    path.write_text(text, encoding="utf-8")
    ferry, _library = read_articles(str(path))
    assert ferry.title == "Council to vote on the ferry contract Dec. 3"
    assert "<" not in ferry.text
