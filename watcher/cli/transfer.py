"""`watcher export` and `watcher import`: JSON (lossless) and iCalendar."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import typer

from watcher.cli.app import get_context
from watcher.clock import utcnow
from watcher.core.text import printable
from watcher.errors import ImportFormatError, UsageError, WatcherError

if TYPE_CHECKING:
    from watcher.config import Config


class ExportFormat(StrEnum):
    JSON = "json"
    ICS = "ics"


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)


def export(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(ExportFormat.JSON, "--format", "-f", help="json or ics."),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="File to write [default: stdout]."
    ),
) -> None:
    """Export every deadline (with alerts, history and sources in JSON)."""
    from watcher.transfer.document import export_document

    store = get_context(ctx).store
    with _output_file(output) as handle, _progress("Exporting", _count(store)) as step:
        document = export_document(store, utcnow(), progress=step)
        if fmt is ExportFormat.ICS:
            from watcher.transfer.ics import to_ics

            payload = to_ics(document)
        else:
            payload = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
        if handle is None:
            typer.echo(payload.decode(), nl=False)
            return
        handle.write(payload)
    typer.echo(f"Exported {len(document['deadlines'])} deadlines to {output}", err=True)


@contextmanager
def _output_file(output: Path | None) -> Iterator[IO[bytes] | None]:
    """A temporary file next to ``output``, opened before any work (so an unwritable path
    fails at once) and renamed over it only when everything was written."""
    if output is None:
        yield None
        return
    import tempfile

    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, renamed on success)
            "wb", dir=output.resolve().parent, prefix=f".{output.name}.", delete=False
        )
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    try:
        with handle:
            yield handle
        os.replace(handle.name, output)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


def _count(store: Any) -> int:
    from sqlalchemy import func
    from sqlmodel import select

    from watcher.store.models import Deadline

    with store.session() as session:
        return int(session.exec(select(func.count()).select_from(Deadline)).one())


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal and the work is long; else nothing."""
    if total < 200 or not sys.stderr.isatty():
        yield lambda _n: None
        return
    with typer.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE", help="A `watcher export` JSON file or an .ics file."
    ),
) -> None:
    """Import deadlines from a watcher JSON export or an iCalendar file (twice adds nothing).

    Deadlines keep their ids when those are free; channels must be configured ones.
    """
    from watcher.transfer.document import check_records, import_document

    app = get_context(ctx)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {file}: {error.strerror}") from None
    if data.lstrip().startswith(b"BEGIN:VCALENDAR"):
        from watcher.transfer.ics import from_ics

        document = from_ics(data, app.config.timezone, utcnow())
        for record in document["deadlines"]:
            if not record["leads"]:
                record["leads"] = [lead.label for lead in app.config.default_leads]
            _check_channels(app.config, record)
            record["channels"] = app.config.routing_channels(record["channels"], record["tags"])
    else:
        try:
            document = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ImportFormatError(f"{file}: neither JSON nor iCalendar ({error})") from None
        if not isinstance(document, dict):
            raise ImportFormatError(f"{file}: not a watcher export")
        for record in check_records(document):
            _check_channels(app.config, record)
    with _progress("Importing", len(document.get("deadlines") or [])) as step:
        report = import_document(app.store, document, progress=step)
    for warning in report.warnings:
        typer.echo(f"watcher: warning: {printable(warning)}", err=True)
    for old, new in report.renumbered:
        typer.echo(f"Deadline {old} of the file is #{new} here (id {old} was taken).", err=True)
    typer.echo(
        f"Imported {len(report.added)} deadlines"
        + (f", skipped {len(report.skipped)} already present" if report.skipped else "")
    )


def _check_channels(config: Config, record: dict[str, Any]) -> None:
    """A deadline routed to a channel this configuration lacks is refused, as in `add`."""
    try:
        config.check_channels(record.get("channels") or [])
    except WatcherError as error:
        raise ImportFormatError(f"deadline {record.get('title')!r}: {error}") from None
