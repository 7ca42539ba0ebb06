"""Configuration: where it is found, what is refused, how alerts are routed, how URLs show."""

from __future__ import annotations

from pathlib import Path

import pytest

from watcher.config import CONSOLE_CHANNEL, load_config, mask_url, parse_config
from watcher.errors import ConfigError

CHANNELS = {
    "email": {"urls": ["mailto://me:pw@example.com"]},
    "team": {"urls": ["json://localhost:8080/hook"]},
    "trade-desk": {"urls": ["ntfy://ntfy.example.com/trade"], "tags": ["trade", "china"]},
}


def test_nothing_configured_means_the_console_channel() -> None:
    config = parse_config({})
    assert config.routing_channels() == [CONSOLE_CHANNEL]
    assert config.routing_channels(tags=["trade"]) == [CONSOLE_CHANNEL]


def test_routing_defaults_named_channels_and_tags() -> None:
    config = parse_config({"channels": CHANNELS})
    assert config.routing_channels() == ["email", "team"]  # untagged channels by default
    assert config.routing_channels(tags=["china"]) == ["email", "team", "trade-desk"]
    assert config.routing_channels(["trade-desk"]) == ["trade-desk"]
    defaults = parse_config({"channels": CHANNELS, "default_channels": ["email"]})
    assert defaults.routing_channels() == ["email"]
    assert defaults.routing_channels(tags=["trade"]) == ["email", "trade-desk"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"default_leads": ["7x"]}, "bad lead time '7x'"),
        ({"all_day_time": "25:00"}, "all_day_time must be a time of day"),
        ({"channels": {"a": {"urls": "mailto://x"}}}, "channels.a.urls must be a non-empty list"),
        ({"channels": {"bad name": {"urls": ["json://x"]}}}, "channel name 'bad name'"),
        ({"default_channels": ["pager"]}, "unknown channel 'pager'"),
        ({"missed_alerts": "shout"}, "missed_alerts must be one of"),
        ({"colour": "blue"}, "unknown key 'colour'"),
    ],
)
def test_invalid_configuration_is_named(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        parse_config(data)


def test_search_order_and_an_explicit_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_config().source is None  # the test environment points XDG at empty dirs
    xdg = tmp_path / "xdg"
    (xdg / "watcher").mkdir(parents=True)
    (xdg / "watcher" / "watcher.toml").write_text('timezone = "Asia/Tokyo"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    assert load_config().timezone == "Asia/Tokyo"
    explicit = tmp_path / "other.toml"
    explicit.write_text('timezone = "Europe/Rome"\n')
    assert load_config(str(explicit)).timezone == "Europe/Rome"
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(str(tmp_path / "missing.toml"))
    broken = tmp_path / "broken.toml"
    broken.write_text("timezone = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(str(broken))


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("mailto://user:s3cretpw@gmail.com?to=a@b.com", "s3cretpw"),
        ("slack://TOKENAAA/TOKENBBB/TOKENCCC", "TOKENBBB"),
        ("mmost://chat.example.com/abcdefghijkl", "abcdefghijkl"),
        ("matrix://bot:hunter22@matrix.org/#room", "hunter22"),
        ("tgram://123456:ABCDEFSECRET/987", "ABCDEFSECRET"),
    ],
)
def test_mask_url_hides_every_secret(url: str, secret: str) -> None:
    shown = mask_url(url)
    assert secret not in shown
    assert shown.split("://")[0] == url.split("://")[0]
