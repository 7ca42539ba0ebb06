"""`watcher serve` and `watcher feed-token`: the web face and the calendar feed's address.

FastAPI and uvicorn are imported inside `serve` only, so registering these commands costs
`watcher list` nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from watcher.cli.app import AppContext, get_context

if TYPE_CHECKING:
    from watcher.web.server import RunningServer
    from watcher.web.settings import HttpSettings

feed_token_app = typer.Typer(
    help="The calendar feed's secret address: show it, or rotate it to revoke the old one.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(feed_token_app, name="feed-token")


def serve(
    ctx: typer.Context,
    host: str | None = typer.Option(
        None, "--host", help="Address to listen on [default: http.host, else 127.0.0.1]."
    ),
    port: int | None = typer.Option(
        None, "--port", min=0, max=65535, help="Port [default: http.port, else 8765]."
    ),
) -> None:
    """Serve the dashboard, the calendar feed, action links, /healthz and /metrics.

    Listens on loopback unless told otherwise; any other address needs http.password.
    """
    from watcher.web.app import create_app
    from watcher.web.server import bind, make_server
    from watcher.web.settings import HttpSettings

    context = get_context(ctx)
    settings = HttpSettings.from_mapping(context.config.http)
    host = host or settings.host
    port = settings.port if port is None else port
    settings.check_bind(host)
    app = create_app(context.store, context.config, settings)
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"serving on http://{shown}:{sock.getsockname()[1]} (Ctrl-C stops)", err=True)
    make_server(app, host, port).run(sockets=[sock])


def serve_beside_daemon(context: AppContext) -> RunningServer | None:
    """With ``http.enabled``, serve the web face in a thread of `watcher run`."""
    import logging

    from watcher.web.settings import HttpSettings

    settings = HttpSettings.from_mapping(context.config.http)
    if not settings.enabled:
        return None
    settings.check_bind(settings.host)
    from watcher.web.app import create_app
    from watcher.web.server import start_in_thread

    app = create_app(context.store, context.config, settings)
    running = start_in_thread(app, settings.host, settings.port, log_config=False)
    logging.getLogger("watcher.web").info("web face on %s", running.url)
    return running


def _base_url(settings: HttpSettings) -> str:
    if settings.public_url:
        return settings.public_url
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}"


def feed_url(settings: HttpSettings, token: str) -> str:
    """The address a calendar app subscribes to."""
    return f"{_base_url(settings)}/calendar/{token}.ics"


@feed_token_app.command("show")
def feed_token_show(ctx: typer.Context) -> None:
    """Print the feed's URL to subscribe to (add ?tag=T for one tag)."""
    from watcher.store import web_queries
    from watcher.web.settings import HttpSettings

    context = get_context(ctx)
    settings = HttpSettings.from_mapping(context.config.http)
    typer.echo(feed_url(settings, web_queries.feed_token(context.store)))


@feed_token_app.command("rotate")
def feed_token_rotate(ctx: typer.Context) -> None:
    """Make a new feed token: the old URL stops working at once."""
    from watcher.store import web_queries
    from watcher.web.settings import HttpSettings

    context = get_context(ctx)
    settings = HttpSettings.from_mapping(context.config.http)
    token = web_queries.rotate_feed_token(context.store)
    typer.echo(feed_url(settings, token))
    typer.echo("the previous feed URL no longer works; subscribe again with this one", err=True)


__all__ = ["feed_url", "register"]
