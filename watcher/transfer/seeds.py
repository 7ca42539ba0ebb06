"""Loading seed articles: each ``NAME.txt`` kept verbatim with its ``NAME.meta.toml``.

The metadata gives the article's title, publisher, publication date and zone, and the
deadlines a careful reader takes from it (``[[deadlines]]`` with date, kind, what). Loading
stores the article as a source and each deadline with a mention of the sentence that names
it. Loading twice adds nothing: sources are keyed by content hash and deadlines by title
and date.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from watcher.config import Config
from watcher.core.kinds import parse_kind
from watcher.core.planning import Due
from watcher.errors import UsageError
from watcher.store.repository import DeadlineDraft, Store


@dataclass
class SeedReport:
    sources: int = 0
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def default_seed_dir() -> Path:
    """The project's ``seeds/``: beside the package in a checkout, or installed data files."""
    import sys

    candidates = [
        Path(__file__).resolve().parents[2] / "seeds",
        Path(sys.prefix) / "share" / "watcher" / "seeds",
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise UsageError("no seed directory found: pass one, e.g. `watcher seed ./seeds`")


def load_seed_dir(store: Store, directory: Path, config: Config) -> SeedReport:
    """Load every seed article in ``directory`` in one transaction."""
    metas = sorted(directory.glob("*.meta.toml"))
    if not directory.is_dir() or not metas:
        raise UsageError(f"{directory}: no seed files (NAME.txt with NAME.meta.toml) found")
    report = SeedReport()
    with store.write() as session:
        for meta_path in metas:
            article = meta_path.with_name(meta_path.name.removesuffix(".meta.toml") + ".txt")
            meta = _read_meta(meta_path)
            text = article.read_text(encoding="utf-8") if article.is_file() else ""
            source = store.add_source(
                session,
                location=str(article if text else meta_path),
                content_hash=hashlib.sha256((text or meta_path.read_text()).encode()).hexdigest(),
                title=str(meta.get("title", "")),
                publisher=str(meta.get("publisher", "")),
                published=str(meta.get("published", "")),
                text=text,
            )
            report.sources += 1
            zone = str(meta.get("timezone", config.timezone))
            sentences = _sentences_by_date(text, meta, zone)
            for item in meta.get("deadlines", []):
                day = _date(item, meta_path)
                title = str(item["what"]).strip()
                kind = parse_kind(item.get("kind", "deadline"))
                due = Due.for_date(day, zone)
                deadline, created = store.add_unless_known(
                    session,
                    DeadlineDraft(
                        title=title,
                        due=due,
                        leads=list(config.default_leads),
                        channels=config.routing_channels(tags=["seed"]),
                        kind=kind,
                        tags=["seed"],
                    ),
                )
                (report.added if created else report.existing).append(title)
                found = sentences.get(day)
                if found is not None:
                    sentence, span, start = found
                    store.add_mention(
                        session, deadline, source, sentence=sentence, span=span, start=start
                    )
    return report


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: cannot read seed metadata: {error}") from None


def _date(item: dict[str, Any], where: Path) -> date:
    try:
        value = item["date"]
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except (KeyError, ValueError):
        raise UsageError(
            f"{where}: each [[deadlines]] entry needs date = YYYY-MM-DD and what"
        ) from None


def _sentences_by_date(
    text: str, meta: dict[str, Any], zone: str
) -> dict[date, tuple[str, str, int]]:
    """The first sentence naming each future date, found by the extractor (for provenance)."""
    if not text or "published" not in meta:
        return {}
    from watcher.extract import extract

    published = meta["published"]
    reference = published if isinstance(published, date) else date.fromisoformat(str(published))
    found: dict[date, tuple[str, str, int]] = {}
    for mention in extract(text, reference, zone):
        if mention.date and mention.future:
            day = date.fromisoformat(mention.date[:10])
            found.setdefault(day, (mention.sentence, mention.text, mention.start))
    return found
