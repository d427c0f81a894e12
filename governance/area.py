"""The governance area (report parts 一(一) and 一(二)): leadership and responsibility; study, training, exams and
enforcement certificates — its ledgers, who reads and enters them, its dashboard figures and its report wording."""

from django.utils.translation import gettext_lazy as _

from governance import views
from township.areas import Area, ReportSubsection, TargetIndicator, register
from township.figures import Figure, count_of, placeholder

LEADERSHIP_NO_RECORDS = "本年度尚无重点任务、党委专题会议等组织领导工作的记录。"
STUDY_NO_RECORDS = "本年度尚无学法、培训和行政执法资格认证的记录。"
#: the enforcement area's share of case steps whose officers all held a valid certificate (figures.md row 13): when it
#: is 100%, 一(二) ends as the reference does, 全部实现持证上岗、亮证执法
CERTIFIED_ACTIONS_KEY = "enforcement.certified_steps_rate"


def _full(figure: Figure | None) -> bool:
    return figure is not None and bool(figure.denominator) and figure.numerator == figure.denominator


def _topics(figure: Figure | None) -> tuple[str, ...]:
    return tuple(figure.names) if figure is not None else ()


def draft_leadership(figures: dict[str, Figure], year: int) -> str:
    """Part 一(一) in the reference wording, with a placeholder for every figure; a clause only where records say so."""
    get = figures.get
    first, second = [], []
    if count_of(get("governance.principal_law_reports")):
        first.append("严格落实党政主要负责人推进法治建设第一责任人职责")
    if count_of(get("governance.leading_group_members")):
        first.append("调整充实镇法治政府建设工作领导小组")
    if count_of(tasks := get("governance.key_tasks")):
        first.append(f"明确{placeholder(tasks)}重点任务清单，实行项目化推进、清单化管理")
    if count_of(sessions := get("governance.party_sessions")):
        second.append(f"全年召开党委专题会议研究法治建设工作{placeholder(sessions)}")
    if count_of(reports := get("governance.reports_heard")):
        second.append(f"听取工作汇报{placeholder(reports)}")
    if count_of(solved := get("governance.problems_solved")):
        topics = _topics(solved)[:2]
        second.append(f"解决{'、'.join(topics)}等关键问题{placeholder(solved)}" if topics
                      else f"解决关键问题{placeholder(solved)}")
    if not first and not second:
        return LEADERSHIP_NO_RECORDS
    return "".join("，".join(clauses) + "。" for clauses in (first, second) if clauses)


def draft_study(figures: dict[str, Figure], year: int) -> str:
    """Part 一(二) in the reference wording: study, trainings and coverage, then the enforcement officers."""
    get = figures.get
    sentences = []
    first = []
    if count_of(get("governance.first_agenda")):
        first.append("把学习贯彻习近平法治思想作为首要政治任务，严格落实“第一议题”制度")
    held = [f"{name}{placeholder(figure)}" for name, figure in (("专题研讨", get("governance.seminars")),
                                                               ("专家讲座", get("governance.expert_lectures")))
            if count_of(figure)]
    if held:
        first.append("组织" + "、".join(held))
    if first:
        sentences.append("，".join(first))

    second = []
    laws = _topics(get("governance.study_sessions"))
    if laws:
        carrier = "通过线上学习平台等载体，" if count_of(get("governance.online_studies")) else ""
        second.append(f"{carrier}组织党员干部系统学习{''.join(f'《{law}》' for law in laws)}等法律法规")
    if count_of(trainings := get("governance.trainings")):
        clause = f"全年开展法治专题培训{placeholder(trainings)}"
        if count_of(people := get("governance.training_person_times")):
            clause += f"，覆盖干部职工{placeholder(people)}"
        second.append(clause)
    coverage = get("governance.study_coverage")
    if _full(coverage):
        second.append("实现党员干部学法全覆盖")
    elif coverage is not None and coverage.denominator and coverage.numerator:
        second.append(f"党员干部学法覆盖率达{placeholder(coverage)}")
    if second:
        sentences.append("，".join(second))

    third = []
    if count_of(trainees := get("governance.certification_trainees")):
        third.append(f"组织{placeholder(trainees)}干部参加行政执法资格认证培训")
    if count_of(issued := get("governance.certificates_issued")):
        third.append(f"新增持证执法人员{placeholder(issued)}")
    if count_of(officers := get("governance.certified_officers")):
        third.append(f"现有持证执法人员达{placeholder(officers)}")
        if _full(get(CERTIFIED_ACTIONS_KEY)):
            third.append("全部实现持证上岗、亮证执法")
    if third:
        sentences.append("强化执法队伍建设，" + "，".join(third))
    if not sentences:
        return STUDY_NO_RECORDS
    return "".join(sentence + "。" for sentence in sentences)


def draft_law_exam(figures: dict[str, Figure], year: int) -> str:
    """The sentence that closes part 一(五) in the reference (figure 29): 组织全镇干部职工参加年度学法考法，参与率与
    通过率均达100%. Empty while the year has no exam. It closes the outreach area's draft (Area.report_additions)."""
    took, passed = figures.get("governance.exam_participation_rate"), figures.get("governance.exam_pass_rate")
    if took is None or not took.denominator:
        return ""
    if _full(took) and _full(passed):
        return f"组织全镇干部职工参加年度学法考法，参与率与通过率均达{placeholder(passed)}"
    clause = f"组织全镇干部职工参加年度学法考法，参与率达{placeholder(took)}"
    if passed is not None and passed.denominator:
        clause += f"，通过率达{placeholder(passed)}"
    return clause


AREA = register(Area(
    code="governance",
    label=_("组织领导与学法"),
    position=10,
    ledgers=views.LEDGERS,
    key_figures=(
        "governance.party_sessions",
        "governance.trainings",
        "governance.study_coverage",
        "governance.certified_officers",
        "governance.legal_professionals_added",
    ),
    village_columns={"study_attendance": _("学法培训（人次）")},
    report_additions={"outreach": draft_law_exam},  # figure 29 closes 一(五), as in the reference
    targets=[
        TargetIndicator("governance.trainings", _("法治专题培训"), "次"),  # 每年组织专题培训不少于8次
        TargetIndicator("governance.legal_professionals_added", _("新增法律专业人才"), "名"),  # 引进1-2名专业法律人才
    ],
    report_sections=[
        ReportSubsection(
            topic="leadership", label=_("组织领导与责任落实"), heading="强化组织保障，压实法治建设责任", position=1,
            draft=draft_leadership, no_records=LEADERSHIP_NO_RECORDS,
        ),
        ReportSubsection(
            topic="study", label=_("学法培训与执法资格"), heading="深化理论武装，提升依法履职能力", position=2,
            draft=draft_study, no_records=STUDY_NO_RECORDS,
        ),
    ],
))
