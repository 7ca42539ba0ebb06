"""`watcher seed`: load the seed articles and the deadlines read from them."""

from __future__ import annotations

from pathlib import Path

import typer

from watcher.cli.app import get_context
from watcher.core.text import printable


def register(app: typer.Typer) -> None:
    app.command("seed")(seed)


def seed(
    ctx: typer.Context,
    directory: Path | None = typer.Argument(
        None, metavar="[DIR]", help="Seed directory [default: the project's seeds/]."
    ),
) -> None:
    """Load seed articles (NAME.txt + NAME.meta.toml) and their deadlines; twice adds nothing."""
    from watcher.transfer.seeds import default_seed_dir, load_seed_dir

    app = get_context(ctx)
    report = load_seed_dir(app.store, directory or default_seed_dir(), app.config)
    typer.echo(
        f"Seeded {report.sources} article(s): {len(report.added)} deadline(s) added, "
        f"{len(report.existing)} already present."
    )
    for title in report.added:
        typer.echo(f"  + {printable(title)}")
