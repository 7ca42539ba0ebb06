"""Printing for humans and scripts: aligned tables, JSON, and styled text that degrades
gracefully when stdout is not a terminal."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import typer

from watcher.core.text import printable


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
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    max_width: int | None = None,
    flex: Sequence[str] = (),
) -> list[str]:
    """Left-aligned columns that fit the terminal width.

    Columns empty in every row are left out and control characters are escaped. When the
    table is too wide, the ``flex`` columns (by header; default the last one) are cut, with
    "…", to one common width: the free text gets all the room the short columns leave.
    """
    width = max_width or terminal_width()
    body = [[printable(str(cell)) for cell in row] for row in rows]
    keep = [i for i in range(len(headers)) if not body or any(row[i] for row in body)]
    cells = [[str(headers[i]) for i in keep], *[[row[i] for i in keep] for row in body]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(keep))]
    flexible = [i for i, name in enumerate(cells[0]) if name in flex] or [len(keep) - 1]
    room = width - 2 * (len(widths) - 1) - sum(w for i, w in enumerate(widths) if i not in flexible)
    cap = _common_cap([widths[i] for i in flexible], room)
    for i in flexible:
        widths[i] = min(widths[i], max(cap, len(cells[0][i])))
    lines = []
    for row in cells:
        parts = [_cut(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return lines


def _common_cap(widths: list[int], room: int) -> int:
    """The largest cap c with sum(min(w, c)) <= room, but at least 10."""
    cap = max(widths)
    while cap > 10 and sum(min(w, cap) for w in widths) > room:
        cap -= 1
    return cap


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def echo_lines(lines: Sequence[str]) -> None:
    for line in lines:
        typer.echo(line)
