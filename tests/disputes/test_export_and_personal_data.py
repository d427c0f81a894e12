"""Export writes the importer's layout; re-importing it changes nothing. ID numbers and phones are masked
in lists, details and exports; only admins and the clerk who entered a record reveal them, and it is logged."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from disputes.models import Dispute, Petition
from disputes.resources import DisputeResource, PetitionResource
from tests.disputes.factories import DisputeFactory
from tests.disputes.test_import import import_bytes
from tests.helpers import form_data, read_xlsx, xlsx_bytes
from township.models import PersonalDataLog

RECORD_ID_COLUMN = "系统编号"  # township.ledger.resources adds each record's id to exports (when it does)

DISPUTE_LAYOUT = [
    "序号", "编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "网格", "当事人", "对方当事人", "联系电话",
    "身份证号", "纠纷简要情况", "风险等级", "调解员", "调解结果", "协议形式", "涉及金额（元）", "结案日期",
    "是否申请司法确认", "回访日期", "回访情况", "备注",
]
PETITION_LAYOUT = [
    "序号", "信访编号", "来信来访日期", "渠道", "信访人", "人数", "联系电话", "所在村（社区）", "信访事项", "问题类别",
    "受理情况", "受理日期", "受理告知日期", "办理期限", "延期天数", "延期理由", "延期批准人", "办结日期", "处理意见书编号",
    "是否按期", "满意度", "复查/复核", "备注",
]


@pytest.fixture
def imported(daxi_villages, daxi, sample):
    assert import_bytes(DisputeResource, daxi, sample("disputes-2025.xlsx")).written
    assert import_bytes(PetitionResource, daxi, sample("petitions-2025.xlsx")).written


def state_of(model) -> list[tuple]:
    """Every stored value, version and history entry: what 'changes nothing' means."""
    rows = [tuple(v for k, v in values.items() if k != "updated_at") for values in model.all_objects.order_by("pk").values()]
    return rows + [("history", model.history.count())]


def export(client, ledger, **query) -> bytes:
    response = client.get(reverse(f"{ledger}:export"), query)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize(("ledger", "model", "resource", "layout"), [
    ("disputes", Dispute, DisputeResource, DISPUTE_LAYOUT),
    ("petitions", Petition, PetitionResource, PETITION_LAYOUT),
])
def test_masked_export_reimported_changes_nothing(
    imported, daxi, clerk_user, client_for, as_year, ledger, model, resource, layout
):
    content = export(client_for(as_year(clerk_user, 2025)), ledger)
    rows = read_xlsx(content)
    assert rows[0][0] == f"大溪镇2025年{model._meta.verbose_name_plural}"
    assert [header for header in rows[1] if header != RECORD_ID_COLUMN] == layout  # plus the portal's record id
    before = state_of(model)
    outcome = import_bytes(resource, daxi, content)
    assert outcome.error_rows == []
    assert outcome.counts == {"new": 0, "update": 0, "skip": len(rows) - 2, "invalid": 0}
    assert state_of(model) == before


@pytest.mark.parametrize(("ledger", "model", "resource"), [
    ("disputes", Dispute, DisputeResource), ("petitions", Petition, PetitionResource),
])
def test_full_export_by_the_admin_reimported_changes_nothing(
    imported, daxi, admin_user, client_for, as_year, ledger, model, resource
):
    content = export(client_for(as_year(admin_user, 2025)), ledger, reveal="1")
    before = state_of(model)
    assert import_bytes(resource, daxi, content).counts["skip"] == len(read_xlsx(content)) - 2
    assert state_of(model) == before


def test_an_edited_export_updates_only_the_edited_record(imported, daxi, clerk_user, client_for, as_year):
    content = export(client_for(as_year(clerk_user, 2025)), "disputes")
    rows = read_xlsx(content)
    rows[2][rows[1].index("回访情况")] = "协议已履行，再次回访无异议"
    outcome = import_bytes(DisputeResource, daxi, xlsx_bytes(rows[1], rows[2:], title=rows[0][0]))
    assert outcome.counts == {"new": 0, "update": 1, "skip": 11, "invalid": 0}
    assert Dispute.objects.get(number=rows[2][1]).followup_note == "协议已履行，再次回访无异议"


def test_export_command_then_import_command_changes_nothing(imported, daxi, admin_user, tmp_path):
    path = tmp_path / "disputes.xlsx"
    call_command("export_ledger", "disputes", "--township", "daxi", "--year", "2025", "--output", str(path),
                 stdout=io.StringIO())
    before = state_of(Dispute)
    stdout = io.StringIO()
    call_command("import_ledger", "disputes", str(path), "--township", "daxi", stdout=stdout)
    assert "未变化 12" in stdout.getvalue()
    assert state_of(Dispute) == before


def test_export_masks_id_numbers_and_phones_and_is_logged(imported, clerk_user, client_for, as_year):
    rows = read_xlsx(export(client_for(as_year(clerk_user, 2025)), "disputes"))
    first = dict(zip(rows[1], next(row for row in rows if row[1] == "DX-TJ-2025-001"), strict=True))
    assert (first["联系电话"], first["身份证号"]) == ("194****3997", "500241********5757")
    log = PersonalDataLog.objects.get()
    assert (log.user, log.action, log.ledger) == (clerk_user, PersonalDataLog.Action.EXPORT, "disputes")
    assert "已脱敏" in log.detail


def test_full_export_is_for_admins_only(imported, clerk_user, client_for, as_year):
    response = client_for(as_year(clerk_user, 2025)).get(reverse("disputes:export"), {"reveal": "1"})
    assert response.status_code == 403


@pytest.fixture
def entered(daxi, village, clerk_user):
    """A dispute entered by the clerk (the history records who created it)."""
    dispute = DisputeFactory.build(township=daxi, village=village, party_phone="13812345678",
                                   party_id_number="500241198801085757", registered_on=datetime.date(2025, 5, 5))
    dispute._history_user = clerk_user
    dispute.save()
    return dispute


def test_list_shows_phones_masked(entered, leader_user, client_for, as_year):
    page = client_for(as_year(leader_user, 2025)).get(reverse("disputes:list")).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page


def test_detail_shows_id_number_and_phone_masked(entered, leader_user, client_for):
    page = client_for(leader_user).get(reverse("disputes:detail", args=[entered.pk])).content.decode()
    assert "500241********5757" in page and "138****5678" in page
    assert "500241198801085757" not in page and "13812345678" not in page


@pytest.mark.parametrize("role", ["admin", "clerk"])
def test_admin_and_the_clerk_who_entered_the_record_reveal_it_and_the_reveal_is_logged(
    entered, users, client_for, role
):
    response = client_for(users[role]).post(reverse("disputes:reveal", args=[entered.pk]))
    assert response.status_code == 200
    assert "500241198801085757" in response.content.decode()
    log = PersonalDataLog.objects.get(action=PersonalDataLog.Action.REVEAL)
    assert (log.user, log.ledger, log.object_id) == (users[role], "disputes", entered.pk)


@pytest.mark.parametrize("role", ["leader", "village_clerk"])
def test_others_cannot_reveal_and_nothing_is_logged(entered, users, client_for, role):
    response = client_for(users[role]).post(reverse("disputes:reveal", args=[entered.pk]))
    assert response.status_code == 403
    assert not PersonalDataLog.objects.exists()


def test_a_second_clerk_cannot_reveal_what_the_first_entered(entered, daxi, client_for):
    from tests.factories import UserFactory
    from township.models import Role

    other = UserFactory(role=Role.CLERK, township=daxi, areas=["disputes"])
    assert client_for(other).post(reverse("disputes:reveal", args=[entered.pk])).status_code == 403


def test_editing_a_record_does_not_need_the_full_numbers_again(entered, clerk_user, client_for):
    from disputes.forms import DisputeForm

    client = client_for(clerk_user)
    data = form_data(DisputeForm(instance=entered, township=entered.township, user=clerk_user))
    data["note"] = "已回访"
    response = client.post(reverse("disputes:edit", args=[entered.pk]), data)
    assert response.status_code == 302
    entered.refresh_from_db()
    assert (entered.party_phone, entered.note) == ("13812345678", "已回访")


def test_a_clerk_who_may_not_reveal_edits_with_the_numbers_masked_and_they_are_kept(entered, daxi, client_for):
    from tests.factories import UserFactory
    from township.models import Role

    other = client_for(UserFactory(role=Role.CLERK, township=daxi, areas=["disputes"]))
    form_page = other.get(reverse("disputes:edit", args=[entered.pk]))
    page = form_page.content.decode()
    assert "13812345678" not in page and "138****5678" in page
    data = form_data(form_page.context["form"]) | {"note": "已回访"}
    assert other.post(reverse("disputes:edit", args=[entered.pk]), data).status_code == 302
    entered.refresh_from_db()
    assert (entered.party_phone, entered.note) == ("13812345678", "已回访")
