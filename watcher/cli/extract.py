"""`watcher extract`: read deadlines out of articles, print them, optionally store them."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from watcher.cli.app import AppContext, get_context
from watcher.cli.output import echo_lines, styled, table
from watcher.core.text import printable
from watcher.errors import UsageError

if TYPE_CHECKING:  # imported lazily at run time: `watcher list` need not load the extractor
    from watcher.core.planning import Due
    from watcher.extract import TemporalMention
    from watcher.extract.sources import Article

# Words that say nothing about which event a title names.


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)


def extract_command(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(
        ...,
        metavar="SOURCE...",
        help="Text, HTML or RSS/Atom file, http(s) URL of one, or - for stdin.",
    ),
    published: str | None = typer.Option(
        None, "--published", metavar="DATE", help="Publication date (YYYY-MM-DD or ISO date-time)."
    ),
    tz: str | None = typer.Option(
        None,
        "--tz",
        metavar="ZONE",
        help="Zone of the article [default: its metadata, then the config's zone].",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array of every mention."),
    add: bool = typer.Option(False, "--add", help="Store future items as deadlines."),
    min_confidence: float | None = typer.Option(
        None,
        "--min-confidence",
        metavar="X",
        help="Threshold for the table and --add, 0..1 [default: 0.5].",
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="With --add, do not ask per item."),
    follow: bool = typer.Option(
        False, "--follow", help="For feeds: read each entry's linked page, not its summary."
    ),
) -> None:
    """Find the dates in news articles, resolve them, and show (or --add) the deadlines."""
    from watcher.extract import DEFAULT_MIN_CONFIDENCE, extract
    from watcher.extract.sources import environment_max_bytes, parse_published, read_articles

    app = get_context(ctx)
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    if not 0.0 <= threshold <= 1.0:
        raise UsageError("--min-confidence must be between 0 and 1")
    given = None
    if published is not None:
        given = parse_published(published)
        if given is None:
            raise UsageError(f"--published {published!r}: use YYYY-MM-DD or an ISO date-time")
    if tz is not None:
        _check_zone(tz)
    if sources.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")

    everything: list[dict[str, object]] = []
    interactive = add and not yes and sys.stdin.isatty() and "-" not in sources
    with _progress(sources) as items:
        for spec in items:
            articles = read_articles(
                spec, given, max_bytes=environment_max_bytes(), follow_links=follow
            )
            many = len(sources) > 1 or len(articles) > 1
            for article in articles:
                for warning in article.warnings:
                    typer.echo(styled(f"warning: {printable(warning)}", fg="yellow"), err=True)
                zone = tz or article.timezone or _config_zone(app)
                assert article.published is not None
                mentions = extract(article.text, article.published, zone)
                if as_json:
                    # Offsets are per article: with several, each object names its own.
                    extra = {"source": article.location} if many else {}
                    everything.extend({**m.to_json(), **extra} for m in mentions)
                else:
                    title = article.title if article.location != spec else ""
                    _print_human(
                        article.location, title, article.published, mentions, threshold, many
                    )
                if add:
                    chosen = [
                        m
                        for m in mentions
                        if m.future and m.confidence >= threshold and m.date is not None
                    ]
                    if interactive:
                        chosen = [m for m in chosen if _confirm(m)]
                    _store(app, article, chosen, zone, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(everything, indent=2, ensure_ascii=False))


@contextmanager
def _progress(sources: list[str]) -> Iterator[Iterable[str]]:
    """A progress bar on stderr when there are many sources and a terminal to draw on."""
    if len(sources) >= 5 and sys.stderr.isatty():
        with typer.progressbar(sources, label="Reading", file=sys.stderr) as bar:
            yield bar
    else:
        yield sources


def _check_zone(zone: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--tz {zone!r}: unknown time zone (use an IANA name)") from None


def _config_zone(app: AppContext) -> str:
    try:
        return app.config.timezone
    except Exception:  # no config at all: UTC is the extractor's own default
        return "UTC"


def _print_human(
    spec: str,
    title: str,
    published: dt.date | dt.datetime,
    found: list[TemporalMention],
    threshold: float,
    header: bool,
) -> None:
    day = published.date() if isinstance(published, dt.datetime) else published
    if header:
        named = printable(f"{title}  <{spec}>" if title else spec)
        typer.echo(styled(f"{named}  (published {day.isoformat()})", bold=True))
    future = sorted(
        (m for m in found if m.future and m.confidence >= threshold), key=lambda m: m.date or ""
    )
    rest = [m for m in found if m not in future]
    if future:
        rows = [
            [
                (m.date or "")[:16].replace("T", " "),
                m.kind,
                m.title or "-",
                f"{m.confidence:.2f}",
                " ".join(m.sentence.split()),
            ]
            for m in future
        ]
        echo_lines(
            table(["DATE", "KIND", "TITLE", "CONF", "SENTENCE"], rows, flex=("TITLE", "SENTENCE"))
        )
    else:
        typer.echo(f"No future deadlines found (threshold {threshold:g}).")
    if rest:
        typer.echo(styled("Other mentions (past, or below the threshold):", dim=True))
        for m in rest:
            when = (m.date or "")[:10] + (f"..{m.end_date}" if m.end_date else "")
            flag = "future, low confidence" if m.future else "past"
            typer.echo(styled(f"  {when:23} {m.text!r} ({flag})", dim=True))


def _confirm(m: TemporalMention) -> bool:
    return typer.confirm(
        f"Add {m.date} {m.kind}: {printable(m.title or m.text)}?", default=True, err=True
    )


def _due(date_text: str, zone: str) -> Due:
    from watcher.core.planning import Due

    if "T" in date_text:
        at = dt.datetime.fromisoformat(date_text)
        return Due(at=at.astimezone(dt.UTC), timezone=zone, all_day=False)
    return Due.for_date(dt.date.fromisoformat(date_text), zone)


def _store(
    app: AppContext, article: Article, chosen: list[TemporalMention], zone: str, quiet: bool
) -> None:
    """Store each chosen mention as a deadline with its source and sentence; a deadline
    already there (same day, same event) gains a mention instead of a duplicate."""
    from watcher.store.repository import DeadlineDraft

    if not chosen:
        return
    store = app.store
    config = app.config
    added = linked = known = 0
    with store.write() as session:
        source = store.add_source(
            session,
            location=article.location,
            content_hash=article.content_hash,
            title=article.title,
            publisher=article.publisher,
            published=_iso(article.published),
            text=article.text,
        )
        for m in chosen:
            assert m.date is not None
            due = _due(m.date, zone)
            title = m.title or " ".join(m.sentence.split())[:80]
            existing, is_new = store.add_unless_known(
                session,
                DeadlineDraft(
                    title=title,
                    due=due,
                    leads=list(config.default_leads),
                    channels=config.routing_channels(tags=["extracted"]),
                    kind=m.kind,
                    tags=["extracted"],
                    notes=f"From {article.location}",
                ),
            )
            added += is_new
            new_link = store.add_mention(
                session, existing, source, sentence=m.sentence, span=m.text, start=m.start
            )
            if new_link is None:
                known += 1  # this very sentence was stored before
            elif not is_new:
                linked += 1
    if not quiet:
        typer.echo(
            f"Stored {added} new deadline(s); {linked} known deadline(s) gained a mention; "
            f"{known} already stored from this source."
        )


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return ""
