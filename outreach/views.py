"""The outreach app's ledgers (township.ledger.Ledger): what each list shows, its badges and totals."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from outreach import rules
from outreach.filters import (
    DemocracyVillageFilter,
    EventFilter,
    LegalInformantFilter,
    OccasionFilter,
    OnlinePostFilter,
    OnsiteServiceFilter,
    VenueFilter,
)
from outreach.forms import EventForm, LegalInformantForm, OnlinePostForm
from outreach.models import (
    DemocracyVillage,
    Event,
    LegalInformant,
    Occasion,
    OnlinePost,
    OnsiteService,
    Venue,
    titles_held_in,
)
from outreach.resources import (
    DemocracyVillageResource,
    EventResource,
    LegalInformantResource,
    OccasionResource,
    OnlinePostResource,
    OnsiteServiceResource,
    VenueResource,
)
from township.ledger import ALL_ROLES, Badge, Ledger
from township.models import Role

#: records of the whole township, no village's: a village clerk has no list of them
TOWNSHIP_READERS = ALL_ROLES - {Role.VILLAGE_CLERK}


def count_text(value, unit: str) -> str:
    return _("%(count)s %(unit)s") % {"count": value or 0, "unit": unit}


class EventLedger(Ledger):
    slug = "outreach_events"
    url_segment = "events"
    model = Event
    form_class = EventForm
    filterset_class = EventFilter
    resource_class = EventResource
    columns = ["date", "title", "occasion_display", "kind", "location", "groups_display", "audience"]
    search_fields = ["title", "speaker", "place", "occasion_other", "other_groups", "note"]
    sort_fields = ["date", "kind", "materials", "audience"]
    year_field = "date"
    select_related = ("occasion",)
    prefetch_related = ("villages",)
    writers = frozenset({Role.ADMIN, Role.CLERK, Role.VILLAGE_CLERK})  # village clerks enter their own village's

    @classmethod
    def badges(cls, record, today):
        found = []
        if record.customised:
            found.append(Badge(_("定制化讲座"), "info"))
        if record.by_legal_adviser:
            found.append(Badge(_("法律顾问"), "secondary"))
        if record.missing_audience():
            found.append(Badge(_("未填受教育人次"), "warning", _("除广播、线上推送外，请填写受教育群众人次。")))
        return found

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(
            count=Count("id"), customised=Count("id", filter=Q(customised=True)),
            adviser=Count("id", filter=Q(by_legal_adviser=True)), materials=Sum("materials"), audience=Sum("audience"),
        )
        return [
            (_("合计"), count_text(sums["count"], _("场次"))),
            (_("定制化讲座"), count_text(sums["customised"], _("场"))),
            (_("法律顾问开展"), count_text(sums["adviser"], _("次"))),
            (_("发放资料"), count_text(sums["materials"], _("份"))),
            (_("受教育群众"), count_text(sums["audience"], _("人次"))),
        ]


class OccasionLedger(Ledger):
    slug = "outreach_occasions"
    url_segment = "occasions"
    model = Occasion
    fields = ["name", "month", "day", "note"]
    columns = ["name", "month", "day", "note"]
    filterset_class = OccasionFilter
    resource_class = OccasionResource
    search_fields = ["name", "note"]
    sort_fields = ["name", "month"]
    readers = TOWNSHIP_READERS


class OnlinePostLedger(Ledger):
    slug = "outreach_posts"
    url_segment = "posts"
    model = OnlinePost
    form_class = OnlinePostForm
    columns = ["date", "channel", "title", "reads"]
    filterset_class = OnlinePostFilter
    resource_class = OnlinePostResource
    search_fields = ["title", "note"]
    sort_fields = ["date", "channel", "reads"]
    year_field = "date"
    readers = TOWNSHIP_READERS

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), reads=Sum("reads"))
        return [(_("合计"), count_text(sums["count"], _("期"))), (_("阅读（播放）量"), sums["reads"] or 0)]


class VenueLedger(Ledger):
    slug = "outreach_venues"
    url_segment = "venues"
    model = Venue
    fields = ["name", "village", "kind", "upgraded_on", "demonstration", "named_on", "note"]
    columns = ["name", "village", "kind", "upgraded_on", "demonstration", "named_on"]
    filterset_class = VenueFilter
    resource_class = VenueResource
    search_fields = ["name", "note"]
    sort_fields = ["name", "kind", "upgraded_on", "named_on"]
    select_related = ("village",)

    @classmethod
    def badges(cls, record, today):
        if record.demonstration == Venue.Demonstration.NAMED:
            return [Badge(_("示范阵地"), "success")]
        if record.demonstration == Venue.Demonstration.CANDIDATE:
            return [Badge(_("示范阵地创建中"), "info")]
        return []


class LegalInformantLedger(Ledger):
    slug = "legal_informants"
    url_segment = "informants"
    model = LegalInformant
    form_class = LegalInformantForm
    filterset_class = LegalInformantFilter
    resource_class = LegalInformantResource
    columns = ["person", "village", "category", "trained_on", "assessment", "appointed_on", "status"]
    search_fields = ["person__name", "note"]
    sort_fields = ["village", "category", "appointed_on"]
    select_related = ("person", "village")

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        """Each informant with the number serving in their village (the badge of a village below the minimum)."""
        serving = (LegalInformant.objects.filter(village=OuterRef("village"), status=LegalInformant.Status.SERVING)
                   .order_by().values("village").annotate(n=Count("id")).values("n"))
        return super().base_queryset(user, township, year, manager).annotate(
            village_serving=Coalesce(Subquery(serving, output_field=IntegerField()), Value(0)),
        )

    @classmethod
    def badges(cls, record, today):
        minimum = rules.informants_per_village()
        serving = getattr(record, "village_serving", None)
        if serving is None:  # a record not read through the list (its own page)
            serving = LegalInformant.objects.filter(village_id=record.village_id,
                                                    status=LegalInformant.Status.SERVING).count()
        found = []
        if record.status == LegalInformant.Status.LEFT:
            found.append(Badge(_("已退出"), "secondary"))
        if serving < minimum:
            found.append(Badge(_("本村不足%(n)s名") % {"n": minimum}, "warning",
                               _("%(village)s在任法律明白人%(serving)s名，每个村（社区）至少%(n)s名。")
                               % {"village": record.village.name, "serving": serving, "n": minimum}))
        return found

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), serving=Count("id", filter=Q(status=LegalInformant.Status.SERVING)))
        return [(_("合计"), count_text(sums["count"], _("人"))), (_("在任"), count_text(sums["serving"], _("人")))]


class OnsiteServiceLedger(Ledger):
    slug = "onsite_services"
    url_segment = "services"
    model = OnsiteService
    fields = ["date", "village", "provider_kind", "provider_name", "village_adviser", "service", "people_served", "note"]
    columns = ["date", "village", "provider_kind", "provider_name", "service", "people_served"]
    filterset_class = OnsiteServiceFilter
    resource_class = OnsiteServiceResource
    search_fields = ["provider_name", "service", "note"]
    sort_fields = ["date", "provider_kind", "people_served"]
    year_field = "date"
    select_related = ("village",)

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), people=Sum("people_served"))
        return [(_("合计"), count_text(sums["count"], _("次"))), (_("服务群众"), count_text(sums["people"], _("人次")))]


class DemocracyVillageLedger(Ledger):
    slug = "democracy_villages"
    url_segment = "democracy-villages"
    model = DemocracyVillage
    fields = ["village", "level", "named_in", "last_reviewed_in", "revoked_in", "note"]
    columns = ["village", "level", "named_in", "last_reviewed_in", "revoked_in"]
    filterset_class = DemocracyVillageFilter
    resource_class = DemocracyVillageResource
    search_fields = ["village__name", "note"]
    sort_fields = ["level", "named_in", "last_reviewed_in"]
    select_related = ("village",)

    @classmethod
    def in_year(cls, queryset, year):
        """A year's list: the titles held at the end of the year."""
        return queryset.filter(titles_held_in(year))

    @classmethod
    def badges(cls, record, today):
        if record.revoked_in:
            return [Badge(_("已撤销（%(year)s年）") % {"year": record.revoked_in}, "secondary")]
        due = record.review_due(today.year)
        if due is not None:
            return [Badge(_("应于%(year)s年复核") % {"year": due}, "warning",
                          _("民主法治示范村（社区）每两年复核一次。"))]
        return []
