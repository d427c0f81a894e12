"""The demo's annual report: 大溪镇's 2025 report as a draft, in the words of the reference report.

Part 一(四) is the reference paragraph with the disputes figures as placeholders (so it prints the
numbers the records give); the other subsections of part 一 are the reference's prose marked 人工撰写
while their areas keep no records in the portal, and are left to the drafting once they do. Parts 二 and 三, the
opening and the closing are the reference's prose, and part 三's quantified targets are stored as the
2026 targets. A few 2025 targets (as the 2024 report would have set them) give the dashboard
something to measure. Loaded once: a report staff have changed is never overwritten.

The second demo township, 梅江镇, gets a plain 2025 draft as the portal starts one (part 一 drafted from
its records, parts 二 and 三 still to be written) and its own 2025 targets, not all of them reached, so
that the county dashboard compares two townships' reports and targets.
"""

from decimal import Decimal

from reports import drafting, sources
from reports.forms import describe_target
from reports.models import AnnualReport, ReportSection, Target
from township import areas
from township.demo import upsert

YEAR = 2025

OPENING = (
    "2025年，大溪镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届二中、三中、四中全会精神，全面落实习近平法治思想和全面依法治国战略部署，将法治政府建设"
    "贯穿乡域经济社会发展全过程、各领域，以规范权力运行、提升治理效能为核心，扎实推进各项工作，为全镇高质量发展筑牢法治保障。现将本年度法治政府建设情况报告如下："
)
CLOSING = (
    "下阶段，大溪镇将以问题为导向，狠抓整改落实，持续补短板、强弱项、创特色，不断提升法治政府建设水平，为全镇经济社会高质量发展提供更加坚实的法治保障。"
)
#: parts 二 and 三, (part, order) → prose, as the reference report has them
STAFF_PROSE = {
    (2, 1): (
        "我镇执法人员专业法律背景人员占比不足，面对生态环境、新业态等复杂执法场景时，法律适用把握不准、证据收集不规范等问题偶有发生。法治培训多以理论学习为主，案例研讨、模拟执法等实战化培训"
        "较少，部分干部柔性执法、说理式执法技巧欠缺，依法行政精细化水平有待提高。"
    ),
    (2, 2): (
        "普法宣传仍以传统方式为主，微信视频号、短视频等线上新媒体运用不充分。对偏远村组留守老人、新业态从业者、流动务工人员等群体的宣传覆盖存在短板，宣传内容与不同群体的法治需求匹配度不高，"
        "精准普法、有效普法的成效不够明显。"
    ),
    (2, 3): (
        "法治建设与乡村振兴、环境治理、重点项目推进等中心工作的融合不够紧密，在运用法治手段破解土地流转、生态保护等基层治理难题方面缺乏创新举措。部分村存在“重制定、轻执行”现象，村规民约落"
        "实不到位，法治在基层治理中的引领和保障作用未能充分发挥。"
    ),
    (2, 4): (
        "镇级财政紧张，法治建设经费投入不足，执法设备更新、普法阵地升级、调解员补贴等保障措施落实不到位。公共法律服务站专业力量薄弱，部分村法律顾问驻点时间不足，难以满足群众多样化的法律服务"
        "需求。"
    ),
    (3, 1): (
        "一是构建“线上+线下”“理论+实操”立体化培训体系，增加案例研讨、模拟执法、跨区域交流等实战化培训内容，每年组织专题培训不少于8次，提升执法人员复杂场景应对能力和柔性执法水平。二是"
        "优化执法队伍结构，通过公开招录、定向培养等方式，引进1-2名专业法律人才；建立法律顾问常态化参与执法指导机制，提升执法规范化水平。三是健全激励约束机制，将法治履职情况纳入干部年度考"
        "核核心指标，对表现突出的个人予以表彰奖励，倒逼干部提升法治素养。"
    ),
    (3, 2): (
        "一是打造线上普法矩阵，运营镇政府微信视频号、抖音号，定期推送普法短视频、漫画、案例解读等通俗化内容，每年线上推送内容不少于12期；利用村级微信群建立“法治微课堂”，定向推送针对性普"
        "法信息。二是开展精准化普法行动，针对不同群体需求，编制“定制化”普法手册，组织法律顾问、法律明白人开展“敲门送法”活动，重点覆盖偏远村组和流动群体。三是丰富法治文化载体，打造1-2"
        "个村级法治文化示范阵地，结合乡村文艺演出融入法治元素，让法治文化融入群众日常生活。"
    ),
    (3, 3): (
        "一是探索“法治+”融合模式，建立“法治+网格治理”“法治+矛盾化解”“法治+项目推进”工作机制，将法治思维贯穿乡村振兴、生态保护、重点项目等工作全过程。二是加强村规民约规范化建设，"
        "指导各村（社区）修订完善村规民约，建立落实监督机制，提升基层自治法治化水平。三是深化“警调衔接”“诉调对接”机制，推广“湘矛调”等数字化调解平台应用，提升矛盾纠纷化解效率和规范化水"
        "平。"
    ),
    (3, 4): (
        "一是加大财政投入，将法治建设经费纳入年度财政预算并逐年递增，保障执法设备更新、普法阵地升级、调解员和法律顾问补贴发放等工作需求。二是加强公共法律服务阵地建设，完善镇公共法律服务工作"
        "站和村公共法律服务室软硬件设施，明确法律顾问驻点服务时间，建立服务质量评价机制。三是推动优质资源下沉，争取上级司法行政部门支持，建立专业律师、法官定期下沉服务机制，每年开展下沉服务"
        "不少于12次，打通法律服务“最后一公里”。"
    ),
}

#: part 一's subsections of areas the portal does not keep yet: written by hand (人工撰写), as the reference has
#: them (a demo loaded once the area keeps records drafts them from the records instead)
MANUAL_PROSE = {
    1: (
        "始终坚持党对法治政府建设的全面领导，将法治建设纳入全镇年度工作要点和考核体系，与中心工作同部署、同推进、同考核。严格落实党政主要负责人推进法治建设第一责任人职责，调整充实镇法治"
        "政府建设工作领导小组，明确6项重点任务清单，实行项目化推进、清单化管理。全年召开党委专题会议研究法治建设工作4次，听取工作汇报6次，解决法治宣传、执法保障等关键问题5个，层层压"
        "实镇、村两级责任链条，形成“党委领导、政府负责、部门协同、公众参与”的工作格局。"
    ),
    2: (
        "把学习贯彻习近平法治思想作为首要政治任务，严格落实“第一议题”制度，将其纳入镇党委理论学习中心组学习重点内容，组织专题研讨3次、专家讲座2场。制定年度学法计划，通过“三会一课”"
        "、线上学习平台等载体，组织党员干部系统学习《宪法》《民法典》《行政处罚法》等法律法规，全年开展法治专题培训2次，覆盖干部职工100余人次，实现党员干部学法全覆盖。强化执法队伍建"
        "设，组织5名干部参加行政执法资格认证培训，新增持证执法人员3人，现有持证执法人员达7人，全部实现持证上岗、亮证执法。"
    ),
    3: (
        "严格执行重大行政决策程序，落实公众参与、专家论证、合法性审查等关键环节，确保决策科学合法。全面推行行政执法“三项制度”，配备执法记录仪2台，实现执法全过程记录；设立行政执法公示"
        "专栏，公开执法流程、案件结果等信息；建立重大执法决定法制审核机制，以确保执法无程序瑕疵。聚焦违法建设、非法焚烧、违法占地等重点领域，并开展相关专项执法行动，本年度所办案件零复议"
        "、零诉讼，群众对行政执法满意度达98%以上。"
    ),
    5: (
        "以“八五”普法推进为抓手，制定年度普法计划，围绕“3·15”消费者权益日、“6·26”国际禁毒日、“12·4”国家宪法日等重要节点，开展法治宣传活动30场次。创新宣传载体，升级"
        "镇法治文化广场、村法治书屋等阵地，利用“村村响”广播、微信公众号推送法治信息；针对未成年人、留守老人、返乡务工人员等重点群体，开展“定制化”法治讲座6场，发放宣传资料500余份"
        "，受教育群众达1000余人次。组织全镇干部职工参加年度学法考法，参与率与通过率均达100%，辖区群众法治意识显著增强，形成尊法学法守法用法的良好氛围。"
    ),
}

#: part 三's quantified targets, as next year's indicators: (order in part 三, indicator, value)
NEXT_YEAR_TARGETS = [
    (1, "governance.trainings", 8),  # 每年组织专题培训不少于8次
    (1, "governance.legal_professionals_added", 1),  # 引进1-2名专业法律人才
    (2, "outreach.online_posts", 12),  # 每年线上推送内容不少于12期
    (2, "outreach.demonstration_venues", 1),  # 打造1-2个村级法治文化示范阵地
    (4, "outreach.onsite_services", 12),  # 每年开展下沉服务不少于12次
]

#: the year's own targets, as if set by the 2024 report
THIS_YEAR_TARGETS = [
    ("disputes.success_rate", 95),
    ("petitions.on_time_rate", 95),
    ("petitions.satisfaction_rate", 95),
    ("advisers.villages_covered", 6),
    ("governance.trainings", 2),
]


def disputes_prose(figures: dict) -> str:
    """Part 一(四) of the reference, its figures as placeholders ("" while disputes has no figures)."""
    needed = ["advisers.villages_total", "disputes.registered", "disputes.mediated", "disputes.success_rate",
              "petitions.accepted", "petitions.on_time_rate", "petitions.satisfaction_rate"]
    if any(key not in figures for key in needed):
        return ""
    ph = drafting.placeholder
    return (
        "坚持和发展新时代“枫桥经验”，推进镇综治中心规范化建设，整合派出所、司法所、村调委会等力量，"
        "打造“一站式”矛盾纠纷调处平台，建立“网格吹哨、部门报到”工作机制。健全镇、村、组三级调解网络，"
        "调整优化调解员队伍，吸纳退休干部、法律工作者等为新增特邀调解员。推行“村（社区）法律顾问+法律明白人”联动模式，"
        f"全镇{ph(figures['advisers.villages_total'], '个')}村（社区）实现“一村一法律顾问”全覆盖，"
        + (f"法律顾问全年开展法治宣传{ph(figures['outreach.adviser_events'], '次')}并为群众提供法律咨询服务。"
           if "outreach.adviser_events" in figures else "法律顾问全年开展法治宣传并为群众提供法律咨询服务。")
        + f"{YEAR}年共排查各类矛盾纠纷{ph(figures['disputes.registered'], '件')}，"
        f"成功化解{ph(figures['disputes.mediated'], '件')}，化解率达{ph(figures['disputes.success_rate'])}；"
        f"受理信访事项{ph(figures['petitions.accepted'], '件')}，按期办结率{ph(figures['petitions.on_time_rate'])}，"
        f"群众满意率{ph(figures['petitions.satisfaction_rate'], at_least=True)}，切实将矛盾化解在基层、解决在萌芽状态。"
    )


#: the other demo townships: the year's targets of their plain drafts
DRAFT_TARGETS = {
    "meijiang": [
        ("disputes.success_rate", 95),
        ("petitions.on_time_rate", 95),
        ("petitions.satisfaction_rate", 95),
        ("advisers.villages_covered", 5),
    ],
}


def load(township):
    if township.code == "daxi":
        load_reference_report(township)
    elif township.code in DRAFT_TARGETS:
        load_draft(township, DRAFT_TARGETS[township.code])


def load_draft(township, targets):
    """A draft in the portal's default wording, created once, and the year's targets."""
    figures = sources.figures(township, YEAR)
    if not AnnualReport.objects.filter(township=township, year=YEAR).exists():
        report, sections = drafting.new_report(township, YEAR)
        report.save()
        for section in sections:
            section.report = report
            section.save()
    for indicator, value in targets:
        add_target(township, YEAR, indicator, value, figures, source_section=None)


def load_reference_report(township):
    figures = sources.figures(township, YEAR)
    report = AnnualReport.objects.filter(township=township, year=YEAR).first()
    if report is None:
        report, sections = drafting.new_report(township, YEAR)
        report.opening, report.closing = OPENING, CLOSING
        report.save()
        figures_by_app = sources.figures_by_app(township, YEAR)
        for section in sections:
            section.report = report
            section.prose = STAFF_PROSE.get((section.part, section.order), "")
            if section.topic == "disputes":
                section.prose = disputes_prose(figures)
            subsection = areas.report_section(section.topic) if section.topic else None
            if subsection is not None and not figures_by_app.get(subsection.area) and section.order in MANUAL_PROSE:
                section.manual, section.prose = True, MANUAL_PROSE[section.order]
            section.save()
    suggestions = {s.order: s for s in report.sections.filter(part=ReportSection.Part.SUGGESTIONS)}
    if report.is_draft:
        for order, indicator, value in NEXT_YEAR_TARGETS:
            if order in suggestions:
                add_target(township, YEAR + 1, indicator, value, figures, source_section=suggestions[order])
    for indicator, value in THIS_YEAR_TARGETS:
        add_target(township, YEAR, indicator, value, figures, source_section=None)


def add_target(township, year, indicator, value, figures, *, source_section):
    target = Target(township=township, year=year, indicator=indicator)
    describe_target(target, figures)
    upsert(
        Target,
        {"township": township, "year": year, "indicator": indicator, "source_section": source_section},
        {"label": target.label or indicator, "unit": target.unit, "value": Decimal(value),
         "comparison": Target.Comparison.AT_LEAST},
    )
