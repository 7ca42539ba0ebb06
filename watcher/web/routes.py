"""The routes: the calendar feed (its token is the key) and the pages behind the login:
the dashboard, each deadline's page, and their two forms (done, snooze).

Handlers that only read are plain functions (FastAPI runs them in its thread pool, so a
slow query never stalls the event loop); the ones that read a form hand the store work to
the pool themselves.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from watcher.clock import ensure_utc
from watcher.core.messages import format_due, format_local, relative_to
from watcher.core.planning import Due
from watcher.core.zones import get_zone
from watcher.errors import NotFoundError, UsageError
from watcher.store import sources_watch, web_queries
from watcher.store.models import AlertState, Deadline, DeadlineStatus
from watcher.store.repository import due_of
from watcher.web.app import Refused, Web
from watcher.web.timeline_svg import KIND_COLOURS, Mark, legend, render_timeline, week_start

WEEKS = 12
PER_PAGE = 50
FEED_CACHE_SIZE = 16
SNOOZE_CHOICES = {"1h": timedelta(hours=1), "3h": timedelta(hours=3), "1d": timedelta(days=1)}


def _login_needed() -> Refused:
    return Refused(403, "Log in first", "This form needs the login. Nothing was changed.")


def _row(deadline: Deadline, now: Any) -> dict[str, Any]:
    due = due_of(deadline)
    return {
        "id": deadline.id,
        "title": deadline.title,
        "due": format_due(due),
        "relative": relative_to(due, now),
        "kind": deadline.kind,
        "colour": KIND_COLOURS.get(deadline.kind, KIND_COLOURS["other"]),
        "tags": ", ".join(deadline.tags),
    }


def _highlight(sentence: str, span: str) -> tuple[str, str, str]:
    """The sentence split around the words that named the date (for <mark>)."""
    at = sentence.find(span) if span else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], span, sentence[at + len(span) :]


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _changes(action: str, changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, old, new) rows; a creation records a snapshot of values, not pairs."""
    rows = []
    for key, change in sorted(changes.items()):
        if action != "created" and isinstance(change, list) and len(change) == 2:
            rows.append((key, _shown(change[0]), _shown(change[1])))
        elif change not in (None, "", []):
            rows.append((key, "", _shown(change)))
    return rows


def register(app: FastAPI, web: Web) -> None:
    # Rendered feeds by (change serial, tag): every write bumps the serial, so a calendar
    # app polling an unchanged store costs one small read, not a render.
    feed_cache: dict[tuple[int, str | None], tuple[bytes, str]] = {}

    @app.get("/calendar/{token}.ics")
    def calendar_feed(request: Request, token: str, tag: str | None = None) -> Response:
        from watcher.web.feed import render_feed

        if not hmac.compare_digest(token.encode(), web_queries.feed_token(web.store).encode()):
            raise Refused(403, "Unknown feed", "This calendar address is not (or no longer) valid.")
        key = (web.store.change_serial(), tag or None)  # read before the rows: never stale
        cached = feed_cache.get(key)
        if cached is None:
            deadlines = web_queries.feed_deadlines(web.store, tag=tag or None)
            body = render_feed(
                deadlines,
                name=f"watcher: {tag}" if tag else "watcher",
                all_day_time=web.config.all_day_time,
                page_url=f"{web.settings.public_url}/deadlines/" if web.settings.public_url else "",
            )
            cached = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
            if len(feed_cache) >= FEED_CACHE_SIZE:
                feed_cache.clear()
            feed_cache[key] = cached
        body, etag = cached
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(body, media_type="text/calendar; charset=utf-8", headers={"ETag": etag})

    @app.get("/", response_class=HTMLResponse)
    def dashboard(request: Request, page: int = 1) -> Response:
        if not web.allowed(request):
            return web.login_redirect(request)
        now = web.store.clock()
        zone = web.config.timezone
        today = ensure_utc(now).astimezone(get_zone(zone)).date()
        window_end = Due.for_date(week_start(today) + timedelta(weeks=WEEKS), zone).at
        page = max(1, page)
        data = web_queries.dashboard(
            web.store, now, window_end=window_end, offset=(page - 1) * PER_PAGE, limit=PER_PAGE
        )
        marks = [
            Mark(
                deadline_id=d.id or 0,
                title=d.title,
                kind=d.kind,
                day=Due(at=d.due_at, timezone=d.timezone, all_day=d.all_day).local_date,
                when=format_local(d.due_at, d.timezone),
            )
            for d in data.window
        ]
        kinds = sorted({m.kind for m in marks})
        pages = max(1, -(-data.total // PER_PAGE))
        with web.store.session() as session:
            watched = [
                {
                    "name": row.name,
                    "last_check": format_local(row.last_check_at, zone)
                    if row.last_check_at
                    else "never",
                    "last_change": format_local(row.last_change_at, zone)
                    if row.last_change_at
                    else "-",
                    "error": row.last_error or "",
                    "articles": row.articles_seen,
                }
                for row in sources_watch.list_sources(session)
            ]
        return web.page(
            request,
            "dashboard.html",
            {
                "timeline": render_timeline(marks, today, WEEKS),
                "sources": watched,
                "legend": legend(kinds) if kinds else "",
                "in_window": len(marks),
                "weeks": WEEKS,
                "rows": [_row(d, now) for d in data.rows],
                "total": data.total,
                "page": page,
                "pages": pages,
            },
        )

    @app.get("/deadlines/{deadline_id}", response_class=HTMLResponse)
    def deadline(request: Request, deadline_id: int, note: str = "") -> Response:
        if not web.allowed(request):
            return web.login_redirect(request)
        try:
            found = web_queries.deadline_page(web.store, deadline_id)
        except NotFoundError:
            raise Refused(404, "Not found", f"There is no deadline {deadline_id}.") from None
        now = web.store.clock()
        item = found.view.deadline
        zone = item.timezone
        active = item.status == DeadlineStatus.ACTIVE
        alerts = [
            {
                "id": o.alert.id,
                "kind": o.alert.kind,
                "lead": o.alert.lead,
                "channel": o.alert.channel,
                "at": format_local(o.alert.sent_at or o.alert.next_try_at, zone),
                "state": o.alert.state,
                "late": o.alert.late,
                "attempts": o.alert.attempts,
                "error": o.alert.last_error or "",
                "snoozable": active and o.alert.state in (AlertState.PENDING, AlertState.SENT),
                "deliveries": [
                    {
                        "target": x.target,  # stored masked (watcher.config.mask_url)
                        "outcome": x.outcome,
                        "error": x.error or "",
                        "at": format_local(x.at, zone),
                    }
                    for x in o.deliveries
                ],
            }
            for o in found.alerts
        ]
        notes = {
            "done": "Marked done; its remaining reminders are cancelled.",
            "snoozed": "Snoozed: the new reminder is listed below.",
        }
        return web.page(
            request,
            "deadline.html",
            {
                "d": _row(item, now),
                "status": item.status,
                "active": active,
                "timezone": zone,
                "notes": item.notes,
                "version": item.version,
                "leads": ", ".join(item.leads),
                "channels": ", ".join(item.channels),
                "history": [
                    {
                        "version": h.version,
                        "at": format_local(h.at, zone),
                        "action": h.action,
                        "changes": _changes(h.action, h.changes),
                    }
                    for h in found.view.history
                ],
                "sources": [
                    {
                        "title": s.title or s.location,
                        "location": s.location,
                        "link": s.location.startswith(("http://", "https://")),
                        "published": s.published,
                        "parts": _highlight(m.sentence, m.span),
                    }
                    for m, s in found.view.mentions
                ],
                "alerts": alerts,
                "note": notes.get(note, ""),
                "snooze_choices": list(SNOOZE_CHOICES),
            },
        )

    @app.post("/deadlines/{deadline_id}/done")
    async def mark_done(request: Request, deadline_id: int) -> Response:
        await web.form(request)
        if not web.allowed(request):
            raise _login_needed()
        try:
            await run_in_threadpool(web.store.set_status, deadline_id, DeadlineStatus.DONE)
        except NotFoundError:
            raise Refused(404, "Not found", f"There is no deadline {deadline_id}.") from None
        return RedirectResponse(f"/deadlines/{deadline_id}?note=done", status_code=303)

    @app.post("/alerts/{alert_id}/snooze")
    async def snooze(request: Request, alert_id: int) -> Response:
        values = await web.form(request)
        if not web.allowed(request):
            raise _login_needed()
        label = values.get("for", "")
        if label not in SNOOZE_CHOICES:
            raise Refused(400, "Not understood", "Choose how long to snooze: 1h, 3h or 1d.")
        try:
            deadline, _ = await run_in_threadpool(
                web_queries.snooze_alert, web.store, alert_id, SNOOZE_CHOICES[label], label
            )
        except web_queries.LinkTargetGone:
            raise Refused(404, "Not found", f"There is no alert {alert_id}.") from None
        except UsageError as error:
            raise Refused(409, "Not possible", str(error)) from None
        return RedirectResponse(f"/deadlines/{deadline.id}?note=snoozed", status_code=303)
