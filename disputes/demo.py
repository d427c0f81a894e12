"""Demo records of the disputes area, loaded by `load_demo` (idempotent: reruns change nothing).

Both demo townships go through the same code, each with its own `TownshipPlan` (PLANS): mediators,
committees, legal advisers, how the records spread over its villages, the volumes of each year, the
open records around today, and the seed of its random.Random.

大溪镇 (daxi): 2025 reproduces ../shared/reference/figures.md rows 18 and 20-24: 111 disputes all
mediated successfully, 42 petitions accepted and all closed on time, every rating 满意 or 基本满意, a
legal adviser for each of the 6 villages. 2024 is there for comparison; 2026 runs up to today, with a
few open petitions and disputes whose deadlines are past or near.

梅江镇 (meijiang), the second township for the county's comparison, does less well: in 2025, 60
disputes of which 3 not settled, 25 petitions accepted of which 2 closed late and 1 rated 不满意, legal
advisers for 3 of its 5 villages.

People in the records are made up: names, phone numbers and ID numbers (with a valid GB 11643 check
digit) come from the township's seeded generator.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from disputes import rules
from disputes.models import Consultation, Dispute, LegalAdviser, MediationCommittee, Mediator, Petition
from township.demo import upsert
from township.models import Person, Village
from township.personal import id_number_check_digit

D = datetime.date
L, M = Mediator.Level, Mediator.Kind

# person, level, kind, village, group — all from the demo roster of load_demo
DAXI_MEDIATORS = [
    ("彭小燕", L.TOWNSHIP, M.FULL_TIME, None, ""),
    ("陈文军", L.TOWNSHIP, M.PART_TIME, None, ""),
    ("杨志强", L.TOWNSHIP, M.PART_TIME, None, ""),
    ("石佳慧", L.TOWNSHIP, M.PART_TIME, None, ""),
    ("彭海波", L.VILLAGE, M.PART_TIME, "大溪社区", ""),
    ("吴建华", L.VILLAGE, M.PART_TIME, "大溪社区", ""),
    ("田静", L.VILLAGE, M.LEGAL_WORKER, "大溪社区", ""),
    ("冉明", L.VILLAGE, M.PART_TIME, "酉水村", ""),
    ("向国庆", L.VILLAGE, M.PART_TIME, "酉水村", ""),
    ("白国强", L.GROUP, M.RETIRED_CADRE, "酉水村", "2组"),
    ("杨秀兰", L.VILLAGE, M.PART_TIME, "丰联村", ""),
    ("田家兴", L.VILLAGE, M.PART_TIME, "丰联村", ""),
    ("冉小燕", L.GROUP, M.RETIRED_CADRE, "丰联村", "3组"),
    ("李正权", L.VILLAGE, M.PART_TIME, "兴隆村", ""),
    ("龙志勇", L.VILLAGE, M.PART_TIME, "兴隆村", ""),
    ("吴明", L.VILLAGE, M.LEGAL_WORKER, "兴隆村", ""),
    ("刘文军", L.VILLAGE, M.PART_TIME, "清泉村", ""),
    ("彭桂芳", L.VILLAGE, M.PART_TIME, "清泉村", ""),
    ("彭志远", L.VILLAGE, M.LEGAL_WORKER, "清泉村", ""),
    ("石光明", L.VILLAGE, M.PART_TIME, "茶园村", ""),
    ("张玉兰", L.VILLAGE, M.PART_TIME, "茶园村", ""),
    ("杨万福", L.GROUP, M.RETIRED_CADRE, "茶园村", "5组"),
    ("龙海燕", L.VILLAGE, M.LEGAL_WORKER, "茶园村", ""),
]
DAXI_COMMITTEE_DIRECTORS = {"大溪社区": "彭海波", "酉水村": "向国庆", "丰联村": "杨秀兰", "兴隆村": "李正权",
                       "清泉村": "刘文军", "茶园村": "石光明"}

# adviser, law firm, villages, years under contract
DAXI_ADVISERS = [
    ("田静", "重庆渝东律师事务所", ["大溪社区", "酉水村"], (2024, 2025, 2026)),
    ("吴明", "重庆渝东律师事务所", ["兴隆村", "丰联村"], (2024, 2025, 2026)),
    ("彭志远", "秀山县法律援助中心", ["清泉村"], (2025, 2026)),
    ("龙海燕", "重庆武陵律师事务所", ["茶园村"], (2025, 2026)),
]

DAXI_VILLAGE_WEIGHTS = {"大溪社区": 24, "酉水村": 12, "丰联村": 17, "兴隆村": 18, "清泉村": 12, "茶园村": 17}

MEIJIANG_MEDIATORS = [
    ("黄丽", L.TOWNSHIP, M.FULL_TIME, None, ""),
    ("谢晓琴", L.TOWNSHIP, M.PART_TIME, None, ""),
    ("胡永平", L.TOWNSHIP, M.PART_TIME, None, ""),
    ("杨再兴", L.VILLAGE, M.PART_TIME, "梅江社区", ""),
    ("吴秀芝", L.VILLAGE, M.PART_TIME, "梅江社区", ""),
    ("吴丹", L.VILLAGE, M.LEGAL_WORKER, "梅江社区", ""),
    ("麻成林", L.VILLAGE, M.PART_TIME, "凯干村", ""),
    ("龙永贵", L.VILLAGE, M.PART_TIME, "民族村", ""),
    ("符明清", L.GROUP, M.RETIRED_CADRE, "民族村", "4组"),
    ("杨林", L.VILLAGE, M.LEGAL_WORKER, "民族村", ""),
    ("滕代英", L.VILLAGE, M.PART_TIME, "兴隆坳村", ""),
    ("彭大江", L.VILLAGE, M.PART_TIME, "金珠村", ""),
]
MEIJIANG_COMMITTEE_DIRECTORS = {"梅江社区": "杨再兴", "凯干村": "麻成林", "民族村": "龙永贵", "兴隆坳村": "滕代英",
                                "金珠村": "彭大江"}
MEIJIANG_ADVISERS = [
    ("吴丹", "重庆武陵律师事务所", ["梅江社区", "凯干村"], (2024, 2025, 2026)),
    ("杨林", "秀山县法律援助中心", ["民族村"], (2025, 2026)),
]
MEIJIANG_VILLAGE_WEIGHTS = {"梅江社区": 30, "凯干村": 18, "民族村": 20, "兴隆坳村": 15, "金珠村": 17}
SOURCE_WEIGHTS = {"排查发现": 35, "当事人申请": 25, "网格上报": 20, "公安移交": 8, "法院委托": 6, "政府指定": 6}
TYPE_WEIGHTS = {"婚姻家庭": 18, "邻里": 25, "土地山林权属": 20, "合同": 8, "损害赔偿": 10, "劳动争议": 6,
                "征地拆迁": 5, "物业": 3, "其他": 5}
MONTH_WEIGHTS = [12, 11, 9, 8, 8, 7, 8, 9, 8, 8, 7, 9]  # more around the Spring Festival, when workers return
SUMMARIES = {
    "婚姻家庭": ["因赡养老人费用分担问题，兄弟之间发生争执", "夫妻因家庭琐事长期不和，女方要求分割共同财产",
                 "子女因老人住房安排问题发生矛盾"],
    "邻里": ["因房屋滴水、排水问题与邻居发生争执", "因修建围墙占用公共通道引发邻里矛盾", "因家禽损毁菜地引发邻里纠纷"],
    "土地山林权属": ["因承包地边界不清与相邻农户发生争议", "因林地界址争议双方多次发生口角", "因宅基地边界问题与邻居发生纠纷"],
    "合同": ["因农产品收购合同货款未结清发生纠纷", "因房屋装修工程款结算发生争议", "因土地流转租金支付问题发生纠纷"],
    "损害赔偿": ["因摩托车相撞造成人身损害，双方就赔偿数额发生争议", "因耕牛踩坏庄稼要求赔偿", "因施工造成邻居房屋开裂要求赔偿"],
    "劳动争议": ["务工人员追讨拖欠工资", "因工受伤与雇主就赔偿发生争议"],
    "征地拆迁": ["因道路建设征地补偿款分配问题发生争议", "因房屋拆迁安置面积认定发生争议"],
    "物业": ["因小区物业费收取标准与物业公司发生争议", "因公共区域停车管理与物业公司发生矛盾"],
    "其他": ["因集体经济收益分配问题发生争议", "因饮水管道使用问题发生纠纷"],
}
SETTLEMENTS = {
    "婚姻家庭": "子女按月分担赡养费，老人由长子照料，其余子女轮流探望",
    "邻里": "双方各自后退，共同出资修建排水沟，互不妨碍通行",
    "土地山林权属": "双方按原承包合同确定界址，由村委会现场埋设界桩",
    "合同": "欠款方分两期支付所欠款项",
    "损害赔偿": "赔偿方一次性支付赔偿款，双方再无其他争议",
    "劳动争议": "用工方一次性支付拖欠工资",
    "征地拆迁": "按村民小组会议决议重新分配补偿款",
    "物业": "物业公司按核定标准收费，业主补缴所欠物业费",
    "其他": "双方按村规民约执行，由村委会监督",
}
MONEY_TYPES = {"合同", "损害赔偿", "劳动争议", "征地拆迁"}
SURNAMES = "杨田彭龙吴石冉向白张李刘陈王罗姚"
GIVEN_NAMES = ["文军", "秀英", "正权", "小燕", "建国", "明", "春梅", "海波", "桂兰", "志强", "玉珍", "家富", "德文",
               "国华", "晓梅", "光明", "秀兰", "永红", "淑芬", "红霞", "大勇", "金花", "长青", "水生"]
MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "173", "177",
                   "180", "182", "187", "189", "199"]

PETITION_CHANNEL_WEIGHTS = {"来访": 30, "来信": 15, "网上": 20, "电话": 10, "12345": 15, "上级转办": 10}
PETITION_CATEGORY_WEIGHTS = {"土地": 20, "城乡建设": 14, "社会保障": 14, "民生": 18, "农业农村": 10, "生态环境": 6,
                             "交通运输": 5, "教育卫生": 4, "涉法涉诉": 5, "其他": 4}
PETITION_CONTENTS = {
    "土地": ["反映土地承包经营权流转费用未按时支付等问题", "反映承包地被他人占用问题"],
    "城乡建设": ["反映村组道路硬化工程质量问题", "反映农房建设审批办理问题"],
    "社会保障": ["反映城乡居民养老保险待遇问题", "反映低保评定不公问题"],
    "民生": ["反映饮水工程供水不稳定问题", "反映农村电网电压不稳问题"],
    "农业农村": ["反映耕地地力保护补贴未发放问题", "反映农田水利设施损坏问题"],
    "生态环境": ["反映养殖场污水排放影响生活问题"],
    "交通运输": ["反映客运班车停运影响出行问题"],
    "教育卫生": ["反映村卫生室服务时间问题"],
    "涉法涉诉": ["反映民间借贷纠纷执行问题"],
    "其他": ["反映集体经济收益分配问题"],
}
CONSULTATION_TOPICS = ["土地承包经营权流转合同咨询", "婚姻家庭财产分割咨询", "劳动报酬追讨咨询", "遗产继承咨询",
                       "交通事故赔偿咨询", "宅基地使用权咨询", "赡养纠纷咨询", "借款合同纠纷咨询", "工伤认定咨询",
                       "房屋买卖合同咨询", "法律援助申请咨询", "村规民约合法性审查"]


@dataclass(frozen=True)
class YearPlan:
    """A year's closed records: disputes by outcome, petitions by how they went."""

    year: int
    succeeded: int
    failed: int = 0
    transferred: int = 0
    accepted: int = 0  # petitions accepted, of which `late` closed after the deadline, `dissatisfied` rated 不满意
    late: int = 0
    dissatisfied: int = 0
    not_accepted: int = 0
    running: bool = False  # the current year: closed records stop well before today, open ones follow

    def dispute_statuses(self) -> list[str]:
        return ([rules.DISPUTE_SUCCEEDED] * self.succeeded + [rules.DISPUTE_FAILED] * self.failed
                + [rules.DISPUTE_TRANSFERRED] * self.transferred)

    def last_dispute(self, today) -> datetime.date:
        if self.running:  # until the end of September at the latest
            return min(D(self.year, 9, 30), today - datetime.timedelta(days=60))
        return D(self.year, 12, 31)

    def last_petition(self, today) -> datetime.date:
        if self.running:
            return min(D(self.year, 9, 30), today - datetime.timedelta(days=100))
        # received by mid-December, so that every petition of the year is also accepted in it
        return D(self.year, 12, 15)


@dataclass(frozen=True)
class TownshipPlan:
    """What makes one demo township's disputes area its own; the records follow from it and the seed."""

    seed: int
    number_prefix: str  # DX → DX-TJ-2025-001 (disputes), DX-XF-2025-001 (petitions)
    reply_prefix: str  # 大溪信复 → 大溪信复〔2025〕1号
    extension_approver: str  # the township head, who approves extending a petition's deadline
    mediators: list
    committee_directors: dict
    advisers: list
    village_weights: dict
    years: list[YearPlan]
    #: days since registration, status, village (None: any), high risk — deadlines past or near today
    open_disputes: list
    #: days since received, days since accepted (None: not yet), extension days, village (None: any)
    open_petitions: list


PLANS = {
    "daxi": TownshipPlan(
        seed=2025, number_prefix="DX", reply_prefix="大溪信复", extension_approver="王正权",
        mediators=DAXI_MEDIATORS, committee_directors=DAXI_COMMITTEE_DIRECTORS, advisers=DAXI_ADVISERS,
        village_weights=DAXI_VILLAGE_WEIGHTS,
        years=[
            # 2024 for comparison: 80 disputes (4 not settled), 35 petitions accepted (1 closed late, 2 dissatisfied)
            YearPlan(2024, succeeded=76, failed=3, transferred=1, accepted=35, late=1, dissatisfied=2, not_accepted=2),
            # 2025, the year of the reference report (figures.md rows 20-24)
            YearPlan(2025, succeeded=111, accepted=42, not_accepted=3),
            # 2026 until the end of September, then a few open ones around today
            YearPlan(2026, succeeded=62, failed=2, accepted=28, dissatisfied=1, not_accepted=1, running=True),
        ],
        # 41 overdue, 26 and 28 due within 7 days, 9 high risk
        open_disputes=[(41, rules.DISPUTE_OPEN, "大溪社区", False), (26, rules.DISPUTE_OPEN, "大溪社区", False),
                       (9, rules.DISPUTE_OPEN, None, True), (28, rules.DISPUTE_OPEN, "兴隆村", False),
                       (3, rules.DISPUTE_REGISTERED, "大溪社区", False)],
        # closing overdue, due in 5 days, acceptance due …
        open_petitions=[(70, 66, 0, "大溪社区"), (58, 55, 0, "大溪社区"), (12, None, 0, None), (20, None, 0, None),
                        (80, 76, 30, None), (4, None, 0, None)],
    ),
    "meijiang": TownshipPlan(
        seed=3305, number_prefix="MJ", reply_prefix="梅江信复", extension_approver="姚德明",
        mediators=MEIJIANG_MEDIATORS, committee_directors=MEIJIANG_COMMITTEE_DIRECTORS, advisers=MEIJIANG_ADVISERS,
        village_weights=MEIJIANG_VILLAGE_WEIGHTS,
        years=[
            YearPlan(2024, succeeded=48, failed=3, transferred=1, accepted=22, late=2, dissatisfied=1, not_accepted=2),
            # 60 disputes, 57 settled; 25 petitions accepted, 2 closed late, 1 dissatisfied
            YearPlan(2025, succeeded=57, failed=2, transferred=1, accepted=25, late=2, dissatisfied=1, not_accepted=2),
            YearPlan(2026, succeeded=41, failed=1, accepted=17, late=1, not_accepted=1, running=True),
        ],
        # 38 overdue, 27 due within 7 days
        open_disputes=[(38, rules.DISPUTE_OPEN, "梅江社区", False), (27, rules.DISPUTE_OPEN, "民族村", False),
                       (6, rules.DISPUTE_REGISTERED, None, False)],
        # closing overdue, due in 5 days, acceptance due
        open_petitions=[(72, 68, 0, "梅江社区"), (58, 55, 0, None), (13, None, 0, None)],
    ),
}


def load(township) -> None:
    plan = PLANS.get(township.code)
    if plan is None:
        return
    rng = random.Random(plan.seed)  # noqa: S311 - made-up demo records, not a secret
    villages = {village.name: village for village in Village.objects.filter(township=township)}
    people = {person.name: person for person in Person.objects.filter(township=township)}
    mediators = load_mediators(township, plan, villages, people)
    load_committees(township, plan, villages, mediators)
    advisers = load_advisers(township, plan, villages, people)
    today = timezone.localdate()
    pick = Picker(rng, plan, villages, mediators)
    serials = {}  # (ledger, year) → numbers used by the closed records, so that open ones continue them
    for year in plan.years:
        serials["disputes", year.year] = load_disputes(township, pick, year.year, year.dispute_statuses(),
                                                       last=year.last_dispute(today))
        serials["petitions", year.year] = load_petitions(
            township, pick, year.year, accepted=year.accepted, late=year.late, dissatisfied=year.dissatisfied,
            not_accepted=year.not_accepted, last=year.last_petition(today),
        )
    load_open_records(township, pick, today, serials)
    for year in plan.years:
        load_consultations(township, pick, advisers, year.year, last=min(D(year.year, 12, 20), today))


class Picker:
    """The demo's random choices, all from one seeded generator (the same records on every run)."""

    def __init__(self, rng, plan: TownshipPlan, villages, mediators):
        self.rng = rng
        self.plan = plan
        self.villages = villages
        self.mediators = mediators

    def weighted(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def village(self):
        return self.villages[self.weighted(self.plan.village_weights)]

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES)

    def phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def id_number(self) -> str:
        birth = D(self.rng.randint(1950, 2000), self.rng.randint(1, 12), self.rng.randint(1, 28))
        body = f"500241{birth:%Y%m%d}{self.rng.randint(100, 999)}"
        return body + id_number_check_digit(body)

    def dates(self, year: int, count: int, last: datetime.date) -> list[datetime.date]:
        """count dates in the year up to `last`, spread over the months like a township's year."""
        months = [m for m in range(1, 13) if D(year, m, 1) <= last] or [1]
        weights = MONTH_WEIGHTS[: len(months)]
        result = []
        for _ in range(count):
            month = self.rng.choices(months, weights=weights)[0]
            day = self.rng.randint(1, 28)
            result.append(min(D(year, month, day), last))
        return sorted(result)

    def mediators_for(self, village) -> list[Mediator]:
        local = [m for m in self.mediators.values() if m.village_id == village.pk]
        township = [m for m in self.mediators.values() if m.level == Mediator.Level.TOWNSHIP]
        chosen = [self.rng.choice(local)] if local else []
        if self.rng.random() < 0.4:
            chosen.append(self.rng.choice(township))
        return chosen


def load_mediators(township, plan: TownshipPlan, villages, people) -> dict[str, Mediator]:
    mediators = {}
    for name, level, kind, village, group in plan.mediators:
        mediators[name], _created = upsert(
            Mediator, {"township": township, "person": people[name]},
            {"level": level, "kind": kind, "village": villages.get(village), "group_name": group,
             "appointed_on": D(2023, 3, 1), "active": True},
        )
    return mediators


def load_committees(township, plan: TownshipPlan, villages, mediators) -> None:
    for village_name, director in plan.committee_directors.items():
        village = villages[village_name]
        committee, _created = upsert(
            MediationCommittee, {"township": township, "village": village},
            {"name": f"{village_name}人民调解委员会", "director": mediators[director], "established_on": D(2023, 3, 1)},
        )
        committee.members.set([m for m in mediators.values() if m.village_id == village.pk])


def load_advisers(township, plan: TownshipPlan, villages, people) -> dict[tuple[str, int], LegalAdviser]:
    advisers = {}
    for name, firm, served, years in plan.advisers:
        for year in years:
            adviser, _created = upsert(
                LegalAdviser, {"township": township, "name": name, "contract_start": D(year, 1, 1)},
                {"person": people.get(name), "law_firm": firm, "phone": people[name].phone,
                 "contract_end": D(year, 12, 31), "onsite_days": 2, "note": ""},
            )
            adviser.villages.set([villages[v] for v in served])
            advisers[name, year] = adviser
    return advisers


def dispute_values(pick: Picker, registered, status, *, village=None) -> tuple[dict, list]:
    category = pick.weighted(TYPE_WEIGHTS)
    village = village or pick.village()
    party, other = pick.name(), pick.name()
    amount = Decimal(pick.rng.randrange(5, 500) * 100) if category in MONEY_TYPES else None
    risk = pick.rng.choices(rules.RISK_LEVELS, weights=[4, 24, 72])[0]
    values = {
        "registered_on": registered, "source": rules.DisputeSource.of_label(pick.weighted(SOURCE_WEIGHTS)),
        "category": rules.DisputeType.of_label(category),
        "village": village, "grid": f"{village.name}第{pick.rng.randint(1, max(village.grid_count, 1))}网格",
        "party_name": party, "party_phone": pick.phone(), "party_id_number": pick.id_number(), "other_party": other,
        "summary": pick.rng.choice(SUMMARIES[category]), "amount": amount, "risk_level": risk,
        "referred_to_police": risk == rules.RISK_HIGH, "other_mediators": "", "status": status,
        "mediation_started_on": None, "closed_on": None, "agreement_form": "", "agreement_terms": "",
        "failure_advice": "", "referred_to": "", "judicial_confirmation": False, "judicial_confirmation_on": None,
        "followup_on": None, "followup_performance": "", "followup_satisfaction": "", "followup_note": "", "note": "",
    }
    mediators = pick.mediators_for(village)
    if status != rules.DISPUTE_REGISTERED:
        values["mediation_started_on"] = registered + datetime.timedelta(days=pick.rng.randint(0, 2))
    if status in rules.DISPUTE_CLOSED_STATUSES:
        closed = registered + datetime.timedelta(days=pick.rng.randint(3, 26))  # within the month of rule 36
        values["closed_on"] = closed
    if status == rules.DISPUTE_SUCCEEDED:
        written = pick.rng.random() < 0.45
        settlement = SETTLEMENTS[category] + (f"，金额{amount}元" if amount else "")
        values.update(
            agreement_form=rules.AGREEMENT_WRITTEN if written else rules.AGREEMENT_ORAL,
            agreement_terms=f"{party}与{other}自愿达成如下协议：{settlement}；于{closed + datetime.timedelta(days=15)}前履行完毕。",
            followup_on=closed + datetime.timedelta(days=pick.rng.randint(10, 20)),
            followup_performance=rules.PERFORMANCE_DONE,
            followup_satisfaction=pick.rng.choices([rules.SATISFIED, rules.FAIRLY_SATISFIED], weights=[9, 1])[0],
            followup_note="协议已履行，当事人满意",
        )
        if written and pick.rng.random() < 0.3:
            values.update(judicial_confirmation=True,
                          judicial_confirmation_on=closed + datetime.timedelta(days=pick.rng.randint(2, 20)))
    elif status == rules.DISPUTE_FAILED:
        values["failure_advice"] = "已告知当事人可向秀山县人民法院提起诉讼，或申请法律援助"
    elif status == rules.DISPUTE_TRANSFERRED:
        values["referred_to"] = "秀山县人民法院"
    return values, mediators


def load_disputes(township, pick: Picker, year: int, statuses: list[str], *, last) -> int:
    shuffled = list(statuses)
    pick.rng.shuffle(shuffled)
    for serial, (registered, status) in enumerate(zip(pick.dates(year, len(shuffled), last), shuffled, strict=True), 1):
        values, mediators = dispute_values(pick, registered, status)
        save_dispute(township, f"{pick.plan.number_prefix}-TJ-{year}-{serial:03d}", values, mediators)
    return len(shuffled)


def save_dispute(township, number, values, mediators) -> Dispute:
    dispute, _created = upsert(Dispute, {"township": township, "number": number}, values)
    dispute.mediators.set(mediators)
    return dispute


def petition_values(pick: Picker, received, *, accepted=True, late=False, rating=rules.SATISFIED,
                    decision=rules.PETITION_ACCEPTED, closed=True, extension=0, village=None) -> dict:
    category = pick.weighted(PETITION_CATEGORY_WEIGHTS)
    channel = pick.weighted(PETITION_CHANNEL_WEIGHTS)
    values = {
        "received_on": received, "channel": rules.PetitionChannel.of_label(channel), "anonymous": False,
        "petitioner_name": pick.name(),
        "people_count": 1, "phone": pick.phone(), "village": village or pick.village(),
        "content": pick.rng.choice(PETITION_CONTENTS[category]), "category": rules.PetitionCategory.of_label(category),
        "acceptance": decision,
        "accepted_on": None, "notice_on": None, "extension_days": 0, "extension_reason": "",
        "extension_approver": "", "closed_on": None, "reply_number": "", "satisfaction": "", "review_stage": "",
        "review_requested_on": None, "review_replied_on": None, "re_review_requested_on": None,
        "re_review_replied_on": None, "note": "",
    }
    decided = received + datetime.timedelta(days=pick.rng.randint(1, 10))
    values["notice_on"] = decided + datetime.timedelta(days=pick.rng.randint(0, 3))
    if decision != rules.PETITION_ACCEPTED:
        values["note"] = "不属于信访事项，已告知通过诉讼途径解决" if decision == rules.PETITION_NOT_ACCEPTED else "已转送县人力社保局"
        return values
    values["accepted_on"] = decided
    if extension:
        values.update(extension_days=extension, extension_reason="涉及多部门协调，需进一步调查核实",
                      extension_approver=pick.plan.extension_approver)
    if closed:
        if late:  # a few days after the deadline, which may have been moved off a holiday (《民法典》第二百零三条)
            values["closed_on"] = rules.petition_closing_deadline(decided).due + datetime.timedelta(days=4)
        else:
            values["closed_on"] = decided + datetime.timedelta(days=75 if extension else pick.rng.randint(15, 55))
        values["satisfaction"] = rating
    return values


def load_petitions(township, pick: Picker, year: int, *, accepted, late, dissatisfied, not_accepted, last) -> int:
    ratings = [rules.DISSATISFIED] * dissatisfied
    ratings += [rules.FAIRLY_SATISFIED] * round((accepted - dissatisfied) * 0.15)
    ratings += [rules.SATISFIED] * (accepted - len(ratings))
    pick.rng.shuffle(ratings)
    kinds = ["late"] * late + ["accepted"] * (accepted - late) + ["not_accepted"] * not_accepted
    pick.rng.shuffle(kinds)
    reply = 0
    for serial, (received, kind) in enumerate(zip(pick.dates(year, len(kinds), last), kinds, strict=True), 1):
        if kind == "not_accepted":
            decision = rules.PETITION_ROUTED if serial % 2 else rules.PETITION_NOT_ACCEPTED
            values = petition_values(pick, received, decision=decision)
        else:
            rating = ratings.pop()
            reply += 1
            extended = kind == "accepted" and reply == 5  # one petition extended by the full 30 days
            values = petition_values(pick, received, late=kind == "late", rating=rating, extension=30 if extended else 0)
            values["reply_number"] = f"{pick.plan.reply_prefix}〔{year}〕{reply}号"
        if serial == 3:  # an anonymous letter
            values.update(channel=rules.CHANNEL_LETTER, anonymous=True, petitioner_name="", phone="")
        if serial == 6:  # a group visit, with its representatives
            values.update(channel=rules.CHANNEL_VISIT, people_count=3)
        save_petition(township, f"{pick.plan.number_prefix}-XF-{year}-{serial:03d}", values)
    return len(kinds)


def save_petition(township, number, values) -> Petition:
    petition, _created = upsert(Petition, {"township": township, "number": number}, values)
    return petition


def load_open_records(township, pick: Picker, today, serials) -> None:
    """Open disputes and petitions around today, so that the lists and dashboards show their deadlines."""
    def ago(days):
        return today - datetime.timedelta(days=days)

    def number(ledger, prefix, date, offset):
        return f"{prefix}-{date.year}-{serials.get((ledger, date.year), 0) + offset + 1:03d}"

    plan = pick.plan

    def village_named(name):
        return pick.villages[name] if name else None  # None: dispute_values and petition_values pick one

    for offset, (days, status, village, high_risk) in enumerate(plan.open_disputes):
        values, mediators = dispute_values(pick, ago(days), status, village=village_named(village))
        if high_risk:
            values.update(risk_level=rules.RISK_HIGH, referred_to_police=True)
        save_dispute(township, number("disputes", f"{plan.number_prefix}-TJ", ago(days), offset), values, mediators)
    for offset, (received, accepted, extension, village) in enumerate(plan.open_petitions):
        values = petition_values(pick, ago(received), closed=False, extension=extension,
                                 village=village_named(village))
        if accepted is None:
            values.update(acceptance="", accepted_on=None, notice_on=None)
        else:
            values.update(accepted_on=ago(accepted), notice_on=ago(accepted))
        save_petition(township, number("petitions", f"{plan.number_prefix}-XF", ago(received), offset), values)


def load_consultations(township, pick: Picker, advisers, year: int, *, last) -> None:
    for name, _firm, served, years in pick.plan.advisers:
        if year not in years:
            continue
        adviser = advisers[name, year]
        for village_name in served:
            village = pick.villages[village_name]
            for month in range(1, 13, 2):  # every other month, on the adviser's on-site day
                day = D(year, month, 10 + pick.rng.randint(0, 10))
                topic = pick.rng.choice(CONSULTATION_TOPICS)
                people = pick.rng.randint(1, 6)
                if day > last:
                    continue
                upsert(Consultation, {"township": township, "date": day, "village": village, "topic": topic},
                       {"adviser": adviser, "people_served": people, "note": ""})
