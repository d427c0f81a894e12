"""An import preview shows what each update changes, and a row that would turn an existing record into another
person's (the reference sample's DX-TJ-2025-005: same 编号, another party, village and date) is held back until
the clerk ticks it (issue 12, items 7 and 9)."""

import datetime

import pytest
from django.urls import reverse

from disputes import rules
from disputes.models import Dispute
from tests.disputes.factories import DisputeFactory
from tests.helpers import upload

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def stored_005(daxi, daxi_villages):
    """Another person's dispute already filed under the sample's 编号 DX-TJ-2025-005."""
    return DisputeFactory(township=daxi, number="DX-TJ-2025-005", party_name="彭水生", village=daxi_villages["清泉村"],
                          registered_on=datetime.date(2025, 1, 10), summary="因林地界址争议发生口角",
                          category=rules.DisputeType.LAND, source=rules.DisputeSource.APPLIED, party_phone="15200008334")


def preview(client, sample):
    response = client.post(reverse("disputes:import"), {"file": upload("disputes-2025.xlsx", sample("disputes-2025.xlsx"))})
    assert response.status_code == 200, response.context["outcome"].error_rows
    return response


def test_the_preview_shows_each_changed_field_and_holds_the_row_that_changes_party_village_and_date(
        client_for, admin_user, stored_005, sample):
    response = preview(client_for(admin_user), sample)
    outcome = response.context["outcome"]
    [row] = [row for row in outcome.rows if row.sheet_row == 8]
    assert row.action == "held" and outcome.counts["held"] == 1 and outcome.counts["new"] == 11
    changes = {change.column: (change.old, change.new, change.identity) for change in row.changes}
    assert changes["当事人"] == ("彭水生", "刘海波", True)
    assert changes["所在村（社区）"] == ("清泉村", "丰联村", True)
    assert changes["排查日期"] == (datetime.date(2025, 1, 10), datetime.date(2025, 1, 7), True)
    assert changes["纠纷类型"][2] is False  # a correction of the same dispute is not held for itself
    assert changes["联系电话"][:2] == ("152****8334", "136****0561")  # personal data masked in the preview
    page = response.content.decode()
    assert 'name="confirm_row" value="8"' in page and "待确认" in page
    assert "彭水生" in page and "刘海波" in page
    assert "2025年1月7日" in page and ">45664<" not in page  # the Excel serial shown as the date it is


def test_an_unticked_held_row_is_not_written_and_the_rest_is(client_for, admin_user, stored_005, sample):
    client = client_for(admin_user)
    token = preview(client, sample).context["token"]
    response = client.post(reverse("disputes:import"), {"token": token}, follow=True)
    assert response.status_code == 200
    stored_005.refresh_from_db()
    assert (stored_005.party_name, stored_005.village.name, stored_005.version) == ("彭水生", "清泉村", 1)
    assert Dispute.objects.count() == 12  # the eleven new rows and the untouched record
    assert "第 8 行" in response.content.decode()  # the clerk is told which row was left out


def test_a_ticked_held_row_updates_the_record(client_for, admin_user, stored_005, sample):
    client = client_for(admin_user)
    token = preview(client, sample).context["token"]
    assert client.post(reverse("disputes:import"), {"token": token, "confirm_row": "8"}).status_code == 302
    stored_005.refresh_from_db()
    assert (stored_005.party_name, stored_005.village.name) == ("刘海波", "丰联村")
    assert stored_005.registered_on == datetime.date(2025, 1, 7)


def test_an_update_of_other_fields_is_shown_and_written_without_a_tick(client_for, admin_user, daxi, daxi_villages,
                                                                      sample):
    DisputeFactory(township=daxi, number="DX-TJ-2025-005", party_name="刘海波", village=daxi_villages["丰联村"],
                   registered_on=datetime.date(2025, 1, 7), category="合同", source="公安移交", risk_level=rules.RISK_HIGH,
                   party_phone="13674000561", referred_to_police=True)
    client = client_for(admin_user)
    response = preview(client, sample)
    [row] = [row for row in response.context["outcome"].rows if row.sheet_row == 8]
    assert row.action == "update" and not row.identity_changes
    assert ("风险等级", "高", "低") in {(c.column, c.old, c.new) for c in row.changes}
    assert client.post(reverse("disputes:import"), {"token": response.context["token"]}).status_code == 302
    assert Dispute.objects.get(number="DX-TJ-2025-005").risk_level == rules.RISK_LOW


def test_identity_fields_default_to_the_village_and_the_year_field(daxi):
    from disputes.views import ConsultationLedger

    resource = ConsultationLedger.resource(township=daxi)
    assert resource.identity_attributes() == {"village", "date"}
