"""The FastAPI application: one small web app on the same store as the CLI and daemon.

:func:`create_app` wires the pages to the store; every query lives in
:mod:`watcher.store.web_queries` and every rendering step (feed, timeline picture, metrics)
in its own module, so the handlers here only check who is asking and pick a response.

Who may see what: the calendar feed and the action links carry their own tokens (a
calendar app or a phone cannot log in); everything else needs the login when
``http.password`` is set (a session cookie, or HTTP Basic auth for scrapers), and is
served only on loopback when it is not. Every form carries a CSRF token.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates

from watcher.config import Config
from watcher.store import web_queries
from watcher.store.repository import Store
from watcher.web.links import LinkSigner
from watcher.web.security import (
    CSRF_FIELD,
    SECURITY_HEADERS,
    SESSION_COOKIE,
    Session,
    SessionCodec,
    allowed_hosts,
    basic_auth_password,
    host_name,
    password_ok,
)
from watcher.web.settings import HttpSettings

HERE = Path(__file__).parent


class Refused(Exception):
    """A request answered with a notice page (403 tampered, 410 used or expired, ...)."""

    def __init__(self, status: int, heading: str, text: str) -> None:
        super().__init__(text)
        self.status, self.heading, self.text = status, heading, text


@dataclass
class Web:
    """What every handler needs."""

    store: Store
    config: Config
    settings: HttpSettings
    codec: SessionCodec
    signer: LinkSigner
    templates: Jinja2Templates
    hosts: set[str]

    def session(self, request: Request) -> Session:
        return request.state.session  # type: ignore[no-any-return]

    def page(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        session = self.session(request)
        base = {
            "csrf": self.codec.csrf_token(session),
            "logged_in": bool(self.settings.password) and session.authenticated,
            "show_nav": self.allowed(request),
        }
        return self.templates.TemplateResponse(request, name, base | context, status_code=status)

    def notice(
        self, request: Request, status: int, heading: str, text: str, tone: str = "bad"
    ) -> HTMLResponse:
        return self.page(
            request, "notice.html", {"heading": heading, "text": text, "tone": tone}, status
        )

    def allowed(self, request: Request) -> bool:
        """Logged in, or no password needed (loopback), or Basic auth with the password."""
        if not self.settings.password or self.session(request).authenticated:
            return True
        given = basic_auth_password(request.headers.get("authorization"))
        return password_ok(self.settings.password, given)

    def login_redirect(self, request: Request) -> RedirectResponse:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    async def form(self, request: Request) -> dict[str, str]:
        """The posted form, once its CSRF token matched the session's (else 403)."""
        form = await request.form()
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        if not self.codec.csrf_ok(self.session(request), values.get(CSRF_FIELD)):
            raise Refused(
                403,
                "Form refused",
                "This form did not come from this page or has expired: go back, reload the "
                "page and try again. Nothing was changed.",
            )
        return values


def create_app(store: Store, config: Config, settings: HttpSettings | None = None) -> FastAPI:
    """The web app on ``store``; ``settings`` default to the configuration's ``[http]``."""
    settings = settings or HttpSettings.from_mapping(config.http)
    secret = web_queries.web_secret(store)
    web = Web(
        store=store,
        config=config,
        settings=settings,
        codec=SessionCodec(secret, timedelta(seconds=settings.session_lifetime)),
        signer=LinkSigner(secret),
        templates=Jinja2Templates(directory=str(HERE / "templates")),
        hosts=allowed_hosts(settings.public_url),
    )
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, title="watcher")
    app.state.web = web

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        now = store.clock()
        session = web.codec.load(request.cookies.get(SESSION_COOKIE), now)
        request.state.session = session or web.codec.new(now)
        if not settings.password and host_name(request.headers.get("host", "")) not in web.hosts:
            response: Response = Response(
                "watcher: this address is served on loopback only\n",
                status_code=403,
                media_type="text/plain",
            )
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        current: Session = request.state.session
        if current.fresh:
            response.set_cookie(
                SESSION_COOKIE,
                web.codec.dump(current),
                max_age=int(settings.session_lifetime),
                httponly=True,
                samesite="lax",
                secure=settings.public_url.startswith("https://"),
                path="/",
            )
        return response

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        return web.notice(request, error.status, error.heading, error.text)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if not hasattr(request.state, "session"):
            return Response(str(error.detail), status_code=error.status_code)
        heading = "Not found" if error.status_code == 404 else "Request refused"
        return web.notice(request, error.status_code, heading, str(error.detail))

    @app.get("/static/style.css", include_in_schema=False)
    async def stylesheet() -> FileResponse:
        return FileResponse(HERE / "static" / "style.css", media_type="text/css")

    @app.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request, next: str = "/") -> Response:
        if not settings.password:
            return RedirectResponse("/", status_code=303)
        return web.page(request, "login.html", {"next": _safe_next(next), "error": ""})

    @app.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        values = await web.form(request)
        target = _safe_next(values.get("next", "/"))
        if not password_ok(settings.password, values.get("password")):
            context = {"next": target, "error": "Wrong password."}
            return web.page(request, "login.html", context, status=401)
        request.state.session = web.codec.new(store.clock(), authenticated=True)
        return RedirectResponse(target, status_code=303)

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await web.form(request)
        request.state.session = web.codec.new(store.clock())
        return RedirectResponse("/login" if settings.password else "/", status_code=303)

    from watcher.web import actions, ops, review, routes

    routes.register(app, web)
    actions.register(app, web)
    ops.register(app, web)
    review.register(app, web)
    return app


def _safe_next(target: str) -> str:
    """Only same-site paths: never an open redirect to another host."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


__all__ = ["Refused", "Web", "create_app"]
