"""Pages of the reports app: the dashboard, the annual report (HTML, PDF, edit, finalize, publish)
and the public page of published reports.

Who may do what (township.access decides township visibility and admin rights):
- the township's admin, clerks and leaders read the report, drafts included; county viewers read the
  finalized revisions of their townships; village clerks do not read reports (they see one village);
- only the township's admin edits, finalizes and publishes (others get 403, another township 404);
- a finalized report is never edited: its edit pages answer 409 and point to a new revision;
- anyone reads published reports on /public/reports/, without logging in.
"""


from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from reports import deadlines, drafting, services, sources
from reports import stats as dashboard_stats
from reports.forms import ReportSettingsForm, SectionForm, TargetFormSet, describe_target
from reports.models import AnnualReport, ReportLocked, ReportSection
from reports.tasks import gather_county_reports
from township import access, areas, start, tasks
from township.ledger.history import stale_edit_message
from township.models import BackgroundTask, Role

READERS = {Role.ADMIN, Role.CLERK, Role.LEADER, Role.COUNTY}
FONT_ROLES = {"title": gettext_lazy("标题"), "body": gettext_lazy("正文"), "heading": gettext_lazy("一级标题"),
              "kai": gettext_lazy("二级标题")}
FONT_SOURCES = {
    "file": gettext_lazy("本镇上传的字体文件"),
    "system": gettext_lazy("服务器已安装"),
    "substitute": gettext_lazy("代用字体"),
    "missing": gettext_lazy("代用字体（服务器未安装，请安装）"),
}

DRAFT_READERS = {Role.ADMIN, Role.CLERK, Role.LEADER}  # the township's own people, before it is final


def check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise Http404(_("年度无效。"))


def reader_township(request):
    """The township whose reports the request reads: 404 if the user may not see it, 403 if the user's
    role does not read reports."""
    township = request.township  # access.township_for: the user's own, or ?township= for county viewers
    member = access.membership_of(request.user)
    if member is None or member.role not in READERS:
        raise PermissionDenied(_("您没有查看年度报告的权限。"))
    return township


def may_read_drafts(user, township) -> bool:
    member = access.membership_of(user)
    return member is not None and member.role in DRAFT_READERS and member.township_id == township.pk


def readable_revisions(user, township, year: int) -> list[AnnualReport]:
    """The revisions of the year the user may read, newest first."""
    queryset = access.scoped(user, township, AnnualReport).filter(year=year).select_related("township", "finalized_by")
    if not may_read_drafts(user, township):
        queryset = queryset.exclude(status=AnnualReport.Status.DRAFT)
    return list(queryset.order_by("-revision"))


def chosen_revision(request, revisions: list[AnnualReport]) -> AnnualReport | None:
    wanted = request.GET.get("revision")
    if not wanted:
        return revisions[0] if revisions else None
    for report in revisions:
        if str(report.revision) == wanted:
            return report
    raise Http404(_("没有找到该修订版。"))


def township_query(request, township) -> str:
    """County viewers keep ?township= in the links of a page."""
    member = access.membership_of(request.user)
    return f"?township={township.code}" if member and member.role == Role.COUNTY else ""


def pdf_response(data: bytes, filename: str, *, etag: str = "") -> HttpResponse:
    """The PDF shown in the browser (inline), saved under the report's own name."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    if etag:
        response["ETag"] = f'"{etag}"'
    return response


def refused(request, report: AnnualReport, township):
    """A finalized report is not edited: say so, and offer a new revision to admins."""
    context = {"report": report, "township_query": township_query(request, township),
               "is_admin": access.is_admin(request.user, township)}
    return render(request, "reports/locked.html", context, status=409)


# --- dashboard --------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    """The start page: the township's dashboard, the county's comparison, or a village clerk's ledgers."""
    member = access.membership_of(request.user)
    year, today = int(request.year), timezone.localdate()
    if member is None or member.role == Role.VILLAGE_CLERK:
        return village_start(request, member, year, today)
    if member.role == Role.COUNTY and not request.GET.get("township"):
        if access.is_province_viewer(request.user) and not request.GET.get("county"):
            return province(request)
        shown_county, townships = access.compared_townships(request.user, request.GET.get("county"))
        sort = dashboard_stats.county_sort(request.GET.get("sort", ""))
        county = services.county_body(townships, year, today, sort)
        context = {"year": year, "county": county, "sort": county["sort"], "county_view": True,
                   "shown_county": shown_county}
        return render(request, "reports/county_dashboard.html", context)
    township = request.township
    query = township_query(request, township)
    body = services.dashboard_body(township, year, today, query)
    return render(request, "reports/dashboard.html", {"year": year, "township": township, "body": body})


@login_required
@require_POST
def county_batch(request, year):
    """A county viewer's reports of the year, every township's, in one zip made by the task worker."""
    check_year(year)
    member = access.membership_of(request.user)
    if member is None or member.role != Role.COUNTY:
        raise PermissionDenied(_("只有县级查看人员可以汇总全县的年度报告。"))
    if member.county_id is None:  # the province viewer: a thousand townships' PDFs are not one download
        raise PermissionDenied(_("全省查看人员不能一次打包全省的年度报告，请由各县（区）打包。"))
    record = tasks.submit(gather_county_reports, kind=BackgroundTask.Kind.REPORT_BATCH, user=request.user,
                          year=year)
    return redirect("task", pk=record.pk)


def village_start(request, member, year: int, today):
    """A village clerk's start page: their village's open items and deadlines, and what they enter, with counts
    (only the ledgers their role reads: no petitions, 《信访工作条例》第三十条)."""
    if member is None:
        return render(request, "township/home.html", {"summaries": [], "year": year})
    found = start.summaries(request.user, request.township, areas.ledgers().values(), year, today, with_items=True)
    context = {
        "year": year, "village": member.village,
        "to_enter": [summary for summary in found if summary.can_add],
        "to_read": [summary for summary in found if not summary.can_add],
        "open_items": [summary for summary in found if summary.overdue or summary.due_soon or summary.pending],
    }
    return render(request, "township/home.html", context)


# --- the report ---------------------------------------------------------------------------------------


@login_required
def index(request):
    """The township's reports, year by year, every revision."""
    township = reader_township(request)
    queryset = access.scoped(request.user, township, AnnualReport).select_related("finalized_by")
    if not may_read_drafts(request.user, township):
        queryset = queryset.exclude(status=AnnualReport.Status.DRAFT)
    years: dict[int, list[AnnualReport]] = {}
    for report in queryset.defer("frozen_figures", "frozen_document").order_by("-year", "-revision"):
        years.setdefault(report.year, []).append(report)
    current = int(request.year)
    context = {
        "township": township,
        "years": sorted(years.items(), reverse=True),
        "current_year": current,
        "current_has_report": current in years,
        "is_admin": access.is_admin(request.user, township),
        "township_query": township_query(request, township),
    }
    return render(request, "reports/index.html", context)


@login_required
def report(request, year):
    check_year(year)
    township = reader_township(request)
    revisions = readable_revisions(request.user, township, year)
    chosen = chosen_revision(request, revisions)
    is_admin = access.is_admin(request.user, township)
    context = {
        "township": township, "year": year, "revisions": revisions, "is_admin": is_admin,
        "township_query": township_query(request, township),
    }
    if chosen is None:
        if not may_read_drafts(request.user, township):
            return render(request, "reports/report.html", {**context, "not_final": True})
        chosen = services.preview(township, year)
    sections = services.sections_of(chosen) if chosen.is_draft else []
    if chosen.is_draft:
        doc, problems = services.live_document_and_problems(chosen, sections)
    else:
        doc, problems = chosen.frozen_document, drafting.unfinished_in_document(chosen.frozen_document or {})
    is_latest = chosen.pk is None or chosen == revisions[0]
    steps = deadlines.progress(
        year, timezone.localdate(),
        finalized=min((r.finalized_at for r in revisions if r.finalized_at), default=None),
        submitted=min((r.submitted_at for r in revisions if r.submitted_at), default=None),
        published=min((r.published_at for r in revisions if r.published_at), default=None),
    )
    context.update(
        report=chosen,
        is_preview=chosen.pk is None,
        sections=sections,
        doc=doc,
        problems=problems,
        problem_sections={problem.section_id for problem in problems},
        can_edit=is_admin and chosen.pk is not None and chosen.is_draft,
        is_latest=is_latest,
        can_submit=is_admin and is_latest and not chosen.is_draft and not any(r.submitted_at for r in revisions),
        steps=dashboard_stats.step_rows(steps),
        fonts=[{**font, "role_label": FONT_ROLES.get(font["role"], font["role"]),
                "source_label": FONT_SOURCES.get(font["source"], "")} for font in services.fonts_in_use(chosen)],
        query_revision=revision_query(request, township, chosen),
    )
    return render(request, "reports/report.html", context)


def revision_query(request, township, report: AnnualReport) -> str:
    """?township=…&revision=… of a report's downloads (a preview has no revision)."""
    parts = [township_query(request, township).lstrip("?")]
    if report.pk is not None:
        parts.append(f"revision={report.revision}")
    query = "&".join(part for part in parts if part)
    return f"?{query}" if query else ""


def readable_report(request, year) -> AnnualReport:
    """The revision a download asks for (?revision=), the latest by default, or the preview of a year
    without a draft (drafts and previews only for the township's own readers)."""
    check_year(year)
    township = reader_township(request)
    chosen = chosen_revision(request, readable_revisions(request.user, township, year))
    if chosen is None:
        if not may_read_drafts(request.user, township):
            raise Http404(_("该镇本年度报告尚未定稿。"))
        chosen = services.preview(township, year)
    return chosen


@login_required
def report_pdf(request, year):
    chosen = readable_report(request, year)
    return pdf_response(services.pdf_bytes(chosen), chosen.download_name, etag=chosen.pdf_sha256)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def report_docx(request, year):
    """The report as a Word file, downloaded (offices amend it in Word/WPS); frozen with a final report."""
    chosen = readable_report(request, year)
    response = HttpResponse(services.docx_bytes(chosen), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, chosen.docx_download_name)
    if chosen.docx_sha256:
        response["ETag"] = f'"{chosen.docx_sha256}"'
    return response


@login_required
@require_POST
def new_draft(request, year):
    """Draft the year's report, or start a new revision of a finalized one (the old one is kept)."""
    check_year(year)
    township = request.township
    access.require_admin(request.user, township)
    try:
        created = services.create_draft(township=township, year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已创建第%(revision)s版草稿。") % {"revision": created.revision})
    return redirect("reports:report", year=year)


def editable_report(request, year) -> tuple[object, AnnualReport | None]:
    """The township (admin only, else 403/404) and its latest revision of the year (None: not drafted)."""
    check_year(year)
    township = request.township
    access.require_admin(request.user, township)
    latest = access.scoped(request.user, township, AnnualReport).filter(year=year).order_by("-revision").first()
    if latest is None:
        raise Http404(_("本年度还没有报告草稿，请先在报告页面点击“起草报告”。"))
    return township, latest


def stale(form, current) -> bool:
    """Two editors of one subsection: the second save is refused, saying what the first changed."""
    if form.cleaned_data["version"] != current.version:
        form.add_error(None, stale_edit_message(current, form.cleaned_data["version"]))
        return True
    return False


@login_required
def edit_settings(request, year):
    township, latest = editable_report(request, year)
    if not latest.is_draft:
        return refused(request, latest, township)
    form = ReportSettingsForm(request.POST or None, instance=latest, township=township, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = AnnualReport.objects.select_for_update().get(pk=latest.pk)
            if not current.is_draft:
                return refused(request, current, township)
            if not stale(form, current):
                form.instance.version = current.version + 1
                form.save()
                messages.success(request, _("已保存报告设置。"))
                return redirect("reports:report", year=year)
    return render(request, "reports/settings_form.html", {"form": form, "report": latest, "year": year},
                  status=409 if form.errors.get("__all__") else 200)


@login_required
def edit_section(request, year, pk):
    township, latest = editable_report(request, year)
    section = access.get_visible(request.user, township, ReportSection, pk)
    if section.report_id != latest.pk:
        report = AnnualReport.objects.get(pk=section.report_id)
        if report.year != year:
            raise Http404
        return refused(request, report, township)
    if not latest.is_draft:
        return refused(request, latest, township)
    with translation.override(settings.LANGUAGE_CODE):  # the report's own language, whatever the interface's
        figures_by_app = sources.figures_by_app(township, year)
        figures = drafting.merged(figures_by_app)
        drafted = ""
        if section.part == ReportSection.Part.ACHIEVEMENTS and section.topic:
            drafted = drafting.drafted_prose(section.topic, figures_by_app, year)
    data = request.POST or None
    form = SectionForm(data, instance=section, township=township, user=request.user, figures=figures, drafted=drafted)
    formset = None
    if section.part == ReportSection.Part.SUGGESTIONS:
        formset = TargetFormSet(data, instance=section, prefix="targets", form_kwargs={"figures": figures})
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        with transaction.atomic():
            if not AnnualReport.objects.select_for_update().get(pk=latest.pk).is_draft:  # finalized meanwhile
                return refused(request, latest, township)
            current = ReportSection.objects.select_for_update().get(pk=section.pk)
            if not stale(form, current):
                form.instance.version = current.version + 1
                form.save()
                if formset is not None:
                    save_targets(formset, section, year + 1)
                messages.success(request, _("已保存“%(heading)s”。") % {"heading": section.heading})
                return redirect(reverse("reports:report", args=[year]) + f"#section-{section.pk}")
    context = {
        "form": form, "formset": formset, "section": section, "report": latest, "year": year,
        "figure_groups": figure_chips(figures_by_app), "drafted": drafted,

        "areas_without_stats": [area.label for area in areas.areas() if area.stats and area.code not in figures_by_app],
    }
    return render(request, "reports/section_form.html", context, status=409 if form.errors.get("__all__") else 200)


def figure_chips(figures_by_app) -> list[dict]:
    """The year's figures as the editor offers them: labelled chips per area ("排查矛盾纠纷 111件") that
    insert their placeholder, with what the placeholder prints, exact and in the "at least" form."""
    with translation.override(settings.LANGUAGE_CODE):
        groups = []
        for area in areas.areas():
            figures = figures_by_app.get(area.code) or {}
            chips = [
                {"placeholder": f"{{{key}}}", "label": figure.label, "printed": dashboard_stats.printed(figure),
                 "at_least": drafting.figure_text(figure, rounded=True, at_least=True),
                 "definition": figure.definition}
                for key, figure in figures.items()
            ]
            if chips:
                groups.append({"label": area.label, "chips": chips})
    return groups


def save_targets(formset, section, year: int) -> None:
    for target in formset.save(commit=False):
        target.township = section.township
        target.year = year
        target.source_section = section
        describe_target(target, formset.form_kwargs["figures"])
        target.save()
    for target in formset.deleted_objects:
        target.delete()


@login_required
@require_POST
def finalize(request, year):
    township, latest = editable_report(request, year)
    if not latest.is_draft:
        return refused(request, latest, township)
    try:
        services.finalize(report=latest, user=request.user)
    except ReportLocked:
        return refused(request, latest, township)
    except services.ReportUnfinished as exc:
        messages.error(request, exc.intro + "；".join(f"{p.heading}：{p.reason}" for p in exc.problems))
        return redirect("reports:report", year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report", year=year)
    messages.success(request, _("报告已定稿：文本、数据和 PDF 已冻结，之后台账的变化不会再改变它。"))
    return redirect("reports:report", year=year)


@login_required
@require_POST
def publish(request, year):
    township, latest = editable_report(request, year)
    try:
        published = services.publish(report=latest)
    except services.ReportUnfinished as exc:
        messages.error(request, exc.intro + "；".join(f"{p.heading}：{p.reason}" for p in exc.problems))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("已公开第%(revision)s版，任何人都可在“公开的报告”页面查看。") % {"revision": published.revision}
        )
    return redirect("reports:report", year=year)


@login_required
@require_POST
def submit(request, year):
    """Record that the finalized report went to the county (by settings.REPORT_SUBMIT_DUE)."""
    township, latest = editable_report(request, year)
    try:
        services.submit(report=latest, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已记录报送县级。"))
    return redirect("reports:report", year=year)


# --- public -----------------------------------------------------------------------------------------------


def public_index(request):
    return render(request, "reports/public_index.html", {"reports": services.published_reports()})


def public_report_or_404(township, year) -> AnnualReport:
    check_year(year)
    found = services.published_report(township, year)
    if found is None:
        raise Http404(_("没有找到已公开的报告。"))
    return found


def public_report(request, township, year):
    found = public_report_or_404(township, year)
    return render(request, "reports/public_report.html", {"report": found, "doc": found.frozen_document})


def public_pdf(request, township, year):
    found = public_report_or_404(township, year)
    return pdf_response(services.pdf_bytes(found), found.download_name, etag=found.pdf_sha256)



# --- the province ---------------------------------------------------------------------------------------


@login_required
def province(request):
    """The province viewer's rollup: each county's totals of the year, each county linking to its townships'
    comparison (?county=). Anybody else: 404."""
    if not access.is_province_viewer(request.user):
        raise Http404
    year, today = int(request.year), timezone.localdate()
    rollup = dashboard_stats.province_rollup(access.visible_townships(request.user), year, today)
    return render(request, "reports/province_rollup.html", {"year": year, "rollup": rollup, "county_view": True})
