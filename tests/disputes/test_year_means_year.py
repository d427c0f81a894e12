"""Year means year (issue 12, item 13): a 2025 dashboard alerts on 2025's records, not on last month's, and a
legal adviser's contract is judged on the year being looked at."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from disputes import rules
from tests.disputes.factories import DisputeFactory, LegalAdviserFactory

D = datetime.date
REAL_LOCALDATE = timezone.localdate
TODAY = D(2026, 12, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate",
                        lambda value=None, timezone=None: TODAY if value is None else REAL_LOCALDATE(value, timezone))


@pytest.fixture
def open_disputes(daxi, village):
    """Two disputes still in mediation past their 30 days: one of 2025, one of this November."""
    return (DisputeFactory(township=daxi, village=village, number="TJ-2025-OLD", registered_on=D(2025, 11, 20),
                           status=rules.DISPUTE_OPEN),
            DisputeFactory(township=daxi, village=village, number="TJ-2026-NEW", registered_on=D(2026, 10, 20),
                           status=rules.DISPUTE_OPEN))


def test_a_dashboard_alerts_on_its_own_years_records_with_full_dates(client_for, admin_user, as_year, open_disputes):
    page_2025 = client_for(as_year(admin_user, 2025)).get("/").content.decode()
    alerts_2025 = page_2025.split('id="alerts-heading"', 1)[1].split("</section>", 1)[0]
    assert "TJ-2025-OLD" in alerts_2025 and "TJ-2026-NEW" not in alerts_2025
    [alert] = open_disputes[0].alerts(TODAY)
    assert date_format(alert.deadline.due) in alerts_2025  # its mediation period's end, with the year (2025年12月…)
    page_2026 = client_for(as_year(admin_user, 2026)).get("/").content.decode()
    alerts_2026 = page_2026.split('id="alerts-heading"', 1)[1].split("</section>", 1)[0]
    assert "TJ-2026-NEW" in alerts_2026 and "TJ-2025-OLD" not in alerts_2026


def test_the_county_counts_the_years_alerts(client_for, county_user, as_year, open_disputes, daxi):
    county = client_for(as_year(county_user, 2025)).get("/").context["county"]
    [row] = [row for row in county["rows"] if row["township"] == daxi]
    assert (row["overdue"], row["due_soon"]) == (1, 0)


def test_a_past_years_contract_is_judged_on_that_year(client_for, admin_user, as_year, daxi):
    LegalAdviserFactory(township=daxi, name="全年顾问", contract_start=D(2025, 1, 1), contract_end=D(2025, 12, 31))
    LegalAdviserFactory(township=daxi, name="半年顾问", contract_start=D(2025, 1, 1), contract_end=D(2025, 6, 30))
    rows = client_for(as_year(admin_user, 2025)).get(reverse("advisers:list")).context["rows"]
    badges = {row["record"].name: [badge.label for badge in row["badges"]] for row in rows}
    assert badges == {"全年顾问": [], "半年顾问": ["合同已到期"]}


def test_this_years_contract_near_its_end_asks_for_renewal(client_for, admin_user, as_year, daxi):
    LegalAdviserFactory(township=daxi, name="年底到期", contract_start=D(2026, 1, 1), contract_end=D(2026, 12, 20))
    rows = client_for(as_year(admin_user, 2026)).get(reverse("advisers:list")).context["rows"]
    assert [badge.label for badge in rows[0]["badges"]] == ["合同30日内到期"]
