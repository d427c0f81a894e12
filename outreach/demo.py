"""Demo records of the outreach area, loaded by `load_demo` (idempotent: reruns change nothing).

大溪镇 (daxi): 2025 reproduces ../shared/reference/figures.md rows 19 and 25-28 — 30 events across the year,
at 3·15, 6·26 and 12·4 on their dates (and in the 民法典宣传月), 6 customised lectures for minors, left-behind
elderly and returning workers, 6 given by the villages' legal advisers, 568 materials (500余份) and 1,286
person-times (1000余人次); no event for 新业态从业者 or 流动务工人员 (part 二 says so). Broadcasts on
“村村响” and posts on the WeChat account only; the township square and two village libraries upgraded; 9
online posts and 8 on-site services, under part 三's 12 and 12 for 2026; at least 3 法律明白人 in every
village. 2024 is a smaller year for comparison; 2026 runs up to today, with a 4th quarter in which most
villages have had no event yet.

梅江镇 (meijiang) does less: 14 events, and three villages short of 法律明白人.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from outreach.models import DemocracyVillage, Event, LegalInformant, Occasion, OnlinePost, OnsiteService, Venue
from outreach.occasions import add_national_occasions
from township.demo import upsert
from township.models import Person, Village

D = datetime.date
K, G = Event.Kind, Event.TargetGroup
ALL = "全镇"


@dataclass(frozen=True)
class DemoEvent:
    month: int
    day: int
    title: str
    theme: str  # an occasion of the township's list, or a theme kept as written
    kind: str
    villages: tuple[str, ...]
    place: str
    groups: tuple[str, ...]
    speaker: str
    adviser: bool = False
    customised: bool = False
    materials: int | None = None
    audience: int | None = None
    note: str = ""


E = DemoEvent
DAXI_EVENTS = [
    E(1, 16, "春节前返乡务工人员劳动权益讲座", "劳动法律", K.LECTURE, ("兴隆村",), "", (G.RETURNING_WORKERS,), "吴明", True, True, 30, 42),
    E(1, 22, "“村村响”广播：春节平安法治提示", "平安建设", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇司法所",
      note="广播覆盖6个村（社区），不计人次"),
    E(2, 12, "返乡务工人员法律知识集中宣传", "劳动法律", K.CAMPAIGN, ("大溪社区",), "", (G.RETURNING_WORKERS, G.PUBLIC),
      "镇司法所", materials=25, audience=75),
    E(2, 20, "留守老人防范诈骗法治讲座", "反诈", K.LECTURE, ("丰联村",), "", (G.LEFT_BEHIND_ELDERLY,), "吴明", True, True, 25, 38),
    E(3, 15, "“3·15”消费者权益日集中宣传", "消费者权益日", K.CAMPAIGN, (), "镇法治文化广场", (G.PUBLIC, G.ENTERPRISES),
      "镇市场监管所", materials=40, audience=120),
    E(3, 15, "“3·15”消费维权知识进村", "消费者权益日", K.VILLAGE_VISIT, ("酉水村",), "", (G.PUBLIC,), "镇司法所",
      materials=20, audience=35),
    E(3, 28, "“村村响”广播：森林防火与野外用火法律责任", "森林防火", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇综合行政执法大队"),
    E(4, 18, "村组干部依法履职培训", "依法治村", K.LECTURE, (), "镇政府会议室", (G.VILLAGE_CADRES,), "镇司法所",
      materials=30, audience=45),
    E(4, 24, "防溺水与未成年人保护法治课", "未成年人保护", K.LECTURE, ("大溪社区",), "大溪镇中心小学", (G.MINORS,), "田静",
      True, True, 20, 120),
    E(5, 9, "留守老人赡养与继承民法典讲座", "民法典宣传月", K.LECTURE, ("茶园村",), "", (G.LEFT_BEHIND_ELDERLY,), "龙海燕",
      True, True, 30, 40),
    E(5, 20, "民法典宣传月集中宣传", "民法典宣传月", K.CAMPAIGN, ("清泉村",), "", (G.PUBLIC,), "镇司法所",
      materials=25, audience=66),
    E(5, 27, "民法典知识进社区", "民法典宣传月", K.VILLAGE_VISIT, ("大溪社区",), "", (G.PUBLIC,), "镇司法所",
      materials=25, audience=48),
    E(6, 12, "“法润乡村”法治文艺演出", "乡村振兴", K.ARTS, ("兴隆村",), "", (G.PUBLIC,), "镇文化服务中心",
      materials=20, audience=150),
    E(6, 26, "“6·26”国际禁毒日集中宣传", "国际禁毒日", K.CAMPAIGN, ("丰联村",), "", (G.MINORS, G.PUBLIC), "镇派出所",
      materials=30, audience=110),
    E(6, 26, "“6·26”禁毒知识进校园", "国际禁毒日", K.LECTURE, ("大溪社区",), "大溪镇中心小学", (G.MINORS,), "镇派出所",
      materials=20, audience=95),
    E(7, 15, "暑期未成年人防欺凌法治课", "未成年人保护", K.LECTURE, ("酉水村",), "", (G.MINORS,), "石佳慧（镇司法所）",
      customised=True, materials=20, audience=32),
    E(7, 24, "“村村响”广播：防范电信网络诈骗", "反诈", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇司法所"),
    E(8, 6, "土地承包经营权流转法律宣讲", "土地流转", K.LECTURE, ("茶园村",), "", (G.PUBLIC,), "镇农业服务中心",
      materials=25, audience=40),
    E(8, 21, "留守老人赡养权益讲座", "老年人权益保障", K.LECTURE, ("清泉村",), "", (G.LEFT_BEHIND_ELDERLY,), "彭志远",
      True, True, 18, 26),
    E(9, 10, "微信公众号推送：防范养老诈骗", "反诈", K.ONLINE, (), "", (G.LEFT_BEHIND_ELDERLY, G.PUBLIC), "镇党政办",
      note="阅读量860"),
    E(9, 18, "送法下乡：宅基地与相邻关系", "土地权属", K.VILLAGE_VISIT, ("兴隆村", "丰联村"), "", (G.PUBLIC,), "镇司法所",
      materials=20, audience=58),
    E(9, 26, "企业安全生产法律法规宣讲", "安全生产", K.LECTURE, (), "镇工业集中区", (G.ENTERPRISES,), "镇应急办",
      materials=20, audience=30),
    E(10, 15, "重阳节老年人权益法治宣传", "老年人权益保障", K.CAMPAIGN, ("茶园村",), "", (G.LEFT_BEHIND_ELDERLY, G.PUBLIC),
      "镇社会事务办", materials=20, audience=55),
    E(10, 28, "“村村响”广播：秋冬季防火与平安建设", "平安建设", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇综治中心"),
    E(11, 12, "道路交通安全法进村宣传", "交通安全", K.VILLAGE_VISIT, ("酉水村",), "", (G.PUBLIC,), "镇派出所",
      materials=20, audience=40),
    E(12, 4, "“12·4”国家宪法日宪法宣传活动", "国家宪法日", K.CAMPAIGN, (), "镇法治文化广场", (G.PUBLIC, G.VILLAGE_CADRES),
      "镇司法所", materials=40, audience=150, note="法律顾问现场解答咨询"),
    E(12, 4, "宪法进村：法律顾问宪法宣讲", "国家宪法日", K.LECTURE, ("茶园村",), "", (G.PUBLIC,), "龙海燕", True,
      materials=20, audience=35),
    E(12, 10, "微信公众号推送：学宪法讲宪法", "宪法知识普及", K.ONLINE, (), "", (G.PUBLIC,), "镇党政办", note="阅读量1,236"),
    E(12, 16, "年终农民工工资支付法律宣传", "劳动法律", K.CAMPAIGN, ("大溪社区",), "", (G.RETURNING_WORKERS, G.PUBLIC),
      "镇人社所", materials=25, audience=45),
    E(12, 23, "“村村响”广播：冬季消防安全", "消防安全", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇综合行政执法大队"),
]

MEIJIANG_EVENTS = [
    E(3, 15, "“3·15”消费者权益日宣传", "消费者权益日", K.CAMPAIGN, ("梅江社区",), "", (G.PUBLIC,), "镇市场监管所",
      materials=50, audience=90),
    E(4, 15, "全民国家安全教育日宣传", "全民国家安全教育日", K.CAMPAIGN, (), "镇政府广场", (G.PUBLIC,), "镇司法所",
      materials=40, audience=70),
    E(4, 28, "“村村响”广播：防范电信诈骗", "反诈", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇司法所"),
    E(5, 16, "民法典进村宣讲", "民法典宣传月", K.LECTURE, ("民族村",), "", (G.PUBLIC,), "杨林", True, materials=20, audience=36),
    E(5, 23, "留守老人赡养权益讲座", "民法典宣传月", K.LECTURE, ("凯干村",), "", (G.LEFT_BEHIND_ELDERLY,), "吴丹", True, True,
      15, 22),
    E(6, 26, "“6·26”禁毒宣传", "国际禁毒日", K.CAMPAIGN, ("金珠村",), "", (G.MINORS, G.PUBLIC), "镇派出所",
      materials=35, audience=60),
    E(7, 9, "暑期防溺水法治课", "未成年人保护", K.LECTURE, ("梅江社区",), "梅江镇中心小学", (G.MINORS,), "镇司法所",
      customised=True, materials=20, audience=85),
    E(8, 14, "农村土地承包法宣讲", "土地流转", K.LECTURE, ("兴隆坳村",), "", (G.PUBLIC,), "镇农业服务中心",
      materials=15, audience=28),
    E(9, 3, "“村村响”广播：秋收防火", "森林防火", K.BROADCAST, (), ALL, (G.PUBLIC,), "镇综合行政执法大队"),
    E(9, 25, "企业劳动用工法律宣讲", "劳动法律", K.LECTURE, (), "镇工业园", (G.ENTERPRISES,), "镇人社所",
      materials=15, audience=25),
    E(10, 22, "送法下乡：山林权属纠纷预防", "土地权属", K.VILLAGE_VISIT, ("民族村", "金珠村"), "", (G.PUBLIC,), "镇司法所",
      materials=25, audience=44),
    E(11, 9, "消防安全与法律责任宣传", "消防日", K.CAMPAIGN, ("梅江社区",), "", (G.PUBLIC,), "镇综合行政执法大队",
      materials=30, audience=52),
    E(12, 4, "国家宪法日宣传", "国家宪法日", K.CAMPAIGN, (), "镇政府广场", (G.PUBLIC, G.VILLAGE_CADRES), "镇司法所",
      materials=45, audience=80),
    E(12, 11, "微信公众号推送：宪法知识", "国家宪法日", K.ONLINE, (), "", (G.PUBLIC,), "镇党政办"),
]

# date, channel, title, reads
C = OnlinePost.Channel
DAXI_POSTS = [
    (D(2025, 1, 20), C.WECHAT_ACCOUNT, "春节返乡，这些劳动法律知识请收好", 642),
    (D(2025, 3, 14), C.WECHAT_ACCOUNT, "“3·15”消费维权指南", 915),
    (D(2025, 4, 15), C.WECHAT_ACCOUNT, "全民国家安全教育日：国家安全人人有责", 533),
    (D(2025, 5, 12), C.WECHAT_ACCOUNT, "民法典里的赡养与继承", 1102),
    (D(2025, 6, 25), C.WECHAT_ACCOUNT, "远离毒品，珍爱生命", 708),
    (D(2025, 7, 30), C.WECHAT_ACCOUNT, "暑期防溺水安全提示", 1420),
    (D(2025, 9, 10), C.WECHAT_ACCOUNT, "防范养老诈骗，守好“养老钱”", 860),
    (D(2025, 11, 8), C.WECHAT_ACCOUNT, "冬季消防安全与法律责任", 498),
    (D(2025, 12, 10), C.WECHAT_ACCOUNT, "宪法知识问答", 1236),
    (D(2024, 3, 15), C.WECHAT_ACCOUNT, "消费维权小常识", 410),
    (D(2024, 5, 20), C.WECHAT_ACCOUNT, "民法典宣传月：身边的民法典", 655),
    (D(2024, 6, 26), C.WECHAT_ACCOUNT, "国际禁毒日：认识新型毒品", 520),
    (D(2024, 9, 12), C.WECHAT_ACCOUNT, "识破电信诈骗的十种套路", 930),
    (D(2024, 11, 9), C.WECHAT_ACCOUNT, "“11·9”消防日：家庭防火", 377),
    (D(2024, 12, 4), C.WECHAT_ACCOUNT, "国家宪法日：学习宪法", 608),
    (D(2026, 1, 15), C.WECHAT_ACCOUNT, "返乡务工人员劳动权益提示", 701),
    (D(2026, 2, 26), C.WECHAT_CHANNELS, "短视频：三分钟看懂赡养义务", 2310),
    (D(2026, 3, 13), C.WECHAT_ACCOUNT, "“3·15”网购维权指南", 884),
    (D(2026, 4, 22), C.DOUYIN, "短视频：宅基地纠纷怎么办", 5120),
    (D(2026, 5, 18), C.WECHAT_ACCOUNT, "民法典宣传月：婚姻家庭篇", 962),
    (D(2026, 6, 24), C.WECHAT_CHANNELS, "短视频：禁毒知识问答", 1880),
    (D(2026, 7, 21), C.WECHAT_ACCOUNT, "暑期防溺水、防欺凌", 1290),
    (D(2026, 8, 27), C.VILLAGE_GROUP, "法治微课堂：土地流转合同要点", 310),
    (D(2026, 9, 16), C.DOUYIN, "短视频：识破养老诈骗", 4460),
    (D(2026, 10, 20), C.WECHAT_CHANNELS, "短视频：重阳节说说老年人权益", 1650),
    (D(2026, 11, 9), C.WECHAT_ACCOUNT, "“11·9”消防日：冬季防火", 572),
]
MEIJIANG_POSTS = [
    (D(2025, 3, 15), C.WECHAT_ACCOUNT, "消费维权指南", 380),
    (D(2025, 6, 26), C.WECHAT_ACCOUNT, "禁毒知识", 295),
    (D(2025, 9, 20), C.VILLAGE_GROUP, "防范电信诈骗", 210),
    (D(2025, 12, 4), C.WECHAT_ACCOUNT, "宪法知识", 340),
]

# name, village (None: the township's), kind, upgraded on, demonstration, named on
V = Venue
DAXI_VENUES = [
    ("大溪镇法治文化广场", None, V.Kind.SQUARE, D(2025, 5, 18), V.Demonstration.NONE, None),
    ("大溪社区法治书屋", "大溪社区", V.Kind.LIBRARY, D(2025, 8, 12), V.Demonstration.NONE, None),
    ("茶园村法治书屋", "茶园村", V.Kind.LIBRARY, D(2025, 10, 20), V.Demonstration.NAMED, D(2026, 9, 20)),
    ("酉水村法治文化广场", "酉水村", V.Kind.SQUARE, D(2024, 6, 28), V.Demonstration.NONE, None),
    ("丰联村法治长廊", "丰联村", V.Kind.CORRIDOR, D(2023, 9, 5), V.Demonstration.NONE, None),
    ("兴隆村公共法律服务室", "兴隆村", V.Kind.SERVICE_ROOM, D(2022, 11, 16), V.Demonstration.CANDIDATE, None),
]
MEIJIANG_VENUES = [
    ("梅江镇法治文化广场", None, V.Kind.SQUARE, D(2023, 4, 10), V.Demonstration.NONE, None),
    ("民族村法治书屋", "民族村", V.Kind.LIBRARY, D(2025, 7, 2), V.Demonstration.NONE, None),
]

# 法律明白人: name, village, category, appointed on, left on (None: serving); people not on the roster yet are added
IC = LegalInformant.Category
DAXI_INFORMANTS = [
    ("吴建华", "大溪社区", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("彭海波", "大溪社区", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("向红梅", "大溪社区", IC.GRID_WORKER, D(2023, 3, 10), None),
    ("冉明", "酉水村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("白国强", "酉水村", IC.MEDIATOR, D(2022, 6, 1), None),
    ("向国庆", "酉水村", IC.VILLAGE_CADRE, D(2024, 4, 8), None),
    ("杨秀兰", "丰联村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("冉小燕", "丰联村", IC.MEDIATOR, D(2022, 6, 1), None),
    ("田家兴", "丰联村", IC.VILLAGE_CADRE, D(2023, 3, 10), None),
    ("彭永贵", "丰联村", IC.PARTY_MEMBER, D(2022, 6, 1), D(2025, 3, 20)),
    ("李正权", "兴隆村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("龙志勇", "兴隆村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("石永福", "兴隆村", IC.VETERAN, D(2025, 2, 18), None),
    ("刘文军", "清泉村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("彭桂芳", "清泉村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("吴海燕", "清泉村", IC.GRID_WORKER, D(2023, 3, 10), None),
    ("石光明", "茶园村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("张玉兰", "茶园村", IC.VILLAGE_CADRE, D(2022, 6, 1), None),
    ("杨万福", "茶园村", IC.MEDIATOR, D(2022, 6, 1), None),
]
MEIJIANG_INFORMANTS = [
    ("杨再兴", "梅江社区", IC.VILLAGE_CADRE, D(2022, 7, 1), None),
    ("吴秀芝", "梅江社区", IC.VILLAGE_CADRE, D(2022, 7, 1), None),
    ("黄德胜", "梅江社区", IC.GRID_WORKER, D(2023, 5, 6), None),
    ("麻成林", "凯干村", IC.VILLAGE_CADRE, D(2022, 7, 1), None),
    ("麻春燕", "凯干村", IC.GROUP_LEADER, D(2022, 7, 1), None),
    ("石开富", "凯干村", IC.PARTY_MEMBER, D(2024, 3, 12), None),
    ("龙永贵", "民族村", IC.VILLAGE_CADRE, D(2022, 7, 1), None),
    ("符明清", "民族村", IC.MEDIATOR, D(2022, 7, 1), None),
    ("滕代英", "兴隆坳村", IC.VILLAGE_CADRE, D(2022, 7, 1), None),
    ("彭大江", "金珠村", IC.VILLAGE_CADRE, D(2022, 7, 1), None),
    ("彭金花", "金珠村", IC.GRID_WORKER, D(2023, 5, 6), None),
]

# date, village, provider kind, name, the village's own adviser, service, people served
P = OnsiteService.Provider
DAXI_SERVICES = [
    (D(2025, 2, 26), "兴隆村", P.LAWYER, "吴明", True, "土地承包合同审查与法律咨询", 14),
    (D(2025, 4, 10), "大溪社区", P.JUDGE, "杨帆（县人民法院）", False, "巡回审判与以案释法", 36),
    (D(2025, 5, 22), "茶园村", P.LAWYER, "龙海燕", True, "赡养纠纷法律咨询", 11),
    (D(2025, 6, 18), "清泉村", P.LEGAL_WORKER, "彭志远", True, "法律援助申请指导", 9),
    (D(2025, 8, 14), "酉水村", P.LAWYER, "田静", True, "宅基地纠纷调解指导", 16),
    (D(2025, 9, 24), "丰联村", P.PROSECUTOR, "刘洋（县人民检察院）", False, "未成年人保护检察宣讲与咨询", 28),
    (D(2025, 11, 5), "大溪社区", P.NOTARY, "陈静（县公证处）", False, "遗嘱公证咨询", 12),
    (D(2025, 12, 11), "兴隆村", P.LAWYER, "吴明", True, "农民工工资支付法律咨询", 18),
    (D(2024, 3, 20), "大溪社区", P.LAWYER, "田静", True, "法律咨询", 10),
    (D(2024, 6, 12), "兴隆村", P.LAWYER, "吴明", True, "土地流转法律咨询", 8),
    (D(2024, 8, 28), "丰联村", P.JUDGE, "杨帆（县人民法院）", False, "巡回审判", 30),
    (D(2024, 10, 16), "酉水村", P.LAWYER, "田静", True, "婚姻家庭法律咨询", 7),
    (D(2024, 12, 9), "大溪社区", P.NOTARY, "陈静（县公证处）", False, "公证咨询", 9),
    *[(D(2026, month, 12), village, kind, name, adviser, service, people) for month, village, kind, name, adviser, service, people in [
        (1, "兴隆村", P.LAWYER, "吴明", True, "劳动报酬法律咨询", 12),
        (2, "茶园村", P.LAWYER, "龙海燕", True, "赡养纠纷法律咨询", 9),
        (3, "大溪社区", P.JUDGE, "杨帆（县人民法院）", False, "巡回审判与以案释法", 41),
        (4, "清泉村", P.LEGAL_WORKER, "彭志远", True, "法律援助申请指导", 7),
        (5, "酉水村", P.LAWYER, "田静", True, "宅基地纠纷法律咨询", 15),
        (6, "丰联村", P.LAWYER, "吴明", True, "土地承包法律咨询", 13),
        (7, "大溪社区", P.PROSECUTOR, "刘洋（县人民检察院）", False, "未成年人保护检察宣讲", 33),
        (8, "茶园村", P.LAWYER, "龙海燕", True, "合同纠纷法律咨询", 8),
        (9, "兴隆村", P.NOTARY, "陈静（县公证处）", False, "遗嘱公证咨询", 10),
        (10, "清泉村", P.LAWYER, "田静", False, "婚姻家庭法律咨询", 11),
        (11, "大溪社区", P.LAWYER, "田静", True, "物业纠纷法律咨询", 17),
        (11, "茶园村", P.JUDGE, "杨帆（县人民法院）", False, "巡回审判与以案释法", 27),
    ]],
]
MEIJIANG_SERVICES = [
    (D(2025, 3, 25), "梅江社区", P.LAWYER, "吴丹", True, "法律咨询", 12),
    (D(2025, 5, 28), "民族村", P.LEGAL_WORKER, "杨林", True, "法律援助指导", 8),
    (D(2025, 8, 20), "凯干村", P.JUDGE, "杨帆（县人民法院）", False, "巡回审判", 25),
    (D(2025, 10, 15), "金珠村", P.LAWYER, "吴丹", False, "山林权属法律咨询", 10),
    (D(2025, 12, 3), "梅江社区", P.NOTARY, "陈静（县公证处）", False, "公证咨询", 6),
]

# village, level, named in, last reviewed in
L = DemocracyVillage.Level
DAXI_DEMOCRACY = [("茶园村", L.COUNTY, 2019, 2025), ("大溪社区", L.CITY, 2021, 2023), ("兴隆村", L.COUNTY, 2024, None)]
MEIJIANG_DEMOCRACY = [("梅江社区", L.COUNTY, 2020, 2024)]


@dataclass(frozen=True)
class Plan:
    events: list
    posts: list
    venues: list
    informants: list
    services: list
    democracy: list
    events_2024: list = field(default_factory=list)  # the year before, for comparison
    events_2026: list = field(default_factory=list)  # the current year, up to today


def previous_year(events) -> list[DemoEvent]:
    """2024: 24 of the 2025 events on the same days, 4 by advisers and 3 customised, fewer people."""
    chosen = [event for index, event in enumerate(events) if index % 5 != 4][:24]
    result, advisers, customised = [], 0, 0
    for event in chosen:
        adviser = event.adviser and advisers < 4
        lecture = event.customised and customised < 3
        advisers += adviser
        customised += lecture
        result.append(DemoEvent(**{**event.__dict__, "adviser": adviser, "customised": lecture,
                                   "materials": event.materials and event.materials * 4 // 5,
                                   "audience": event.audience and event.audience * 3 // 4}))
    return result


def current_year(events) -> list[DemoEvent]:
    """2026: the year's events again, but in the 4th quarter only in 茶园村 and off the villages."""
    return [event for event in events if event.month < 10 or set(event.villages) <= {"茶园村"}]


PLANS = {
    "daxi": Plan(DAXI_EVENTS, DAXI_POSTS, DAXI_VENUES, DAXI_INFORMANTS, DAXI_SERVICES, DAXI_DEMOCRACY,
                 events_2024=previous_year(DAXI_EVENTS), events_2026=current_year(DAXI_EVENTS)),
    "meijiang": Plan(MEIJIANG_EVENTS, MEIJIANG_POSTS, MEIJIANG_VENUES, MEIJIANG_INFORMANTS, MEIJIANG_SERVICES,
                     MEIJIANG_DEMOCRACY, events_2024=previous_year(MEIJIANG_EVENTS)),
}


def load(township) -> None:
    plan = PLANS.get(township.code)
    if plan is None:
        return
    today = timezone.localdate()
    add_national_occasions(township)
    occasions = {occasion.name: occasion for occasion in Occasion.objects.filter(township=township)}
    villages = {village.name: village for village in Village.objects.filter(township=township)}
    for year, events in ((2024, plan.events_2024), (2025, plan.events), (2026, plan.events_2026)):
        for event in events:
            if D(year, event.month, event.day) <= today:
                load_event(township, year, event, occasions, villages)
    for date, channel, title, reads in plan.posts:
        if date <= today:
            upsert(OnlinePost, {"township": township, "date": date, "title": title}, {"channel": channel, "reads": reads})
    for name, village, kind, upgraded_on, demonstration, named_on in plan.venues:
        named_on = named_on if named_on is None or named_on <= today else None
        upsert(Venue, {"township": township, "name": name}, {
            "village": villages.get(village), "kind": kind, "upgraded_on": upgraded_on,
            "demonstration": demonstration if named_on or demonstration != Venue.Demonstration.NAMED
            else Venue.Demonstration.CANDIDATE, "named_on": named_on,
        })
    load_informants(township, plan.informants, villages)
    for date, village, kind, name, adviser, service, people in plan.services:
        if date <= today:
            upsert(OnsiteService, {"township": township, "date": date, "village": villages[village], "provider_name": name},
                   {"provider_kind": kind, "village_adviser": adviser, "service": service, "people_served": people})
    for village, level, named_in, reviewed_in in plan.democracy:
        upsert(DemocracyVillage, {"township": township, "village": villages[village], "level": level},
               {"named_in": named_in, "last_reviewed_in": reviewed_in})


def load_event(township, year: int, event: DemoEvent, occasions, villages) -> None:
    occasion = occasions.get(event.theme)
    record, _created = upsert(Event, {"township": township, "date": D(year, event.month, event.day), "title": event.title}, {
        "occasion": occasion, "occasion_other": "" if occasion else event.theme, "kind": event.kind,
        "place": event.place, "target_groups": Event._meta.get_field("target_groups").ordered(event.groups), "speaker": event.speaker,
        "by_legal_adviser": event.adviser, "customised": event.customised, "materials": event.materials,
        "audience": event.audience, "note": event.note,
    })
    wanted = {villages[name].pk for name in event.villages}
    if {village.pk for village in record.villages.all()} != wanted:
        record.villages.set(wanted)


def load_informants(township, informants, villages) -> None:
    for name, village, category, appointed_on, left_on in informants:
        person = Person.objects.filter(township=township, name=name).first()
        if person is None:
            person = Person.objects.create(township=township, name=name, kind=Person.Kind.OTHER,
                                           political_status=Person.PoliticalStatus.MASSES, unit=village,
                                           village=villages[village])
        upsert(LegalInformant, {"township": township, "person": person}, {
            "village": villages[village], "category": category, "appointed_on": appointed_on,
            "trained_on": appointed_on and appointed_on + datetime.timedelta(days=30),
            "assessment": LegalInformant.Assessment.PASSED,
            "status": LegalInformant.Status.LEFT if left_on else LegalInformant.Status.SERVING, "left_on": left_on,
        })
