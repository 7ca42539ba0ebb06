"""End to end in a real headless browser: Debian's chromium driven by Selenium.

Opens the dashboard (logging in first), follows a deadline from the list, snoozes one of
its alerts through the form, and saves the screenshots README.md shows (to
``$WEB_SCREENSHOTS_DIR`` when set, else only to the test's temporary directory). Nothing
downloads a browser: the chromium and chromedriver binaries come from apt (`.ci/run`
installs them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.daemon.daemon_support import RecordingNotifier
from tests.web.conftest import Served
from watcher.core.leads import parse_leads
from watcher.core.planning import Due
from watcher.daemon.dispatch import dispatch_due
from watcher.daemon.options import Policy
from watcher.store.models import AlertKind, AlertState
from watcher.store.repository import DeadlineDraft, Store

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PASSWORD = "browser test password"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
)


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        message = "no chromium: apt-get install -y chromium chromium-driver (.ci/run does)"
        if os.environ.get("WATCHER_TEST_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never fetch anything
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def click_and_wait(driver: object, element: object) -> None:
    """Click something that loads a new page, and wait until the old page is gone (reading
    the page straight after a click can find the old page's elements, then lose them)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(driver, WebDriver) and isinstance(element, WebElement)
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(old))


def populate(store: Store) -> int:
    """A few weeks of deadlines of several kinds; returns the one the test follows."""
    now = store.now()

    def add(title: str, days: float, kind: str, channels: tuple[str, ...] = ("console",)) -> int:
        due = Due(at=now + timedelta(days=days), timezone="Europe/Paris")
        deadline = store.add_deadline(
            DeadlineDraft(
                title=title,
                due=due,
                leads=parse_leads("1d,1h"),
                channels=channels,
                kind=kind,
                tags=("policy",),
            )
        )
        assert deadline.id is not None
        return deadline.id

    followed = add("Trade truce expires", 1.5, "expiry", ("team",))
    add("Tariff deadline", 4, "deadline")
    add("Leaders meet in Tokyo", 8, "meeting")
    add("Senate vote on the budget", 13, "vote")
    add("New rules take effect", 20, "effective")
    add("Quarterly filing due", 27, "filing")
    add("Summit", 41, "event")
    add("Licence renewal", 55, "deadline")
    with store.write() as session:
        deadline = store.get_deadline(followed, session)
        source = store.add_source(
            session,
            location="https://news.example/truce",
            content_hash="truce-article",
            title="Trade truce nears its end",
            published="2026-03-01",
        )
        store.add_mention(
            session,
            deadline,
            source,
            sentence="The fragile truce nears its expiration on March 3 unless both sides agree.",
            span="March 3",
        )
    return followed


def test_dashboard_follow_a_deadline_and_snooze_an_alert(
    serve: Callable[..., Served], browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import Select

    assert isinstance(browser, WebDriver)
    driver = browser
    served = serve(http={"password": PASSWORD})
    store = served.store
    followed = populate(store)
    served.clock.advance(hours=12)  # the 1d reminder of the truce falls due: send it
    notifier = RecordingNotifier(failing={"chat"}, permanent={"chat"})
    dispatch_due(store, notifier, store.now(), Policy(), worker="w1")
    shots = Path(os.environ.get("WEB_SCREENSHOTS_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    driver.get(served.url + "/")
    assert "/login" in driver.current_url
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Upcoming deadlines"
    marks = driver.find_elements(By.CSS_SELECTOR, "svg.timeline circle")
    assert len(marks) == 8
    driver.save_screenshot(str(shots / "dashboard.png"))

    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Trade truce expires"))
    assert driver.current_url.endswith(f"/deadlines/{followed}")
    assert driver.find_element(By.TAG_NAME, "mark").text == "March 3"
    outcomes = driver.find_element(By.ID, "alerts").text
    assert "test://mail: sent" in outcomes and "test://chat: failed" in outcomes
    driver.save_screenshot(str(shots / "deadline.png"))

    pending = [a for a in store.alerts(deadline_id=followed) if a.state == AlertState.PENDING]
    assert len(pending) == 1  # the 1h reminder
    row = driver.find_element(By.ID, f"alert-{pending[0].id}")
    Select(row.find_element(By.NAME, "for")).select_by_value("3h")
    click_and_wait(driver, row.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Snoozed" in driver.find_element(By.CSS_SELECTOR, "p.notice").text
    snoozes = [a for a in store.alerts(deadline_id=followed) if a.kind == AlertKind.SNOOZE]
    assert [(a.state, a.fire_at) for a in snoozes] == [
        (AlertState.PENDING, store.now() + timedelta(hours=3))
    ]
    assert f"alert-{snoozes[0].id}" in driver.page_source
    driver.save_screenshot(str(shots / "snoozed.png"))
    for name in ("dashboard.png", "deadline.png", "snoozed.png"):
        assert (shots / name).stat().st_size > 10_000


def test_the_review_inbox_accepts_a_proposed_move(
    serve: Callable[..., Served], browser: object, tmp_path: Path
) -> None:
    import hashlib

    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    from watcher.extract import extract
    from watcher.store.story import ArticleFacts, NewRecord, StoryStore

    assert isinstance(browser, WebDriver)
    driver = browser
    served = serve(http={"password": PASSWORD})
    story = StoryStore(served.store)
    day = served.clock.now.date()
    for title, text in (
        (
            "Court sets two appeal hearings",
            "The appeal court set the first appeal hearing for June 8. A second appeal "
            "hearing will be held on June 15.",
        ),
        ("Appeal hearing postponed", "The appeal hearing was postponed to Sept. 14."),
    ):
        story.track(
            ArticleFacts(title, text, day, hashlib.sha256(text.encode()).hexdigest(), title=title),
            extract(text, day, "Europe/Paris"),
            NewRecord("Europe/Paris", [], ["console"]),
            min_confidence=0.5,
        )
    shots = Path(os.environ.get("WEB_SCREENSHOTS_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    driver.get(served.url + "/review")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Review"
    proposal = driver.find_element(By.CSS_SELECTOR, "section.proposal")
    assert proposal.find_element(By.TAG_NAME, "mark").text == "Sept. 14"
    driver.save_screenshot(str(shots / "review.png"))
    click_and_wait(driver, proposal.find_element(By.CSS_SELECTOR, "form[action$='/accept'] button"))
    assert "accepted" in driver.find_element(By.CSS_SELECTOR, "p.notice").text
    from watcher.store.repository import due_of

    days = sorted(due_of(d).local_date.isoformat() for d in served.store.list_deadlines())
    assert days == ["2026-06-15", "2026-09-14"]
    assert (shots / "review.png").stat().st_size > 10_000
