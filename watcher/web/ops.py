"""/healthz and /metrics: what an operator's monitoring reads.

/healthz answers 200 when the database is reachable and a daemon's heartbeat is fresh, 503
otherwise, with a small JSON body saying which (never a URL or an error's full text).
/metrics is the Prometheus text format, computed at scrape time from a few grouped counts
(:func:`watcher.store.web_queries.metrics_snapshot`): the database is the truth, so every
web process and every daemon report the same figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from watcher.store import web_queries
from watcher.store.models import AlertState, DeadlineStatus
from watcher.store.repository import Store
from watcher.web.app import Web


def alive_within(web: Web) -> timedelta:
    """A heartbeat older than this means the daemon is gone (as `watcher status` says)."""
    from watcher.daemon import options

    return options.alive_within(web.config.daemon)


class StoreCollector(Collector):
    """Reads the store on every scrape."""

    def __init__(self, store: Store, alive: timedelta) -> None:
        self.store = store
        self.alive = alive

    def collect(self) -> Iterator[Metric]:
        snap = web_queries.metrics_snapshot(self.store, self.store.clock(), self.alive)
        alerts = GaugeMetricFamily("watcher_alerts", "Planned alerts by state.", labels=["state"])
        for state in AlertState:
            alerts.add_metric([state.value], snap.alerts_by_state.get(state.value, 0))
        yield alerts
        yield GaugeMetricFamily(
            "watcher_alerts_sent_late", "Alerts sent after their fire time.", snap.alerts_sent_late
        )
        yield GaugeMetricFamily(
            "watcher_queue_due", "Alerts claimable now (the queue depth).", snap.queue_due
        )
        deliveries = CounterMetricFamily(
            "watcher_deliveries",
            "Delivery attempts to one URL, by channel, purpose and outcome.",
            labels=["channel", "purpose", "outcome"],
        )
        for (channel, purpose, outcome), count in sorted(snap.deliveries.items()):
            deliveries.add_metric([channel, purpose, outcome], count)
        yield deliveries
        lateness = HistogramMetricFamily(
            "watcher_alert_lateness_seconds", "Sent time minus planned fire time of sent alerts."
        )
        buckets = [(str(bound), float(n)) for bound, n in snap.lateness_buckets]
        buckets.append(("+Inf", float(snap.lateness_count)))
        lateness.add_metric([], buckets, snap.lateness_sum)
        yield lateness
        deadlines = GaugeMetricFamily(
            "watcher_deadlines", "Deadlines by status.", labels=["status"]
        )
        for status in DeadlineStatus:
            deadlines.add_metric([status.value], snap.deadlines_by_status.get(status.value, 0))
        yield deadlines
        yield GaugeMetricFamily(
            "watcher_sources", "Articles deadlines were read from.", snap.sources
        )
        yield GaugeMetricFamily(
            "watcher_mentions", "Sentences linked to deadlines (extractions kept).", snap.mentions
        )
        yield GaugeMetricFamily(
            "watcher_daemons_alive", "Daemons with a fresh heartbeat.", snap.daemons_alive
        )
        if snap.heartbeat_age is not None:
            yield GaugeMetricFamily(
                "watcher_daemon_heartbeat_age_seconds",
                "Age of the freshest daemon heartbeat.",
                snap.heartbeat_age,
            )


def register(app: FastAPI, web: Web) -> None:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StoreCollector(web.store, alive_within(web)))

    @app.get("/healthz")
    async def healthz() -> Response:
        report = web_queries.health(web.store, web.store.clock())
        limit = alive_within(web).total_seconds()
        daemon_ok = report.heartbeat_age is not None and report.heartbeat_age <= limit
        body = {
            "status": "ok" if report.database_ok and daemon_ok else "unhealthy",
            "database": "ok" if report.database_ok else f"unreachable ({report.database_error})",
            "daemon": (
                "not running"
                if report.heartbeat_age is None
                else ("ok" if daemon_ok else "heartbeat too old")
            ),
            "heartbeat_age_seconds": (
                None if report.heartbeat_age is None else round(report.heartbeat_age, 1)
            ),
        }
        return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)

    @app.get("/metrics")
    async def metrics(request: Request) -> Response:
        if not web.allowed(request):
            return Response(
                "login required (HTTP Basic auth with http.password)\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="watcher"'},
                media_type="text/plain",
            )
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
