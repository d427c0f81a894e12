"""The demo reproduces figures.md rows 1-12 and 29 for Daxi 2025 as the portal computes them, with 2024 to compare
and Meijiang's own year; the report prints 一(一) and 一(二) in the reference's words, in HTML and PDF; the
dashboards show the area's figures, targets and certificate alerts."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from governance import stats
from reports.pdf import pdf_facts
from township.models import Township

# figures.md rows 1-12 and 29: key → the value Daxi's 2025 records give
REFERENCE = {
    "governance.key_tasks": 6,  # 明确6项重点任务清单
    "governance.party_sessions": 4,  # 全年召开党委专题会议研究法治建设工作4次
    "governance.reports_heard": 6,  # 听取工作汇报6次
    "governance.problems_solved": 5,  # 解决法治宣传、执法保障等关键问题5个
    "governance.seminars": 3,  # 组织专题研讨3次
    "governance.expert_lectures": 2,  # 专家讲座2场
    "governance.trainings": 2,  # 全年开展法治专题培训2次
    "governance.training_person_times": 106,  # 覆盖干部职工100余人次
    "governance.study_coverage": Decimal("100.0"),  # 实现党员干部学法全覆盖
    "governance.certification_trainees": 5,  # 组织5名干部参加行政执法资格认证培训
    "governance.certificates_issued": 3,  # 新增持证执法人员3人
    "governance.certified_officers": 7,  # 现有持证执法人员达7人
    "governance.exam_participation_rate": Decimal("100.0"),  # 参与率与通过率均达100%
    "governance.exam_pass_rate": Decimal("100.0"),
}
LEADERSHIP = ("严格落实党政主要负责人推进法治建设第一责任人职责，调整充实镇法治政府建设工作领导小组，明确6项重点任务清单，"
              "实行项目化推进、清单化管理。全年召开党委专题会议研究法治建设工作4次，听取工作汇报6次，解决法治宣传、"
              "执法保障等关键问题5个。")
STUDY = ("把学习贯彻习近平法治思想作为首要政治任务，严格落实“第一议题”制度，组织专题研讨3次、专家讲座2场。"
         "通过线上学习平台等载体，组织党员干部系统学习《宪法》《民法典》《行政处罚法》等法律法规，全年开展法治专题培训2次，"
         "覆盖干部职工106人次，实现党员干部学法全覆盖。强化执法队伍建设，组织5名干部参加行政执法资格认证培训，"
         "新增持证执法人员3人，现有持证执法人员达7人，全部实现持证上岗、亮证执法。")  # the last clause: enforcement's records


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module (read-only tests), removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("load_demo", stdout=io.StringIO())
        yield Township.objects.get(code="daxi")
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def admin(demo, db, client_for):
    from django.contrib.auth.models import User

    return client_for(User.objects.get(username="admin"))


def test_daxi_2025_reproduces_the_reference_figures(demo, db):
    figures = stats.figures(demo, 2025)
    assert {key: figures[key].value for key in REFERENCE} == REFERENCE
    assert figures["governance.problems_solved"].names[:2] == ("法治宣传", "执法保障")
    assert figures["governance.study_sessions"].names == ("宪法", "民法典", "行政处罚法")


def test_2024_is_there_to_compare_and_meijiang_has_its_own_year(demo, db):
    before = stats.figures(demo, 2024)
    assert (before["governance.key_tasks"].value, before["governance.party_sessions"].value,
            before["governance.training_person_times"].value) == (5, 3, 92)
    assert before["governance.study_coverage"].value < 100
    assert before["governance.exam_pass_rate"].value < 100
    meijiang = stats.figures(Township.objects.get(code="meijiang"), 2025)
    assert meijiang["governance.party_sessions"].value == 3
    assert meijiang["governance.certified_officers"].value == 4
    assert meijiang["governance.study_coverage"].value == Decimal("84.6")  # two village cadres attended nothing
    assert meijiang["governance.exam_pass_rate"].value == Decimal("85.7")


def report_section(html: str, heading: str) -> str:
    return strip_tags(re.search(rf"{heading}</h3>(.*?)</section>", html, re.S).group(1)).replace("\n", "").strip()


def test_the_report_prints_parts_one_one_and_one_two_in_the_reference_words_with_links(admin):
    html = admin.get(reverse("reports:report", args=[2025])).content.decode()
    assert report_section(html, "（一）强化组织保障，压实法治建设责任") == LEADERSHIP
    assert report_section(html, "（二）深化理论武装，提升依法履职能力") == STUDY
    for text, href in [("6项", "/governance/key-tasks/"), ("5个", "/governance/meeting-issues/"),
                       ("106人次", "/governance/trainings/"), ("7人", "/governance/certificates/")]:
        assert re.search(rf'<a class="figure" href="{href}[^"]*">{text}</a>', html), text


def test_the_pdf_prints_them_too(admin):
    facts = pdf_facts(admin.get(reverse("reports:pdf", args=[2025])).content)
    text = "".join(re.sub(r"— \d+ —\s*$", "", page.strip()) for page in facts["texts"]).replace("\n", "")
    assert LEADERSHIP in text and STUDY in text
    assert facts["missing_glyphs"] == 0


def test_the_dashboard_shows_the_areas_figures_targets_and_alerts(admin):
    context = admin.get(reverse("home")).context
    rows = {row["figure"].key: row for row in context["figures"]}
    assert rows["governance.training_person_times"]["printed"] == "106人次"
    assert rows["governance.training_person_times"]["last"] == "92人次"
    assert rows["governance.training_person_times"]["figure"].definition.startswith("2025年法治专题培训的人次之和")
    kinds = {(alert["kind"], alert["status"]) for alert in context["alerts"]}
    assert ("certificate", "overdue") in kinds  # 陈文军's, expired on 19 December 2025 and not renewed
    assert ("key_task", "overdue") in kinds


def test_the_county_dashboard_compares_the_townships_on_the_areas_figures(demo, db, client_for):
    from django.contrib.auth.models import User

    county = client_for(User.objects.get(username="county")).get(reverse("home")).context["county"]
    keys = [key for key, _label in county["columns"]]
    assert "governance.trainings" in keys and "governance.certified_officers" in keys
    printed = {row["township"].code: dict(zip(keys, row["values"], strict=True)) for row in county["rows"]}
    assert printed["daxi"]["governance.certified_officers"] == "7人"
    assert printed["meijiang"]["governance.certified_officers"] == "4人"
