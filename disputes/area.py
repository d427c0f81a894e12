"""The disputes area (report part 一(四)): disputes, petitions, the mediation network, legal advisers and
consultations — its ledgers, who reads and enters them, its dashboard figures and its report wording."""

from django.utils.translation import gettext_lazy as _

from disputes import views
from township.areas import Area, ReportSubsection, register
from township.figures import Figure, count_of, placeholder

NO_RECORDS = "本年度尚无矛盾纠纷、信访事项和法律顾问的记录。"


def draft_disputes(figures: dict[str, Figure], year: int) -> str:
    """Part 一(四) in the reference wording, with placeholders for every figure."""
    get = figures.get
    first, second = [], []
    covered, total = get("advisers.villages_covered"), get("advisers.villages_total")
    if count_of(total) and count_of(covered):  # no adviser under contract: nothing to say about coverage
        if count_of(covered) >= count_of(total):
            first.append(
                f"推行“村（社区）法律顾问+法律明白人”联动模式，全镇{placeholder(total, '个')}村（社区）"
                "实现“一村一法律顾问”全覆盖"
            )
        else:
            first.append(
                f"推行“村（社区）法律顾问+法律明白人”联动模式，全镇{placeholder(total, '个')}村（社区）中"
                f"已有{placeholder(covered, '个')}配备法律顾问"
            )
    consultations = get("consultations.count")
    outreach = get("outreach.adviser_events")  # figures.md row 19, counted by the outreach area
    if count_of(outreach) or count_of(consultations):
        clause = "法律顾问全年"
        if count_of(outreach):
            clause += f"开展法治宣传{placeholder(outreach, '次')}" + ("并" if count_of(consultations) else "")
        if count_of(consultations):
            clause += f"为群众提供法律咨询{placeholder(consultations, '次')}"
            people = get("consultations.people_served")
            if count_of(people):
                clause += f"，服务群众{placeholder(people, '人次')}"
        first.append(clause)

    registered, accepted = get("disputes.registered"), get("petitions.accepted")
    if count_of(registered):
        clause = f"{year}年共排查各类矛盾纠纷{placeholder(registered, '件')}"
        if (mediated := get("disputes.mediated")) is not None:
            clause += f"，成功化解{placeholder(mediated, '件')}"
        if (rate := get("disputes.success_rate")) is not None and rate.denominator:
            clause += f"，化解率达{placeholder(rate)}"
        second.append(clause)
    elif registered is not None:
        second.append(f"{year}年未登记矛盾纠纷")
    if count_of(accepted):
        clause = f"受理信访事项{placeholder(accepted, '件')}"
        if (on_time := get("petitions.on_time_rate")) is not None and on_time.denominator:
            clause += f"，按期办结率{placeholder(on_time)}"
        if (satisfaction := get("petitions.satisfaction_rate")) is not None and satisfaction.denominator:
            clause += f"，群众满意率{placeholder(satisfaction, at_least=True)}"
        second.append(clause)
    elif accepted is not None:
        second.append("未受理信访事项")

    if not first and not any(count_of(get(key)) for key in ("disputes.registered", "petitions.accepted")):
        return NO_RECORDS
    sentences = []
    if first:
        sentences.append("，".join(first) + "。")
    if second:
        sentences.append("；".join(second) + "。")
    return "".join(sentences)


AREA = register(Area(
    code="disputes",
    label=_("矛盾纠纷与信访"),
    position=40,
    ledgers=[
        views.DisputeLedger,
        views.PetitionLedger,
        views.MediatorLedger,
        views.MediationCommitteeLedger,
        views.LegalAdviserLedger,
        views.ConsultationLedger,
    ],
    key_figures=(
        "disputes.registered",
        "disputes.success_rate",
        "petitions.accepted",
        "petitions.on_time_rate",
        "petitions.satisfaction_rate",
        "advisers.villages_covered",
    ),
    village_columns={
        "disputes": _("矛盾纠纷（件）"),
        "mediated": _("成功化解（件）"),
        "petitions": _("信访事项（件）"),
    },
    report_sections=[
        ReportSubsection(
            topic="disputes", label=_("矛盾纠纷化解与信访"), heading="创新治理模式，筑牢矛盾化解防线", position=4,
            draft=draft_disputes, no_records=NO_RECORDS,
        ),
    ],
))
