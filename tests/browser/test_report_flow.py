"""The annual report as people use it: the admin edits a subsection, finalizes and publishes the report,
and a visitor who is not logged in downloads its PDF from the public page."""

from pathlib import Path

from playwright.sync_api import expect

from reports import services
from reports.models import AnnualReport
from reports.pdf import pdf_facts

from .conftest import login


def test_admin_edits_finalizes_publishes_and_the_public_downloads_the_pdf(
    browser, page, live_server, daxi, admin_user, media_root
):
    report = services.create_draft(township=daxi, year=2025)
    for section in report.sections.filter(part__in=[2, 3]).exclude(part=2, order=1):
        section.prose = f"{section.heading}方面的情况。"
        section.save()
    for section in report.sections.filter(part=1):  # no records in this test: part 一 is written by hand
        section.manual, section.prose = True, f"{section.heading}方面人工撰写的情况。"
        section.save()

    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/reports/2025/")
    expect(page.locator(".report-document h1")).to_have_text("大溪镇2025年法治政府建设情况报告")

    # edit part 二 (一), the one subsection nobody has written yet
    page.locator(".report-outline li", has_text="法治队伍专业能力有待提升").get_by_role("link", name="编辑").click()
    page.locator("textarea[name=prose]").fill("执法人员中具有法律专业背景的仍然偏少，实战化培训不足。")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".report-document")).to_contain_text("执法人员中具有法律专业背景的仍然偏少，实战化培训不足。")

    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations of finalize and publish
    page.get_by_role("button", name="定稿").click()
    expect(page.locator(".alert-success")).to_contain_text("报告已定稿")
    page.get_by_role("button", name="公开").click()
    expect(page.locator(".alert-success")).to_contain_text("已公开第1版")
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.PUBLISHED

    visitor = browser.new_context(locale="zh-CN", accept_downloads=True, base_url=live_server.url)
    try:
        public = visitor.new_page()
        public.goto(f"{live_server.url}/public/reports/")
        row = public.locator("tr", has_text="大溪镇2025年法治政府建设情况报告")
        link = row.get_by_role("link", name="PDF")
        href = link.get_attribute("href")
        assert href == "/public/reports/daxi/2025/pdf/"
        with public.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename == "大溪镇2025年法治政府建设情况报告.pdf"
        facts = pdf_facts(Path(download.path()).read_bytes())
        text = "".join(facts["texts"]).replace("\n", "")
        assert "执法人员中具有法律专业背景的仍然偏少" in text
        assert facts["missing_glyphs"] == 0
    finally:
        visitor.close()
