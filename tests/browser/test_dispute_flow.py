"""In a browser: the village clerk registers a dispute, mediates it to a written agreement, and finds it in
the ledger with its badge."""

from django.utils import timezone
from playwright.sync_api import expect

from disputes.models import Dispute
from tests.browser.conftest import login


def test_village_clerk_registers_a_dispute_mediates_it_to_a_written_agreement_and_sees_it_in_the_list(
    page, live_server, village_clerk_user, village
):
    today = timezone.localdate().isoformat()
    login(page, live_server, "village")

    page.goto(f"{live_server.url}/disputes/disputes/add/")
    expect(page.locator("#id_village option")).to_have_count(1)  # their own village, nothing else
    expect(page.locator("#id_registered_on")).to_have_value(today)
    page.select_option("#id_source", "当事人申请")
    page.select_option("#id_category", "邻里")
    page.fill("#id_party_name", "张小华")
    page.fill("#id_party_phone", "13800138000")
    page.fill("#id_other_party", "李大林")
    page.fill("#id_summary", "因修建围墙占用公共通道引发邻里矛盾")
    page.get_by_role("button", name="保存").click()

    expect(page.locator(".alert-success")).to_contain_text("已保存")
    expect(page.locator("h1")).to_contain_text(f"TJ-{today[:4]}-001")
    expect(page.locator(".badge", has_text="已登记")).to_be_visible()
    expect(page.get_by_text("138****8000").first).to_be_visible()  # the phone is masked on the record's page
    expect(page.get_by_text("调解期限").first).to_be_visible()  # the deadline and its article
    expect(page.get_by_text("《人民调解工作若干规定》第三十六条").first).to_be_visible()

    page.get_by_role("link", name="修改").click()
    page.select_option("#id_status", "调解成功")
    page.fill("#id_mediation_started_on", today)
    page.fill("#id_closed_on", today)
    page.select_option("#id_agreement_form", "书面")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_contain_text("书面调解协议须载明")  # terms first

    page.fill("#id_agreement_terms", "双方各自后退半米，共同出资修建排水沟，于十日内完工。")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已保存")

    page.goto(f"{live_server.url}/disputes/disputes/")
    row = page.locator("table.table-ledger tbody tr", has_text="张小华")
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text(["已化解"])
    expect(row).to_contain_text("138****8000")
    dispute = Dispute.objects.get(party_name="张小华")
    assert (dispute.status, dispute.agreement_form, dispute.village_id) == ("succeeded", "written", village.pk)
