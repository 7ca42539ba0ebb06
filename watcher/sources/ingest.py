"""What one new or edited article does to the store: the single step the poller calls.

:func:`ingest_article` decides, for one article, which deadlines to add or confirm and
queues a "new deadline" notice for each one it adds, all in one transaction. Polling,
fetching, article memory, notices and status do not depend on how it decides, so story
tracking (new / moved / called off) can replace its body without touching them.

It follows the story as `watcher extract --add` does (watcher.store.story): a new date
becomes a deadline and its "found" notice, a move or call-off changes the stored record and
sends its notice, a confirmation adds a mention; with ``auto_add`` off every change waits in
`watcher review`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from watcher.config import Config
from watcher.extract.io.sources import Article
from watcher.store.repository import Store

EXTRACTED_TAG = "extracted"


@dataclass(frozen=True)
class IngestAction:
    """One thing an article did (or, in a dry run, would do).

    ``action`` is what story tracking did: "new" (a deadline was added and its notice
    queued), "moved", "called off", "confirmed", "done", or "needs review" (kept as a
    proposal for `watcher review`).
    """

    action: str
    deadline_id: int | None
    title: str
    date: str
    sentence: str


def ingest_article(
    store: Store,
    config: Config,
    article: Article,
    *,
    channels: Sequence[str],
    tags: Sequence[str],
    min_confidence: float,
    auto_add: bool,
    session: Session | None = None,
) -> list[IngestAction]:
    """Act on the deadlines in ``article``; returns what was done, one action per finding.

    ``session``: run inside the caller's transaction (the poller's, which also records the
    article as read, so both commit or neither does); without one, in a new transaction.
    """
    if session is None:
        with store.write() as new_session:
            return _ingest(
                store, config, article, channels, tags, min_confidence, auto_add, new_session
            )
    return _ingest(store, config, article, channels, tags, min_confidence, auto_add, session)


def _ingest(
    store: Store,
    config: Config,
    article: Article,
    channels: Sequence[str],
    tags: Sequence[str],
    min_confidence: float,
    auto_add: bool,
    session: Session,
) -> list[IngestAction]:
    from watcher.extract import extract
    from watcher.store.models import Deadline
    from watcher.store.sources_watch import queue_found
    from watcher.store.story import ArticleFacts, NewRecord, StoryStore, local_day

    assert article.published is not None, "the poller settles every article's date"
    zone = article.timezone or config.timezone
    mentions = extract(article.text, article.published, zone)
    all_tags = sorted({EXTRACTED_TAG, *tags})
    defaults = NewRecord(
        timezone=zone,
        leads=list(config.default_leads),
        channels=list(channels) or config.routing_channels(tags=all_tags),
        tags=all_tags,
    )
    facts = ArticleFacts(
        location=article.location,
        text=article.text,
        published=local_day(article.published, zone),
        content_hash=article.content_hash,
        title=article.title,
        publisher=article.publisher,
        published_as=article.published.isoformat(),
    )
    report = StoryStore(store).track_in(
        session, facts, mentions, defaults, min_confidence=min_confidence, review_all=not auto_add
    )
    actions: list[IngestAction] = []
    for line in report or []:
        if line.act == "NEW" and line.deadline_id is not None:
            deadline = session.get(Deadline, line.deadline_id)
            assert deadline is not None
            queue_found(session, deadline, store.now())
        actions.append(
            IngestAction(line.act.lower(), line.deadline_id, line.title, line.date, line.sentence)
        )
    return actions


__all__ = ["EXTRACTED_TAG", "IngestAction", "ingest_article"]
