"""Django admin for the disputes records: read and restore; day-to-day entry is in the ledgers."""

from django.contrib import admin

from disputes.models import Consultation, Dispute, LegalAdviser, MediationCommittee, Mediator, Petition
from township.ledger.admin import TownshipRecordAdmin


@admin.register(Dispute)
class DisputeAdmin(TownshipRecordAdmin):
    list_display = ["number", "registered_on", "category", "village", "status", "closed_on", "township", "deleted_at"]
    list_filter = ["township", "status", "category", "source"]
    list_select_related = ("township", "village")
    search_fields = ["number", "party_name", "summary"]
    date_hierarchy = "registered_on"
    filter_horizontal = ["mediators"]


@admin.register(Petition)
class PetitionAdmin(TownshipRecordAdmin):
    list_display = ["number", "received_on", "channel", "category", "acceptance", "accepted_on", "closed_on",
                    "township", "deleted_at"]
    list_filter = ["township", "channel", "category", "acceptance", "satisfaction"]
    list_select_related = ("township", "village")
    search_fields = ["number", "petitioner_name", "content"]
    date_hierarchy = "received_on"


@admin.register(Mediator)
class MediatorAdmin(TownshipRecordAdmin):
    list_display = ["person", "level", "kind", "village", "active", "township", "deleted_at"]
    list_filter = ["township", "level", "kind"]
    list_select_related = ("township", "person", "village")


@admin.register(MediationCommittee)
class MediationCommitteeAdmin(TownshipRecordAdmin):
    list_display = ["name", "village", "director", "township", "deleted_at"]
    list_select_related = ("township", "village", "director__person")
    filter_horizontal = ["members"]


@admin.register(LegalAdviser)
class LegalAdviserAdmin(TownshipRecordAdmin):
    list_display = ["name", "law_firm", "contract_start", "contract_end", "township", "deleted_at"]
    list_filter = ["township"]
    filter_horizontal = ["villages"]


@admin.register(Consultation)
class ConsultationAdmin(TownshipRecordAdmin):
    list_display = ["date", "village", "adviser", "topic", "people_served", "township", "deleted_at"]
    list_filter = ["township"]
    list_select_related = ("township", "village", "adviser")
    date_hierarchy = "date"
