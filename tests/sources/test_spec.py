"""``[sources.NAME]`` and ``[watch]``: defaults, floors, and one clear error per mistake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from watcher.config import load_config, parse_config
from watcher.errors import ConfigError
from watcher.sources.poll import error_delay
from watcher.sources.spec import SourceSpec, shown_url


def sources(spec: dict[str, Any], **extra: Any) -> dict[str, SourceSpec]:
    return parse_config({"sources": {"s": spec}, **extra}).sources


def test_defaults_match_the_issue_and_the_extractor() -> None:
    from watcher.extract import DEFAULT_MIN_CONFIDENCE

    [spec] = sources({"url": "https://example.org/feed.xml"}).values()
    assert spec == SourceSpec(name="s", url="https://example.org/feed.xml", every=1800.0)
    assert spec.min_confidence == DEFAULT_MIN_CONFIDENCE
    assert spec.auto_add and not spec.follow


def test_every_key_is_read() -> None:
    spec = sources(
        {
            "url": "https://example.org/feed.xml",
            "every": "2h",
            "tags": ["trade"],
            "channels": ["team"],
            "follow": True,
            "min_confidence": 0.8,
            "auto_add": False,
        },
        channels={"team": {"urls": ["json://example.org/hook"]}},
    )["s"]
    assert (spec.every, spec.tags, spec.channels) == (7200.0, ("trade",), ("team",))
    assert spec.follow and not spec.auto_add and spec.min_confidence == 0.8


@pytest.mark.parametrize(
    "spec,message",
    [
        ({}, "sources.s.url is missing"),
        ({"url": "ftp://example.org/feed"}, "only http://, https:// and file"),
        ({"url": "https:///feed"}, "has no host"),
        ({"url": "file://server/share/feed.xml"}, "only local file://"),
        ({"url": "https://e.org/f", "every": "30s"}, "sources.s.every must be at least 60 s"),
        ({"url": "https://e.org/f", "every": "soon"}, "sources.s.every must be a duration"),
        ({"url": "https://e.org/f", "min_confidence": 2}, "between 0 and 1"),
        ({"url": "https://e.org/f", "follow": "yes"}, "sources.s.follow must be true or false"),
        ({"url": "https://e.org/f", "channels": ["nowhere"]}, "unknown channel 'nowhere'"),
        ({"url": "https://e.org/f", "tags": "trade"}, "sources.s.tags must be a list"),
        ({"url": "https://e.org/f", "evry": "1h"}, "unknown key sources.s.evry"),
    ],
)
def test_mistakes_get_one_line_naming_the_key(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace(".", r"\.").replace("(", r"\(")):
        sources(spec)


def test_watch_options_and_a_lower_floor_for_tests() -> None:
    config = parse_config(
        {
            "watch": {"timeout": 5, "max_bytes": 1000, "max_redirects": 0, "min_interval": "1s"},
            "sources": {"s": {"url": "https://e.org/f", "every": "2s"}},
        }
    )
    assert config.watch.timeout == 5 and config.watch.max_redirects == 0
    assert config.sources["s"].every == 2.0
    with pytest.raises(ConfigError, match=r"watch\.workers must be a whole number"):
        parse_config({"watch": {"workers": 0}})
    with pytest.raises(ConfigError, match=r"unknown key watch\.tmeout"):
        parse_config({"watch": {"tmeout": 5}})


def test_a_relative_path_is_read_from_the_config_files_folder(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    path = tmp_path / "watcher.toml"
    path.write_text('[sources.local]\nurl = "feeds/press.xml"\n')
    assert load_config(str(path)).sources["local"].url == str(tmp_path / "feeds" / "press.xml")
    path.write_text('[sources.local]\nurl = "file://' + str(tmp_path) + '/feeds"\n')
    assert load_config(str(path)).sources["local"].url == str(tmp_path / "feeds")


def test_shown_urls_hide_passwords_and_query_values() -> None:
    assert (
        shown_url("https://me:pw@example.org/feed.xml?token=abc&x=1")
        == "https://me:***@example.org/feed.xml?token=***&x=***"
    )
    assert shown_url("https://example.org/feed.xml") == "https://example.org/feed.xml"


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    import random

    rng = random.Random(1)
    every, cap = 600.0, 3600.0
    for failures, top in [(1, 600), (2, 1200), (3, 2400), (4, 3600), (9, 3600)]:
        delays = [error_delay(failures, every, cap, rng).total_seconds() for _ in range(50)]
        assert top / 2 <= min(delays) and max(delays) <= top
        assert len(set(delays)) > 1  # jitter: not all the same instant
    assert error_delay(1, 7200.0, cap, rng).total_seconds() >= 3600  # never below every/2


def test_the_example_configuration_documents_every_source_and_watch_key() -> None:
    import tomllib

    from watcher.sources.spec import SOURCE_KEYS, WATCH_KEYS

    path = Path(__file__).parents[2] / "config" / "watcher.example.toml"
    text = path.read_text()
    data = tomllib.loads(text)
    config = parse_config(data, source=path)
    assert set(data["sources"]["ministry"]) == set(SOURCE_KEYS)
    assert set(data["watch"]) | {"user_agent"} == set(WATCH_KEYS) and "# user_agent" in text
    assert config.sources["ministry"].channels == ("team",)


def test_the_log_scrubber_hides_source_tokens_but_keeps_links_readable() -> None:
    from watcher.sources.spec import url_secrets

    url = "https://reader:hunter22@example.org/press/releases.xml?key=0123456789abcdef&n=5"
    assert url_secrets(url) == ["hunter22", "0123456789abcdef"]
    assert url_secrets("/srv/inbox") == []
