"""Start pages (issue 12, item 15): a village clerk's shows their own village's open items and deadlines and
what they enter, with counts, and nothing their role does not read (no petitions: 《信访工作条例》第三十条);
each area's page has its ledgers with counts, or where to write its report subsection by hand."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from disputes import rules
from tests.disputes.factories import ConsultationFactory, DisputeFactory, PetitionFactory
from township import areas

D = datetime.date
REAL_LOCALDATE = timezone.localdate


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate",
                        lambda value=None, timezone=None: D(2025, 6, 1) if value is None else REAL_LOCALDATE(value, timezone))


@pytest.fixture
def records(daxi, village, second_village):
    own_overdue = DisputeFactory(township=daxi, village=village, number="OWN-1", registered_on=D(2025, 4, 1),
                                 status=rules.DISPUTE_OPEN)
    DisputeFactory(township=daxi, village=village, number="OWN-2", registered_on=D(2025, 5, 28), status=rules.DISPUTE_OPEN)
    DisputeFactory(township=daxi, village=second_village, number="OTHER-1", registered_on=D(2025, 4, 1),
                   status=rules.DISPUTE_OPEN)
    PetitionFactory(township=daxi, village=village, number="XF-OWN", received_on=D(2025, 3, 1))
    ConsultationFactory(township=daxi, village=village, date=D(2025, 5, 1))
    return own_overdue


def test_a_village_clerks_start_page_lists_their_open_items_deadlines_and_what_to_enter(
        client_for, village_clerk_user, as_year, records):
    response = client_for(as_year(village_clerk_user, 2025)).get("/")
    page = response.content.decode()
    assert "大溪社区 · 2025年工作台" in page
    open_items = page.split('id="open-heading"', 1)[1].split("</section>", 1)[0]
    assert "OWN-1" in open_items and "已逾期 1 件" in open_items and "办理中 2 件" in open_items
    [alert] = records.alerts(D(2025, 6, 1))
    assert date_format(alert.deadline.due) in open_items  # the mediation period's end, with its year
    assert "OTHER-1" not in page  # another village's dispute
    entering = {summary.slug: summary.count for summary in response.context["to_enter"]}
    assert (entering["disputes"], entering["consultations"]) == (2, 1)  # and any other ledger they enter
    assert "petitions" not in entering
    assert f'href="{reverse("disputes:add")}"' in page and f'href="{reverse("consultations:add")}"' in page
    main = page.split("<main", 1)[1]
    assert "信访" not in main and "XF-OWN" not in main and "petitions" not in main  # no petition, not even a count


def test_an_area_page_lists_its_ledgers_with_the_years_counts(client_for, admin_user, as_year, records):
    response = client_for(as_year(admin_user, 2025)).get(reverse("disputes"))
    counts = {summary.slug: summary.count for summary in response.context["summaries"]}
    assert counts["disputes"] == 3 and counts["petitions"] == 1 and counts["consultations"] == 1
    page = response.content.decode()
    assert '<h1 class="h4 mb-1">矛盾纠纷与信访</h1>' in page
    assert 'data-ledger="disputes"' in page and "已逾期 2" in page


def test_a_village_clerks_area_page_has_no_petitions(client_for, village_clerk_user, as_year, records):
    response = client_for(as_year(village_clerk_user, 2025)).get(reverse("disputes"))
    assert "petitions" not in {summary.slug for summary in response.context["summaries"]}


def test_an_area_not_kept_in_the_portal_points_to_writing_its_subsection_by_hand(client_for, admin_user, as_year,
                                                                                 monkeypatch):
    monkeypatch.setattr(areas.area("governance"), "ledgers", ())  # as it was before its ledgers were built
    page = client_for(as_year(admin_user, 2025)).get(reverse("governance")).content.decode()
    assert "人工撰写" in page and "组织领导与责任落实" in page and "学法培训与执法资格" in page
    assert f'href="{reverse("reports:report", args=[2025])}"' in page
