"""The enforcement area's ledgers (township.ledger.Ledger), the on-the-spot short form, and the public
disclosure page (行政执法公示, 国办发〔2018〕118号) at /public/enforcement/."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from enforcement import disclosure
from enforcement.filters import (
    CampaignFilter,
    CaseFilter,
    EquipmentFilter,
    LegalityReviewFilter,
    MajorDecisionFilter,
    RecordingFilter,
    SatisfactionSurveyFilter,
    ViolationTypeFilter,
)
from enforcement.forms import (
    CampaignForm,
    CaseForm,
    EquipmentForm,
    LegalityReviewForm,
    MajorDecisionForm,
    RecordingForm,
    SatisfactionSurveyForm,
    ViolationTypeForm,
)
from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    Recording,
    SatisfactionSurvey,
    ViolationType,
    campaigns_in,
)
from enforcement.resources import (
    CampaignResource,
    CaseResource,
    EquipmentResource,
    LegalityReviewResource,
    MajorDecisionResource,
    RecordingResource,
    SatisfactionSurveyResource,
    ViolationTypeResource,
)
from township.figures import rate
from township.ledger import Badge, Ledger
from township.ledger.alerts import alert_badges
from township.ledger.views import LedgerCreateView
from township.models import Person, Role, Township

# Enforcement records are the township office's and the county's to read; village clerks keep their own
# village's disputes and outreach, not the township's penalties (the public sees the published decisions).
READERS = frozenset({Role.ADMIN, Role.CLERK, Role.LEADER, Role.COUNTY})
Case = EnforcementCase


def percent(numerator: int, denominator: int) -> str:
    value = rate(numerator, denominator)
    return "—" if value is None else f"{value}%"


class EnforcementLedger(Ledger):
    """The area's ledgers: read by the township office and the county, never by village clerks."""

    readers = READERS


class OnTheSpotCreateView(LedgerCreateView):
    """The short form of an on-the-spot decision (《行政处罚法》第五十一条、第五十二条)."""

    def get_initial(self):
        initial = super().get_initial()
        initial.pop("filed_on", None)
        initial["procedure"] = Case.Procedure.ON_THE_SPOT
        initial["decided_on"] = timezone.localdate() if int(self.request.year) == timezone.localdate().year else None
        return initial


class CaseLedger(EnforcementLedger):
    slug = "cases"
    model = EnforcementCase
    form_class = CaseForm
    filterset_class = CaseFilter
    resource_class = CaseResource
    columns = ["number", "filed_on", "cause", "category", "party_name", "officer_names", "decision_display",
               "closed_on"]
    search_fields = ["number", "cause", "party_name", "decision_number", "note"]
    sort_fields = ["number", "filed_on", "decided_on", "closed_on"]
    year_field = "filed_on"
    select_related = ("category", "village", "campaign")
    prefetch_related = ("officers", "recordings")
    # the list names the officers and asks only whether a closed case has recordings (a defect when none)
    list_prefetch_related = (Prefetch("officers", queryset=Person.objects.only("id", "name")),
                             Prefetch("recordings", queryset=Recording.objects.only("id", "case_id")))
    detail_template = "enforcement/case_detail.html"

    STATUS_LEVELS = {"在办": "info", "已决定": "primary", "已结案": "success", "已撤案": "secondary"}

    @classmethod
    def extra_urls(cls):
        return [path("on-the-spot/", OnTheSpotCreateView.as_view(ledger=cls), name="add_on_the_spot")]

    @classmethod
    def badges(cls, record, today):
        label = record.status_label()
        return [Badge(label, cls.STATUS_LEVELS.get(label, "secondary")), *alert_badges(record.alerts(today))]

    @classmethod
    def deadlines(cls, record, today):
        return record.deadlines(today)

    @classmethod
    def totals(cls, queryset):
        withdrawn = Q(decision_kind=Case.DecisionKind.WITHDRAWN)
        sums = queryset.aggregate(
            count=Count("id", distinct=True),
            decided=Count("id", filter=Q(decided_on__isnull=False) & ~withdrawn, distinct=True),
            closed=Count("id", filter=Q(closed_on__isnull=False), distinct=True),
            fines=Sum("amount", filter=Q(decision_kind=Case.DecisionKind.FINE)),
            reconsidered=Count("id", filter=Q(reconsidered=True), distinct=True),
            litigated=Count("id", filter=Q(litigated=True), distinct=True),
        )
        return [
            (_("合计"), _("%(count)s 件") % {"count": sums["count"]}),
            (_("已作出决定"), _("%(count)s 件") % {"count": sums["decided"]}),
            (_("已结案"), _("%(count)s 件") % {"count": sums["closed"]}),
            (_("罚款"), _("%(amount)s 元") % {"amount": f"{sums['fines'] or 0:,.2f}"}),
            (_("行政复议"), _("%(count)s 件") % {"count": sums["reconsidered"]}),
            (_("行政诉讼"), _("%(count)s 件") % {"count": sums["litigated"]}),
        ]


class ViolationTypeLedger(EnforcementLedger):
    slug = "violation_types"
    url_segment = "violation-types"
    model = ViolationType
    form_class = ViolationTypeForm
    filterset_class = ViolationTypeFilter
    resource_class = ViolationTypeResource
    columns = ["name", "position", "active", "note"]
    search_fields = ["name", "note"]
    sort_fields = ["name", "position"]


class CampaignLedger(EnforcementLedger):
    slug = "campaigns"
    model = Campaign
    form_class = CampaignForm
    filterset_class = CampaignFilter
    resource_class = CampaignResource
    columns = ["name", "focus", "period", "lead_unit", "case_count"]
    search_fields = ["name", "summary", "note"]
    sort_fields = ["name", "start_on"]
    year_field = "start_on"
    select_related = ("focus",)
    prefetch_related = ("villages",)

    @classmethod
    def in_year(cls, queryset, year):
        """A year's campaigns: those running at some time in the year."""
        return queryset.filter(campaigns_in(year))

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        cases = Q(cases__deleted_at__isnull=True, cases__isnull=False)
        return super().base_queryset(user, township, year, manager).annotate(
            live_case_count=Count("cases", filter=cases, distinct=True)
        ).order_by("-start_on", "-id")

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id", distinct=True), areas=Count("focus", distinct=True))
        return [(_("合计"), _("%(count)s 次") % {"count": sums["count"]}),
                (_("重点领域"), _("%(count)s 个") % {"count": sums["areas"]})]


class EquipmentLedger(EnforcementLedger):
    slug = "equipment"
    model = Equipment
    form_class = EquipmentForm
    filterset_class = EquipmentFilter
    resource_class = EquipmentResource
    columns = ["number", "kind", "model", "acquired_on", "status", "retired_on", "keeper"]
    search_fields = ["number", "model", "note"]
    sort_fields = ["number", "kind", "acquired_on", "status"]
    select_related = ("keeper",)
    detail_template = "enforcement/equipment_detail.html"

    @classmethod
    def badges(cls, record, today):
        if record.status == Equipment.Status.RETIRED:
            return [Badge(_("已停用"), "secondary")]
        return [Badge(_("在用"), "success")]

    @classmethod
    def totals(cls, queryset):
        in_service = Q(status=Equipment.Status.IN_SERVICE)
        sums = queryset.aggregate(
            count=Count("id"), in_service=Count("id", filter=in_service),
            cameras=Count("id", filter=in_service & Q(kind=Equipment.Kind.BODY_CAMERA)),
        )
        return [(_("合计"), _("%(count)s 台（件）") % {"count": sums["count"]}),
                (_("在用"), sums["in_service"]), (_("在用执法记录仪"), _("%(count)s 台") % {"count": sums["cameras"]})]


class RecordingLedger(EnforcementLedger):
    slug = "recordings"
    model = Recording
    form_class = RecordingForm
    filterset_class = RecordingFilter
    resource_class = RecordingResource
    columns = ["date", "case", "step", "device", "note"]
    search_fields = ["case__number", "note"]
    sort_fields = ["date", "step"]
    year_field = "date"
    select_related = ("case", "device")


class SatisfactionSurveyLedger(EnforcementLedger):
    slug = "surveys"
    model = SatisfactionSurvey
    form_class = SatisfactionSurveyForm
    filterset_class = SatisfactionSurveyFilter
    resource_class = SatisfactionSurveyResource
    columns = ["date", "title", "method", "surveyed", "satisfied", "basically_satisfied", "dissatisfied",
               "satisfaction_rate"]
    search_fields = ["title", "note"]
    sort_fields = ["date", "surveyed"]
    year_field = "date"

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), surveyed=Sum("surveyed"), satisfied=Sum("satisfied"),
                                  basically=Sum("basically_satisfied"))
        surveyed = sums["surveyed"] or 0
        content = (sums["satisfied"] or 0) + (sums["basically"] or 0)
        return [(_("合计"), _("%(count)s 次") % {"count": sums["count"]}),
                (_("受访"), _("%(count)s 人") % {"count": surveyed}),
                (_("满意和基本满意"), _("%(count)s 人") % {"count": content}),
                (_("满意率"), percent(content, surveyed))]


class MajorDecisionLedger(EnforcementLedger):
    slug = "major_decisions"
    url_segment = "major-decisions"
    model = MajorDecision
    form_class = MajorDecisionForm
    filterset_class = MajorDecisionFilter
    resource_class = MajorDecisionResource
    columns = ["title", "sponsor", "steps_display", "decided_on", "published_on", "status_label"]
    search_fields = ["title", "sponsor", "note"]
    sort_fields = ["title", "decided_on"]

    @classmethod
    def in_year(cls, queryset, year):
        """A year's ledger is that year's published catalogue (《重大行政决策程序暂行条例》第三条)."""
        return queryset.filter(catalogue_year=year)

    @classmethod
    def badges(cls, record, today):
        return [Badge(record.status_label(), "success" if record.decided_on else "info"),
                *[Badge(label, "warning", message) for label, message in record.defects()]]


class LegalityReviewLedger(EnforcementLedger):
    slug = "legality_reviews"
    url_segment = "legality-reviews"
    model = LegalityReview
    form_class = LegalityReviewForm
    filterset_class = LegalityReviewFilter
    resource_class = LegalityReviewResource
    columns = ["title", "kind", "submitted_on", "reviewer", "completed_on", "opinion", "filed_on"]
    search_fields = ["title", "submitted_by", "opinion_text", "note"]
    sort_fields = ["title", "submitted_on", "completed_on"]
    year_field = "submitted_on"

    @classmethod
    def badges(cls, record, today):
        badges = [Badge(_("已审查"), "success") if record.completed_on else Badge(_("审查中"), "info")]
        running = record.running(today)
        if running is not None and running.status(today) in ("overdue", "due_soon"):
            label = _("审核已逾期") if running.status(today) == "overdue" else _("审核即将到期")
            badges.append(Badge(label, "danger" if running.status(today) == "overdue" else "warning",
                                f"{running.rule}：{running.due:%Y-%m-%d}（{running.article}）"))
        return badges + [Badge(label, "warning", message) for label, message in record.defects()]

    @classmethod
    def deadlines(cls, record, today):
        deadline = record.review_deadline()
        return [deadline] if deadline is not None else []


# --- 行政执法公示: the public page ----------------------------------------------------------------------------


@require_safe
def public_index(request):
    """Every township's disclosure page, without logging in."""
    townships = Township.objects.select_related("county").order_by("county__name", "code")
    return render(request, "enforcement/public_index.html", {"townships": townships})


@require_safe
def public_township(request, township):
    """A township's enforcement officers and published decisions: nothing unpublished, nothing personal beyond a
    natural person's surname (国办发〔2018〕118号; 《个人信息保护法》第二十八条)."""
    township = get_object_or_404(Township.objects.select_related("county"), code=township)
    today = timezone.localdate()
    decisions = Paginator(disclosure.published_decisions(township, today), 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/public_township.html", {
        "township": township, "officers": disclosure.officers(township, today), "decisions": decisions,
        "years": disclosure.retention_years(), "today": today,
    })
