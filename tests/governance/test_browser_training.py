"""In headless Chromium: the clerk records a rule-of-law training with attendees picked from the roster, and the
dashboard's person-times figure rises by them. Uses the browser fixtures of tests/browser/conftest.py."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401 - fixtures, used by name
    _plain_http_cookies,
    _plain_http_while_starting,
    browser,
    live_server,
    login_as,
    page,
)
from tests.factories import PersonFactory
from township.models import Person

pytestmark = pytest.mark.browser

PERSON_TIMES = "法治专题培训覆盖干部职工"


def person_times(browser_page) -> int:
    row = browser_page.locator("table.dashboard-figures tr", has_text=PERSON_TIMES)
    return int(re.match(r"\d+", row.locator("td").first.inner_text()).group(0))


def test_the_clerk_records_a_training_and_the_person_times_rise(login_as, page, cast):  # noqa: F811
    names = ["向桂兰", "王正权", "田维新"]
    for name in names:
        PersonFactory(township=cast.daxi, name=name, kind=Person.Kind.TOWNSHIP_CADRE)
    login_as("clerk")
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
