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
# (no ground lost from their scores after the issue-9 rules, 0.881 / 0.865 / 0.874, and
# after the batch-D rules, 0.911 / 0.869 / 0.894);
# batch D (118-127) has its own, set at its figures after the rules found on it; the
# articles before them keep the dev bars.
_HELD_OUT = range(88, 118)
_BATCH_D = range(118, 128)
# recall, precision, dates on batch D after the rules found on it (0.815 / 0.930 / 0.773
# as written, before them)
_BATCH_D_BARS = (0.93, 0.95, 0.94)
_BATCH_E = range(128, 138)
# batch E after the rules found on it (0.804 / 0.882 / 0.718 as written, before them)
_BATCH_E_BARS = (0.92, 0.91, 0.85)


def _number(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def _run(tmp_path_factory: pytest.TempPathFactory, numbers: range, name: str) -> object:
    folder = tmp_path_factory.mktemp(name)
    for path in sorted(CORPUS.glob("*.toml")):
        if _number(path) in numbers:
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return _scorer().run(folder)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _run(tmp_path_factory, range(1, _HELD_OUT.start), "dev")


@pytest.fixture(scope="module")
def held_out(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _run(tmp_path_factory, _HELD_OUT, "held_out")


@pytest.fixture(scope="module")
def batch_d(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _run(tmp_path_factory, _BATCH_D, "batch_d")


@pytest.fixture(scope="module")
def batch_e(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _run(tmp_path_factory, _BATCH_E, "batch_e")


def test_future_deadlines_recall_and_precision(result: object) -> None:
    assert result.recall >= 0.9, result.errors  # type: ignore[attr-defined]
    assert result.precision >= 0.9, result.errors  # type: ignore[attr-defined]


def test_resolved_dates_right(result: object) -> None:
    assert result.date_accuracy >= 0.95, result.errors  # type: ignore[attr-defined]


def test_held_out_batches_lose_no_ground(held_out: object) -> None:
    assert held_out.docs == 30  # type: ignore[attr-defined]
    assert held_out.recall >= 0.91, held_out.errors  # type: ignore[attr-defined]
    assert held_out.precision >= 0.865, held_out.errors  # type: ignore[attr-defined]
    assert held_out.date_accuracy >= 0.89, held_out.errors  # type: ignore[attr-defined]


def test_batch_d_loses_no_ground(batch_d: object) -> None:
    assert batch_d.docs == 10  # type: ignore[attr-defined]
    assert batch_d.recall >= _BATCH_D_BARS[0], batch_d.errors  # type: ignore[attr-defined]
    assert batch_d.precision >= _BATCH_D_BARS[1], batch_d.errors  # type: ignore[attr-defined]
    assert batch_d.date_accuracy >= _BATCH_D_BARS[2], batch_d.errors  # type: ignore[attr-defined]


def test_batch_e_loses_no_ground(batch_e: object) -> None:
    assert batch_e.docs == 10  # type: ignore[attr-defined]
    assert batch_e.recall >= _BATCH_E_BARS[0], batch_e.errors  # type: ignore[attr-defined]
    assert batch_e.precision >= _BATCH_E_BARS[1], batch_e.errors  # type: ignore[attr-defined]
    assert batch_e.date_accuracy >= _BATCH_E_BARS[2], batch_e.errors  # type: ignore[attr-defined]
