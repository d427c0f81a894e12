"""Django admin for the governance records: read and restore; day-to-day entry is in the ledgers."""

from django.contrib import admin

from governance.models import Certificate
from township.ledger.admin import TownshipRecordAdmin


@admin.register(Certificate)
class CertificateAdmin(TownshipRecordAdmin):
    list_display = ["number", "holder", "category", "issued_on", "valid_until", "status", "township", "deleted_at"]
    list_filter = ["township", "status"]
    list_select_related = ("township", "holder")
    search_fields = ["number", "holder__name"]
