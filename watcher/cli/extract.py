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
    from watcher.extract import TemporalMention
    from watcher.extract.io.sources import Article


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
    from watcher.extract.io.sources import environment_max_bytes, parse_published, read_articles

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

    if add and not yes and ("-" in sources or not sys.stdin.isatty()):
        raise UsageError(
            "--add without --yes asks about each change: run it in a terminal, or add --yes"
        )
    interactive = add and not yes
    # Read every source before storing anything: one that fails stores nothing at all.
    read: list[tuple[str, list[Article]]] = []
    with _progress(sources) as items:
        for spec in items:
            read.append(
                (
                    spec,
                    read_articles(
                        spec, given, max_bytes=environment_max_bytes(), follow_links=follow
                    ),
                )
            )
    everything: list[dict[str, object]] = []
    many = len(sources) > 1 or any(len(articles) > 1 for _, articles in read)
    found: list[tuple[Article, list[TemporalMention], str]] = []
    for spec, articles in read:
        for article in articles:
            for warning in article.warnings:
                typer.echo(styled(f"warning: {printable(warning)}", fg="yellow"), err=True)
            zone = tz or article.timezone or _config_zone(app)
            assert article.published is not None
            mentions = extract(article.text, article.published, zone)
            found.append((article, mentions, zone))
            if as_json:
                # Offsets are per article: with several, each object names its own.
                extra = {"source": article.location} if many else {}
                everything.extend({**m.to_json(), **extra} for m in mentions)
            else:
                title = article.title if article.location != spec else ""
                _print_human(article.location, title, article.published, mentions, threshold, many)
    if add:
        from watcher.cli.story import track_articles

        track_articles(app, found, threshold, ask=interactive, quiet=as_json)
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
