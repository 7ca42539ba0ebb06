"""Configuration mistakes are found when it is loaded, not at the first delivery
(issue 11, bug 11): `run` refuses to start, a reload keeps the old configuration."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from tests.daemon.daemon_support import (
    DaemonProcess,
    HttpServer,
    add,
    wait_for,
    whole_seconds_from_now,
    write_config,
)
from watcher.config import parse_config
from watcher.errors import ConfigError
from watcher.notify.checks import check_channel_urls
from watcher.store.database import open_engine
from watcher.store.repository import Store

SECRET = "s3cr3tT0k3nValue"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"channels": {"a": {"urls": ["json://x"], "tags": "x"}}},
            "channels.a.tags must be a list",
        ),
        ({"channels": {"a": {"urls": [f"not a url {SECRET}"]}}}, "URL 1 (***) is not an Apprise"),
        ({"channels": {"a": {"urls": ["json://x"], "tag": ["x"]}}}, "unknown key channels.a.tag"),
        ({"default_channels": "email"}, "default_channels must be a list"),
        ({"templates": {"title": "{nope}"}}, "uses unknown field {nope}"),
        ({"templates": {"title": "{title"}}, "not a valid template"),
        ({"templates": {"shout": "x"}}, "templates.shout is not a template name"),
    ],
)
def test_mistakes_found_when_the_file_is_read(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(data)
    assert message in str(error.value) and SECRET not in str(error.value)


def test_apprise_schemes_are_checked_with_apprise() -> None:
    good = parse_config({"channels": {"hook": {"urls": ["json://localhost:1/x"]}}})
    check_channel_urls(good.channels)
    for url in (f"nope://{SECRET}", "mailto://", "slack://"):
        bad = parse_config({"channels": {"a": {"urls": [url]}}})
        with pytest.raises(ConfigError, match=r"channels\.a: Apprise cannot use") as error:
            check_channel_urls(bad.channels)
        assert SECRET not in str(error.value)


@pytest.mark.slow
def test_run_refuses_to_start_and_a_reload_keeps_the_old_config(
    tmp_path: Path, sqlite_url: str, http_server: HttpServer, daemons: list[DaemonProcess]
) -> None:
    config = write_config(tmp_path / "w.toml", {"hook": [f"nope://{SECRET}"]})
    refused = subprocess.run(
        [sys.executable, "-m", "watcher", "--db", sqlite_url, "--config", str(config), "run"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and SECRET not in refused.stderr
    last = refused.stderr.splitlines()[-1]
    assert last.startswith("watcher: error: ") and "channels.hook: Apprise cannot use" in last

    write_config(config, {"hook": [f"json://{http_server.base}/old"]})
    daemon = DaemonProcess(sqlite_url, config, tmp_path)
    daemons.append(daemon.start())
    write_config(config, {"hook": [f"json://{http_server.base}/new", "nope://x"]})
    assert daemon.proc is not None
    daemon.proc.send_signal(signal.SIGHUP)
    wait_for(lambda: "configuration not reloaded" in daemon.log(), timeout=10, what="refusal")
    store = Store(open_engine(sqlite_url))
    add(
        store,
        "Still old",
        due=whole_seconds_from_now(1) + timedelta(hours=1),
        leads="59m59s",
        channels=("hook",),
    )
    wait_for(lambda: len(http_server.to("/old")) == 1, timeout=10, what="delivery to /old")
    assert http_server.to("/new") == []
    assert daemon.stop() == 0
    store.close()
