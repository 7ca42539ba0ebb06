"""Delivery through Apprise 2.x: any URL it knows (mailto://, slack://, ntfy://, json://, ...).

Each URL is parsed once per configuration load; every message gets its own Apprise object
with that one URL (built from the parsed form), so Apprise 2.x's per-URL result is that
URL's own outcome, recorded separately, and sends may run concurrently.
Apprise's own retries are left at zero: retries are ours, kept in the database.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
from collections.abc import Collection, Mapping
from typing import Any

import apprise

from watcher.config import CONSOLE_CHANNEL, Channel, mask_url
from watcher.core.messages import Message
from watcher.notify import DeliveryError, Target, TargetResult, target_key
from watcher.notify.console import CONSOLE_URL
from watcher.notify.secrets import scrub, secret_fragments

_HTTP_STATUS = re.compile(r"(?:error=|\(|status(?: code)?[ =:]+)(\d{3})\b")
_PERMANENT_HTTP = {400, 401, 403, 404, 405, 410, 413, 422}


def keep_service_words() -> None:
    """Make sure Apprise records each service's own words (its HTTP status) per URL.

    Apprise 2.x copies a plugin's log records into that URL's result, but only records its
    logger actually emits: with the ``apprise`` logger silenced, a 404 would read "JSON
    reported failure" and be retried as if temporary. So the logger stays at WARNING or
    below whatever the process's logging says; when we raise it, it stops propagating, so
    nothing is printed twice (our own delivery line carries the words).
    """
    apprise_log = logging.getLogger("apprise")
    if not apprise_log.isEnabledFor(logging.WARNING):
        apprise_log.setLevel(logging.WARNING)
        apprise_log.propagate = False
        if not apprise_log.handlers:
            apprise_log.addHandler(logging.NullHandler())


def widen_apprise_pool(workers: int) -> None:
    """Let ``workers`` sends run at once through Apprise.

    With a timeout, Apprise runs each service call on one process-wide thread pool of its
    own, sized for the CPU count (6 threads here): our concurrent sends would queue behind
    it, 6 in flight however many we start. It is created lazily, so we create it first, at
    our size. (A private name of Apprise 2.x; if it is gone, Apprise's default applies.)
    """
    from concurrent.futures import ThreadPoolExecutor

    module = getattr(apprise, "apprise", None)
    lock = getattr(module, "_shared_executor_lock", None)
    if module is None or lock is None or not hasattr(module, "_shared_executor"):
        return
    with lock:
        current = module._shared_executor
        if current is None or getattr(current, "_max_workers", 0) < workers:
            module._shared_executor = ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix="apprise"
            )
            if current is not None:
                current.shutdown(wait=False)


class AppriseNotifier:
    """Sends to the configured channels; ``console`` is always there. ``concurrency`` is how
    many sends may run at once (the daemon's send pool)."""

    def __init__(self, channels: Mapping[str, Channel], concurrency: int = 8) -> None:
        self.channels = dict(channels)
        if CONSOLE_CHANNEL not in self.channels:
            self.channels[CONSOLE_CHANNEL] = Channel(name=CONSOLE_CHANNEL, urls=(CONSOLE_URL,))
        self.fragments = secret_fragments(
            url for channel in self.channels.values() for url in channel.urls
        )
        # async_mode off: one URL per call needs no thread pool; our SendPool runs sends
        # concurrently.
        self.asset = apprise.AppriseAsset(app_id="watcher", storage_mode="memory", async_mode=False)
        keep_service_words()
        self._parsed: dict[str, dict[str, Any] | None] = {}
        self._lock = threading.Lock()
        widen_apprise_pool(concurrency)

    def channel_names(self) -> list[str]:
        return sorted(self.channels)

    def _channel(self, name: str) -> Channel:
        channel = self.channels.get(name)
        if channel is None:
            raise DeliveryError(
                f"channel {name!r} is not configured: add [channels.{name}] to the "
                "configuration, reload the daemon, then `watcher alerts retry`",
                retryable=False,
            )
        return channel

    def targets(self, channel: str) -> list[Target]:
        return [_target(url) for url in self._channel(channel).urls]

    def send(
        self,
        channel: str,
        message: Message,
        *,
        skip: Collection[str] = (),
        timeout: float = 30.0,
    ) -> list[TargetResult]:
        urls = [url for url in self._channel(channel).urls if target_key(url) not in skip]
        return [self._send_one(url, message, timeout) for url in urls]

    def _client(self, url: str) -> apprise.Apprise | None:
        """A fresh Apprise object for ``url`` (None: Apprise cannot use it).

        The URL is parsed once; the plugin is built anew for every message from the parsed
        form, because some plugins keep per-message state (the email plugin cannot send a
        second message from the same instance).
        """
        with self._lock:
            known = url in self._parsed
            parsed = self._parsed.get(url)
        if not known:
            parsed = apprise.plugins.url_to_dict(  # type: ignore[no-untyped-call]
                url, secure_logging=self.asset.secure_logging
            )
            with self._lock:
                self._parsed[url] = parsed
        if parsed is None:
            return None
        plugin = apprise.Apprise.instantiate(copy.deepcopy(parsed), asset=self.asset)
        if plugin is None:
            return None
        client = apprise.Apprise(asset=self.asset)
        client.add(plugin)
        return client

    def _send_one(self, url: str, message: Message, timeout: float) -> TargetResult:
        client = self._client(url)
        if client is None:
            return TargetResult(
                _target(url),
                DeliveryError(
                    "Apprise cannot use this URL (unknown scheme or malformed): "
                    "check it with `watcher channels test`",
                    retryable=False,
                ),
            )
        try:
            outcome = client.notify(body=message.body, title=message.title, timeout=timeout)
        except Exception as error:  # a plugin bug must not take the daemon down
            reason = self.scrub(f"{type(error).__name__}: {error}")
            return TargetResult(_target(url), DeliveryError(reason, retryable=True))
        # An AppriseResult is falsy unless every URL succeeded: look at its one service.
        for service in outcome if outcome is not None else ():
            return TargetResult(_target(url), self._error(service))
        return TargetResult(
            _target(url), DeliveryError("Apprise did not attempt this URL", retryable=True)
        )

    def _error(self, service: apprise.NotifyResult) -> DeliveryError | None:
        """None for a success; otherwise the service's own words, scrubbed of secrets."""
        if service:
            return None
        status = getattr(service.status, "name", str(service.status)).lower()
        details = "; ".join(entry.message for entry in service.logs())
        reason = self.scrub(details or f"{service.name} reported {status}")
        codes = {int(code) for code in _HTTP_STATUS.findall(details)}
        permanent = bool(codes) and codes <= _PERMANENT_HTTP
        return DeliveryError(f"{status}: {reason}", retryable=not permanent)

    def scrub(self, text: str) -> str:
        """Text with every configured URL's secrets replaced by ``***``."""
        return scrub(text, self.fragments)


def _target(url: str) -> Target:
    shown = url if url == CONSOLE_URL else mask_url(url)  # nothing secret in the console
    return Target(key=target_key(url), shown=shown)


__all__ = ["AppriseNotifier"]
