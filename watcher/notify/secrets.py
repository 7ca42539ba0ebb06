"""Keeping Apprise URLs' secrets out of logs, errors and the database.

:func:`watcher.config.mask_url` is how a URL is *shown*. This module covers text we do not
write ourselves (a library's error message, a traceback): every fragment of a configured URL
that could be a secret is replaced by ``***`` before the text is logged or stored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, unquote

_MIN_SECRET = 4


def secret_fragments(urls: Iterable[str]) -> list[str]:
    """The parts of ``urls`` that may be secrets: user, password, tokens, path, query values.

    The scheme, a real host name and a port stay out so that errors remain readable (a
    "host" that is not a host name, as in ``slack://T000/B000/xyz``, is a token and goes
    in). Longest first, so a token is replaced whole before any shorter piece of it.
    """
    fragments: set[str] = set()
    for url in urls:
        _scheme, _, rest = url.partition("://")
        fragments.update((url, rest))
        authority, _, tail = (
            rest.partition("/")
            if "/" in rest.split("?")[0]
            else (rest.split("?")[0], "", rest[len(rest.split("?")[0]) :])
        )
        path, _, query = tail.partition("?")
        userinfo, _, hostport = authority.rpartition("@")
        host = hostport.rsplit(":", 1)[0] if hostport.count(":") == 1 else hostport
        pieces = [*re.split(r"[:]", userinfo), *path.split("/")]
        if not ("." in host or host == "localhost"):
            pieces.append(host)
        pieces += [value for _key, value in parse_qsl(query.lstrip("?"), keep_blank_values=True)]
        for piece in pieces:
            for variant in (piece, unquote(piece)):
                if len(variant) >= _MIN_SECRET and not (variant.isdigit() and len(variant) <= 5):
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

    Installed on the daemon's log handler, so even a third-party library's message or a
    traceback cannot print a configured URL's token.
    """

    def __init__(self, fragments: Iterable[str] = ()) -> None:
        super().__init__()
        self.fragments = list(fragments)

    def update(self, fragments: Iterable[str]) -> None:
        """Scrub these from now on (after a configuration reload), and the old ones too."""
        self.fragments = sorted(set(self.fragments) | set(fragments), key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.fragments:
            return True
        message = record.getMessage()
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            message = f"{message}\n{formatted}"
            record.exc_info = None
            record.exc_text = None
        record.msg = scrub(message, self.fragments)
        record.args = None
        return True


__all__ = ["ScrubFilter", "scrub", "secret_fragments"]
