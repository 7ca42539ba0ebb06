"""The script a user would write instead of watcher: APScheduler + SQLAlchemyJobStore + Apprise.

One persistent date job per alert, each building an Apprise object and sending. It is the
comparison peer of ``bench/burst.py`` and is run by it; by hand:

    python bench/naive_peer.py --db sqlite:///peer.db --url json://127.0.0.1:8000/hook \
        --alerts 1000 --at 2026-12-02T09:00:00+00:00
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from datetime import datetime, timedelta

import apprise
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

URL = ""


def send(title: str) -> None:
    """What the job does: one Apprise object, one URL, one notification."""
    client = apprise.Apprise()
    client.add(URL)
    client.notify(title=title, body=f"{title}\nDue now.")


def main() -> None:
    global URL
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--alerts", type=int, required=True)
    parser.add_argument("--at", required=True, help="when every alert is due (ISO 8601)")
    parser.add_argument("--spread", type=float, default=0, help="due evenly over S seconds")
    args = parser.parse_args()
    URL = args.url
    at = datetime.fromisoformat(args.at)
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=args.db)},
        job_defaults={"misfire_grace_time": 3600},
        timezone="UTC",
    )
    scheduler.start(paused=True)
    step = timedelta(seconds=args.spread / args.alerts if args.alerts else 0)
    for n in range(args.alerts):
        run_date = at + n * step
        scheduler.add_job(send, "date", run_date=run_date, args=[f"burst-{n}"], id=f"burst-{n}")
    scheduler.resume()
    print("ready", flush=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
    scheduler.shutdown(wait=False)
    sys.exit(0)


if __name__ == "__main__":
    main()
