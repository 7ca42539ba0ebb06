"""Action links as pure values: signing, reading, and how a message shows them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watcher.core.messages import AlertFacts, render_alert
from watcher.core.planning import Due
from watcher.web.links import ExpiredLink, LinkSigner, TamperedLink, links_for

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FACTS = AlertFacts(
    alert_id=34,
    deadline_id=12,
    title="Renew passport",
    due=Due(at=NOW + timedelta(days=1), timezone="Europe/Paris"),
    lead="1d",
)


def test_a_link_names_one_action_on_one_row_until_it_expires() -> None:
    signer = LinkSigner("secret")
    token = signer.make("snooze-1h", 34, NOW, timedelta(days=7))
    claim = signer.read(token, NOW + timedelta(days=6))
    assert (claim.action, claim.target_id) == ("snooze-1h", 34)
    with pytest.raises(ExpiredLink):
        signer.read(token, NOW + timedelta(days=7))
    with pytest.raises(TamperedLink):
        LinkSigner("another secret").read(token, NOW)
    other = signer.make("snooze-1h", 34, NOW, timedelta(days=7))
    assert signer.read(other, NOW).nonce != claim.nonce  # each link is used once, on its own


def test_messages_show_the_links_only_when_they_are_set() -> None:
    plain = render_alert(FACTS, NOW)
    assert "http" not in plain.body
    linked = render_alert(
        links_for(FACTS, LinkSigner("s"), "https://w.example", timedelta(days=7), NOW), NOW
    )
    lines = linked.body.splitlines()
    assert lines[-3].startswith("Mark done: https://w.example/act/")
    assert lines[-2].startswith("Snooze 1 hour: https://w.example/act/")
    assert lines[-1].startswith("Snooze 1 day: https://w.example/act/")
    assert linked.title == plain.title
    assert plain.body.splitlines() == lines[:-3]


def test_templates_can_place_the_links() -> None:
    facts = links_for(FACTS, LinkSigner("s"), "https://w.example", timedelta(days=7), NOW)
    message = render_alert(facts, NOW, {"body": "{title}\n{done_url}"})
    assert message.body.startswith("Renew passport\nhttps://w.example/act/")
