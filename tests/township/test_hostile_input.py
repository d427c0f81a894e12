"""Input no clerk means but a browser, a bookmark or a sheet can send: superscript and full-width digits, numbers
past any integer column, dates with digits run on. Each was a 500 (or a wrong date) found by the fuzzing of
tests/fuzz (issue 13 item 10); here each is answered as a person's mistake is."""

import pytest
from django.urls import reverse

from outreach.models import Occasion
from tests.helpers import upload, xlsx_bytes
from tests.outreach.factories import OccasionFactory
from township.ledger.changes import ImportChoices
from township.ledger.widgets import parse_flexible_date
from township.numbers import plain_int

HUGE = "99999999999999999999"  # 20 digits: past a 64-bit integer


def test_plain_int_takes_ascii_digits_within_the_range_only():
    assert plain_int("2025") == 2025 and plain_int(" 7 ") == 7
    assert plain_int("2025", low=2000, high=2100) == 2025
    for text in ("²", "２０２５", "١٢", "-1", "1.0", "", HUGE, "2147483648" * 3):
        assert plain_int(text) is None, text
    assert plain_int("2101", low=2000, high=2100) is None


@pytest.mark.parametrize("query", [{"year": "²"}, {"year": HUGE}, {"per_page": "²"}, {"per_page": HUGE},
                                   {"page": "²"}, {"page": HUGE}, {"village": HUGE}])
def test_a_list_with_odd_numbers_in_its_query_is_never_a_server_error(query, client_for, admin_user, village,
                                                                      as_year):
    response = client_for(as_year(admin_user, 2025)).get(reverse("disputes:list"), query)
    assert response.status_code in (200, 404)  # a page past the last one is Django's 404


def test_a_list_asked_for_a_superscript_year_shows_the_users_year(client_for, admin_user, village, as_year):
    response = client_for(as_year(admin_user, 2024)).get(reverse("disputes:list"), {"year": "²⁰²⁵"})
    assert response.status_code == 200 and response.wsgi_request.year == 2024


def test_the_confirmation_ignores_ticks_and_matches_that_are_not_plain_numbers():
    from django.http import QueryDict

    data = QueryDict(f"confirm_row=²&confirm_row=3&match_²=4&match_5=²&match_6={HUGE}&match_7=8")
    choices = ImportChoices.from_data(data)
    assert choices.confirmed_rows == {3} and choices.matches == {7: 8}


def test_an_edit_posted_with_a_superscript_version_is_refused_as_a_form_error(client_for, admin_user, daxi):
    occasion = OccasionFactory(township=daxi)
    response = client_for(admin_user).post(reverse("outreach_occasions:edit", args=[occasion.pk]),
                                           {"name": "宪法日", "version": "²"})
    assert response.status_code == 400
    occasion.refresh_from_db()
    assert occasion.name != "宪法日"


@pytest.mark.parametrize("day", ["2147483648", HUGE])
def test_an_occasion_day_past_any_month_is_refused_with_the_month_named(day, client_for, admin_user, daxi):
    before = Occasion.objects.count()  # a township starts with the national occasions
    response = client_for(admin_user).post(reverse("outreach_occasions:add"),
                                           {"name": "宪法日", "month": "12", "day": day, "version": "1"})
    assert response.status_code == 400
    assert "12月没有" in response.content.decode()
    assert Occasion.objects.count() == before


@pytest.mark.parametrize("record_id", ["²", HUGE, "-1"])
def test_a_sheet_naming_an_odd_system_number_is_refused_row_by_row(record_id, client_for, admin_user, daxi,
                                                                  media_root):
    before = Occasion.objects.count()
    sheet = xlsx_bytes(["系统编号", "名称", "月", "日"], [[record_id, "宪法日", 12, 4]])
    response = client_for(admin_user).post(reverse("outreach_occasions:import"), {"file": upload("节点.xlsx", sheet)})
    assert response.status_code == 400
    errors = [message for row in response.context["outcome"].error_rows for _column, message in row.errors]
    assert any("系统编号" in message for message in errors), errors
    assert Occasion.objects.count() == before


@pytest.mark.parametrize("text", ["2025年1月2147483648日", "2025-01-0599", "2025/1/123", "2025.12.310"])
def test_a_date_with_more_digits_than_a_day_is_not_read_as_its_first_two(text):
    with pytest.raises(ValueError, match="无法识别"):
        parse_flexible_date(text)


@pytest.mark.parametrize("text", ["2025-03-05 10:30", "2025-03-05 10:30:00", "2025-03-05T10:30:00", "2025年3月5日",
                                  "2025 年 3 月 5 日"])
def test_a_date_followed_by_a_time_or_written_with_spaces_is_still_read(text):
    import datetime

    assert parse_flexible_date(text) == datetime.date(2025, 3, 5)


YEAR_FILTERS = [("meeting-issues", "resolved_year"), ("certificates", "issued_year"), ("equipment", "in_service"),
                ("petitions", "accepted_year"), ("outreach_venues", "upgraded_year"),
                ("outreach_venues", "named_year")]


@pytest.mark.parametrize(("slug", "name"), YEAR_FILTERS)
@pytest.mark.parametrize("value", ["0", "1E400", HUGE, "-5", "²", "2025.5"])
def test_a_year_filter_given_no_plausible_year_is_ignored_not_a_server_error(slug, name, value, client_for,
                                                                              admin_user, as_year):
    response = client_for(as_year(admin_user, 2025)).get(reverse(f"{slug}:list"), {name: value})
    assert response.status_code == 200
    assert not response.context["filter"].is_valid()


@pytest.mark.parametrize(("slug", "name"), YEAR_FILTERS)
def test_a_year_filter_still_takes_a_year(slug, name, client_for, admin_user, as_year):
    response = client_for(as_year(admin_user, 2025)).get(reverse(f"{slug}:list"), {name: "2025"})
    assert response.status_code == 200
    assert response.context["filter"].is_valid()


@pytest.mark.parametrize("chosen", [str(2**63), "1" * 201, "²"])
def test_a_several_records_choice_with_an_id_no_column_holds_is_a_form_error(chosen, client_for, admin_user, daxi,
                                                                             village):
    """Found by the long fuzz run (tests/fuzz/test_forms.py): 2**63 in 调解员 or 委员 was a 500 on SQLite."""
    from disputes.models import MediationCommittee

    response = client_for(admin_user).post(reverse("committees:add"),
                                           {"name": "试点调委会", "village": village.pk, "members": [chosen],
                                            "version": "1"})
    assert response.status_code == 400
    assert "members" in response.context["form"].errors
    assert not MediationCommittee.objects.filter(name="试点调委会").exists()
