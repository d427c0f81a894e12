"""The county's comparison (issue 12, item 12): it says 全县, sorts by any column, marks values below a
township's target red (amber within a tenth of it), draws a small chart per indicator, and links each
township's dashboard and report."""

import pytest
from django.urls import reverse

from reports.models import Target
from tests.reports.test_county_dashboard import fill, year_2025  # noqa: F401 - fixture


@pytest.fixture
def county(cast, year_2025):  # noqa: F811
    fill(cast.daxi, 1)  # 4 disputes
    fill(cast.other_township, 3)  # 8 disputes
    Target.objects.create(township=cast.daxi, year=2025, indicator="disputes.registered", label="排查", value=100)
    Target.objects.create(township=cast.other_township, year=2025, indicator="disputes.registered", label="排查",
                          value=8.5)
    return cast


def names(response) -> list[str]:
    return [row["township"].name for row in response.context["county"]["rows"]]


def test_the_whole_county_view_says_so(client_for, county):
    page = client_for(county.county_user).get("/").content.decode()
    assert '<option value="" selected>全县</option>' in page
    assert "全县 · 2025年各乡镇对比" in page
    assert '<option value="daxi" selected>' not in page


def test_the_table_sorts_by_any_column(client_for, county):
    client = client_for(county.county_user)
    assert names(client.get("/", {"sort": "-disputes.registered"})) == ["石耶镇", "大溪镇"]
    assert names(client.get("/", {"sort": "disputes.registered"})) == ["大溪镇", "石耶镇"]
    assert names(client.get("/", {"sort": "-township"})) == sorted(["大溪镇", "石耶镇"], reverse=True)
    response = client.get("/", {"sort": "no-such-column"})
    assert response.status_code == 200 and response.context["sort"] == ""
    page = client.get("/", {"sort": "overdue"}).content.decode()
    assert 'aria-sort="ascending"><a class="sort" href="?sort=-overdue"' in page


def test_values_below_target_are_marked_red_or_amber(client_for, county):
    county_data = client_for(county.county_user).get("/").context["county"]
    column = [key for key, _label in county_data["columns"]].index("disputes.registered")
    status = {row["township"].name: row["cells"][column]["status"] for row in county_data["rows"]}
    assert status == {"大溪镇": "behind", "石耶镇": "near"}  # 4 of 100; 8 of 8.5
    page = client_for(county.county_user).get("/").content.decode()
    assert 'class="text-end below-target"' in page and 'class="text-end near-target"' in page
    assert "低于目标：" in page  # said, not only coloured


def test_each_indicator_has_a_small_chart(client_for, county):
    response = client_for(county.county_user).get("/")
    county_data = response.context["county"]
    assert [chart["key"] for chart in county_data["charts"]] == [key for key, _ in county_data["columns"]]
    assert response.content.decode().count('class="chart chart-comparison"') == len(county_data["columns"])


def test_each_township_links_its_dashboard_and_report(client_for, county):
    page = client_for(county.county_user).get("/").content.decode()
    for code in ("daxi", "other"):
        assert f'href="/?township={code}"' in page
        assert f'href="{reverse("reports:report", args=[2025])}?township={code}"' in page


def test_the_switcher_goes_to_a_townships_dashboard_or_back_to_the_county(client_for, county):
    client = client_for(county.county_user)
    response = client.post(reverse("choose_township"), {"township": "daxi", "next": "/"})
    assert response["Location"] == "/?township=daxi"
    assert client.post(reverse("choose_township"), {"township": "", "next": "/disputes/"})["Location"] == "/"
