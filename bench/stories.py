"""Score story tracking on annotated evolving stories (tests/story/stories/*.toml).

Usage:  python bench/stories.py [--dir DIR]... [--errors] [--scale N]

Each story is replayed into a fresh SQLite store, article by article in publication order,
as `watcher extract FILE --published DATE --add --yes` would (the store's clock at noon of
the publication day in the story's zone); proposals left for review are not applied.
After every article, each event the story has mentioned so far is checked:

- its records are the deadlines with a mention whose sentence contains one of the
  event's quotes so far (the sentence that carried its date or status);
- an *active* event is right when exactly one of its records is active, with the
  expected date, and no record of it belongs to another event too;
- a *cancelled* or *done* event is right when one of its records has that status and
  none is still active;
- an event is *duplicated* when, after some article, two of its records are active.

Printed: event state right after every article (over all event x article checks), final
state right (after each story's last article), events ever duplicated, and, with
``--scale N``, the time to add one article to a store already holding N deadlines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import col, select

from watcher.core.leads import parse_lead
from watcher.core.planning import wall_time
from watcher.extract import DEFAULT_MIN_CONFIDENCE, extract
from watcher.store.database import open_engine
from watcher.store.models import Deadline, Mention, Source
from watcher.store.repository import Store, due_of
from watcher.store.story import ArticleFacts, NewRecord, StoryStore

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "tests" / "story" / "stories"
LEADS = [parse_lead(x) for x in ("7d", "1d", "1h")]


@dataclass
class Score:
    checks: int = 0
    right: int = 0
    finals: int = 0
    finals_right: int = 0
    events: int = 0
    duplicated: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.checks += other.checks
        self.right += other.right
        self.finals += other.finals
        self.finals_right += other.finals_right
        self.events += other.events
        self.duplicated += other.duplicated
        self.errors.extend(other.errors)


def load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _mentions(store: Store) -> list[tuple[Deadline, list[tuple[str, int, str]]]]:
    """Every record with its mentions as (article location, offset, sentence)."""
    with store.session() as session:
        rows = session.exec(select(Deadline).order_by(col(Deadline.id))).all()
        out = []
        for d in rows:
            found = session.exec(
                select(Source.location, Mention.start, Mention.sentence)
                .join(Source, col(Source.id) == col(Mention.source_id))
                .where(Mention.deadline_id == d.id)
            ).all()
            out.append((d, [(loc, start, " ".join(text.split())) for loc, start, text in found]))
        return out


def _owners(
    records: list[tuple[Deadline, list[tuple[str, int, str]]]],
    quotes: dict[str, list[tuple[str, int, str]]],
) -> dict[int, set[str]]:
    """Which events each record stands for: each of its mentions belongs to the event whose
    quote, in the same article and sentence, is nearest to it."""
    owners: dict[int, set[str]] = {}
    for d, mentions in records:
        for location, start, sentence in mentions:
            near = [
                (_distance(start, at, len(quote)), event)
                for event, located in quotes.items()
                for loc, at, quote in located
                if loc == location and quote in sentence
            ]
            if near:
                assert d.id is not None
                owners.setdefault(d.id, set()).add(min(near)[1])
    return owners


def _distance(start: int, at: int, length: int) -> int:
    """How far a mention's offset is from a quote: 0 inside it, else to its nearer end (so
    "in Grand Junction on Jan. 27 and in Rifle on Jan. 29" gives each date its own quote)."""
    if at <= start < at + length:
        return 0
    return min(abs(start - at), abs(start - (at + length)))


def replay(story: dict[str, Any], name: str, store: Store, clock: list[dt.datetime]) -> Score:
    """Replay one story into ``store`` and score it after every article."""
    zone = story.get("timezone", "UTC")
    story_store = StoryStore(store)
    defaults = NewRecord(timezone=zone, leads=LEADS, channels=["console"])
    quotes: dict[str, list[str]] = {}
    expected: dict[str, dict[str, Any]] = {}
    score = Score(events=len(story.get("events", [])))
    duplicated: set[str] = set()
    articles = story.get("articles", [])
    for number, article in enumerate(articles, 1):
        published = dt.date.fromisoformat(str(article["published"]))
        clock[0] = wall_time(dt.datetime.combine(published, dt.time(12)), zone)
        headline = article.get("headline", "")
        text = article["text"].strip()
        mentions = extract(f"{headline}\n\n{text}" if headline else text, published, zone)
        body = f"{headline}\n\n{text}" if headline else text
        story_store.track(
            ArticleFacts(
                location=f"{name}#{number}",
                text=body,
                published=published,
                content_hash=hashlib.sha256(f"{name}{number}{body}".encode()).hexdigest(),
                title=headline,
            ),
            mentions,
            defaults,
            min_confidence=DEFAULT_MIN_CONFIDENCE,
        )
        for item in article.get("expect", []):
            quote = " ".join(item["quote"].split())
            at = " ".join(body.split()).find(quote)
            where = _offset_in(body, at)
            quotes.setdefault(item["event"], []).append((f"{name}#{number}", where, quote))
            expected[item["event"]] = item
        records = _mentions(store)
        owners = _owners(records, quotes)
        last = number == len(articles)
        for event, want in expected.items():
            mine = [d for d, _ in records if event in owners.get(d.id or 0, set())]
            active = [d for d in mine if d.status == "active"]
            if len(active) > 1:
                duplicated.add(event)
            ok = _right(want, mine, active, owners)
            score.checks += 1
            score.right += ok
            if last:
                score.finals += 1
                score.finals_right += ok
            if not ok:
                got = (
                    ", ".join(
                        f"#{d.id} {due_of(d).local_date} {d.status} {d.title!r}"
                        + (" (shared)" if len(owners.get(d.id or 0, set())) > 1 else "")
                        for d in mine
                    )
                    or "no record"
                )
                want_text = f"{want['status']} {want.get('date', '')}".strip()
                score.errors.append(
                    f"{name} after article {number}: {event}: want {want_text}; got {got}"
                )
    score.duplicated = len(duplicated)
    return score


def _offset_in(text: str, squeezed_at: int) -> int:
    """The offset in ``text`` of a position in its whitespace-squeezed form."""
    if squeezed_at < 0:
        return -1
    count = 0
    previous_space = False
    for index, char in enumerate(text.strip()):
        if char.isspace():
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        if count == squeezed_at:
            return index + (len(text) - len(text.lstrip()))
        count += 1
    return len(text)


def _right(
    want: dict[str, Any], mine: list[Deadline], active: list[Deadline], owners: dict[int, set[str]]
) -> bool:
    if any(len(owners.get(d.id or 0, set())) > 1 for d in mine):
        return False  # one record for two events: a wrong merge
    status = want["status"]
    if status == "active":
        return len(active) == 1 and str(due_of(active[0]).local_date) == str(want["date"])
    return not active and any(d.status == status for d in mine)


def stories(dirs: list[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    for directory in dirs:
        for path in sorted(directory.glob("*.toml")):
            yield path.stem, load(path)


def fresh_store(tmp: Path, name: str, clock: list[dt.datetime]) -> Store:
    engine = open_engine(f"sqlite:///{tmp / (name + '.db')}")
    return Store(engine, clock=lambda: clock[0])


def score_dirs(dirs: list[Path]) -> tuple[Score, dict[str, Score]]:
    total = Score()
    per: dict[str, Score] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, story in stories(dirs):
            clock = [dt.datetime.now(dt.UTC)]
            store = fresh_store(Path(tmp), name, clock)
            try:
                result = replay(story, name, store, clock)
            finally:
                store.close()
            per[name] = result
            total.add(result)
    return total, per


def scale(n: int) -> tuple[float, float]:
    """Seconds to add one article to a store already holding ``n`` deadlines: the first
    article of a process, and the median of the next five."""
    from sqlalchemy import insert

    from watcher.store.models import DeadlineTerm

    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()  # noqa: SIM905
    with tempfile.TemporaryDirectory() as tmp:
        clock = [dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)]
        store = fresh_store(Path(tmp), "scale", clock)
        story_store = StoryStore(store)
        now = clock[0]
        rows = [
            {
                "id": i + 1,
                "title": f"{words[i % 12]} {words[(i // 12) % 12]} project {i} review",
                "due_at": dt.datetime(2026, 2, 1, tzinfo=dt.UTC) + dt.timedelta(days=i % 300),
                "timezone": "UTC",
                "all_day": True,
                "kind": "deadline",
                "tags": [],
                "status": "active",
                "notes": "",
                "leads": ["1d"],
                "channels": ["console"],
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for i in range(n)
        ]
        index = [
            {"deadline_id": i + 1, "term": t}
            for i in range(n)
            for t in {words[i % 12][:6], words[(i // 12) % 12][:6], "projec", "review", f"p{i}"}
        ]
        with store.write() as session:  # bulk: the stored records, not the time to add them
            session.execute(insert(Deadline), rows)
            session.execute(insert(DeadlineTerm), index)
        published = dt.date(2026, 1, 5)
        times = []
        for k in range(6):  # the first pays SQLAlchemy's statement compilation
            a, b = words[k % 12], words[(k + 3) % 12]
            text = (
                f"The {a} {b} project review, which had been due on Feb. {10 + k}, was pushed "
                f"back to March {3 + k}, officials said. The {b} {a} vote will be held on "
                f"Feb. {12 + k}."
            )
            mentions = extract(text, published, "UTC")
            started = time.perf_counter()
            story_store.track(
                ArticleFacts(
                    f"scale{k}", text, published, hashlib.sha256(text.encode()).hexdigest()
                ),
                mentions,
                NewRecord("UTC", LEADS, ["console"]),
                min_confidence=DEFAULT_MIN_CONFIDENCE,
            )
            times.append(time.perf_counter() - started)
        store.close()
        return times[0], sorted(times[1:])[len(times[1:]) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, action="append", help="story folder (repeatable)")
    parser.add_argument("--errors", action="store_true", help="list every wrong check")
    parser.add_argument("--scale", type=int, default=0, help="time one article against N stored")
    args = parser.parse_args()
    dirs = args.dir or [DEFAULT_DIR]
    total, per = score_dirs(dirs)
    print(f"stories: {len(per)}  events: {total.events}  checks: {total.checks}")
    print(f"event state right after every article: {total.right / max(total.checks, 1):.3f}")
    print(f"final state right: {total.finals_right / max(total.finals, 1):.3f}")
    print(f"events ever duplicated: {total.duplicated} of {total.events}")
    if args.errors:
        for line in total.errors:
            print("  " + line)
    if args.scale:
        first, warm = scale(args.scale)
        print(
            f"one article into a store of {args.scale} deadlines: first {first * 1000:.0f} ms, "
            f"then median {warm * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
