"""The disputes app's ledgers (township.ledger.Ledger): what each list shows, its badges and deadlines."""

import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disputes import rules
from disputes.filters import (
    ConsultationFilter,
    DisputeFilter,
    LegalAdviserFilter,
    MediationCommitteeFilter,
    MediatorFilter,
    PetitionFilter,
)
from disputes.forms import (
    ConsultationForm,
    DisputeForm,
    LegalAdviserForm,
    MediationCommitteeForm,
    MediatorForm,
    PetitionForm,
)
from disputes.models import (
    CLOSING_ON_TIME,
    Consultation,
    Dispute,
    LegalAdviser,
    MediationCommittee,
    Mediator,
    Petition,
    closing_q,
    contracts_in,
)
from disputes.resources import (
    ConsultationResource,
    DisputeResource,
    LegalAdviserResource,
    MediationCommitteeResource,
    MediatorResource,
    PetitionResource,
)
from township.figures import rate
from township.ledger import Badge, Ledger
from township.ledger.alerts import alert_badges
from township.models import Person, Role

STAFF_AND_VILLAGES = frozenset({Role.ADMIN, Role.CLERK, Role.VILLAGE_CLERK})


def percent(numerator: int, denominator: int) -> str:
    value = rate(numerator, denominator)
    return "—" if value is None else f"{value}%"


class DisputeLedger(Ledger):
    slug = "disputes"
    model = Dispute
    form_class = DisputeForm
    filterset_class = DisputeFilter
    resource_class = DisputeResource
    columns = ["number", "registered_on", "category", "source", "village", "party_name", "party_phone", "status",
               "closed_on"]
    search_fields = ["number", "party_name", "other_party", "summary", "grid", "other_mediators"]
    sort_fields = ["number", "registered_on", "category", "source", "status", "closed_on"]
    year_field = "registered_on"
    select_related = ("village",)
    prefetch_related = ("mediators__person",)
    list_prefetch_related = ()  # no column or badge names the mediators
    writers = STAFF_AND_VILLAGES  # village clerks enter their own village's disputes

    STATUS_BADGES = {
        rules.DISPUTE_REGISTERED: (gettext_lazy("已登记"), "secondary"),
        rules.DISPUTE_OPEN: (gettext_lazy("调解中"), "info"),
        rules.DISPUTE_SUCCEEDED: (gettext_lazy("已化解"), "success"),
        rules.DISPUTE_FAILED: (gettext_lazy("调解不成"), "secondary"),
        rules.DISPUTE_TERMINATED: (gettext_lazy("已终止"), "secondary"),
        rules.DISPUTE_TRANSFERRED: (gettext_lazy("已转办"), "secondary"),
    }

    @classmethod
    def badges(cls, record, today):
        label, level = cls.STATUS_BADGES[record.status]
        return [Badge(label, level), *alert_badges(record.alerts(today))]

    @classmethod
    def deadlines(cls, record, today):
        return record.deadlines(today)

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), mediated=Count("id", filter=Q(status=rules.DISPUTE_SUCCEEDED)))
        return [
            (_("合计"), _("%(count)s 件") % {"count": sums["count"]}),
            (_("调解成功"), _("%(count)s 件") % {"count": sums["mediated"]}),
            (_("化解率"), percent(sums["mediated"], sums["count"])),
        ]


class PetitionLedger(Ledger):
    slug = "petitions"
    model = Petition
    form_class = PetitionForm
    filterset_class = PetitionFilter
    resource_class = PetitionResource
    columns = ["number", "received_on", "channel", "petitioner", "phone", "village", "category", "acceptance",
               "closing_due", "closed_on", "satisfaction"]
    search_fields = ["number", "petitioner_name", "content", "reply_number"]
    sort_fields = ["number", "received_on", "channel", "category", "acceptance", "closed_on", "satisfaction"]
    year_field = "received_on"
    select_related = ("village",)
    # 《信访工作条例》第三十条第三款: a complaint never reaches those complained about, often village cadres;
    # village clerks get no petition list, record, export or count.
    readers = frozenset({Role.ADMIN, Role.CLERK, Role.LEADER, Role.COUNTY})

    @classmethod
    def in_year(cls, queryset, year):
        """A year's petitions: received in it, or accepted in it (a December letter accepted in January)."""
        return queryset.filter(Q(received_on__year=year) | Q(accepted_on__year=year))

    @classmethod
    def badges(cls, record, today):
        if record.closed_on:
            status = Badge(_("已办结"), "success")
        elif record.is_accepted:
            status = Badge(_("办理中"), "info")
        elif record.acceptance == rules.PETITION_NOT_ACCEPTED:
            status = Badge(_("不予受理"), "secondary")
        elif record.acceptance == rules.PETITION_ROUTED:
            status = Badge(_("已转送"), "secondary")
        else:
            status = Badge(_("待受理"), "info")
        return [status, *alert_badges(record.alerts(today))]

    @classmethod
    def deadlines(cls, record, today):
        return record.deadlines(today)

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(
            count=Count("id"),
            accepted=Count("id", filter=Q(acceptance=rules.PETITION_ACCEPTED)),
            closed=Count("id", filter=Q(acceptance=rules.PETITION_ACCEPTED, closed_on__isnull=False)),
            on_time=Count("id", filter=closing_q(CLOSING_ON_TIME, timezone.localdate())),
        )
        return [
            (_("合计"), _("%(count)s 件") % {"count": sums["count"]}),
            (_("受理"), _("%(count)s 件") % {"count": sums["accepted"]}),
            (_("已办结"), _("%(count)s 件") % {"count": sums["closed"]}),
            (_("按期办结"), _("%(count)s 件") % {"count": sums["on_time"]}),
        ]


class MediatorLedger(Ledger):
    slug = "mediators"
    model = Mediator
    form_class = MediatorForm
    filterset_class = MediatorFilter
    resource_class = MediatorResource
    columns = ["person", "level", "kind", "village", "group_name", "appointed_on", "active"]
    search_fields = ["person__name", "group_name", "note"]
    sort_fields = ["level", "kind", "appointed_on"]
    select_related = ("person", "village")

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(
            count=Count("id"),
            **{level: Count("id", filter=Q(level=level)) for level in Mediator.Level.values},
        )
        return [(_("合计"), _("%(count)s 人") % {"count": sums["count"]})] + [
            (label, sums[level]) for level, label in Mediator.Level.choices
        ]


class MediationCommitteeLedger(Ledger):
    slug = "committees"
    model = MediationCommittee
    form_class = MediationCommitteeForm
    filterset_class = MediationCommitteeFilter
    resource_class = MediationCommitteeResource
    columns = ["name", "village", "director", "member_count", "women_count", "established_on"]
    search_fields = ["name", "note"]
    sort_fields = ["name", "established_on"]
    select_related = ("village", "director__person")
    prefetch_related = ("members__person",)

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        live = Q(members__deleted_at__isnull=True)
        return super().base_queryset(user, township, year, manager).annotate(
            member_total=Count("members", filter=live, distinct=True),
            women_total=Count("members", filter=live & Q(members__person__gender=Person.Gender.FEMALE), distinct=True),
        ).order_by("village_id", "id")  # a GROUP BY query leaves the model's ordering out

    @classmethod
    def badges(cls, record, today):
        return [Badge(_("委员会组成有缺陷"), "warning", message) for message in record.flags()]


class LegalAdviserLedger(Ledger):
    slug = "advisers"
    model = LegalAdviser
    form_class = LegalAdviserForm
    filterset_class = LegalAdviserFilter
    resource_class = LegalAdviserResource
    columns = ["name", "law_firm", "villages_display", "contract_period", "onsite_days"]
    search_fields = ["name", "law_firm", "note"]
    sort_fields = ["name", "law_firm", "onsite_days"]
    year_field = "contract_start"
    prefetch_related = ("villages",)
    personal_shown_to = frozenset({Role.ADMIN, Role.CLERK, Role.LEADER})  # the advisers' service phones

    @classmethod
    def in_year(cls, queryset, year):
        """A year's advisers: those under contract at some time in the year."""
        return queryset.filter(contracts_in(year))

    @classmethod
    def as_of(cls, year, today):
        """A past year's contracts are judged on its last day: the 2025 list says who was under contract in 2025."""
        return min(today, datetime.date(year, 12, 31))

    @classmethod
    def badges(cls, record, today):
        days_left = (record.contract_end - today).days
        ended = _("合同已于%(date)s到期") % {"date": date_format(record.contract_end)}
        if days_left < 0:
            return [Badge(_("合同已到期"), "secondary", ended)]
        if today < timezone.localdate():  # a past year: its contracts ran to its end, nothing to renew there
            return []
        if days_left <= 30:
            return [Badge(_("合同30日内到期"), "warning",
                          _("合同于%(date)s到期，请及时续签。") % {"date": date_format(record.contract_end)})]
        return []


class ConsultationLedger(Ledger):
    slug = "consultations"
    model = Consultation
    form_class = ConsultationForm
    filterset_class = ConsultationFilter
    resource_class = ConsultationResource
    columns = ["date", "village", "adviser", "topic", "people_served"]
    search_fields = ["topic", "note"]
    sort_fields = ["date", "people_served"]
    year_field = "date"
    select_related = ("village", "adviser")
    writers = STAFF_AND_VILLAGES

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), people=Sum("people_served"))
        return [
            (_("合计"), _("%(count)s 次") % {"count": sums["count"]}),
            (_("服务群众"), _("%(count)s 人次") % {"count": sums["people"] or 0}),
        ]
