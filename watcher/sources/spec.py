"""What a watched source is: ``[sources.NAME]`` and ``[watch]`` in the configuration.

Pure parsing and validation, shared by the configuration file and `watcher sources add`,
so a source added on the command line obeys exactly the rules of one written in the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from watcher.core.leads import parse_lead
from watcher.errors import ConfigError, WatcherError

DEFAULT_EVERY = 1800.0  # 30 minutes
MIN_EVERY = 60.0  # sites dislike being polled more often than once a minute
DEFAULT_MIN_CONFIDENCE = 0.5  # the extractor's own default (a test keeps them equal)
SOURCE_KEYS = ("url", "every", "tags", "channels", "follow", "min_confidence", "auto_add")
WATCH_KEYS = (
    "timeout",
    "max_bytes",
    "max_redirects",
    "workers",
    "min_interval",
    "max_backoff",
    "user_agent",
)
_NAME = re.compile(r"[A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class WatchOptions:
    """How sources are fetched (``[watch]``): bounds that keep one bad source harmless."""

    timeout: float = 15.0  # seconds for connecting and for each read
    max_bytes: int = 10_000_000  # a larger answer is an error, not a download
    max_redirects: int = 5
    workers: int = 4  # sources fetched at the same time by one daemon
    min_interval: float = MIN_EVERY  # the floor of ``every`` (lower it only for tests)
    max_backoff: float = 6 * 3600.0  # the longest wait after repeated errors
    user_agent: str = ""  # empty: "watcher/VERSION (+deadline watcher; ...)"


@dataclass(frozen=True)
class SourceSpec:
    """One watched source: where it is, how often to look, and where its findings go."""

    name: str
    url: str  # http(s)://..., file:///..., or an absolute path (a file or a folder)
    every: float = DEFAULT_EVERY
    tags: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    follow: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    auto_add: bool = True


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ConfigError(f"source name {name!r} may only use letters, digits, '_', '.', '-'")
    return name


def normalise_url(value: object, key: str, base: Path | None = None) -> str:
    """An http(s) URL as given, or a local file/folder as an absolute path.

    Only http(s) and local files are accepted: a feed URL with another scheme (ftp:,
    gopher:, data:) is refused here rather than failing at every poll.
    """
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} must be an http(s) URL or a path")
    text = value.strip()
    scheme = urlsplit(text).scheme.lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) else ""
    if scheme in ("http", "https"):
        if not urlsplit(text).hostname:
            raise ConfigError(f"{key} {text!r} has no host")
        return text
    if scheme == "file":
        parts = urlsplit(text)
        if parts.netloc not in ("", "localhost"):
            raise ConfigError(f"{key} {text!r}: only local file:// URLs can be read")
        text = parts.path
    elif scheme and len(scheme) > 1:  # "C:" style drive letters are not a concern here
        raise ConfigError(f"{key} {text!r}: only http://, https:// and file sources are read")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    return str(path.resolve())


def is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def shown_url(url: str) -> str:
    """A source URL safe to print: a password and query values are hidden (they may be
    access tokens)."""
    if not is_http(url):
        return url
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    query = "&".join(
        f"{pair.split('=', 1)[0]}=***" if "=" in pair else pair
        for pair in parts.query.split("&")
        if pair
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def url_secrets(url: str) -> list[str]:
    """What the daemon's log scrubber hides of a source URL: its password and its query
    values of token length (the same parts :func:`shown_url` hides); the host and path
    stay readable, since article links share them."""
    if not is_http(url):
        return []
    parts = urlsplit(url)
    values = [v for pair in parts.query.split("&") if len(v := pair.partition("=")[2]) >= 8]
    password = [parts.password] if parts.password and len(parts.password) >= 3 else []
    return password + values


def _seconds(value: object, key: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"{key} must be a duration such as '30m'")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        try:
            lead = parse_lead(str(value))
        except WatcherError:
            raise ConfigError(
                f"{key} must be a duration such as 30s, 5m or 1h (or seconds), not {value!r}"
            ) from None
        seconds = float(lead.days * 86400 + lead.seconds)
    if seconds <= 0:
        raise ConfigError(f"{key} must be positive, not {value!r}")
    return seconds


def _strings(value: object, key: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ConfigError(f"{key} must be a list of names")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{key} must be a list of names")
    return tuple(v.strip() for v in value)


def _bool(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false")
    return value


def make_spec(
    name: str,
    data: Mapping[str, Any],
    options: WatchOptions | None = None,
    base: Path | None = None,
) -> SourceSpec:
    """Validate one source's settings; every error names the key."""
    options = options or WatchOptions()
    prefix = f"sources.{check_name(name)}"
    unknown = sorted(set(data) - set(SOURCE_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown key {prefix}.{unknown[0]}: known keys are {', '.join(SOURCE_KEYS)}"
        )
    if "url" not in data:
        raise ConfigError(f"{prefix}.url is missing: give a feed or page URL, or a path")
    every = _seconds(data.get("every", DEFAULT_EVERY), f"{prefix}.every")
    if every < options.min_interval:
        raise ConfigError(
            f"{prefix}.every must be at least {options.min_interval:g} s: "
            "sites should not be polled more often"
        )
    confidence = data.get("min_confidence", DEFAULT_MIN_CONFIDENCE)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise ConfigError(f"{prefix}.min_confidence must be a number between 0 and 1")
    if not 0.0 <= float(confidence) <= 1.0:
        raise ConfigError(f"{prefix}.min_confidence must be between 0 and 1")
    return SourceSpec(
        name=name,
        url=normalise_url(data["url"], f"{prefix}.url", base),
        every=every,
        tags=_strings(data.get("tags", []), f"{prefix}.tags"),
        channels=_strings(data.get("channels", []), f"{prefix}.channels"),
        follow=_bool(data.get("follow", False), f"{prefix}.follow"),
        min_confidence=float(confidence),
        auto_add=_bool(data.get("auto_add", True), f"{prefix}.auto_add"),
    )


def parse_watch(data: Mapping[str, Any]) -> WatchOptions:
    """``[watch]``: fetch bounds and the polling floor."""
    unknown = sorted(set(data) - set(WATCH_KEYS))
    if unknown:
        raise ConfigError(f"unknown key watch.{unknown[0]}: known keys are {', '.join(WATCH_KEYS)}")
    defaults = WatchOptions()
    values: dict[str, Any] = {}
    for key in ("timeout", "min_interval", "max_backoff"):
        if key in data:
            values[key] = _seconds(data[key], f"watch.{key}")
    for key in ("max_bytes", "max_redirects", "workers"):
        if key in data:
            value = data[key]
            low = 0 if key == "max_redirects" else 1
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ConfigError(f"watch.{key} must be a whole number of at least {low}")
            values[key] = value
    if "user_agent" in data:
        values["user_agent"] = str(data["user_agent"])
    return WatchOptions(**{**defaults.__dict__, **values})


def parse_sources(
    data: Mapping[str, Any], options: WatchOptions, base: Path | None = None
) -> dict[str, SourceSpec]:
    """``[sources.NAME]`` tables; relative paths are read from the config file's folder."""
    specs: dict[str, SourceSpec] = {}
    for name, spec in data.items():
        if not isinstance(spec, Mapping):
            raise ConfigError(f"sources.{name} must be a table with at least a url")
        specs[name] = make_spec(name, spec, options, base)
    return specs


def check_source_channels(specs: Sequence[SourceSpec], known: set[str]) -> None:
    for spec in specs:
        unknown = sorted(set(spec.channels) - known)
        if unknown:
            raise ConfigError(
                f"sources.{spec.name}.channels: unknown channel {unknown[0]!r}: "
                f"configured channels are {', '.join(sorted(known))}"
            )


__all__ = [
    "DEFAULT_EVERY",
    "MIN_EVERY",
    "SourceSpec",
    "WatchOptions",
    "check_source_channels",
    "is_http",
    "make_spec",
    "normalise_url",
    "parse_sources",
    "parse_watch",
    "shown_url",
    "url_secrets",
]
