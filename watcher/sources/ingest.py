"""What one new or edited article does to the store: the single step the poller calls.

:func:`ingest_article` decides, for one article, which deadlines to add or confirm and
queues a "new deadline" notice for each one it adds, all in one transaction. Polling,
fetching, article memory, notices and status do not depend on how it decides, so story
tracking (new / moved / called off) can replace its body without touching them.

For now it does what `watcher extract --add` does: future mentions at or above
``min_confidence`` become deadlines unless the same event is already stored on that day, in
which case the stored one gains the mention ("confirmed").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from watcher.config import Config
from watcher.extract.sources import Article
from watcher.store.repository import Store

EXTRACTED_TAG = "extracted"


@dataclass(frozen=True)
class IngestAction:
    """One thing an article did (or, in a dry run, would do).

    ``action`` is "new" (a deadline was added and its notice queued), "confirmed" (a known
    deadline gained this mention), "known" (this very sentence was stored before) or
    "needs review" (found, but ``auto_add`` is off, so nothing was stored).
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
    from watcher.core.planning import Due
    from watcher.extract import extract
    from watcher.store.repository import DeadlineDraft
    from watcher.store.sources_watch import queue_found

    assert article.published is not None, "the poller settles every article's date"
    zone = article.timezone or config.timezone
    mentions = extract(article.text, article.published, zone)
    chosen = [m for m in mentions if m.future and m.confidence >= min_confidence and m.date]
    actions: list[IngestAction] = []
    if not chosen:
        return actions
    if not auto_add:
        return [
            IngestAction(
                "needs review", None, _title(m.title, m.sentence), m.date or "", m.sentence
            )
            for m in chosen
        ]
    all_tags = sorted({EXTRACTED_TAG, *tags})
    routed = list(channels) or config.routing_channels(tags=all_tags)
    source = store.add_source(
        session,
        location=article.location,
        content_hash=article.content_hash,
        title=article.title,
        publisher=article.publisher,
        published=_iso(article.published),
        text=article.text,
    )
    for m in chosen:
        assert m.date is not None
        if "T" in m.date:
            at = dt.datetime.fromisoformat(m.date)
            due = Due(at=at.astimezone(dt.UTC), timezone=zone, all_day=False)
        else:
            due = Due.for_date(dt.date.fromisoformat(m.date), zone)
        title = _title(m.title, m.sentence)
        deadline, is_new = store.add_unless_known(
            session,
            DeadlineDraft(
                title=title,
                due=due,
                leads=list(config.default_leads),
                channels=routed,
                kind=m.kind,
                tags=all_tags,
                notes=f"From {article.location}",
            ),
        )
        link = store.add_mention(
            session, deadline, source, sentence=m.sentence, span=m.text, start=m.start
        )
        if is_new:
            queue_found(session, deadline, store.now())
            action = "new"
        else:
            action = "known" if link is None else "confirmed"
        actions.append(IngestAction(action, deadline.id, deadline.title, m.date, m.sentence))
    return actions


def _title(title: str | None, sentence: str) -> str:
    return title or " ".join(sentence.split())[:80]


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return ""


__all__ = ["EXTRACTED_TAG", "IngestAction", "ingest_article"]
