"""/public/enforcement/: anyone reads a township's officers and published decisions without logging in; nothing
unpublished, nothing personal beyond a natural person's surname, ever; decisions come down after their period."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from tests.enforcement.factories import CaseFactory
from tests.governance.factories import CertificateFactory

D = datetime.date
TODAY = timezone.localdate()
ID_NUMBER = "500241198903201077"
PHONE = "13896650127"


@pytest.fixture
def everything_filled(daxi, officers):
    """A published decision with every personal field filled in, and the party's details typed into the cause."""
    return CaseFactory(
        township=daxi, officers=officers, party_name="彭正权", party_id_number=ID_NUMBER, party_phone=PHONE,
        cause=f"彭正权（{ID_NUMBER}，电话{PHONE}）擅自在农用地上建设生产用房", decision_content="对彭正权罚款3000元",
        note=f"当事人彭正权住大溪社区，电话{PHONE}", execution="彭正权已缴纳", legal_reviewer="陈文军",
        legal_review_opinion="同意对彭正权处罚", statement="彭正权称不知情", evidence="彭正权询问笔录",
        decided_on=TODAY - datetime.timedelta(days=30), notice_on=TODAY - datetime.timedelta(days=40),
        filed_on=TODAY - datetime.timedelta(days=60), served_on=TODAY - datetime.timedelta(days=29),
        published_on=TODAY - datetime.timedelta(days=28), paid_on=TODAY - datetime.timedelta(days=20),
        closed_on=TODAY - datetime.timedelta(days=10),
    )


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_public_page_needs_no_login_and_shows_the_decision_by_surname_only(client_for, everything_filled):
    response = client_for(None).get("/public/enforcement/daxi/")
    assert response.status_code == 200
    text = page_text(response)
    assert everything_filled.decision_number in text
    assert "彭某某" in text and "罚款3000元" in text and "违法建设" in text
    for personal in ("彭正权", "正权", ID_NUMBER, PHONE, "陈文军", "不知情", "询问笔录", "住大溪社区"):
        assert personal not in response.content.decode(), personal


def test_an_organisation_is_shown_by_its_name(client_for, daxi, officers):
    CaseFactory(township=daxi, officers=officers, party_kind="organisation", party_name="秀山县大溪镇某商贸有限公司",
                party_credit_code="91500241MA60XK3L3W", published_on=TODAY - datetime.timedelta(days=3),
                filed_on=TODAY - datetime.timedelta(days=30), notice_on=TODAY - datetime.timedelta(days=20),
                decided_on=TODAY - datetime.timedelta(days=10), served_on=TODAY - datetime.timedelta(days=9),
                paid_on=None, closed_on=None)
    text = page_text(client_for(None).get("/public/enforcement/daxi/"))
    assert "秀山县大溪镇某商贸有限公司" in text and "91500241MA60XK3L3W" not in text


def test_nothing_unpublished_or_undecided_or_withdrawn_or_overturned_is_shown(client_for, daxi, officers):
    shown = CaseFactory(township=daxi, officers=officers, cause="已公示的决定")
    CaseFactory(township=daxi, officers=officers, cause="未公示的决定", published_on=None)
    CaseFactory(township=daxi, officers=officers, cause="尚未决定的案件", notice_on=None, decided_on=None,
                decision_kind="", amount=None, decision_number="", served_on=None, published_on=None, paid_on=None,
                closed_on=None)
    CaseFactory(township=daxi, officers=officers, cause="撤销立案的案件", decision_kind="withdrawn", amount=None,
                served_on=None, published_on=D(2025, 4, 3), paid_on=None)
    CaseFactory(township=daxi, officers=officers, cause="复议撤销的决定", reconsidered=True,
                reconsideration_accepted_on=D(2025, 4, 20), reconsideration_decided_on=D(2025, 6, 1),
                reconsideration_outcome="revoked")
    deleted = CaseFactory(township=daxi, officers=officers, cause="已删除的案件")
    deleted.deleted_at = timezone.now()
    deleted.save()
    with override_settings(ENFORCEMENT_DISCLOSURE_PERSON_YEARS=5):
        text = page_text(client_for(None).get("/public/enforcement/daxi/"))
    assert shown.cause in text
    for hidden in ("未公示的决定", "尚未决定的案件", "撤销立案的案件", "复议撤销的决定", "已删除的案件"):
        assert hidden not in text


def test_decisions_come_down_after_two_years_for_a_person_and_five_for_an_organisation(client_for, daxi, officers):
    def published(days_ago, kind, cause):
        day = TODAY - datetime.timedelta(days=days_ago)
        return CaseFactory(township=daxi, officers=officers, cause=cause, party_kind=kind,
                           party_name="某公司" if kind == "organisation" else "杨秀英",
                           filed_on=day - datetime.timedelta(days=30), notice_on=day - datetime.timedelta(days=10),
                           decided_on=day, served_on=day, published_on=day, paid_on=None, closed_on=None)

    two_years_ago = (TODAY - timezone.localdate().replace(year=TODAY.year - 2)).days
    published(two_years_ago, "person", "满两年的个人")
    published(two_years_ago - 1, "person", "差一天满两年的个人")
    published(two_years_ago + 1, "organisation", "两年多的单位")
    text = page_text(client_for(None).get("/public/enforcement/daxi/"))
    assert "满两年的个人" not in text.replace("差一天满两年的个人", "")
    assert "差一天满两年的个人" in text and "两年多的单位" in text
    with override_settings(ENFORCEMENT_DISCLOSURE_YEARS=1, ENFORCEMENT_DISCLOSURE_PERSON_YEARS=1):
        text = page_text(client_for(None).get("/public/enforcement/daxi/"))
    assert "两年多的单位" not in text and "差一天满两年的个人" not in text


def test_officers_show_name_certificate_number_and_category_only(client_for, daxi, roster):
    roster["龙文军"].phone = PHONE
    roster["龙文军"].save()
    response = client_for(None).get("/public/enforcement/daxi/")
    officers = {row["name"]: row for row in response.context["officers"]}
    assert set(officers) == {"龙文军", "刘桂兰", "田维新", "冉家富", "吴小燕", "张海"}  # 陈文军 expired, 杨志强 cancelled
    assert officers["龙文军"] == {"name": "龙文军", "number": "渝执500241001231", "category": "综合行政执法"}
    assert PHONE not in response.content.decode()


def test_each_township_shows_its_own_and_an_unknown_one_is_a_404(client_for, daxi, other_township, officers):
    CaseFactory(township=daxi, officers=officers, cause="大溪的决定")
    person = CertificateFactory(township=other_township).holder
    assert "大溪的决定" not in page_text(client_for(None).get("/public/enforcement/other/"))
    assert person.name in page_text(client_for(None).get("/public/enforcement/other/"))
    assert client_for(None).get("/public/enforcement/nowhere/").status_code == 404
    index = client_for(None).get("/public/enforcement/")
    assert index.status_code == 200 and "/public/enforcement/daxi/" in index.content.decode()
    assert client_for(None).post("/public/enforcement/daxi/").status_code == 405


def test_a_fine_shows_its_amount_and_a_correction_order(client_for, daxi, officers):
    CaseFactory(township=daxi, officers=officers, amount=Decimal("20000"), correction_ordered=True,
                decision_content="罚款；责令限期拆除")
    rows = client_for(None).get("/public/enforcement/daxi/").context["decisions"]
    assert [row["decision"] for row in rows] == ["罚款20000元；责令改正"]
