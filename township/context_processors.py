"""What every page's frame shows: the user's role, the year, the township switcher, the areas."""

from django.http import Http404
from django.utils import timezone

from township import access
from township.models import Role


def portal(request):
    member = access.membership_of(request.user)
    if member is None:
        return {"member": None}
    this_year = timezone.localdate().year
    try:
        township = request.township
        township.pk  # noqa: B018 - evaluates the lazy township
    except Http404:
        township = None
    return {
        "member": member,
        "current_year": int(request.year),
        "year_choices": list(range(this_year + 1, this_year - 7, -1)),
        "switch_townships": access.visible_townships(request.user) if member.role == Role.COUNTY else [],
        "current_township": township,
        "is_township_admin": township is not None and access.is_admin(request.user, township),
    }
