"""A village clerk's import applies exactly the scope of the add and edit forms: their own village only, and a
key that matches a record they may not see is refused without saying that the record exists."""

import datetime

import pytest
from django.urls import reverse

from disputes.models import Dispute
from tests.disputes.factories import DisputeFactory
from tests.helpers import upload, xlsx_bytes
from township.models import Village

HEADERS = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "纠纷简要情况"]


def sheet(*rows) -> dict:
    return {"file": upload("纠纷台账.xlsx", xlsx_bytes(HEADERS, [list(row) for row in rows]))}


def errors_of(response) -> dict[int, list[tuple[str, str]]]:
    return {row.sheet_row: row.errors for row in response.context["outcome"].error_rows}


@pytest.fixture
def clerk(client_for, village_clerk_user, media_root):
    return client_for(village_clerk_user)


def test_a_row_for_another_village_is_refused_with_its_sheet_row(clerk, village, second_village):
    response = clerk.post(reverse("disputes:import"), sheet(
        ["DX-1", "2025-03-05", "排查发现", "邻里", village.name, "张三", "排水"],
        ["DX-2", "2025-03-06", "排查发现", "邻里", second_village.name, "李四", "宅基地"],
    ))
    assert response.status_code == 400
    assert errors_of(response) == {4: [("所在村（社区）", "您只能导入本村（社区）的记录。")]}
    assert not Dispute.objects.exists()


def test_another_villages_record_cannot_be_overwritten_by_its_number_nor_is_its_existence_told(
        clerk, daxi, village, second_village):
    theirs = DisputeFactory(township=daxi, village=second_village, number="DX-TJ-2025-005", party_name="王五")
    response = clerk.post(reverse("disputes:import"), sheet(
        ["DX-TJ-2025-005", "2025-03-05", "排查发现", "邻里", village.name, "张三", "排水"],
    ))
    assert response.status_code == 400
    assert errors_of(response) == {3: [("编号", "不能使用该编号")]}
    theirs.refresh_from_db()
    assert (theirs.village, theirs.party_name, theirs.version) == (second_village, "王五", 1)
    assert "王五" not in response.content.decode() and "酉水村" not in response.content.decode()


def test_another_villages_record_cannot_be_reached_through_the_system_id(clerk, daxi, village, second_village):
    theirs = DisputeFactory(township=daxi, village=second_village)
    data = xlsx_bytes([*HEADERS, "系统编号"], [["", "2025-03-05", "排查发现", "邻里", village.name, "张三", "排水", theirs.pk]])
    response = clerk.post(reverse("disputes:import"), {"file": upload("x.xlsx", data)})
    assert response.status_code == 400
    assert [column for column, _message in errors_of(response)[3]] == ["系统编号"]
    theirs.refresh_from_db()
    assert theirs.village == second_village


def test_the_clerk_imports_their_own_villages_rows(clerk, village, daxi):
    token = clerk.post(reverse("disputes:import"), sheet(
        ["DX-1", "2025-03-05", "排查发现", "邻里", village.name, "张三", "排水"],
    )).context["token"]
    assert clerk.post(reverse("disputes:import"), {"token": token}).status_code == 302
    assert list(Dispute.objects.values_list("number", "village__name")) == [("DX-1", village.name)]


def test_the_admin_imports_any_village(client_for, admin_user, media_root, village, second_village):
    client = client_for(admin_user)
    response = client.post(reverse("disputes:import"), sheet(
        ["DX-2", "2025-03-06", "排查发现", "邻里", second_village.name, "李四", "宅基地"],
    ))
    assert response.status_code == 200 and not response.context["outcome"].error_rows


def test_the_import_command_without_a_user_is_not_scoped(daxi, village, second_village, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "纠纷.xlsx"
    path.write_bytes(xlsx_bytes(HEADERS, [["DX-3", "2025-03-06", "排查发现", "邻里", second_village.name, "李四", "宅基地"]]))
    call_command("import_ledger", "disputes", str(path), "--township", daxi.code)
    assert Dispute.objects.get(number="DX-3").village == second_village
    assert Village.objects.count() == 2
    assert datetime.date(2025, 3, 6) == Dispute.objects.get(number="DX-3").registered_on
