"""Checking channel URLs with Apprise itself, when the daemon loads its configuration.

`parse_config` checks that each URL looks like one; only Apprise knows its schemes and what
each needs (a token, a host). The daemon asks it at start and at every reload, so a typo is
refused then (`run` does not start; a reload keeps the old configuration) rather than found
at the first delivery. Apprise is imported here only, for the commands that send.
"""

from __future__ import annotations

from collections.abc import Mapping

from watcher.config import Channel, mask_url
from watcher.errors import ConfigError


def check_channel_urls(channels: Mapping[str, Channel]) -> None:
    """Raise ConfigError naming the first channel URL Apprise cannot use (masked)."""
    import apprise

    import watcher.notify.console  # noqa: F401 (registers watcherconsole:// with Apprise)

    for name, channel in channels.items():
        for url in channel.urls:
            if apprise.Apprise.instantiate(url) is None:
                raise ConfigError(
                    f"channels.{name}: Apprise cannot use {mask_url(url)} (unknown scheme, "
                    "or a required part such as the token or host is missing): see "
                    "https://github.com/caronc/apprise/wiki for each service's URL form"
                )


__all__ = ["check_channel_urls"]
