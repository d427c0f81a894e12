"""The dashboard at /: the year's figures against last year and the targets, deadline alerts, villages,
monthly charts; read-only for leaders; townships side by side for county viewers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import Target
from tests.factories import TownshipFactory
from township.models import Membership


@pytest.fixture
def year_2025(users):
    Membership.objects.update(year=2025)


def add_targets(township, count):
    for number in range(count):
        Target.objects.create(township=township, year=2025, indicator="disputes.success_rate", label=f"化解率{number}",
                              value=95, unit="%")


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["admin", "clerk", "leader"])
def test_township_dashboard(role, cast, year_2025, client_for, contract_stats):
    add_targets(cast.daxi, 1)
    response = client_for(cast.users[role]).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "大溪镇 · 2025年工作台" in html
    assert "排查矛盾纠纷" in html and "111件" in html  # this year, linked to its ledger
    assert "信访事项 X2025-001" in html and "已逾期" in html and "7日内到期" in html  # alerts
    assert "第一村" in html  # per village
    assert html.count('class="chart chart-monthly"') == 2  # disputes and petitions, this year beside last year
    assert "2024年" in html
    assert "chart-progress" in html and "化解率0" in html  # the target's progress bar
    assert 'method="post"' not in html.split("<main", 1)[1]  # nothing to change on a dashboard


def test_a_year_without_records_renders(cast, client_for, contract_stats):
    Membership.objects.filter(user=cast.admin_user).update(year=2031)
    html = client_for(cast.admin_user).get("/").content.decode()
    assert "2031年工作台" in html and "0件" in html


def test_village_clerk_gets_the_ledgers(cast, client_for, contract_stats):
    response = client_for(cast.village_clerk_user).get("/")
    assert response.status_code == 200
    assert "111件" not in response.content.decode()


def test_county_viewer_sees_townships_side_by_side(cast, year_2025, client_for, contract_stats):
    client = client_for(cast.county_user)
    html = client.get("/").content.decode()
    assert "各乡镇对比" in html
    assert "大溪镇" in html and "石耶镇" in html
    assert "全县合计" in html and "222件" in html  # two townships of 111
    assert 'href="/?township=daxi"' in html
    detail = client.get("/?township=other").content.decode()
    assert "石耶镇 · 2025年工作台" in detail


def count_queries(client, path="/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_targets(cast, year_2025, client_for, contract_stats, uncached):
    client = client_for(cast.admin_user)
    count_queries(client)  # warm: session, content types
    add_targets(cast.daxi, 1)
    few = count_queries(client)
    add_targets(cast.daxi, 20)
    assert count_queries(client) == few


def test_county_dashboard_queries_do_not_grow_with_townships(cast, year_2025, client_for, contract_stats, uncached):
    client = client_for(cast.county_user)
    count_queries(client)
    two = count_queries(client)
    for number in range(5):
        township = TownshipFactory(code=f"more{number}", county=cast.county)
        add_targets(township, 3)
    assert count_queries(client) == two
