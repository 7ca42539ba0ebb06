"""Signed, expiring, single-purpose links: "done" for one deadline, "snooze" for one alert.

A link names one action on one row and carries a random nonce and its expiry, signed with
the store's web secret (itsdangerous). Reading a link checks the signature first, so a
tampered link is refused before anything is looked up; the nonce is recorded when the link
acts, so each link acts once. Light on purpose: the daemon imports this to put links in
its messages.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from itsdangerous import BadSignature, URLSafeSerializer

from watcher.clock import ensure_utc
from watcher.core.messages import AlertFacts

if TYPE_CHECKING:
    from watcher.store.repository import Store

ACTIONS: dict[str, str] = {
    "done": "mark the deadline done",
    "snooze-1h": "remind again in 1 hour",
    "snooze-1d": "remind again in 1 day",
}
"""Every action a link may carry; done acts on a deadline, the snoozes on an alert."""

SNOOZE_LEADS = {"snooze-1h": "1h", "snooze-1d": "1d"}


class LinkError(Exception):
    """The link cannot be used."""


class TamperedLink(LinkError):
    """The link is not one watcher made (or it was changed)."""


class ExpiredLink(LinkError):
    """The link has expired."""


@dataclass(frozen=True)
class LinkClaim:
    """What a valid link allows: one action on one deadline (done) or alert (snooze)."""

    action: str
    target_id: int
    nonce: str
    expires: datetime


class LinkSigner:
    """Makes and reads action links with one secret."""

    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeSerializer(secret, salt="watcher.action-link")

    def make(self, action: str, target_id: int, now: datetime, lifetime: timedelta) -> str:
        if action not in ACTIONS:
            raise ValueError(f"unknown link action {action!r}")
        expires = int((ensure_utc(now) + lifetime).timestamp())
        payload = [action, target_id, secrets.token_urlsafe(12), expires]
        return str(self._serializer.dumps(payload))

    def read(self, token: str, now: datetime) -> LinkClaim:
        """The claim a link makes; TamperedLink or ExpiredLink when it cannot be used."""
        try:
            payload = self._serializer.loads(token)
        except BadSignature:
            raise TamperedLink() from None
        if not (
            isinstance(payload, list)
            and len(payload) == 4
            and payload[0] in ACTIONS
            and isinstance(payload[1], int)
            and isinstance(payload[2], str)
            and isinstance(payload[3], int)
        ):
            raise TamperedLink()
        expires = datetime.fromtimestamp(payload[3], UTC)
        if ensure_utc(now) >= expires:
            raise ExpiredLink()
        return LinkClaim(action=payload[0], target_id=payload[1], nonce=payload[2], expires=expires)


def action_url(public_url: str, token: str) -> str:
    """The address a message shows for one action link."""
    return f"{public_url.rstrip('/')}/act/{token}"


def links_for(
    facts: AlertFacts, signer: LinkSigner, public_url: str, lifetime: timedelta, now: datetime
) -> AlertFacts:
    """``facts`` with its done and snooze links filled in."""

    def url(action: str, target_id: int) -> str:
        return action_url(public_url, signer.make(action, target_id, now, lifetime))

    return replace(
        facts,
        done_url=url("done", facts.deadline_id),
        snooze_1h_url=url("snooze-1h", facts.alert_id),
        snooze_1d_url=url("snooze-1d", facts.alert_id),
    )


def with_links(
    store: Store, facts: AlertFacts, public_url: str, lifetime: timedelta, now: datetime
) -> AlertFacts:
    """The daemon's entry point: links signed with the store's web secret."""
    from watcher.store.web_queries import web_secret

    return links_for(facts, LinkSigner(web_secret(store)), public_url, lifetime, now)


__all__ = [
    "ACTIONS",
    "SNOOZE_LEADS",
    "ExpiredLink",
    "LinkClaim",
    "LinkError",
    "LinkSigner",
    "TamperedLink",
    "action_url",
    "links_for",
    "with_links",
]
