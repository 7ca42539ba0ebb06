"""Dump every field of every mention the extractor finds, to prove a refactor output-identical.

Usage:  python bench/equivalence.py OUT   (then: cmp OUT-before OUT-after)

Texts: the dev corpus (tests/extract/corpus/*.toml), the seed articles (seeds/*.txt with
their .meta.toml) and the TE3 platinum articles. Each is run through analyse() and
extract() against its publication date, and once more against a date 200 days later
(so that year-less dates, tense and the past/future split take other paths). Every
field of each TemporalMention is written with repr(), one mention per line; a change
of behaviour anywhere shows up as a differing byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from te3 import DEFAULT_DATA, load  # noqa: E402

from watcher.extract import TemporalMention, analyse, extract  # noqa: E402


def texts() -> Iterator[tuple[str, str, dt.date, str]]:
    """(name, text, published, zone) for every text the dump covers."""
    for p in sorted((ROOT / "tests" / "extract" / "corpus").glob("*.toml")):
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(doc["published"])
        yield p.name, doc["text"], published, doc.get("timezone", "UTC")
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        meta = tomllib.loads(p.with_suffix(".meta.toml").read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(str(meta["published"]))
        yield p.name, p.read_text(encoding="utf-8"), published, meta.get("timezone", "UTC")
    for p in sorted(DEFAULT_DATA.glob("*.tml")):
        doc = load(p)
        yield p.name, doc.text, doc.dct, "UTC"


def line(m: TemporalMention) -> str:
    return "\t".join(repr(getattr(m, f.name)) for f in dataclasses.fields(m))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    out: list[str] = []
    for name, text, published, zone in texts():
        for ref in (published, published + dt.timedelta(days=200)):
            out.append(f"## {name} {ref.isoformat()} {zone} analyse")
            out.extend(line(m) for m in analyse(text, ref, zone))
            out.append(f"## {name} {ref.isoformat()} {zone} extract")
            out.extend(line(m) for m in extract(text, ref, zone))
    Path(sys.argv[1]).write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{sys.argv[1]}: {len(out)} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
