"""`watcher sources list | add | remove | check`: the feeds, pages and folders the daemon
watches. Sources come from ``[sources.NAME]`` in the configuration and from `add`; the
daemon keeps one row per source with its schedule and health (watcher/store/sources_watch.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from watcher.cli.app import AppContext, get_context
from watcher.cli.output import echo_lines, print_json, table
from watcher.clock import ensure_utc
from watcher.errors import NotFoundError, UsageError, WatcherError

if TYPE_CHECKING:
    from watcher.sources.spec import SourceSpec
    from watcher.store.models import WatchedSource

sources_app = typer.Typer(
    help="Watched feeds, pages and folders: the daemon reads them for new deadlines.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")


def _short(at: datetime | None) -> str:
    return "-" if at is None else ensure_utc(at).strftime("%Y-%m-%d %H:%M:%SZ")


def _every(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def source_records(context: AppContext) -> list[dict[str, Any]]:
    """Every source, configured or added, with its state: for `sources list` and `status`."""
    from watcher.sources.spec import shown_url
    from watcher.store import sources_watch as watch

    with context.store.session() as session:
        rows = {row.name: row for row in watch.list_sources(session)}
    configured = context.config.sources
    records = []
    for name in sorted(set(rows) | set(configured)):
        row = rows.get(name)
        spec = configured.get(name) or (watch.spec_of(row) if row else None)
        assert spec is not None
        origin = "config" if name in configured else "cli"
        records.append(
            {
                "name": name,
                "url": shown_url(spec.url),
                "origin": origin,
                "every": _every(spec.every),
                "channels": list(spec.channels),
                "tags": list(spec.tags),
                "follow": spec.follow,
                "auto_add": spec.auto_add,
                "last_check": _iso(row.last_check_at) if row else None,
                "last_change": _iso(row.last_change_at) if row else None,
                "next_check": _iso(row.next_check_at) if row else None,
                "last_error": row.last_error if row else None,
                "last_error_at": _iso(row.last_error_at) if row else None,
                "failures": row.failures if row else 0,
                "checks": row.checks if row else 0,
                "articles_seen": row.articles_seen if row else 0,
            }
        )
    return records


def _iso(at: datetime | None) -> str | None:
    return None if at is None else ensure_utc(at).isoformat()


def _at(value: str | None) -> str:
    return "-" if value is None else _short(datetime.fromisoformat(value))


def source_table(records: list[dict[str, Any]]) -> list[str]:
    rows = [
        [
            r["name"],
            r["every"],
            _at(r["last_check"]),
            _at(r["last_change"]),
            str(r["articles_seen"]),
            "never checked"
            if r["last_check"] is None
            else (f"ERROR x{r['failures']}: {r['last_error']}" if r["last_error"] else "ok"),
        ]
        for r in records
    ]
    return table(["SOURCE", "EVERY", "LAST CHECK", "LAST CHANGE", "ARTICLES", "STATUS"], rows)


@sources_app.command("list")
def sources_list(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """Every watched source: URL, interval, last check, last change, articles seen, errors."""
    records = source_records(get_context(ctx))
    if as_json:
        print_json(records)
        return
    if not records:
        typer.echo(
            "no sources: add one with `watcher sources add NAME URL` or [sources.NAME] "
            "in the configuration"
        )
        return
    echo_lines(source_table(records))
    for r in records:
        typer.echo(f"  {r['name']}: {r['url']} ({r['origin']})")


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="A short name: letters, digits, _.-"),
    url: str = typer.Argument(..., metavar="URL", help="RSS/Atom feed or page URL, or a path."),
    every: str = typer.Option("30m", "--every", metavar="DURATION", help="How often (min 1m)."),
    tags: list[str] = typer.Option([], "--tag", metavar="T", help="Tag what it finds."),
    channels: list[str] = typer.Option([], "--channel", metavar="NAME", help="Where to notify."),
    follow: bool = typer.Option(False, "--follow", help="Read each entry's linked page."),
    min_confidence: float = typer.Option(0.5, "--min-confidence", metavar="X", help="0..1."),
    review: bool = typer.Option(
        False, "--review", help="Add nothing it finds; log findings as needs-review."
    ),
) -> None:
    """Watch a feed, page or folder: the daemon checks it every DURATION."""
    from watcher.errors import ConfigError
    from watcher.sources.spec import is_http, make_spec, shown_url
    from watcher.store import sources_watch as watch

    context = get_context(ctx)
    config = context.config
    data: dict[str, Any] = {
        "url": url,
        "every": every,
        "tags": list(tags),
        "channels": list(channels),
        "follow": follow,
        "min_confidence": min_confidence,
        "auto_add": not review,
    }
    try:
        spec = make_spec(name, data, config.watch)
    except ConfigError as error:
        raise UsageError(str(error).replace(f"sources.{name}.", "", 1)) from None
    config.check_channels(spec.channels)
    if not is_http(spec.url) and not Path(spec.url).exists():
        raise UsageError(f"{url}: no such file or folder")
    if name in config.sources:
        raise UsageError(f"source {name!r} is already defined in the configuration file")
    store = context.store
    with store.write() as session:
        watch.add_cli_source(session, spec, store.now())
    typer.echo(
        f"watching {name}: {shown_url(spec.url)} every {_every(spec.every)} "
        "(the running daemon checks it within a few seconds)"
    )


@sources_app.command("remove")
def sources_remove(ctx: typer.Context, name: str = typer.Argument(..., metavar="NAME")) -> None:
    """Stop watching a source added with `add` (its articles stay remembered)."""
    from watcher.store import sources_watch as watch

    context = get_context(ctx)
    if name in context.config.sources:
        raise UsageError(
            f"source {name!r} is defined in the configuration file: remove [sources.{name}] there"
        )
    with context.store.write() as session:
        watch.remove_cli_source(session, name)
    typer.echo(f"no longer watching {name}")


def _find_spec(context: AppContext, name: str) -> SourceSpec:
    from watcher.store import sources_watch as watch

    if name in context.config.sources:
        return context.config.sources[name]
    with context.store.session() as session:
        try:
            row: WatchedSource = watch.get_source(session, name)
        except NotFoundError:
            raise NotFoundError(f"no source named {name!r}: see `watcher sources list`") from None
        return watch.spec_of(row)


@sources_app.command("check")
def sources_check(ctx: typer.Context, name: str = typer.Argument(..., metavar="NAME")) -> None:
    """Fetch a source once now and print what the daemon would do, changing nothing."""
    from watcher.sources.fetch import fetch_source
    from watcher.sources.ingest import ingest_article
    from watcher.sources.poll import entries, follow
    from watcher.sources.spec import shown_url
    from watcher.store import sources_watch as watch

    context = get_context(ctx)
    config = context.config
    spec = _find_spec(context, name)
    store = context.store
    now = ensure_utc(store.clock())
    try:
        fetched = fetch_source(spec.url, config.watch)
        articles = entries(fetched, spec, now)
    except WatcherError as error:
        raise WatcherError(f"source {name}: {error}") from None
    size = len(fetched.body) + sum(len(data) for _, data in fetched.files)
    typer.echo(f"{name}: {shown_url(spec.url)}: {len(articles)} article(s), {size / 1000:.1f} kB")
    with store.session() as session:
        known = watch.known_hashes(session, [a.location for a in articles])
    counts = {"new": 0, "confirmed": 0, "known": 0, "needs review": 0}
    to_read = 0
    for entry in articles:
        before = known.get(entry.location)
        state = "SEEN" if before == entry.content_hash else "EDITED" if before else "NEW"
        label = f"{entry.title} <{entry.location}>" if entry.title else entry.location
        typer.echo(f"{state:7} {label}")
        if state == "SEEN":
            continue
        to_read += 1
        is_entry = entry.location != (fetched.url or spec.url)
        article = follow(entry, config.watch) if spec.follow and is_entry else entry
        for warning in article.warnings:
            typer.echo(f"        note: {warning}")
        with watch.rolled_back(store) as session:
            actions = ingest_article(
                store,
                config,
                article,
                channels=spec.channels,
                tags=spec.tags,
                min_confidence=spec.min_confidence,
                auto_add=spec.auto_add,
                session=session,
            )
        if not actions:
            typer.echo("        no future deadline found")
        for action in actions:
            counts[action.action] = counts.get(action.action, 0) + 1
            verb = {
                "new": "would add",
                "confirmed": "would confirm",
                "moved": "would move",
                "called off": "would call off",
                "done": "would mark done",
            }.get(action.action, action.action)
            sentence = " ".join(action.sentence.split())
            typer.echo(f"        {verb}: {action.date[:16]}  {action.title}  “{sentence[:120]}”")
    typer.echo(
        f"Would read {to_read} article(s): {counts['new']} new deadline(s), "
        f"{counts['confirmed']} confirmed, {counts['needs review']} for review. "
        "Nothing was changed."
    )


__all__ = ["register", "source_records", "source_table"]
