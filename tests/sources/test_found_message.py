"""The 'new deadline' notice: title, date, the sentence and the article link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watcher.core.messages import AlertFacts, check_templates, render_alert
from watcher.core.planning import Due

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FOUND = AlertFacts(
    alert_id=7,
    deadline_id=3,
    title="Comments must be submitted",
    due=Due.for_date(datetime(2027, 1, 15).date(), "Europe/London"),
    alert_kind="found",
    lead="found",
    deadline_kind="filing",
    source_title="Consultation on river fishing rules opens",
    source_location="https://example.org/news/consultation",
    sentence="Comments must be submitted by\n January 15, 2027, the ministry said.",
)


def test_the_found_notice_says_what_when_where_and_quotes_the_sentence() -> None:
    message = render_alert(FOUND, NOW)
    assert message.title == "New deadline, due Fri 15 Jan 2027: Comments must be submitted"
    assert message.body.splitlines() == [
        "Comments must be submitted",
        "Due: Fri 15 Jan 2027 (all day, Europe/London), in 45 days",
        "“Comments must be submitted by January 15, 2027, the ministry said.”",
        "Article: Consultation on river fishing rules opens",
        "Link: https://example.org/news/consultation",
        "Reminders are planned; not a deadline? watcher cancel 3",
    ]


def test_found_templates_have_their_own_keys_and_fields() -> None:
    templates = {"found_title": "Found: {title}", "found_body": "{sentence} <{link}>"}
    check_templates(templates)
    message = render_alert(FOUND, NOW, templates)
    assert message.title == "Found: Comments must be submitted"
    assert message.body.endswith("the ministry said. <https://example.org/news/consultation>")
    assert render_alert(FOUND, NOW, {"title": "reminder wording"}).title.startswith("New")
    with pytest.raises(ValueError, match="unknown field"):
        check_templates({"found_body": "{sentense}"})
