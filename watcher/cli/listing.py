"""`watcher list`: deadlines a screenful at a time on a terminal, streamed everywhere else.

The store filters, orders and pages in SQL (``watcher.store.listing``); this module only
decides how many rows to ask for and prints them as they come. A table's columns are
fitted to every row it shows, so an unlimited table reads its rows twice from one
snapshot (widths, then lines) instead of holding them all; JSON is written row by row.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

import typer

from watcher.cli.app import get_context
from watcher.cli.output import Columns, echo_lines, print_json_array, terminal_height
from watcher.clock import utcnow
from watcher.core.text import printable
from watcher.errors import UsageError

if TYPE_CHECKING:
    from watcher.store.listing import DeadlineQuery, DeadlineReader
    from watcher.store.models import Deadline

HEADERS = ["ID", "DUE", "WHEN", "KIND", "STATUS", "TAGS", "TITLE"]
SCREEN_MARGIN = 3
"""Terminal lines a screenful leaves free: the header, the "more" hint and the prompt."""


def list_deadlines(
    ctx: typer.Context,
    show_all: bool = typer.Option(False, "--all", help="Every deadline, past and done ones too."),
    past: bool = typer.Option(False, "--past", help="Deadlines already past, most recent first."),
    tag: str | None = typer.Option(
        None, "--tag", metavar="TAG", help="Only deadlines with this tag."
    ),
    limit: int | None = typer.Option(
        None,
        "--limit",
        metavar="N",
        min=0,
        help="At most N deadlines; 0: all [default: a screenful when the table goes to a "
        "terminal, else all].",
    ),
    after: int | None = typer.Option(
        None,
        "--after",
        metavar="ID",
        help="Continue after deadline ID in this order (the next page: the last ID shown).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
) -> None:
    """List upcoming deadlines, soonest first."""
    if show_all and past:
        raise UsageError("--all and --past cannot be combined")
    if limit is None and not as_json and sys.stdout.isatty():
        limit = max(5, terminal_height() - SCREEN_MARGIN)
    from watcher.store.listing import DeadlineQuery

    query = DeadlineQuery(
        upcoming=show_all or not past,
        past=show_all or past,
        tag=tag,
        limit=limit + 1 if limit else None,  # one more says whether there are more
        after=after,
    )
    if show_all:
        query = replace(query, statuses=())
    store = get_context(ctx).store
    with store.reader(utcnow()) as reader:
        if as_json:
            from watcher.store.records import deadline_record

            print_json_array(deadline_record(d) for d in _page(reader.deadlines(query), limit))
            return
        if limit:  # a page: its rows are few, read them once
            rows = list(reader.deadlines(query))
            shown = rows[:limit]
            if not _print_table(lambda: iter(shown), reader.now):
                typer.echo(_nothing_listed(reader, query))
            elif len(rows) > limit:
                _more_hint(shown[-1], limit, show_all, past, tag)
            return
        if not _print_table(lambda: reader.deadlines(query), reader.now):
            typer.echo(_nothing_listed(reader, query))


def _page(rows: Iterator[Deadline], limit: int | None) -> Iterator[Deadline]:
    """The first ``limit`` rows (all when None or 0): the query asked for one more."""
    for index, row in enumerate(rows):
        if limit and index >= limit:
            return
        yield row


def _print_table(rows: Callable[[], Iterator[Deadline]], now: datetime) -> bool:
    """Print the table of ``rows()`` (called twice); False when there was no row."""
    columns = Columns(HEADERS)
    for cells in _cells(rows(), now):
        columns.measure(cells)
    if not columns.rows:
        return False
    echo_lines(columns.lines(_cells(rows(), now)))
    return True


def _cells(rows: Iterable[Deadline], now: datetime) -> Iterator[list[str]]:
    from watcher.core.humanize import format_due, relative
    from watcher.store.models import DeadlineStatus
    from watcher.store.repository import due_of

    for d in rows:
        due = due_of(d)
        yield [
            f"#{d.id}",
            format_due(due),
            relative(due.anchor() if d.all_day else due.at, now),
            d.kind,
            d.status if d.status != DeadlineStatus.ACTIVE else "",
            ",".join(d.tags),
            d.title,
        ]


def _more_hint(last: Deadline, limit: int, show_all: bool, past: bool, tag: str | None) -> None:
    """Say on stderr how to see the next page (stdout stays the table)."""
    words = ["watcher", "list"]
    words += ["--all"] if show_all else ["--past"] if past else []
    words += ["--tag", printable(tag)] if tag is not None else []
    words += ["--after", str(last.id)]
    typer.echo(
        f"… more: `{shlex.join(words)}` shows the next {limit} (`--limit 0`: all at once).",
        err=True,
    )


def _nothing_listed(reader: DeadlineReader, query: DeadlineQuery) -> str:
    """Why the list is empty, and how to see what there is (e.g. the seeds' past dates)."""
    from watcher.store.listing import DeadlineQuery

    if query.after is not None:
        return f"No deadlines after #{query.after}."
    if query.past:
        return "No deadlines." if query.upcoming else "No past deadlines."
    earlier = reader.count(DeadlineQuery(upcoming=False, past=True, tag=query.tag))
    if earlier:
        return (
            f"No upcoming deadlines; {earlier} past deadline(s): see them with "
            "`watcher list --past` (or `watcher list --all`)."
        )
    return "No upcoming deadlines. Add one with `watcher add TITLE WHEN`."
