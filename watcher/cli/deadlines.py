"""Managing deadlines: add, list, show, edit, done, cancel, reopen, remove."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import typer

from watcher.cli.app import get_context
from watcher.cli.listing import list_deadlines
from watcher.cli.output import print_json, styled
from watcher.clock import utcnow
from watcher.core.text import printable
from watcher.errors import UsageError

if TYPE_CHECKING:  # imported inside the commands, so `--help` and usage errors skip them
    from watcher.config import Config
    from watcher.core.planning import Due
    from watcher.store.models import Alert, Deadline, DeadlineStatus

ID_ARGUMENT_HELP = "A deadline id, as `watcher list` shows it."
LEAD_HELP = "Lead times before the deadline, comma-separated: 7d,1d,2h,30m,45s,0 (w d h m s)."


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("list")(list_deadlines)  # its own module: paging and streaming
    app.command("show")(show)
    app.command("edit")(edit)
    app.command("done")(done)
    app.command("cancel")(cancel)
    app.command("reopen")(reopen)
    app.command("remove")(remove)


def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., metavar="TITLE", help="What is due."),
    when: str = typer.Argument(
        ...,
        metavar="WHEN",
        help="ISO 8601 date or date-time, or a phrase: 'Nov 10', 'next friday 17:00', "
        "'in 3 days', 'tomorrow 9am', 'now', 'noon tomorrow'.",
    ),
    tz: str | None = typer.Option(
        None, "--tz", metavar="ZONE", help="IANA time zone [default: config, then local]."
    ),
    lead: str | None = typer.Option(None, "--lead", metavar="LEADS", help=LEAD_HELP),
    tag: list[str] = typer.Option([], "--tag", metavar="TAG", help="A tag (repeatable)."),
    channel: list[str] = typer.Option(
        [], "--channel", metavar="NAME", help="Channel to alert (repeatable)."
    ),
    kind: str = typer.Option(
        "deadline",
        "--kind",
        metavar="KIND",
        help="deadline, expiry, effective, meeting, event, vote, filing or other.",
    ),
    note: str = typer.Option(
        "", "--note", metavar="TEXT", help="Free text kept with the deadline."
    ),
    all_day: bool = typer.Option(False, "--all-day", help="Only the date matters."),
    as_json: bool = typer.Option(False, "--json", help="Print the new deadline as JSON."),
) -> None:
    """Add a deadline and plan its alerts."""
    from watcher.core.humanize import format_due
    from watcher.core.kinds import parse_kind
    from watcher.core.leads import parse_leads
    from watcher.core.when import parse_when

    app = get_context(ctx)
    config = app.config
    zone = _zone(tz, config)
    due = _all_day(parse_when(when, utcnow(), zone), all_day)
    leads = parse_leads(lead) if lead is not None else list(config.default_leads)
    config.check_channels(channel)
    from watcher.store.records import alert_record, deadline_record  # the input is valid
    from watcher.store.repository import DeadlineDraft, due_of

    draft = DeadlineDraft(
        title=title,
        due=due,
        leads=leads,
        channels=config.routing_channels(channel, tags=tag),
        kind=parse_kind(kind),
        tags=tag,
        notes=note,
    )
    deadline = app.store.add_deadline(draft)
    assert deadline.id is not None
    alerts = app.store.alerts(deadline_id=deadline.id)
    if as_json:
        print_json(deadline_record(deadline) | {"alerts": [alert_record(a) for a in alerts]})
        return
    typer.echo(
        f"Added #{deadline.id}: {printable(deadline.title)} — {format_due(due_of(deadline))}"
    )
    _print_alerts(deadline, alerts)
    if due.at < utcnow():
        typer.echo(styled("Note: this deadline is already in the past.", fg="yellow"), err=True)


def show(
    ctx: typer.Context,
    deadline_id: int = typer.Argument(..., metavar="ID", help=ID_ARGUMENT_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one deadline with its planned alerts, sources and history."""
    from watcher.core.humanize import format_due, format_instant, relative
    from watcher.store.records import alert_record, deadline_record, history_record, mention_record
    from watcher.store.repository import due_of

    app = get_context(ctx)
    view = app.store.view(deadline_id)
    deadline = view.deadline
    if as_json:
        print_json(
            deadline_record(deadline)
            | {
                "alerts": [alert_record(a) for a in view.alerts],
                "history": [history_record(h) for h in view.history],
                "mentions": [mention_record(m, s) for m, s in view.mentions],
            }
        )
        return
    due = due_of(deadline)
    now = utcnow()
    typer.echo(styled(f"#{deadline.id} {printable(deadline.title)}", bold=True))
    fields = [
        ("due", f"{format_due(due)} {deadline.timezone} ({relative(_reference(deadline), now)})"),
        ("kind", deadline.kind),
        ("status", deadline.status),
        ("tags", printable(", ".join(deadline.tags)) or "-"),
        ("leads", ", ".join(deadline.leads) or "-"),
        ("channels", ", ".join(deadline.channels)),
        ("version", str(deadline.version)),
    ]
    for name, value in fields:
        typer.echo(f"  {name + ':':<10}{value}")
    for number, line in enumerate(deadline.notes.splitlines()):
        typer.echo(f"  {'notes:' if number == 0 else '':<10}{printable(line)}")
    _print_alerts(deadline, view.alerts)
    if view.mentions:
        typer.echo("Sources:")
        for mention, source in view.mentions:
            named = printable(source.title or source.location)
            typer.echo(f"  {named} ({printable(source.published) or '?'})")
            typer.echo(styled(f"    “{printable(mention.sentence.strip())}”", dim=True))
    typer.echo("History:")
    from watcher.cli.story import story_line

    for entry in view.history:
        when = format_instant(entry.at, deadline.timezone)
        typer.echo(f"  v{entry.version} {when} {story_line(entry)}")


def edit(
    ctx: typer.Context,
    deadline_id: int = typer.Argument(..., metavar="ID", help=ID_ARGUMENT_HELP),
    title: str | None = typer.Option(None, "--title", metavar="TITLE", help="New title."),
    when: str | None = typer.Option(
        None, "--when", metavar="WHEN", help="New date or date-time (as for `add`)."
    ),
    tz: str | None = typer.Option(
        None, "--tz", metavar="ZONE", help="New zone (the wall-clock time is kept)."
    ),
    lead: str | None = typer.Option(None, "--lead", metavar="LEADS", help=LEAD_HELP),
    tag: list[str] | None = typer.Option(
        None, "--tag", metavar="TAG", help="Replace the tags (repeatable)."
    ),
    channel: list[str] | None = typer.Option(
        None, "--channel", metavar="NAME", help="Replace the channels (repeatable)."
    ),
    kind: str | None = typer.Option(
        None, "--kind", metavar="KIND", help="New kind: deadline, expiry, meeting, ..."
    ),
    note: str | None = typer.Option(None, "--note", metavar="TEXT", help="Replace the note."),
    all_day: bool | None = typer.Option(None, "--all-day/--timed", help="Make it all-day or not."),
) -> None:
    """Change a deadline; pending alerts are re-planned and the change is kept in its history."""
    from watcher.core.humanize import format_due
    from watcher.core.kinds import parse_kind
    from watcher.core.leads import parse_leads
    from watcher.store.repository import DeadlineChanges, due_of

    app = get_context(ctx)
    store = app.store
    current = store.get_deadline(deadline_id)
    changes = DeadlineChanges(title=title, notes=note, tags=tag)
    if kind is not None:
        changes.kind = parse_kind(kind)
    if lead is not None:
        changes.leads = parse_leads(lead)
    if channel is not None:
        app.config.check_channels(channel)
        changes.channels = app.config.routing_channels(channel)
    changes.due = _edited_due(due_of(current), when, tz, all_day)
    if all(value is None for value in vars(changes).values()):
        raise UsageError("nothing to change: give at least one option, see `watcher edit --help`")
    before = current.version
    deadline = store.edit_deadline(deadline_id, changes)
    if deadline.version == before:
        typer.echo(f"#{deadline_id} unchanged.")
        return
    typer.echo(
        f"Updated #{deadline.id}: {printable(deadline.title)} — {format_due(due_of(deadline))} "
        f"(version {deadline.version})"
    )
    assert deadline.id is not None
    _print_alerts(deadline, store.alerts(deadline_id=deadline.id, states=("pending",)))


def done(
    ctx: typer.Context,
    deadline_id: int = typer.Argument(..., metavar="ID", help=ID_ARGUMENT_HELP),
) -> None:
    """Mark a deadline done; its pending alerts are cancelled."""
    from watcher.store.models import DeadlineStatus

    _set_status(ctx, deadline_id, DeadlineStatus.DONE, "Done")


def cancel(
    ctx: typer.Context,
    deadline_id: int = typer.Argument(..., metavar="ID", help=ID_ARGUMENT_HELP),
) -> None:
    """Cancel a deadline; its pending alerts are cancelled."""
    from watcher.store.models import DeadlineStatus

    _set_status(ctx, deadline_id, DeadlineStatus.CANCELLED, "Cancelled")


def reopen(
    ctx: typer.Context,
    deadline_id: int = typer.Argument(..., metavar="ID", help=ID_ARGUMENT_HELP),
) -> None:
    """Make a done or cancelled deadline active again and re-plan its alerts."""
    from watcher.store.models import DeadlineStatus

    _set_status(ctx, deadline_id, DeadlineStatus.ACTIVE, "Reopened")


def remove(
    ctx: typer.Context,
    deadline_id: int = typer.Argument(..., metavar="ID", help=ID_ARGUMENT_HELP),
) -> None:
    """Delete a deadline with its alerts and history (prefer `done` or `cancel` to keep them)."""
    deadline = get_context(ctx).store.remove_deadline(deadline_id)
    typer.echo(f"Removed #{deadline_id}: {printable(deadline.title)}")


def _set_status(ctx: typer.Context, deadline_id: int, status: DeadlineStatus, verb: str) -> None:
    deadline = get_context(ctx).store.set_status(deadline_id, status)
    typer.echo(f"{verb} #{deadline.id}: {printable(deadline.title)}")


def _zone(tz: str | None, config: Config) -> str:
    from watcher.core.zones import get_zone

    zone = tz or config.timezone
    get_zone(zone)
    return zone


def _all_day(due: Due, all_day: bool) -> Due:
    from watcher.core.planning import Due

    if not all_day or due.all_day:
        return due
    return Due.for_date(due.local_date, due.timezone)


def _edited_due(current: Due, when: str | None, tz: str | None, all_day: bool | None) -> Due | None:
    """The new Due an edit asks for, or None when the date is left alone."""
    from watcher.core.planning import Due, wall_time
    from watcher.core.when import parse_when
    from watcher.core.zones import get_zone

    if when is None and tz is None and all_day is None:
        return None
    zone = tz or current.timezone
    get_zone(zone)
    if when is not None:
        due = parse_when(when, utcnow(), zone)
    elif current.all_day:
        due = Due.for_date(current.local_date, zone)
    else:  # keep the wall-clock time, move it to the new zone
        due = Due(at=wall_time(current.local.replace(tzinfo=None), zone), timezone=zone)
    if all_day is True:
        return _all_day(due, True)
    if all_day is False and due.all_day:
        return Due(at=due.at, timezone=zone, all_day=False)
    return due


def _reference(deadline: Deadline) -> datetime:
    from watcher.store.repository import due_of

    due = due_of(deadline)
    return due.at if not deadline.all_day else due.anchor()


def _print_alerts(deadline: Deadline, alerts: list[Alert]) -> None:
    from watcher.core.humanize import format_instant, relative
    from watcher.core.leads import describe_lead

    if not alerts:
        typer.echo("  No alerts planned (every lead time is already past).")
        return
    now = utcnow()
    typer.echo("Alerts:")
    for alert in alerts:
        when = format_instant(alert.fire_at, deadline.timezone)
        label = "date moved" if alert.kind == "moved" else describe_lead(alert.lead)
        state = alert.state + (" (late)" if alert.late else "")
        typer.echo(
            f"  {when}  {relative(alert.fire_at, now):>13}  {label:<15} → "
            f"{alert.channel}  [{state}]"
        )
