"""The review inbox: what the news suggested that watcher was unsure of (a possible match,
a conflicting report, "postponed" with no new date), with the sentence in its article;
accept as proposed, accept with another date or title, or reject.

The same decisions as `watcher review accept|reject` (watcher.store.story).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from watcher.errors import NotFoundError, UsageError, WatcherError
from watcher.web.app import Refused, Web


def _parts(sentence: str, span: str) -> tuple[str, str, str]:
    at = sentence.find(span) if span else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], span, sentence[at + len(span) :]


def register(app: FastAPI, web: Web) -> None:
    from watcher.store.story import NewRecord, StoryStore

    story = StoryStore(web.store)

    def defaults() -> NewRecord:
        config = web.config
        return NewRecord(
            timezone=config.timezone,
            leads=list(config.default_leads),
            channels=config.routing_channels(tags=["extracted"]),
        )

    @app.get("/review", response_class=HTMLResponse)
    def inbox(request: Request, note: str = "") -> Response:
        if not web.allowed(request):
            return web.login_redirect(request)
        rows: list[dict[str, Any]] = []
        for proposal, source in story.proposals():
            rows.append(
                {
                    "id": proposal.id,
                    "action": proposal.action,
                    "deadline_id": proposal.deadline_id,
                    "title": proposal.payload.get("title") or "",
                    "date": (proposal.payload.get("date") or "")[:10],
                    "reason": proposal.reason,
                    "source": (source.title or source.location) if source else "",
                    "published": source.published if source else "",
                    "parts": _parts(proposal.sentence, proposal.span),
                }
            )
        return web.page(request, "review.html", {"rows": rows, "note": note})

    @app.post("/review/{proposal_id}/{verdict}")
    async def decide(request: Request, proposal_id: int, verdict: str) -> Response:
        values = await web.form(request)
        if not web.allowed(request):
            raise Refused(403, "Log in first", "This form needs the login. Nothing was changed.")
        if verdict not in {"accept", "reject"}:
            raise Refused(404, "Not found", "Choose accept or reject.")
        date = values.get("date", "").strip() or None
        title = values.get("title", "").strip() or None
        try:
            await run_in_threadpool(
                story.decide,
                proposal_id,
                verdict == "accept",
                defaults(),
                date=date,
                title=title,
            )
        except NotFoundError as error:
            raise Refused(404, "Not found", str(error)) from None
        except (UsageError, ValueError) as error:
            raise Refused(409, "Not possible", f"{error}. Nothing was changed.") from None
        except WatcherError as error:
            raise Refused(409, "Not possible", str(error)) from None
        done = "accepted" if verdict == "accept" else "rejected"
        return RedirectResponse(f"/review?note={done}", status_code=303)
