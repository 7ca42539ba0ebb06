"""Score watcher.extract on the annotated dev corpus (tests/extract/corpus/*.toml).

Usage:  python bench/corpus.py [--dir DIR] [--min-confidence X] [--errors]

- Future deadlines: the extractor's predictions are its mentions with
  `future` true and confidence >= the threshold (the CLI's default, 0.5),
  one per date and document (a date mentioned twice is one alert). Gold items
  are the `deadline = true` entries, also one per date and document.
  Recall = matched gold / gold; precision = matched predictions / predictions;
  a match is the same calendar date. Kind agreement is reported over matches.
- Resolved dates: every `[[expect]]` entry is looked up by its exact span
  (`nth` occurrence); it is right when the mention exists and its date equals
  the expected one (the full date-time when a time is expected, else the day).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from watcher.extract import DEFAULT_MIN_CONFIDENCE, TemporalMention, extract

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "extract" / "corpus"


@dataclass
class Result:
    docs: int = 0
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_pred: int = 0
    kind_ok: int = 0
    dates: int = 0
    dates_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.predicted if self.predicted else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_ok / self.dates if self.dates else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.matched_gold if self.matched_gold else 1.0


def _find(mentions: list[TemporalMention], text: str, nth: int) -> TemporalMention | None:
    same = [m for m in mentions if m.text == text]
    return same[nth - 1] if len(same) >= nth else None


def score_doc(name: str, doc: dict[str, Any], threshold: float, res: Result) -> None:
    published = dt.date.fromisoformat(doc["published"])
    mentions = extract(doc["text"], published, doc.get("timezone", "UTC"))
    expects: list[dict[str, Any]] = doc.get("expect", [])
    res.docs += 1

    # resolved dates
    for e in expects:
        res.dates += 1
        m = _find(mentions, e["text"], e.get("nth", 1))
        want = e["date"]
        got = None if m is None or m.date is None else (m.date if "T" in want else m.date[:10])
        if got == want:
            res.dates_ok += 1
        else:
            res.errors.append(f"{name}: DATE {e['text']!r}: got {got}, want {want}")

    # future deadlines, one per date
    gold: dict[str, str] = {}
    for e in expects:
        if e.get("deadline"):
            gold.setdefault(e["date"][:10], e.get("kind", "other"))
    preds: dict[str, TemporalMention] = {}
    for m in mentions:
        if m.future and m.confidence >= threshold and m.date is not None:
            day = m.date[:10]
            if day not in preds or m.confidence > preds[day].confidence:
                preds[day] = m
    res.gold += len(gold)
    res.predicted += len(preds)
    for day, kind in gold.items():
        if day in preds:
            res.matched_gold += 1
            res.matched_pred += 1
            if preds[day].kind == kind:
                res.kind_ok += 1
            else:
                res.errors.append(f"{name}: KIND {day}: got {preds[day].kind}, want {kind}")
        else:
            near = [m for m in mentions if m.date and m.date[:10] == day]
            why = (
                f"found {near[0].text!r} conf {near[0].confidence:.2f} future {near[0].future}"
                if near
                else "not found"
            )
            res.errors.append(f"{name}: MISSED deadline {day} ({kind}): {why}")
    for day, m in preds.items():
        if day not in gold:
            res.errors.append(
                f"{name}: EXTRA {day} {m.text!r} {m.kind} conf {m.confidence:.2f}: "
                f"{m.sentence[:80]}"
            )


def run(directory: Path = DEFAULT_DIR, threshold: float = DEFAULT_MIN_CONFIDENCE) -> Result:
    res = Result()
    for path in sorted(directory.glob("*.toml")):
        score_doc(path.stem, tomllib.loads(path.read_text(encoding="utf-8")), threshold, res)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    res = run(args.dir, args.min_confidence)
    print(f"dev corpus: {res.docs} documents, {res.gold} future deadlines, {res.dates} dated spans")
    print(
        f"future deadlines: recall {res.recall:.3f} ({res.matched_gold}/{res.gold})  "
        f"precision {res.precision:.3f} ({res.matched_pred}/{res.predicted})  "
        f"kind agreement {res.kind_accuracy:.3f}"
    )
    print(f"resolved dates right: {res.date_accuracy:.3f} ({res.dates_ok}/{res.dates})")
    if args.errors:
        for e in res.errors:
            print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
