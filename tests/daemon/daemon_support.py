"""Helpers for the daemon tests (imported by the test modules and conftest)."""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from watcher.core.leads import parse_lead
from watcher.core.messages import Message
from watcher.core.planning import Due
from watcher.notify import DeliveryError, Target, TargetResult
from watcher.store.models import Deadline
from watcher.store.repository import DeadlineDraft, Store

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
"""A Monday, 09:00 UTC: the frozen 'now' most dispatch tests start from."""


@dataclass
class Sent:
    channel: str
    target: str
    message: Message


@dataclass
class RecordingNotifier:
    """A Notifier whose URLs are names; ``failing`` names fail (retryably unless listed in
    ``permanent``). It is an implementation of the interface, not a mock of Apprise."""

    channels: dict[str, list[str]] = field(
        default_factory=lambda: {"console": ["console-1"], "team": ["mail", "chat"]}
    )
    failing: set[str] = field(default_factory=set)
    permanent: set[str] = field(default_factory=set)
    sent: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def channel_names(self) -> list[str]:
        return sorted(self.channels)

    def targets(self, channel: str) -> list[Target]:
        if channel not in self.channels:
            raise DeliveryError(f"channel {channel!r} is not configured", retryable=False)
        return [Target(key=name, shown=f"test://{name}") for name in self.channels[channel]]

    def send(
        self,
        channel: str,
        message: Message,
        *,
        skip: Collection[str] = (),
        timeout: float = 30.0,
    ) -> list[TargetResult]:
        results = []
        for target in self.targets(channel):
            if target.key in skip:
                continue
            if target.key in self.failing or target.key in self.permanent:
                error = DeliveryError(
                    f"{target.key} is down", retryable=target.key not in self.permanent
                )
                results.append(TargetResult(target, error))
                continue
            with self.lock:
                self.sent.append(Sent(channel, target.key, message))
            results.append(TargetResult(target))
        return results

    def to(self, target: str) -> list[Message]:
        return [s.message for s in self.sent if s.target == target]


def add(
    store: Store,
    title: str = "File the report",
    due: datetime = T0 + timedelta(days=2),
    leads: str = "1d",
    channels: tuple[str, ...] = ("console",),
    timezone: str = "Europe/Paris",
    all_day: bool = False,
    kind: str = "deadline",
) -> Deadline:
    """Add a deadline through the repository, as `watcher add` does."""
    return store.add_deadline(
        DeadlineDraft(
            title=title,
            due=Due(at=due, timezone=timezone, all_day=all_day),
            leads=[parse_lead(x) for x in leads.split(",")],
            channels=list(channels),
            kind=kind,
        )
    )
