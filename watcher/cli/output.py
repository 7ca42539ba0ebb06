"""Printing for humans and scripts: aligned tables, JSON, and styled text that degrades
gracefully when stdout is not a terminal."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import typer


def print_json(data: Any) -> None:
    """JSON for scripts: UTF-8, stable key order, one document per call."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def terminal_width(default: int = 100) -> int:
    return shutil.get_terminal_size((default, 24)).columns


def styled(text: str, *, dim: bool = False, bold: bool = False, fg: str | None = None) -> str:
    """Styled text on a terminal; plain text in pipes and files (and under NO_COLOR)."""
    if not sys.stdout.isatty():
        return text
    return typer.style(text, dim=dim, bold=bold, fg=fg)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int | None = None
) -> list[str]:
    """Left-aligned columns; the last column is cut to fit the terminal width."""
    width = max_width or terminal_width()
    cells = [list(map(str, headers)), *[list(map(str, r)) for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(10, min(widths[-1], width - fixed))
    lines = []
    for row in cells:
        parts = [
            cell.ljust(w) if i < len(row) - 1 else _cut(cell, w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def echo_lines(lines: Sequence[str]) -> None:
    for line in lines:
        typer.echo(line)
