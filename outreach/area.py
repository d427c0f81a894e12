"""The outreach area (report part 一(五)): legal education events at the national occasions and for the key
groups, online posts, venues, 法律明白人, on-site legal services and 民主法治示范村 — its ledgers, who reads and
enters them, its dashboard figures, its report wording and the targets part 三 sets for it."""

from django.utils.translation import gettext_lazy as _

from outreach import rules, views
from township.areas import Area, ReportSubsection, TargetIndicator, register
from township.figures import Figure, count_of, placeholder

NO_RECORDS = "本年度尚无普法宣传活动的记录。"


def names_of(figure: Figure | None) -> list[str]:
    """The items a figure names (Figure.names), without braces that would read as placeholders."""
    return [name.replace("{", "").replace("}", "") for name in getattr(figure, "names", ())]


def draft_outreach(figures: dict[str, Figure], year: int) -> str:
    """Part 一(五) in the reference wording: the occasions, key groups, venues and channels the year's records
    name, and placeholders for every count."""
    get = figures.get
    events, posts, venues = get("outreach.events"), get("outreach.online_posts"), get("outreach.venues_upgraded")
    if not any(count_of(figure) for figure in (events, posts, venues)):
        return NO_RECORDS
    opening = f"以{rules.plan_name(year)}普法推进为抓手，制定年度普法计划"
    if count_of(events):
        occasions = names_of(get("outreach.occasions"))
        around = f"围绕{'、'.join(occasions)}等重要节点，" if occasions else ""
        opening += f"，{around}开展法治宣传活动{placeholder(events, '场次')}"
    paragraph = opening + "。"

    carriers = []
    if kinds := names_of(venues):
        carriers.append(f"升级{'、'.join(kinds)}等阵地")
    if channels := names_of(get("outreach.channels")):
        carriers.append(f"利用{'、'.join(channels)}推送法治信息")
    effects = []
    lectures = get("outreach.customised_lectures")
    if count_of(lectures):
        groups = names_of(get("outreach.customised_groups"))
        towards = f"针对{'、'.join(groups)}等重点群体，" if groups else ""
        effects.append(f"{towards}开展“定制化”法治讲座{placeholder(lectures, '场')}")
    if count_of(materials := get("outreach.materials")):
        effects.append(f"发放宣传资料{placeholder(materials, '份')}")
    if count_of(audience := get("outreach.audience")):
        effects.append(f"受教育群众达{placeholder(audience, '人次')}")
    middle = [part for part in ("创新宣传载体，" + "，".join(carriers) if carriers else "", "，".join(effects)) if part]
    if middle:
        paragraph += "；".join(middle) + "。"
    return paragraph


AREA = register(Area(
    code="outreach",
    label=_("普法宣传"),
    position=50,
    ledgers=[
        views.EventLedger,
        views.OnlinePostLedger,
        views.VenueLedger,
        views.LegalInformantLedger,
        views.OnsiteServiceLedger,
        views.DemocracyVillageLedger,
        views.OccasionLedger,
    ],
    key_figures=(
        "outreach.events",
        "outreach.audience",
        "outreach.online_posts",
        "outreach.onsite_services",
        "outreach.informant_villages",
    ),
    village_columns={
        "outreach_events": _("普法活动（场次）"),
        "outreach_quarter": _("本季度普法活动（场次）"),
        "legal_informants": _("法律明白人（人）"),
    },
    targets=[
        TargetIndicator("outreach.online_posts", _("线上普法推送"), "期"),  # 每年线上推送内容不少于12期
        TargetIndicator("outreach.demonstration_venues", _("村级法治文化示范阵地"), "个"),  # 打造1-2个
        TargetIndicator("outreach.onsite_services", _("律师、法官下沉服务"), "次"),  # 每年开展下沉服务不少于12次
    ],
    report_sections=[
        ReportSubsection(
            topic="outreach", label=_("普法宣传"), heading="深化普法宣传，营造浓厚法治氛围", position=5,
            draft=draft_outreach, no_records=NO_RECORDS,
            closing="辖区群众法治意识显著增强，形成尊法学法守法用法的良好氛围",  # after the law exam (governance)
        ),
    ],
))
