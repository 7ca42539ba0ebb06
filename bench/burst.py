"""A burst: N alerts due at the same instant, delivered to a loopback JSON webhook.

Runs watcher (`watcher run`, 1 or more daemons, SQLite or PostgreSQL) and the naive peer
(``bench/naive_peer.py``: APScheduler + SQLAlchemyJobStore + Apprise) side by side, each
with the webhook answering at once and after an added latency, and prints for each: the
drain rate (alerts per second from the due instant to the last arrival), lateness p50 /
p99 / max (arrival - due instant), CPU per alert (the sender processes' user+system time
from the due instant to the end, divided by N), duplicates, and how many messages carried
them (watcher groups reminders due together, ``--group-window``; 0 sends one each).

    python bench/burst.py [--alerts 10000] [--latency-ms 0,100] [--db URL] [--daemons 1]
        [--only watcher|peer] [--group-window 5] [--rate 1/s] [--spread 0]

``--spread S`` turns the burst into light load: the alerts fall due evenly over S seconds
(``--alerts 200 --spread 120 --group-window 0`` is the issue's "200 alerts over 2 minutes"),
and lateness is each alert's arrival minus its own due instant.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TICK = os.sysconf("SC_CLK_TCK")
NAME = re.compile(r"burst-\d+\b")


class Webhook:
    """Loopback JSON endpoint: waits ``latency`` seconds, answers 200, notes the arrival of
    each alert a message names (a grouped message names several)."""

    def __init__(self, latency: float, names: re.Pattern[str] = NAME) -> None:
        self.arrivals: list[tuple[float, str]] = []
        self.messages = 0
        self.lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                import json

                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if latency:
                    time.sleep(latency)
                payload = json.loads(body)
                found = names.findall(f"{payload.get('title', '')}\n{payload.get('message', '')}")
                at = time.time()
                with hook.lock:
                    hook.messages += 1
                    hook.arrivals.extend((at, name) for name in dict.fromkeys(found))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            request_queue_size = 512

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a sender killed mid-request (bench/kill_recovery.py) resets it

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"json://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def due_times(start: datetime, count: int, spread: float) -> list[datetime]:
    """When each alert is due: all at ``start``, or evenly over ``spread`` seconds."""
    step = spread / count if count else 0.0
    return [start + timedelta(seconds=n * step) for n in range(count)]


def fill_watcher(db: str, url: str, dues: list[datetime]) -> None:
    """A deadline with one lead-0 alert per instant in ``dues``, on channel hook."""
    from sqlalchemy import insert

    from watcher.store.database import open_engine
    from watcher.store.models import Alert, Deadline
    from watcher.store.repository import Store

    store = Store(open_engine(db))
    now = datetime.now(UTC)
    with store.write() as session:
        rows = [
            {
                "title": f"burst-{n}",
                "due_at": due,
                "timezone": "UTC",
                "all_day": False,
                "kind": "deadline",
                "tags": [],
                "status": "active",
                "notes": "",
                "leads": ["0"],
                "channels": ["hook"],
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for n, due in enumerate(dues)
        ]
        ids = session.execute(insert(Deadline).returning(Deadline.id), rows).scalars().all()
        session.execute(
            insert(Alert),
            [
                {
                    "deadline_id": deadline_id,
                    "kind": "reminder",
                    "lead": "0",
                    "channel": "hook",
                    "fire_at": due,
                    "next_try_at": due,
                    "state": "pending",
                    "attempts": 0,
                    "late": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for deadline_id, due in zip(ids, dues, strict=True)
            ],
        )
        store.bump_change_serial(session)
    store.close()


def fresh_db(tmp: str, name: str, pg: str | None) -> str:
    if not pg:
        return f"sqlite:///{Path(tmp) / name}.db"
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    database = f"bench_{name}_{os.getpid()}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{database}"')
    admin.dispose()
    return make_url(pg).set(database=database).render_as_string(hide_password=False)


def run_watcher(args: argparse.Namespace, latency: float, tmp: str) -> dict[str, float]:
    hook = Webhook(latency)
    db = fresh_db(tmp, f"w{int(latency * 1000)}", args.db)
    env = dict(os.environ, XDG_CONFIG_HOME=f"{tmp}/cfg", XDG_DATA_HOME=f"{tmp}/data")
    config = Path(tmp) / "burst.toml"
    rate = f'rate = "{args.rate}"\n' if args.rate else ""
    config.write_text(
        f'timezone = "UTC"\ndefault_channels = ["hook"]\n'
        f"[daemon]\ngroup_window = {args.group_window}\n"
        f'[channels.hook]\nurls = ["{hook.url}"]\n{rate}'
    )
    watcher = [sys.executable, "-m", "watcher", "--db", db, "--config", str(config)]
    subprocess.run([*watcher, "db", "upgrade"], env=env, check=True, capture_output=True)
    due = (datetime.now(UTC) + timedelta(seconds=15 + args.alerts / 1000)).replace(microsecond=0)
    dues = due_times(due, args.alerts, args.spread)
    fill_watcher(db, hook.url, dues)
    daemons = [
        subprocess.Popen(
            [*watcher, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(args.daemons)
    ]
    result = measure(hook, [d.pid for d in daemons], dues)
    for daemon in daemons:
        daemon.terminate()
    for daemon in daemons:
        daemon.wait(timeout=60)
    hook.close()
    return result


def run_peer(args: argparse.Namespace, latency: float, tmp: str) -> dict[str, float]:
    hook = Webhook(latency)
    db = f"sqlite:///{Path(tmp) / f'peer{int(latency * 1000)}.db'}"
    due = (datetime.now(UTC) + timedelta(seconds=15 + args.alerts / 400)).replace(microsecond=0)
    peer = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("naive_peer.py")),
            "--db",
            db,
            "--url",
            hook.url,
            "--alerts",
            str(args.alerts),
            "--at",
            due.isoformat(),
            "--spread",
            str(args.spread),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert peer.stdout is not None
    peer.stdout.readline()  # "ready": every job is stored
    if datetime.now(UTC) >= due:
        print("  (peer: storing the jobs took longer than the lead time)")
    result = measure(hook, [peer.pid], due_times(due, args.alerts, args.spread))
    peer.terminate()
    peer.wait(timeout=60)
    hook.close()
    return result


def measure(hook: Webhook, pids: list[int], dues: list[datetime]) -> dict[str, float]:
    """Wait for every alert (``burst-N`` is due at ``dues[N]``), then the figures: the drain
    rate runs from the first due instant to the last arrival."""
    count, due = len(dues), dues[0]
    while datetime.now(UTC) < due:
        time.sleep(0.01)
    cpu_start = sum(cpu_seconds(pid) for pid in pids)
    give_up = time.monotonic() + 600
    while time.monotonic() < give_up:
        with hook.lock:
            seen = {title for _, title in hook.arrivals}
        if len(seen) >= count:
            break
        time.sleep(0.05)
    time.sleep(1.0)  # room for duplicates
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_start
    with hook.lock:
        arrivals = list(hook.arrivals)
        messages = hook.messages
    firsts: dict[str, float] = {}
    for at, title in sorted(arrivals):
        firsts.setdefault(title, at)
    late = sorted(at - dues[int(title.split("-")[1])].timestamp() for title, at in firsts.items())
    duplicates = sum(n - 1 for n in Counter(t for _, t in arrivals).values())
    span = max(firsts.values()) - due.timestamp() if firsts else float("nan")
    return {
        "delivered": len(firsts),
        "rate": len(firsts) / span if span > 0 else float("nan"),
        "p50": statistics.median(late) if late else float("nan"),
        "p99": late[int(0.99 * (len(late) - 1))] if late else float("nan"),
        "max": late[-1] if late else float("nan"),
        "cpu_ms": cpu * 1000 / max(len(firsts), 1),
        "duplicates": duplicates,
        "messages": messages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alerts", type=int, default=10000)
    parser.add_argument("--latency-ms", default="0,100")
    parser.add_argument("--db", help="a PostgreSQL URL whose server may create databases")
    parser.add_argument("--daemons", type=int, default=1)
    parser.add_argument("--only", choices=("watcher", "peer"))
    parser.add_argument(
        "--group-window", type=float, default=5, help="watcher's daemon.group_window (s)"
    )
    parser.add_argument("--rate", help='a rate limit on watcher\'s channel, e.g. "1/s"')
    parser.add_argument("--spread", type=float, default=0, help="due evenly over S seconds")
    args = parser.parse_args()
    store = "PostgreSQL" if args.db else "SQLite"
    print(
        f"burst of {args.alerts:,}; watcher on {store} with {args.daemons} daemon(s), "
        f"group_window {args.group_window:g} s"
        + (f", rate {args.rate}" if args.rate else "")
        + (f", due evenly over {args.spread:g} s" if args.spread else "")
    )
    print(
        f"{'sender':<28}{'latency':>8}{'drained/s':>11}{'p50 s':>8}{'p99 s':>8}{'max s':>8}"
        f"{'CPU ms/alert':>14}{'dups':>6}{'messages':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for latency_ms in [int(x) for x in args.latency_ms.split(",")]:
            runs = []
            if args.only != "peer":
                runs.append((f"watcher ({store}, {args.daemons})", run_watcher))
            if args.only != "watcher":
                runs.append(("naive APScheduler peer", run_peer))
            for name, run in runs:
                r = run(args, latency_ms / 1000, tmp)
                print(
                    f"{name:<28}{latency_ms:>6}ms{r['rate']:>11.0f}{r['p50']:>8.3f}"
                    f"{r['p99']:>8.3f}{r['max']:>8.3f}{r['cpu_ms']:>14.2f}"
                    f"{int(r['duplicates']):>6}{int(r['messages']):>10}"
                    + ("" if r["delivered"] == args.alerts else f"  ({r['delivered']} arrived)"),
                    flush=True,
                )


if __name__ == "__main__":
    main()
