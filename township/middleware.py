"""Resolve the request's township and year once, lazily (pretix style: the tenant lives on the request)."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject, lazy

from township import access


def current_year(request) -> int:
    """`?year=` for this request (the links behind a report's figures carry it), else the user's year."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2000 <= int(asked) <= 2100:
        return int(asked)
    member = access.membership_of(request.user)
    if member is not None and member.year:
        return member.year
    return timezone.localdate().year


class TownshipMiddleware:
    """Puts `request.year` and `request.township` (the user's, or `?township=` for county viewers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.year = lazy(lambda: current_year(request), int)()
        request.township = SimpleLazyObject(lambda: access.township_for(request.user, request.GET.get("township")))
        return self.get_response(request)
