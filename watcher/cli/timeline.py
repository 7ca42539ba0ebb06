"""`watcher timeline`: upcoming deadlines and their alerts on one time axis."""

from __future__ import annotations

import sys

import typer

from watcher.cli.app import get_context
from watcher.cli.output import echo_lines, terminal_width
from watcher.clock import utcnow
from watcher.core.text import printable
from watcher.errors import UsageError


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline)


def timeline(
    ctx: typer.Context,
    since: str | None = typer.Option(
        None,
        "--from",
        metavar="WHEN",
        help="Start of the window, e.g. 2025-10-20 (shows past deadlines too) [default: now].",
    ),
    until: str | None = typer.Option(
        None,
        "--until",
        metavar="WHEN",
        help="End of the window, e.g. 'in 30 days' [default: the last deadline].",
    ),
    tag: str | None = typer.Option(
        None, "--tag", metavar="TAG", help="Only deadlines with this tag."
    ),
    ascii_only: bool = typer.Option(False, "--ascii", help="Plain ASCII glyphs."),
    width: int | None = typer.Option(
        None, "--width", metavar="COLUMNS", min=40, max=1000, help="Columns [default: terminal]."
    ),
) -> None:
    """Draw upcoming deadlines and their alerts on a time axis."""
    from watcher.core.timeline import ASCII, UNICODE, TimelineRow, render_timeline
    from watcher.core.when import parse_when
    from watcher.store.repository import due_of

    app = get_context(ctx)
    now = utcnow()
    zone = app.config.timezone
    start = parse_when(since, now, zone).at if since else None
    end = parse_when(until, now, zone).anchor() if until else None
    if start is not None and end is not None and end <= start:
        raise UsageError("--until must be later than --from")
    rows = []
    for deadline in app.store.list_deadlines(tag=tag, now=start or now, past=False):
        if end is not None and deadline.due_at > end:
            continue
        assert deadline.id is not None
        alerts = app.store.alerts(deadline_id=deadline.id)
        rows.append(
            TimelineRow(
                label=f"#{deadline.id} {printable(deadline.title)}",
                due=due_of(deadline),
                alerts=[(a.fire_at, a.state) for a in alerts if a.state != "cancelled"],
            )
        )
    unicode_ok = not ascii_only and (sys.stdout.encoding or "").lower().startswith("utf")
    echo_lines(
        render_timeline(
            rows,
            now,
            zone,
            width or terminal_width(),
            end=end,
            start=start,
            glyphs=UNICODE if unicode_ok else ASCII,
        )
    )
