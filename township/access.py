"""Who may see and change what: the one place that decides access.

Every view gets its township, its querysets and its objects through these functions:
- a record of a township the user may not see answers 404 (no information leaks);
- a record the user may see but not change answers 403;
- leaders and county viewers never change anything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from township.models import Area, Membership, Role, Township

WRITE_ROLES = {Role.ADMIN, Role.CLERK, Role.VILLAGE_CLERK}
VILLAGE_CLERK_AREAS = {Area.CORE, Area.DISPUTES, Area.OUTREACH}


def membership_of(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def visible_townships(user) -> QuerySet[Township]:
    member = membership_of(user)
    if member is None:
        return Township.objects.none()
    if member.role == Role.COUNTY:
        return Township.objects.filter(county_id=member.county_id).select_related("county")
    return Township.objects.filter(pk=member.township_id).select_related("county")


def township_for(user, code: str | None = None) -> Township:
    """The township a request works in: the user's own, or the chosen one for county viewers."""
    member = membership_of(user)
    if member is None:
        raise Http404(_("没有可访问的乡镇。"))
    townships = visible_townships(user)
    if code:
        try:
            return townships.get(code=code)
        except Township.DoesNotExist:
            raise Http404(_("没有找到该乡镇。")) from None
    if member.role == Role.COUNTY:
        chosen = member.current_township_id and townships.filter(pk=member.current_township_id).first()
        chosen = chosen or townships.first()
        if chosen is None:
            raise Http404(_("本县还没有乡镇。"))
        return chosen
    return member.township


def can_view_area(user, area: str) -> bool:
    member = membership_of(user)
    if member is None:
        return False
    if member.role == Role.VILLAGE_CLERK:
        return area in VILLAGE_CLERK_AREAS
    return True


def scoped(user, township: Township, model: type[Model], manager: str = "objects") -> QuerySet:
    """The records of `model` in `township` that `user` may see."""
    if not visible_townships(user).filter(pk=township.pk).exists():
        raise Http404
    queryset = getattr(model, manager).filter(township=township)
    member = membership_of(user)
    if not can_view_area(user, model.area):
        return queryset.none()
    if member.role == Role.VILLAGE_CLERK:
        if not model.village_field:
            return queryset.none()
        return queryset.filter(**{model.village_field: member.village_id})
    return queryset


def get_visible(user, township: Township, model: type[Model], pk, manager: str = "objects") -> Model:
    """One record the user may see, or 404."""
    try:
        return scoped(user, township, model, manager).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_change(user, township: Township, model: type[Model], record: Model | None = None) -> bool:
    """May the user add (record None) or change this kind of record in this township?"""
    member = membership_of(user)
    if member is None or member.role not in WRITE_ROLES or member.township_id != township.pk:
        return False
    if member.role == Role.ADMIN:
        return True
    if model.area == Area.CORE:
        return False  # villages and the roster are kept by the rule-of-law office
    if member.role == Role.CLERK:
        return model.area in (member.areas or [])
    # village clerk: only the record types a village enters, only their own village
    if not model.village_clerk_may_enter:
        return False
    return record is None or record.village_id_for_access() == member.village_id


def require_change(user, township: Township, model: type[Model], record: Model | None = None) -> None:
    if not can_change(user, township, model, record):
        raise PermissionDenied(_("您没有修改此记录的权限。"))


def is_admin(user, township: Township) -> bool:
    member = membership_of(user)
    return member is not None and member.role == Role.ADMIN and member.township_id == township.pk


def require_admin(user, township: Township) -> None:
    if not is_admin(user, township):
        raise PermissionDenied(_("只有本镇法治办管理员可以进行此操作。"))


def may_reveal_personal_data(user, township: Township, record: Model) -> bool:
    """Admins, and the clerk who entered the record, may see unmasked ID numbers and phones."""
    if is_admin(user, township):
        return True
    first = record.history.filter(history_type="+").only("history_user_id").first()
    return can_change(user, township, type(record), record) and first is not None and first.history_user_id == user.pk
