"""Delivery through Apprise to real servers on loopback: SMTP, JSON webhooks, Mattermost,
ntfy; each URL's outcome reported separately; secrets never in errors or output."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from freezegun import freeze_time

from tests.daemon.daemon_support import FIRE_LEAD, T0, HttpServer, SmtpServer, add
from watcher.config import Channel
from watcher.core.messages import Message
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.runner import setup_logging
from watcher.notify import console
from watcher.notify.apprise_transport import AppriseNotifier
from watcher.store.repository import Store

MESSAGE = Message(
    title="Due in 1 day: File the report", body="File the report\nDone? watcher done 1"
)
MM_TOKEN = "mmtokenabcdef1234567890"


def notifier_for(**channels: list[str]) -> AppriseNotifier:
    return AppriseNotifier({n: Channel(name=n, urls=tuple(u)) for n, u in channels.items()})


def test_email_arrives_with_title_as_subject(smtp_server: SmtpServer) -> None:
    notifier = notifier_for(mail=[smtp_server.url("alice@example.com")])
    [result] = notifier.send("mail", MESSAGE, timeout=10)
    assert result.ok, result.error
    assert result.target.shown == f"mailto://w***:***@127.0.0.1:{smtp_server.port}/***"
    [mail] = smtp_server.mails
    assert mail.recipients == ["alice@example.com"]
    assert mail.message["Subject"] == MESSAGE.title
    assert "File the report" in mail.text and "watcher done 1" in mail.text


def test_json_mattermost_and_ntfy_payloads(http_server: HttpServer) -> None:
    notifier = notifier_for(
        chat=[
            f"json://{http_server.base}/hook",
            f"mmost://{http_server.base}/{MM_TOKEN}",
            f"ntfy://{http_server.base}/deadlines",
        ]
    )
    results = notifier.send("chat", MESSAGE, timeout=10)
    assert [r.ok for r in results] == [True, True, True]
    [hook] = http_server.to("/hook")
    assert hook.json()["title"] == MESSAGE.title and hook.json()["message"] == MESSAGE.body
    [mattermost] = http_server.to(f"/hooks/{MM_TOKEN}")
    assert mattermost.json()["text"].replace("\r\n", "\n") == f"{MESSAGE.title}\n{MESSAGE.body}"
    [ntfy] = [r for r in http_server.requests if "topic" in r.json()]
    payload = ntfy.json()
    assert payload["topic"] == "deadlines" and payload["title"] == MESSAGE.title
    assert payload["message"] == MESSAGE.body
    assert all(MM_TOKEN not in r.target.shown for r in results)


@pytest.mark.parametrize("status,retryable", [(503, True), (500, True), (404, False)])
def test_each_url_has_its_own_outcome(
    http_server: HttpServer, status: int, retryable: bool
) -> None:
    broken = HttpServer()
    broken.fail_with = status
    try:
        notifier = notifier_for(
            chat=[f"json://{http_server.base}/ok", f"json://user:pw-secret-9@{broken.base}/x"]
        )
        ok, bad = notifier.send("chat", MESSAGE, timeout=10)
    finally:
        broken.close()
    assert ok.ok and not bad.ok
    assert bad.error is not None and bad.error.retryable is retryable
    assert f"error={status}" in str(bad.error)
    assert "pw-secret-9" not in str(bad.error) + bad.target.shown


def test_a_url_apprise_cannot_use_fails_for_good_without_blocking_the_others(
    http_server: HttpServer,
) -> None:
    notifier = notifier_for(chat=["nosuchscheme://token-123456", f"json://{http_server.base}/ok"])
    bad, ok = notifier.send("chat", MESSAGE, timeout=10)
    assert ok.ok
    assert bad.error is not None and not bad.error.retryable
    assert "token-123456" not in str(bad.error) + bad.target.shown


def test_skip_leaves_out_urls_that_already_have_the_message(http_server: HttpServer) -> None:
    notifier = notifier_for(chat=[f"json://{http_server.base}/a", f"json://{http_server.base}/b"])
    first = notifier.targets("chat")[0]
    [result] = notifier.send("chat", MESSAGE, skip={first.key}, timeout=10)
    assert [r.path for r in http_server.requests] == ["/b"]
    assert result.ok


def test_the_console_channel_prints_the_alert(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(console, "stream", out)
    [result] = AppriseNotifier({}).send("console", MESSAGE, timeout=5)
    assert result.ok
    assert out.getvalue() == (
        "ALERT Due in 1 day: File the report\n    File the report\n    Done? watcher done 1\n"
    )


def test_dispatch_through_apprise_to_email_and_chat(
    sqlite_store: Store, smtp_server: SmtpServer, http_server: HttpServer
) -> None:
    notifier = notifier_for(
        mail=[smtp_server.url()], chat=[f"mmost://{http_server.base}/{MM_TOKEN}"]
    )
    with freeze_time(T0):
        add(sqlite_store, "Renew the lease", channels=("mail", "chat"))
    fire = T0 + FIRE_LEAD
    with freeze_time(fire):
        assert dispatch_due(sqlite_store, notifier, fire) == 2
    [mail] = smtp_server.mails
    assert mail.message["Subject"] == "Due in 1 day: Renew the lease"
    [post] = http_server.to(f"/hooks/{MM_TOKEN}")
    assert "Renew the lease" in post.json()["text"]
    assert {a.state for a in sqlite_store.alerts()} == {"sent"}
    assert fire - T0 == timedelta(days=1)


@pytest.fixture
def quiet_daemon_logging() -> Iterator[None]:
    """Logging as a plain `watcher run` sets it (no -v), restored afterwards."""
    root = logging.getLogger()
    apprise_log = logging.getLogger("apprise")
    saved = (list(root.handlers), root.level, apprise_log.level, apprise_log.propagate)
    saved_apprise_handlers = list(apprise_log.handlers)
    setup_logging(verbose=False)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    apprise_log.setLevel(saved[2])
    apprise_log.propagate = saved[3]
    apprise_log.handlers[:] = saved_apprise_handlers


@pytest.mark.parametrize("status,retryable", [(401, False), (404, False), (503, True)])
@pytest.mark.usefixtures("quiet_daemon_logging")
def test_the_status_decides_the_retry_without_verbose_logging(status: int, retryable: bool) -> None:
    broken = HttpServer()
    broken.fail_with = status
    try:
        [bad] = notifier_for(chat=[f"json://{broken.base}/x"]).send("chat", MESSAGE, timeout=10)
    finally:
        broken.close()
    assert bad.error is not None and bad.error.retryable is retryable
    assert f"error={status}" in str(bad.error)


def test_the_status_is_kept_when_the_embedding_app_silences_apprise() -> None:
    apprise_log = logging.getLogger("apprise")
    level, propagate = apprise_log.level, apprise_log.propagate
    apprise_log.setLevel(logging.CRITICAL)
    broken = HttpServer()
    broken.fail_with = 404
    try:
        [bad] = notifier_for(chat=[f"json://{broken.base}/x"]).send("chat", MESSAGE, timeout=10)
    finally:
        broken.close()
        apprise_log.setLevel(level)
        apprise_log.propagate = propagate
    assert bad.error is not None and not bad.error.retryable


def test_one_notifier_sends_many_messages_to_the_same_email_url(smtp_server: SmtpServer) -> None:
    notifier = notifier_for(mail=[smtp_server.url()])
    results = [notifier.send("mail", MESSAGE, timeout=10)[0] for _ in range(3)]
    assert [r.ok for r in results] == [True, True, True], [str(r.error) for r in results]
    assert len(smtp_server.mails) == 3
