"""Act from the message: links in a real alert, clicked through GET + POST on uvicorn."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlmodel import select

from tests.daemon.daemon_support import RecordingNotifier
from tests.web.conftest import Served, csrf_of
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.store import web_queries
from watcher.store.models import Alert, AlertKind, AlertState, DeadlineStatus, UsedLink
from watcher.store.repository import DeadlineDraft, Store
from watcher.web.links import LinkSigner

PUBLIC = "http://watcher.example.org"  # http: the test client talks plain HTTP, and an
# https public_url makes the session cookie Secure (not sent over plain HTTP)


@pytest.fixture
def web_db_url(db_url: str) -> str:  # single use is a database guarantee: both backends
    return db_url


def add_deadline(store: Store, in_hours: float = 48, leads: str = "1d") -> tuple[int, int]:
    """A deadline due in ``in_hours`` and the id of its (pending) alert."""
    due = Due(at=store.now() + timedelta(hours=in_hours), timezone="Europe/Paris")
    deadline = store.add_deadline(
        DeadlineDraft(
            title="Renew passport", due=due, leads=parse_leads(leads), channels=["console"]
        )
    )
    assert deadline.id is not None
    (alert,) = store.alerts(deadline_id=deadline.id)
    assert alert.id is not None
    return deadline.id, alert.id


def link(store: Store, action: str, target: int, days: float = 7) -> str:
    signer = LinkSigner(web_queries.web_secret(store))
    return signer.make(action, target, store.now(), timedelta(days=days))


def alert_rows(store: Store, deadline_id: int) -> list[tuple[str, str]]:
    return sorted((a.kind, a.state) for a in store.alerts(deadline_id=deadline_id))


def session_csrf(client: httpx.Client, store: Store, deadline_id: int) -> str:
    """This client's CSRF token, read from the confirmation page of a fresh, valid link."""
    page = client.get(f"/act/{link(store, 'done', deadline_id)}")
    assert page.status_code == 200
    return csrf_of(page.text)


def click(client: httpx.Client, path: str) -> httpx.Response:
    """What a person does: open the link, then press the button on the page."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    assert '<form method="post"' in page.text
    return client.post(path, data={"csrf": csrf_of(page.text)})


def test_the_links_in_an_alert_message_snooze_and_finish_it(serve: Callable[..., Served]) -> None:
    served = serve(http={"public_url": PUBLIC})
    store = served.store
    deadline_id, alert_id = add_deadline(store)
    served.clock.advance(hours=24)  # the 1d reminder is due
    notifier = RecordingNotifier()
    policy = Policy(public_url=PUBLIC, link_lifetime=timedelta(days=7))
    assert dispatch_due(store, notifier, store.now(), policy, worker="w1") == 1
    (sent,) = notifier.sent
    urls = dict(
        re.findall(r"^(Mark done|Snooze 1 hour|Snooze 1 day): (\S+)$", sent.message.body, re.M)
    )
    assert set(urls) == {"Mark done", "Snooze 1 hour", "Snooze 1 day"}
    assert all(u.startswith(f"{PUBLIC}/act/") for u in urls.values())

    with served.client() as client:
        snooze_path = urls["Snooze 1 hour"].removeprefix(PUBLIC)
        preview = client.get(snooze_path)  # a chat app's link preview: nothing happens
        assert "Renew passport" in preview.text
        assert alert_rows(store, deadline_id) == [("reminder", "sent")]

        done = click(client, snooze_path)
        assert done.status_code == 200
        assert "Snoozed 1h" in done.text
        snoozed = [a for a in store.alerts(deadline_id=deadline_id) if a.kind == AlertKind.SNOOZE]
        assert [(a.state, a.fire_at) for a in snoozed] == [
            (AlertState.PENDING, store.now() + timedelta(hours=1))
        ]

        finished = click(client, urls["Mark done"].removeprefix(PUBLIC))
        assert finished.status_code == 200
        assert "marked done" in finished.text
    assert store.get_deadline(deadline_id).status == DeadlineStatus.DONE
    assert ("snooze", "cancelled") in alert_rows(store, deadline_id)  # nothing more is sent
    assert alert_id in {a.id for a in store.alerts(deadline_id=deadline_id)}


def test_without_public_url_messages_carry_no_links(serve: Callable[..., Served]) -> None:
    served = serve()
    add_deadline(served.store)
    served.clock.advance(hours=24)
    notifier = RecordingNotifier()
    dispatch_due(served.store, notifier, served.store.now(), Policy(), worker="w1")
    (sent,) = notifier.sent
    assert "/act/" not in sent.message.body
    assert "watcher snooze" in sent.message.body


def test_a_used_link_is_refused_and_acts_only_once(serve: Callable[..., Served]) -> None:
    served = serve()
    deadline_id, alert_id = add_deadline(served.store)
    path = f"/act/{link(served.store, 'snooze-1d', alert_id)}"
    with served.client() as client:
        assert click(client, path).status_code == 200
        before = alert_rows(served.store, deadline_id)
        again = client.get(path)
        assert again.status_code == 410
        assert "already been used" in again.text
        csrf = session_csrf(client, served.store, deadline_id)
        repost = client.post(path, data={"csrf": csrf})
        assert repost.status_code == 410
    assert alert_rows(served.store, deadline_id) == before
    assert len(before) == 2  # one snooze, not two


def test_an_expired_link_is_refused(serve: Callable[..., Served]) -> None:
    served = serve()
    deadline_id, _ = add_deadline(served.store, in_hours=24 * 30)
    path = f"/act/{link(served.store, 'done', deadline_id, days=7)}"
    with served.client() as client:
        page = client.get(path)
        assert page.status_code == 200
        served.clock.advance(days=7, seconds=1)
        expired = client.get(path)
        assert expired.status_code == 410
        assert "expired" in expired.text
        assert client.post(path, data={"csrf": csrf_of(page.text)}).status_code == 410
    assert served.store.get_deadline(deadline_id).status == DeadlineStatus.ACTIVE


@pytest.mark.parametrize("how", ["flipped", "other-secret", "other-target", "garbage"])
def test_a_tampered_link_is_refused_with_403(serve: Callable[..., Served], how: str) -> None:
    served = serve()
    deadline_id, _ = add_deadline(served.store)
    token = link(served.store, "done", deadline_id)
    if how == "flipped":
        token = token[:-3] + ("xyz" if token[-3:] != "xyz" else "abc")
    elif how == "other-secret":
        token = LinkSigner("not the store's secret").make(
            "done", deadline_id, served.store.now(), timedelta(days=1)
        )
    elif how == "other-target":  # someone edits the id in the readable part
        payload, signature = token.rsplit(".", 1)
        import base64
        import json

        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        data[1] = deadline_id + 1
        forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
        token = f"{forged}.{signature}"
    else:
        token = "not-a-token"
    with served.client() as client:
        page = client.get(f"/act/{token}")
        assert page.status_code == 403
        assert "not one watcher made" in page.text
        csrf = session_csrf(client, served.store, deadline_id)
        assert client.post(f"/act/{token}", data={"csrf": csrf}).status_code == 403
    assert served.store.get_deadline(deadline_id).status == DeadlineStatus.ACTIVE
    with served.store.session() as session:
        assert session.exec(select(UsedLink)).all() == []


def test_a_post_without_the_pages_csrf_token_changes_nothing(serve: Callable[..., Served]) -> None:
    served = serve()
    deadline_id, _ = add_deadline(served.store)
    path = f"/act/{link(served.store, 'done', deadline_id)}"
    with served.client() as client:
        assert client.post(path, data={}).status_code == 403
    assert served.store.get_deadline(deadline_id).status == DeadlineStatus.ACTIVE
    with served.client() as client:  # and the link still works afterwards
        assert click(client, path).status_code == 200
    assert served.store.get_deadline(deadline_id).status == DeadlineStatus.DONE


def test_a_snooze_past_the_deadline_is_refused_and_the_link_stays_usable(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    deadline_id, alert_id = add_deadline(served.store, in_hours=5, leads="2h")
    path = f"/act/{link(served.store, 'snooze-1d', alert_id)}"
    with served.client() as client:
        refused = click(client, path)
        assert refused.status_code == 409
        assert "after the deadline" in refused.text
        assert client.get(path).status_code == 200  # not consumed
    assert alert_rows(served.store, deadline_id) == [("reminder", "pending")]
    with served.store.session() as session:
        assert session.exec(select(Alert).where(Alert.kind == AlertKind.SNOOZE)).all() == []
