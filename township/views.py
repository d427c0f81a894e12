"""Pages of the core: the villages and people ledgers, the year picker, the township switcher, health, the
error pages and the login page."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from township import access, areas, start
from township.filters import PersonFilter, VillageFilter
from township.forms import MemberForm, PersonForm, TownshipSwitchForm, VillageForm, YearForm
from township.ledger import Ledger
from township.models import Membership, Person, Role, Township, Village
from township.resources import PersonResource, VillageResource


class VillageLedger(Ledger):
    slug = "villages"
    writers = frozenset({Role.ADMIN})  # villages and the roster are kept by the rule-of-law office
    model = Village
    form_class = VillageForm
    filterset_class = VillageFilter
    resource_class = VillageResource
    columns = ["name", "kind", "group_count", "grid_count", "households", "population"]
    search_fields = ["name", "note"]
    sort_fields = ["name", "group_count", "grid_count", "households", "population"]

    @classmethod
    def totals(cls, queryset):
        from django.db.models import Count, Sum

        sums = queryset.aggregate(
            count=Count("id"), groups=Sum("group_count"), grids=Sum("grid_count"),
            households=Sum("households"), population=Sum("population"),
        )
        return [
            (_("村（社区）"), sums["count"]),
            (_("村民小组"), sums["groups"] or 0),
            (_("网格"), sums["grids"] or 0),
            (_("户数"), sums["households"] or 0),
            (_("人口"), sums["population"] or 0),
        ]


class PersonLedger(Ledger):
    slug = "people"
    # Officials' and village cadres' work phones are the township's own staff's to see; a village clerk
    # and a county viewer see them masked (docs/personal-data.md).
    personal_shown_to = frozenset({Role.ADMIN, Role.CLERK, Role.LEADER})
    model = Person
    form_class = PersonForm
    filterset_class = PersonFilter
    resource_class = PersonResource
    columns = ["name", "gender", "unit", "position", "kind", "political_status", "legal_background", "village", "active"]
    search_fields = ["name", "unit", "position", "phone"]
    sort_fields = ["name", "unit", "kind"]
    select_related = ("village",)
    writers = frozenset({Role.ADMIN})


# who reads the annual report (reports.views.READERS; township names no other app)
REPORT_READERS = {Role.ADMIN, Role.CLERK, Role.LEADER, Role.COUNTY}


def _safe_next(request, fallback="home"):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def choose_year(request):
    """The year sticks per user: ledgers, dashboards and reports all follow it."""
    form = YearForm(request.POST)
    member = access.membership_of(request.user)
    if not form.is_valid() or member is None:
        return HttpResponse(_("年度无效。"), status=400)
    member.year = form.cleaned_data["year"]
    member.save(update_fields=["year"])
    return _safe_next(request)


@login_required
@require_POST
def choose_township(request):
    """County viewers pick the township they look at."""
    form = TownshipSwitchForm(request.POST)
    member = access.membership_of(request.user)
    if not form.is_valid() or member is None or member.role != Role.COUNTY:
        raise Http404
    code = form.cleaned_data["township"]
    if not code:  # 全县: the county's comparison, the start page
        return redirect("home")
    member.current_township = access.township_for(request.user, code)
    member.save(update_fields=["current_township"])
    if request.POST.get("next") == reverse("home"):  # from the county's start page: that township's dashboard
        return redirect(f"{reverse('home')}?township={member.current_township.code}")
    return _safe_next(request)


@login_required
def area_index(request, area):
    """An area's landing page: its ledgers the user reads with the year's counts, or, while it has none, where
its part of the report is written by hand."""
    area = areas.area(area)
    if not access.can_view_area(request.user, area):
        raise Http404
    year = int(request.year)
    context = {
        "area": area, "year": year,
        "summaries": start.summaries(request.user, request.township, area.ledgers, year, timezone.localdate()),
        # a subsection of the report the area drafts: written by hand (人工撰写) while its ledgers are not kept here
        "sections": sorted(area.report_sections, key=lambda section: section.position),
        "reads_reports": access.role_of(request.user) in REPORT_READERS,
    }
    return render(request, "township/area_index.html", context)


@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})



@login_required
def members(request):
    """The township's users and their roles, for the rule-of-law office admin."""
    access.require_admin(request.user, request.township)
    memberships = (
        Membership.objects.filter(township=request.township)
        .select_related("user", "village")
        .order_by("role", "user__username")
    )
    return render(request, "township/members.html", {"memberships": memberships})


@login_required
def member_edit(request, pk=None):
    access.require_admin(request.user, request.township)
    user = None
    initial = {"is_active": True}
    if pk is not None:
        membership = get_object_or_404(Membership.objects.select_related("user"), user_id=pk, township=request.township)
        user = membership.user
        initial = {
            "username": user.username, "full_name": user.first_name, "role": membership.role,
            "village": membership.village_id, "areas": membership.areas, "is_active": user.is_active,
        }
    form = MemberForm(request.POST or None, township=request.township, user=user, initial=initial)
    if request.method == "POST":
        if user is not None and user.pk == request.user.pk and (
            request.POST.get("role") != Role.ADMIN or not request.POST.get("is_active")
        ):
            form.add_error(None, _("不能取消自己的管理员角色或停用自己的账号。"))
        elif form.is_valid():
            saved = form.save()
            messages.success(request, _("已保存用户“%(name)s”。") % {"name": saved.username})
            return redirect("members")
        return render(request, "township/member_form.html", {"form": form, "edited": user}, status=400)
    return render(request, "township/member_form.html", {"form": form, "edited": user})


# --- error pages and the login page ------------------------------------------------------------------------

# Django's own messages name internal things (Resolver404's dict, "Http404", "No Dispute matches the given
# query."): an error page shows only the plain message a view of the portal gave.
INTERNAL_MESSAGE = re.compile(r"^(Http404|Resolver404|PermissionDenied|No .* matches the given query\.?)$|^\{")


def plain_message(exception) -> str:
    message = exception.args[0] if exception is not None and exception.args else ""
    if not isinstance(message, str) or type(exception).__name__ == "Resolver404" or INTERNAL_MESSAGE.match(message):
        return ""
    return message


def page_not_found(request, exception=None):
    return render(request, "404.html", {"message": plain_message(exception)}, status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"message": plain_message(exception)}, status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)  # its reasons (a bad Host header …) are the server's business


class PortalLoginView(auth_views.LoginView):
    """Django's login page, saying which portal it is and how many failed attempts lock an account."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        townships = list(Township.objects.order_by("id")[:2])
        context.update(
            portal_of=townships[0].name if len(townships) == 1 else "",
            failure_limit=settings.AXES_FAILURE_LIMIT,
            lockout_hours=settings.AXES_COOLOFF_TIME,
        )
        return context
