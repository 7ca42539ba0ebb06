"""Printing for humans and scripts: aligned tables, JSON, and styled text that degrades
gracefully when stdout is not a terminal."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _escape
from typing import Any

import typer

from watcher.core.text import printable

JSON_CHUNK = 200
"""Items of a streamed JSON array written per write."""


def print_json(data: Any) -> None:
    """JSON for scripts: UTF-8, stable key order, one document per call."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def print_json_array(items: Iterable[Any]) -> None:
    """A JSON array written item by item as ``items`` come: the same text as
    ``print_json(list(items))``, without holding the list."""
    chunk: list[str] = []
    written = 0
    for item in items:
        chunk.append(("[\n  " if written == 0 else ",\n  ") + indented_json(item, "  "))
        written += 1
        if len(chunk) >= JSON_CHUNK:
            typer.echo("".join(chunk), nl=False)
            chunk.clear()
    typer.echo("".join(chunk) + "\n]" if written else "[]")


def indented_json(value: Any, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, nested ``indent`` deep.

    The same text several times faster: with ``indent`` the standard library encodes in
    pure Python, while here the containers are laid out directly and the strings go
    through its C escaper. Anything but str-keyed dicts, lists and plain scalars is left
    to ``json.dumps`` itself.
    """
    if isinstance(value, str):
        return _escape(value)
    if value is None or value is True or value is False:
        return "null" if value is None else "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = indent + "  "
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        fields = [f"{inner}{_escape(k)}: {indented_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(fields) + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [inner + indented_json(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


def terminal_width(default: int = 100) -> int:
    return shutil.get_terminal_size((default, 24)).columns


def terminal_height(default: int = 24) -> int:
    return shutil.get_terminal_size((100, default)).lines


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
    columns = Columns(headers, max_width, flex)
    for row in rows:
        columns.measure(row)
    return list(columns.lines(rows))


class Columns:
    """The layout of :func:`table`, learned one row at a time: ``measure`` every row, then
    ``lines`` prints them (the rows may be read again rather than kept in memory)."""

    def __init__(
        self, headers: Sequence[str], max_width: int | None = None, flex: Sequence[str] = ()
    ) -> None:
        self.headers = [str(h) for h in headers]
        self.max_width = max_width
        self.flex = flex
        self.rows = 0
        self.filled = [False] * len(self.headers)
        self.longest = [0] * len(self.headers)

    def measure(self, row: Sequence[str]) -> None:
        self.rows += 1
        for i, cell in enumerate(_cells(row)):
            if cell:
                self.filled[i] = True
                self.longest[i] = max(self.longest[i], len(cell))

    def lines(self, rows: Iterable[Sequence[str]]) -> Iterator[str]:
        """The header line, then one line per row, cut and padded to the measured widths."""
        width = self.max_width or terminal_width()
        keep = [i for i in range(len(self.headers)) if not self.rows or self.filled[i]]
        names = [self.headers[i] for i in keep]
        widths = [max(len(self.headers[i]), self.longest[i]) for i in keep]
        flexible = [i for i, name in enumerate(names) if name in self.flex] or [len(keep) - 1]
        fixed = sum(w for i, w in enumerate(widths) if i not in flexible)
        room = width - 2 * (len(widths) - 1) - fixed
        cap = _common_cap([widths[i] for i in flexible], room)
        for i in flexible:
            widths[i] = min(widths[i], max(cap, len(names[i])))
        yield _line(names, widths)
        for row in rows:
            cells = _cells(row)
            yield _line([cells[i] for i in keep], widths)


def _cells(row: Sequence[str]) -> list[str]:
    return [printable(str(cell)) for cell in row]


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    parts = [_cut(cell, w).ljust(w) for cell, w in zip(cells, widths, strict=True)]
    return "  ".join(parts).rstrip()


def _common_cap(widths: list[int], room: int) -> int:
    """The largest cap c with sum(min(w, c)) <= room, but at least 10."""
    cap = max(widths)
    while cap > 10 and sum(min(w, cap) for w in widths) > room:
        cap -= 1
    return cap


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def echo_lines(lines: Iterable[str]) -> None:
    for line in lines:
        typer.echo(line)
