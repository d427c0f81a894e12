"""Browser tests: Playwright (sync API) driving the system Chromium against pytest-django's live server.

Fixtures:
    browser     one headless Chromium for the whole session (/usr/bin/chromium, never a downloaded build)
    page        a fresh browser context per test (zh-CN, downloads accepted, base_url = the live server)
    login_as    login_as("clerk") logs the page in through /accounts/login/ (password Daxi@2025 by default)

Helper:
    login(page, live_server, username, password)

Every test in tests/browser/ gets the `browser` mark. Using `page` starts the live server and gives the
test a transactional database, so data the test creates is visible to the server and the other way round.
On failure a screenshot is saved to test-results/<test name>.png.
"""

import os
import re
from pathlib import Path

import pytest
from django.test.utils import override_settings
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API keeps an event loop running in this thread; Django would then refuse ORM calls made
# from the test itself (SynchronousOnlyOperation). They are synchronous here, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# An IPv4 literal: "localhost" may resolve to ::1 first in the browser while the server listens on IPv4.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no network but the package registries: without these Chromium keeps trying to
    # reach Google's services in the background.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "Daxi@2025"
BROWSER_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BROWSER_DIR.parent.parent / "test-results"

# The settings may run the tests with HTTPS on (DEBUG is off). The live server speaks plain HTTP, so for it
# the redirect to https and HSTS are turned off while it starts (SecurityMiddleware reads them once, when the
# server builds its handler, and the override is lifted right after, so other tests see the settings as
# they are), and the session and CSRF cookies are not marked Secure during browser tests.
_PLAIN_HTTP_SERVER = {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}
_PLAIN_HTTP_COOKIES = {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_browser_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def _plain_http_while_starting(request):
    override = override_settings(**_PLAIN_HTTP_SERVER)
    override.enable()
    state = {"enabled": True}

    def disable():
        if state["enabled"]:
            state["enabled"] = False
            override.disable()

    request.addfinalizer(disable)
    return disable


@pytest.fixture(scope="session")
def live_server(_plain_http_while_starting, live_server):
    """pytest-django's live server, started over plain HTTP (see _PLAIN_HTTP_SERVER).

    `_plain_http_while_starting` is set up first (argument order), so the override is in force while the
    server thread builds its middleware, and lifted right after, before any other test runs.
    """
    _plain_http_while_starting()
    return live_server


@pytest.fixture
def _plain_http_cookies(settings):
    for name, value in _PLAIN_HTTP_COOKIES.items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (make test does it: make setup-test)",
            pytrace=False,
        )
    # chromium.launch gives every launch a fresh, temporary user-data dir of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(request, browser, live_server, _plain_http_cookies) -> Page:
    context = browser.new_context(locale="zh-CN", accept_downloads=True, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "_browser_report_call", None)
        if report is not None and report.failed:
            RESULTS_DIR.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
            try:
                page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)
            except Exception as exc:  # the screenshot is a help, never the failure's cause
                print(f"screenshot failed: {exc}")
        context.close()


def login(page: Page, live_server, username: str, password: str = DEMO_PASSWORD, *, expect_success=True):
    """Log in through the login form, as a person would. Fails the test when the login is refused."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if expect_success and page.url.split("?")[0].rstrip("/").endswith("/accounts/login"):
        errors = page.locator(".alert, .errorlist, .invalid-feedback").all_inner_texts()
        pytest.fail(f"login as {username!r} was refused: {' '.join(errors) or page.url}", pytrace=False)
    return page


@pytest.fixture
def login_as(page, live_server):
    """login_as("clerk") or login_as("clerk", "other password"): logs `page` in and returns it."""

    def _login_as(username: str, password: str = DEMO_PASSWORD, *, expect_success=True):
        return login(page, live_server, username, password, expect_success=expect_success)

    return _login_as
