"""The dashboards computed before anybody asks (reports.services.warm_dashboards, docs/decisions/0027): after a
warm-up the province rollup, a county's comparison and a township's dashboard are served without counting anything
again; a change to the working-day calendar has the worker warm them all, a write the township's own
(PORTAL_WARM_DASHBOARDS); an edit made after a warm-up still shows at once; and the years warmed are those read."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports import services, sources
from reports import stats as dashboard_stats
from tests.disputes.factories import DisputeFactory
from tests.factories import UserFactory
from tests.reports.test_county_dashboard import fill
from township.models import CalendarDay, Role


@pytest.fixture
def counting_refused(monkeypatch):
    """Counting a township's figures or building a dashboard again fails: the pages must show kept values."""

    def refuse(*args, **kwargs):
        raise AssertionError("counted again instead of kept")

    for module, name in [(dashboard_stats, "township_dashboard"), (dashboard_stats, "county_dashboard"),
                         (dashboard_stats, "_province_rollup"), (sources, "_figures_of_townships")]:
        monkeypatch.setattr(module, name, refuse)


@pytest.fixture
def viewers(cast, as_year):
    def in_year(year: int) -> dict:
        province = UserFactory(username=f"province{year}", role=Role.COUNTY, county=None, year=year)
        return {"township": as_year(cast.admin_user, year), "county": as_year(cast.county_user, year),
                "province": province}

    return in_year


def pages_of(client_for, users: dict) -> dict[str, str]:
    found = {}
    for name, path in [("township", "/"), ("county", "/"), ("province", "/province/")]:
        response = client_for(users[name]).get(path)
        assert response.status_code == 200
        found[name] = response.content.decode()
    return found


def test_warmed_pages_count_nothing_again(cast, viewers, client_for, monkeypatch, request):
    fill(cast.daxi, 2)
    fill(cast.other_township, 1)
    users = viewers(2025)
    found = services.warm_dashboards([2025])
    assert found == {"years": [2025], "townships": 2, "counties": 1}
    request.getfixturevalue("counting_refused")
    pages = pages_of(client_for, users)
    assert cast.daxi.name in pages["township"]
    assert cast.other_township.name in pages["county"]
    assert cast.county.name in pages["province"]


def test_a_page_not_warmed_is_counted(cast, viewers, client_for, request):
    fill(cast.daxi, 1)
    users = viewers(2025)
    services.warm_dashboards([2024])  # another year than the one read
    request.getfixturevalue("counting_refused")
    with pytest.raises(AssertionError, match="counted again"):
        client_for(users["township"]).get("/")


def test_a_calendar_change_warms_every_dashboard(cast, viewers, client_for, settings, monkeypatch,
                                                 django_capture_on_commit_callbacks, request):
    settings.PORTAL_WARM_DASHBOARDS = True
    year = timezone.localdate().year
    users = viewers(year)
    DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(year, 1, 5))
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=datetime.date(year, 12, 30), is_workday=False, note="调休")
    request.getfixturevalue("counting_refused")
    pages_of(client_for, users)


def test_without_the_setting_a_calendar_change_warms_nothing(cast, viewers, client_for, settings,
                                                             django_capture_on_commit_callbacks, request):
    settings.PORTAL_WARM_DASHBOARDS = False
    users = viewers(timezone.localdate().year)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=datetime.date(timezone.localdate().year, 12, 30), is_workday=False)
    request.getfixturevalue("counting_refused")
    with pytest.raises(AssertionError, match="counted again"):
        client_for(users["township"]).get("/")


def test_a_write_warms_that_townships_dashboard(cast, viewers, client_for, settings,
                                               django_capture_on_commit_callbacks, request):
    settings.PORTAL_WARM_DASHBOARDS = True
    year = timezone.localdate().year
    users = viewers(year)
    services.warm_dashboards(services.warm_years(timezone.localdate()))
    with django_capture_on_commit_callbacks(execute=True):
        DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(year, 1, 5))
    request.getfixturevalue("counting_refused")
    pages = pages_of(client_for, users)  # the county's and the province's pages add up kept values
    label = str(sources.figures(cast.daxi, year)["disputes.registered"].label)
    assert re.search(rf'<span title="[^"]*">{label}</span></th>\s*<td[^>]*>(?:<a [^>]*>)?1件<', pages["township"])


def test_an_edit_after_the_warm_up_shows_at_once(cast, viewers, client_for):
    users = viewers(2025)
    dispute = DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
    services.warm_dashboards([2025])
    label = str(sources.figures(cast.daxi, 2025)["disputes.registered"].label)

    def registered() -> str:
        html = client_for(users["township"]).get("/").content.decode()
        return re.search(rf'<span title="[^"]*">{label}</span></th>\s*<td[^>]*>(?:<a [^>]*>)?([^<]+)<', html).group(1)

    assert registered() == "1件"
    DisputeFactory(township=cast.daxi, village=cast.village, registered_on=dispute.registered_on)
    assert registered() == "2件"


@pytest.mark.parametrize(("today", "years"), [
    (datetime.date(2026, 12, 2), [2026]),
    (datetime.date(2027, 1, 4), [2027, 2026]),  # last year's report is being written
    (datetime.date(2027, 4, 1), [2027, 2026]),  # the day it is due to be published
    (datetime.date(2027, 4, 2), [2027]),
])
def test_the_years_warmed_are_those_read(today, years, settings, db):
    settings.REPORT_PUBLISH_DUE = "04-01"
    assert services.warm_years(today) == years


def test_a_year_a_user_works_in_is_warmed_too(cast, as_year):
    as_year(cast.admin_user, 2023)
    as_year(cast.county_user, 2023)
    assert services.warm_years(datetime.date(2026, 12, 2)) == [2026, 2023]


def test_the_command_says_what_it_kept(cast, capsys):
    fill(cast.daxi, 1)
    call_command("warm_dashboards", "--year", "2025")
    assert "已缓存 2025 年度：2 个乡镇、1 个县（区）" in capsys.readouterr().out
