"""Throughput of watcher.extract vs dateparser.search_dates on the same news texts.

Usage:  python bench/speed.py [--repeat N] [--no-dateparser]

Exit status 1 when watcher is less than BAR (20) times faster than dateparser.

Texts: the 20 TE3 platinum articles (plain text of <TEXT>), the seed article and
the dev corpus articles. Both systems get every text once per round, each with its
own publication date; the best of N rounds is kept for each, timed in CPU seconds of
this process (time.process_time: both run single-threaded, and the machine is shared,
so wall time would measure the neighbours too).
Then watcher alone runs on the whole set concatenated 1x, 4x and 16x into one
input, to show that time grows linearly with input size (MB/s should stay flat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import tomllib
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from te3 import DEFAULT_DATA, load  # noqa: E402

from watcher.extract import extract  # noqa: E402

BAR = 20.0  # issue 4: at least 20 times faster than dateparser.search_dates


def texts() -> list[tuple[str, dt.date]]:
    out = [(d.text, d.dct) for d in (load(p) for p in sorted(DEFAULT_DATA.glob("*.tml")))]
    seed = ROOT / "seeds" / "000_26d458d383b1f024.txt"
    if seed.exists():
        out.append((seed.read_text(encoding="utf-8"), dt.date(2025, 10, 24)))
    for p in sorted((ROOT / "tests" / "extract" / "corpus").glob("*.toml")):
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
        out.append((doc["text"], dt.date.fromisoformat(doc["published"])))
    return out


def _best(fn: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()  # type: ignore[operator]
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-dateparser", action="store_true")
    args = ap.parse_args()
    docs = texts()
    size_mb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
    print(f"{len(docs)} texts, {size_mb * 1000:.1f} kB in all")

    def run_ours() -> None:
        for t, d in docs:
            extract(t, d)

    run_ours()  # warm up (the caches of re and of the cue lookups), as for dateparser
    ours = _best(run_ours, args.repeat)
    ratio: float | None = None
    print(f"watcher.extract        {ours:8.3f} s   {size_mb / ours:8.2f} MB/s")
    if not args.no_dateparser:
        from dateparser.search import search_dates

        def run_dp() -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for t, d in docs:
                    search_dates(
                        t,
                        languages=["en"],
                        settings={"RELATIVE_BASE": dt.datetime.combine(d, dt.time(12))},
                    )

        run_dp()  # warm up its caches once, so the comparison is of steady state
        dp = _best(run_dp, max(1, args.repeat - 1))
        print(f"dateparser.search_dates{dp:8.3f} s   {size_mb / dp:8.2f} MB/s")
        ratio = dp / ours
        print(f"speed ratio: watcher is {ratio:.1f}x faster")
        verdict = "PASS" if ratio >= BAR else "FAIL"
        print(
            f"{verdict}: {ratio:.1f}x against the bar of {BAR:.0f}x (best of {args.repeat} rounds)"
        )

    print("linear scaling (one input, the whole set repeated):")
    joined = "\n\n".join(t for t, _ in docs)
    base_rate = None
    for k in (1, 4, 16):
        big = "\n\n".join([joined] * k)
        mb = len(big.encode("utf-8")) / 1e6
        secs = _best(lambda big=big: extract(big, dt.date(2025, 10, 24)), args.repeat)
        rate = mb / secs
        base_rate = base_rate or rate
        print(
            f"  {k:2d}x  {mb:7.2f} MB  {secs:7.3f} s  {rate:6.2f} MB/s"
            f"  ({rate / base_rate:.2f} of 1x)"
        )
    return 0 if ratio is None or ratio >= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
