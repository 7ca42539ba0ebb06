"""One watched source checked once: fetch, parse, skip what was read, ingest the rest.

:func:`poll_source` is the unit of work of source polling, called for a source the caller
has claimed. It never raises for anything a source can do wrong (a 404, a timeout,
invalid XML, a huge or binary answer, a redirect loop): the error is recorded on the
source with a later retry (exponential backoff with jitter), and the next source goes on.

Exactly once: each new or edited article is remembered (link + content hash) in the same
transaction as what reading it stored, and only while our claim still holds. The source's
ETag/Last-Modified/body hash are recorded after every article was handled, so a poll cut
short (kill -9) is redone by the next claimant and skips what was already committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from watcher.config import Config
from watcher.errors import WatcherError
from watcher.extract.io.sources import Article
from watcher.sources.fetch import Fetched, FetchError, fetch_source, fetch_url
from watcher.sources.ingest import IngestAction, ingest_article
from watcher.sources.spec import SourceSpec, WatchOptions, is_http, shown_url
from watcher.store import sources_watch as watch
from watcher.store.models import WatchedSource
from watcher.store.repository import Store

log = logging.getLogger("watcher.sources")


@dataclass
class PollOutcome:
    """What one poll did: ``status`` is unchanged, changed, error, or lost (our claim
    expired and another daemon took the source over, or we were asked to stop)."""

    name: str
    status: str
    read: int = 0  # articles read (new or edited)
    actions: list[IngestAction] = field(default_factory=list)
    error: str | None = None


def error_delay(
    failures: int, every: float, max_backoff: float, rng: random.Random | None = None
) -> timedelta:
    """The wait after the ``failures``-th error in a row: the interval doubled per error,
    capped at ``max_backoff`` (or the interval, if longer), times a random 0.5-1.0 so that
    sources that failed together (one outage) do not all come back in the same second."""
    exponent = min(max(failures - 1, 0), 20)
    delay = min(max(max_backoff, every), every * 2**exponent)
    return timedelta(seconds=delay * (0.5 + (rng or random).random() / 2))


def entries(fetched: Fetched, spec: SourceSpec, now: datetime) -> list[Article]:
    """The articles of a fetched body (feed entries, one page, or a folder's files), each
    with a publication date: the article's own, else the file's or the fetch time, with a
    warning saying so (as `watcher extract` does)."""
    from watcher.extract.io.sources import articles_from_bytes

    articles: list[Article] = []
    if fetched.files:
        for name, data in fetched.files:
            try:
                found = articles_from_bytes(name, data, Path(name).suffix.lower(), Path(name))
            except WatcherError as error:  # one unreadable file does not hide the others
                log.warning("source=%s file=%s skipped: %s", spec.name, name, error)
                continue
            articles.extend(_dated(a, now, Path(name)) for a in found)
        return articles
    location = fetched.url or spec.url
    path = None if is_http(spec.url) else Path(spec.url)
    check_feed_complete(fetched.body, fetched.suffix)
    found = articles_from_bytes(location, fetched.body, fetched.suffix, path)
    return [_dated(a, now, path) for a in found]


def check_feed_complete(raw: bytes, suffix: str | None) -> None:
    """Refuse a feed whose XML is cut short or has unbalanced tags.

    feedparser reads such a document leniently, which would turn a half-sent feed into
    half-articles (then "edited" ones when the whole feed arrives). Lesser faults real
    feeds often have (an HTML entity such as ``&nbsp;``, a bare ``&``) are left to it.
    """
    from xml.parsers import expat

    from watcher.extract.io.feeds import looks_like_feed

    if not looks_like_feed(raw, suffix):
        return
    parser = expat.ParserCreate()
    parser.UseForeignDTD(True)  # undefined entities are skipped, not errors
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    broken = {
        expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
        expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN],
        expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH],
        expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR],
    }
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as error:
        if error.code in broken:
            raise FetchError(
                f"invalid XML: {expat.errors.messages[error.code]} at line {error.lineno}"
            ) from None


def _dated(article: Article, now: datetime, path: Path | None) -> Article:
    if article.published is not None:
        return article
    if path is not None and path.exists():
        article.published = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        article.published_from = "file date"
    else:
        article.published, article.published_from = now, "fetch time"
    article.warnings.append(
        f"{article.location}: no publication date found; using the "
        f"{article.published_from} {article.published.date().isoformat()}"
    )
    return article


def follow(entry: Article, options: WatchOptions) -> Article:
    """The page a feed entry links to, dated by the page or else by the entry; a page that
    cannot be read keeps the entry's summary, with a warning."""
    from watcher.extract.io.sources import article_from_bytes

    if not is_http(entry.location):
        return entry
    try:
        fetched = fetch_url(entry.location, options)
        page = article_from_bytes(entry.location, fetched.body, fetched.suffix)
    except WatcherError as error:
        entry.warnings.append(f"{entry.location}: {error}; using the feed's summary")
        return entry
    if page.published is None:
        page.published, page.published_from = entry.published, entry.published_from
    page.title = page.title or entry.title
    page.publisher = page.publisher or entry.publisher
    page.warnings = entry.warnings + page.warnings
    return page


def poll_source(
    store: Store,
    config: Config,
    source_id: int,
    *,
    worker: str,
    now: datetime,
    lease: timedelta,
    should_stop: Callable[[], bool] = lambda: False,
    rng: random.Random | None = None,
) -> PollOutcome:
    """Check one claimed source now and record the outcome on its row."""
    with store.session() as session:
        row = session.get(WatchedSource, source_id)
    if row is None or row.claimed_by != worker:
        return PollOutcome(name=row.name if row else str(source_id), status="lost")
    spec = watch.spec_of(row)
    every = timedelta(seconds=spec.every)
    try:
        fetched = fetch_source(
            spec.url, config.watch, etag=row.etag, last_modified=row.last_modified
        )
        if not fetched.changed or fetched.body_hash == row.body_hash:
            with store.write() as session:
                watch.record_unchanged(
                    session, source_id, worker=worker, now=now, next_check_at=now + every
                )
            return PollOutcome(spec.name, "unchanged")
        outcome = _read_new(
            store, config, spec, source_id, fetched, worker, now, lease, should_stop
        )
        if outcome.status == "lost":
            return outcome
        with store.write() as session:
            watch.record_changed(
                session,
                source_id,
                worker=worker,
                now=now,
                next_check_at=now + every,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                body_hash=fetched.body_hash,
            )
        for action in outcome.actions:
            if action.action == "needs review":  # auto_add = false: nothing was stored
                log.info(
                    "source=%s needs-review date=%s title=%r sentence=%r",
                    spec.name,
                    action.date,
                    action.title,
                    " ".join(action.sentence.split()),
                )
        if outcome.read:
            log.info(
                "source=%s outcome=changed articles=%d new_deadlines=%d",
                spec.name,
                outcome.read,
                sum(a.action == "new" for a in outcome.actions),
            )
        return outcome
    except Exception as error:  # a bad source, or a bug on one article: recorded, retried
        if isinstance(error, WatcherError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
            log.debug("source=%s details", spec.name, exc_info=True)
        return _failed(store, config, spec, row.failures, source_id, worker, now, message, rng)


def _failed(
    store: Store,
    config: Config,
    spec: SourceSpec,
    failures: int,
    source_id: int,
    worker: str,
    now: datetime,
    message: str,
    rng: random.Random | None,
) -> PollOutcome:
    retry_at = now + error_delay(failures + 1, spec.every, config.watch.max_backoff, rng)
    with store.write() as session:
        watch.record_error(
            session, source_id, worker=worker, now=now, next_check_at=retry_at, error=message
        )
    log.warning(
        "source=%s url=%s outcome=error retry_at=%s error=%s",
        spec.name,
        shown_url(spec.url),
        retry_at.isoformat(timespec="seconds"),
        message,
    )
    return PollOutcome(spec.name, "error", error=message)


def _read_new(
    store: Store,
    config: Config,
    spec: SourceSpec,
    source_id: int,
    fetched: Fetched,
    worker: str,
    now: datetime,
    lease: timedelta,
    should_stop: Callable[[], bool],
) -> PollOutcome:
    outcome = PollOutcome(spec.name, "changed")
    articles = entries(fetched, spec, now)
    with store.session() as session:
        known = watch.known_hashes(session, [a.location for a in articles])
    for entry in articles:
        if known.get(entry.location) == entry.content_hash:
            continue
        if should_stop():
            outcome.status = "lost"
            return outcome
        is_entry = entry.location != (fetched.url or spec.url)  # a feed's, not the page
        article = follow(entry, config.watch) if spec.follow and is_entry else entry
        for warning in article.warnings:
            log.info("source=%s note: %s", spec.name, warning)
        try:
            with store.write() as session:
                wall = max(now, store.clock())
                if not watch.renew_source(
                    session, source_id, worker=worker, now=wall, lease_until=wall + lease
                ):
                    outcome.status = "lost"
                    return outcome
                read = watch.remember_article(
                    session,
                    link=entry.location,
                    content_hash=entry.content_hash,
                    source_id=source_id,
                    source_name=spec.name,
                    now=now,
                )
                if read is None:
                    continue  # another source carried it and it was read meanwhile
                outcome.actions += ingest_article(
                    store,
                    config,
                    article,
                    channels=spec.channels,
                    tags=spec.tags,
                    min_confidence=spec.min_confidence,
                    auto_add=spec.auto_add,
                    session=session,
                )
                outcome.read += 1
        except IntegrityError:  # another daemon read this very link at the same moment
            log.debug("source=%s article=%s read by another daemon", spec.name, entry.location)
    return outcome


__all__ = ["PollOutcome", "entries", "error_delay", "follow", "poll_source"]
