"""Following the story: `extract --add` applies what each article says (new, moved, called
off, confirmed, done); `watcher review` decides what it was unsure of; `watcher undo`
takes back the latest change to a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from watcher.cli.app import AppContext, get_context
from watcher.cli.output import styled

if TYPE_CHECKING:
    from watcher.extract import TemporalMention
    from watcher.extract.io.sources import Article
    from watcher.store.models import HistoryEntry
    from watcher.store.story import Applied, NewRecord

review_app = typer.Typer(
    help="Changes the news suggested that watcher was unsure of: accept, edit or reject.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
    app.command("undo")(undo_command)


def _defaults(app: AppContext, zone: str) -> NewRecord:
    from watcher.store.story import NewRecord

    config = app.config
    return NewRecord(
        timezone=zone,
        leads=list(config.default_leads),
        channels=config.routing_channels(tags=["extracted"]),
        tags=("extracted",),
    )


def _published_day(article: Article, zone: str) -> dt.date:
    from watcher.store.story import local_day

    assert article.published is not None
    return local_day(article.published, zone)


def track_articles(
    app: AppContext,
    found: Sequence[tuple[Article, list[TemporalMention], str]],
    threshold: float,
    *,
    ask: bool,
    quiet: bool,
) -> None:
    """Apply each article, in the order given, in one transaction per article."""
    from watcher.store.story import ArticleFacts, StoryStore

    story = StoryStore(app.store)
    totals: dict[str, int] = {}
    for article, mentions, zone in found:
        facts = ArticleFacts(
            location=article.location,
            text=article.text,
            published=_published_day(article, zone),
            content_hash=article.content_hash,
            title=article.title,
            publisher=article.publisher,
            published_as=article.published.isoformat() if article.published else "",
        )
        report = story.track(
            facts,
            mentions,
            _defaults(app, zone),
            min_confidence=threshold,
            ask=_ask if ask else None,
        )
        if report is None:
            if not quiet:
                typer.echo(f"Already read: {article.location} (nothing changed)")
            continue
        for line in report:
            totals[line.act] = totals.get(line.act, 0) + 1
            if not quiet:
                typer.echo(format_applied(line))
    if not quiet:
        order = ["NEW", "MOVED", "CALLED OFF", "CONFIRMED", "DONE", "NEEDS REVIEW"]
        summary = ", ".join(f"{totals.get(k, 0)} {k.lower()}" for k in order)
        hint = "; see `watcher review`" if totals.get("NEEDS REVIEW") else ""
        typer.echo(f"Story: {summary}{hint}.")


def _ask(action: Any) -> Any:
    """In a terminal: confirm each change (confirmations of a known date need no answer)."""
    from dataclasses import replace

    from watcher.story.plan import Act

    if action.act == Act.CONFIRMED:
        return action
    what = f"{str(action.act).upper()} {action.date or action.old_day or ''} {action.title}"
    if action.reason:
        what += f" ({action.reason})"
    if typer.confirm(f"{' '.join(what.split())}?", default=action.confident, err=True):
        return replace(action, confident=True)
    return None


def format_applied(line: Applied) -> str:
    """One report line: 'MOVED  #2 2025-11-10 -> 2026-11-10  US-China trade truce expires'."""
    ref = f"#{line.deadline_id}" if line.deadline_id is not None else ""
    when = f"{line.old_date} -> {line.date}" if line.act == "MOVED" else line.date
    text = f"{line.act:<12} {ref:>5} {when:<24} {line.title}"
    if line.proposal_id is not None:
        text += f"  [proposal {line.proposal_id}: {line.reason}]"
    colour = {"NEW": "green", "MOVED": "yellow", "CALLED OFF": "red", "NEEDS REVIEW": "magenta"}
    return styled(text.rstrip(), fg=colour.get(line.act))


@review_app.callback()
def review_list(
    ctx: typer.Context,
    show_all: bool = typer.Option(False, "--all", help="Include decided proposals."),
) -> None:
    """List proposals waiting for a decision (then `watcher review accept|reject ID`)."""
    if ctx.invoked_subcommand is not None:
        return
    from watcher.store.story import StoryStore

    app = get_context(ctx)
    rows = StoryStore(app.store).proposals(pending_only=not show_all)
    if not rows:
        typer.echo("Nothing to review.")
        return
    for proposal, source in rows:
        target = f" #{proposal.deadline_id}" if proposal.deadline_id else ""
        date = proposal.payload.get("date") or ""
        state = "" if proposal.state == "pending" else f" [{proposal.state}]"
        typer.echo(
            styled(
                f"{proposal.id}: {proposal.action.upper()}{target} {date} "
                f"{proposal.payload.get('title') or ''}{state}",
                bold=True,
            )
        )
        if proposal.reason:
            typer.echo(f"   why asked: {proposal.reason}")
        if source is not None:
            typer.echo(f"   from: {source.title or source.location} ({source.published or '?'})")
        typer.echo(styled(f"   “{proposal.sentence}”", dim=True))


@review_app.command("accept")
def review_accept(
    ctx: typer.Context,
    proposal_id: int = typer.Argument(..., metavar="ID"),
    when: str | None = typer.Option(None, "--when", help="Accept with this date instead."),
    title: str | None = typer.Option(None, "--title", help="Accept with this title instead."),
) -> None:
    """Apply a proposal (optionally with another date or title)."""
    from watcher.store.story import StoryStore

    app = get_context(ctx)
    date = _when_iso(app, when) if when is not None else None
    line = StoryStore(app.store).decide(
        proposal_id, True, _defaults(app, app.config.timezone), date=date, title=title
    )
    assert line is not None
    typer.echo(format_applied(line))


@review_app.command("reject")
def review_reject(ctx: typer.Context, proposal_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Drop a proposal: nothing changes."""
    from watcher.store.story import StoryStore

    app = get_context(ctx)
    StoryStore(app.store).decide(proposal_id, False, _defaults(app, app.config.timezone))
    typer.echo(f"Rejected proposal {proposal_id}.")


def undo_command(ctx: typer.Context, deadline_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Undo the latest change to a deadline (a move, call-off, done, edit), restoring the
    previous version and its alerts."""
    from watcher.store.story import StoryStore

    app = get_context(ctx)
    typer.echo(StoryStore(app.store).undo(deadline_id).capitalize())


def _when_iso(app: AppContext, when: str) -> str:
    from watcher.core.when import parse_when

    due = parse_when(when, app.store.now(), app.config.timezone)
    if due.all_day:
        return due.local_date.isoformat()
    return due.local.isoformat()


def story_line(entry: HistoryEntry) -> str:
    """One line of a deadline's story for `watcher show`."""
    changes = entry.changes
    sentence = (changes.get("sentence") or [None, None])[1]
    source = (changes.get("source_title") or [None, None])[1] or (
        changes.get("source") or [None, None]
    )[1]
    if entry.action == "moved":
        old, new = changes.get("due", ["?", "?"])
        text = f"moved {str(old)[:10]} -> {str(new)[:10]}"
    elif entry.action == "edited":
        text = "edited: " + ", ".join(sorted(changes))
    elif entry.action == "mentioned":
        text = "mentioned"
    else:
        text = entry.action
    if source:
        text += f" (read in {source})"
    if sentence and entry.action != "mentioned":
        text += f": “{' '.join(str(sentence).split())}”"
    return text


__all__ = ["format_applied", "register", "story_line", "track_articles"]
