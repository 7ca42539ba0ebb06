"""Score watcher.extract and dateparser.search_dates on TempEval-3 platinum, DATE and TIME.

Usage:  python bench/te3.py [--data DIR] [--no-dateparser] [--errors]

For each .tml file: the document creation time (DCT) is the reference date; the
gold expressions are the TIMEX3 of type DATE or TIME inside <TEXT>.

- Relaxed span: a prediction matches a gold expression when their character
  spans overlap (one-to-one, in text order). Precision, recall, F1 as usual.
- Value accuracy: among matched pairs, the share whose normalised value equals
  the TIMEX3 value exactly ("2013-03-22", "2013-W12", "PRESENT_REF", ...).
  Value F1 is also printed (TE3's attribute F1: correct values over predicted
  and over gold).
- Predictions that overlap only a gold DURATION or SET expression are left out
  of both counts (those types are not evaluated here); every other prediction
  counts. For watcher, mentions it types as DURATION ("within 90 days") are not
  predictions of DATE/TIME and are left out too. The "strict" line counts every
  prediction instead.
- dateparser returns (substring, datetime) pairs; substrings are located in the
  text in order, and the datetime is normalised to a TimeML value at the
  granularity the substring shows (a bare year -> "2013", month and year ->
  "2013-03", else the day), which is the most it can express.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from watcher.extract import analyse

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "te3-platinum"
if not DEFAULT_DATA.exists():
    DEFAULT_DATA = Path("/work/shared/benchmarks/te3-platinum")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass
class Doc:
    name: str
    dct: dt.date
    text: str
    gold: list[Span]


def load(path: Path) -> Doc:
    """The TEXT of a .tml file as plain text, with the TIMEX3 spans in it."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    assert dct_el is not None, path
    dct = dt.date.fromisoformat(dct_el.attrib["value"][:10])
    text_el = root.find("TEXT")
    assert text_el is not None, path
    parts: list[str] = []
    gold: list[Span] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            gold.append(
                Span(
                    start,
                    pos,
                    "".join(parts)[start:pos],
                    el.attrib.get("value", ""),
                    el.attrib.get("type", ""),
                )
            )

    walk(text_el)
    return Doc(path.stem, dct, "".join(parts), gold)


def ours(doc: Doc) -> list[Span]:
    out = []
    for m in analyse(doc.text, doc.dct):
        out.append(Span(m.start, m.end, m.text, m.value, m.timex_type))
    return out


_MONTH_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.IGNORECASE
)


def dateparser_spans(doc: Doc) -> list[Span]:
    from dateparser.search import search_dates

    base = dt.datetime.combine(doc.dct, dt.time(12, 0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out = []
    pos = 0
    for sub, when in found:
        i = doc.text.find(sub, pos)
        if i < 0:
            i = doc.text.find(sub)
            if i < 0:
                continue
        else:
            pos = i + len(sub)
        out.append(Span(i, i + len(sub), sub, _dp_value(sub, when), "DATE"))
    return out


def _dp_value(sub: str, when: dt.datetime) -> str:
    """dateparser's datetime at the granularity its substring shows (generous to it)."""
    s = sub.strip().lower()
    if re.fullmatch(r"(?:right )?now|currently", s):
        return "PRESENT_REF"
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b|day\b|tomorrow|yesterday|tonight", s)
    if has_day:
        return when.date().isoformat()
    if "week" in s:
        iso = when.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if _MONTH_WORD.search(s) or "month" in s:
        return f"{when.year:04d}-{when.month:02d}"
    if re.search(r"\d{4}|year", s):
        return f"{when.year:04d}"
    return when.date().isoformat()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_ok: int = 0
    strict_fp: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.value_ok += other.value_ok
        self.strict_fp += other.strict_fp

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_ok / self.tp if self.tp else 0.0
        vp = self.value_ok / (self.tp + self.fp) if self.tp + self.fp else 0.0
        vr = self.value_ok / (self.tp + self.fn) if self.tp + self.fn else 0.0
        vf = 2 * vp * vr / (vp + vr) if vp + vr else 0.0
        sp = self.tp / (self.tp + self.strict_fp) if self.tp + self.strict_fp else 0.0
        sf = 2 * sp * r / (sp + r) if sp + r else 0.0
        return (
            f"P {p:.3f}  R {r:.3f}  relaxed-F1 {f:.3f}  value-acc {acc:.3f}  value-F1 {vf:.3f}"
            f"   (tp {self.tp} fp {self.fp} fn {self.fn}; strict-count F1 {sf:.3f})"
        )

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(doc: Doc, preds: list[Span], errors: list[str] | None = None) -> Score:
    gold = [g for g in doc.gold if g.type in {"DATE", "TIME"}]
    other = [g for g in doc.gold if g.type not in {"DATE", "TIME"}]
    preds = [p for p in preds if p.type in {"DATE", "TIME"}]
    s = Score()
    used: set[int] = set()
    for p in preds:
        match = next((i for i, g in enumerate(gold) if i not in used and _overlap(p, g)), None)
        if match is None:
            s.strict_fp += 1
            if any(_overlap(p, o) for o in other):
                continue
            s.fp += 1
            if errors is not None:
                errors.append(f"{doc.name}: FP {p.text!r} -> {p.value}")
            continue
        used.add(match)
        s.tp += 1
        g = gold[match]
        if p.value == g.value:
            s.value_ok += 1
        elif errors is not None:
            errors.append(f"{doc.name}: VALUE {p.text!r} -> {p.value}, gold {g.text!r} = {g.value}")
    s.fn = len(gold) - len(used)
    if errors is not None:
        for i, g in enumerate(gold):
            if i not in used:
                errors.append(f"{doc.name}: FN {g.text!r} = {g.value}")
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list watcher's misses and mistakes")
    args = ap.parse_args()
    docs = [load(p) for p in sorted(args.data.glob("*.tml"))]
    if not docs:
        print(f"no .tml files in {args.data}", file=sys.stderr)
        return 2
    n_gold = sum(1 for d in docs for g in d.gold if g.type in {"DATE", "TIME"})
    print(f"TE3 platinum: {len(docs)} documents, {n_gold} gold DATE/TIME expressions")
    systems = [("watcher", ours)]
    if not args.no_dateparser:
        systems.append(("dateparser", dateparser_spans))
    for name, fn in systems:
        total = Score()
        errors: list[str] = []
        t0 = time.perf_counter()
        for d in docs:
            total.add(score(d, fn(d), errors if args.errors else None))
        elapsed = time.perf_counter() - t0
        print(f"{name:11} {total.line()}  [{elapsed:.2f}s]")
        for e in errors:
            print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
