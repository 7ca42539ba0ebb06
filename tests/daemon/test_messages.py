"""Message wording: pure functions, plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watcher.core.messages import (
    AlertFacts,
    check_templates,
    format_due,
    relative,
    relative_to,
    render_alert,
    render_group,
    render_missed,
)
from watcher.core.planning import Due

NOW = datetime(2026, 11, 9, 16, 0, tzinfo=UTC)
DUE = Due(at=datetime(2026, 11, 10, 16, 0, tzinfo=UTC), timezone="Europe/Paris")


def facts(**changes: object) -> AlertFacts:
    values: dict[str, object] = {
        "alert_id": 34,
        "deadline_id": 12,
        "title": "Comments on the draft rule",
        "due": DUE,
        "lead": "1d",
    }
    values.update(changes)
    return AlertFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "delta,text",
    [
        (timedelta(seconds=20), "now"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=45), "in 45 minutes"),
        (timedelta(hours=2, minutes=30), "in 2 hours 30 minutes"),
        (timedelta(hours=5, minutes=30), "in 5 hours"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=1, hours=12), "in 1 day 12 hours"),
        (timedelta(days=6, hours=23), "in 7 days"),
        (-timedelta(hours=3), "3 hours ago"),
    ],
)
def test_relative(delta: timedelta, text: str) -> None:
    assert relative(delta) == text


def test_all_day_deadlines_count_calendar_days_in_their_zone() -> None:
    due = Due.for_date(datetime(2026, 11, 10).date(), "America/New_York")
    assert format_due(due) == "Tue 10 Nov 2026 (all day, America/New_York)"
    late_evening = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)  # still Nov 9 in New York
    assert relative_to(due, late_evening) == "in 1 day"
    assert relative_to(due, datetime(2026, 11, 10, 20, 0, tzinfo=UTC)) == "today"


def test_a_reminder_says_what_when_where_from_and_what_to_do() -> None:
    message = render_alert(
        facts(source_title="Agency extends comment period", source_location="https://ex.org/a"),
        NOW,
    )
    assert message.title == "Due in 1 day: Comments on the draft rule"
    assert message.body.splitlines() == [
        "Comments on the draft rule",
        "Due: Tue 10 Nov 2026 17:00 CET (Europe/Paris), in 1 day",
        "Reminder: 1d before",
        "Source: Agency extends comment period <https://ex.org/a>",
        "Done? watcher done 12",
        "Remind me later: watcher snooze 34 1h",
    ]


def test_templates_replace_the_wording() -> None:
    templates = {"title": "{late}{title} ({relative})", "body": "{due}\n{done_hint}"}
    message = render_alert(facts(late=True), NOW, templates)
    assert message.title == "[late] Comments on the draft rule (in 1 day)"
    assert message.body == "Tue 10 Nov 2026 17:00 CET (Europe/Paris)\nwatcher done 12"


def test_missed_summary_lists_each_alert_once() -> None:
    message = render_missed([facts(alert_id=2, lead="2h"), facts(alert_id=1)], NOW)
    assert message.title == "Missed: 2 alerts could not be sent in time"
    assert message.body.count("Comments on the draft rule") == 2


@pytest.mark.parametrize(
    "templates,error",
    [
        ({"titel": "x"}, "templates.titel is not a template name"),
        ({"title": "{nope}"}, "templates.title uses unknown field {nope}"),
        ({"body": "{"}, "templates.body is not a valid template"),
    ],
)
def test_bad_templates_are_named(templates: dict[str, str], error: str) -> None:
    with pytest.raises(ValueError, match=error.replace("{", r"\{").replace("}", r"\}")):
        check_templates(templates)


def test_the_example_configuration_is_valid_and_documents_every_daemon_key() -> None:
    import tomllib
    from pathlib import Path

    from watcher.config import parse_config
    from watcher.daemon.options import DAEMON_KEYS, Policy

    path = Path(__file__).parents[2] / "config" / "watcher.example.toml"
    data = tomllib.loads(path.read_text())
    config = parse_config(data, source=path)
    assert set(data["daemon"]) == set(DAEMON_KEYS)
    assert Policy.from_config(config).missed_alerts == "summary"
    assert sorted(config.channels) == ["email", "team"]


def test_a_group_names_each_alert_with_its_ids_and_snooze_hint() -> None:
    later = Due(at=DUE.at + timedelta(hours=3), timezone="Europe/Paris")
    group = [
        facts(alert_id=35, deadline_id=13, title="Second", due=later, late=True, fire_at=NOW),
        facts(),
        facts(alert_id=36, deadline_id=14, title="Snoozed one", alert_kind="snooze", lead="1h"),
    ]
    message = render_group(group, NOW)
    assert message.title == "[late] 3 reminders: Comments on the draft rule, Snoozed one, Second"
    body = message.body
    for alert_id, deadline_id in ((34, 12), (35, 13), (36, 14)):
        assert f"watcher done {deadline_id}" in body
        assert f"watcher snooze {alert_id} 1h" in body
        assert f"(alert {alert_id}, deadline {deadline_id})" in body
    assert body.index("Comments on the draft rule") < body.index("Second")  # soonest first
    assert "Due: Tue 10 Nov 2026 17:00 CET (Europe/Paris), in 1 day (1d before)" in body
    assert "- [late] Second" in body and "Late: this was due to be sent" in body
    assert "snoozed reminder" in body


def test_a_group_of_one_is_the_ordinary_message_and_templates_apply() -> None:
    assert render_group([facts()], NOW) == render_alert(facts(), NOW)
    many = [facts(alert_id=n, title=f"T{n}") for n in range(5)]
    assert render_group(many, NOW).title == "5 reminders: T0, T1, T2 and 2 more"
    templated = render_group(many, NOW, {"group_title": "{count} due", "group_body": "{items}"})
    assert templated.title == "5 due" and templated.body.startswith("- T0")
    check_templates({"group_title": "{late}{count} due", "group_body": "{items}"})
