"""Django admin for the outreach records: read and restore; day-to-day entry is in the ledgers."""

from django.contrib import admin

from outreach.models import DemocracyVillage, Event, LegalInformant, Occasion, OnlinePost, OnsiteService, Venue
from township.ledger.admin import TownshipRecordAdmin


@admin.register(Occasion)
class OccasionAdmin(TownshipRecordAdmin):
    list_display = ["name", "month", "day", "township", "deleted_at"]
    list_filter = ["township"]


@admin.register(Event)
class EventAdmin(TownshipRecordAdmin):
    list_display = ["date", "title", "kind", "customised", "by_legal_adviser", "audience", "township", "deleted_at"]
    list_filter = ["township", "kind", "customised", "by_legal_adviser"]
    list_select_related = ("township", "occasion")
    search_fields = ["title", "speaker", "place"]
    date_hierarchy = "date"
    filter_horizontal = ["villages"]


@admin.register(OnlinePost)
class OnlinePostAdmin(TownshipRecordAdmin):
    list_display = ["date", "channel", "title", "reads", "township", "deleted_at"]
    list_filter = ["township", "channel"]
    date_hierarchy = "date"


@admin.register(Venue)
class VenueAdmin(TownshipRecordAdmin):
    list_display = ["name", "village", "kind", "upgraded_on", "demonstration", "township", "deleted_at"]
    list_filter = ["township", "kind", "demonstration"]
    list_select_related = ("township", "village")


@admin.register(LegalInformant)
class LegalInformantAdmin(TownshipRecordAdmin):
    list_display = ["person", "village", "category", "status", "township", "deleted_at"]
    list_filter = ["township", "status", "category"]
    list_select_related = ("township", "person", "village")


@admin.register(OnsiteService)
class OnsiteServiceAdmin(TownshipRecordAdmin):
    list_display = ["date", "village", "provider_kind", "provider_name", "people_served", "township", "deleted_at"]
    list_filter = ["township", "provider_kind"]
    list_select_related = ("township", "village")
    date_hierarchy = "date"


@admin.register(DemocracyVillage)
class DemocracyVillageAdmin(TownshipRecordAdmin):
    list_display = ["village", "level", "named_in", "last_reviewed_in", "revoked_in", "township", "deleted_at"]
    list_filter = ["township", "level"]
    list_select_related = ("township", "village")
