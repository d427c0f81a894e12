"""Django admin for reports: read the revisions and their history; keep targets set outside a report."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import AnnualReport, Target
from township.admin import ReadOnlyAdmin


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Reports change only through the portal's pages (drafting, finalizing, publishing)."""

    list_display = ["township", "year", "revision", "status", "finalized_at", "published_at"]
    list_filter = ["township", "year", "status"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["township", "year", "label", "comparison", "value", "unit", "source_section"]
    list_filter = ["township", "year"]
    raw_id_fields = ["source_section"]
