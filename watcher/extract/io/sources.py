"""The I/O shell around the pure extractor: reading an article and its publication date.

A SOURCE is a text file, an HTML file, an RSS/Atom feed (each entry an article; see
feeds.py), an http(s) URL of any of these, or ``-`` for stdin. HTML is reduced to the
article's main text with trafilatura. The publication date comes from, in order: the
caller (``--published``), a sidecar ``NAME.meta.toml`` (as in seeds/), the HTML's
metadata (``article:published_time``, ``datePublished``, ...) or the feed entry's date,
and last the file's modification time, with a warning saying so. Input is bounded (size limit,
network timeout) and binary input is refused, so a wrong file gives a clear error,
not a hang or a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from watcher.errors import UsageError, WatcherError

MAX_BYTES = 10_000_000  # an article is a few tens of kB; 10 MB leaves room for heavy HTML
TIMEOUT_SECONDS = 15.0
USER_AGENT = "watcher-extract/0.1 (+https://example.invalid/watcher)"


class SourceError(WatcherError):
    """The source could not be read."""


@dataclass
class Article:
    """An article's text and what is known about it."""

    location: str
    text: str
    published: dt.date | dt.datetime | None = None
    published_from: str = ""  # where the date came from: "--published", "meta.toml", ...
    timezone: str | None = None
    title: str = ""
    publisher: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_articles(
    spec: str,
    published: dt.date | dt.datetime | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    stdin: BinaryIO | None = None,
    follow_links: bool = False,
) -> list[Article]:
    """Read one SOURCE: a single article, or every entry of an RSS/Atom feed.

    With ``follow_links``, a feed entry's linked page replaces the entry's summary
    (feeds often carry a teaser only); a page that cannot be fetched keeps the summary
    and says so in a warning.
    """
    from watcher.extract.io.feeds import looks_like_feed

    location, raw, suffix = _load(spec, max_bytes, timeout, stdin)
    articles = articles_from_bytes(location, raw, suffix, Path(spec) if _is_file(spec) else None)
    if follow_links and looks_like_feed(raw, suffix):
        articles = [_follow(entry, max_bytes, timeout) for entry in articles]
    for article in articles:
        _settle_published(article, spec, published)
    return articles


def articles_from_bytes(
    location: str, raw: bytes, suffix: str | None, path: Path | None = None
) -> list[Article]:
    """The articles in bytes already read: every entry of a feed, else one article (with
    the sidecar ``NAME.meta.toml`` beside ``path`` applied). Dates are not settled here."""
    from watcher.extract.io.feeds import feed_articles, looks_like_feed

    if looks_like_feed(raw, suffix):
        return feed_articles(location, raw)
    article = article_from_bytes(location, raw, suffix)
    if path is not None:
        _apply_sidecar(article, path)
    return [article]


def read_source(
    spec: str,
    published: dt.date | dt.datetime | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read one SOURCE that holds a single article (a feed is refused)."""
    articles = read_articles(spec, published, max_bytes=max_bytes, timeout=timeout, stdin=stdin)
    if len(articles) != 1:
        raise UsageError(f"{spec}: a feed of {len(articles)} entries, not one article")
    return articles[0]


def _is_file(spec: str) -> bool:
    return spec != "-" and not re.match(r"(?i)[a-z][a-z0-9+.-]*://", spec)


def _load(
    spec: str, max_bytes: int, timeout: float, stdin: BinaryIO | None
) -> tuple[str, bytes, str | None]:
    """(location, bytes, type suffix) of a SOURCE: stdin, an http(s) URL or a file."""
    if spec == "-":
        return "-", _read_bounded(stdin or sys.stdin.buffer, max_bytes, "stdin"), None
    if re.match(r"(?i)https?://", spec):
        return (spec, *_fetch(spec, max_bytes, timeout))
    if not _is_file(spec):
        raise UsageError(f"{spec}: only http:// and https:// URLs can be fetched")
    path = Path(spec)
    return str(path), _read_file(path, max_bytes), path.suffix.lower()


def _settle_published(article: Article, spec: str, published: dt.date | dt.datetime | None) -> None:
    """The caller's date wins; without any date, a file's date (with a warning) or an error."""
    if published is not None:
        article.published, article.published_from = published, "--published"
    if article.published is not None:
        return
    if not _is_file(spec):
        raise UsageError(
            f"{article.location}: no publication date found; give one with --published YYYY-MM-DD"
        )
    mtime = dt.datetime.fromtimestamp(Path(spec).stat().st_mtime, tz=dt.UTC)
    article.published, article.published_from = mtime, "file date"
    article.warnings.append(
        f"{spec}: no publication date found (no --published, no "
        f"{Path(spec).with_suffix('.meta.toml').name}, no date in the page or feed); "
        f"using the file's date {mtime.date().isoformat()}"
    )


def _follow(entry: Article, max_bytes: int, timeout: float) -> Article:
    """The page a feed entry links to, dated by the page or else by the feed."""
    if not re.match(r"(?i)https?://", entry.location):
        return entry
    try:
        page = article_from_bytes(entry.location, *_fetch(entry.location, max_bytes, timeout))
    except WatcherError as error:
        entry.warnings.append(f"{error}; using the feed's summary")
        return entry
    if page.published is None:
        page.published, page.published_from = entry.published, entry.published_from
    page.title = page.title or entry.title
    page.publisher = page.publisher or entry.publisher
    page.warnings = entry.warnings + page.warnings
    return page


def _read_bounded(stream: BinaryIO, max_bytes: int, what: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(f"{what}: larger than the {_mb(max_bytes)} limit for an article")
    return data


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UsageError(f"{path}: is a directory, not an article")
        if size > max_bytes:
            raise SourceError(
                f"{path}: {size / 1_000_000:.1f} MB is larger than the {_mb(max_bytes)} "
                "limit for an article"
            )
        with path.open("rb") as handle:
            return _read_bounded(handle, max_bytes, str(path))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None


_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}


def _fetch(url: str, max_bytes: int, timeout: float) -> tuple[bytes, str | None]:
    """The body of an http(s) URL and a suffix naming its content type."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(f"{url}: {int(length) / 1e6:.1f} MB is over the limit")
            raw = _read_bounded(response, max_bytes, url)
            ctype = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        raise SourceError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"{url}: cannot fetch: {error.reason}") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {timeout:g} s") from None
    except OSError as error:
        raise SourceError(f"{url}: cannot fetch: {error}") from None
    if ctype in _FEED_TYPES:
        return raw, ".xml"
    return raw, ".html" if "html" in ctype else ".txt" if ctype.startswith("text/") else None


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    return b"\x00" in head


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<article|<div)", re.I)


def article_from_bytes(location: str, raw: bytes, suffix: str | None) -> Article:
    """One article (text or HTML) from bytes; binary input is refused."""
    if _looks_binary(raw):
        raise SourceError(f"{location}: looks like a binary file, not an article (NUL bytes)")
    is_html = suffix in {".html", ".htm", ".xhtml"} or (
        suffix not in {".txt", ".text", ".md"} and _HTML_START.match(raw[:512]) is not None
    )
    text = _decode(raw)
    if not is_html:
        return Article(location, text.replace("\r\n", "\n"))
    return _from_html(location, text)


_META_DATE = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|
    og:published_time|datePublished|pubdate|publishdate|date|dc\.date|DC\.date\.issued|
    sailthru\.date|parsely-pub-date)["'][^>]*>""",
    re.IGNORECASE | re.VERBOSE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def html_published(html: str) -> dt.date | dt.datetime | None:
    """The publication date an HTML page declares in its metadata, if any."""
    candidates = [
        c.group(1)
        for m in _META_DATE.finditer(html[:200_000])
        if (c := _CONTENT.search(m.group(0)))
    ]
    candidates += _JSONLD_DATE.findall(html[:200_000])
    for value in candidates:
        parsed = parse_published(value)
        if parsed is not None:
            return parsed
    return None


def parse_published(value: str) -> dt.date | dt.datetime | None:
    """'2025-10-24', '2025-10-24T08:15:00-04:00', '2025-10-24T12:15:00Z' -> date/datetime."""
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4}-\d\d-\d\d)", value)
        if m:
            try:
                return dt.date.fromisoformat(m.group(1))
            except ValueError:
                return None
    return None


def _from_html(location: str, html: str) -> Article:
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text:
        raise SourceError(f"{location}: no article text found in the page")
    article = Article(location, text)
    published = html_published(html)
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        article.title = meta.title or ""
        article.publisher = meta.sitename or ""
        if published is None and meta.date:
            published = parse_published(meta.date)
    if published is not None:
        article.published, article.published_from = published, "page metadata"
    return article


def _apply_sidecar(article: Article, path: Path) -> None:
    """NAME.meta.toml beside NAME.txt: published, timezone, title, publisher."""
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.toml")
    if not sidecar.is_file():
        return
    try:
        meta = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{sidecar}: cannot read: {error}") from None
    published = meta.get("published")
    if isinstance(published, dt.datetime | dt.date):
        article.published = published
    elif isinstance(published, str):
        article.published = parse_published(published)
    if article.published is not None:
        article.published_from = sidecar.name
    if isinstance(meta.get("timezone"), str):
        article.timezone = meta["timezone"]
    article.title = str(meta.get("title", article.title))
    article.publisher = str(meta.get("publisher", article.publisher))


def environment_max_bytes() -> int:
    """The size limit, overridable with WATCHER_EXTRACT_MAX_BYTES for unusual inputs."""
    value = os.environ.get("WATCHER_EXTRACT_MAX_BYTES", "")
    return int(value) if value.isdigit() else MAX_BYTES
