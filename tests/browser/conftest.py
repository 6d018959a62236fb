"""Browser tests: Playwright for Python driving Debian's Chromium against
pytest-django's live server. Screenshots go to test-artifacts/ (git-ignored).

Chromium comes from apt (scripts/setup.sh installs it). Without it the tests
skip, unless REQUIRE_SERVICES=1, where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-Secret-123"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"browser tests need {reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _unavailable(f"Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package (requirements/dev.txt)")
    # Playwright's sync API keeps an event loop running in this thread, and the
    # ORM calls the tests make around it are plain synchronous code. Allow that
    # only while the browser lives, so other tests keep Django's async checks.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, settings):
    # The live server shares this process: let the journal write in the
    # background, as a deployed server does (rows are committed: the live
    # server's database is a transactional one).
    settings.MOCK_JOURNAL_BACKGROUND = True
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="en-US"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.wait_for_timeout(400)  # let the ~300 ms transitions finish
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def sign_in(page, email: str, *, next_path: str = "/") -> None:
    page.goto(page.base_url + next_path)
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
