"""What does watching sources cost, and how soon does a new article's deadline arrive?

Serves N feeds (default 500) from a loopback HTTP server with ETags and runs `watcher run`
as a real process watching all of them, with a json:// webhook recording the notices:

1. unchanged feeds: every poll is a conditional GET answered 304; the daemon's CPU seconds
   (user + system, from /proc) per 1,000 polls;
2. changed feeds: every answer carries one new article with a deadline, so each poll parses
   the feed, extracts the article, stores the deadline and its "new deadline" notice;
   CPU seconds per 1,000 polls (delivery of those notices included);
3. latency: with feeds polled every ``--every`` seconds, an article appears in a random
   feed; the time from its appearance to its notice at the webhook, and from the poll that
   fetched it to the notice (the part that is not waiting for the next poll).

The daemon's resident memory (and peak) is printed at the end.

    python bench/source_polling.py [--sources 500] [--seconds 20] [--every 10] [--samples 20]
                                   [--db URL]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from watcher.store.database import open_engine
from watcher.store.models import WatchedSource
from watcher.store.repository import Store

TICKS = os.sysconf("SC_CLK_TCK")


def item(key: str, n: int) -> str:
    """A feed item whose deadline falls on a day of its own (n days after 1 Jan 2027), so
    each one is a new deadline rather than another mention of a known one."""
    when = date(2027, 1, 1) + timedelta(days=n)
    day = f"{when:%B} {when.day}, {when.year}"
    published = format_datetime(datetime.now(UTC))
    return (
        f"<item><title>Notice {key}</title><link>https://example.org/{key}</link>"
        f"<pubDate>{published}</pubDate><description>Applications for the grant round "
        f"{key} close on {day}, the agency said.</description></item>"
    )


class Feeds:
    """Feed /fN.xml; ``changing`` makes every answer carry a new article."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.bodies = {i: self._render(i, [item(f"s{i}-old", i)]) for i in range(count)}
        self.changing = False
        self.counter = 0
        self.lock = threading.Lock()
        self.fetched: dict[str, float] = {}  # article key -> first time a poll got it
        self.pending: dict[int, str] = {}
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feeds.answer(self)

            def do_POST(self) -> None:
                feeds.webhook(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.notices: dict[str, float] = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @staticmethod
    def _render(i: int, items: list[str]) -> bytes:
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>Agency {i}</title>{''.join(items)}</channel></rss>"
        ).encode()

    def add(self, i: int, key: str, n: int) -> None:
        with self.lock:
            self.bodies[i] = self._render(i, [item(key, n), item(f"s{i}-old", i)])
            self.pending[i] = key

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        try:
            i = int(handler.path.split("?")[0][2:].split(".")[0])
        except ValueError:
            handler.send_error(404)
            return
        with self.lock:
            if self.changing:
                self.counter += 1
                self.bodies[i] = self._render(
                    i, [item(f"c{self.counter}", self.counter), item(f"s{i}-old", i)]
                )
            body = self.bodies[i]
            if i in self.pending:
                self.fetched.setdefault(self.pending.pop(i), time.time())
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("ETag", etag)
        handler.end_headers()
        handler.wfile.write(body)

    def webhook(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        title = json.loads(handler.rfile.read(length)).get("message", "")
        with self.lock:
            for line in title.splitlines():
                if line.startswith("Article: Notice "):
                    self.notices.setdefault(line.removeprefix("Article: Notice "), time.time())
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"{}")


def write_config(path: Path, feeds: Feeds, every: float) -> None:
    lines = [
        'timezone = "UTC"',
        'default_channels = ["hook"]',
        "[channels.hook]",
        f'urls = ["json://127.0.0.1:{feeds.port}/hook"]',
        "[watch]",
        'min_interval = "1s"',
        "timeout = 5",
    ]
    for i in range(feeds.count):
        lines += [f"[sources.s{i}]", f'url = "http://127.0.0.1:{feeds.port}/f{i}.xml"']
        lines += [f"every = {every}"]
    path.write_text("\n".join(lines) + "\n")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory(pid: int) -> tuple[float, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def polls(store: Store) -> int:
    with store.session() as session:
        return int(session.exec(select(func.sum(WatchedSource.checks))).one() or 0)


class Daemon:
    def __init__(self, db: str, config: Path, workdir: Path) -> None:
        self.log = (workdir / "daemon.err").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "watcher", "--db", db, "--config", str(config), "run"],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


def wait_until(predicate: Any, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def measure(store: Store, daemon: Daemon, seconds: float) -> tuple[float, int]:
    cpu0, polls0 = cpu_seconds(daemon.proc.pid), polls(store)
    time.sleep(seconds)
    return cpu_seconds(daemon.proc.pid) - cpu0, polls(store) - polls0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=20.0, help="per CPU phase")
    parser.add_argument("--every", type=float, default=10.0, help="interval, latency phase")
    parser.add_argument("--samples", type=int, default=20, help="articles, latency phase")
    parser.add_argument("--db", help="database URL [default: a fresh SQLite file]")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="watcher-bench-"))
    db = args.db or f"sqlite:///{workdir / 'bench.db'}"
    store = Store(open_engine(db))
    feeds = Feeds(args.sources)
    config = workdir / "watcher.toml"
    print(f"{args.sources} sources on 127.0.0.1:{feeds.port}, store {db.split(':')[0]}")

    # Phases 1 and 2: every feed polled as often as the daemon can (every = 1 s).
    write_config(config, feeds, every=1.0)
    daemon = Daemon(db, config, workdir)
    try:
        if not wait_until(lambda: polls(store) >= 2 * args.sources, 300):
            sys.exit("the daemon did not poll every source twice within 300 s")
        cpu, count = measure(store, daemon, args.seconds)
        rate = count / args.seconds
        print(
            f"unchanged (304):  {count} polls in {args.seconds:g} s ({rate:.0f}/s); "
            f"{1000 * cpu / max(count, 1):.2f} CPU s per 1,000 polls"
        )
        feeds.changing = True
        time.sleep(2)
        cpu, count = measure(store, daemon, args.seconds)
        feeds.changing = False
        rate = count / args.seconds
        print(
            f"changed feeds:    {count} polls in {args.seconds:g} s ({rate:.0f}/s), "
            f"each reading 1 new article with a deadline and queuing its notice; "
            f"{1000 * cpu / max(count, 1):.2f} CPU s per 1,000 polls"
        )
        rss, peak = memory(daemon.proc.pid)
        print(f"daemon memory:    {rss:.1f} MiB resident (peak {peak:.1f} MiB)")
    finally:
        daemon.stop()

    # Phase 3: latency at a realistic interval.
    write_config(config, feeds, every=args.every)
    daemon = Daemon(db, config, workdir)
    try:
        time.sleep(args.every + 5)  # one round of (now mostly unchanged) polls
        appear: dict[str, float] = {}
        rng = random.Random(8)
        for n in range(args.samples):
            key = f"lat{n}"
            source = rng.randrange(args.sources)
            appear[key] = time.time()
            feeds.add(source, key, 20_000 + n)
            if not wait_until(lambda k=key: k in feeds.notices, 3 * args.every + 30):
                sys.exit(f"no notice for {key}")
            time.sleep(rng.uniform(0, 1))
        total = sorted(feeds.notices[k] - appear[k] for k in appear)
        after_fetch = sorted(feeds.notices[k] - feeds.fetched[k] for k in appear)
        print(
            f"appear -> notice: median {statistics.median(total):.2f} s, "
            f"max {total[-1]:.2f} s (polling interval {args.every:g} s)"
        )
        print(
            f"fetch -> notice:  median {statistics.median(after_fetch):.3f} s, "
            f"max {after_fetch[-1]:.3f} s (target: under 2 s plus the interval)"
        )
        rss, peak = memory(daemon.proc.pid)
        print(f"daemon memory:    {rss:.1f} MiB resident (peak {peak:.1f} MiB), after phase 3")
    finally:
        daemon.stop()
        store.close()


if __name__ == "__main__":
    main()
