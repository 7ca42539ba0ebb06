"""Keeping Apprise URLs' secrets out of logs, errors and the database.

:func:`watcher.config.mask_url` is how a URL is *shown*. This module covers text we do not
write ourselves (a library's error message, a traceback): every fragment of a configured URL
that could be a secret is replaced by ``***`` before the text is logged or stored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import parse_qsl, unquote

_MIN_TOKEN = 8


def secret_fragments(urls: Iterable[str]) -> list[str]:
    """The parts of ``urls`` that may be secrets: passwords, tokens, query values.

    Passwords count from 3 characters; path segments, query values and a "host" that is not
    a host name (as in ``slack://T000/B000/xyz``) count from 8, the length of a token, so
    that words like a channel or user name stay readable in logs. The whole URL is always
    included. Longest first, so a token is replaced whole before any shorter piece of it.
    """
    fragments: set[str] = set()
    for url in urls:
        _scheme, _, rest = url.partition("://")
        fragments.update((url, rest))
        before_query, _, query = rest.partition("?")
        authority, _, path = before_query.partition("/")
        userinfo, _, hostport = authority.rpartition("@")
        host, _, port = hostport.rpartition(":") if hostport.count(":") == 1 else (hostport, "", "")
        host = host or hostport
        _user, _, password = userinfo.partition(":")
        long_pieces = path.split("/") + [v for _k, v in parse_qsl(query, keep_blank_values=True)]
        if not ("." in host or host == "localhost"):
            long_pieces.append(host)
        if port and not port.isdigit():  # not a port: a token such as Telegram's 123:ABC...
            long_pieces += [hostport, port]
        candidates = [(password, 3)] + [(piece, _MIN_TOKEN) for piece in long_pieces]
        for piece, minimum in candidates:
            for variant in (piece, unquote(piece)):
                if len(variant) >= minimum:
                    fragments.add(variant)
    return sorted(fragments, key=len, reverse=True)


def scrub(text: str, fragments: Iterable[str]) -> str:
    """``text`` with every secret fragment replaced by ``***``."""
    for fragment in fragments:
        if fragment and fragment in text:
            text = text.replace(fragment, "***")
    return text


class ScrubFilter(logging.Filter):
    """A logging filter that scrubs secret fragments from every record it passes.

    Installed on the daemon's log handler, and (through :func:`protect_logging`) on the
    creation of every log record, so even a third-party library's message, at any level and
    whatever handler prints it, or a traceback cannot print a configured URL's token.
    """

    def __init__(self, fragments: Iterable[str] = ()) -> None:
        super().__init__()
        self.fragments = list(fragments)

    def update(self, fragments: Iterable[str]) -> None:
        """Scrub these from now on (after a configuration reload), and the old ones too."""
        self.fragments = sorted(set(self.fragments) | set(fragments), key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        self.scrub_record(record)
        return True

    def scrub_record(self, record: logging.LogRecord) -> None:
        """Replace the record's message (and formatted traceback) by its scrubbed text."""
        if not self.fragments:
            return
        message = record.getMessage()
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            message = f"{message}\n{formatted}"
            record.exc_info = None
            record.exc_text = None
        record.msg = scrub(message, self.fragments)
        record.args = None


_SCRUBBER = ScrubFilter()
_installed = False


def protect_logging(urls: Iterable[str] = ()) -> ScrubFilter:
    """Scrub the fragments of ``urls`` from every log record created from now on.

    The process-wide scrubber hooks the log record factory once, so records of every
    logger (Apprise's DEBUG lines included) are clean before any handler sees them, even
    Python's last-resort handler. Returns the scrubber, to add fragments after a reload.
    """
    global _installed
    _SCRUBBER.update(secret_fragments(urls))
    if not _installed:
        make_record = logging.getLogRecordFactory()

        def scrubbed_record(*args: object, **kwargs: object) -> logging.LogRecord:
            record = make_record(*args, **kwargs)
            _SCRUBBER.scrub_record(record)
            return record

        logging.setLogRecordFactory(scrubbed_record)
        _installed = True
    return _SCRUBBER


__all__ = ["ScrubFilter", "protect_logging", "scrub", "secret_fragments"]
