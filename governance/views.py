"""The governance app's ledgers (township.ledger.Ledger): what each list shows, its badges and totals."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import rules
from governance.filters import (
    CertificateFilter,
    ExamResultFilter,
    KeyTaskFilter,
    LawExamFilter,
    LawReportFilter,
    LeadingGroupMemberFilter,
    LegalRecruitFilter,
    MeetingFilter,
    MeetingIssueFilter,
    TrainingFilter,
)
from governance.forms import (
    CertificateForm,
    ExamResultForm,
    KeyTaskForm,
    LawExamForm,
    LawReportForm,
    LeadingGroupMemberForm,
    LegalRecruitForm,
    MeetingForm,
    MeetingIssueForm,
    TrainingForm,
)
from governance.models import (
    Certificate,
    ExamResult,
    KeyTask,
    LawExam,
    LawReport,
    LeadingGroupMember,
    LegalRecruit,
    Meeting,
    MeetingIssue,
    Training,
)
from governance.models.certificates import hours_reference_date, valid_on_q
from governance.resources import (
    CertificateResource,
    ExamResultResource,
    KeyTaskResource,
    LawExamResource,
    LawReportResource,
    LeadingGroupMemberResource,
    LegalRecruitResource,
    MeetingIssueResource,
    MeetingResource,
    TrainingResource,
)
from township.ledger import Badge, Ledger
from township.ledger.views import LedgerCreateView, LedgerDetailView, LedgerImportView
from township.models import FormSubmission, Person, Role
from township.sheets import normalise_header

#: the township's leadership work is the office's: village clerks have no part in it
GOVERNANCE_READERS = frozenset({Role.ADMIN, Role.CLERK, Role.LEADER, Role.COUNTY})
#: a cadre's exam score is about them: read in the township only
TOWNSHIP_READERS = frozenset({Role.ADMIN, Role.CLERK, Role.LEADER})


def count_text(count, unit) -> str:
    return _("%(count)s %(unit)s") % {"count": count or 0, "unit": unit}


def due_badges(state: str, due: datetime.date | None) -> list[Badge]:
    """已逾期 / 30日内到期 of a township deadline (rules.due_state), with the day it falls on."""
    if due is None or state not in ("overdue", "due_soon"):
        return []
    effective = rules.effective_due(due, rules.work_calendar())
    where = _("完成时限：%(date)s") % {"date": f"{due:%Y-%m-%d}"}
    if effective != due:
        where += _("（节假日，顺延至%(date)s）") % {"date": f"{effective:%Y-%m-%d}"}
    if state == "overdue":
        return [Badge(_("已逾期"), "danger", where)]
    return [Badge(_("%(days)s日内到期") % {"days": rules.TASK_WARNING_DAYS}, "warning", where)]


class AddOnceView(LedgerCreateView):
    """A form posted twice (a double click) lands on the record the first post saved, also when the second post
    fails validation because that record now holds its key (the core reads the one-time token only after a valid
    form)."""

    def form_invalid(self, form):
        token = self.request.POST.get("_submission", "")[:64]
        if token and FormSubmission.objects.filter(token=token, user=self.request.user, ledger=self.ledger.slug,
                                                   object_id__isnull=False).exists():
            return self.already_saved(token)
        return super().form_invalid(form)


class GovernanceLedger(Ledger):
    """The governance ledgers' pages: the ledger pattern's, with the add page of AddOnceView."""

    @classmethod
    def page_views(cls) -> dict:
        """URL name → the path that replaces the ledger pattern's page of that name."""
        return {"add": path("add/", AddOnceView.as_view(ledger=cls), name="add")}

    @classmethod
    def urls(cls):
        replaced = cls.page_views()
        included = super().urls()
        return ([replaced.get(getattr(pattern, "name", None), pattern) for pattern in included[0]], *included[1:])


class YearNumberLedger(GovernanceLedger):
    """A ledger kept by year in an integer field (a year's key-task list, a year's leading group)."""

    year_field = "year"

    @classmethod
    def in_year(cls, queryset, year):
        return queryset.filter(year=year)


class KeyTaskLedger(YearNumberLedger):
    slug = "key-tasks"
    model = KeyTask
    form_class = KeyTaskForm
    filterset_class = KeyTaskFilter
    resource_class = KeyTaskResource
    columns = ["title", "lead_leader", "responsible_unit", "due_on", "status", "progress", "completed_on"]
    search_fields = ["title", "responsible_unit", "progress_note", "note"]
    sort_fields = ["due_on", "status", "progress", "completed_on"]
    select_related = ("lead_leader",)
    readers = GOVERNANCE_READERS

    STATUS_LEVELS = {"not_started": "secondary", "in_progress": "info", "completed": "success", "overdue": "danger"}

    @classmethod
    def badges(cls, record, today):
        badges = [Badge(record.get_status_display(), cls.STATUS_LEVELS[record.status])]
        state = record.due_state(today)
        if not (record.status == KeyTask.Status.OVERDUE and state == "overdue"):  # the status says it already
            badges += due_badges(state, record.due_on)
        return badges

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), done=Count("id", filter=Q(status=KeyTask.Status.COMPLETED)))
        return [(_("重点任务"), count_text(sums["count"], _("项"))), (_("已完成"), count_text(sums["done"], _("项")))]


class LeadingGroupLedger(YearNumberLedger):
    slug = "leading-group"
    model = LeadingGroupMember
    form_class = LeadingGroupMemberForm
    filterset_class = LeadingGroupMemberFilter
    resource_class = LeadingGroupMemberResource
    columns = ["person", "position", "role", "duty", "appointed_on"]
    search_fields = ["person__name", "duty", "note"]
    sort_fields = ["role", "appointed_on"]
    select_related = ("person",)
    readers = GOVERNANCE_READERS




class LawReportLedger(GovernanceLedger):
    slug = "law-reports"
    model = LawReport
    form_class = LawReportForm
    filterset_class = LawReportFilter
    resource_class = LawReportResource
    columns = ["date", "person", "capacity", "where", "summary"]
    search_fields = ["person__name", "occasion", "summary", "note"]
    sort_fields = ["date", "capacity"]
    year_field = "date"
    select_related = ("person", "meeting")
    readers = GOVERNANCE_READERS


class MeetingLedger(GovernanceLedger):
    slug = "meetings"
    model = Meeting
    form_class = MeetingForm
    filterset_class = MeetingFilter
    resource_class = MeetingResource
    columns = ["date", "title", "kind", "chair", "study_law", "issues_summary"]
    search_fields = ["title", "topics", "study_law", "note"]
    sort_fields = ["date", "kind", "title"]
    year_field = "date"
    select_related = ("chair",)
    prefetch_related = ("issues",)
    readers = GOVERNANCE_READERS
    detail_template = "governance/meeting_detail.html"

    @classmethod
    def badges(cls, record, today):
        return [Badge(_("会前学法"), "info", record.study_law)] if record.pre_meeting_study else []

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(
            count=Count("id"),
            sessions=Count("id", filter=Q(kind=Meeting.Kind.PARTY_SESSION)),
            reports=Count("id", filter=Q(kind=Meeting.Kind.REPORT_HEARD)),
            studies=Count("id", filter=Q(pre_meeting_study=True)),
        )
        return [
            (_("会议"), count_text(sums["count"], _("次"))),
            (_("党委专题研究"), count_text(sums["sessions"], _("次"))),
            (_("听取汇报"), count_text(sums["reports"], _("次"))),
            (_("会前学法"), count_text(sums["studies"], _("次"))),
        ]




class MeetingIssueLedger(GovernanceLedger):
    slug = "meeting-issues"
    model = MeetingIssue
    form_class = MeetingIssueForm
    filterset_class = MeetingIssueFilter
    resource_class = MeetingIssueResource
    columns = ["description", "meeting", "category", "owner", "due_on", "status", "resolved_on", "outcome"]
    search_fields = ["description", "outcome", "meeting__title"]
    sort_fields = ["due_on", "status", "resolved_on", "category"]
    year_field = "meeting__date"
    select_related = ("meeting", "owner")
    readers = GOVERNANCE_READERS

    @classmethod
    def in_year(cls, queryset, year):
        """A year's issues: raised at a meeting of the year, or resolved in it."""
        return queryset.filter(Q(meeting__date__year=year) | Q(resolved_on__year=year))

    @classmethod
    def badges(cls, record, today):
        resolved = record.status == MeetingIssue.Status.RESOLVED
        badges = [Badge(record.get_status_display(), "success" if resolved else "secondary")]
        return badges + due_badges(record.due_state(today), record.due_on)

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"),
                                  resolved=Count("id", filter=Q(status=MeetingIssue.Status.RESOLVED)))
        return [(_("问题"), count_text(sums["count"], _("个"))), (_("已解决"), count_text(sums["resolved"], _("个")))]


class TrainingLedger(GovernanceLedger):
    slug = "trainings"
    model = Training
    form_class = TrainingForm
    filterset_class = TrainingFilter
    resource_class = TrainingResource
    columns = ["date", "title", "kind", "method", "speaker", "hours", "headcount", "attendance_summary"]
    search_fields = ["title", "speaker", "laws", "other_attendees", "note"]
    sort_fields = ["date", "kind", "hours", "headcount"]
    year_field = "date"
    prefetch_related = ("attendees",)
    # the list's 参加人员 names a few: their names only, not whole rosters (50 trainings are ~750 people)
    list_prefetch_related = (Prefetch("attendees", queryset=Person.objects.only("id", "name")),)
    readers = GOVERNANCE_READERS

    @classmethod
    def badges(cls, record, today):
        return [Badge(_("实战化"), "info", record.get_method_display())] if record.method in Training.PRACTICAL_METHODS \
            else []

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), people=Sum("headcount"), hours=Sum("hours"))
        return [
            (_("学习培训"), count_text(sums["count"], _("次"))),
            (_("参加"), count_text(sums["people"], _("人次"))),
            (_("学时"), count_text(f"{(sums['hours'] or 0).normalize():f}" if sums["hours"] else 0, _("学时"))),
        ]




class LawExamLedger(GovernanceLedger):
    slug = "law-exams"
    model = LawExam
    form_class = LawExamForm
    filterset_class = LawExamFilter
    resource_class = LawExamResource
    columns = ["date", "title", "pass_mark", "results_summary"]
    search_fields = ["title", "note"]
    sort_fields = ["date", "title"]
    year_field = "date"
    readers = GOVERNANCE_READERS

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        live = Q(results__deleted_at__isnull=True)
        return super().base_queryset(user, township, year, manager).annotate(
            expected_total=Count("results", filter=live),
            took_total=Count("results", filter=live & Q(results__took=True)),
            passed_total=Count("results", filter=live & Q(results__passed=True)),
        ).order_by("-date", "-id")




class ExamResultLedger(GovernanceLedger):
    slug = "exam-results"
    model = ExamResult
    form_class = ExamResultForm
    filterset_class = ExamResultFilter
    resource_class = ExamResultResource
    columns = ["person", "unit", "exam", "took", "score", "passed"]
    search_fields = ["person__name", "note"]
    sort_fields = ["score"]
    year_field = "exam__date"
    select_related = ("exam", "person")
    readers = TOWNSHIP_READERS

    @classmethod
    def badges(cls, record, today):
        if not record.took:
            return [Badge(_("缺考"), "secondary")]
        if record.passed is False:
            return [Badge(_("不合格"), "warning")]
        return []

    @classmethod
    def totals(cls, queryset):
        sums = queryset.aggregate(count=Count("id"), took=Count("id", filter=Q(took=True)),
                                  passed=Count("id", filter=Q(passed=True)))
        return [(_("应考"), count_text(sums["count"], _("人"))), (_("参考"), count_text(sums["took"], _("人"))),
                (_("合格"), count_text(sums["passed"], _("人")))]




class CertificateImportView(LedgerImportView):
    """The import preview says which holders are not on the roster yet and will be added to it."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = kwargs.get("outcome")
        if outcome is not None and kwargs.get("preview") and not outcome.written and "姓名" in outcome.headers:
            name_at = outcome.headers.index("姓名")
            unit_at = outcome.headers.index("工作单位") if "工作单位" in outcome.headers else None
            cells = [(row.sheet_row, str(row.values[name_at] or "").strip(),
                      str(row.values[unit_at] or "").strip() if unit_at is not None else "") for row in outcome.rows]
            # the roster as the importer reads it (township.sheets.normalise_header)
            known = {normalise_header(name) for name in
                     Person.objects.filter(township=self.township).values_list("name", flat=True)}
            added = {}
            for sheet_row, name, unit in cells:
                if name and normalise_header(name) not in known and name not in added:
                    added[name] = (sheet_row, unit)
            if added:
                listed = "；".join(_("第 %(row)s 行 %(name)s（%(unit)s）") % {"row": sheet_row, "name": name,
                                                                        "unit": unit or _("单位未填写")}
                                  for name, (sheet_row, unit) in added.items())
                messages.info(self.request, _("以下持证人不在人员花名册中，确认导入后将加入花名册：%(people)s。")
                              % {"people": listed})
        return context


class CertificateDetailView(LedgerDetailView):
    """The certificate with its holder's trainings and hours of the year being worked on (the detail template)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = int(self.request.year)
        trainings = list(Training.objects.filter(township=self.township, attendees=self.object.holder,
                                                 date__year=year).order_by("date", "id"))
        context.update(holder_trainings=trainings, holder_hours=sum((t.hours for t in trainings), Decimal(0)),
                       required_hours=rules.officer_training_hours())
        return context


class CertificateLedger(GovernanceLedger):
    slug = "certificates"
    model = Certificate
    form_class = CertificateForm
    filterset_class = CertificateFilter
    resource_class = CertificateResource
    columns = ["holder", "number", "category", "issued_on", "valid_until", "status", "year_hours_display",
               "review_display"]
    search_fields = ["holder__name", "number", "category", "issuing_authority", "note"]
    sort_fields = ["issued_on", "valid_until", "status", "number"]
    select_related = ("holder",)
    readers = GOVERNANCE_READERS
    detail_template = "governance/certificate_detail.html"

    STATUS_LEVELS = {"valid": "success", "expired": "secondary", "cancelled": "dark", "suspended": "warning"}

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        later = Certificate.objects.filter(township=OuterRef("township"), holder=OuterRef("holder"),
                                           issued_on__gt=OuterRef("issued_on"))
        return (super().base_queryset(user, township, year, manager)
                .annotate(has_later=Exists(later)).with_year_hours(int(year or timezone.localdate().year)))

    @classmethod
    def badges(cls, record, today):
        badges = [Badge(record.get_status_display(), cls.STATUS_LEVELS[record.status],
                        record.status_reason)]
        has_later = getattr(record, "has_later", None)
        if has_later is None:
            has_later = Certificate.objects.filter(township_id=record.township_id, holder_id=record.holder_id,
                                                   issued_on__gt=record.issued_on).exists()
        if record.status in rules.IN_FORCE_STATUSES and not has_later:
            days_left = (record.valid_until - today).days
            if days_left < 0:
                badges.append(Badge(_("已过期"), "danger", _("有效期至%(date)s，请换证或注销。")
                                    % {"date": f"{record.valid_until:%Y-%m-%d}"}))
            elif days_left <= rules.CERTIFICATE_WARNING_DAYS:
                badges.append(Badge(_("%(days)s日内到期") % {"days": rules.CERTIFICATE_WARNING_DAYS}, "warning",
                                    _("有效期至%(date)s，请及时申请换证。") % {"date": f"{record.valid_until:%Y-%m-%d}"}))
        if record.status in rules.WITHDRAWN_STATUSES and not record.status_changed_on:
            badges.append(Badge(_("未填%(status)s日期") % {"status": record.get_status_display()}, "warning",
                                _("未填日期的，视为自发证之日起无效。")))
        hours, year = getattr(record, "year_hours", None), getattr(record, "hours_year", None)
        required = rules.officer_training_hours()
        if (hours is not None and year is not None and hours < required
                and record.is_valid_on(hours_reference_date(year, today))):
            numbers = {"year": year, "hours": f"{hours.normalize():f}", "required": f"{required.normalize():f}"}
            badges.append(Badge(_("%(year)s年学时%(hours)s/%(required)s") % numbers, "warning",
                                _("行政执法人员每年应参加不少于%(required)s学时的培训（国办发〔2023〕27号）。") % numbers))
        return badges

    @classmethod
    def page_views(cls):
        """The import page names the holders it adds to the roster; the detail page shows the holder's hours."""
        return {
            **super().page_views(),
            "import": path("import/", CertificateImportView.as_view(ledger=cls), name="import"),
            "detail": path("<int:pk>/", CertificateDetailView.as_view(ledger=cls), name="detail"),
        }

    @classmethod
    def totals(cls, queryset):
        today = timezone.localdate()
        sums = queryset.aggregate(count=Count("id"), valid=Count("id", filter=valid_on_q(today)))
        return [(_("证件"), count_text(sums["count"], _("个"))), (_("今日有效"), count_text(sums["valid"], _("个")))]


class LegalRecruitLedger(GovernanceLedger):
    slug = "legal-recruits"
    model = LegalRecruit
    form_class = LegalRecruitForm
    filterset_class = LegalRecruitFilter
    resource_class = LegalRecruitResource
    columns = ["person", "joined_on", "channel", "note"]
    search_fields = ["person__name", "note"]
    sort_fields = ["joined_on"]
    year_field = "joined_on"
    select_related = ("person",)
    readers = GOVERNANCE_READERS


LEDGERS = [
    KeyTaskLedger, LeadingGroupLedger, LawReportLedger, MeetingLedger, MeetingIssueLedger, TrainingLedger,
    LawExamLedger, ExamResultLedger, CertificateLedger, LegalRecruitLedger,
]
