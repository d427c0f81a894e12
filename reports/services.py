"""What happens to a report: found, drafted, rendered, finalized, published, revised.

Views and the render_report command call these; they do not re-implement them.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports import drafting, sources
from reports.models import AnnualReport, ReportLocked, ReportSection, Target
from reports.pdf import DEFAULT_BASE_URL, PRINT_CSS_URL, render_pdf
from township.models import Township


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


def document(report: AnnualReport) -> dict:
    """What the report says: frozen once finalized, live before."""
    if report.frozen_document is not None:
        return report.frozen_document
    return live_document(report)


@in_report_language
def render_document_pdf(doc: dict) -> bytes:
    html = render_to_string("reports/_pdf.html", {"doc": doc, "print_css_url": PRINT_CSS_URL})
    return render_pdf(html, base_url=DEFAULT_BASE_URL)


def pdf_bytes(report: AnnualReport) -> bytes:
    """The PDF: the stored bytes of a finalized report, rendered afresh for a draft or a preview."""
    if report.pdf:
        with report.pdf.open("rb") as handle:
            return handle.read()
    return render_document_pdf(document(report))


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
        for name in ("rounded_figures", "opening", "closing", "signature_name", "signature_date"):
            setattr(report, name, getattr(latest, name))
        old_sections = list(latest.sections.prefetch_related("targets"))
        sections = [
            ReportSection(township=township, part=old.part, order=old.order, heading=old.heading, prose=old.prose,
                          topic=old.topic)
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
        unwritten = drafting.unwritten_sections(sections)
        if unwritten:
            raise ValidationError(
                _("以下小节尚未填写，不能定稿：%(sections)s。")
                % {"sections": "、".join(f"{section.get_part_display()}·{section.heading}" for section in unwritten)}
            )
        if report.signature_date is None:
            report.signature_date = timezone.localdate()  # 成文日期: the day it is finalized, unless set
        figures_by_app = sources.figures_by_app(report.township, report.year)
        doc = drafting.build_document(report, sections, figures_by_app)
        data = render_document_pdf(doc)
        figures = drafting.merged(figures_by_app)
        report.frozen_figures = {key: drafting.figure_record(figure) for key, figure in figures.items()}
        report.frozen_document = doc
        report.pdf.save(report.download_name, ContentFile(data), save=False)
        report.pdf_sha256 = hashlib.sha256(data).hexdigest()
        report.status = AnnualReport.Status.FINALIZED
        report.finalized_at = timezone.now()
        report.finalized_by = user
        report.version += 1
        report.save()
    return report


def publish(*, report: AnnualReport) -> AnnualReport:
    """Show a finalized report on the public page (it supersedes earlier published revisions there)."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.is_draft:
            raise ValidationError(_("草稿不能公开，请先定稿。"))
        if report.status != AnnualReport.Status.PUBLISHED:
            report.status = AnnualReport.Status.PUBLISHED
            report.published_at = timezone.now()
            report.version += 1
            report.save(update_fields=["status", "published_at", "version", "updated_at"])
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
