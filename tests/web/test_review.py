"""The review inbox through uvicorn on loopback: a proposal the news left for a person is
listed with its sentence, accepted with another date, or rejected, and a bad form changes
nothing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from tests.web.conftest import Served, csrf_of
from watcher.extract import extract
from watcher.store.story import ArticleFacts, NewRecord, StoryStore

FIRST = (
    "The appeal court set the first appeal hearing for June 8. A second appeal hearing will be "
    "held on June 15."
)
SECOND = "The appeal hearing was postponed to Sept. 14."


def read(served: Served, text: str, name: str) -> None:
    day = served.clock.now.date()
    StoryStore(served.store).track(
        ArticleFacts(name, text, day, hashlib.sha256(text.encode()).hexdigest(), title=name),
        extract(text, day, "UTC"),
        NewRecord("UTC", [], ["console"]),
        min_confidence=0.5,
    )


def dates(served: Served) -> list[str]:
    return sorted(d.due_at.date().isoformat() for d in served.store.list_deadlines(upcoming=True))


def test_an_unsure_move_is_listed_then_accepted_with_another_date(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    read(served, FIRST, "Court sets two hearings")
    read(served, SECOND, "Appeal hearing postponed")
    assert dates(served) == ["2026-06-08", "2026-06-15"]
    with served.client() as client:
        page = client.get("/review")
        assert page.status_code == 200
        assert "<mark>Sept. 14</mark>" in page.text and "Appeal hearing postponed" in page.text
        [proposal] = re.findall(r'id="proposal-(\d+)"', page.text)
        refused = client.post(f"/review/{proposal}/accept", data={"date": "2026-09-21"})
        assert refused.status_code == 403  # no CSRF token: nothing changes
        assert dates(served) == ["2026-06-08", "2026-06-15"]
        done = client.post(
            f"/review/{proposal}/accept",
            data={"csrf": csrf_of(page.text), "date": "2026-09-21"},
        )
        assert done.status_code == 303
        assert "2026-09-21" in dates(served)
        assert "Nothing to review." in client.get("/review").text
        again = client.post(f"/review/{proposal}/reject", data={"csrf": csrf_of(page.text)})
        assert again.status_code == 409  # decided already


def test_a_rejected_proposal_changes_nothing(serve: Callable[..., Served]) -> None:
    served = serve()
    read(served, FIRST, "Court sets two hearings")
    read(served, SECOND, "Appeal hearing postponed")
    with served.client() as client:
        page = client.get("/review")
        [proposal] = re.findall(r'id="proposal-(\d+)"', page.text)
        bad = client.post(
            f"/review/{proposal}/accept", data={"csrf": csrf_of(page.text), "date": "soon"}
        )
        assert bad.status_code == 409 and dates(served) == ["2026-06-08", "2026-06-15"]
        gone = client.post(f"/review/{proposal}/reject", data={"csrf": csrf_of(page.text)})
        assert gone.status_code == 303
    assert dates(served) == ["2026-06-08", "2026-06-15"]
