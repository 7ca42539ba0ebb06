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


# Articles 88-117 are the blind batches of issue 9 (A, B, C: see corpus/README.md). They
# stay in the corpus with the errors no general rule covers, so they have their own bar
# (no ground lost from their scores after the issue-9 rules: 0.881 / 0.865 / 0.874);
# the articles before them keep the dev bars.
_HELD_OUT_FIRST = 88


def _number(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def _run(tmp_path_factory: pytest.TempPathFactory, held_out: bool, name: str) -> object:
    folder = tmp_path_factory.mktemp(name)
    for path in sorted(CORPUS.glob("*.toml")):
        if (_number(path) >= _HELD_OUT_FIRST) is held_out:
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return _scorer().run(folder)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _run(tmp_path_factory, False, "dev")


@pytest.fixture(scope="module")
def held_out(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _run(tmp_path_factory, True, "held_out")


def test_future_deadlines_recall_and_precision(result: object) -> None:
    assert result.recall >= 0.9, result.errors  # type: ignore[attr-defined]
    assert result.precision >= 0.9, result.errors  # type: ignore[attr-defined]


def test_resolved_dates_right(result: object) -> None:
    assert result.date_accuracy >= 0.95, result.errors  # type: ignore[attr-defined]


def test_held_out_batches_lose_no_ground(held_out: object) -> None:
    assert held_out.docs == 30  # type: ignore[attr-defined]
    assert held_out.recall >= 0.87, held_out.errors  # type: ignore[attr-defined]
    assert held_out.precision >= 0.85, held_out.errors  # type: ignore[attr-defined]
    assert held_out.date_accuracy >= 0.86, held_out.errors  # type: ignore[attr-defined]
