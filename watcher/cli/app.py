"""The `watcher` Typer app: global options, error handling, and command registration.

Each command group lives in its own module and registers itself here. Heavy modules
(apprise, apscheduler, alembic) are imported only inside the commands that use them, so
`watcher list` starts fast.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperGroup

from watcher.cli import coercion
from watcher.errors import WatcherError

if TYPE_CHECKING:
    from watcher.config import Config
    from watcher.store.repository import Store


def _no_type_label(self: TyperArgument, ctx: object) -> None:
    """Arguments are named by their metavar (TITLE, WHEN, ID): no ``<str>`` after it."""
    return None


TyperArgument.display_type_rich = _no_type_label  # type: ignore[method-assign,assignment]
coercion.install()  # plain values skip Pydantic: a usage error starts as fast as --help


@dataclass
class AppContext:
    """What every command needs, opened lazily: a command that never touches the store
    never opens it."""

    db_url: str | None = None
    config_path: str | None = None
    verbose: bool = False
    _config: Config | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            from watcher.config import load_config

            self._config = load_config(self.config_path)
            if self._config.channels:  # their URLs' secrets never reach a log line
                from watcher.notify.secrets import protect_logging

                protect_logging(url for c in self._config.channels.values() for url in c.urls)
        return self._config

    @property
    def store(self) -> Store:
        if self._store is None:
            from watcher.store.database import open_engine
            from watcher.store.repository import Store

            self._store = Store(open_engine(self.db_url), all_day_time=self.config.all_day_time)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class WatcherGroup(TyperGroup):
    """Turns every user error into one line on stderr and a meaningful exit code.

    Usage errors exit 2, other errors 1; a traceback is printed only with ``-v``.
    """

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        verbose = any(a in ("-v", "--verbose") for a in argv[: _first_command_index(argv)])
        try:
            result = super().main(
                argv, prog_name or "watcher", complete_var, standalone_mode=False, **extra
            )
        except WatcherError as error:
            _fail(str(error), error.exit_code, verbose)
        except typer.Exit as exit_:
            result = exit_.exit_code
        except typer.Abort:
            _fail("aborted", 130, verbose=False)
        except typer.TyperException as error:  # Typer's own usage errors (exit code 2)
            if type(error).__name__ == "NoArgsIsHelpError":  # a bare group: show its help
                print(error.format_message(), file=sys.stderr)
                sys.exit(error.exit_code)
            context = getattr(error, "ctx", None)
            hint = f" (see `{context.command_path} --help`)" if context is not None else ""
            _fail(error.format_message() + hint, error.exit_code, verbose=False)
        except KeyboardInterrupt:
            _fail("interrupted", 130, verbose=False)
        except BrokenPipeError:  # `watcher list | head`: the reader has all it wanted
            _stdout_gone()
        except Exception as error:  # a bug: say so in one line, full detail with -v
            _fail(
                f"internal error: {type(error).__name__}: {error} (rerun with -v for details)",
                1,
                verbose,
            )
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


def _first_command_index(argv: list[str]) -> int:
    for index, arg in enumerate(argv):
        if not arg.startswith("-") and (index == 0 or argv[index - 1] not in ("--db", "--config")):
            return index
    return len(argv)


def _stdout_gone() -> None:
    """Exit quietly once stdout's reader has gone (no traceback, no error line).

    Python would still try to flush stdout at exit and complain, so it is pointed at
    /dev/null first (the recipe of Python's signal module documentation)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def _fail(message: str, code: int, verbose: bool) -> None:
    if verbose:
        traceback.print_exc()
    from watcher.core.text import printable

    message = printable(" ".join(message.split()))
    print(f"watcher: error: {message}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=WatcherGroup,
    name="watcher",
    help="Keep deadlines, read them out of news articles, and get alerted before each one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def global_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="WATCHER_DB",
        metavar="URL",
        help="SQLAlchemy database URL [default: SQLite in $XDG_DATA_HOME/watcher/watcher.db]",
        show_envvar=True,
    ),
    config: str | None = typer.Option(
        None,
        "--config",
        envvar="WATCHER_CONFIG",
        metavar="PATH",
        help="Configuration file [default: $XDG_CONFIG_HOME/watcher/watcher.toml, then "
        "/etc/watcher/watcher.toml]",
        show_envvar=True,
    ),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Show tracebacks and debug logs."),
) -> None:
    """Keep deadlines, read them out of news articles, and get alerted before each one."""
    context = AppContext(db_url=db, config_path=config, verbose=verbose)
    ctx.obj = context
    ctx.call_on_close(context.close)


def get_context(ctx: typer.Context) -> AppContext:
    """The AppContext of the running command."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppContext):  # called without the callback (tests of a subcommand)
        root.obj = AppContext()
    return root.obj


def _register() -> None:
    """Attach every command module to the app (imports are cheap: no heavy modules)."""
    from watcher.cli import (
        daemon,
        database,
        deadlines,
        extract,
        seed,
        sources,
        story,
        timeline,
        transfer,
        web,
    )

    modules = (deadlines, transfer, seed, timeline, database, daemon, extract, story, sources, web)
    for module in modules:
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
