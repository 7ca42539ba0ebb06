"""Configuration: a TOML file, found in one well-known order, with built-in defaults.

Order: ``--config PATH`` / ``$WATCHER_CONFIG``; ``$XDG_CONFIG_HOME/watcher/watcher.toml``;
``/etc/watcher/watcher.toml``; otherwise the defaults below. ``config/watcher.example.toml``
documents every key. Channel URLs carry secrets: :func:`mask_url` is the only way they are
ever shown.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from watcher.core.leads import Lead, parse_lead, parse_leads
from watcher.core.zones import get_zone, local_zone_name
from watcher.errors import ConfigError, WatcherError
from watcher.sources.spec import SourceSpec, WatchOptions
from watcher.web.settings import HttpSettings

CONSOLE_CHANNEL = "console"
"""The built-in channel used when nothing else is configured: alerts go to the daemon's log."""


@dataclass(frozen=True)
class Rate:
    """At most ``count`` messages started in any ``seconds`` (a sliding window)."""

    count: int
    seconds: float

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds:g}s"

    @property
    def spacing(self) -> float:
        """The average time one message takes of the allowance."""
        return self.seconds / self.count


KNOWN_RATES: tuple[tuple[str, Rate, str], ...] = (
    # (URL prefix, limit, why): a channel of such URLs gets the limit unless it sets `rate`
    ("slack://", Rate(1, 1.0), "Slack webhooks: about one message per second"),
    ("https://hooks.slack.com/", Rate(1, 1.0), "Slack webhooks: about one message per second"),
    ("discord://", Rate(1, 2.0), "Discord webhooks: 5 per 2 s and 30 per minute"),
    ("https://discord.com/api/webhooks/", Rate(1, 2.0), "Discord webhooks: 30 per minute"),
    ("tgram://", Rate(1, 3.0), "Telegram bots: 1 per second to a chat, 20 per minute to a group"),
)
"""Rate limits of services that enforce one, by URL prefix. Email, JSON/XML webhooks and
the rest have none by default (set ``rate`` on the channel when a server needs one)."""


def default_rate(urls: Sequence[str]) -> Rate | None:
    """The strictest known limit among ``urls`` (None when none of them has one)."""
    found = [
        rate for url in urls for prefix, rate, _ in KNOWN_RATES if url.lower().startswith(prefix)
    ]
    return max(found, key=lambda rate: rate.spacing) if found else None


def parse_rate(value: object, key: str) -> Rate | None:
    """``"1/s"``, ``"20/m"``, ``"5/2s"``, ``"100/h"`` (the units of lead times); ``"off"``
    is no limit."""
    from watcher.core.leads import parse_lead

    text = str(value).strip().lower() if isinstance(value, str) else ""
    if text == "off":
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d*)\s*([a-z]+)", text)
    if match and int(match[1]) >= 1:
        try:
            lead = parse_lead(f"{match[2] or 1}{match[3]}")
        except WatcherError:
            lead = None
        seconds = float(lead.days * 86400 + lead.seconds) if lead else 0.0
        if seconds > 0:
            return Rate(int(match[1]), seconds)
    raise ConfigError(
        f'{key} must be a rate such as "1/s", "20/m" or "5/2s" (or "off"), not {value!r}'
    )


@dataclass(frozen=True)
class Channel:
    """A named group of Apprise URLs that alerts can be routed to. ``rate`` limits how
    often messages start to it (:data:`KNOWN_RATES` unless the file says otherwise)."""

    name: str
    urls: tuple[str, ...]
    tags: tuple[str, ...] = ()
    rate: Rate | None = None


@dataclass(frozen=True)
class QuietHours:
    """Local hours in which alerts wait (unless their deadline's kind bypasses them)."""

    start: time
    end: time
    bypass_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter for failed deliveries, kept in the database.

    A failed alert is retried until its deadline passes: ``max_attempts`` (None: no limit)
    and ``window_seconds`` (since its fire time; None: until the deadline) stop it sooner.
    """

    max_attempts: int | None = None
    base_delay_seconds: float = 30.0
    max_delay_seconds: float = 300.0
    window_seconds: float | None = None


@dataclass(frozen=True)
class Config:
    """Everything watcher reads from its configuration file."""

    timezone: str = field(default_factory=local_zone_name)
    default_leads: tuple[Lead, ...] = (Lead(days=7), Lead(days=1), Lead(seconds=3600))
    all_day_time: time = time(9, 0)
    channels: dict[str, Channel] = field(default_factory=dict)
    default_channels: tuple[str, ...] = ()
    quiet_hours: QuietHours | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    missed_alerts: str = "summary"  # "summary" (one message), "each", or "drop"
    templates: dict[str, str] = field(default_factory=dict)
    daemon: dict[str, Any] = field(default_factory=dict)
    watch: WatchOptions = field(default_factory=WatchOptions)
    sources: dict[str, SourceSpec] = field(default_factory=dict)
    http: dict[str, Any] = field(default_factory=dict)  # checked by watcher.web.settings
    source: Path | None = None

    def routing_channels(
        self, requested: Sequence[str] = (), tags: Sequence[str] = ()
    ) -> list[str]:
        """The channels a deadline's alerts go to.

        Channels named for the deadline win. Otherwise: ``default_channels`` (when unset,
        every configured channel without ``tags``; with nothing configured, the console),
        plus every channel whose ``tags`` share one of the deadline's tags.
        """
        if requested:
            return sorted(set(requested))
        if self.default_channels:
            base = set(self.default_channels)
        else:
            base = {name for name, channel in self.channels.items() if not channel.tags}
        tagged = {name for name, channel in self.channels.items() if set(channel.tags) & set(tags)}
        return sorted(base | tagged) or [CONSOLE_CHANNEL]

    def check_channels(self, names: Sequence[str]) -> None:
        """Refuse channel names the configuration does not define."""
        known = set(self.channels) | {CONSOLE_CHANNEL}
        unknown = sorted(set(names) - known)
        if unknown:
            choices = ", ".join(sorted(known))
            raise ConfigError(f"unknown channel {unknown[0]!r}: configured channels are {choices}")


def config_search_path(explicit: str | None) -> list[Path]:
    """Where configuration is looked for, in order."""
    if explicit:
        return [Path(explicit).expanduser()]
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path(xdg) / "watcher" / "watcher.toml", Path("/etc/watcher/watcher.toml")]


def load_config(explicit: str | None = None) -> Config:
    """Load the first configuration file found, or the defaults."""
    for path in config_search_path(explicit):
        if path.is_file():
            return parse_config(_read_toml(path), source=path)
        if explicit:
            raise ConfigError(f"configuration file not found: {path}")
    return Config()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a text file (TOML must be UTF-8)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def parse_config(data: dict[str, Any], source: Path | None = None) -> Config:
    """Validate a parsed TOML document; every error names the key and the file."""
    where = f"{source}: " if source else ""
    try:
        return _parse(data, source)
    except WatcherError as error:
        raise ConfigError(f"{where}{error}") from None
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise ConfigError(f"{where}invalid configuration: {error}") from None


def _parse(data: dict[str, Any], source: Path | None) -> Config:
    known = {
        "timezone",
        "default_leads",
        "all_day_time",
        "channels",
        "default_channels",
        "quiet_hours",
        "retry",
        "missed_alerts",
        "templates",
        "daemon",
        *_WATCHED_SOURCE_KEYS,
        "http",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r}")
    defaults = Config()
    timezone = str(data.get("timezone", defaults.timezone))
    get_zone(timezone)
    leads = (
        tuple(parse_leads(list(data["default_leads"])))
        if "default_leads" in data
        else defaults.default_leads
    )
    channels: dict[str, Channel] = {}
    for name, spec in dict(data.get("channels", {})).items():
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
            raise ConfigError(f"channel name {name!r} may only use letters, digits, '_', '.', '-'")
        if not isinstance(spec, dict):
            raise ConfigError(f"channels.{name} must be a table with urls = [...]")
        unknown_keys = sorted(set(spec) - {"urls", "tags", "rate"})
        if unknown_keys:
            raise ConfigError(f"unknown key channels.{name}.{unknown_keys[0]}")
        urls = spec.get("urls", [])
        if not _strings(urls) or not urls:
            raise ConfigError(f"channels.{name}.urls must be a non-empty list of Apprise URLs")
        for number, url in enumerate(urls, start=1):
            if not _URL.fullmatch(url):
                raise ConfigError(
                    f"channels.{name}.urls: URL {number} ({mask_url(url)}) is not an Apprise "
                    "URL such as mailto://user:pass@host or ntfy://topic"
                )
        tags = spec.get("tags", [])
        if not _strings(tags):
            raise ConfigError(f'channels.{name}.tags must be a list of strings, e.g. ["eu"]')
        rate = (
            parse_rate(spec["rate"], f"channels.{name}.rate")
            if "rate" in spec
            else default_rate(urls)
        )
        channels[name] = Channel(name=name, urls=tuple(urls), tags=tuple(tags), rate=rate)
    default_channels = data.get("default_channels", [])
    if not _strings(default_channels):
        raise ConfigError('default_channels must be a list of channel names, e.g. ["email"]')
    templates = data.get("templates", {})
    if not isinstance(templates, dict) or not all(isinstance(v, str) for v in templates.values()):
        raise ConfigError("[templates] must map template names to strings")
    from watcher.core.messages import check_templates

    try:
        check_templates(templates)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    config = Config(
        timezone=timezone,
        default_leads=leads,
        all_day_time=_parse_clock(data.get("all_day_time", "09:00"), "all_day_time"),
        channels=channels,
        default_channels=tuple(default_channels),
        quiet_hours=_parse_quiet(data["quiet_hours"]) if "quiet_hours" in data else None,
        retry=_parse_retry(data.get("retry", {})),
        missed_alerts=_parse_choice(
            data.get("missed_alerts", "summary"), "missed_alerts", ("summary", "each", "drop")
        ),
        templates=dict(templates),
        daemon=dict(data.get("daemon", {})),
        http=dict(data.get("http", {})),
        source=source,
        **_parse_watched_sources(data, source, set(channels)),
    )
    config.check_channels(default_channels)
    HttpSettings.from_mapping(config.http)  # [http] errors name the file like the rest
    return config


# -- watched sources ([watch], [sources.NAME]; see watcher/sources/spec.py) ---------------

_WATCHED_SOURCE_KEYS = ("watch", "sources")


def _parse_watched_sources(
    data: dict[str, Any], source: Path | None, channels: set[str]
) -> dict[str, Any]:
    """The ``watch`` and ``sources`` fields of Config; relative source paths are read
    from the configuration file's folder."""
    from watcher.sources.spec import check_source_channels, parse_sources, parse_watch

    watch = parse_watch(dict(data.get("watch", {})))
    base = source.parent if source else None
    sources = parse_sources(dict(data.get("sources", {})), watch, base)
    check_source_channels(list(sources.values()), channels | {CONSOLE_CHANNEL})
    return {"watch": watch, "sources": sources}


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*")


def _strings(value: object) -> bool:
    """A TOML array of strings (a bare string is not one: ``tags = "x"`` is a mistake)."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _parse_clock(value: object, key: str) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{key} must be a time of day such as '09:00', not {value!r}") from None


def _parse_quiet(spec: dict[str, Any]) -> QuietHours:
    return QuietHours(
        start=_parse_clock(spec["start"], "quiet_hours.start"),
        end=_parse_clock(spec["end"], "quiet_hours.end"),
        bypass_kinds=tuple(spec.get("bypass_kinds", ())),
    )


def _parse_retry(spec: dict[str, Any]) -> RetryPolicy:
    def seconds(key: str, default: float) -> float:
        value = spec.get(key)
        if value is None:
            return default
        lead = parse_lead(str(value))
        return float(lead.days * 86400 + lead.seconds)

    defaults = RetryPolicy()
    attempts = int(spec["max_attempts"]) if "max_attempts" in spec else None
    if attempts is not None and attempts < 1:
        raise ConfigError("retry.max_attempts must be at least 1")
    return RetryPolicy(
        max_attempts=attempts,
        base_delay_seconds=seconds("base_delay", defaults.base_delay_seconds),
        max_delay_seconds=seconds("max_delay", defaults.max_delay_seconds),
        window_seconds=seconds("window", 0.0) or None,
    )


def _parse_choice(value: object, key: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{key} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def mask_url(url: str) -> str:
    """Show an Apprise URL with its secrets hidden: scheme and host stay, the rest is masked.

    ``mailto://user:pass@example.com?to=a@b`` -> ``mailto://u***:***@example.com/…``.
    """
    match = re.match(r"^(?P<scheme>[A-Za-z0-9+.-]+)://(?P<rest>.*)$", url)
    if not match:
        return "***"
    scheme, rest = match["scheme"], match["rest"]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    tail = rest[len(authority) :]
    host = authority.rsplit("@", 1)[-1]
    user_part = authority[: -len(host) - 1] if "@" in authority else ""
    hostname = host.split(":", 1)[0]
    looks_like_host = "." in hostname or hostname == "localhost"
    shown = host if "@" in authority or looks_like_host else _stars(host)
    prefix = ""
    if user_part:
        user = user_part.split(":", 1)[0]
        prefix = f"{user[:1]}***" + (":***" if ":" in user_part else "") + "@"
    return f"{scheme}://{prefix}{shown}" + ("/***" if tail.strip("/") else "")


def _stars(token: str) -> str:
    """Tokens used as the host part (slack://T000/B000/xyz) show only their first characters."""
    return f"{token[:2]}***" if len(token) > 4 else "***"
