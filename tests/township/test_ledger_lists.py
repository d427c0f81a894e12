"""Ledger lists (issue 12, item 14): page numbers with first and last, a page size to choose, the 提示 column
only on ledgers with badges, and dates as 2025年3月5日."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.disputes.factories import ConsultationFactory, DisputeFactory


@pytest.fixture
def disputes_2025(daxi, village, admin_user, as_year):
    as_year(admin_user, 2025)
    return DisputeFactory.create_batch(45, township=daxi, village=village, registered_on=datetime.date(2025, 3, 5))


def test_pages_are_numbered_with_first_and_last_and_a_chosen_size(client_for, admin_user, disputes_2025):
    client = client_for(admin_user)
    page = client.get(reverse("disputes:list"), {"per_page": "20", "page": "2"}).content.decode()
    assert page.count('class="pagination') == 1
    pagination = page.split('class="pagination', 1)[1].split("</ul>", 1)[0]
    assert re.search(r'href="\?per_page=20&amp;page=1">首页</a>', pagination)
    assert re.search(r'href="\?per_page=20&amp;page=3">末页</a>', pagination)
    assert '<li class="page-item active" aria-current="page"><span class="page-link">2</span>' in pagination
    assert 'href="?per_page=20&amp;page=3">3</a>' in pagination
    assert '<option value="20" selected>' in page
    assert len(client.get(reverse("disputes:list"), {"per_page": "20"}).context["rows"]) == 20
    assert len(client.get(reverse("disputes:list"), {"per_page": "100"}).context["rows"]) == 45
    assert len(client.get(reverse("disputes:list"), {"per_page": "7"}).context["rows"]) == 45  # not a choice: 50


def test_the_hint_column_is_shown_only_on_ledgers_with_badges(client_for, admin_user, disputes_2025, daxi, village):
    ConsultationFactory(township=daxi, village=village, date=datetime.date(2025, 3, 5))
    client = client_for(admin_user)
    assert '<th scope="col">提示</th>' in client.get(reverse("disputes:list")).content.decode()
    assert "提示" not in client.get(reverse("consultations:list")).content.decode()


def test_dates_on_a_list_read_as_chinese_dates(client_for, admin_user, disputes_2025):
    page = client_for(admin_user).get(reverse("disputes:list")).content.decode()
    assert "2025年3月5日" in page and "2025-03-05" not in page
