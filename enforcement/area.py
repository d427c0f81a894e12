"""The enforcement area (report part 一(三)): cases under the Administrative Penalty Law, the "three systems",
special campaigns, equipment, satisfaction surveys, major decisions and legality reviews — its ledgers, who
reads and enters them, its dashboard figures and its report wording."""

from django.utils.translation import gettext_lazy as _

from enforcement import views
from township.areas import Area, ReportSubsection, register
from township.figures import Figure, count_of, placeholder

NO_RECORDS = "本年度尚无行政执法案件、专项执法行动和执法装备的记录。"

MAJOR_DECISION_STEPS = (
    ("enforcement.major_decisions_public_comment", "公众参与"),
    ("enforcement.major_decisions_expert", "专家论证"),
    ("enforcement.major_decisions_risk", "风险评估"),
    ("enforcement.major_decisions_reviewed", "合法性审查"),
)


def draft_enforcement(figures: dict[str, Figure], year: int) -> str:
    """Part 一(三) in the reference wording, each clause only when the records bear it out."""
    get = figures.get
    sentences = []
    steps = [label for key, label in MAJOR_DECISION_STEPS if count_of(get(key))]
    if count_of(get("enforcement.major_decisions")) and steps:
        sentences.append(f"严格执行重大行政决策程序，落实{'、'.join(steps)}等关键环节，确保决策科学合法。")

    systems = []
    cameras = get("enforcement.body_cameras")
    if count_of(cameras):
        systems.append(f"配备执法记录仪{placeholder(cameras, '台')}，实现执法全过程记录")
    published = get("enforcement.published_on_time_rate")
    if published is not None and published.numerator:
        systems.append("设立行政执法公示专栏，公开执法流程、案件结果等信息")
    if count_of(get("enforcement.legal_reviews")):
        systems.append("建立重大执法决定法制审核机制，以确保执法无程序瑕疵")
    if systems:
        sentences.append("全面推行行政执法“三项制度”，" + "；".join(systems) + "。")

    closing = []
    names = getattr(get("enforcement.campaign_focus_areas"), "names", ())
    if names:
        closing.append(f"聚焦{'、'.join(names)}等重点领域，并开展相关专项执法行动")
    filed = get("enforcement.cases_filed")
    if count_of(filed):
        reconsiderations, lawsuits = get("enforcement.reconsiderations"), get("enforcement.lawsuits")
        if not count_of(reconsiderations) and not count_of(lawsuits):
            closing.append("本年度所办案件零复议、零诉讼")
        else:
            closing.append(f"本年度立案查处行政执法案件{placeholder(filed, '件')}，其中被申请行政复议"
                           f"{placeholder(reconsiderations, '件')}、被提起行政诉讼{placeholder(lawsuits, '件')}")
    satisfaction = get("enforcement.satisfaction_rate")
    if satisfaction is not None and satisfaction.denominator:
        closing.append(f"群众对行政执法满意度达{placeholder(satisfaction, at_least=True)}")
    if closing:
        sentences.append("，".join(closing) + "。")
    return "".join(sentences) or NO_RECORDS


AREA = register(Area(
    code="enforcement",
    label=_("行政执法"),
    position=30,
    ledgers=[
        views.CaseLedger,
        views.CampaignLedger,
        views.EquipmentLedger,
        views.RecordingLedger,
        views.SatisfactionSurveyLedger,
        views.MajorDecisionLedger,
        views.LegalityReviewLedger,
        views.ViolationTypeLedger,
    ],
    key_figures=(
        "enforcement.cases_filed",
        "enforcement.certified_steps_rate",
        "enforcement.reconsiderations",
        "enforcement.lawsuits",
        "enforcement.satisfaction_rate",
        "enforcement.published_on_time_rate",
    ),
    village_columns={"cases": _("行政执法案件（件）")},
    report_sections=[
        ReportSubsection(
            topic="enforcement", label=_("行政执法"), heading="规范权力运行，提升依法行政水平", position=3,
            draft=draft_enforcement, no_records=NO_RECORDS,
        ),
    ],
))
