"""Every role's start page and main pages at a township office PC's 1366 px and a Party secretary's 390 px phone:
the page body never scrolls sideways (wide tables scroll inside their card), and on the PC the navigation bar
fits (issue 12, items 11 and 12)."""

import datetime

import pytest
from django.utils import timezone

from disputes import rules
from reports.models import Target
from tests.disputes.factories import ConsultationFactory, DisputeFactory, LegalAdviserFactory, PetitionFactory

from .conftest import login

WIDTHS = {1366: 768, 390: 844}
YEAR = timezone.localdate().year
PAGES = {
    "admin": ["/", "/disputes/", "/disputes/disputes/", "/disputes/disputes/add/", f"/reports/{YEAR}/", "/core/people/",
              "/governance/", "/no/such/page/"],
    "clerk": ["/", "/disputes/disputes/", "/disputes/disputes/add/", "/disputes/petitions/"],
    "village": ["/", "/disputes/", "/disputes/disputes/add/", "/disputes/consultations/"],
    "leader": ["/", "/disputes/disputes/", "/disputes/advisers/", f"/reports/{YEAR}/"],
    "county": ["/", "/?township=daxi", "/disputes/disputes/", "/reports/"],
}

OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  nav: (() => { const nav = document.querySelector('nav.navbar'); return nav ? nav.scrollWidth - nav.clientWidth : 0; })(),
})"""


@pytest.fixture
def records(cast):
    """A little of everything the pages show, in this year (so that lists, badges and dashboards have rows)."""
    day = datetime.date(YEAR, 1, 5)
    for village in (cast.village, cast.second_village):
        DisputeFactory(township=cast.daxi, village=village, registered_on=day, status=rules.DISPUTE_OPEN,
                       summary="因修建围墙占用公共通道、排水沟走向和宅基地边界长期争执，多次协调未果")
        DisputeFactory(township=cast.daxi, village=village, registered_on=day, mediated=True)
        PetitionFactory(township=cast.daxi, village=village, received_on=day)
        ConsultationFactory(township=cast.daxi, village=village, date=day)
    LegalAdviserFactory(township=cast.daxi, contract_start=day, contract_end=datetime.date(YEAR, 12, 31),
                        villages=[cast.village])
    for indicator in ("disputes.registered", "advisers.villages_covered"):  # below target: marked, with hidden text
        Target.objects.create(township=cast.daxi, year=YEAR, indicator=indicator, label=indicator, value=95)
    return cast


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", PAGES)
def test_no_page_of_a_role_scrolls_sideways(browser, live_server, _plain_http_cookies, records, media_root, role, width):
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, locale="zh-CN",
                                  base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        login(page, live_server, role)
        too_wide = {}
        for path in PAGES[role]:
            page.goto(path)
            measured = page.evaluate(OVERFLOW)
            if measured["page"] > 0 or (width >= 1200 and measured["nav"] > 0):
                too_wide[path] = measured
        assert not too_wide, f"{role} at {width} px: pages wider than the screen (px too wide): {too_wide}"
    finally:
        context.close()


@pytest.mark.parametrize("role", ["county", "admin"])
def test_the_english_navigation_fits_a_1366_px_screen(browser, live_server, _plain_http_cookies, records, media_root,
                                                      role):
    """English labels are longer: the bar folds into its menu button at 1366 px instead of hanging outside."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US", base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        login(page, live_server, role)
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == "en"
        measured = page.evaluate(OVERFLOW)
        assert measured == {"page": 0, "nav": 0}, measured
    finally:
        context.close()
