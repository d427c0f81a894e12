"""In a browser: the clerk files a case, records the notice, the legal review and the decision, and the decision
appears on the public disclosure page with the party by surname only."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from enforcement.models import EnforcementCase
from tests.browser.conftest import login
from tests.factories import PersonFactory
from tests.governance.factories import CertificateFactory

ID_NUMBER = "500241198903201077"


def day(days_ago: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def test_clerk_files_and_decides_a_case_and_the_public_sees_it_by_surname(page, live_server, clerk_user, daxi, browser):
    for name, number in (("龙文军", "渝执500241001231"), ("刘桂兰", "渝执500241001232")):
        CertificateFactory(township=daxi, holder=PersonFactory(township=daxi, name=name, unit="镇综合行政执法大队"),
                           number=number, issued_on=datetime.date(2021, 6, 30), valid_until=datetime.date(2031, 6, 29))
    login(page, live_server, "clerk")

    page.goto(f"{live_server.url}/enforcement/cases/add/")
    page.fill("#id_number", "大溪综执立〔2026〕88号")
    page.fill("#id_cause", "擅自在农用地上建设生产用房")
    page.select_option("#id_category", label="违法建设")
    page.fill("#id_filed_on", day(30))
    page.select_option("#id_officers", label="龙文军（渝执500241001231）")
    page.fill("#id_party_name", "彭正权")
    page.fill("#id_party_id_number", ID_NUMBER)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_contain_text("两名以上执法人员")  # one officer

    page.select_option("#id_officers", label=["龙文军（渝执500241001231）", "刘桂兰（渝执500241001232）"])
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已保存")
    expect(page.locator("h1")).to_contain_text("大溪综执立〔2026〕88号")
    expect(page.get_by_text("500241********1077").first).to_be_visible()  # masked on the case's page
    expect(page.get_by_text("作出处罚决定期限").first).to_be_visible()

    page.get_by_role("link", name="修改").click()
    page.fill("#id_notice_on", day(10))
    page.check("#id_is_major")
    page.fill("#id_legal_review_on", day(5))
    page.select_option("#id_legal_review_result", "passed")
    page.fill("#id_legal_review_opinion", "同意，事实清楚、证据确凿、程序合法")
    page.fill("#id_collective_discussion_on", day(4))
    page.fill("#id_decision_number", "大溪综执罚〔2026〕88号")
    page.fill("#id_decided_on", day(3))
    page.select_option("#id_decision_kind", "fine")
    page.fill("#id_amount", "3000")
    page.fill("#id_served_on", day(2))
    page.fill("#id_published_on", day(1))
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已保存")
    expect(page.locator(".badge", has_text="已决定")).to_be_visible()
    case = EnforcementCase.objects.get(number="大溪综执立〔2026〕88号")
    assert (case.decision_kind, case.legal_review_result, case.officers.count()) == ("fine", "passed", 2)

    public = browser.new_context(locale="zh-CN").new_page()  # someone who never logged in
    public.goto(f"{live_server.url}/public/enforcement/")
    public.get_by_role("link", name="执法人员与执法决定").first.click()
    row = public.locator("table.public-decisions tbody tr", has_text="大溪综执罚〔2026〕88号")
    expect(row).to_contain_text("彭某某")
    expect(row).to_contain_text("罚款3000元")
    expect(public.locator("table.public-officers")).to_contain_text("渝执500241001231")
    content = public.content()
    assert "彭正权" not in content and ID_NUMBER not in content
    public.context.close()
