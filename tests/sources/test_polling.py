"""One poll pass at a time (poll_due with a frozen ``now``) against a real loopback HTTP
server whose feeds change during the test, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from tests.sources.feed_support import (
    CONSULTATION,
    LICENCES,
    NO_DATES,
    TARIFF,
    Entry,
    FeedServer,
)
from watcher.config import Config, parse_config
from watcher.daemon.polling import poll_due
from watcher.sources.poll import PollOutcome, poll_source
from watcher.store import sources_watch as watch
from watcher.store.models import (
    Alert,
    AlertKind,
    Deadline,
    Mention,
    WatchedArticle,
    WatchedSource,
)
from watcher.store.repository import Store

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
EVERY = timedelta(minutes=5)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(store: Store) -> Clock:
    c = Clock(T0)
    store.clock = c
    return c


def make_config(sources: dict[str, dict[str, Any]], **watch: Any) -> Config:
    return parse_config(
        {
            "timezone": "UTC",
            "channels": {"team": {"urls": ["json://127.0.0.1:9/hook"]}},
            "default_channels": ["team"],
            "watch": {"timeout": "2s", **watch},
            "sources": {name: {"every": "5m", **spec} for name, spec in sources.items()},
        }
    )


def sync(store: Store, config: Config, now: datetime = T0) -> None:
    with store.write() as session:
        watch.sync_config_sources(session, list(config.sources.values()), now)


def poll(store: Store, clock: Clock, config: Config, at: datetime) -> list[PollOutcome]:
    clock.at = at
    return poll_due(store, config, at, worker="w1")


def row(store: Store, name: str) -> WatchedSource:
    with store.session() as session:
        return watch.get_source(session, name)


def reads(store: Store) -> dict[str, int]:
    with store.session() as session:
        return watch.article_reads(session)


def found_alerts(store: Store) -> list[tuple[str, str]]:
    """(deadline title, channel) of every 'new deadline' notice queued."""
    with store.session() as session:
        rows = session.exec(
            select(Deadline.title, Alert.channel)
            .join(Alert, col(Alert.deadline_id) == col(Deadline.id))
            .where(Alert.kind == AlertKind.FOUND)
            .order_by(col(Alert.id))
        ).all()
    return [(t, c) for t, c in rows]


def test_a_feed_that_changes_is_read_once_per_content_and_304s_cost_no_parsing(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    feeds.feed("/press.xml", [CONSULTATION, NO_DATES])
    config = make_config({"press": {"url": feeds.url("/press.xml"), "channels": ["team"]}})
    sync(store, config)

    [first] = poll(store, clock, config, T0)
    assert (first.status, first.read) == ("changed", 2)
    assert [(a.action, a.title, a.date) for a in first.actions] == [
        ("new", "Comments due", "2027-01-15")
    ]
    assert found_alerts(store) == [("Comments due", "team")]

    assert poll(store, clock, config, T0 + EVERY / 2) == []  # not due yet
    [second] = poll(store, clock, config, T0 + EVERY)
    assert second.status == "unchanged"
    last = feeds.hits_to("/press.xml")[-1]
    assert last.status == 304 and last.headers["If-None-Match"].startswith('"')
    assert "If-Modified-Since" in last.headers

    edited = dataclasses.replace(
        CONSULTATION, text=CONSULTATION.text + " Hearings follow in spring."
    )
    feeds.feed("/press.xml", [LICENCES, edited, NO_DATES])
    [third] = poll(store, clock, config, T0 + 2 * EVERY)
    assert (third.status, third.read) == ("changed", 2)  # the new one and the edited one
    assert sorted(a.action for a in third.actions) == ["confirmed", "new"]
    assert reads(store) == {CONSULTATION.link: 2, LICENCES.link: 1, NO_DATES.link: 1}
    assert found_alerts(store) == [
        ("Comments due", "team"),
        ("Deadline to apply for the renewal of ferry licences", "team"),
    ]
    state = row(store, "press")
    assert state.articles_seen == 4 and state.checks == 3 and state.last_error is None
    assert state.last_change_at == T0 + 2 * EVERY
    assert state.next_check_at == T0 + 3 * EVERY
    with store.session() as session:  # the edited article's sentence is its own mention
        assert len(session.exec(select(Mention)).all()) == 3


def test_a_server_without_validators_sending_the_same_body_is_not_parsed_again(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    feeds.feed("/plain.xml", [TARIFF], validators=False)
    config = make_config({"plain": {"url": feeds.url("/plain.xml")}})
    sync(store, config)
    assert [o.status for o in poll(store, clock, config, T0)] == ["changed"]
    assert [o.status for o in poll(store, clock, config, T0 + EVERY)] == ["unchanged"]
    assert feeds.hits_to("/plain.xml")[-1].status == 200
    assert reads(store) == {TARIFF.link: 1}


def test_a_500_backs_off_with_jitter_then_the_source_recovers(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    feeds.set("/flaky.xml", status=500)
    config = make_config({"flaky": {"url": feeds.url("/flaky.xml")}})
    sync(store, config)

    [failed] = poll(store, clock, config, T0)
    assert failed.status == "error" and "500" in (failed.error or "")
    state = row(store, "flaky")
    assert state.failures == 1 and "500" in (state.last_error or "")
    assert T0 + EVERY / 2 <= state.next_check_at <= T0 + EVERY

    second_at = state.next_check_at
    [again] = poll(store, clock, config, second_at)
    assert again.status == "error"
    state = row(store, "flaky")
    assert state.failures == 2
    assert second_at + EVERY <= state.next_check_at <= second_at + 2 * EVERY  # doubled

    feeds.feed("/flaky.xml", [TARIFF])
    [recovered] = poll(store, clock, config, state.next_check_at)
    assert (recovered.status, recovered.read) == ("changed", 1)
    state = row(store, "flaky")
    assert state.failures == 0 and state.last_error is None
    assert state.last_error_at is not None  # when it last failed stays visible
    assert reads(store) == {TARIFF.link: 1}


def test_bad_sources_each_record_one_error_and_never_stop_the_others(
    store: Store, clock: Clock, feeds: FeedServer, tmp_path: Path
) -> None:
    feeds.set("/missing.xml", status=404)
    feeds.set("/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>cut")
    feeds.set("/huge.xml", b"<rss>" + b"x" * 50_000 + b"</rss>")
    feeds.set("/binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 10, content_type="image/png")
    feeds.set("/loop", status=302, location="/loop")
    feeds.set("/elsewhere", status=302, location="ftp://example.org/feed")
    feeds.set("/slow.xml", b"<rss/>", delay=2.0)
    feeds.feed("/good.xml", [TARIFF])
    bad = ["/missing.xml", "/broken.xml", "/huge.xml", "/binary", "/loop", "/elsewhere"]
    sources = {f"bad{n}": {"url": feeds.url(path)} for n, path in enumerate(bad)}
    sources["slow"] = {"url": feeds.url("/slow.xml")}
    sources["nofile"] = {"url": str(tmp_path / "gone.xml")}
    sources["good"] = {"url": feeds.url("/good.xml")}
    config = make_config(sources, max_bytes=20_000, timeout=0.5, max_redirects=3)
    sync(store, config)

    outcomes = {o.name: o for o in poll(store, clock, config, T0)}
    assert outcomes["good"].status == "changed" and reads(store) == {TARIFF.link: 1}
    errors = {name: o.error or "" for name, o in outcomes.items() if o.status == "error"}
    assert set(errors) == set(sources) - {"good"}
    assert "404" in errors["bad0"]
    assert "invalid XML" in errors["bad1"]
    assert "limit" in errors["bad2"]
    assert "binary" in errors["bad3"]
    assert "redirect" in errors["bad4"]
    assert "not http" in errors["bad5"]
    assert "0.5 s" in errors["slow"]
    assert "no such file" in errors["nofile"]
    for name in errors:
        state = row(store, name)
        assert state.failures == 1 and state.last_error and state.next_check_at > T0
        assert "\n" not in state.last_error
    assert len(feeds.hits_to("/loop")) <= 4  # the redirect limit held


def test_an_article_carried_by_two_sources_is_read_once(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    feeds.feed("/a.xml", [CONSULTATION])
    feeds.feed("/b.xml", [CONSULTATION, LICENCES])
    config = make_config({"a": {"url": feeds.url("/a.xml")}, "b": {"url": feeds.url("/b.xml")}})
    sync(store, config)
    outcomes = poll(store, clock, config, T0)
    assert sum(o.read for o in outcomes) == 2  # whichever came first read it
    assert reads(store) == {CONSULTATION.link: 1, LICENCES.link: 1}
    assert len(found_alerts(store)) == 2


def test_a_folder_source_reads_each_new_file_once(
    store: Store, clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text(CONSULTATION.title + ".\n\n" + CONSULTATION.text)
    (folder / "one.meta.toml").write_text('published = "2026-11-30"\ntitle = "Consultation"\n')
    config = make_config({"inbox": {"url": str(folder)}})
    sync(store, config)
    [first] = poll(store, clock, config, T0)
    assert (first.status, first.read) == ("changed", 1)
    assert [a.action for a in first.actions] == ["new"]
    assert [o.status for o in poll(store, clock, config, T0 + EVERY)] == ["unchanged"]

    (folder / "two.html").write_text(
        "<html><head><title>Ferry</title></head><body><article><p>"
        + LICENCES.text
        + "</p></article></body></html>"
    )
    [second] = poll(store, clock, config, T0 + 2 * EVERY)
    assert (second.status, second.read) == ("changed", 1)
    assert set(reads(store)) == {str(folder / "one.txt"), str(folder / "two.html")}
    assert len(found_alerts(store)) == 2


def test_an_undated_entry_is_dated_by_the_fetch_with_a_note(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    undated = Entry(
        "https://example.org/news/undated",
        "Grant round opens",
        "Applications for the heritage grant round close on May 4, 2027.",
        published=None,
    )
    feeds.feed("/undated.xml", [undated])
    config = make_config({"u": {"url": feeds.url("/undated.xml")}})
    sync(store, config)
    [outcome] = poll(store, clock, config, T0)
    assert [(a.action, a.date) for a in outcome.actions] == [("new", "2027-05-04")]
    with store.session() as session:
        from watcher.store.models import Source

        [source] = session.exec(select(Source)).all()
    assert source.published.startswith("2026-12-01T09:00")


def test_follow_reads_the_linked_page_instead_of_the_summary(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    page = feeds.url("/articles/tariff")
    teaser = Entry(page, "Steel tariff news", "Read the full story on our site.")
    feeds.feed("/teasers.xml", [teaser])
    feeds.set(
        "/articles/tariff",
        (
            "<html><head><title>Steel tariff pause extended</title></head><body><article>"
            f"<p>{TARIFF.text}</p><p>Industry groups welcomed the decision.</p>"
            "</article></body></html>"
        ).encode(),
        content_type="text/html",
    )
    config = make_config({"t": {"url": feeds.url("/teasers.xml"), "follow": True}})
    sync(store, config)
    [outcome] = poll(store, clock, config, T0)
    assert [(a.action, a.date) for a in outcome.actions] == [("new", "2027-03-31")]
    assert len(feeds.hits_to("/articles/tariff")) == 1
    [again] = poll(store, clock, config, T0 + EVERY)
    assert again.status == "unchanged" and len(feeds.hits_to("/articles/tariff")) == 1


def test_without_auto_add_findings_are_reported_not_stored(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    feeds.feed("/r.xml", [CONSULTATION])
    config = make_config({"r": {"url": feeds.url("/r.xml"), "auto_add": False}})
    sync(store, config)
    [outcome] = poll(store, clock, config, T0)
    assert [a.action for a in outcome.actions] == ["needs review"]
    assert found_alerts(store) == []
    with store.session() as session:
        assert session.exec(select(Deadline)).all() == []
    assert reads(store) == {CONSULTATION.link: 1}


def test_a_poll_whose_claim_was_taken_over_writes_nothing(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    feeds.feed("/x.xml", [CONSULTATION])
    config = make_config({"x": {"url": feeds.url("/x.xml")}})
    sync(store, config)
    lease = timedelta(seconds=30)
    with store.write() as session:
        [source_id] = watch.claim_due_sources(
            session, worker="w1", now=T0, lease_until=T0 + lease, limit=10
        )
    clock.at = T0 + 2 * lease  # w1 hung; its lease ran out
    with store.write() as session:
        assert watch.claim_due_sources(
            session, worker="w2", now=clock.at, lease_until=clock.at + lease, limit=10
        ) == [source_id]
    lost = poll_source(store, config, source_id, worker="w1", now=clock.at, lease=lease)
    assert lost.status == "lost" and reads(store) == {}
    done = poll_source(store, config, source_id, worker="w2", now=clock.at, lease=lease)
    assert done.read == 1 and reads(store) == {CONSULTATION.link: 1}


def test_claims_are_exclusive_until_the_lease_runs_out(store: Store, clock: Clock) -> None:
    config = make_config({f"s{n}": {"url": f"https://example.org/{n}.xml"} for n in range(5)})
    sync(store, config)
    lease_until = T0 + timedelta(seconds=60)
    with store.write() as session:
        mine = watch.claim_due_sources(
            session, worker="w1", now=T0, lease_until=lease_until, limit=3
        )
    with store.write() as session:
        theirs = watch.claim_due_sources(
            session, worker="w2", now=T0, lease_until=lease_until, limit=10
        )
    assert len(mine) == 3 and len(theirs) == 2 and not set(mine) & set(theirs)
    later = lease_until + timedelta(seconds=1)
    with store.write() as session:
        assert sorted(
            watch.claim_due_sources(
                session, worker="w3", now=later, lease_until=later + timedelta(60), limit=10
            )
        ) == sorted(mine + theirs)


def test_configured_sources_follow_the_file_and_added_ones_stay(store: Store, clock: Clock) -> None:
    first = make_config({"a": {"url": "https://example.org/a.xml"}})
    sync(store, first)
    with store.write() as session:
        spec = make_config({"mine": {"url": "https://example.org/m.xml"}}).sources["mine"]
        watch.add_cli_source(session, spec, T0)
    second = make_config({"b": {"url": "https://example.org/b.xml", "every": "1h"}})
    sync(store, second)
    with store.session() as session:
        rows = {r.name: r for r in watch.list_sources(session)}
    assert set(rows) == {"b", "mine"}
    assert rows["b"].every_seconds == 3600 and rows["mine"].origin == "cli"


def test_an_article_is_remembered_in_the_transaction_that_stored_its_deadlines(
    store: Store, clock: Clock, feeds: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure at the last step of an ingest (queuing the notice) leaves neither the
    article memory nor the deadline: the article is read again at the retry."""
    feeds.feed("/x.xml", [CONSULTATION])
    config = make_config({"x": {"url": feeds.url("/x.xml")}})
    sync(store, config)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(watch, "queue_found", broken)
    [outcome] = poll(store, clock, config, T0)
    assert outcome.status == "error" and "disk full" in (outcome.error or "")
    with store.session() as session:
        assert session.exec(select(Deadline)).all() == []
        assert session.exec(select(WatchedArticle)).all() == []
    monkeypatch.undo()
    [retried] = poll(store, clock, config, row(store, "x").next_check_at)
    assert retried.read == 1 and reads(store) == {CONSULTATION.link: 1}
    assert len(found_alerts(store)) == 1


def test_a_web_page_source_is_one_article_edited_in_place(
    store: Store, clock: Clock, feeds: FeedServer
) -> None:
    def page(extra: str) -> bytes:
        return (
            "<html><head><title>Court docket</title>"
            '<meta property="article:published_time" content="2026-11-30"></head><body>'
            f"<article><p>{TARIFF.text}</p><p>{extra}</p></article></body></html>"
        ).encode()

    feeds.set("/docket", page("No hearings are listed."), content_type="text/html")
    config = make_config({"docket": {"url": feeds.url("/docket"), "follow": True}})
    sync(store, config)
    [first] = poll(store, clock, config, T0)
    assert [a.action for a in first.actions] == ["new"]
    assert len(feeds.hits_to("/docket")) == 1  # 'follow' applies to feed entries only
    feeds.set("/docket", page(LICENCES.text), content_type="text/html")
    [second] = poll(store, clock, config, T0 + EVERY)
    assert sorted(a.action for a in second.actions) == ["confirmed", "new"]
    assert reads(store) == {feeds.url("/docket"): 2}
