"""The pages behind the login: the dashboard (more in later modules)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from watcher.web.app import Web


def register(app: FastAPI, web: Web) -> None:
    @app.get("/", response_class=HTMLResponse)
    async def dashboard(request: Request) -> Response:
        if not web.allowed(request):
            return web.login_redirect(request)
        return web.page(request, "dashboard.html", {})
