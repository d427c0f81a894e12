"""In headless Chromium: the clerk records a rule-of-law training with attendees picked from the roster, and the
dashboard's person-times figure rises by them.

The browser fixtures of tests/browser/conftest.py are seen by the tests in that folder only, and a second
Playwright session cannot start in this thread while theirs runs; so this test drives its own Chromium from a
thread of its own, against the same live server (started over plain HTTP, as there).
"""

import re
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.conftest import (  # noqa: F401 - fixtures, used by name
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_PASSWORD,
    _plain_http_cookies,
    _plain_http_while_starting,
    live_server,
)
from tests.factories import PersonFactory
from township.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("_plain_http_cookies")]

PERSON_TIMES = "法治专题培训覆盖干部职工"


def in_chromium(base_url: str, steps) -> None:
    """Run steps(page) in a fresh headless Chromium, in a thread of its own; its failure is this test's."""
    failure = []

    def run():
        try:
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                try:
                    context = chromium.new_context(locale="zh-CN", base_url=base_url)
                    context.set_default_timeout(15_000)
                    steps(context.new_page())
                finally:
                    chromium.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def person_times(page) -> int:
    row = page.locator("table.dashboard-figures tr", has_text=PERSON_TIMES)
    return int(re.match(r"\d+", row.locator("td").first.inner_text()).group(0))


def test_the_clerk_records_a_training_and_the_person_times_rise(live_server, cast):  # noqa: F811
    names = ["向桂兰", "王正权", "田维新"]
    for name in names:
        PersonFactory(township=cast.daxi, name=name, kind=Person.Kind.TOWNSHIP_CADRE)

    def steps(page):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", "clerk")
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("button[type=submit]")
        page.goto("/")
        before = person_times(page)

        page.goto("/governance/trainings/add/")
        page.fill("input[name=title]", "宪法宣传周法治专题培训")
        page.select_option("select[name=kind]", label="法治专题培训")
        page.fill("input[name=hours]", "2")
        for name in names:
            page.get_by_label(name, exact=True).check()
        page.click("button[type=submit]")
        expect(page.locator(".alert-success")).to_contain_text("已保存")
        expect(page.locator("dl.record-fields")).to_contain_text("向桂兰、王正权、田维新")

        page.goto("/")
        assert person_times(page) == before + 3

    in_chromium(live_server.url, steps)
