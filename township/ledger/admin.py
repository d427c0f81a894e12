"""The Django admin's base for ledger records: read and restore there; day-to-day entry is in the ledgers."""

from simple_history.admin import SimpleHistoryAdmin


class TownshipRecordAdmin(SimpleHistoryAdmin):
    """Deleted records included (admins restore them); related names fetched in the same query."""

    list_select_related = ("township",)

    def get_queryset(self, request):
        return self.model.all_objects.select_related(*self.list_select_related)
