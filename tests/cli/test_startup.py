"""`watcher --help` and usage errors start without the database layer.

Behaviour, not timing (bench/cli_startup.py prints the times): the help and usage-error
paths must not import SQLAlchemy, SQLModel or Pydantic, each of which costs more than the
whole of `watcher --help`. And the fast conversion of plain values that lets usage errors
skip Pydantic must give exactly what Typer's own conversion gives.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer._click import Context
from typer._coercion import build_runtime_param
from typer.core import _TyperParameter

from watcher.cli.app import app
from watcher.cli.coercion import _UNSURE, plain_value

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "apprise", "apscheduler")

PROBE = """
import json, sys
from watcher.cli.app import app
try:
    app({args!r})
except SystemExit as exit_:
    code = exit_.code
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def probe(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return dict(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["list", "--help"], 0),
        (["alerts", "--help"], 0),
        (["db", "--help"], 0),
        (["list", "--bogus"], 2),
        (["list", "--after"], 2),
        (["add"], 2),
        (["no-such-command"], 2),
        (["list", "--all", "--past"], 2),
        (["add", "Title", "not a date at all"], 2),
    ],
)
def test_help_and_usage_errors_do_not_import_the_database_layer(args: list[str], code: int) -> None:
    result = probe(args)
    assert result == {"code": code, "heavy": []}


def test_a_value_typer_rejects_keeps_typer_s_message_without_the_database_layer() -> None:
    """Typer's own conversion words the error (it imports Pydantic); still no SQLAlchemy."""
    result = probe(["--db", "sqlite:///x.db", "timeline", "--width", "x"])
    assert result == {"code": 2, "heavy": ["pydantic"]}


def parameters() -> Iterator[_TyperParameter]:
    def walk(command: Any) -> Iterator[_TyperParameter]:
        yield from (p for p in command.params if isinstance(p, _TyperParameter))
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    yield from walk(typer.main.get_command(app))


VALUES: list[Any] = [
    "",
    "abc",
    "0",
    "1",
    "007",
    "50",
    "-1",
    "+3",
    " 5",
    "1_000",
    "1e3",
    "99999999999999999999",
    "100000",
    "100001",
    0,
    1,
    -5,
    True,
    None,
    (),
    ("a", "b"),
    ["x"],
    (1, 2),
]


def test_plain_values_convert_as_typer_converts_them() -> None:
    command = typer.main.get_command(app)
    checked = 0
    for param in parameters():
        descriptor = param.type_descriptor
        for value in VALUES:
            fast = plain_value(descriptor.annotation, descriptor.parameter_info, value)
            if fast is _UNSURE:
                continue
            typer_own = build_runtime_param(descriptor)
            assert typer_own._coerce_value(value, param=param, ctx=Context(command)) == fast, (
                param.name,
                value,
            )
            assert type(fast) is type(typer_own._coerce_value(value, param, Context(command)))
            checked += 1
    assert checked > 100  # str, list[str] and int parameters all took the fast path
