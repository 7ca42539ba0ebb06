"""``[http]`` in the configuration: where the web face listens and what protects it.

Checked here rather than in :mod:`watcher.config` so the web face owns its keys. Serving
beyond loopback without ``password`` is refused: the dashboard shows every deadline and
its forms change them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from watcher.core.leads import parse_lead
from watcher.errors import ConfigError, UsageError, WatcherError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
HTTP_KEYS = (
    "enabled",  # `watcher run` serves the web face too
    "host",
    "port",
    "password",  # required for any address beyond loopback
    "public_url",  # base of the links put in alert messages and of the feed URL shown
    "link_lifetime",  # how long a done/snooze link in a message stays valid
    "session_lifetime",  # how long a login lasts
)


@dataclass(frozen=True)
class HttpSettings:
    """The checked ``[http]`` section."""

    enabled: bool = False
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    password: str = ""
    public_url: str = ""
    link_lifetime: float = 7 * 86400.0
    session_lifetime: float = 30 * 86400.0

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> HttpSettings:
        unknown = sorted(set(data) - set(HTTP_KEYS))
        if unknown:
            raise ConfigError(
                f"unknown key http.{unknown[0]}: known keys are {', '.join(HTTP_KEYS)}"
            )
        enabled = data.get("enabled", False)
        if not isinstance(enabled, bool):
            raise ConfigError("http.enabled must be true or false")
        port = data.get("port", DEFAULT_PORT)
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
            raise ConfigError(f"http.port must be a port number (0-65535), not {port!r}")
        password = data.get("password", "")
        if not isinstance(password, str):
            raise ConfigError("http.password must be a string")
        public_url = str(data.get("public_url", "")).rstrip("/")
        if public_url:
            parts = urlsplit(public_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(
                    f"http.public_url must be an http(s) URL such as "
                    f"https://watcher.example.com, not {public_url!r}"
                )
        return cls(
            enabled=enabled,
            host=str(data.get("host", DEFAULT_HOST)),
            port=port,
            password=password,
            public_url=public_url,
            link_lifetime=_seconds(data.get("link_lifetime", "7d"), "link_lifetime"),
            session_lifetime=_seconds(data.get("session_lifetime", "30d"), "session_lifetime"),
        )

    def check_bind(self, host: str) -> None:
        """Refuse to listen beyond loopback unless a password protects the pages."""
        if not is_loopback(host) and not self.password:
            raise UsageError(
                f"serving on {host} (beyond loopback) needs a password: set http.password "
                "in the configuration, or serve on 127.0.0.1 behind a reverse proxy"
            )


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _seconds(value: object, key: str) -> float:
    if isinstance(value, bool):
        raise ConfigError(f"http.{key} must be a duration such as '7d' or '12h'")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        try:
            lead = parse_lead(str(value))
        except WatcherError as error:
            raise ConfigError(f"http.{key}: {error}") from None
        seconds = float(lead.days * 86400 + lead.seconds)
    if seconds <= 0:
        raise ConfigError(f"http.{key} must be positive, not {value!r}")
    return seconds


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "HTTP_KEYS", "HttpSettings", "is_loopback"]
