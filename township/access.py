"""Who may see and change what: the one place that decides access.

Every view gets its township, its querysets and its objects through these functions:
- a township the user may not see, a ledger their role does not read, or a record outside their
  scope answers 404 (no information leaks);
- a record the user may see but not change answers 403;
- leaders and county viewers never change anything.

What each ledger allows is declared on the ledger (township.ledger.Ledger: readers, writers,
personal_shown_to) and found through the area registry; records that no ledger shows (the annual
report's) are read by the township's people and changed by its admin only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from township.models import BackgroundTask, County, Membership, Role, Township

ALL_ROLES = frozenset(Role.values)


class DefaultPolicy:
    """For records no ledger shows: everyone of the township reads, its admin changes."""

    readers = ALL_ROLES
    writers = frozenset({Role.ADMIN})
    personal_shown_to = frozenset()
    area = ""


def policy(model: type[Model]):
    from township.areas import ledger_for_model

    return ledger_for_model(model) or DefaultPolicy


def membership_of(user) -> Membership | None:
    """The user's membership, read once a request with the township every page works in (the county and the
    village, which few roles have, are read when asked for: each join costs every request its compiling)."""
    if not user.is_authenticated:
        return None
    relation = Membership._meta.get_field("user").remote_field  # user.membership, as Django caches it on the user
    if not relation.is_cached(user):
        member = Membership.objects.select_related("township").filter(user_id=user.pk).first()
        if member is not None:
            Membership.user.field.set_cached_value(member, user)
        relation.set_cached_value(user, member)
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user) -> str | None:
    member = membership_of(user)
    return member.role if member is not None else None


def is_province_viewer(user) -> bool:
    """A county viewer whose account names no county reads every county's townships: the province's."""
    member = membership_of(user)
    return member is not None and member.role == Role.COUNTY and member.county_id is None


def visible_townships(user) -> QuerySet[Township]:
    member = membership_of(user)
    if member is None:
        return Township.objects.none()
    if member.role == Role.COUNTY:
        if member.county_id is None:  # the province viewer
            return Township.objects.select_related("county")
        return Township.objects.filter(county_id=member.county_id).select_related("county")
    return Township.objects.filter(pk=member.township_id).select_related("county")


def visible_counties(user) -> QuerySet[County]:
    """The counties whose townships the user compares: every one for the province viewer, a county viewer's
    own, none for anybody else."""
    member = membership_of(user)
    if member is None or member.role != Role.COUNTY:
        return County.objects.none()
    if member.county_id is None:
        return County.objects.all()
    return County.objects.filter(pk=member.county_id)


def compared_townships(user, county_code: str | None = None) -> tuple[County | None, QuerySet[Township]]:
    """The townships a county's comparison shows: those of ``?county=`` (a county the user may see, else 404)
    or, without it, all the user sees. Returns the county named (None without one) and the townships."""
    if not county_code:
        return None, visible_townships(user)
    county = visible_counties(user).filter(code=county_code).first()
    if county is None:
        raise Http404(_("没有找到该县（区）。"))
    return county, visible_townships(user).filter(county=county)


def switchable_townships(user, current: Township | None) -> QuerySet[Township] | list:
    """The townships the frame's switcher offers: a county viewer's county; the province viewer's, those of the
    county of the township in view (not a thousand options on every page)."""
    member = membership_of(user)
    if member is None or member.role != Role.COUNTY:
        return []
    if member.county_id is None:
        return visible_townships(user).filter(county_id=current.county_id) if current is not None else []
    return visible_townships(user)


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


def can_read(user, ledger) -> bool:
    """Does the user's role read this ledger (or these records) at all?"""
    role = role_of(user)
    return role is not None and role in ledger.readers


def can_view_area(user, area) -> bool:
    """An area is shown to a role that reads one of its ledgers (an area without ledgers yet: as it declares)."""
    if not area.ledgers:
        return role_of(user) in area.shown_without_ledgers
    return any(can_read(user, ledger) for ledger in area.ledgers)


def scoped(user, township: Township, model: type[Model], manager: str = "objects") -> QuerySet:
    """The records of `model` in `township` that `user` may see."""
    if not visible_townships(user).filter(pk=township.pk).exists():
        raise Http404
    queryset = getattr(model, manager).filter(township=township)
    if not can_read(user, policy(model)):
        return queryset.none()
    member = membership_of(user)
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
    rules = policy(model)
    if member is None or member.township_id != township.pk or member.role not in rules.writers:
        return False
    if member.role == Role.ADMIN:
        return True
    if member.role == Role.CLERK:
        return bool(rules.area) and rules.area in (member.areas or [])
    if member.role == Role.VILLAGE_CLERK:
        return record is None or (bool(model.village_field) and record.village_id_for_access() == member.village_id)
    return False


def require_change(user, township: Township, model: type[Model], record: Model | None = None) -> None:
    if not can_change(user, township, model, record):
        raise PermissionDenied(_("您没有修改此记录的权限。"))


def is_admin(user, township: Township) -> bool:
    member = membership_of(user)
    return member is not None and member.role == Role.ADMIN and member.township_id == township.pk


def require_admin(user, township: Township) -> None:
    if not is_admin(user, township):
        raise PermissionDenied(_("只有本镇法治办管理员可以进行此操作。"))


PERMISSIONS = ("view", "change", "admin", "reveal")


def require(user, township: Township, ledger, permission: str) -> None:
    """What a ledger page declares it needs (township.ledger.views): view — the role reads the ledger
    (else 404); change — it may enter records (else 403); admin — the township's admin (else 403);
    reveal — reads the ledger (whether this record may be revealed is decided on the record)."""
    if permission not in PERMISSIONS:
        raise ValueError(permission)
    if not visible_townships(user).filter(pk=township.pk).exists() or not can_read(user, ledger):
        raise Http404
    if permission == "change":
        require_change(user, township, ledger.model)
    elif permission == "admin":
        require_admin(user, township)


def shows_personal(user, township: Township, model: type[Model]) -> bool:
    """Does the user see the model's personal fields in full without revealing them?"""
    member = membership_of(user)
    return (member is not None and member.township_id == township.pk
            and member.role in policy(model).personal_shown_to)


def may_reveal_personal_data(user, township: Township, record: Model) -> bool:
    """Admins, and the clerk who entered the record, may see unmasked ID numbers and phones."""
    if is_admin(user, township) or shows_personal(user, township, type(record)):
        return True
    first = record.history.filter(history_type="+").only("history_user_id").first()
    return can_change(user, township, type(record), record) and first is not None and first.history_user_id == user.pk


def get_task(user, township: Township | None, pk, **filters):
    """A background task (township.tasks) of this user, in this township when it belongs to one; any other
    user's or township's task answers 404, as a record would."""
    task = BackgroundTask.objects.filter(pk=pk, user_id=user.pk, **filters).select_related("township").first()
    if task is None or (task.township_id is not None and task.township_id != getattr(township, "pk", None)):
        raise Http404(_("没有找到该任务。"))
    return task
