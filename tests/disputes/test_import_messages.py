"""Messages a clerk can act on (issue 7, item 16): an error on a sheet names a column the sheet has, a repeated
row says which row it repeats and nothing else, and a NUL character is named in correct Chinese.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from disputes import rules
from disputes.forms import DisputeForm
from disputes.models import Dispute
from disputes.resources import DisputeResource
from tests.disputes.factories import DisputeFactory
from tests.helpers import form_data, xlsx_bytes
from township.ledger.importer import import_sheet
from township.sheets import parse_sheet, read_rows

D = datetime.date
HEADERS = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "调解结果"]


def import_rows(township, rows, headers=HEADERS, name="sheet.xlsx", data=None):
    resource = DisputeResource(township=township)
    data = data if data is not None else xlsx_bytes(headers, rows)
    parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), list(resource.required))
    return import_sheet(resource, parsed, dry_run=False)


def test_a_conflict_with_a_date_the_sheet_lacks_is_named_under_the_sheets_own_column(daxi, village):
    # mediation began on 10 May (entered in the portal); the sheet now says the dispute was registered on 15 May
    DisputeFactory(township=daxi, village=village, number="TJ-1", registered_on=D(2025, 5, 10), mediated=True)
    outcome = import_rows(daxi, [["TJ-1", "2025-05-15", "排查发现", "邻里", "大溪社区", "张三", "调解成功"]])
    assert not outcome.written
    [row] = outcome.error_rows
    assert row.errors == [("排查日期", "开始调解日期（2025-05-10）不能早于排查（受理）日期（2025-05-15）。")]


def test_an_error_about_a_column_the_sheet_lacks_is_not_put_under_that_column(daxi, village):
    outcome = import_rows(daxi, [["TJ-1", "2025-05-15", "排查发现", "邻里", "大溪社区", "张三", "调解成功"]])
    [row] = outcome.error_rows
    assert row.errors == [("", "调解状态为“调解成功”时须填写结案日期。")]
    assert all(column in ("", *outcome.headers) for row in outcome.error_rows for column, _message in row.errors)


def test_a_duplicate_inside_one_sheet_says_only_which_row_it_repeats(daxi, village):
    row = ["TJ-1", "2025-05-15", "排查发现", "邻里", "大溪社区", "张三", ""]
    outcome = import_rows(daxi, [row, ["TJ-2", *row[1:]], row])
    assert not outcome.written
    assert [(bad.sheet_row, bad.errors) for bad in outcome.error_rows] == [(5, [("编号", "与第 3 行重复")])]
    assert Dispute.all_objects.count() == 0


def test_a_nul_character_in_a_form_gets_a_correct_chinese_message(daxi, village, admin_user, client_for):
    data = form_data(DisputeForm(township=daxi, user=admin_user))
    data.update(registered_on="2025-05-15", source="applied", category="neighbours", party_name="张\x00三",
                village=village.pk, summary="因排水沟堵塞发生争执")
    response = client_for(admin_user).post(reverse("disputes:add"), data)
    assert response.status_code == 400
    [message] = response.context["form"].errors["party_name"]
    assert "空字符" in message and "空字符串" not in message
    assert Dispute.all_objects.count() == 0


def test_a_nul_character_in_a_sheet_is_refused_with_the_same_message_naming_row_and_column(daxi, village):
    csv = "\r\n".join([",".join(HEADERS), "TJ-1,2025-05-15,排查发现,邻里,大溪社区,张\x00三,"]).encode("utf-8")
    outcome = import_rows(daxi, None, name="sheet.csv", data=csv)
    [row] = outcome.error_rows
    with translation.override("zh-hans"):
        expected = str(translation.gettext("Null characters are not allowed."))
    assert row.sheet_row == 2 and row.errors == [("当事人", expected)]
    assert "空字符" in expected and "空字符串" not in expected
    assert Dispute.all_objects.count() == 0


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_nul_message_is_translated_in_both_languages(language):
    with translation.override(language):
        message = str(translation.gettext("Null characters are not allowed."))
    assert message != "不允许是用空字符串。"
    assert ("空字符" in message) if language == "zh-hans" else (message == "Null characters are not allowed.")


def test_the_sample_status_column_keeps_its_messages(daxi, village):
    # a status error the sheet has a column for stays under that column
    outcome = import_rows(daxi, [["TJ-1", "2025-05-15", "排查发现", "邻里", "大溪社区", "张三", "已调解"]])
    [row] = outcome.error_rows
    assert row.errors[0][0] == "调解结果" and str(rules.DISPUTE_SUCCEEDED.label) in row.errors[0][1]


@pytest.mark.parametrize("ledger", ["disputes", "petitions", "villages", "people"])
def test_a_nul_character_in_a_search_is_not_a_500(ledger, daxi, village, admin_user, client_for):
    DisputeFactory(township=daxi, village=village, party_name="张三")
    client = client_for(admin_user)
    assert client.get(reverse(f"{ledger}:list"), {"q": "张\x00三"}).status_code == 200
    assert client.get(reverse(f"{ledger}:export"), {"q": "张\x00三"}).status_code == 200
