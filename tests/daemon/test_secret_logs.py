"""Tokens never reach a log line, at any verbosity, whoever logs them (issue 11, bug 8)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from watcher.notify.secrets import ScrubFilter, protect_logging, secret_fragments

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
URL = f"tgram://{TOKEN}/12345"


def test_a_telegram_token_is_a_secret_fragment() -> None:
    text = f"POST https://api.telegram.org/bot{TOKEN}/sendMessage"
    scrubbed = ScrubFilter(secret_fragments([URL]))
    record = logging.LogRecord("apprise", logging.DEBUG, __file__, 1, text, None, None)
    scrubbed.filter(record)
    assert "AAHdqTcv" not in record.getMessage() and "123456789" not in record.getMessage()


def test_every_record_is_scrubbed_at_creation(caplog: pytest.LogCaptureFixture) -> None:
    protect_logging(["json://user:hunter2hunter2@example.com/path"])
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("some.library").debug("got %s", "hunter2hunter2")
        try:
            raise ValueError("hunter2hunter2 rejected")
        except ValueError:
            logging.getLogger("other").exception("failed")
    assert "hunter2hunter2" not in caplog.text
    assert "got ***" in caplog.text and "ValueError: *** rejected" in caplog.text


@pytest.mark.slow
def test_verbose_daemon_output_has_no_token(tmp_path: Path) -> None:
    config = tmp_path / "watcher.toml"
    config.write_text(f'[channels.tg]\nurls = ["{URL}", "nope://{TOKEN}x"]\n')
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    env.pop("WATCHER_DB", None)
    db = f"sqlite:///{tmp_path / 'w.db'}"

    def watcher(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "watcher", "-v", "--db", db, "--config", str(config), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )

    config.write_text(f'[channels.tg]\nurls = ["{URL}"]\n')
    added = watcher("add", "Ping", "in 2 seconds", "--lead", "0", "--channel", "tg")
    assert added.returncode == 0, added.stderr
    time.sleep(3)  # the alert falls due; the pass below tries to send it
    run = watcher("run", "--once")
    assert "Telegram" in run.stderr  # Apprise's own DEBUG lines were printed
    test = watcher("channels", "test")
    for result in (run, test):
        assert "AAHdqTcv" not in result.stderr + result.stdout
