"""Commands around delivery: `run`, `status`, `alerts`, `snooze`, `preview`, `channels`.

Apprise, APScheduler and the store (SQLAlchemy) are imported inside the commands that
need them, so registering these commands costs nothing for `watcher --help`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import typer

from watcher.cli.app import get_context
from watcher.cli.output import echo_lines, print_json, table
from watcher.clock import ensure_utc
from watcher.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from watcher.store.models import Alert, Deadline, Delivery

channels_app = typer.Typer(help="The configured delivery channels.", no_args_is_help=True)
alerts_app = typer.Typer(
    help="Planned alerts and their delivery state.", invoke_without_command=True
)


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("status")(status)
    app.command("snooze")(snooze)
    app.command("preview")(preview)
    app.add_typer(channels_app, name="channels")
    app.add_typer(alerts_app, name="alerts")


def _local(at: datetime | None, zone: str) -> str:
    """An instant in the deadline's (or the configured) zone, as `list` and `show` print it."""
    from watcher.core.humanize import format_instant

    return "-" if at is None else format_instant(ensure_utc(at), zone)


# -- watcher run ---------------------------------------------------------------------------


def run(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help="One pass (catch-up included), then exit."),
) -> None:
    """Deliver alerts at their fire time until stopped (SIGTERM/SIGINT); SIGHUP reloads.

    With no configuration, alerts are printed to standard output (the `console` channel).
    """
    from watcher.config import load_config
    from watcher.daemon.runner import Runner, setup_logging

    context = get_context(ctx)
    scrubber = setup_logging(context.verbose)
    config = context.config  # fail fast (exit 2) on a bad configuration
    runner = Runner(
        context.store,
        lambda: load_config(context.config_path),
        scrubber=scrubber,
    )
    del config
    if once:
        handled = runner.run_once()
        typer.echo(f"handled {handled} alert(s)", err=True)
        raise typer.Exit(0)
    from watcher.cli.web import serve_beside_daemon

    web = serve_beside_daemon(context)  # only with http.enabled = true
    try:
        status = runner.run()
    finally:
        if web is not None:
            web.stop()
    raise typer.Exit(status)


# -- watcher status ------------------------------------------------------------------------


def status(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Is a daemon alive, what comes next, what was delivered, what failed or was missed."""
    from sqlmodel import col, select

    from watcher.store import queue
    from watcher.store.models import Alert, AlertState, DaemonRecord, Deadline, Delivery

    context = get_context(ctx)
    store = context.store
    now = store.clock()
    with store.session() as session:
        daemons = list(
            session.exec(select(DaemonRecord).order_by(col(DaemonRecord.heartbeat_at).desc()))
        )
        counts = queue.counts_by_state(session)
        upcoming = list(
            session.exec(
                select(Alert, Deadline)
                .join(Deadline, col(Deadline.id) == col(Alert.deadline_id))
                .where(Alert.state == AlertState.PENDING)
                .order_by(col(Alert.next_try_at))
                .limit(5)
            )
        )
        recent = list(session.exec(select(Delivery).order_by(col(Delivery.id).desc()).limit(5)))
        troubles = queue.failing_channels(session)
    from watcher.cli.sources import source_records, source_table

    sources = source_records(context)
    from watcher.daemon.options import alive_within

    limit = alive_within(context.config.daemon)
    alive = [d for d in daemons if d.stopped_at is None and now - d.heartbeat_at < limit]
    if as_json:
        print_json(
            {
                "daemons": [
                    {
                        "id": d.id,
                        "alive": d in alive,
                        "heartbeat_at": d.heartbeat_at.isoformat(),
                        "stopped_at": d.stopped_at.isoformat() if d.stopped_at else None,
                    }
                    for d in daemons[:10]
                ],
                "counts": counts,
                "failing_channels": [
                    {
                        "channel": t.channel,
                        "waiting": t.waiting,
                        "since": t.since.isoformat() if t.since else None,
                        "target": t.target,
                        "error": t.error,
                    }
                    for t in troubles
                ],
                "next": [_alert_json(a, d) for a, d in upcoming],
                "recent_deliveries": [_delivery_json(x) for x in recent],
                "sources": sources,
            }
        )
        return
    if alive:
        typer.echo(f"daemon: running ({', '.join(d.id for d in alive)})")
    elif daemons:
        last = daemons[0]
        seen = _local(last.heartbeat_at, context.config.timezone)
        typer.echo(f"daemon: NOT running (last seen {seen}, {last.id})")
    else:
        typer.echo("daemon: never started (run `watcher run`)")
    typer.echo(
        "alerts: "
        + ", ".join(
            f"{counts.get(state, 0)} {state}"
            for state in ("pending", "claimed", "sent", "failed", "missed", "cancelled")
        )
        + f"; {counts.get('late', 0)} sent late"
    )
    for trouble in troubles:
        since = _local(trouble.since, context.config.timezone)
        typer.echo(
            f"channel {trouble.channel}: FAILING since {since}, "
            f"{trouble.waiting} alert(s) waiting to be retried"
            + (f"; last error: {trouble.target}: {trouble.error}" if trouble.error else "")
        )
    if upcoming:
        typer.echo("next:")
        lines = table(
            ["ALERT", "AT", "CHANNEL", "DEADLINE"],
            [
                [str(a.id), _local(a.next_try_at, d.timezone), a.channel, d.title]
                for a, d in upcoming
            ],
        )
        echo_lines(["  " + line for line in lines])
    if recent:
        typer.echo("recent deliveries:")
        lines = table(
            ["AT", "ALERT", "CHANNEL", "TARGET", "OUTCOME"],
            [
                [
                    _local(x.at, context.config.timezone),
                    str(x.alert_id or "-"),
                    x.channel,
                    x.target,
                    x.outcome,
                ]
                for x in recent
            ],
        )
        echo_lines(["  " + line for line in lines])
    if counts.get("failed"):
        typer.echo(
            "failed alerts: see `watcher alerts --failed`, retry with `watcher alerts retry`"
        )
    if sources:
        typer.echo("sources:")
        echo_lines(["  " + line for line in source_table(sources)])


def _alert_json(alert: Alert, deadline: Deadline) -> dict[str, Any]:
    from watcher.store.records import alert_record

    return alert_record(alert) | {"deadline": deadline.title}


def _delivery_json(delivery: Delivery) -> dict[str, Any]:
    return {
        "at": delivery.at.isoformat(),
        "alert_id": delivery.alert_id,
        "channel": delivery.channel,
        "target": delivery.target,
        "purpose": delivery.purpose,
        "attempt": delivery.attempt,
        "outcome": delivery.outcome,
        "error": delivery.error,
    }


# -- watcher alerts ------------------------------------------------------------------------


@alerts_app.callback()
def alerts(
    ctx: typer.Context,
    failed: bool = typer.Option(False, "--failed", help="Only alerts that gave up."),
    state: str | None = typer.Option(
        None, "--state", metavar="STATE", help="Only alerts in this state."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    limit: int = typer.Option(
        50, "--limit", metavar="N", min=1, max=100_000, help="At most this many."
    ),
) -> None:
    """Planned alerts, soonest first, with their state (pending, sent, failed, missed...)."""
    if ctx.invoked_subcommand is not None:
        return
    from sqlmodel import col, select

    from watcher.store.models import Alert, AlertState, Deadline

    states: list[str] = []
    if failed:
        states.append(AlertState.FAILED)
    if state:
        if state not in set(AlertState):
            raise UsageError(f"unknown state {state!r}: use one of {', '.join(AlertState)}")
        states.append(state)
    store = get_context(ctx).store
    with store.session() as session:
        query = (
            select(Alert, Deadline)
            .join(Deadline, col(Deadline.id) == col(Alert.deadline_id))
            .order_by(col(Alert.next_try_at), col(Alert.id))
            .limit(limit)
        )
        if states:
            query = query.where(col(Alert.state).in_(states))
        rows = list(session.exec(query))
    if as_json:
        print_json([_alert_json(a, d) for a, d in rows])
        return
    if not rows:
        typer.echo("no alerts" + (" in that state" if states else ""))
        return
    lines = table(
        ["ID", "STATE", "AT", "CHANNEL", "LEAD", "DEADLINE", "ERROR"],
        [
            [
                str(a.id),
                a.state + (" (late)" if a.late else ""),
                _local(a.sent_at if a.state == AlertState.SENT else a.next_try_at, d.timezone),
                a.channel,
                a.lead,
                f"{d.id}: {d.title}",
                a.last_error or "",
            ]
            for a, d in rows
        ],
    )
    echo_lines(lines)


@alerts_app.command("retry")
def alerts_retry(
    ctx: typer.Context,
    alert_id: int | None = typer.Argument(None, metavar="[ID]", help="A failed alert's id."),
    all_failed: bool = typer.Option(False, "--all-failed", help="Every failed alert."),
) -> None:
    """Queue failed alerts again, due at once with a fresh attempt budget."""
    from watcher.store import queue
    from watcher.store.models import MAX_ID, Alert, AlertState

    if (alert_id is None) == (not all_failed):
        raise UsageError("give an alert ID or --all-failed (not both)")
    store = get_context(ctx).store
    with store.write() as session:
        if alert_id is not None:
            alert = session.get(Alert, alert_id) if 0 < alert_id <= MAX_ID else None
            if alert is None:
                raise NotFoundError(f"no alert with id {alert_id}: see `watcher alerts`")
            if alert.state != AlertState.FAILED:
                raise UsageError(f"alert {alert_id} is {alert.state}, not failed")
        count = queue.retry_failed(
            session, now=store.clock(), ids=None if all_failed else [alert_id or 0]
        )
    typer.echo(f"queued {count} alert(s) again")


# -- watcher snooze ------------------------------------------------------------------------


def snooze(
    ctx: typer.Context,
    alert_id: int = typer.Argument(..., metavar="ID", help="The alert id from the message."),
    duration: str = typer.Argument(..., metavar="DURATION", help="e.g. 30m, 1h, 1d."),
) -> None:
    """Remind again after DURATION on the same channel (for an alert already sent)."""
    from watcher.core.leads import parse_lead
    from watcher.store import queue
    from watcher.store.models import MAX_ID, Alert, AlertState, Deadline
    from watcher.store.repository import due_of

    lead = parse_lead(duration)
    if lead.days == 0 and lead.seconds == 0:
        raise UsageError("snooze for how long? give a duration such as 30m, 1h or 1d")
    store = get_context(ctx).store
    now = ensure_utc(store.clock()).replace(microsecond=0)
    until = now + lead.approximate
    with store.write() as session:
        alert = session.get(Alert, alert_id) if 0 < alert_id <= MAX_ID else None
        if alert is None:
            raise NotFoundError(f"no alert with id {alert_id}: see `watcher alerts`")
        if alert.state != AlertState.SENT:
            raise UsageError(
                f"alert {alert_id} is {alert.state}, not sent: only an alert you have received "
                "can be snoozed (change a planned one with `watcher edit ID --lead`)"
            )
        deadline = session.get(Deadline, alert.deadline_id)
        if deadline is not None and until >= due_of(deadline).end:
            raise UsageError(f"{duration} from now is after the deadline: snooze for less")
        new = queue.snooze(session, alert, now=now, until=until, label=lead.label)
        zone = deadline.timezone if deadline is not None else get_context(ctx).config.timezone
    typer.echo(f"alert {new.id}: reminder again {_local(until, zone)} on {new.channel}")


# -- watcher preview -----------------------------------------------------------------------


def preview(
    ctx: typer.Context,
    at: str | None = typer.Option(
        None, "--at", metavar="WHEN", help="Show what is due by then [default: now]."
    ),
    limit: int = typer.Option(
        20, "--limit", metavar="N", min=1, max=100_000, help="At most this many messages."
    ),
) -> None:
    """Show the messages that would be sent, and when, without sending anything (reminders
    due within daemon.group_window of each other on one channel as one message)."""
    from sqlmodel import col, select

    from watcher.core.messages import GROUPED_KINDS, AlertFacts, render_group
    from watcher.core.when import parse_when
    from watcher.daemon.dispatch import GROUP_MAX, load_facts
    from watcher.daemon.options import DaemonOptions
    from watcher.store.models import Alert, AlertState, Deadline

    context = get_context(ctx)
    store = context.store
    window = timedelta(seconds=DaemonOptions.from_mapping(context.config.daemon).group_window)
    now = ensure_utc(store.clock())
    until = now
    if at:
        due = parse_when(at, now, context.config.timezone)
        until = due.at
    with store.session() as session:
        rows = list(
            session.exec(
                select(Alert, Deadline)
                .join(Deadline, col(Deadline.id) == col(Alert.deadline_id))
                .where(Alert.state == AlertState.PENDING, col(Alert.next_try_at) <= until)
                .order_by(col(Alert.next_try_at), col(Alert.id))
                .limit(limit)
            )
        )
        facts = [(a, load_facts(session, a, d)) for a, d in rows]
    if not facts:
        typer.echo(f"nothing due by {_local(until, context.config.timezone)}")
        return
    messages: list[tuple[datetime, str, list[int], list[AlertFacts]]] = []
    open_groups: dict[str, tuple[datetime, str, list[int], list[AlertFacts]]] = {}
    for alert, fact in facts:
        send_at = max(alert.next_try_at, now)
        group = open_groups.get(alert.channel)
        if (
            window
            and alert.kind in GROUPED_KINDS
            and group is not None
            and send_at <= group[0] + window
            and len(group[3]) < GROUP_MAX
        ):
            group[2].append(alert.id or 0)
            group[3].append(fact)
            continue
        message = (send_at, alert.channel, [alert.id or 0], [fact])
        messages.append(message)
        if window and alert.kind in GROUPED_KINDS:
            open_groups[alert.channel] = message
    for send_at, channel, ids, group_facts in messages:
        rendered = render_group(group_facts, send_at, context.config.templates)
        label = "alert" if len(ids) == 1 else "alerts"
        typer.echo(
            f"--- {_local(send_at, group_facts[0].due.timezone)} to {channel} "
            f"({label} {', '.join(str(i) for i in ids)})"
        )
        typer.echo(rendered.title)
        typer.echo(rendered.body)


# -- watcher channels ----------------------------------------------------------------------


@channels_app.command("list")
def channels_list(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """Configured channels with their URLs masked (secrets never shown)."""
    from watcher.config import CONSOLE_CHANNEL, mask_url

    config = get_context(ctx).config
    rows: list[dict[str, Any]] = [
        {
            "name": channel.name,
            "urls": [mask_url(u) for u in channel.urls],
            "tags": list(channel.tags),
            "default": channel.name in config.routing_channels(),
            "rate": str(channel.rate) if channel.rate else None,
        }
        for channel in sorted(config.channels.values(), key=lambda c: c.name)
    ]
    if CONSOLE_CHANNEL not in config.channels:
        rows.append(
            {
                "name": CONSOLE_CHANNEL,
                "urls": ["(built in: the daemon's standard output)"],
                "tags": [],
                "default": CONSOLE_CHANNEL in config.routing_channels(),
                "rate": None,
            }
        )
    if as_json:
        print_json(rows)
        return
    echo_lines(
        table(
            ["CHANNEL", "DEFAULT", "RATE", "URLS"],
            [
                [r["name"], "yes" if r["default"] else "", r["rate"] or "", ", ".join(r["urls"])]
                for r in rows
            ],
        )
    )


@channels_app.command("test")
def channels_test(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, metavar="[NAME]", help="One channel [default: all]."),
) -> None:
    """Send a test message to each URL of a channel (or every channel) and report each."""
    from watcher.core.messages import Message
    from watcher.notify.apprise_transport import AppriseNotifier
    from watcher.notify.checks import check_channel_urls

    config = get_context(ctx).config
    if name:
        config.check_channels([name])
    check_channel_urls({n: c for n, c in config.channels.items() if name in (None, n)})
    notifier = AppriseNotifier(config.channels)
    names = [name] if name else notifier.channel_names()
    message = Message(
        title="watcher: test message",
        body="If you can read this, watcher can deliver alerts to this channel.",
    )
    failures = 0
    for channel in names:
        for result in notifier.send(channel, message, timeout=30):
            outcome = "ok" if result.ok else f"FAILED: {result.error}"
            failures += 0 if result.ok else 1
            typer.echo(f"{channel}: {result.target.shown}: {outcome}")
    if failures:
        raise typer.Exit(1)


__all__ = ["register"]
