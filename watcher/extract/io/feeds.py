"""RSS and Atom feeds as sources: each entry is an article dated by the feed.

A news reader follows feeds, not single pages, so ``watcher extract`` accepts a feed
file or URL wherever it accepts an article. feedparser does the parsing (RSS 0.9x-2.0,
Atom, RDF, broken real-world feeds, and every date format feeds use); this module only
turns its entries into :class:`Article` objects: the entry's title and summary (or
full content) as text, its link as the location, its date as the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from watcher.extract.io.sources import Article, SourceError

_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
    rb"(?:<!DOCTYPE\s+(?:rss|feed|rdf:RDF)\b[^>\[]*(?:\[.*?\]\s*)?>\s*)?"
    rb"(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.S | re.I,
)
_BREAK = "\u2029"  # paragraph separator: marks block ends while whitespace is collapsed


def looks_like_feed(raw: bytes, suffix: str | None) -> bool:
    """An RSS/Atom document: by its root element (a .xml file may be anything else)."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf")
    return _FEED_START.match(head) is not None or (
        suffix in {".rss", ".atom"} and b"<item" in raw[:65536]
    )


def feed_articles(location: str, raw: bytes) -> list[Article]:
    """Every entry of the feed as an article, in feed order."""
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({problem})" if problem else ""
        raise SourceError(f"{location}: a feed with no entries{why}")
    publisher = str(parsed.feed.get("title", ""))
    feed_date = _struct_to_utc(
        parsed.feed.get("published_parsed") or parsed.feed.get("updated_parsed")
    )
    articles = []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    for number, entry in enumerate(parsed.entries, start=1):
        article = Article(
            location=str(entry.get("link") or f"{location}#{number}"),
            text=_entry_text(entry),
            title=_plain(str(entry.get("title", ""))),
            publisher=publisher,
        )
        published = _struct_to_utc(entry.get("published_parsed") or entry.get("updated_parsed"))
        if published is not None:
            article.published, article.published_from = published, "feed entry"
        elif feed_date is not None:
            article.published, article.published_from = feed_date, "feed date"
            article.warnings.append(
                f"{article.location}: the entry has no date; using the feed's "
                f"{feed_date.date().isoformat()}"
            )
        articles.append(article)
    if problem is not None and articles:  # read anyway, as feed readers do, but say so
        articles[0].warnings.append(
            f"{location}: the feed is malformed ({problem}); entries may be missing or cut"
        )
    return articles


def _entry_text(entry: Any) -> str:
    """Title, then the fullest body the entry carries (content beats summary)."""
    bodies = [str(c.get("value", "")) for c in entry.get("content", [])]
    body = max(bodies, key=len) if bodies else str(entry.get("summary", ""))
    title = _plain(str(entry.get("title", "")))
    text = _plain(body)
    if title and not text.startswith(title):
        # A headline is a sentence of its own ("Vote set for Nov. 4"): end it as one.
        text = f"{title}{'' if title[-1] in '.!?' else '.'}\n\n{text}"
    return text.strip()


def _plain(fragment: str) -> str:
    """The text of an HTML fragment (feedparser has already sanitised it)."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())  # plain text: one paragraph
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises a zoo of errors on broken markup: treat it as text
        return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = _BREAK + (block.tail or "")  # blocks end lines; source newlines do not
    lines = (" ".join(line.split()) for line in root.text_content().split(_BREAK))
    return "\n".join(line for line in lines if line)


def _struct_to_utc(value: time.struct_time | None) -> dt.datetime | None:
    """feedparser normalises every feed date to a UTC struct_time."""
    if value is None:
        return None
    try:
        return dt.datetime(*value[:6], tzinfo=dt.UTC)
    except (TypeError, ValueError):
        return None
