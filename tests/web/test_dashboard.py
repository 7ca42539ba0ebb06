"""The dashboard and a deadline's page, through uvicorn on loopback."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx

from tests.daemon.daemon_support import RecordingNotifier
from tests.web.conftest import Served, csrf_of
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.store.models import AlertKind, AlertState, DeadlineStatus
from watcher.store.repository import DeadlineChanges, DeadlineDraft, Store

PASSWORD = "dashboard password"


def add(
    store: Store,
    title: str,
    days: float,
    kind: str = "deadline",
    channels: tuple[str, ...] = ("console",),
) -> int:
    due = Due(at=store.now() + timedelta(days=days), timezone="Europe/Paris")
    deadline = store.add_deadline(
        DeadlineDraft(title=title, due=due, leads=parse_leads("1d"), channels=channels, kind=kind)
    )
    assert deadline.id is not None
    return deadline.id


def logged_in(served: Served) -> httpx.Client:
    """A client that has logged in (the caller closes it)."""
    client = served.client()
    page = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(page.text), "password": PASSWORD, "next": "/"})
    return client


def test_the_dashboard_draws_the_coming_weeks_and_lists_soonest_first(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    store = served.store
    vote = add(store, "Budget vote", 3, kind="vote")
    add(store, "Licence expires", 10, kind="expiry")
    add(store, "Far away", 200)
    with served.client() as client:
        page = client.get("/")
    assert page.status_code == 200
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", page.text, re.S)
    assert svg is not None
    marks = re.findall(
        r'<a href="/deadlines/(\d+)"><title>([^<]*)</title><circle[^>]*fill="([^"]+)"', svg.group(0)
    )
    assert [(int(i), t.split(" (")[0]) for i, t, _ in marks] == [
        (vote, "Budget vote"),
        (vote + 1, "Licence expires"),
    ]  # 200 days out is beyond the 12 weeks drawn
    assert marks[0][2] != marks[1][2]  # coloured by kind
    table = page.text[page.text.index('id="upcoming"') :]
    titles = re.findall(r'<a href="/deadlines/\d+">([^<]+)</a>', table)
    assert titles == ["Budget vote", "Licence expires", "Far away"]
    assert "3 upcoming" in page.text


def test_the_list_pages_through_many_deadlines(serve: Callable[..., Served]) -> None:
    served = serve()
    for n in range(60):
        add(served.store, f"Item {n:02d}", 1 + n / 10)
    with served.client() as client:
        first = client.get("/")
        second = client.get("/?page=2")
    assert "page 1 of 2" in first.text and 'href="/?page=2"' in first.text
    assert "Item 00" in first.text and "Item 49" in first.text and "Item 50" not in first.text
    assert "Item 50" in second.text and "Item 59" in second.text


def test_titles_are_escaped_everywhere(serve: Callable[..., Served]) -> None:
    served = serve()
    evil = add(served.store, '<script>alert("x")</script>', 2)
    with served.client() as client:
        for path in ("/", f"/deadlines/{evil}"):
            text = client.get(path).text
            assert "<script>" not in text
            assert "&lt;script&gt;" in text


def test_a_deadline_page_shows_history_sources_and_outcomes_per_channel(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    store = served.store
    deadline_id = add(store, "Trade truce expires", 2, kind="expiry", channels=("team",))
    with store.write() as session:
        deadline = store.get_deadline(deadline_id, session)
        source = store.add_source(
            session,
            location="https://news.example/truce",
            content_hash="abc",
            title="Truce nears its end",
            published="2026-03-01",
        )
        store.add_mention(
            session,
            deadline,
            source,
            sentence="The truce expires on Nov. 10 unless renewed.",
            span="Nov. 10",
        )
    store.edit_deadline(deadline_id, DeadlineChanges(notes="check the renewal"))
    served.clock.advance(days=1)
    dispatch_due(
        store,
        RecordingNotifier(failing={"chat"}, permanent={"chat"}),
        store.now(),
        Policy(),
        worker="w",
    )
    with served.client() as client:
        page = client.get(f"/deadlines/{deadline_id}")
    assert page.status_code == 200
    text = page.text
    assert "The truce expires on <mark>Nov. 10</mark> unless renewed." in text
    assert 'href="https://news.example/truce"' in text
    history = text[text.index('id="history"') :]
    assert [a for a in re.findall(r"<td>(created|edited|mentioned)</td>", history)] == [
        "created",
        "mentioned",
        "edited",
    ]
    alerts = text[text.index('id="alerts"') : text.index('id="history"')]
    assert "test://mail: sent" in alerts
    assert "test://chat: failed" in alerts


def test_unknown_deadline_is_a_404_page(serve: Callable[..., Served]) -> None:
    served = serve()
    with served.client() as client:
        page = client.get("/deadlines/999")
    assert page.status_code == 404
    assert "There is no deadline 999" in page.text


def test_snooze_and_done_through_the_forms_need_the_login_and_the_csrf_token(
    serve: Callable[..., Served],
) -> None:
    served = serve(http={"password": PASSWORD})
    store = served.store
    deadline_id = add(store, "Renew lease", 5)
    (alert,) = store.alerts(deadline_id=deadline_id)
    with served.client() as anonymous:
        assert anonymous.get(f"/deadlines/{deadline_id}").status_code == 303
        token = csrf_of(anonymous.get("/login").text)
        refused = anonymous.post(f"/alerts/{alert.id}/snooze", data={"csrf": token, "for": "1h"})
        assert refused.status_code == 403
    client = logged_in(served)
    try:
        page = client.get(f"/deadlines/{deadline_id}")
        forged = client.post(f"/alerts/{alert.id}/snooze", data={"csrf": "x", "for": "1h"})
        assert forged.status_code == 403
        assert [a.kind for a in store.alerts(deadline_id=deadline_id)] == [AlertKind.REMINDER]
        done = client.post(
            f"/alerts/{alert.id}/snooze", data={"csrf": csrf_of(page.text), "for": "3h"}
        )
        assert done.status_code == 303
        after = client.get(done.headers["location"])
        assert "Snoozed" in after.text
        snoozes = [a for a in store.alerts(deadline_id=deadline_id) if a.kind == AlertKind.SNOOZE]
        assert [(a.state, a.fire_at) for a in snoozes] == [
            (AlertState.PENDING, store.now() + timedelta(hours=3))
        ]
        finished = client.post(f"/deadlines/{deadline_id}/done", data={"csrf": csrf_of(after.text)})
        assert finished.status_code == 303
    finally:
        client.close()
    assert store.get_deadline(deadline_id).status == DeadlineStatus.DONE


def test_the_dashboard_lists_watched_sources_with_their_last_error(
    serve: Callable[..., Served],
) -> None:
    from watcher.sources.spec import SourceSpec
    from watcher.store import sources_watch

    served = serve()
    with served.store.write() as session:
        row = sources_watch.add_cli_source(
            session, SourceSpec(name="ministry", url="https://example.org/rss.xml"), served.clock()
        )
        row.last_check_at = served.clock()
        row.last_error = "HTTP 404 Not Found"
        row.articles_seen = 3
        session.add(row)
    with served.client() as client:
        page = client.get("/")
    table = page.text[page.text.index('id="sources"') :]
    assert "ministry" in table and "HTTP 404 Not Found" in table and "<td>3</td>" in table
