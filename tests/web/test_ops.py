"""/healthz and /metrics on uvicorn; /metrics read with prometheus-client's own parser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.daemon.daemon_support import DaemonProcess, RecordingNotifier, free_port, wait_for
from tests.web.conftest import Served
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.store import queue
from watcher.store.repository import DeadlineDraft, Store


@pytest.fixture
def web_db_url(db_url: str) -> str:  # the metrics' SQL differs per backend
    return db_url


def add(store: Store, hours: float, channel: str, title: str = "Report") -> int:
    due = Due(at=store.now() + timedelta(hours=hours), timezone="UTC")
    deadline = store.add_deadline(
        DeadlineDraft(title=title, due=due, leads=parse_leads("1h"), channels=[channel])
    )
    assert deadline.id is not None
    return deadline.id


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_metrics_count_alerts_deliveries_lateness_and_the_queue(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    store = served.store
    add(store, 2, "team", "Sent on time")
    add(store, 3, "team", "Sent late")
    add(store, 30, "console", "Later")
    notifier = RecordingNotifier(failing={"chat"}, permanent={"chat"})
    served.clock.advance(hours=1)  # the first is due now
    dispatch_due(store, notifier, store.now(), Policy(), worker="w1")
    served.clock.advance(hours=1, seconds=90)  # the second, 90 s late
    dispatch_due(store, notifier, store.now(), Policy(), worker="w1")
    with store.write() as session:
        queue.heartbeat(
            session,
            daemon_id="d1",
            host="h",
            pid=1,
            version="t",
            now=store.now() - timedelta(seconds=4),
        )
    served.clock.advance(hours=27)  # the third is due, not yet sent: the queue has one

    with served.client() as client:
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    got = samples(response.text)
    assert got[("watcher_alerts", (("state", "failed"),))] == 2  # chat failed for good, twice
    assert got[("watcher_alerts", (("state", "pending"),))] == 1
    assert got[("watcher_alerts", (("state", "sent"),))] == 0
    assert got[("watcher_queue_due", ())] == 1
    mail = (("channel", "team"), ("outcome", "sent"), ("purpose", "alert"))
    chat = (("channel", "team"), ("outcome", "failed"), ("purpose", "alert"))
    assert got[("watcher_deliveries_total", mail)] == 2
    assert got[("watcher_deliveries_total", chat)] == 2
    assert got[("watcher_deadlines", (("status", "active"),))] == 3
    assert got[("watcher_daemon_heartbeat_age_seconds", ())] == pytest.approx(27 * 3600 + 4, abs=1)
    assert got[("watcher_daemons_alive", ())] == 0
    assert got[("watcher_alert_lateness_seconds_count", ())] == 0  # nothing fully sent


def test_the_lateness_histogram_counts_sent_alerts(serve: Callable[..., Served]) -> None:
    served = serve()
    store = served.store
    add(store, 2, "console", "On time")
    add(store, 3, "console", "Late")
    notifier = RecordingNotifier()
    served.clock.advance(hours=1)
    dispatch_due(store, notifier, store.now(), Policy(), worker="w1")
    served.clock.advance(hours=1, seconds=90)
    dispatch_due(store, notifier, store.now(), Policy(), worker="w1")
    with served.client() as client:
        got = samples(client.get("/metrics").text)
    bucket = "watcher_alert_lateness_seconds_bucket"
    assert got[(bucket, (("le", "1.0"),))] == 1
    assert got[(bucket, (("le", "60.0"),))] == 1
    assert got[(bucket, (("le", "300.0"),))] == 2
    assert got[(bucket, (("le", "+Inf"),))] == 2
    assert got[("watcher_alert_lateness_seconds_sum", ())] == pytest.approx(90, abs=1)
    assert got[("watcher_alerts_sent_late", ())] == 1


def test_metrics_need_the_login_when_a_password_is_set(serve: Callable[..., Served]) -> None:
    served = serve(http={"password": "pw"})
    with served.client() as client:
        refused = client.get("/metrics")
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Basic")
    with served.client(auth=("prometheus", "pw")) as client:
        assert client.get("/metrics").status_code == 200


def test_healthz_reports_the_database_and_the_daemon_heartbeat(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    with served.client() as client:
        alone = client.get("/healthz")
        assert alone.status_code == 503
        assert alone.json() == {
            "status": "unhealthy",
            "database": "ok",
            "daemon": "not running",
            "heartbeat_age_seconds": None,
        }
        with served.store.write() as session:
            queue.heartbeat(
                session, daemon_id="d1", host="h", pid=1, version="t", now=served.store.now()
            )
        served.clock.advance(seconds=5)
        fresh = client.get("/healthz")
        assert fresh.status_code == 200
        assert fresh.json()["heartbeat_age_seconds"] == 5.0
        served.clock.advance(minutes=5)
        stale = client.get("/healthz")
        assert stale.status_code == 503
        assert stale.json()["daemon"] == "heartbeat too old"


@pytest.mark.slow
def test_watcher_run_serves_the_web_face_when_http_is_enabled(
    web_db_url: str, tmp_path: Path
) -> None:
    port = free_port()
    config = tmp_path / "watcher.toml"
    config.write_text(
        'timezone = "UTC"\n[daemon]\nheartbeat_interval = 1\n'
        f"[http]\nenabled = true\nport = {port}\n"
    )
    daemon = DaemonProcess(web_db_url, config, tmp_path).start()
    try:
        url = f"http://127.0.0.1:{port}/healthz"

        def healthy() -> bool:
            try:
                return httpx.get(url, timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(healthy, timeout=30, what="the daemon's /healthz to answer 200")
        body = httpx.get(url, timeout=5).json()
        assert body["status"] == "ok" and body["heartbeat_age_seconds"] < 5
    finally:
        assert daemon.stop() == 0
    assert "web face on http://127.0.0.1:" in daemon.log()


@pytest.mark.slow
def test_watcher_serve_runs_in_the_foreground_until_interrupted(
    web_db_url: str, tmp_path: Path
) -> None:
    import signal
    import subprocess
    import sys

    port = free_port()
    err = tmp_path / "serve.err"
    with err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "watcher", "--db", web_db_url, "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:

        def answering() -> bool:
            try:
                return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 503
            except httpx.HTTPError:
                return False

        wait_for(answering, timeout=60, what="`watcher serve` to answer /healthz")
        assert f"serving on http://127.0.0.1:{port}" in err.read_text()
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
