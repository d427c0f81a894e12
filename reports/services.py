"""What happens to a report: found, drafted, rendered, finalized, published, revised.

Views and the render_report command call these; they do not re-implement them.
"""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports import deadlines, drafting, sources
from reports import fonts as report_fonts
from reports import stats as dashboard_stats
from reports.docx import render_docx
from reports.models import AnnualReport, ReportLocked, ReportSection, Target
from reports.pdf import DEFAULT_BASE_URL, PRINT_CSS_URL, render_pdf
from township import cache
from township.cache import cached_here
from township.models import County, Membership, Township


def revisions(township: Township, year: int) -> list[AnnualReport]:
    """Every revision of a township's report for a year, newest first."""
    return list(AnnualReport.objects.filter(township=township, year=year).select_related("township", "finalized_by"))


def sections_of(report: AnnualReport) -> list[ReportSection]:
    """The subsections of a saved report, or the default ones of an unsaved preview."""
    if report.pk is None:
        return drafting.new_report(report.township, report.year, report.revision)[1]
    return list(report.sections.all())


def preview(township: Township, year: int) -> AnnualReport:
    """What the report would be if drafted now: shown for a year that has no draft yet, never saved."""
    return drafting.new_report(township, year)[0]


def in_report_language(function):
    """The report is a Chinese official document whatever language the person's interface is in: its
    drafted text, figure labels and units are produced in Chinese, and so frozen at finalizing."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


@in_report_language
def live_document(report: AnnualReport, sections: list[ReportSection] | None = None) -> dict:
    """The report's text with today's figures (a draft, or a preview)."""
    figures_by_app = sources.figures_by_app(report.township, report.year)
    return drafting.build_document(report, sections if sections is not None else sections_of(report), figures_by_app)


@in_report_language
def live_document_and_problems(report: AnnualReport, sections: list[ReportSection]) -> tuple[dict, list]:
    """A draft's text with today's figures, and what keeps it from being finalized (one read of the figures)."""
    figures_by_app = sources.figures_by_app(report.township, report.year)
    doc = drafting.build_document(report, sections, figures_by_app)
    return doc, drafting.unfinished_sections(sections, figures_by_app, report.year)


def document(report: AnnualReport) -> dict:
    """What the report says: frozen once finalized, live before."""
    if report.frozen_document is not None:
        return report.frozen_document
    return live_document(report)


class ReportUnfinished(ValidationError):
    """Finalizing or publishing refused: the subsections that are not finished, each with what to do."""

    def __init__(self, problems: list[drafting.Unfinished], intro: str):
        self.problems = problems
        self.intro = intro
        super().__init__([intro, *(f"{problem.heading}：{problem.reason}" for problem in problems)])


@in_report_language
def render_pdf_with(doc: dict, fonts: list[report_fonts.Resolved]) -> bytes:
    context = {"doc": doc, "print_css_url": PRINT_CSS_URL, "font_css": report_fonts.font_css(fonts)}
    html = render_to_string("reports/_pdf.html", context)
    return render_pdf(html, base_url=DEFAULT_BASE_URL, font_dirs=report_fonts.font_dirs(fonts))


def render_document_pdf(doc: dict) -> bytes:
    """The PDF of a document with the fonts this server has now (the township's own first)."""
    return render_pdf_with(doc, report_fonts.resolve())


def pdf_bytes(report: AnnualReport) -> bytes:
    """The PDF: the stored bytes of a finalized report, rendered afresh for a draft or a preview."""
    if report.pdf:
        with report.pdf.open("rb") as handle:
            return handle.read()
    return render_document_pdf(document(report))


def docx_bytes(report: AnnualReport) -> bytes:
    """The Word file: stored with a finalized report; made from the frozen text for one finalized before
    Word files were kept, and afresh for a draft or a preview."""
    if report.docx:
        with report.docx.open("rb") as handle:
            return handle.read()
    return in_report_language(render_docx)(document(report))


def fonts_in_use(report: AnnualReport) -> list[dict]:
    """Which font stood in for which official one: as frozen with a final report, as of now for a draft."""
    frozen = (report.frozen_document or {}).get("fonts")
    return frozen if frozen is not None else report_fonts.describe(report_fonts.resolve())


@in_report_language
@transaction.atomic
def create_draft(*, township: Township, year: int) -> AnnualReport:
    """A new draft for the year: the first one, or a new revision copying the latest finalized one.

    Raises ValidationError when the year already has a draft (only one is edited at a time).
    """
    latest = AnnualReport.objects.filter(township=township, year=year).select_for_update().first()
    if latest is not None and latest.is_draft:
        raise ValidationError(_("该年度已有草稿，请直接修改草稿。"))
    report, sections = drafting.new_report(township, year, revision=latest.revision + 1 if latest else 1)
    if latest is not None:
        for name in ("rounded_figures", "opening", "closing", "signature_name"):  # 成文日期: its own finalize date
            setattr(report, name, getattr(latest, name))
        old_sections = list(latest.sections.prefetch_related("targets"))
        sections = [
            ReportSection(township=township, part=old.part, order=old.order, heading=old.heading, prose=old.prose,
                          topic=old.topic, manual=old.manual)
            for old in old_sections
        ]
        old_targets = {(old.part, old.order): list(old.targets.all()) for old in old_sections}
    else:
        old_targets = {}
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # someone else created it at the same moment
        raise ValidationError(_("该年度的报告刚刚被其他人创建，请刷新页面。")) from None
    for section in sections:
        section.report = report
        section.save()
        for target in old_targets.get((section.part, section.order), []):
            Target.objects.create(
                township=township, year=target.year, indicator=target.indicator, label=target.label,
                comparison=target.comparison, value=target.value, unit=target.unit, source_section=section,
            )
    return report


@in_report_language
def finalize(*, report: AnnualReport, user) -> AnnualReport:
    """Freeze the text, the figures and the PDF (stored with its SHA-256). Never again edited."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("township").get(pk=report.pk)
        if not report.is_draft:
            raise ReportLocked(_("该报告已经定稿。"))
        sections = list(report.sections.all())
        figures_by_app = sources.figures_by_app(report.township, report.year)
        problems = drafting.unfinished_sections(sections, figures_by_app, report.year)
        if problems:
            raise ReportUnfinished(problems, _("以下小节尚未完成，不能定稿："))
        report.signature_date = timezone.localdate()  # 成文日期: the day it is finalized
        doc = drafting.build_document(report, sections, figures_by_app)
        fonts = report_fonts.resolve()
        doc["fonts"] = report_fonts.describe(fonts)  # which font stood in for which, as the PDF was made
        data = render_pdf_with(doc, fonts)
        word = render_docx(doc)
        figures = drafting.merged(figures_by_app)
        report.frozen_figures = {key: drafting.figure_record(figure) for key, figure in figures.items()}
        report.frozen_document = doc
        report.pdf.save(report.download_name, ContentFile(data), save=False)
        report.pdf_sha256 = hashlib.sha256(data).hexdigest()
        report.docx.save(report.docx_download_name, ContentFile(word), save=False)
        report.docx_sha256 = hashlib.sha256(word).hexdigest()
        report.status = AnnualReport.Status.FINALIZED
        report.finalized_at = timezone.now()
        report.finalized_by = user
        report.version += 1
        report.save()
    return report


def publish(*, report: AnnualReport) -> AnnualReport:
    """Show a finalized report on the public page (it supersedes earlier published revisions there).

    A report finalized before the completeness check and still holding a placeholder is refused: it needs
    a new revision."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.is_draft:
            raise ValidationError(_("草稿不能公开，请先定稿。"))
        problems = drafting.unfinished_in_document(report.frozen_document or {})
        if problems and report.status != AnnualReport.Status.PUBLISHED:
            raise ReportUnfinished(problems, _("以下小节尚未完成，不能公开（请创建修订版，补全后重新定稿）："))
        if report.status != AnnualReport.Status.PUBLISHED:
            report.status = AnnualReport.Status.PUBLISHED
            report.published_at = timezone.now()
            report.version += 1
            report.save(update_fields=["status", "published_at", "version", "updated_at"])
    return report


def submit(*, report: AnnualReport, user) -> AnnualReport:
    """Record that the finalized report went to the county (due by settings.REPORT_SUBMIT_DUE)."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.is_draft:
            raise ValidationError(_("草稿不能报送，请先定稿。"))
        if report.submitted_at is None:
            report.submitted_at = timezone.now()
            report.submitted_by = user
            report.version += 1
            report.save(update_fields=["submitted_at", "submitted_by", "version", "updated_at"])
    return report


def published_reports() -> list[AnnualReport]:
    """The public page: the latest published revision of each township's year (no drafts, ever)."""
    found, seen = [], set()
    queryset = (
        AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED)
        .select_related("township__county")
        .only("township__code", "township__name", "township__county__name", "year", "revision", "status",
              "published_at", "pdf_sha256")
        .order_by("-year", "township__code", "-revision")
    )
    for report in queryset:
        if (report.township_id, report.year) not in seen:
            seen.add((report.township_id, report.year))
            found.append(report)
    return found


def published_report(township_code: str, year: int) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED, township__code=township_code, year=year)
        .select_related("township")
        .order_by("-revision")
        .first()
    )


# --- the dashboards, kept ------------------------------------------------------------------------------


def dashboard_body(township: Township, year: int, today: datetime.date, query: str) -> str:
    """The township dashboard below the page's frame, kept in the cache (and in the process) until a record of
    the township changes (township.cache: the key holds the township's data token, the day and the language)."""

    def render() -> str:
        context = {"year": year, "township": township, "township_query": query,
                   **dashboard_stats.township_dashboard(township, year, today)}
        return render_to_string("reports/_dashboard_body.html", context)

    return cached_here("dashboard-body", [township.pk], render, year, query)


def county_body(townships: QuerySet[Township], year: int, today: datetime.date, sort: str) -> dict:
    """The county's comparison below the page's heading (the table and the charts), kept as the township
    dashboard's body is (the key holds every compared township's data token), with what the heading shows of it
    (the alerts) and the sort in force."""

    def render() -> dict:
        county = dashboard_stats.county_dashboard(townships, year, today)
        shown = dashboard_stats.sort_county_rows(county, sort)
        body = render_to_string("reports/_county_body.html", {"year": year, "county": county, "sort": shown})
        return {"body": body, "overdue": county["overdue"], "due_soon": county["due_soon"], "sort": shown}

    return cached_here("county-body", townships.values_list("pk", flat=True), render, year, sort)


def warm_years(today: datetime.date) -> list[int]:
    """The years whose dashboards are read, newest first: this one; until last year's report is due to be
    published (reports.deadlines), last year too; and each year a user has chosen to work in (Membership.year)."""
    years = {today.year, *Membership.objects.exclude(year=None).values_list("year", flat=True).distinct()}
    if today <= deadlines.publish_due(today.year - 1):
        years.add(today.year - 1)
    return sorted(years, reverse=True)


def warm_dashboards(years: list[int], today: datetime.date | None = None, on_progress=None) -> dict:
    """Compute and keep what the dashboards show, in the site's language, before anybody asks: the province
    rollup, every county's comparison (default sort) and every township's dashboard as its own staff see it.

    Kept figures are of one day (an on-time rate depends on today) and of one working-day calendar, so after
    midnight and after a change to the calendar every township is counted again: a province's thousand take
    minutes, longer than a request may (docs/decisions/0027). The task worker runs this after a calendar change
    (reports.tasks.warm_dashboards) and cron each night (manage.py warm_dashboards). Each township's values are
    kept as soon as they are computed: a page asked for meanwhile computes only what is not kept yet.
    ``on_progress(done, total)`` is told after each step."""
    today = today or timezone.localdate()
    townships = Township.objects.select_related("county").order_by("pk")
    counties = list(County.objects.order_by("code"))
    found = list(townships)
    chunks = range(0, len(found), cache.EACH_CHUNK)
    steps = len(years) * (len(chunks) + 1 + len(counties) + len(found))
    done = 0

    def step():
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, steps)

    with translation.override(settings.LANGUAGE_CODE):
        compared = dashboard_stats.key_figures()
        for year in years:
            for start in chunks:  # each area's grouped queries, a chunk at a time
                chunk = found[start:start + cache.EACH_CHUNK]
                summaries = sources.township_summaries(chunk, year, today)
                sources.key_figures_of_townships(chunk, year, today, compared, known=summaries)
                step()
            dashboard_stats.province_rollup(townships, year, today)
            step()
            for county in counties:
                county_body(townships.filter(county=county), year, today, dashboard_stats.county_sort(""))
                step()
            for township in found:
                dashboard_body(township, year, today, "")
                step()
    return {"years": years, "townships": len(found), "counties": len(counties)}


def warm_township(township: Township, years: list[int], today: datetime.date) -> None:
    """What warm_dashboards keeps, again after a change to one township's records: its dashboard as its staff
    see it, its summary and key figures, and then its county's comparison and the province rollup, which add up
    the other townships' kept values (tens of milliseconds). The worker runs this (reports.tasks.warm_township)
    once the change is committed."""
    townships = Township.objects.select_related("county").order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        compared = dashboard_stats.key_figures()
        for year in years:
            summaries = sources.township_summaries([township], year, today)
            sources.key_figures_of_townships([township], year, today, compared, known=summaries)
            dashboard_body(township, year, today, "")
            county_body(townships.filter(county_id=township.county_id), year, today, dashboard_stats.county_sort(""))
            dashboard_stats.province_rollup(townships, year, today)
