"""Plain command-line values without Pydantic, so a usage error starts as fast as `--help`.

Typer (0.29) converts every parameter value through a Pydantic TypeAdapter, built the first
time the parameter is processed; importing Pydantic costs about 100 ms, paid even by
`watcher list --bogus` (the global `--db` option is processed before the bad option is
found). Text, lists of text and whole numbers within their bounds are converted here, to
the value Typer's own conversion gives; every other value (other types, and anything Typer
might reject, so its error messages stay word for word) goes to Typer's conversion.
`tests/cli/test_startup.py` checks the two agree on every parameter of the app.

If a Typer release changes these internals, :func:`install` does nothing: every value then
takes Typer's own path, which is slower to start but just as correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args, get_origin

if TYPE_CHECKING:
    from typer._click import Context
    from typer._coercion import TypeDescriptor
    from typer.core import _TyperParameter
    from typer.models import ParameterInfo

_DIGITS = re.compile(r"[0-9]{1,18}")
_UNSURE = object()


def plain_value(annotation: Any, info: ParameterInfo, value: Any) -> Any:
    """``value`` converted as Typer would, or ``_UNSURE`` when Typer must decide."""
    if info.parser is not None:
        return _UNSURE
    if annotation is str and isinstance(value, str):
        return value
    if (
        get_origin(annotation) is list
        and get_args(annotation) == (str,)
        and isinstance(value, list | tuple)
        and all(isinstance(item, str) for item in value)
    ):
        return list(value)
    if annotation is int and not info.clamp:
        number: int | None = None
        if type(value) is int:
            number = value
        elif isinstance(value, str) and _DIGITS.fullmatch(value):
            number = int(value)
        if (
            number is not None
            and (info.min is None or number >= info.min)
            and (info.max is None or number <= info.max)
        ):
            return number
    return _UNSURE


def install() -> None:
    """Make Typer try :func:`plain_value` before building a Pydantic adapter."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - another Typer: keep its own conversion
        return
    if not hasattr(_TyperParameter, "get_runtime_param"):  # pragma: no cover
        return

    @dataclass(frozen=True)
    class PlainFirst(RuntimeParam):
        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            plain = plain_value(self.annotation, self.parameter_info, value)
            if plain is not _UNSURE:
                return plain
            typer_own = build_runtime_param(self.descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)

    original = _TyperParameter.get_runtime_param

    def get_runtime_param(self: _TyperParameter) -> RuntimeParam:
        descriptor = self.type_descriptor
        if self._runtime_param is None and descriptor.file_annotation is None:
            self._runtime_param = PlainFirst(
                annotation=descriptor.annotation,
                parameter_info=descriptor.parameter_info,
                descriptor=descriptor,
            )
        return original(self)

    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
