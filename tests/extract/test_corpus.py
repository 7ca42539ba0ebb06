"""The dev corpus bars: future deadlines found and not invented, dates resolved right."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_files_are_well_formed() -> None:
    paths = sorted(CORPUS.glob("*.toml"))
    assert len(paths) >= 20
    for path in paths:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        assert {"published", "timezone", "text", "expect"} <= doc.keys(), path.name
        for e in doc["expect"]:
            assert e["text"] in doc["text"], (path.name, e["text"])
            if e.get("deadline"):
                assert e["kind"] in {
                    "deadline",
                    "expiry",
                    "effective",
                    "meeting",
                    "event",
                    "vote",
                    "filing",
                    "other",
                }


@pytest.fixture(scope="module")
def result() -> object:
    return _scorer().run(CORPUS)


def test_future_deadlines_recall_and_precision(result: object) -> None:
    assert result.recall >= 0.9, result.errors  # type: ignore[attr-defined]
    assert result.precision >= 0.9, result.errors  # type: ignore[attr-defined]


def test_resolved_dates_right(result: object) -> None:
    assert result.date_accuracy >= 0.95, result.errors  # type: ignore[attr-defined]
