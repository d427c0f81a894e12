"""What every page's frame shows: the user's role, the year, the township switcher, the areas."""

from django.http import Http404
from django.utils import timezone

from township import access, areas


def portal(request):
    member = access.membership_of(request.user)
    if member is None:
        return {"member": None}
    this_year = timezone.localdate().year
    current_year = int(request.year)
    # the chosen year is always a choice, or the picker would show another year than the pages
    year_choices = sorted({*range(this_year - 6, this_year + 2), current_year}, reverse=True)
    try:
        township = request.township
        township.pk  # noqa: B018 - evaluates the lazy township
    except Http404:
        township = None
    return {
        "member": member,
        "current_year": current_year,
        "year_choices": year_choices,
        "switch_townships": access.switchable_townships(request.user, township),
        "current_township": township,
        "is_township_admin": township is not None and access.is_admin(request.user, township),
        "nav_areas": [area for area in areas.areas() if access.can_view_area(request.user, area)],
    }
