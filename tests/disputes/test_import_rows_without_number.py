"""Rows whose number cell is blank are matched on their content (date, village, party, summary): a sheet
imported twice creates nothing new, and two identical rows of one sheet are refused naming both rows."""

import pytest
from django.urls import reverse

from disputes.models import Dispute, Petition
from tests.helpers import upload, xlsx_bytes

HEADERS = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "纠纷简要情况"]
ROWS = [
    ["", "2025-03-05", "排查发现", "邻里", "大溪社区", "张三", "排水沟堵塞"],
    ["", "2025/3/6", "当事人申请", "婚姻家庭", "酉水村", "李四", "赡养老人"],
]


@pytest.fixture
def client(client_for, admin_user, media_root, village, second_village):
    return client_for(admin_user)


def run_import(client, rows, headers=HEADERS):
    url = reverse("disputes:import")
    preview = client.post(url, {"file": upload("纠纷.xlsx", xlsx_bytes(headers, rows))})
    if preview.status_code != 200:
        return preview
    return client.post(url, {"token": preview.context["token"]})


def test_a_sheet_without_numbers_imported_twice_creates_its_records_once(client):
    assert run_import(client, ROWS).status_code == 302
    numbers = set(Dispute.objects.values_list("number", flat=True))
    assert len(numbers) == 2 and all(numbers)
    again = client.post(reverse("disputes:import"), {"file": upload("纠纷.xlsx", xlsx_bytes(HEADERS, ROWS))})
    assert again.context["outcome"].counts == {"new": 0, "update": 0, "skip": 2, "invalid": 0}
    assert set(Dispute.objects.values_list("number", flat=True)) == numbers


def test_a_date_written_differently_is_the_same_content(client):
    run_import(client, ROWS)
    rows = [[*ROWS[0][:1], "2025年3月5日", *ROWS[0][2:]]]
    again = client.post(reverse("disputes:import"), {"file": upload("纠纷.xlsx", xlsx_bytes(HEADERS, rows))})
    assert again.context["outcome"].counts["skip"] == 1


def test_two_identical_rows_without_numbers_are_refused_naming_both(client):
    response = client.post(reverse("disputes:import"),
                           {"file": upload("纠纷.xlsx", xlsx_bytes(HEADERS, [ROWS[0], ROWS[1], ROWS[0]]))})
    assert response.status_code == 400
    errors = {row.sheet_row: row.errors for row in response.context["outcome"].error_rows}
    assert errors == {5: [("排查日期", "与第 3 行重复")]}
    assert not Dispute.objects.exists()


def test_petitions_without_numbers_are_matched_too(client_for, admin_user, media_root, village):
    client = client_for(admin_user)
    headers = ["信访编号", "来信来访日期", "渠道", "信访人", "信访事项", "问题类别"]
    rows = [["", "2025-04-01", "来信", "王五", "反映道路破损", "城乡建设"]]
    url = reverse("petitions:import")
    for _ in range(2):
        preview = client.post(url, {"file": upload("信访.xlsx", xlsx_bytes(headers, rows))})
        if preview.context["token"]:
            client.post(url, {"token": preview.context["token"]})
    assert Petition.objects.count() == 1
