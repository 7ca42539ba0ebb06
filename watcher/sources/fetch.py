"""Bounded, conditional reads of a watched source: an http(s) URL, a file or a folder.

Every fetch is bounded: a connect/read timeout and a total time limit, a size limit (the
``Content-Length`` is checked first, then the body is read in chunks up to the limit), a
redirect limit, redirects only to http(s), and a User-Agent that says who is asking. A
conditional request (``If-None-Match`` / ``If-Modified-Since``) lets an unchanged source
answer 304 with no body; for files the modification time and size play the ETag's part.
Every failure is one :class:`FetchError` with a one-line reason, recorded on the source.
"""

from __future__ import annotations

import functools
import hashlib
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any

import watcher
from watcher.errors import WatcherError
from watcher.sources.spec import WatchOptions, is_http

CHUNK = 65536
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}


class FetchError(WatcherError):
    """The source could not be fetched."""


def user_agent(options: WatchOptions) -> str:
    """Who is asking, so a site's operator can tell what polls them and why."""
    return options.user_agent or (
        f"watcher/{watcher.__version__} (deadline watcher; polls feeds for dates; "
        "+https://pypi.org/project/deadline-watcher/)"
    )


@dataclass(frozen=True)
class Fetched:
    """What one fetch found: ``changed`` is False for a 304 or an unchanged file/body."""

    changed: bool
    body: bytes = b""
    suffix: str | None = None  # ".xml", ".html", ".txt", a file's own suffix, or None
    etag: str | None = None
    last_modified: str | None = None
    url: str = ""
    files: list[tuple[str, bytes]] = field(default_factory=list)  # a folder's changed files

    @property
    def body_hash(self) -> str:
        digest = hashlib.sha256(self.body)
        for name, data in self.files:
            digest.update(name.encode())
            digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most ``max_redirections`` redirects, and only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_http(newurl):
            raise FetchError(f"redirected to {newurl.split(':', 1)[0]}:, which is not http(s)")
        if self.max_redirections == 0:
            raise FetchError(f"redirected ({code}) but watch.max_redirects is 0")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@functools.lru_cache(maxsize=8)
def _opener(limit: int) -> urllib.request.OpenerDirector:
    """One opener per redirect limit, built once: building one reads the proxy settings
    and registers a dozen handlers, which costs more than a 304 poll itself."""
    handler = type(
        "_Redirects",
        (_LimitedRedirects,),
        {"max_redirections": limit, "max_repeats": min(4, limit)},
    )
    return urllib.request.build_opener(handler())


def fetch_url(
    url: str, options: WatchOptions, *, etag: str | None = None, last_modified: str | None = None
) -> Fetched:
    """GET ``url`` conditionally; raises FetchError with the reason on any failure."""
    headers = {"User-Agent": user_agent(options), "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with _opener(options.max_redirects).open(request, timeout=options.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise FetchError(
                    f"the answer is {int(length) / 1e6:.1f} MB, over the "
                    f"{options.max_bytes / 1e6:g} MB limit (watch.max_bytes)"
                )
            body = _read_bounded(response, options)
            ctype = response.headers.get_content_type()
            return Fetched(
                changed=True,
                body=body,
                suffix=_suffix(ctype),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                url=response.geturl(),
            )
    except urllib.error.HTTPError as error:
        error.close()  # it holds the connection
        if error.code == 304:
            return Fetched(changed=False, etag=etag, last_modified=last_modified, url=url)
        if error.code in (301, 302, 303, 307, 308):
            raise FetchError(f"more than {options.max_redirects} redirects (or a loop)") from None
        raise FetchError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"no answer within {options.timeout:g} s") from None
        raise FetchError(f"cannot fetch: {reason}") from None
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(f"no answer within {options.timeout:g} s") from None
    except (OSError, ValueError) as error:  # ConnectionReset, http.client.IncompleteRead, ...
        raise FetchError(f"cannot fetch: {type(error).__name__}: {error}") from None


def _read_bounded(response: Any, options: WatchOptions) -> bytes:
    """The body in chunks: over ``max_bytes`` or too slow overall is an error."""
    started = time.monotonic()
    budget = 4 * options.timeout  # a server dripping bytes cannot hold a worker forever
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > options.max_bytes:
            raise FetchError(
                f"the answer is over the {options.max_bytes / 1e6:g} MB limit (watch.max_bytes)"
            )
        if time.monotonic() - started > budget:
            raise FetchError(f"the answer took longer than {budget:g} s")
        chunks.append(chunk)


def _suffix(ctype: str) -> str | None:
    if ctype in _FEED_TYPES:
        return ".xml"
    if "html" in ctype:
        return ".html"
    return ".txt" if ctype.startswith("text/") else None


def _signature(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def _read_file(path: Path, options: WatchOptions) -> bytes:
    size = path.stat().st_size
    if size > options.max_bytes:
        raise FetchError(
            f"{path.name}: {size / 1e6:.1f} MB is over the {options.max_bytes / 1e6:g} MB limit"
        )
    return path.read_bytes()


def article_files(folder: Path) -> list[Path]:
    """The articles of a folder source: its visible files, sidecars (NAME.meta.toml) aside."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".meta.toml")
    )


def fetch_path(path_text: str, options: WatchOptions, *, etag: str | None = None) -> Fetched:
    """A file (one article or a feed) or a folder (each file an article); ``etag`` is the
    signature (mtime and size of each file) seen last time."""
    path = Path(path_text)
    try:
        if path.is_dir():
            files = article_files(path)
            signature = hashlib.sha256(
                "\n".join(f"{p.name}:{_signature(p)}" for p in files).encode()
            ).hexdigest()
            if signature == etag:
                return Fetched(changed=False, etag=etag, url=path_text)
            found = [(str(p), _read_file(p, options)) for p in files]
            return Fetched(changed=True, etag=signature, url=path_text, files=found)
        if not path.exists():
            raise FetchError(f"{path}: no such file or folder")
        signature = _signature(path)
        if signature == etag:
            return Fetched(changed=False, etag=etag, url=path_text)
        return Fetched(
            changed=True,
            body=_read_file(path, options),
            suffix=path.suffix.lower() or None,
            etag=signature,
            url=path_text,
        )
    except FetchError:
        raise
    except PermissionError:
        raise FetchError(f"{path}: permission denied") from None
    except OSError as error:
        raise FetchError(f"{path}: cannot read: {error.strerror or error}") from None


def fetch_source(
    url: str, options: WatchOptions, *, etag: str | None = None, last_modified: str | None = None
) -> Fetched:
    """Fetch a watched source of any kind."""
    if is_http(url):
        return fetch_url(url, options, etag=etag, last_modified=last_modified)
    return fetch_path(url, options, etag=etag)


__all__ = ["FetchError", "Fetched", "article_files", "fetch_path", "fetch_source", "fetch_url"]
