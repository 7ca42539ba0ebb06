"""The routes: the calendar feed (its token is the key), and the pages behind the login."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from watcher.store import web_queries
from watcher.web.app import Refused, Web


def register(app: FastAPI, web: Web) -> None:
    @app.get("/calendar/{token}.ics")
    async def calendar_feed(request: Request, token: str, tag: str | None = None) -> Response:
        from watcher.web.feed import render_feed

        if not hmac.compare_digest(token.encode(), web_queries.feed_token(web.store).encode()):
            raise Refused(403, "Unknown feed", "This calendar address is not (or no longer) valid.")
        deadlines = web_queries.feed_deadlines(web.store, tag=tag or None)
        body = render_feed(
            deadlines,
            name=f"watcher: {tag}" if tag else "watcher",
            all_day_time=web.config.all_day_time,
            page_url=f"{web.settings.public_url}/deadlines/" if web.settings.public_url else "",
        )
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(body, media_type="text/calendar; charset=utf-8", headers={"ETag": etag})

    @app.get("/", response_class=HTMLResponse)
    async def dashboard(request: Request) -> Response:
        if not web.allowed(request):
            return web.login_redirect(request)
        return web.page(request, "dashboard.html", {})
