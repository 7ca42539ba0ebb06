"""`watcher export` and `watcher import`: JSON (lossless) and iCalendar."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from watcher.cli.app import get_context
from watcher.clock import utcnow
from watcher.errors import ImportFormatError, UsageError


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

    document = export_document(get_context(ctx).store, utcnow())
    if fmt is ExportFormat.ICS:
        from watcher.transfer.ics import to_ics

        payload = to_ics(document)
    else:
        payload = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    if output is None:
        typer.echo(payload.decode(), nl=False)
        return
    try:
        output.write_bytes(payload)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    typer.echo(f"Exported {len(document['deadlines'])} deadlines to {output}", err=True)


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE", help="A `watcher export` JSON file or an .ics file."
    ),
) -> None:
    """Import deadlines from a watcher JSON export or an iCalendar file (twice adds nothing)."""
    from watcher.transfer.document import import_document

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
            record["channels"] = app.config.routing_channels(record["channels"], record["tags"])
    else:
        try:
            document = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ImportFormatError(f"{file}: neither JSON nor iCalendar ({error})") from None
        if not isinstance(document, dict):
            raise ImportFormatError(f"{file}: not a watcher export")
    report = import_document(app.store, document)
    typer.echo(
        f"Imported {len(report.added)} deadlines"
        + (f", skipped {len(report.skipped)} already present" if report.skipped else "")
    )
