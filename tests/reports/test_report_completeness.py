"""Finalize and publish refuse an unfinished report (issue 12, item 1): every subsection with no records
behind it, or still holding a no-records text, a not-written mark or a figure no area reports, is listed;
a subsection marked 人工撰写 and typed in lets the report through, and its text is frozen like the rest."""

import pytest
from django.urls import reverse

from reports import drafting, services
from reports.models import AnnualReport, ReportLocked, ReportSection
from tests.helpers import form_data
from township import areas

from .conftest import DISPUTES_VALUES

PART_ONE_WITHOUT_RECORDS = ["（一）强化组织保障", "（二）深化理论武装", "（三）规范权力运行", "（五）深化普法宣传"]


@pytest.fixture
def draft(cast, contract_stats, media_root):
    """A draft with parts 二 and 三 written; part 一 as drafted (only disputes has records here)."""
    report = services.create_draft(township=cast.daxi, year=2025)
    for section in report.sections.filter(part__in=[2, 3]):
        section.prose = f"{section.heading}方面的情况。"
        section.save()
    return report


def finalize(client):
    return client.post(reverse("reports:finalize", args=[2025]), follow=True)


def section_of(report, part, order):
    return report.sections.get(part=part, order=order)


def write_by_hand(client, report, part, order, prose):
    section = section_of(report, part, order)
    url = reverse("reports:edit_section", args=[2025, section.pk])
    data = form_data(client.get(url).context["form"])
    data.update(manual="on", prose=prose)
    return client.post(url, data)


def test_finalize_lists_every_subsection_without_records_and_refuses(cast, draft, client_for):
    client = client_for(cast.admin_user)
    html = finalize(client).content.decode()
    assert "以下小节尚未完成，不能定稿" in html
    for heading in PART_ONE_WITHOUT_RECORDS:
        assert heading in html
    assert "（四）创新治理模式" not in html.split("以下小节尚未完成", 1)[1].split("</div>", 1)[0]
    assert AnnualReport.objects.get(pk=draft.pk).status == "draft"
    # the report page lists them before anyone presses 定稿, each linked to its editor
    page = client.get(reverse("reports:report", args=[2025])).content.decode()
    assert "还有 4 个小节未完成，完成后才能定稿" in page
    leadership = section_of(draft, 1, 1)
    assert reverse("reports:edit_section", args=[2025, leadership.pk]) in page


def test_finalize_is_allowed_once_those_subsections_are_written_by_hand_and_freezes_them(cast, draft, client_for):
    client = client_for(cast.admin_user)
    for order in (1, 2, 3, 5):
        response = write_by_hand(client, draft, 1, order, f"第{order}小节由人工撰写：全年召开专题会议4次。")
        assert response.status_code == 302
    assert section_of(draft, 1, 1).manual is True
    finalize(client)
    report = AnnualReport.objects.get(pk=draft.pk)
    assert report.status == "finalized"
    texts = [p for part in report.frozen_document["parts"] for s in part["sections"] for p in s["paragraphs"]]
    assert "第1小节由人工撰写：全年召开专题会议4次。" in texts
    section = section_of(report, 1, 1)
    section.prose = "定稿后改写。"
    with pytest.raises(ReportLocked):
        section.save()


def test_a_manual_subsection_needs_its_text(cast, draft, client_for):
    response = write_by_hand(client_for(cast.admin_user), draft, 1, 1, "")
    assert response.status_code == 200
    assert "标记为人工撰写的小节须填写正文。" in response.content.decode()
    assert section_of(draft, 1, 1).manual is False


def test_a_manual_subsection_still_holding_the_no_records_text_is_refused(cast, draft, client_for):
    client = client_for(cast.admin_user)
    for order in (2, 3, 5):
        write_by_hand(client, draft, 1, order, "人工撰写的内容。")
    no_records = areas.report_section("leadership").no_records
    write_by_hand(client, draft, 1, 1, no_records)
    html = finalize(client).content.decode()
    assert "（一）强化组织保障，压实法治建设责任：仍是占位文字" in html
    assert AnnualReport.objects.get(pk=draft.pk).status == "draft"


def test_an_area_with_records_but_none_this_year_is_refused_by_its_no_records_text(cast, draft, client_for,
                                                                                contract_stats):
    contract_stats[2025] = dict.fromkeys(DISPUTES_VALUES, 0)  # the disputes area reports, but nothing this year
    client = client_for(cast.admin_user)
    for order in (1, 2, 3, 5):
        write_by_hand(client, draft, 1, order, "人工撰写的内容。")
    html = finalize(client).content.decode()
    assert "（四）创新治理模式，筑牢矛盾化解防线：仍是占位文字“本年度尚无矛盾纠纷、信访事项和法律顾问的记录。”" in html


def test_a_figure_that_no_area_reports_is_refused(cast, draft, client_for):
    client = client_for(cast.admin_user)
    for order in (1, 2, 3, 5):
        write_by_hand(client, draft, 1, order, "人工撰写的内容。")
    section = section_of(draft, 2, 1)
    section.prose = "共有{governance.gone}名。"  # a figure its area no longer reports (the form would refuse it)
    section.save()
    html = finalize(client).content.decode()
    assert "含有没有数据的数字占位符：{governance.gone}" in html


def test_no_records_text_is_recognised_from_the_registry_whatever_it_says(cast, contract_stats, monkeypatch):
    """An area built later declares its own no-records text: the check reads it, no wording is hard-coded."""
    subsection = areas.report_section("outreach")
    monkeypatch.setattr(subsection, "no_records", "今年还没有录入任何宣传活动。")
    monkeypatch.setattr(subsection, "draft", lambda figures, year: "今年还没有录入任何宣传活动。")
    section = ReportSection(part=1, order=5, heading="深化普法宣传", topic="outreach")
    figures_by_app = {"outreach": {"outreach.events": object()}}  # the area reports figures, but none this year
    reason = drafting.unfinished_reason(section, figures_by_app, 2025)
    assert "今年还没有录入任何宣传活动。" in reason
    monkeypatch.setattr(subsection, "draft", lambda figures, year: "全年开展普法活动30场。")
    assert drafting.unfinished_reason(section, figures_by_app, 2025) == ""


def test_publish_refuses_a_report_finalized_before_the_check(cast, draft, client_for, monkeypatch):
    monkeypatch.setattr(drafting, "unfinished_sections", lambda *args: [])  # as finalize was before issue 12
    services.finalize(report=draft, user=cast.admin_user)
    monkeypatch.undo()
    client = client_for(cast.admin_user)
    html = client.post(reverse("reports:publish", args=[2025]), follow=True).content.decode()
    assert "以下小节尚未完成，不能公开" in html
    assert "一、（一）强化组织保障，压实法治建设责任：仍是占位文字" in html
    assert AnnualReport.objects.get(pk=draft.pk).status == "finalized"
    assert services.published_reports() == []


def test_a_revision_keeps_the_manual_marks(cast, draft, client_for):
    client = client_for(cast.admin_user)
    for order in (1, 2, 3, 5):
        write_by_hand(client, draft, 1, order, "人工撰写的内容。")
    finalize(client)
    revision = services.create_draft(township=cast.daxi, year=2025)
    assert list(revision.sections.filter(part=1).values_list("manual", flat=True)) == [True, True, True, False, True]
