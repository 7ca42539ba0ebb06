"""Delivery: one interface every transport implements, and one error type.

The daemon talks to a :class:`Notifier` only; :class:`DeliveryError` says whether trying
again later can help (a timeout or a 503 can; an unknown URL scheme cannot). Importing this
package does not import Apprise: :mod:`watcher.notify.apprise_transport` does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from watcher.core.messages import Message


class DeliveryError(Exception):
    """A message could not be delivered; ``retryable`` says whether a later try can help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class Target:
    """One URL of a channel, as it may be shown: a stable key and the masked URL."""

    key: str
    shown: str


@dataclass(frozen=True)
class TargetResult:
    """What happened to one URL of a channel in one send."""

    target: Target
    error: DeliveryError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Notifier(Protocol):
    """Sends messages to named channels, reporting each URL's outcome separately."""

    def channel_names(self) -> list[str]:
        """Every channel this notifier can send to."""
        ...

    def targets(self, channel: str) -> list[Target]:
        """The URLs of ``channel`` (masked); raises DeliveryError for an unknown channel."""
        ...

    def send(
        self,
        channel: str,
        message: Message,
        *,
        skip: Collection[str] = (),
        timeout: float = 30.0,
    ) -> list[TargetResult]:
        """Send ``message`` to every URL of ``channel`` whose key is not in ``skip``.

        Returns one result per URL attempted; raises DeliveryError only when the channel
        as a whole cannot be used (not configured). Never takes longer than ``timeout``.
        """
        ...


def target_key(url: str) -> str:
    """A stable identifier for a URL that does not reveal it (stored in the database)."""
    return hashlib.sha256(url.encode()).hexdigest()[:16]


__all__ = ["DeliveryError", "Notifier", "Target", "TargetResult", "target_key"]
