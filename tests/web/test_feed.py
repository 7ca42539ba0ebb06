"""The calendar feed, fetched from uvicorn on loopback and parsed back with icalendar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from tests.web.conftest import Served
from watcher.cli.app import app as cli
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.store import web_queries
from watcher.store.models import DeadlineStatus
from watcher.store.repository import DeadlineChanges, DeadlineDraft, Store


@pytest.fixture
def web_db_url(db_url: str) -> str:  # the feed's queries run on both backends
    return db_url


def add(
    store: Store, title: str, due: Due, *, leads: str = "1d,1h", tags: tuple[str, ...] = ()
) -> int:
    deadline = store.add_deadline(
        DeadlineDraft(
            title=title, due=due, leads=parse_leads(leads), channels=["console"], tags=tags
        )
    )
    assert deadline.id is not None
    return deadline.id


def events(served: Served, query: str = "") -> dict[str, object]:
    token = web_queries.feed_token(served.store)
    with served.client() as client:
        response = client.get(f"/calendar/{token}.ics{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_follows_an_edit_a_move_and_a_cancel(serve: Callable[..., Served]) -> None:
    served = serve()
    store = served.store
    at = datetime(2026, 4, 15, 17, 0, tzinfo=UTC)
    paris = add(store, "Grant report", Due(at=at, timezone="Europe/Paris"), tags=("work",))
    taxes = add(store, "File taxes", Due.for_date(date(2026, 4, 30), "America/New_York"))

    first = events(served)
    assert set(first) == {"Grant report", "File taxes"}
    report = first["Grant report"]
    uid = str(report["uid"])
    assert int(report["sequence"]) == 1
    assert report.decoded("dtstart") == at  # an aware datetime in its TZID
    assert str(report["dtstart"].params["TZID"]) == "Europe/Paris"
    triggers = sorted(a.decoded("trigger") for a in report.walk("VALARM"))
    assert triggers == [-timedelta(days=1), -timedelta(hours=1)]
    tax = first["File taxes"]
    assert tax.decoded("dtstart") == date(2026, 4, 30)  # all-day: a date
    # all-day alarms count back from 09:00 local, as watcher's own alerts do
    assert sorted(a.decoded("trigger") for a in tax.walk("VALARM")) == [
        -timedelta(hours=15),
        timedelta(hours=8),
    ]

    store.edit_deadline(paris, DeadlineChanges(title="Grant report (final)"))
    edited = events(served)["Grant report (final)"]
    assert str(edited["uid"]) == uid
    assert int(edited["sequence"]) == 2

    moved_to = at + timedelta(days=7)
    store.edit_deadline(paris, DeadlineChanges(due=Due(at=moved_to, timezone="Europe/Paris")))
    moved = events(served)["Grant report (final)"]
    assert str(moved["uid"]) == uid  # the same event, moved
    assert int(moved["sequence"]) == 3
    assert moved.decoded("dtstart") == moved_to

    store.set_status(taxes, DeadlineStatus.CANCELLED)
    cancelled = events(served)["File taxes"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == 2
    assert cancelled.walk("VALARM") == []  # no reminders for what will not happen
    assert str(events(served)["Grant report (final)"]["status"]) == "CONFIRMED"


def test_the_feed_filters_by_tag(serve: Callable[..., Served]) -> None:
    served = serve()
    due = Due(at=datetime(2026, 5, 1, 12, 0, tzinfo=UTC), timezone="UTC")
    add(served.store, "Work thing", due, tags=("work",))
    add(served.store, "Home thing", due, tags=("home",))
    assert set(events(served, "?tag=work")) == {"Work thing"}
    assert set(events(served)) == {"Work thing", "Home thing"}


def test_only_the_current_token_opens_the_feed(
    serve: Callable[..., Served], caplog: pytest.LogCaptureFixture
) -> None:
    served = serve()
    old = web_queries.feed_token(served.store)
    with served.client() as client, caplog.at_level(logging.INFO, logger="uvicorn.access"):
        assert client.get(f"/calendar/{old}.ics").status_code == 200
        altered = old[:-1] + ("y" if old.endswith("x") else "x")
        assert client.get(f"/calendar/{altered}.ics").status_code == 403
        new = web_queries.rotate_feed_token(served.store)
        assert new != old
        assert client.get(f"/calendar/{old}.ics").status_code == 403
        assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert "/calendar/***" in caplog.text  # requests are logged, their tokens are not
    assert old not in caplog.text and new not in caplog.text


def test_feed_token_show_prints_the_address_to_subscribe(tmp_path: Path) -> None:
    config = tmp_path / "watcher.toml"
    config.write_text('[http]\npublic_url = "https://watcher.example.org/"\n')
    args = ["--db", f"sqlite:///{tmp_path / 'w.db'}", "--config", str(config), "feed-token"]
    shown = CliRunner().invoke(cli, [*args, "show"])
    assert shown.exit_code == 0, shown.output
    url = shown.stdout.strip()
    assert url.startswith("https://watcher.example.org/calendar/") and url.endswith(".ics")
    assert CliRunner().invoke(cli, [*args, "show"]).stdout.strip() == url  # stable
    rotated = CliRunner().invoke(cli, [*args, "rotate"])
    assert rotated.exit_code == 0
    assert rotated.stdout.strip() != url
    assert "no longer works" in rotated.stderr


def test_titles_with_punctuation_and_long_unicode_lines_read_back_exactly(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    title = "Zoë's reply; due, finally — " + "é" * 60 + " ✓ \\ end"
    due = Due(at=datetime(2026, 6, 1, 8, 30, tzinfo=UTC), timezone="Asia/Kolkata")
    add(served.store, title, due, leads="0")
    (event,) = events(served).values()
    assert str(event["summary"]) == title
    assert event.decoded("dtstart") == due.at
    assert [a.decoded("trigger") for a in event.walk("VALARM")] == [timedelta(0)]
