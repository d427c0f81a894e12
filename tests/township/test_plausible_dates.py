"""A date is plausible or refused, with the field named, in forms and imports alike (issue 7, item 9).

Events (registered, received, accepted, closed, visited) lie between 2000-01-01 and today; dates ahead by
nature (a contract's end) up to 30 years ahead. A bare number is not a date: "2025" is not 1905-07-17.
"""

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from disputes.forms import DisputeForm, LegalAdviserForm
from disputes.models import Dispute
from disputes.resources import DisputeResource
from tests.disputes.factories import DisputeFactory, LegalAdviserFactory
from tests.helpers import form_data, xlsx_bytes
from township.fields import EventDateField, PlannedDateField, PlausibleDateField
from township.ledger.importer import import_sheet
from township.ledger.widgets import parse_flexible_date
from township.models import CalendarDay, TownshipRecord
from township.sheets import parse_sheet, read_rows

D = datetime.date
DISPUTE_HEADERS = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "调解结果", "结案日期", "回访日期"]


def dispute_row(number="TJ-1", registered="2025-03-05", **cells):
    row = {"编号": number, "排查日期": registered, "纠纷来源": "排查发现", "纠纷类型": "邻里",
           "所在村（社区）": "大溪社区", "当事人": "张三", "调解结果": "", "结案日期": None, "回访日期": None}
    row.update(cells)
    return [row[header] for header in DISPUTE_HEADERS]


def import_disputes(township, rows):
    resource = DisputeResource(township=township)
    data = xlsx_bytes(DISPUTE_HEADERS, rows)
    parsed = parse_sheet(read_rows(data, "sheet.xlsx"), resource.header_aliases(), list(resource.required))
    return import_sheet(resource, parsed, dry_run=False)


def today():
    return timezone.localdate()


# --- a bare number is not a date ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2025", "12", 2025, 12, 2025.3, "45664", 0, -3, 36525])
def test_a_bare_number_is_not_a_date(value):
    with pytest.raises(ValueError, match="不是日期"):
        parse_flexible_date(value)


def test_a_number_in_a_numeric_cell_is_an_excel_serial_only_in_a_plausible_range():
    assert parse_flexible_date(45664) == D(2025, 1, 7)  # a date cell Excel shows as "General"
    assert parse_flexible_date(36526) == D(2000, 1, 1)
    assert parse_flexible_date(48135) == D(2031, 10, 14)  # a certificate's valid-until, ahead by nature
    assert parse_flexible_date(20250305) == D(2025, 3, 5)  # 20250305 typed as a number
    assert parse_flexible_date("20250305") == D(2025, 3, 5)


def test_a_bare_number_in_a_date_column_is_refused_naming_row_and_column(daxi, village):
    outcome = import_disputes(daxi, [
        dispute_row("TJ-1", "2025"),  # text
        dispute_row("TJ-2", 12),  # a numeric cell
        dispute_row("TJ-3", "2025-03-05"),
    ])
    assert not outcome.written
    errors = {row.sheet_row: row.errors for row in outcome.error_rows}
    assert list(errors) == [3, 4]
    assert errors[3] == [("排查日期", "“2025”不是日期：请写明年月日，如 2025-03-05、2025/3/5、2025.3.5 或 2025年3月5日")]
    assert errors[4][0][0] == "排查日期" and "“12”不是日期" in errors[4][0][1]
    assert Dispute.all_objects.count() == 0


# --- events: 2000-01-01 … today ---------------------------------------------------------------------------


def date_fields_of_ledgers():
    for model in apps.get_models():
        if not (issubclass(model, TownshipRecord) or model is CalendarDay) or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField) and field.editable:
                yield model, field  # (computed dates, such as the stored due dates, are nobody's to type)


def test_every_date_of_every_ledger_declares_whether_it_is_an_event_or_planned():
    fields = list(date_fields_of_ledgers())
    assert len(fields) >= 19
    undeclared = [f"{model.__name__}.{field.name}" for model, field in fields if not isinstance(field, PlausibleDateField)]
    assert undeclared == []
    planned = sorted(f"{model.__name__}.{field.name}" for model, field in fields if isinstance(field, PlannedDateField))
    assert planned == [  # dates that lie ahead by nature; every other date is an event
        "AnnualReport.signature_date", "CalendarDay.date", "Campaign.end_on", "Campaign.start_on",
        "Certificate.valid_until", "KeyTask.due_on", "LegalAdviser.contract_end", "LegalAdviser.contract_start",
        "MajorDecision.comment_end_on", "MeetingIssue.due_on",
    ]


@pytest.mark.parametrize("field_name", ["registered_on", "mediation_started_on", "closed_on", "followup_on"])
def test_event_dates_before_2000_or_after_today_are_refused_by_the_field(field_name):
    field = Dispute._meta.get_field(field_name)
    assert isinstance(field, EventDateField)
    for bad in (D(1, 1, 1), D(1900, 1, 1), D(1999, 12, 31), today() + datetime.timedelta(days=1)):
        with pytest.raises(Exception, match="早于2000年1月1日|不能晚于今天") as caught:
            field.clean(bad, None)
        assert str(field.verbose_name) in str(caught.value)
    for good in (D(2000, 1, 1), today()):
        assert field.clean(good, None) == good


@pytest.mark.parametrize("typed", ["1900-01-01", "0001-01-01", "1999-12-31"])
def test_an_event_date_before_2000_is_refused_in_the_form_naming_the_field(typed, daxi, village, admin_user, client_for):
    data = form_data(DisputeForm(township=daxi, user=admin_user))
    data.update(registered_on=typed, source="applied", category="neighbours", party_name="张三", village=village.pk,
                summary="因排水沟堵塞发生争执")
    response = client_for(admin_user).post(reverse("disputes:add"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["registered_on"] == [f"排查（受理）日期“{typed}”早于2000年1月1日，请核对年份。"]
    assert Dispute.all_objects.count() == 0


def test_a_future_event_date_is_refused_in_the_form(daxi, village, admin_user, client_for):
    data = form_data(DisputeForm(township=daxi, user=admin_user))
    tomorrow = today() + datetime.timedelta(days=1)
    data.update(registered_on=tomorrow.isoformat(), source="applied", category="neighbours", party_name="张三",
                village=village.pk, summary="因排水沟堵塞发生争执")
    response = client_for(admin_user).post(reverse("disputes:add"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["registered_on"] == ["排查（受理）日期不能晚于今天。"]


def test_an_implausible_date_in_a_sheet_gets_the_forms_refusal_with_row_and_column(daxi, village):
    tomorrow = today() + datetime.timedelta(days=1)
    outcome = import_disputes(daxi, [
        dispute_row("TJ-1", datetime.datetime(1900, 1, 1)),  # a real date cell
        dispute_row("TJ-2", "0001-01-01"),
        dispute_row("TJ-3", "2025-03-05", 调解结果="调解成功", 结案日期="2025-03-20", 回访日期=tomorrow.isoformat()),
        dispute_row("TJ-4", "2025-03-05"),
    ])
    assert not outcome.written
    errors = {row.sheet_row: row.errors for row in outcome.error_rows}
    assert errors[3] == [("排查日期", "排查（受理）日期“1900-01-01”早于2000年1月1日，请核对年份。")]
    assert errors[4] == [("排查日期", "排查（受理）日期“0001-01-01”早于2000年1月1日，请核对年份。")]
    assert ("回访日期", "回访日期不能晚于今天。") in errors[5]
    assert 6 not in errors
    assert Dispute.all_objects.count() == 0


def test_the_date_picker_offers_only_plausible_dates(daxi, admin_user):
    form = DisputeForm(township=daxi, user=admin_user)
    attrs = form.fields["registered_on"].widget.attrs
    assert (attrs["min"], attrs["max"]) == ("2000-01-01", today().isoformat())
    adviser_form = LegalAdviserForm(township=daxi, user=admin_user)
    assert adviser_form.fields["contract_end"].widget.attrs["max"] == today().replace(year=today().year + 30).isoformat()


# --- dates ahead by nature: up to 30 years ahead ---------------------------------------------------------


def test_a_contract_may_end_years_ahead_but_not_in_another_century(daxi):
    adviser = LegalAdviserFactory.build(township=daxi, contract_start=D(2025, 1, 1),
                                        contract_end=today().replace(year=today().year + 5))
    adviser.full_clean()
    adviser.contract_end = today().replace(year=today().year + 31)
    with pytest.raises(Exception, match="合同结束日期不能晚于") as caught:
        adviser.full_clean()
    assert list(caught.value.message_dict) == ["contract_end"]
    adviser.contract_end, adviser.contract_start = D(2026, 12, 31), D(1900, 1, 1)
    with pytest.raises(Exception, match="合同开始日期“1900-01-01”早于2000年1月1日"):
        adviser.full_clean()


def test_a_dispute_registered_today_is_still_accepted(daxi, village):
    dispute = DisputeFactory.build(township=daxi, village=village, registered_on=today())
    dispute.full_clean()

