"""`watcher run` as a real subprocess watching loopback feeds, with a webhook recording the
'new deadline' notices: changes while running, a 500 then recovery, kill -9 in the middle
of a poll, and two daemons on PostgreSQL sharing 20 sources."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from tests.daemon.daemon_support import DaemonProcess, HttpServer, wait_for, write_config
from tests.sources.feed_support import CONSULTATION, LICENCES, Entry, FeedServer
from watcher.store import sources_watch as watch
from watcher.store.database import open_engine
from watcher.store.models import Alert, AlertKind, Deadline
from watcher.store.repository import Store

pytestmark = pytest.mark.slow
MONTHS = ("January", "February", "March", "April", "May", "June")


def sources_toml(urls: dict[str, str], timeout: float = 1.0, follow: bool = False) -> str:
    lines = ["[watch]", f"timeout = {timeout}", 'min_interval = "1s"', ""]
    for name, url in urls.items():
        lines += [f"[sources.{name}]", f'url = "{url}"', 'every = "1s"']
        lines += ["follow = true", ""] if follow else [""]
    return "\n".join(lines)


def reads(url: str) -> dict[str, int]:
    store = Store(open_engine(url))
    try:
        with store.session() as session:
            return watch.article_reads(session)
    finally:
        store.close()


def found_count(url: str) -> tuple[int, int]:
    """(found notices queued, deadlines stored)."""
    store = Store(open_engine(url))
    try:
        with store.session() as session:
            alerts = session.exec(
                select(func.count()).where(col(Alert.kind) == AlertKind.FOUND)
            ).one()
            deadlines = session.exec(select(func.count()).select_from(Deadline)).one()
        return int(alerts), int(deadlines)
    finally:
        store.close()


def notices(hook: HttpServer) -> Counter[str]:
    return Counter(r.json()["title"] for r in hook.to("/hook"))


def test_the_daemon_reads_a_changing_feed_and_sends_one_notice_per_new_deadline(
    tmp_path: Path,
    sqlite_url: str,
    http_server: HttpServer,
    feeds: FeedServer,
    daemons: list[DaemonProcess],
) -> None:
    feeds.feed("/press.xml", [CONSULTATION])
    extra = sources_toml({"press": feeds.url("/press.xml")})
    config = write_config(tmp_path / "w.toml", {"hook": [f"json://{http_server.base}/hook"]}, extra)
    daemon = DaemonProcess(sqlite_url, config, tmp_path)
    daemons.append(daemon.start())

    wait_for(lambda: len(http_server.to("/hook")) == 1, timeout=20, what="the first notice")
    [first] = [r.json() for r in http_server.to("/hook")]
    assert first["title"] == "New deadline, due Fri 15 Jan 2027: Comments due"
    assert "“Comments must be submitted by January 15, 2027" in first["message"]
    assert f"Link: {CONSULTATION.link}" in first["message"]
    wait_for(
        lambda: any(h.status == 304 for h in feeds.hits_to("/press.xml")),
        timeout=10,
        what="a conditional request answered 304",
    )

    feeds.set("/press.xml", status=500)

    def press() -> dict[str, object]:
        listed = daemon.cli("sources", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        [record] = json.loads(listed.stdout)
        return dict(record)

    wait_for(lambda: press()["failures"] >= 1, timeout=10, what="the 500 to be recorded")
    assert "500" in str(press()["last_error"])
    status = daemon.cli("status")
    assert "ERROR x" in status.stdout, status.stdout

    feeds.feed("/press.xml", [LICENCES, CONSULTATION])
    wait_for(lambda: len(http_server.to("/hook")) == 2, timeout=20, what="the second notice")
    wait_for(lambda: press()["last_error"] is None, timeout=10, what="recovery")
    assert press()["articles_seen"] == 2
    assert daemon.stop() == 0
    assert notices(http_server) == Counter(
        {
            "New deadline, due Fri 15 Jan 2027: Comments due": 1,
            "New deadline, due Fri 26 Feb 2027: "
            "Deadline to apply for the renewal of ferry licences": 1,
        }
    )
    assert reads(sqlite_url) == {CONSULTATION.link: 1, LICENCES.link: 1}
    assert "Traceback" not in daemon.log()


def _page(title: str, text: str) -> bytes:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2026-11-30T09:00:00Z"></head>'
        f"<body><article><h1>{title}</h1><p>{text}</p>"
        "<p>Officials gave no further details on Monday.</p></article></body></html>"
    ).encode()


def test_kill_9_in_the_middle_of_a_poll_then_every_article_is_read_once(
    tmp_path: Path,
    sqlite_url: str,
    http_server: HttpServer,
    feeds: FeedServer,
    daemons: list[DaemonProcess],
) -> None:
    pages = {
        "/a1": ("Harbour dues review", "Shipping firms must respond by March 9, 2027."),
        "/a2": ("Bridge tolls consultation", "Residents can comment until April 13, 2027."),
        "/a3": ("School meals tender", "Caterers must submit bids by May 18, 2027."),
    }
    entries = [
        Entry(feeds.url(path), title, "Read the full story.") for path, (title, _) in pages.items()
    ]
    feeds.feed("/teasers.xml", entries)
    for path, (title, text) in pages.items():
        feeds.set(path, _page(title, text), content_type="text/html", hold=path == "/a3")
    extra = sources_toml({"teasers": feeds.url("/teasers.xml")}, timeout=2.0, follow=True)
    config = write_config(tmp_path / "w.toml", {"hook": [f"json://{http_server.base}/hook"]}, extra)

    first = DaemonProcess(sqlite_url, config, tmp_path, name="first")
    daemons.append(first.start())
    wait_for(feeds.holding.is_set, timeout=20, what="the poll to reach the third article")
    first.kill9()  # mid-poll: two articles committed, the third being fetched
    assert reads(sqlite_url) == {feeds.url("/a1"): 1, feeds.url("/a2"): 1}

    feeds.routes["/a3"].hold = False
    feeds.release.set()
    second = DaemonProcess(sqlite_url, config, tmp_path, name="second")
    daemons.append(second.start())  # it takes the poll over once the killed one's lease ends
    wait_for(lambda: len(reads(sqlite_url)) == 3, timeout=30, what="the third article")
    wait_for(lambda: len(http_server.to("/hook")) == 3, timeout=20, what="three notices")
    assert second.stop() == 0
    assert reads(sqlite_url) == {feeds.url(p): 1 for p in pages}
    counted = notices(http_server)
    assert sorted(counted.values()) == [1, 1, 1], counted
    assert found_count(sqlite_url) == (3, 3)


@pytest.mark.postgres
def test_two_daemons_on_postgresql_watching_20_sources_read_no_article_twice(
    tmp_path: Path,
    pg_url: str,
    http_server: HttpServer,
    feeds: FeedServer,
    daemons: list[DaemonProcess],
) -> None:
    def entry(i: int, j: int) -> Entry:
        n = i * 3 + j
        day = f"{MONTHS[n % 6]} {1 + n % 28}, 2027"
        return Entry(
            f"https://example.org/grants/{i}/{j}",
            f"Grant round {n} announced",
            f"Applications for the community grant round {n} close on {day}.",
            published=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        )

    for i in range(20):
        feeds.feed(f"/f{i}.xml", [entry(i, 0), entry(i, 1)])
    urls = {f"s{i}": feeds.url(f"/f{i}.xml") for i in range(20)}
    config = write_config(
        tmp_path / "w.toml", {"hook": [f"json://{http_server.base}/hook"]}, sources_toml(urls)
    )
    one = DaemonProcess(pg_url, config, tmp_path, name="one")
    two = DaemonProcess(pg_url, config, tmp_path, name="two")
    daemons.extend([one.start(), two.start()])
    wait_for(lambda: len(reads(pg_url)) == 40, timeout=60, what="40 articles")
    for daemon in (one, two):  # both poll before the second wave (a loaded machine is slow)
        wait_for(lambda d=daemon: "watching 20" in d.log(), timeout=30, what="both pollers")
    for i in range(20):  # new entries while both run
        feeds.feed(f"/f{i}.xml", [entry(i, 2), entry(i, 0), entry(i, 1)])
    wait_for(lambda: len(reads(pg_url)) == 60, timeout=60, what="60 articles")
    alerts, deadlines = found_count(pg_url)
    assert alerts == deadlines > 0
    wait_for(lambda: len(http_server.to("/hook")) >= alerts, timeout=30, what="every notice")
    assert one.stop() == 0 and two.stop() == 0
    assert set(reads(pg_url).values()) == {1}
    counted = notices(http_server)
    assert sum(counted.values()) == alerts and set(counted.values()) == {1}
    assert "source=" in one.log() and "source=" in two.log()  # both took part


def test_run_once_polls_the_due_sources_then_sends(
    tmp_path: Path, sqlite_url: str, http_server: HttpServer, feeds: FeedServer
) -> None:
    feeds.feed("/press.xml", [CONSULTATION])
    extra = sources_toml({"press": feeds.url("/press.xml")})
    config = write_config(tmp_path / "w.toml", {"hook": [f"json://{http_server.base}/hook"]}, extra)
    daemon = DaemonProcess(sqlite_url, config, tmp_path)
    once = daemon.cli("run", "--once")
    assert once.returncode == 0, once.stderr
    assert "handled 1 alert(s)" in once.stderr
    assert notices(http_server) == Counter({"New deadline, due Fri 15 Jan 2027: Comments due": 1})
    time.sleep(1.2)  # the source is due again after its 1 s interval (a fast start is sooner)
    again = daemon.cli("run", "--once")  # nothing new: a 304, no notice
    assert again.returncode == 0 and "handled 0 alert(s)" in again.stderr
    assert feeds.hits_to("/press.xml")[-1].status == 304
