"""Resolve the request's township and year once, lazily (pretix style: the tenant lives on the request), and
log every request as one structured line."""

import logging
import time

from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django.utils.functional import LazyObject, SimpleLazyObject, empty, lazy

from township import access
from township.numbers import FIRST_YEAR, LAST_YEAR, plain_int


def current_year(request) -> int:
    """`?year=` for this request (the links behind a report's figures carry it), else the user's year."""
    asked = plain_int(request.GET.get("year", ""), low=FIRST_YEAR, high=LAST_YEAR)
    if asked is not None:
        return asked
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


request_log = logging.getLogger("township.requests")


def already_loaded(value):
    """`value`, or None when it is a lazy object nobody has loaded (loading it for the log would cost queries)."""
    if isinstance(value, LazyObject) and value._wrapped is empty:
        return None
    return value


class RequestLogMiddleware:
    """One log line per request: user id, township code, method, path, status and duration in ms.

    No personal data: the user is the account's id, and of the query string (a search may hold a name or an
    ID number) only the parameter names are kept. The user and township are logged when the request loaded
    them; a page that never needed them (health, static files, public reports) logs them as null.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = already_loaded(getattr(request, "user", None))
        township = already_loaded(getattr(request, "township", None))
        try:
            query = sorted(request.GET.keys())
        except SuspiciousOperation:  # too many parameters: the request was answered 400 already
            query = None
        request_log.info(
            "request",
            extra={
                "user": user.pk if user is not None and user.is_authenticated else None,
                "township": getattr(township, "code", None),
                "method": request.method,
                "path": request.path,
                "query": query,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
