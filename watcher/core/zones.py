"""IANA time zones: validation and the machine's local zone."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from watcher.errors import BadTimezoneError


@lru_cache(maxsize=256)
def get_zone(name: str) -> ZoneInfo:
    """Return the zone called ``name`` or raise a one-line error naming it."""
    try:
        if len(name) > 64 or "\x00" in name:  # no IANA name is longer; NUL is no path
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        shown = name if len(name) <= 64 else name[:60] + "..."
        raise BadTimezoneError(
            f"unknown time zone {shown!r}: use an IANA name such as 'Europe/Berlin' or 'UTC'"
        ) from None


def local_zone_name() -> str:
    """Best guess at the machine's IANA zone: $TZ, then /etc/localtime, then UTC."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        try:
            get_zone(env)
            return env
        except BadTimezoneError:
            pass
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    if marker in target:
        name = target.split(marker, 1)[1]
        try:
            get_zone(name)
            return name
        except BadTimezoneError:
            pass
    return "UTC"
