"""Demo records of the governance area, loaded by `load_demo` (idempotent: reruns change nothing).

大溪镇 (daxi): 2025 reproduces ../shared/reference/figures.md rows 1-12 and 29 — 6 key tasks, 4 Party committee
sessions on rule of law, 6 reports heard, 5 issues solved (法治宣传、执法保障 among them), 3 seminars, 2 expert
lectures, 2 rule-of-law trainings of 106 person-times, every cadre in post at a study or training (100%), 5 cadres
at the certification training, 3 newly certified officers, 7 holding a valid certificate on 31 December, a law exam
taken and passed by all. 2024 is there for comparison; 2026 runs up to today, with a key task overdue, two due
within 30 days, an expired certificate and an officer short of training hours.

梅江镇 (meijiang), the county's second township, does less: fewer meetings and trainings, two village cadres who
attended none, an exam failed, a certificate expired without renewal and one expiring.

Everyone named is on the demo roster of load_demo (township/management/commands/load_demo.py PEOPLE); the
certificate numbers of 大溪镇's officers are those of ../shared/reference/samples/certificates.xlsx.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from governance.models import (
    Certificate,
    ExamResult,
    KeyTask,
    LawExam,
    LawReport,
    LeadingGroupMember,
    LegalRecruit,
    Meeting,
    MeetingIssue,
    Training,
)
from township.demo import upsert
from township.models import Person

D = datetime.date
S = KeyTask.Status
MK = Meeting.Kind
TK = Training.Kind
TM = Training.Method
CAT = MeetingIssue.Category
CS = Certificate.Status
ROLE = LeadingGroupMember.Role
CAP = LawReport.Capacity


@dataclass(frozen=True)
class Issue:
    description: str
    category: str
    owner: str
    due: datetime.date
    resolved_on: datetime.date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class MeetingSpec:
    date: datetime.date
    title: str
    kind: str
    chair: str
    topics: str
    study_law: str = ""
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class TrainingSpec:
    date: datetime.date
    title: str
    kind: str
    speaker: str
    hours: str
    attendees: str  # a group of the plan (TownshipPlan.groups)
    headcount: int | None = None  # None: the people named
    others: str = ""
    laws: str = ""
    method: str = TM.THEORY
    absent: tuple[str, ...] = ()  # members of the group who were not there


@dataclass(frozen=True)
class CertificateSpec:
    holder: str
    number: str
    issued_on: datetime.date
    valid_until: datetime.date
    status: str = CS.VALID
    status_changed_on: datetime.date | None = None
    status_reason: str = ""
    review_year: int | None = None
    review_note: str = ""
    category: str = "综合行政执法"


@dataclass(frozen=True)
class ExamSpec:
    date: datetime.date
    title: str
    group: str
    absent: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()


@dataclass
class TownshipPlan:
    seed: int
    groups: dict[str, list[str]]
    key_tasks: dict[int, list[tuple]]  # year → (title, leader, unit, due, status, progress, completed_on, note)
    leading_group: dict[int, tuple[datetime.date, list[tuple[str, str, str]]]]  # year → (appointed, [(name, role, duty)])
    law_reports: list[tuple[datetime.date, str, str, str]]  # date, person, capacity, meeting title
    meetings: list[MeetingSpec]
    trainings: list[TrainingSpec]
    exams: list[ExamSpec]
    certificates: list[CertificateSpec]
    recruits: list[tuple[str, datetime.date, str]] = field(default_factory=list)


DAXI_TOWNSHIP_CADRES = ["向桂兰", "王正权", "田维新", "杨晓梅", "陈文军", "石佳慧", "龙文军", "刘桂兰", "白德文", "冉正权",
                        "吴玉珍", "田明", "杨志强", "彭小燕", "向玉珍", "李海波", "张德文", "冉家富", "王春梅", "龙春梅",
                        "石秀英"]
DAXI_VILLAGE_CADRES = ["彭海波", "吴建华", "冉明", "向国庆", "杨秀兰", "田家兴", "李正权", "龙志勇", "刘文军", "彭桂芳",
                       "石光明", "张玉兰"]
DAXI_OFFICERS = ["龙文军", "刘桂兰", "田维新", "冉家富", "冉正权", "吴玉珍", "田明", "白德文"]
DAXI_LEADERS = ["向桂兰", "王正权", "田维新", "杨晓梅"]
# the other members of the Party committee and government team are not on the demo roster: counted, not named
TEAM_OTHERS = "镇党委其他班子成员"

DAXI_GROUP = [
    ("向桂兰", ROLE.LEADER, "全面负责法治政府建设工作"), ("王正权", ROLE.LEADER, "负责政府依法行政工作"),
    ("田维新", ROLE.DEPUTY, "协助组长抓法治建设日常工作"), ("杨晓梅", ROLE.DEPUTY, "分管行政执法和安全生产"),
    ("陈文军", ROLE.OFFICE_DIRECTOR, "领导小组办公室日常工作、合法性审查"), ("龙文军", ROLE.MEMBER, "行政执法"),
    ("杨志强", ROLE.MEMBER, "矛盾纠纷化解"), ("向玉珍", ROLE.MEMBER, "规范性文件和会议安排"),
    ("李海波", ROLE.MEMBER, "法治办具体工作"), ("张德文", ROLE.MEMBER, "信访工作"), ("王春梅", ROLE.MEMBER, "规划建设执法"),
]

DAXI = TownshipPlan(
    seed=2025,
    groups={
        "班子": DAXI_LEADERS,
        "中心组扩大": DAXI_LEADERS + ["陈文军", "杨志强", "李海波"],
        "镇干部": DAXI_TOWNSHIP_CADRES,
        "镇村干部": DAXI_TOWNSHIP_CADRES + DAXI_VILLAGE_CADRES,
        "执法人员": DAXI_OFFICERS,
        "第一期学员": ["冉正权", "吴玉珍", "田明", "石佳慧"],
        "第二期学员": ["王春梅", "冉正权"],
        "2024执法培训": ["白德文", "冉正权"],
        "调解员": ["杨志强", "彭小燕", "陈文军", "石佳慧"],
    },
    key_tasks={
        2024: [
            ("制定2024年法治政府建设工作要点", "向桂兰", "党政办", D(2024, 3, 31), S.COMPLETED, None, D(2024, 3, 12), ""),
            ("开展“八五”普法中期自查", "田维新", "司法所", D(2024, 6, 30), S.COMPLETED, None, D(2024, 6, 21), ""),
            ("规范行政执法公示", "王正权", "综合行政执法大队", D(2024, 9, 30), S.COMPLETED, None, D(2024, 9, 6), ""),
            ("健全村（社区）调解委员会", "田维新", "综治中心", D(2024, 10, 31), S.COMPLETED, None, D(2024, 10, 18), ""),
            ("落实领导干部学法制度", "向桂兰", "党政办", D(2024, 12, 31), S.COMPLETED, None, D(2024, 12, 20), ""),
        ],
        2025: [  # ../shared/reference/samples/key-tasks-2025.xlsx
            ("调整充实镇法治政府建设工作领导小组", "向桂兰", "党政办", D(2025, 3, 31), S.COMPLETED, None, D(2025, 2, 18),
             "2025年2月印发调整通知"),
            ("落实行政执法“三项制度”，配备执法记录仪", "王正权", "综合行政执法大队", D(2025, 6, 30), S.COMPLETED, None,
             D(2025, 3, 20), "配备执法记录仪2台"),
            ("建立重大执法决定法制审核机制", "王正权", "司法所", D(2025, 9, 30), S.COMPLETED, None, D(2025, 9, 12), ""),
            ("推进镇综治中心规范化建设", "田维新", "综治中心", D(2025, 12, 31), S.COMPLETED, None, D(2025, 11, 28), ""),
            ("实现“一村一法律顾问”全覆盖", "陈文军", "司法所", D(2025, 6, 30), S.COMPLETED, None, D(2025, 1, 10),
             "6个村（社区）全覆盖"),
            ("升级镇法治文化广场和村法治书屋", "田维新", "宣传文化服务中心", D(2025, 12, 31), S.COMPLETED, None,
             D(2026, 5, 20), "清泉村书屋2025年完成，广场改造2026年5月完工"),
        ],
        2026: [
            ("开展“八五”普法总结验收", "田维新", "司法所", D(2026, 12, 31), S.IN_PROGRESS, 60, None, ""),
            ("开展行政执法案卷评查", "王正权", "综合行政执法大队", D(2026, 10, 31), S.IN_PROGRESS, 70, None, ""),
            ("完善村规民约合法性审查", "陈文军", "司法所", D(2026, 6, 30), S.COMPLETED, None, D(2026, 6, 20), ""),
            ("打造村级法治文化示范阵地", "田维新", "宣传文化服务中心", D(2026, 11, 30), S.COMPLETED, None, D(2026, 11, 18),
             "清泉村"),
            ("开展法律顾问驻村服务质量评价", "陈文军", "司法所", D(2026, 9, 30), S.COMPLETED, None, D(2026, 9, 25), ""),
            ("全年组织法治专题培训不少于8次", "向桂兰", "党政办", D(2026, 12, 31), S.IN_PROGRESS, 25, None, "已开展2次"),
        ],
    },
    leading_group={2024: (D(2024, 3, 5), DAXI_GROUP[:4] + DAXI_GROUP[5:]), 2025: (D(2025, 2, 18), DAXI_GROUP),
                   2026: (D(2026, 2, 12), DAXI_GROUP)},
    law_reports=[
        (D(2024, 12, 12), "向桂兰", CAP.PARTY_SECRETARY, "镇党委2024年第21次会议"),
        (D(2024, 12, 12), "王正权", CAP.GOVERNMENT_HEAD, "镇党委2024年第21次会议"),
        (D(2025, 12, 11), "向桂兰", CAP.PARTY_SECRETARY, "镇党委2025年第20次会议"),
        (D(2025, 12, 11), "王正权", CAP.GOVERNMENT_HEAD, "镇党委2025年第20次会议"),
    ],
    meetings=[
        # 2024
        MeetingSpec(D(2024, 1, 18), "镇党委2024年第1次会议", MK.PARTY_SESSION, "向桂兰", "研究部署2024年法治政府建设工作",
                    issues=(Issue("普法责任清单未分解到村", CAT.PUBLICITY, "田维新", D(2024, 3, 31), D(2024, 3, 15),
                                  "已印发普法责任清单"),)),
        MeetingSpec(D(2024, 3, 21), "镇政府第4次常务会议", MK.EXECUTIVE, "王正权", "会前学法：《行政许可法》；研究行政执法公示",
                    study_law="《行政许可法》"),
        MeetingSpec(D(2024, 4, 25), "镇党委2024年第6次会议", MK.REPORT_HEARD, "向桂兰", "听取综治中心一季度矛盾纠纷化解工作汇报"),
        MeetingSpec(D(2024, 6, 27), "镇党委2024年第10次会议", MK.PARTY_SESSION, "向桂兰", "研究“八五”普法中期自查工作",
                    issues=(Issue("执法人员专业培训不足", CAT.ENFORCEMENT, "王正权", D(2024, 9, 30), D(2024, 10, 15),
                                  "组织执法人员参加网上学法"),
                            Issue("村调委会成员老化", CAT.DISPUTES, "杨志强", D(2024, 10, 31), D(2024, 10, 18),
                                  "各村调委会完成调整"))),
        MeetingSpec(D(2024, 8, 22), "镇党委2024年第14次会议", MK.REPORT_HEARD, "向桂兰", "听取综合行政执法大队执法工作汇报"),
        MeetingSpec(D(2024, 10, 17), "镇党委2024年第17次会议", MK.REPORT_HEARD, "向桂兰", "听取信访工作汇报"),
        MeetingSpec(D(2024, 11, 14), "镇政府第19次常务会议", MK.REPORT_HEARD, "王正权", "听取行政复议应诉工作汇报"),
        MeetingSpec(D(2024, 12, 12), "镇党委2024年第21次会议", MK.PARTY_SESSION, "向桂兰", "研究年度法治政府建设情况报告及述法工作",
                    issues=(Issue("干部学法考勤不严", CAT.TEAM, "向玉珍", D(2024, 12, 31), D(2024, 12, 26),
                                  "建立学法签到和学时登记制度"),)),
        # 2025: ../shared/reference/samples/meetings-2025.xlsx and the reports heard the sample leaves out
        MeetingSpec(D(2025, 1, 16), "镇党委2025年第1次会议", MK.PARTY_SESSION, "向桂兰",
                    "研究部署2025年法治政府建设工作要点，明确6项重点任务",
                    issues=(Issue("法治建设重点任务分工不明确", CAT.INSTITUTIONS, "向玉珍", D(2025, 2, 28), D(2025, 2, 18),
                                  "已印发任务清单，责任到人"),)),
        MeetingSpec(D(2025, 2, 20), "镇政府第3次常务会议", MK.EXECUTIVE, "王正权",
                    "会前学法：《中华人民共和国行政处罚法》；研究执法记录仪采购", study_law="《中华人民共和国行政处罚法》",
                    issues=(Issue("执法全过程记录设备不足", CAT.ENFORCEMENT, "龙文军", D(2025, 4, 30), D(2025, 3, 20),
                                  "已配备执法记录仪2台"),)),
        MeetingSpec(D(2025, 3, 28), "镇党委2025年第5次会议", MK.REPORT_HEARD, "向桂兰", "听取镇司法所一季度矛盾纠纷排查化解工作汇报"),
        MeetingSpec(D(2025, 4, 24), "镇党委2025年第7次会议", MK.PARTY_SESSION, "向桂兰", "研究“八五”普法中期推进工作",
                    issues=(Issue("村级普法阵地老化", CAT.PUBLICITY, "田维新", D(2025, 9, 30), D(2025, 8, 15),
                                  "清泉村法治书屋已完成升级"),)),
        MeetingSpec(D(2025, 5, 15), "镇政府第8次常务会议", MK.REPORT_HEARD, "王正权", "听取镇综治中心规范化建设推进情况汇报"),
        MeetingSpec(D(2025, 6, 30), "镇党委2025年第11次会议", MK.REPORT_HEARD, "向桂兰", "听取综合行政执法大队上半年执法工作汇报"),
        MeetingSpec(D(2025, 7, 17), "镇政府第14次常务会议", MK.EXECUTIVE, "王正权",
                    "会前学法：《重大行政决策程序暂行条例》；审议场镇管理办法（草案）", study_law="《重大行政决策程序暂行条例》"),
        MeetingSpec(D(2025, 8, 21), "镇党委2025年第13次会议", MK.REPORT_HEARD, "向桂兰", "听取“八五”普法工作推进情况汇报"),
        MeetingSpec(D(2025, 9, 9), "镇党委2025年第15次会议", MK.PARTY_SESSION, "向桂兰", "研究重大执法决定法制审核机制",
                    issues=(Issue("法制审核人员力量不足", CAT.ENFORCEMENT, "陈文军", D(2025, 9, 30), D(2025, 9, 12),
                                  "明确司法所负责审核，法律顾问参与"),)),
        MeetingSpec(D(2025, 10, 16), "镇党委2025年第17次会议", MK.REPORT_HEARD, "向桂兰", "听取信访工作专题汇报"),
        MeetingSpec(D(2025, 11, 20), "镇政府第21次常务会议", MK.REPORT_HEARD, "王正权",
                    "会前学法：《行政复议法》；听取行政复议应诉和合法性审查工作汇报", study_law="《行政复议法》"),
        MeetingSpec(D(2025, 12, 11), "镇党委2025年第20次会议", MK.PARTY_SESSION, "向桂兰", "研究年度法治政府建设情况报告及述法工作",
                    issues=(Issue("年度考核指标未纳入法治履职", CAT.TEAM, "向玉珍", D(2025, 12, 31), D(2025, 12, 25),
                                  "已纳入年度考核"),
                            Issue("村级法律明白人培训不足", CAT.TEAM, "陈文军", D(2026, 3, 31), D(2026, 3, 20),
                                  "已开展法律明白人专题培训2期"))),
        # 2026, until today
        MeetingSpec(D(2026, 1, 15), "镇党委2026年第1次会议", MK.PARTY_SESSION, "向桂兰", "研究部署2026年法治政府建设工作要点",
                    issues=(Issue("行政执法案卷不规范", CAT.ENFORCEMENT, "龙文军", D(2026, 10, 31), None, ""),)),
        MeetingSpec(D(2026, 3, 26), "镇党委2026年第6次会议", MK.REPORT_HEARD, "向桂兰", "听取一季度矛盾纠纷排查化解工作汇报"),
        MeetingSpec(D(2026, 5, 14), "镇政府第9次常务会议", MK.EXECUTIVE, "王正权", "会前学法：《行政许可法》；研究便民服务事项清单",
                    study_law="《行政许可法》"),
        MeetingSpec(D(2026, 9, 10), "镇党委2026年第15次会议", MK.PARTY_SESSION, "向桂兰", "研究村级法治文化示范阵地建设",
                    issues=(Issue("示范阵地建设资金不足", CAT.PUBLICITY, "田维新", D(2026, 12, 20), None, ""),)),
    ],
    trainings=[
        # 2024
        TrainingSpec(D(2024, 1, 8), "传达学习习近平法治思想重要论述", TK.FIRST_AGENDA, "向桂兰", "1", "班子", 9, TEAM_OTHERS),
        TrainingSpec(D(2024, 3, 14), "理论学习中心组专题研讨：法治政府建设", TK.SEMINAR, "向桂兰", "2", "班子", 10, TEAM_OTHERS),
        TrainingSpec(D(2024, 4, 10), "行政执法资格认证培训", TK.CERTIFICATION, "县司法局", "40", "2024执法培训",
                     laws="《行政处罚法》《行政强制法》"),
        TrainingSpec(D(2024, 5, 23), "民法典专题培训", TK.LAW_TRAINING, "县司法局 彭志远", "3", "镇村干部", 48,
                     laws="《民法典》", absent=("龙志勇", "张玉兰", "田家兴")),
        TrainingSpec(D(2024, 6, 4), "行政执法人员网上学法（公共法律知识）", TK.ONLINE, "重庆市行政执法人员网络学法平台", "20",
                     "执法人员"),
        TrainingSpec(D(2024, 7, 9), "第一议题：学习《中华人民共和国宪法》", TK.FIRST_AGENDA, "向桂兰", "1", "班子", 9, TEAM_OTHERS,
                     laws="《宪法》"),
        TrainingSpec(D(2024, 9, 19), "理论学习中心组专题研讨：依法行政", TK.SEMINAR, "王正权", "2", "班子", 9, TEAM_OTHERS),
        TrainingSpec(D(2024, 10, 15), "行政执法人员网上学法（专业法律知识）", TK.ONLINE, "重庆市行政执法人员网络学法平台", "40",
                     "执法人员"),
        TrainingSpec(D(2024, 10, 24), "信访工作条例专家讲座", TK.LECTURE, "县信访办", "2", "镇干部", 52),
        TrainingSpec(D(2024, 11, 21), "宪法宣传周法治专题培训", TK.LAW_TRAINING, "陈文军", "2", "镇村干部", 44, laws="《宪法》",
                     absent=("龙志勇", "张玉兰", "田家兴")),
        # 2025: ../shared/reference/samples/study-training-2025.xlsx, with the roster's names
        TrainingSpec(D(2025, 1, 6), "传达学习习近平法治思想重要论述", TK.FIRST_AGENDA, "向桂兰", "1", "班子", 9, TEAM_OTHERS),
        TrainingSpec(D(2025, 3, 13), "理论学习中心组专题研讨：习近平法治思想与基层治理", TK.SEMINAR, "向桂兰", "3", "中心组扩大",
                     12, TEAM_OTHERS, laws="《宪法》"),
        TrainingSpec(D(2025, 4, 8), "第一议题：学习《中华人民共和国宪法》有关规定", TK.FIRST_AGENDA, "向桂兰", "1", "班子", 9,
                     TEAM_OTHERS, laws="《宪法》"),
        TrainingSpec(D(2025, 4, 15), "国家安全法专家讲座", TK.LECTURE, "县委党校 杨教授", "2", "镇干部", 58, laws="《国家安全法》"),
        TrainingSpec(D(2025, 5, 22), "民法典与基层治理专题培训", TK.LAW_TRAINING, "县司法局 彭志远", "3", "镇村干部", 56,
                     laws="《民法典》"),
        TrainingSpec(D(2025, 6, 10), "行政执法人员网上学法（公共法律知识）", TK.ONLINE, "重庆市行政执法人员网络学法平台", "20",
                     "执法人员", laws="《民法典》"),
        TrainingSpec(D(2025, 6, 12), "理论学习中心组学习：《民法典》与基层治理", TK.STUDY_GROUP, "向桂兰", "2", "班子", 9,
                     TEAM_OTHERS, laws="《民法典》"),
        TrainingSpec(D(2025, 7, 8), "第一议题：学习习近平总书记关于依法行政的重要指示精神", TK.FIRST_AGENDA, "向桂兰", "1", "班子", 9,
                     TEAM_OTHERS),
        TrainingSpec(D(2025, 8, 1), "行政执法资格认证培训（第一期）", TK.CERTIFICATION, "县司法局", "40", "第一期学员",
                     laws="《行政处罚法》《行政强制法》"),
        TrainingSpec(D(2025, 8, 19), "行政执法资格认证培训（第二期）", TK.CERTIFICATION, "县司法局", "40", "第二期学员",
                     method=TM.SIMULATION),
        TrainingSpec(D(2025, 9, 18), "理论学习中心组专题研讨：行政处罚法适用", TK.SEMINAR, "王正权", "2", "班子", 9, TEAM_OTHERS,
                     laws="《行政处罚法》", method=TM.CASE_STUDY),
        TrainingSpec(D(2025, 10, 14), "行政执法人员网上学法（专业法律知识）", TK.ONLINE, "重庆市行政执法人员网络学法平台", "40",
                     "执法人员", laws="《行政强制法》", absent=("冉家富",)),
        TrainingSpec(D(2025, 10, 30), "行政复议法专家讲座", TK.LECTURE, "重庆渝东律师事务所 田静", "2", "镇干部", 55,
                     laws="《行政复议法》"),
        TrainingSpec(D(2025, 11, 20), "宪法宣传周法治专题培训", TK.LAW_TRAINING, "陈文军", "2", "镇村干部", 50,
                     laws="《宪法》《民法典》"),
        TrainingSpec(D(2025, 12, 3), "理论学习中心组专题研讨：年度述法", TK.SEMINAR, "向桂兰", "2", "班子", 9, TEAM_OTHERS),
        # 2026, until today
        TrainingSpec(D(2026, 1, 5), "第一议题：学习习近平法治思想", TK.FIRST_AGENDA, "向桂兰", "1", "班子", 9, TEAM_OTHERS),
        TrainingSpec(D(2026, 3, 19), "行政许可法专题培训", TK.LAW_TRAINING, "县司法局", "3", "镇村干部", 48, laws="《行政许可法》",
                     method=TM.CASE_STUDY),
        TrainingSpec(D(2026, 6, 9), "行政执法人员网上学法（公共法律知识）", TK.ONLINE, "重庆市行政执法人员网络学法平台", "20",
                     "执法人员", absent=("冉家富",)),
        TrainingSpec(D(2026, 6, 18), "调解技巧专家讲座", TK.LECTURE, "县人民法院 法官", "2", "调解员", 26),
        TrainingSpec(D(2026, 9, 24), "行政执法模拟演练", TK.LAW_TRAINING, "龙文军", "4", "执法人员", 12,
                     method=TM.SIMULATION),
    ],
    exams=[
        ExamSpec(D(2024, 11, 14), "2024年度国家工作人员学法考法", "镇干部", absent=("冉家富",), failed=("白德文",)),
        ExamSpec(D(2025, 11, 12), "2025年度国家工作人员学法考法", "镇干部"),
        ExamSpec(D(2026, 11, 11), "2026年度国家工作人员学法考法", "镇干部", absent=("彭小燕",)),
    ],
    certificates=[  # ../shared/reference/samples/certificates.xlsx, with the roster's officers
        CertificateSpec("龙文军", "渝执500241001231", D(2021, 6, 30), D(2027, 6, 29), review_year=2025),
        CertificateSpec("刘桂兰", "渝执500241001232", D(2021, 6, 30), D(2027, 6, 29), review_year=2025),
        CertificateSpec("陈文军", "渝执500241000876", D(2019, 12, 20), D(2025, 12, 19), CS.EXPIRED, review_note="未换证",
                        category="司法行政"),
        CertificateSpec("田维新", "渝执500241001408", D(2023, 4, 10), D(2029, 4, 9), review_year=2025),
        CertificateSpec("冉家富", "渝执500241001409", D(2023, 4, 10), D(2029, 4, 9)),
        CertificateSpec("杨志强", "渝执500241001102", D(2022, 3, 1), D(2028, 2, 29), CS.CANCELLED, D(2025, 5, 16),
                        "2025年5月调离执法岗位，证件已收回"),
        CertificateSpec("白德文", "渝执500241001533", D(2024, 5, 20), D(2030, 5, 19), CS.SUSPENDED, D(2025, 9, 12),
                        "涉嫌执法过错，调查期间暂扣", review_year=2024),
        CertificateSpec("冉正权", "渝执500241001781", D(2025, 10, 15), D(2031, 10, 14), review_note="2025年新取得"),
        CertificateSpec("吴玉珍", "渝执500241001782", D(2025, 10, 15), D(2031, 10, 14), review_note="2025年新取得"),
        CertificateSpec("田明", "渝执500241001783", D(2025, 10, 15), D(2031, 10, 14), review_note="2025年新取得"),
    ],
    recruits=[("石佳慧", D(2024, 8, 1), LegalRecruit.Channel.PUBLIC_EXAM)],
)

MEIJIANG_TOWNSHIP_CADRES = ["罗承志", "姚德明", "谢晓琴", "胡永平", "黄丽", "蒋雪梅", "邓光荣"]
MEIJIANG_VILLAGE_CADRES = ["杨再兴", "吴秀芝", "麻成林", "龙永贵", "滕代英", "彭大江"]

MEIJIANG = TownshipPlan(
    seed=3305,
    groups={
        "班子": ["罗承志", "姚德明"],
        "镇干部": MEIJIANG_TOWNSHIP_CADRES,
        "镇村干部": MEIJIANG_TOWNSHIP_CADRES + MEIJIANG_VILLAGE_CADRES,
        "执法人员": ["胡永平", "邓光荣", "谢晓琴", "黄丽"],
        "执法学员": ["黄丽", "蒋雪梅"],
    },
    key_tasks={
        2024: [
            ("制定2024年法治建设工作要点", "罗承志", "党政办", D(2024, 3, 31), S.COMPLETED, None, D(2024, 3, 20), ""),
            ("推进村（社区）法律顾问全覆盖", "谢晓琴", "司法所", D(2024, 9, 30), S.COMPLETED, None, D(2024, 12, 10), "延期完成"),
            ("规范行政执法公示", "姚德明", "综治中心", D(2024, 12, 31), S.COMPLETED, None, D(2024, 12, 18), ""),
        ],
        2025: [
            ("调整法治建设工作领导小组", "罗承志", "党政办", D(2025, 3, 31), S.COMPLETED, None, D(2025, 3, 6), ""),
            ("落实行政执法“三项制度”", "姚德明", "综治中心", D(2025, 6, 30), S.COMPLETED, None, D(2025, 6, 24), ""),
            ("开展“八五”普法中期评估", "谢晓琴", "司法所", D(2025, 9, 30), S.COMPLETED, None, D(2025, 9, 26), ""),
            ("建设镇法治文化广场", "姚德明", "党政办", D(2025, 12, 31), S.OVERDUE, 50, None, "资金未到位"),
            ("完善矛盾纠纷多元化解机制", "胡永平", "综治中心", D(2025, 12, 31), S.COMPLETED, None, D(2025, 12, 19), ""),
        ],
        2026: [
            ("推进镇法治文化广场建设", "姚德明", "党政办", D(2026, 12, 31), S.IN_PROGRESS, 70, None, ""),
            ("开展法律明白人培训", "谢晓琴", "司法所", D(2026, 6, 30), S.COMPLETED, None, D(2026, 6, 28), ""),
        ],
    },
    leading_group={2025: (D(2025, 3, 6), [("罗承志", ROLE.LEADER, "全面负责"), ("姚德明", ROLE.LEADER, "依法行政"),
                                        ("谢晓琴", ROLE.OFFICE_DIRECTOR, "领导小组办公室日常工作"),
                                        ("胡永平", ROLE.MEMBER, "矛盾纠纷化解"), ("邓光荣", ROLE.MEMBER, "信访工作"),
                                        ("蒋雪梅", ROLE.MEMBER, "法治办具体工作")])},
    law_reports=[(D(2025, 12, 16), "罗承志", CAP.PARTY_SECRETARY, "镇党委2025年第18次会议")],
    meetings=[
        MeetingSpec(D(2024, 2, 22), "镇党委2024年第2次会议", MK.PARTY_SESSION, "罗承志", "研究部署2024年法治建设工作"),
        MeetingSpec(D(2024, 7, 18), "镇党委2024年第12次会议", MK.REPORT_HEARD, "罗承志", "听取司法所上半年工作汇报"),
        MeetingSpec(D(2024, 11, 28), "镇党委2024年第19次会议", MK.PARTY_SESSION, "罗承志", "研究年度法治政府建设情况报告",
                    issues=(Issue("法律顾问驻村时间不足", CAT.DISPUTES, "谢晓琴", D(2024, 12, 31), D(2024, 12, 10),
                                  "已明确每月驻村不少于2天"),)),
        MeetingSpec(D(2025, 2, 13), "镇党委2025年第2次会议", MK.PARTY_SESSION, "罗承志", "研究部署2025年法治建设工作要点",
                    issues=(Issue("法治建设工作要点未分解", CAT.INSTITUTIONS, "蒋雪梅", D(2025, 3, 31), D(2025, 3, 6),
                                  "已制定任务清单"),)),
        MeetingSpec(D(2025, 3, 20), "镇政府第4次常务会议", MK.EXECUTIVE, "姚德明", "会前学法：《行政处罚法》；研究执法装备配备",
                    study_law="《行政处罚法》"),
        MeetingSpec(D(2025, 4, 17), "镇党委2025年第6次会议", MK.REPORT_HEARD, "罗承志", "听取综治中心矛盾纠纷化解工作汇报"),
        MeetingSpec(D(2025, 6, 19), "镇党委2025年第10次会议", MK.PARTY_SESSION, "罗承志", "研究行政执法“三项制度”落实",
                    issues=(Issue("执法记录设备不足", CAT.ENFORCEMENT, "胡永平", D(2025, 8, 31), D(2025, 6, 24),
                                  "已配备执法记录仪1台"),)),
        MeetingSpec(D(2025, 8, 14), "镇党委2025年第13次会议", MK.REPORT_HEARD, "罗承志", "听取“八五”普法工作汇报"),
        MeetingSpec(D(2025, 10, 23), "镇政府第17次常务会议", MK.REPORT_HEARD, "姚德明", "听取信访工作汇报"),
        MeetingSpec(D(2025, 11, 13), "镇政府第19次常务会议", MK.EXECUTIVE, "姚德明", "研究镇法治文化广场建设资金",
                    issues=(Issue("法治文化广场建设资金未落实", CAT.PUBLICITY, "姚德明", D(2025, 12, 31), None, ""),)),
        MeetingSpec(D(2025, 12, 16), "镇党委2025年第18次会议", MK.PARTY_SESSION, "罗承志", "研究年度法治政府建设情况报告及述法工作",
                    issues=(Issue("村级普法宣传覆盖不足", CAT.PUBLICITY, "谢晓琴", D(2025, 12, 31), D(2025, 12, 29),
                                  "已制定送法进村计划"),)),
        MeetingSpec(D(2025, 12, 23), "镇党委2025年第19次会议", MK.REPORT_HEARD, "罗承志", "听取综合执法年度工作汇报"),
        MeetingSpec(D(2026, 2, 12), "镇党委2026年第2次会议", MK.PARTY_SESSION, "罗承志", "研究部署2026年法治建设工作要点"),
        MeetingSpec(D(2026, 6, 18), "镇党委2026年第10次会议", MK.REPORT_HEARD, "罗承志", "听取上半年法治建设工作汇报"),
    ],
    trainings=[
        TrainingSpec(D(2024, 3, 12), "传达学习习近平法治思想", TK.FIRST_AGENDA, "罗承志", "1", "班子", 7, TEAM_OTHERS),
        TrainingSpec(D(2024, 5, 16), "民法典专题培训", TK.LAW_TRAINING, "县司法局", "3", "镇村干部", 32, laws="《民法典》",
                     absent=("滕代英", "彭大江", "龙永贵")),
        TrainingSpec(D(2024, 9, 12), "行政执法人员网上学法", TK.ONLINE, "重庆市行政执法人员网络学法平台", "40", "执法人员",
                     absent=("黄丽",)),
        TrainingSpec(D(2024, 11, 26), "宪法宣传周法治专题培训", TK.LAW_TRAINING, "谢晓琴", "2", "镇村干部", 30, laws="《宪法》",
                     absent=("滕代英", "彭大江")),
        TrainingSpec(D(2025, 1, 9), "传达学习习近平法治思想重要论述", TK.FIRST_AGENDA, "罗承志", "1", "班子", 7, TEAM_OTHERS),
        TrainingSpec(D(2025, 3, 27), "理论学习中心组专题研讨：基层依法治理", TK.SEMINAR, "罗承志", "2", "班子", 8, TEAM_OTHERS),
        TrainingSpec(D(2025, 4, 24), "民法典专题培训", TK.LAW_TRAINING, "县司法局", "3", "镇村干部", 35, laws="《民法典》",
                     absent=("滕代英", "彭大江")),
        TrainingSpec(D(2025, 6, 5), "行政执法资格认证培训", TK.CERTIFICATION, "县司法局", "40", "执法学员",
                     laws="《行政处罚法》"),
        TrainingSpec(D(2025, 7, 10), "第一议题：学习《中华人民共和国宪法》", TK.FIRST_AGENDA, "罗承志", "1", "班子", 7,
                     TEAM_OTHERS, laws="《宪法》"),
        TrainingSpec(D(2025, 9, 11), "行政执法人员网上学法", TK.ONLINE, "重庆市行政执法人员网络学法平台", "40", "执法人员"),
        TrainingSpec(D(2025, 9, 25), "安全生产法专家讲座", TK.LECTURE, "县应急管理局", "2", "镇干部", 24, laws="《安全生产法》"),
        TrainingSpec(D(2025, 10, 16), "行政复议法专题培训", TK.LAW_TRAINING, "谢晓琴", "2", "镇村干部", 30,
                     laws="《行政复议法》", absent=("滕代英", "彭大江")),
        TrainingSpec(D(2025, 11, 27), "宪法宣传周法治专题培训", TK.LAW_TRAINING, "谢晓琴", "2", "镇村干部", 28, laws="《宪法》",
                     absent=("滕代英", "彭大江")),
        TrainingSpec(D(2025, 12, 9), "理论学习中心组专题研讨：年度述法", TK.SEMINAR, "罗承志", "2", "班子", 7, TEAM_OTHERS),
        TrainingSpec(D(2026, 4, 16), "行政许可法专题培训", TK.LAW_TRAINING, "县司法局", "3", "镇村干部", 33,
                     laws="《行政许可法》", absent=("滕代英",)),
    ],
    exams=[
        ExamSpec(D(2024, 11, 20), "2024年度国家工作人员学法考法", "镇干部", absent=("黄丽",)),
        ExamSpec(D(2025, 11, 19), "2025年度国家工作人员学法考法", "镇干部", failed=("邓光荣",)),
    ],
    certificates=[
        CertificateSpec("胡永平", "渝执500241002105", D(2022, 8, 1), D(2028, 7, 31), review_year=2025),
        CertificateSpec("邓光荣", "渝执500241002311", D(2021, 2, 16), D(2027, 2, 15), review_year=2025),
        CertificateSpec("谢晓琴", "渝执500241001960", D(2020, 1, 20), D(2026, 1, 19), review_year=2025, category="司法行政"),
        CertificateSpec("黄丽", "渝执500241002512", D(2025, 9, 10), D(2031, 9, 9), review_note="2025年新取得"),
    ],
)

PLANS = {"daxi": DAXI, "meijiang": MEIJIANG}


def load(township) -> None:
    plan = PLANS.get(township.code)
    if plan is None:
        return
    today = timezone.localdate()
    people = {person.name: person for person in Person.objects.filter(township=township)}
    rng = random.Random(plan.seed)  # noqa: S311 - made-up demo scores, not a secret
    meetings = load_meetings(township, plan, people, today)
    load_key_tasks(township, plan, people, today)
    load_leading_group(township, plan, people)
    load_law_reports(township, plan, people, meetings)
    load_trainings(township, plan, people, today)
    load_exams(township, plan, people, rng, today)
    load_certificates(township, plan, people)
    for name, joined_on, channel in plan.recruits:
        upsert(LegalRecruit, {"township": township, "person": people[name]}, {"joined_on": joined_on, "channel": channel})


def load_key_tasks(township, plan: TownshipPlan, people, today) -> None:
    for year, tasks in plan.key_tasks.items():
        for title, leader, unit, due, status, progress, completed_on, note in tasks:
            if completed_on is not None and completed_on > today:  # the demo loaded earlier than its dates
                status, completed_on = S.IN_PROGRESS, None
            upsert(KeyTask, {"township": township, "year": year, "title": title},
                   {"lead_leader": people[leader], "responsible_unit": unit, "due_on": due, "status": status,
                    "progress": progress, "completed_on": completed_on, "progress_note": "", "note": note})


def load_leading_group(township, plan: TownshipPlan, people) -> None:
    for year, (appointed_on, members) in plan.leading_group.items():
        for name, role, duty in members:
            upsert(LeadingGroupMember, {"township": township, "year": year, "person": people[name]},
                   {"role": role, "duty": duty, "appointed_on": appointed_on})


def load_meetings(township, plan: TownshipPlan, people, today) -> dict[str, Meeting]:
    meetings = {}
    for spec in plan.meetings:
        if spec.date > today:
            continue
        meeting, _created = upsert(
            Meeting, {"township": township, "date": spec.date, "title": spec.title},
            {"kind": spec.kind, "chair": people[spec.chair], "topics": spec.topics,
             "pre_meeting_study": bool(spec.study_law), "study_law": spec.study_law},
        )
        meetings[spec.title] = meeting
        for issue in spec.issues:
            resolved = issue.resolved_on is not None and issue.resolved_on <= today
            upsert(MeetingIssue, {"township": township, "meeting": meeting, "description": issue.description},
                   {"category": issue.category, "owner": people[issue.owner], "due_on": issue.due,
                    "status": MeetingIssue.Status.RESOLVED if resolved else MeetingIssue.Status.OPEN,
                    "resolved_on": issue.resolved_on if resolved else None, "outcome": issue.outcome if resolved else ""})
    return meetings


def load_law_reports(township, plan: TownshipPlan, people, meetings) -> None:
    for date, name, capacity, meeting_title in plan.law_reports:
        meeting = meetings.get(meeting_title)
        upsert(LawReport, {"township": township, "date": date, "person": people[name]},
               {"capacity": capacity, "meeting": meeting, "occasion": "" if meeting else meeting_title,
                "summary": "述抓法治政府建设第一责任人职责履行情况"})


def load_trainings(township, plan: TownshipPlan, people, today) -> None:
    for spec in plan.trainings:
        if spec.date > today:
            continue
        attendees = [people[name] for name in plan.groups[spec.attendees] if name not in spec.absent]
        training, _created = upsert(
            Training, {"township": township, "date": spec.date, "title": spec.title},
            {"kind": spec.kind, "method": spec.method, "speaker": spec.speaker, "laws": spec.laws,
             "hours": Decimal(spec.hours), "other_attendees": spec.others,
             "headcount": spec.headcount if spec.headcount is not None else len(attendees)},
        )
        training.attendees.set(attendees)


def load_exams(township, plan: TownshipPlan, people, rng, today) -> None:
    for spec in plan.exams:
        if spec.date > today:
            continue
        exam, _created = upsert(LawExam, {"township": township, "title": spec.title},
                                {"date": spec.date, "pass_mark": Decimal(60)})
        for name in plan.groups[spec.group]:
            took = name not in spec.absent
            score = None
            if took:
                score = Decimal(rng.randint(40, 58) if name in spec.failed else rng.randint(72, 98))
            upsert(ExamResult, {"township": township, "exam": exam, "person": people[name]},
                   {"took": took, "score": score, "passed": took and score >= 60})


def load_certificates(township, plan: TownshipPlan, people) -> None:
    for spec in plan.certificates:
        upsert(Certificate, {"township": township, "number": spec.number},
               {"holder": people[spec.holder], "category": spec.category, "issuing_authority": "重庆市人民政府",
                "issued_on": spec.issued_on, "valid_until": spec.valid_until, "status": spec.status,
                "status_changed_on": spec.status_changed_on, "status_reason": spec.status_reason,
                "review_year": spec.review_year, "review_result": Certificate.ReviewResult.PASSED if spec.review_year else "",
                "review_note": spec.review_note})
