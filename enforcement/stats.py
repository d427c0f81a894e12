"""The year's figures of report part 一(三) for a township (../shared/reference/figures.md rows 13-17), and the
enforcement area's monthly counts, per-village counts and deadline alerts.

Plain data for reports and dashboards: each Figure carries its definition and the ledger filter that lists
its records. Counts are aggregated in the database; what depends on working days (deadlines met, the officers'
certificates on each step's date) is decided in Python over the year's cases, read in a fixed number of
queries whatever their number and whatever the number of townships (docs/decisions/0017).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement.certificates import CertificateBook
from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    SatisfactionSurvey,
    campaigns_in,
    in_service_on,
    running_q,
)
from township.figures import Figure, rate
from township.ledger.alerts import DUE_SOON, OVERDUE
from township.ledger.stats import detail_url
from township.ledger.stats import township_ids as ids_of
from township.models import Township, Village
from township.workdays import WorkCalendar

Case = EnforcementCase


def year_end(year: int, today: datetime.date) -> datetime.date:
    """The day a year's standing figures are taken: 31 December, or today within the year."""
    return min(datetime.date(year, 12, 31), today)


CASE_COUNTS = ("filed", "decided", "reconsidered", "litigated", "reviewed", "overdue", "published_due",
               "published_on_time", "steps", "certified")


def _case_counts(township_ids: list[int], year: int, today: datetime.date) -> dict[int, dict[str, int]]:
    """The year's cases counted per township, with what needs the rules: decisions late or overdue, decisions
    published on time, steps carried out by certified officers. One query for the cases, and when there are
    some, one each for their officers' ids (no Person built: only the certificates are asked about), the
    officers' certificates and the working-day calendar."""
    year_cases = Case.objects.filter(township_id__in=township_ids, filed_on__year=year)
    cases = list(year_cases)
    officers: dict[int, list[int]] = {case.pk: [] for case in cases}
    if cases:
        for case_id, person_id in year_cases.filter(officers__deleted_at__isnull=True).values_list("pk", "officers"):
            officers[case_id].append(person_id)
    book = CertificateBook.of({person for people in officers.values() for person in people})
    calendar = WorkCalendar.from_database() if cases else None
    found = {pk: dict.fromkeys(CASE_COUNTS, 0) for pk in township_ids}
    for case in cases:
        case._calendar = calendar
        counts = found[case.township_id]
        counts["filed"] += 1
        counts["decided"] += case.is_decided
        counts["reconsidered"] += case.reconsidered
        counts["litigated"] += case.litigated
        counts["reviewed"] += case.legal_review_on is not None
        counts["overdue"] += case.decided_late(today)
        publication = case.publication_deadline()
        if publication is not None and (case.published_on or publication.due < today):
            counts["published_due"] += 1
            counts["published_on_time"] += bool(publication.met)
        for _step, day in case.step_dates():
            counts["steps"] += 1
            counts["certified"] += (len(officers[case.pk]) >= 2
                                    and all(book.certified(person, day) for person in officers[case.pk]))
    return found


def of_township(queryset, aggregate):
    """An aggregate of a township's records, as a subquery of the township row (0 without records)."""
    rows = queryset.filter(township=OuterRef("pk")).order_by().values("township").annotate(value=aggregate)
    return Coalesce(Subquery(rows.values("value")[:1]), 0)


def _other_counts(township_ids: list[int], year: int, today: datetime.date) -> dict[int, dict[str, int]]:
    """Equipment, surveys, major decisions and legality reviews per township, in one query (a subquery each)."""
    end = year_end(year, today)
    cameras = Equipment.objects.filter(in_service_on(end), kind=Equipment.Kind.BODY_CAMERA)
    surveys = SatisfactionSurvey.objects.filter(date__year=year)
    decisions = MajorDecision.objects.filter(catalogue_year=year)
    reviews = LegalityReview.objects.filter(completed_on__year=year)
    annotations = {
        "cameras": of_township(cameras, Count("id")),
        "surveyed": of_township(surveys, Sum("surveyed")),
        "content": of_township(surveys, Sum("satisfied") + Sum("basically_satisfied")),
        "catalogued": of_township(decisions, Count("id")),
        "decisions_decided": of_township(decisions.filter(decided_on__isnull=False), Count("id")),
        "comment": of_township(decisions.filter(comment_start_on__isnull=False), Count("id")),
        "expert": of_township(decisions.filter(expert_on__isnull=False), Count("id")),
        "risk": of_township(decisions.filter(risk_on__isnull=False), Count("id")),
        "review": of_township(decisions.filter(review_on__isnull=False), Count("id")),
        "reviews_completed": of_township(reviews, Count("id")),
    }
    rows = Township.objects.filter(pk__in=township_ids).annotate(**annotations).values("pk", *annotations)
    found = {pk: dict.fromkeys(annotations, 0) for pk in township_ids}
    for row in rows:
        found[row.pop("pk")] = row
    return found


def _campaign_counts(township_ids: list[int], year: int) -> dict[int, dict]:
    """The year's campaigns per township: how many, and their focus areas in the township's order."""
    found = {pk: {"count": 0, "focus_names": []} for pk in township_ids}
    seen = set()
    rows = (Campaign.objects.filter(campaigns_in(year), township_id__in=township_ids)
            .values_list("township_id", "pk", "focus__name").order_by("township_id", "focus__position", "focus_id"))
    for township_id, pk, name in rows:
        if pk not in seen:
            seen.add(pk)
            found[township_id]["count"] += 1
        if name not in found[township_id]["focus_names"]:
            found[township_id]["focus_names"].append(name)
    return found


def _figure_counts(township_ids: list[int], year: int, today: datetime.date) -> dict[int, dict[str, dict]]:
    """Everything the figures are made of, per township: three queries whatever the number of townships (three
    more when the year has cases)."""
    cases, others, campaigns = (_case_counts(township_ids, year, today), _other_counts(township_ids, year, today),
                                _campaign_counts(township_ids, year))
    return {pk: {"cases": cases[pk], "others": others[pk], "campaigns": campaigns[pk]} for pk in township_ids}


def figures(township, year: int, *, today: datetime.date | None = None) -> dict[str, Figure]:
    """Cases, officers' certificates, cameras, campaigns, reconsideration and litigation, satisfaction, publication,
    major decisions and legality reviews of the year."""
    return figures_for_townships([township], year, today=today)[township.pk]


def figures_for_townships(townships, year: int, *, today: datetime.date | None = None) -> dict[int, dict[str, Figure]]:
    """figures() of every township, ``{township_id: {key: Figure}}``, in the same queries as one township's."""
    today = today or timezone.localdate()
    township_ids = ids_of(townships)
    return {pk: _figures_of(counts, year, today) for pk, counts in _figure_counts(township_ids, year, today).items()}


def _figures_of(counts: dict, year: int, today: datetime.date) -> dict[str, Figure]:
    cases, others, campaigns = counts["cases"], counts["others"], counts["campaigns"]
    names = tuple(campaigns["focus_names"])
    in_year = {"year": year}
    end = year_end(year, today)

    def count(key, label, value, unit, definition, ledger, query):
        return Figure(key=key, label=label, value=value, unit=unit, definition=definition, ledger=ledger, query=query)

    def percentage(key, label, numerator, denominator, definition, ledger, query):
        return Figure(key=key, label=label, value=rate(numerator, denominator), unit="%", numerator=numerator,
                      denominator=denominator, definition=definition, ledger=ledger, query=query)

    result = [
        count("enforcement.cases_filed", _("立案查处行政执法案件"), cases["filed"], _("件"),
              _("立案日期在%(year)s年内的行政执法案件件数（含当场处罚）。") % in_year, "cases", in_year),
        count("enforcement.cases_decided", _("作出行政执法决定"), cases["decided"], _("件"),
              _("%(year)s年立案的案件中，已作出处理决定（撤案除外）的件数。") % in_year,
              "cases", {**in_year, "status": "made"}),
        count("enforcement.cases_overdue", _("超期未作出决定的案件"), cases["overdue"], _("件"),
              _("%(year)s年立案的案件中，作出决定晚于立案之日起90日（期限末日为休息日的顺延至其后第一个工作日），或截至"
                "%(today)s已过该期限仍未作出决定的件数（《行政处罚法》第六十条）。") % {**in_year, "today": f"{today:%Y-%m-%d}"},
              "cases", {**in_year, "decision_time": "late"}),
        percentage("enforcement.certified_steps_rate", _("持证上岗、亮证执法"), cases["certified"], cases["steps"],
                   _("%(year)s年立案的案件中，由两名以上执法人员实施、且每名执法人员在当日均持有有效行政执法证件的执法环节"
                     "（立案、调查终结、告知、决定、送达；当场处罚为一个环节）÷已记录日期的执法环节（《行政处罚法》"
                     "第四十二条）。") % in_year, "cases", in_year),
        count("enforcement.body_cameras", _("执法记录仪"), others["cameras"], _("台"),
              _("%(date)s在用的执法记录仪台数（配备日期不晚于该日、且未停用）。") % {"date": f"{end:%Y-%m-%d}"},
              "equipment", {"kind": Equipment.Kind.BODY_CAMERA, "in_service": year}),
        count("enforcement.campaigns", _("专项执法行动"), campaigns["count"], _("次"),
              _("行动期间与%(year)s年有交集的专项执法行动次数。") % in_year, "campaigns", in_year),
        Figure(key="enforcement.campaign_focus_areas", label=_("专项执法行动重点领域"), value=len(names),
                    unit=_("个"), definition=_("%(year)s年专项执法行动的重点领域（违法类别）个数：%(names)s。")
                    % {**in_year, "names": "、".join(names) or _("无")},
                    ledger="campaigns", query=in_year, names=names),
        count("enforcement.reconsiderations", _("被申请行政复议的案件"), cases["reconsidered"], _("件"),
              _("%(year)s年立案的案件中，当事人申请行政复议的件数。") % in_year,
              "cases", {**in_year, "reconsidered": "true"}),
        count("enforcement.lawsuits", _("被提起行政诉讼的案件"), cases["litigated"], _("件"),
              _("%(year)s年立案的案件中，当事人提起行政诉讼的件数。") % in_year, "cases", {**in_year, "litigated": "true"}),
        percentage("enforcement.satisfaction_rate", _("群众对行政执法满意度"), others["content"], others["surveyed"],
                   _("满意度＝%(year)s年行政执法满意度测评中“满意”和“基本满意”的人数÷受访人数。") % in_year,
                   "surveys", in_year),
        count("enforcement.surveyed", _("满意度测评受访群众"), others["surveyed"], _("人"),
              _("%(year)s年行政执法满意度测评的受访人数之和。") % in_year, "surveys", in_year),
        percentage("enforcement.published_on_time_rate", _("执法决定按期公示率"), cases["published_on_time"],
                   cases["published_due"],
                   _("按期公示率＝按期公示的决定数÷应公示的决定数。应公示：%(year)s年立案、已作出决定（撤案除外）的案件中，截至"
                     "%(today)s已公示或已过公示期限的；按期：处罚决定作出之日起7个工作日内、其他决定20个工作日内公示"
                     "（国办发〔2018〕118号）。") % {**in_year, "today": f"{today:%Y-%m-%d}"},
                   "cases", {**in_year, "publication": "due"}),
        count("enforcement.legal_reviews", _("重大执法决定法制审核"), cases["reviewed"], _("件"),
              _("%(year)s年立案的案件中，经法制审核的件数（《行政处罚法》第五十八条）。") % in_year,
              "cases", {**in_year, "legal_review": "true"}),
        count("enforcement.major_decisions", _("重大行政决策事项"), others["catalogued"], _("项"),
              _("%(year)s年重大行政决策事项目录中的事项数。") % in_year, "major_decisions", in_year),
        count("enforcement.major_decisions_decided", _("已作出的重大行政决策"), others["decisions_decided"], _("项"),
              _("%(year)s年目录中已作出决定的事项数。") % in_year, "major_decisions", {**in_year, "decided": "true"}),
        count("enforcement.major_decisions_public_comment", _("公开征求意见的重大行政决策"), others["comment"], _("项"),
              _("%(year)s年目录中已公开征求意见的事项数。") % in_year, "major_decisions", in_year),
        count("enforcement.major_decisions_expert", _("经专家论证的重大行政决策"), others["expert"], _("项"),
              _("%(year)s年目录中已开展专家论证的事项数。") % in_year, "major_decisions", in_year),
        count("enforcement.major_decisions_risk", _("经风险评估的重大行政决策"), others["risk"], _("项"),
              _("%(year)s年目录中已开展风险评估的事项数。") % in_year, "major_decisions", in_year),
        count("enforcement.major_decisions_reviewed", _("经合法性审查的重大行政决策"), others["review"], _("项"),
              _("%(year)s年目录中已完成合法性审查的事项数。") % in_year, "major_decisions", in_year),
        count("enforcement.legality_reviews", _("规范性文件和合同合法性审查"), others["reviews_completed"], _("件"),
              _("审查完成日期在%(year)s年内的规范性文件、合同等合法性审查件数。") % in_year,
              "legality_reviews", {**in_year, "completed": "true"}),
    ]
    return {figure.key: figure for figure in result}


def monthly(township, year: int) -> dict[str, list[int]]:
    """Cases filed in each month of the year."""
    rows = (Case.objects.filter(township=township, filed_on__year=year)
            .annotate(month=ExtractMonth("filed_on")).values("month").annotate(n=Count("id")).order_by())
    values = [0] * 12
    for row in rows:
        values[row["month"] - 1] = row["n"]
    return {"enforcement.cases_filed": values}


def by_village(township, year: int) -> list[dict]:
    """Cases filed in the year per village where the violation took place."""
    counts = {row["village_id"]: row["n"] for row in Case.objects.filter(township=township, filed_on__year=year)
              .values("village_id").annotate(n=Count("id")).order_by()}
    rows = [{"village_id": pk, "village": name, "cases": counts.get(pk, 0)}
            for pk, name in Village.objects.filter(township=township).order_by("id").values_list("id", "name")]
    if counts.get(None):
        rows.append({"village_id": None, "village": _("未填写村（社区）"), "cases": counts[None]})
    return rows


ALERT_STATUSES = (OVERDUE, DUE_SOON)


def _running(township_ids: list[int], today: datetime.date):
    """(kind, kind label, ledger, record, alert) of every running deadline past or near: two queries, and the
    working-day calendar when there is something to count."""
    cases = list(Case.objects.filter(running_q(), township_id__in=township_ids).select_related("village"))
    reviews = list(LegalityReview.objects.filter(township_id__in=township_ids, kind=LegalityReview.Kind.NORMATIVE,
                                                 completed_on__isnull=True))
    calendar = WorkCalendar.from_database() if cases or reviews else None
    for case in cases:
        case._calendar = calendar
        for alert in case.running_alerts(today):
            yield "case", _("行政执法案件"), "cases", case, alert
    for review in reviews:
        review._calendar = calendar
        deadline = review.running(today)
        if deadline is not None and deadline.status(today) in ALERT_STATUSES:
            label = _("合法性审核已逾期") if deadline.status(today) == OVERDUE else _("合法性审核7日内到期")
            yield "legality_review", _("合法性审查"), "legality_reviews", review, _Alert(deadline.status(today), label, deadline)


@dataclass(frozen=True)
class _Alert:
    kind: str
    label: str
    deadline: object


def alerts(township, today: datetime.date | None = None) -> list[dict]:
    """Cases and legality reviews whose statutory deadline is past or near, soonest first (the clerk's list)."""
    today = today or timezone.localdate()
    found = []
    for kind, kind_label, ledger, record, alert in _running([township.pk], today):
        village = getattr(record, "village", None)
        found.append({
            "kind": kind, "kind_label": kind_label, "label": str(record), "rule": alert.deadline.rule,
            "article": alert.deadline.article, "due": alert.deadline.due, "status": alert.kind,
            "status_label": alert.label, "village": village.name if village else "", "url": detail_url(ledger, record.pk),
        })
    found.sort(key=lambda item: (item["due"], item["label"]))
    return found


def alert_counts(townships, today: datetime.date | None = None) -> dict[int, dict[str, int]]:
    """How many of alerts() are overdue and due soon, per township (the county dashboard)."""
    today = today or timezone.localdate()
    township_ids = ids_of(townships)
    result = {pk: dict.fromkeys(ALERT_STATUSES, 0) for pk in township_ids}
    for _kind, _label, _ledger, record, alert in _running(township_ids, today):
        result[record.township_id][alert.kind] += 1
    return result
