"""Django admin for the core: townships, users' roles, the working-day table, the personal-data log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from township.models import CalendarDay, County, Membership, Person, PersonalDataLog, Township, Village


class ReadOnlyAdmin:
    """For records that change only through the portal's own pages (or never): the admin only reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    fk_name = "user"


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "township", "deleted_at"]
    list_filter = ["township", "kind"]

    def get_queryset(self, request):
        return Village.all_objects.select_related("township")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "position", "kind", "township", "deleted_at"]
    list_filter = ["township", "kind"]
    search_fields = ["name", "unit"]

    def get_queryset(self, request):
        return Person.all_objects.select_related("township")


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_workday", "note"]
    date_hierarchy = "date"


@admin.register(PersonalDataLog)
class PersonalDataLogAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "user", "township", "action", "ledger", "object_id", "detail"]
    list_filter = ["action", "ledger", "township"]


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]
