"""Demo records of the enforcement area, loaded by `load_demo` after governance's (idempotent: reruns change nothing).

大溪镇 (daxi), 2025 reproduces ../shared/reference/figures.md rows 13-17: every case step carried out by two
officers holding certificates valid that day (100%), 2 body cameras in service on 31 December, special
campaigns in 3 focus areas (违法建设, 非法焚烧, 违法占地), no reconsideration and no lawsuit, and 266 of 270
surveyed satisfied or basically satisfied (98.5%, printed 98%以上). Its cases are those of the sample ledger
(enforcement-cases-2025.xlsx) — one of them still open at the end of the year, decided in January — plus three
on-the-spot decisions. 2024 is there for comparison (one reconsideration, upheld); around today a few cases
run towards their deadlines, so that the clerk's alerts have something to show.

梅江镇 (meijiang), the county's second township, does less: one camera, one campaign, a reconsideration.

Officers are picked among the people whose certificates (governance) are valid on every step's date. Should
the township have no certificate at all (governance's demo not loaded), the certificates of the sample roster
(certificates.xlsx) are added first, so that the cases can be staffed lawfully.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from enforcement.certificates import Certificate, CertificateBook
from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    Recording,
    SatisfactionSurvey,
    ViolationType,
    next_case_number,
)
from enforcement.rules import credit_code_check_character
from township.demo import upsert
from township.models import Person, Village
from township.personal import id_number_check_digit
from township.workdays import WorkCalendar

D = datetime.date
Case = EnforcementCase
K = Case.DecisionKind
ORG = Case.PartyKind.ORGANISATION
RUNNING_NOTE = "近期在办"

# --- certificates, only when governance has given the township none --------------------------------------

# name, unit, number, issued, valid until, status, status date (certificates.xlsx)
FALLBACK_CERTIFICATES = {
    "daxi": [
        ("龙文军", "镇综合行政执法大队", "渝执500241001231", D(2021, 6, 30), D(2027, 6, 29), "valid", None),
        ("刘桂兰", "镇综合行政执法大队", "渝执500241001232", D(2021, 6, 30), D(2027, 6, 29), "valid", None),
        ("陈文军", "镇司法所", "渝执500241000876", D(2019, 12, 20), D(2025, 12, 19), "expired", None),
        ("田维新", "镇政府", "渝执500241001408", D(2023, 4, 10), D(2029, 4, 9), "valid", None),
        ("冉家富", "镇综合行政执法大队", "渝执500241001409", D(2023, 4, 10), D(2029, 4, 9), "valid", None),
        ("杨志强", "镇综合行政执法大队", "渝执500241001102", D(2022, 3, 1), D(2028, 2, 29), "cancelled", D(2025, 5, 20)),
        ("吴小燕", "镇综合行政执法大队", "渝执500241001715", D(2025, 10, 15), D(2031, 10, 14), "valid", None),
        ("张海", "镇综合行政执法大队", "渝执500241001716", D(2025, 10, 15), D(2031, 10, 14), "valid", None),
    ],
    "meijiang": [
        ("麻建军", "镇综合行政执法大队", "渝执500241002101", D(2022, 5, 16), D(2028, 5, 15), "valid", None),
        ("杨春燕", "镇综合行政执法大队", "渝执500241002102", D(2022, 5, 16), D(2028, 5, 15), "valid", None),
        ("胡永平", "镇综治中心", "渝执500241002103", D(2023, 9, 1), D(2029, 8, 31), "valid", None),
    ],
}

# --- the records of each township --------------------------------------------------------------------------

# number, kind, model, acquired, retired
EQUIPMENT = {
    "daxi": [("DX-JLY-01", "body_camera", "海康威视 DSJ-V2", D(2021, 5, 10), D(2024, 11, 30)),
             ("DX-JLY-02", "body_camera", "海康威视 DSJ-X3", D(2023, 6, 1), None),
             ("DX-JLY-03", "body_camera", "华德安 DSJ-H8", D(2025, 3, 12), None),
             ("DX-XJ-01", "other", "佳能 EOS R50（执法取证相机）", D(2022, 4, 1), None)],
    "meijiang": [("MJ-JLY-01", "body_camera", "海康威视 DSJ-X3", D(2024, 4, 1), None)],
}

# name, focus, start, end, villages, lead unit, summary
CAMPAIGNS = {
    "daxi": [
        ("2024年春季秸秆禁烧专项行动", "非法焚烧", D(2024, 3, 1), D(2024, 4, 30), ["丰联村", "兴隆村", "清泉村"],
         "镇综合行政执法大队", "出动巡查人员120人次，劝阻焚烧行为15起"),
        ("2024年场镇违法建设清理整治", "违法建设", D(2024, 8, 1), D(2024, 10, 31), ["大溪社区"],
         "镇规划建设环保办", "排查违法建设点位8处，督促自行拆除6处"),
        ("2025年春季秸秆和垃圾禁烧专项行动", "非法焚烧", D(2025, 3, 1), D(2025, 4, 30),
         ["丰联村", "兴隆村", "清泉村", "茶园村"], "镇综合行政执法大队", "出动巡查人员150人次，劝阻焚烧行为12起，查处2起"),
        ("场镇违法建设专项整治行动", "违法建设", D(2025, 5, 1), D(2025, 7, 31), ["大溪社区", "酉水村"],
         "镇规划建设环保办", "排查违法建设点位11处，立案查处1件，督促自行拆除9处"),
        ("耕地保护违法占地专项清查行动", "违法占地", D(2025, 7, 1), D(2025, 9, 30),
         ["酉水村", "丰联村", "兴隆村", "清泉村", "茶园村"], "镇农业服务中心", "清查图斑36个，立案查处1件"),
    ],
    "meijiang": [
        ("2025年秸秆禁烧专项行动", "非法焚烧", D(2025, 3, 10), D(2025, 5, 10), ["凯干村", "民族村"],
         "镇综合行政执法大队", "劝阻焚烧行为9起"),
    ],
}

# date, title, method, surveyed, satisfied, basically satisfied, dissatisfied
SURVEYS = {
    "daxi": [(D(2024, 12, 10), "2024年度行政执法满意度测评", "questionnaire", 200, 176, 14, 10),
             (D(2025, 6, 20), "2025年上半年行政执法满意度测评", "questionnaire", 120, 106, 12, 2),
             (D(2025, 12, 12), "2025年度行政执法满意度测评", "phone", 150, 134, 14, 2),
             (D(2026, 6, 18), "2026年上半年行政执法满意度测评", "questionnaire", 130, 120, 8, 2)],
    "meijiang": [(D(2025, 12, 5), "2025年度行政执法满意度测评", "questionnaire", 100, 80, 12, 8)],
}


def idn(body: str) -> str:
    """A made-up ID number with its GB 11643 check digit (no real person is in the demo)."""
    return body + id_number_check_digit(body)


def credit(first17: str) -> str:
    """A made-up unified social credit code with its GB 32100 check character."""
    return first17 + credit_code_check_character(first17)


def case(number, cause, category, party, filed, officers, *, kind="", decided=None, notice=None, served=None,
         published=None, closed=None, amount=None, content="", correction=False, village=None, paid=None,
         execution="", campaign=None, procedure=Case.Procedure.ORDINARY, party_kind=Case.PartyKind.PERSON, code="",
         phone="", **more):
    """One demo case: the fields the ledger keeps, by name; officers are the names preferred for it."""
    values = {
        "procedure": procedure, "cause": cause, "category": category, "party_kind": party_kind, "party_name": party,
        "party_id_number": code if party_kind != ORG else "", "party_credit_code": code if party_kind == ORG else "",
        "party_phone": phone, "filed_on": filed, "notice_on": notice, "decided_on": decided, "decision_kind": kind,
        "decision_content": content, "correction_ordered": correction, "amount": amount, "served_on": served,
        "published_on": published, "paid_on": paid, "execution": execution, "closed_on": closed, "village": village,
        "campaign": campaign, "decision_number": more.pop("decision_number", ""), **more,
    }
    return number, values, officers


def daxi_cases():
    """The sample ledger's cases (enforcement-cases-2025.xlsx) and the rest of Daxi's years."""
    spot = Case.Procedure.ON_THE_SPOT
    return [
        # 2024, for comparison
        case("大溪综执立〔2024〕1号", "露天焚烧农作物秸秆", "非法焚烧", "田光荣", D(2024, 3, 12), ["刘桂兰", "冉家富"],
             kind=K.WARNING, notice=D(2024, 3, 14), decided=D(2024, 3, 20), served=D(2024, 3, 20),
             published=D(2024, 3, 22), closed=D(2024, 3, 20), decision_number="大溪综执罚〔2024〕1号",
             village="兴隆村", campaign="2024年春季秸秆禁烧专项行动", execution="已执行",
             code=idn("50024119680512341"), phone="13983310021"),
        case("大溪综执立〔2024〕2号", "未经批准占用耕地建设养殖圈舍", "违法占地", "石国庆", D(2024, 5, 6), ["龙文军", "陈文军"],
             kind=K.FINE, amount=Decimal("5000"), correction=True, content="罚款5000元；责令限期恢复耕地原状",
             notice=D(2024, 5, 27), decided=D(2024, 6, 7), served=D(2024, 6, 11), published=D(2024, 6, 13),
             paid=D(2024, 6, 20), closed=D(2024, 7, 15), decision_number="大溪综执罚〔2024〕2号", village="茶园村",
             execution="罚款已缴纳，耕地已复垦", code=idn("50024119751108321"), reconsidered=True,
             reconsideration_body="秀山县人民政府", reconsideration_accepted_on=D(2024, 7, 2),
             reconsideration_copy_received_on=D(2024, 7, 5), reconsideration_answered_on=D(2024, 7, 15),
             reconsideration_decided_on=D(2024, 8, 23), reconsideration_outcome="upheld"),
        case("大溪综执立〔2024〕3号", "擅自在场镇道路旁搭建临时棚屋", "违法建设", "秀山县大溪镇某建材经营部", D(2024, 8, 19),
             ["龙文军", "田维新"], kind=K.CORRECTION, content="责令限期拆除", notice=D(2024, 9, 2),
             decided=D(2024, 9, 10), served=D(2024, 9, 11), published=D(2024, 9, 13), closed=D(2024, 10, 8),
             decision_number="大溪综执决〔2024〕3号", village="大溪社区", party_kind=ORG, code=credit("92500241MA60XK5Q2"),
             campaign="2024年场镇违法建设清理整治", execution="已自行拆除"),
        case("大溪综执立〔2024〕4号", "在河道管理范围内倾倒建筑垃圾", "其他", "彭文华", D(2024, 10, 21), ["冉家富", "刘桂兰"],
             kind=K.FINE, amount=Decimal("2000"), notice=D(2024, 11, 4), decided=D(2024, 11, 12),
             served=D(2024, 11, 14), published=D(2024, 11, 18), paid=D(2024, 11, 25), closed=D(2024, 12, 2),
             decision_number="大溪综执罚〔2024〕4号", village="清泉村", execution="已缴纳",
             code=idn("50024119820715441")),
        # 2025: the sample ledger
        case("大溪综执立〔2025〕1号", "擅自在农用地上建设生产用房", "违法占地", "彭正权", D(2025, 3, 3), ["龙文军", "刘桂兰"],
             kind=K.CORRECTION, content="责令限期拆除", notice=D(2025, 3, 20), decided=D(2025, 3, 31),
             served=D(2025, 4, 2), published=D(2025, 4, 3), closed=D(2025, 4, 28),
             decision_number="大溪综执罚〔2025〕1号", village="丰联村", execution="已自行拆除",
             code=idn("50024119890320107"), phone="13896650127", violation_on=D(2025, 2, 20)),
        case("大溪综执立〔2025〕2号", "露天焚烧秸秆", "非法焚烧", "杨秀英", D(2025, 4, 8), ["刘桂兰", "冉家富"],
             kind=K.WARNING, notice=D(2025, 4, 10), decided=D(2025, 4, 16), served=D(2025, 4, 16),
             published=D(2025, 4, 18), closed=D(2025, 4, 16), decision_number="大溪综执罚〔2025〕2号",
             village="兴隆村", execution="已执行", campaign="2025年春季秸秆和垃圾禁烧专项行动",
             service_method="direct", note="当场送达"),
        case("大溪综执立〔2025〕3号", "未经批准在场镇主街搭建彩钢棚", "违法建设", "秀山县大溪镇某商贸有限公司",
             D(2025, 5, 6), ["龙文军", "田维新"], party_kind=ORG, code="91500241MA60XK3L3W", kind=K.FINE,
             amount=Decimal("20000"), correction=True, content="罚款；责令限期拆除", notice=D(2025, 6, 3),
             hearing_requested=True, hearing_requested_on=D(2025, 6, 4), hearing_notice_on=D(2025, 6, 4),
             hearing_held_on=D(2025, 6, 13), is_major=True, legal_review_submitted_on=D(2025, 6, 16),
             legal_reviewer="陈文军（镇司法所）", legal_review_on=D(2025, 6, 20), legal_review_result="passed",
             legal_review_opinion="同意，事实清楚、证据确凿、程序合法", collective_discussion_on=D(2025, 6, 24),
             decided=D(2025, 6, 25), served=D(2025, 6, 27), published=D(2025, 7, 2), paid=D(2025, 7, 8),
             closed=D(2025, 7, 30), decision_number="大溪综执罚〔2025〕3号", village="大溪社区",
             execution="罚款已缴纳，违建已拆除", campaign="场镇违法建设专项整治行动",
             note="当事人要求听证，2025年6月13日举行"),
        case("大溪综执立〔2025〕4号", "擅自占用耕地堆放建筑材料", "违法占地", "冉明华", D(2025, 7, 14), ["冉家富", "龙文军"],
             kind=K.FINE, amount=Decimal("3000"), notice=D(2025, 7, 30), decided=D(2025, 8, 8), served=D(2025, 8, 11),
             published=D(2025, 8, 13), paid=D(2025, 8, 20), closed=D(2025, 8, 25),
             decision_number="大溪综执罚〔2025〕4号", village="酉水村", execution="已缴纳",
             campaign="耕地保护违法占地专项清查行动", code=idn("50024119710926333")),
        case("大溪综执立〔2025〕5号", "在禁烧区焚烧生活垃圾", "非法焚烧", "大溪镇某种养殖专业合作社", D(2025, 9, 15),
             ["刘桂兰", "田维新"], party_kind=ORG, code="92500241MA5YQ7RT73", kind=K.FINE, amount=Decimal("1000"),
             notice=D(2025, 9, 29), decided=D(2025, 10, 10), served=D(2025, 10, 13), published=D(2025, 10, 15),
             paid=D(2025, 10, 20), closed=D(2025, 10, 31), decision_number="大溪综执罚〔2025〕5号", village="清泉村",
             execution="已缴纳"),
        case("大溪综执立〔2025〕6号", "未取得乡村建设规划许可证建房", "违法建设", "向志强", D(2025, 10, 20),
             ["龙文军", "吴小燕"], kind=K.CORRECTION, content="责令停止建设、限期改正", notice=D(2025, 11, 10),
             decided=D(2025, 11, 21), served=D(2025, 11, 24), published=D(2025, 11, 26), closed=D(2025, 12, 19),
             decision_number="大溪综执罚〔2025〕6号", village="茶园村", execution="已改正",
             code=idn("50024119900411701"), phone="15923360418"),
        # open at the end of 2025, decided in January
        case("大溪综执立〔2025〕7号", "擅自占用道路摆摊设点", "其他", "王文军", D(2025, 12, 8), ["吴小燕", "张海"],
             kind=K.WARNING, correction=True, notice=D(2026, 1, 6), decided=D(2026, 1, 16), served=D(2026, 1, 16),
             published=D(2026, 1, 20), closed=D(2026, 1, 20), decision_number="大溪综执罚〔2026〕1号",
             village="大溪社区", execution="已改正", code=idn("50024119851230021"), note="2025年底在办"),
        case("大溪综执简〔2025〕1号", "在场镇主街焚烧垃圾", "非法焚烧", "田永福", D(2025, 3, 18), ["刘桂兰", "冉家富"],
             procedure=spot, kind=K.FINE, amount=Decimal("100"), decided=D(2025, 3, 18), served=D(2025, 3, 18),
             published=D(2025, 3, 20), paid=D(2025, 3, 18), closed=D(2025, 3, 18), service_method="on_the_spot",
             decision_number="大溪综执简〔2025〕1号", village="大溪社区", execution="当场缴纳",
             campaign="2025年春季秸秆和垃圾禁烧专项行动"),
        case("大溪综执简〔2025〕2号", "露天焚烧秸秆", "非法焚烧", "吴长青", D(2025, 4, 2), ["冉家富", "刘桂兰"],
             procedure=spot, kind=K.WARNING, decided=D(2025, 4, 2), served=D(2025, 4, 2), published=D(2025, 4, 7),
             closed=D(2025, 4, 2), service_method="on_the_spot", decision_number="大溪综执简〔2025〕2号",
             village="清泉村", execution="已执行", campaign="2025年春季秸秆和垃圾禁烧专项行动"),
        case("大溪综执简〔2025〕3号", "占用场镇道路经营", "其他", "石秀珍", D(2025, 9, 5), ["龙文军", "田维新"],
             procedure=spot, kind=K.FINE, amount=Decimal("50"), decided=D(2025, 9, 5), served=D(2025, 9, 5),
             published=D(2025, 9, 9), paid=D(2025, 9, 5), closed=D(2025, 9, 5), service_method="on_the_spot",
             decision_number="大溪综执简〔2025〕3号", village="大溪社区", execution="当场缴纳"),
    ]


def meijiang_cases():
    return [
        case("梅江综执立〔2024〕1号", "露天焚烧秸秆", "非法焚烧", "麻永福", D(2024, 4, 9), ["麻建军", "杨春燕"],
             kind=K.WARNING, notice=D(2024, 4, 12), decided=D(2024, 4, 19), served=D(2024, 4, 22),
             published=D(2024, 4, 26), closed=D(2024, 4, 22), decision_number="梅江综执罚〔2024〕1号",
             village="凯干村"),
        case("梅江综执立〔2025〕1号", "焚烧秸秆引发浓烟影响通行", "非法焚烧", "龙德贵", D(2025, 3, 20), ["麻建军", "杨春燕"],
             kind=K.FINE, amount=Decimal("500"), notice=D(2025, 3, 27), decided=D(2025, 4, 3), served=D(2025, 4, 8),
             published=D(2025, 4, 21), paid=D(2025, 4, 15), closed=D(2025, 4, 30), decision_number="梅江综执罚〔2025〕1号",
             village="民族村", campaign="2025年秸秆禁烧专项行动"),
        case("梅江综执立〔2025〕2号", "未经批准在集体土地上建房", "违法建设", "滕光明", D(2025, 6, 2), ["胡永平", "麻建军"],
             kind=K.CORRECTION, content="责令限期拆除", notice=D(2025, 6, 23), decided=D(2025, 7, 4),
             served=D(2025, 7, 8), published=D(2025, 7, 14), closed=D(2025, 9, 30),
             decision_number="梅江综执罚〔2025〕2号", village="兴隆坳村", reconsidered=True,
             reconsideration_body="秀山县人民政府", reconsideration_accepted_on=D(2025, 7, 21),
             reconsideration_copy_received_on=D(2025, 7, 24), reconsideration_answered_on=D(2025, 8, 5),
             reconsideration_decided_on=D(2025, 9, 12), reconsideration_outcome="upheld"),
        case("梅江综执立〔2025〕3号", "擅自占用耕地挖塘", "违法占地", "杨再福", D(2025, 9, 8), ["杨春燕", "胡永平"],
             kind=K.FINE, amount=Decimal("4000"), correction=True, notice=D(2025, 9, 22), decided=D(2025, 10, 15),
             served=D(2025, 10, 17), published=D(2025, 10, 24), paid=D(2025, 10, 30), closed=D(2025, 11, 20),
             decision_number="梅江综执罚〔2025〕3号", village="金珠村"),
    ]


def running_cases(_prefix: str, today: datetime.date, officers: list[str], villages: list[str]):
    """Cases around today, so that the lists and the dashboard show running deadlines: a decision due within 15
    days, a decision served but not yet published, a fine unpaid past its 15 days."""
    def ago(days):
        return today - datetime.timedelta(days=days)

    first, second = officers
    return [
        ("running", 1, "擅自在耕地上硬化场地", "违法占地", "李春生", ago(80), [first, second],
         {"notice_on": ago(6), "village": villages[0], "violation_on": ago(95)}),
        ("running", 2, "未经批准搭建临时彩钢棚", "违法建设", "罗德明", ago(45), [second, first],
         {"notice_on": ago(20), "decided_on": ago(2), "decision_kind": K.CORRECTION, "decision_content": "责令限期拆除",
          "served_on": ago(1), "village": villages[1]}),
        ("running", 3, "占用公共绿地堆放杂物", "其他", "张永红", ago(110), [first, second],
         {"notice_on": ago(60), "decided_on": ago(40), "decision_kind": K.FINE, "amount": Decimal("1000"),
          "served_on": ago(38), "published_on": ago(36), "village": villages[0]}),
    ]


def load(township) -> None:
    cases = {"daxi": daxi_cases, "meijiang": meijiang_cases}.get(township.code)
    if cases is None:
        return
    ViolationType.ensure_defaults(township)
    categories = {category.name: category for category in ViolationType.objects.filter(township=township)}
    villages = {village.name: village for village in Village.objects.filter(township=township)}
    ensure_certificates(township)
    equipment = load_equipment(township)
    campaigns = load_campaigns(township, categories, villages)
    book = CertificateBook.of_township(township)
    people = {person.name: person for person in Person.objects.filter(township=township)}
    calendar = WorkCalendar.from_database()
    today = timezone.localdate()
    for number, values, preferred in cases():
        save_case(township, number, values, preferred, categories, villages, campaigns, people, book, equipment, calendar)
    load_running(township, today, categories, villages, people, book, equipment, calendar)
    load_surveys(township)
    load_decisions(township, today)


def ensure_certificates(township) -> None:
    """The sample roster's certificates, when governance's demo has given the township none."""
    if Certificate.all_objects.filter(township=township).exists():
        return
    for name, unit, number, issued, until, status, changed in FALLBACK_CERTIFICATES.get(township.code, []):
        holder = Person.objects.filter(township=township, name=name).first()  # the roster's own, left as it is
        if holder is None:
            holder = Person.objects.create(township=township, name=name, unit=unit, position="执法队员")
        upsert(Certificate, {"township": township, "number": number},
               {"holder": holder, "category": "综合行政执法", "issuing_authority": "重庆市人民政府", "issued_on": issued,
                "valid_until": until, "status": status, "status_changed_on": changed,
                "status_reason": "调离，证件已收回" if changed else ""})


def load_equipment(township) -> list[Equipment]:
    found = []
    for number, kind, model, acquired, retired in EQUIPMENT.get(township.code, []):
        record, _created = upsert(Equipment, {"township": township, "number": number}, {
            "kind": kind, "model": model, "acquired_on": acquired, "retired_on": retired,
            "status": Equipment.Status.RETIRED if retired else Equipment.Status.IN_SERVICE})
        found.append(record)
    return found


def load_campaigns(township, categories, villages) -> dict[str, Campaign]:
    found = {}
    for name, focus, start, end, covered, unit, summary in CAMPAIGNS.get(township.code, []):
        record, _created = upsert(Campaign, {"township": township, "name": name, "start_on": start},
                                  {"focus": categories[focus], "end_on": end, "lead_unit": unit, "summary": summary})
        record.villages.set([villages[v] for v in covered if v in villages])
        found[name] = record
    return found


def pick_officers(preferred: list[str], days, people, book) -> list[Person]:
    """Two officers with certificates valid on every day: the preferred ones where they qualify, then others."""
    def qualifies(person):
        return all(book.certified(person, day) for day in days)

    chosen = [people[name] for name in preferred if name in people and qualifies(people[name])]
    if len(chosen) < 2:
        holders = sorted({c.holder for c in book.by_number().values()}, key=lambda person: person.name)
        chosen += [person for person in holders if person not in chosen and qualifies(person)]
    return chosen[:2]


def save_case(township, number, values, preferred, categories, villages, campaigns, people, book, equipment,
              calendar) -> EnforcementCase | None:
    values = {**values, "category": categories[values["category"]], "village": villages.get(values["village"]),
              "campaign": campaigns.get(values["campaign"])}
    probe = Case(township=township, **values)
    probe._calendar = calendar
    if probe.on_the_spot:
        probe.filed_on = probe.decided_on
    officers = pick_officers(preferred, [day for _step, day in probe.step_dates()], people, book)
    if len(officers) < 2:
        return None  # nobody may carry out these steps lawfully (《行政处罚法》第四十二条): no case
    record, _created = upsert(Case, {"township": township, "number": number}, values)
    record.officers.set(officers)
    load_recordings(township, record, equipment)
    return record


def load_recordings(township, record, equipment) -> None:
    """The steps an ordinary case recorded on camera (《行政处罚法》第四十七条)."""
    if record.on_the_spot:
        steps = [(Recording.Step.DECISION, record.decided_on)]
    else:
        steps = [(Recording.Step.INVESTIGATION, record.filed_on), (Recording.Step.DECISION, record.decided_on),
                 (Recording.Step.SERVICE, record.served_on)]
    for step, day in steps:
        if day is None:
            continue
        device = next((item for item in equipment if item.kind == Equipment.Kind.BODY_CAMERA and item.in_service_on(day)),
                      None)
        upsert(Recording, {"township": township, "case": record, "step": step},
               {"date": day, "device": device, "note": "执法记录仪全程录像" if device else "文字记录"})


def load_running(township, today, categories, villages, people, book, equipment, calendar) -> None:
    officers, near = {"daxi": (["龙文军", "吴小燕"], ["大溪社区", "酉水村"]),
                      "meijiang": (["麻建军", "杨春燕"], ["梅江社区", "凯干村"])}[township.code]
    for _kind, _serial, cause, category, party, filed, preferred, more in running_cases("", today, officers, near):
        existing = Case.objects.filter(township=township, note=RUNNING_NOTE, cause=cause).first()
        number = existing.number if existing else next_case_number(township, filed.year)
        values = {"procedure": Case.Procedure.ORDINARY, "cause": cause, "category": category, "party_name": party,
                  "party_kind": Case.PartyKind.PERSON, "filed_on": filed, "note": RUNNING_NOTE, "campaign": None, **more}
        if values.get("decided_on"):
            values["decision_number"] = number.replace("立", "罚")
        save_case(township, number, values, preferred, categories, villages, {}, people, book, equipment, calendar)


def load_surveys(township) -> None:
    today = timezone.localdate()
    for day, title, method, surveyed, satisfied, basically, dissatisfied in SURVEYS.get(township.code, []):
        if day > today:
            continue
        upsert(SatisfactionSurvey, {"township": township, "date": day, "title": title},
               {"method": method, "surveyed": surveyed, "satisfied": satisfied, "basically_satisfied": basically,
                "dissatisfied": dissatisfied})


def load_decisions(township, today) -> None:
    """Major decisions and legality reviews: Daxi's 2025 decisions went through public comment, expert argumentation
    and legality review (the reference report's wording); one of 2026 is still in its comment period."""
    if township.code == "daxi":
        decisions = [
            (2024, "大溪镇场镇排水管网改造实施方案", "镇规划建设环保办",
             {"catalogue_published_on": D(2024, 2, 26), "comment_start_on": D(2024, 3, 11), "comment_end_on": D(2024, 4, 10),
              "comments_received": 9, "risk_on": D(2024, 4, 16), "risk_level": "low", "review_submitted_on": D(2024, 4, 18),
              "reviewer": "judicial_office", "review_on": D(2024, 4, 29), "review_result": "lawful",
              "meeting_on": D(2024, 5, 8), "meeting_name": "镇政府2024年第6次常务会议", "decided_on": D(2024, 5, 8),
              "decision_number": "大溪府发〔2024〕9号", "published_on": D(2024, 5, 13)}),
            (2025, "大溪镇场镇农贸市场改造提升方案", "镇规划建设环保办",
             {"catalogue_published_on": D(2025, 2, 20), "comment_start_on": D(2025, 3, 10), "comment_end_on": D(2025, 4, 10),
              "comments_received": 14, "expert_on": D(2025, 4, 18), "experts": "县规划和自然资源局、县住房城乡建委专家3名",
              "review_submitted_on": D(2025, 4, 22), "reviewer": "judicial_office", "review_on": D(2025, 5, 6),
              "review_result": "lawful", "review_opinion": "方案内容符合法律法规规定，程序完备",
              "meeting_on": D(2025, 5, 12), "meeting_name": "镇政府2025年第5次常务会议", "decided_on": D(2025, 5, 12),
              "decision_number": "大溪府发〔2025〕12号", "published_on": D(2025, 5, 16)}),
            (2025, "大溪镇2025年农村人居环境整治实施方案", "镇农业服务中心",
             {"catalogue_published_on": D(2025, 2, 20), "comment_start_on": D(2025, 6, 3), "comment_end_on": D(2025, 7, 4),
              "comments_received": 21, "expert_on": D(2025, 7, 8), "experts": "县农业农村委、县生态环境局专家2名",
              "review_submitted_on": D(2025, 7, 10), "reviewer": "both", "review_on": D(2025, 7, 21),
              "review_result": "amended", "review_opinion": "建议删除第十二条关于罚款的表述，修改后合法",
              "meeting_on": D(2025, 7, 28), "meeting_name": "镇政府2025年第9次常务会议", "decided_on": D(2025, 7, 28),
              "decision_number": "大溪府发〔2025〕21号", "published_on": D(2025, 8, 1)}),
            (2026, "大溪镇集镇停车场建设运营方案", "镇规划建设环保办",
             {"catalogue_published_on": D(2026, 2, 25), "comment_start_on": today - datetime.timedelta(days=12),
              "comment_end_on": today + datetime.timedelta(days=20)}),
        ]
        reviews = [
            ("《大溪镇村规民约修订指导意见》", "normative", "镇党政办", D(2025, 3, 3), "judicial_office", "陈文军", D(2025, 3, 12),
             "lawful", True, D(2025, 3, 20)),
            ("大溪镇场镇农贸市场改造工程施工合同", "contract", "镇规划建设环保办", D(2025, 6, 9), "legal_adviser", "田静",
             D(2025, 6, 13), "amended", False, None),
            ("大溪镇集体经济组织土地流转合同（示范文本）", "contract", "镇农业服务中心", D(2025, 8, 4), "legal_adviser", "吴明",
             D(2025, 8, 8), "lawful", False, None),
            ("《大溪镇门前三包管理办法》", "normative", "镇综合行政执法大队", D(2025, 9, 1), "both", "陈文军、田静",
             D(2025, 9, 12), "lawful", True, D(2025, 9, 19)),
            ("大溪镇垃圾清运服务采购合同", "contract", "镇规划建设环保办", D(2025, 11, 3), "legal_adviser", "吴明",
             D(2025, 11, 6), "lawful", False, None),
            ("《大溪镇集镇停车管理暂行办法》", "normative", "镇综合行政执法大队", today - datetime.timedelta(days=14),
             "judicial_office", "石佳慧", None, "", True, None),
        ]
    else:
        decisions = [
            (2025, "梅江镇场镇污水处理设施建设方案", "镇规划建设环保办",
             {"catalogue_published_on": D(2025, 3, 3), "comment_start_on": D(2025, 4, 1), "comment_end_on": D(2025, 5, 6),
              "review_submitted_on": D(2025, 5, 12), "reviewer": "judicial_office", "review_on": D(2025, 5, 16),
              "review_result": "lawful", "meeting_on": D(2025, 5, 20), "meeting_name": "镇政府2025年第4次常务会议",
              "decided_on": D(2025, 5, 20), "decision_number": "梅江府发〔2025〕8号"}),
        ]
        reviews = [
            ("梅江镇场镇保洁服务合同", "contract", "镇规划建设环保办", D(2025, 4, 7), "legal_adviser", "吴丹", D(2025, 4, 11),
             "lawful", False, None),
        ]
    for year, title, sponsor, values in decisions:
        upsert(MajorDecision, {"township": township, "catalogue_year": year, "title": title},
               {"sponsor": sponsor, **values})
    for title, kind, unit, submitted, reviewer, name, completed, opinion, filing, filed in reviews:
        upsert(LegalityReview, {"township": township, "title": title, "submitted_on": submitted},
               {"kind": kind, "submitted_by": unit, "reviewer": reviewer, "reviewer_name": name,
                "completed_on": completed, "opinion": opinion, "filing_required": filing, "filed_on": filed})
