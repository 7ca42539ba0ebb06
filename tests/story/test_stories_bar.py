"""The dev stories (tests/story/stories) and the blind batches (tests/story/blind) replayed
by bench/stories.py's scorer: the bars are today's figures, so a change that loses ground
on either fails here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("story_bench", ROOT / "bench" / "stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["story_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_the_dev_stories_stay_above_their_bars() -> None:
    bench = scorer()
    total, per = bench.score_dirs([ROOT / "tests" / "story" / "stories"])
    assert len(per) >= 25
    assert total.right / total.checks >= 0.92, "\n".join(total.errors)
    assert total.finals_right / total.finals >= 0.90, "\n".join(total.errors)
    assert total.duplicated <= 3


def test_the_blind_batches_do_not_lose_ground() -> None:
    bench = scorer()
    total, per = bench.score_dirs([ROOT / "tests" / "story" / "blind"])
    assert len(per) == 82
    assert total.right / total.checks >= 0.81, "\n".join(total.errors)
    assert total.finals_right / total.finals >= 0.73, "\n".join(total.errors)
    assert total.duplicated <= 18
