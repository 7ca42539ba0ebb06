"""Act from the message: GET /act/TOKEN asks, POST /act/TOKEN acts.

A link preview in a chat app only ever GETs, so it can never mark anything done. The token
is the key (a phone has no session yet), and the confirmation page's form carries the CSRF
token of the session that GET opened. Tampered links answer 403, expired and used ones 410,
each with a page that says so; none of them changes anything.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from watcher.core.messages import format_due, format_local, relative_to
from watcher.errors import UsageError
from watcher.store import web_queries
from watcher.store.repository import due_of
from watcher.web.app import Refused, Web
from watcher.web.links import ACTIONS, SNOOZE_LEADS, ExpiredLink, LinkClaim, TamperedLink

BUTTONS = {"done": "Mark done", "snooze-1h": "Snooze 1 hour", "snooze-1d": "Snooze 1 day"}
SNOOZE_DELAYS = {"snooze-1h": timedelta(hours=1), "snooze-1d": timedelta(days=1)}


def _claim(web: Web, token: str) -> LinkClaim:
    try:
        claim = web.signer.read(token, web.store.clock())
    except TamperedLink:
        raise Refused(
            403, "Link refused", "This link is not one watcher made, or it was changed."
        ) from None
    except ExpiredLink:
        raise Refused(
            410,
            "Link expired",
            "This link has expired. Act on the deadline from the dashboard or the command "
            "line instead.",
        ) from None
    return claim


def _used() -> Refused:
    return Refused(410, "Link already used", "This link has already been used; it works once.")


def _gone() -> Refused:
    return Refused(404, "Not found", "The deadline or reminder this link names no longer exists.")


def register(app: FastAPI, web: Web) -> None:
    @app.get("/act/{token}", response_class=HTMLResponse)
    async def confirm(request: Request, token: str) -> Response:
        claim = _claim(web, token)
        if web_queries.link_used(web.store, claim.nonce):
            raise _used()
        try:
            target = web_queries.link_target(web.store, claim.action, claim.target_id)
        except web_queries.LinkTargetGone:
            raise _gone() from None
        deadline = target.deadline
        due = due_of(deadline)
        action = ACTIONS[claim.action]
        return web.page(
            request,
            "act.html",
            {
                "heading": action[0].upper() + action[1:] + "?",
                "title": deadline.title,
                "due": format_due(due),
                "relative": relative_to(due, web.store.clock()),
                "channel": target.alert.channel if target.alert else "",
                "token": token,
                "button": BUTTONS[claim.action],
                "expires": format_local(claim.expires, deadline.timezone),
            },
        )

    @app.post("/act/{token}", response_class=HTMLResponse)
    async def act(request: Request, token: str) -> Response:
        await web.form(request)
        claim = _claim(web, token)
        try:
            target, until = web_queries.act_on_link(
                web.store,
                nonce=claim.nonce,
                action=claim.action,
                target_id=claim.target_id,
                snooze=SNOOZE_DELAYS.get(claim.action),
            )
        except web_queries.LinkUsed:
            raise _used() from None
        except web_queries.LinkTargetGone:
            raise _gone() from None
        except UsageError as error:
            raise Refused(409, "Not possible", str(error)) from None
        deadline = target.deadline
        if until is None:
            text = f"“{deadline.title}” is marked done; its remaining reminders are cancelled."
        else:
            when = f"{format_local(until, deadline.timezone)} ({deadline.timezone})"
            lead = SNOOZE_LEADS[claim.action]
            text = f"Snoozed {lead}: “{deadline.title}” will be reminded again {when}."
        return web.notice(request, 200, "Done" if until is None else "Snoozed", text, "good")
