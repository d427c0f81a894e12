"""The year's figures of report parts 一(一) and 一(二) for a township (../shared/reference/figures.md rows 1-12 and 29),
with the figures part 二 may cite and the targets of part 三.

Plain data for reports and dashboards: each Figure carries its definition (printed where it is shown) and the
ledger filter that lists its records. Every function aggregates in the database in a fixed number of queries,
whatever the number of records, and figures_for_townships / alert_counts do it for many townships at once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import BooleanField, Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import rules
from governance.models import (
    Certificate,
    ExamResult,
    KeyTask,
    LawReport,
    LeadingGroupMember,
    LegalRecruit,
    Meeting,
    MeetingIssue,
    Training,
    due_alert_q,
    valid_on_q,
)
from governance.models.certificates import hours_reference_date
from township.figures import Figure, rate
from township.ledger.stats import detail_url
from township.ledger.stats import township_ids as ids_of
from township.ledger.widgets import split_names
from township.models import Person, Township, Village

K = Training.Kind
#: the cadres the study coverage is about (实现党员干部学法全覆盖): township and village cadres in post
CADRE_KINDS = (Person.Kind.TOWNSHIP_CADRE, Person.Kind.VILLAGE_CADRE)
PRINCIPALS = (LawReport.Capacity.PARTY_SECRETARY, LawReport.Capacity.GOVERNMENT_HEAD)
Attendance = Training.attendees.through


def _first_certificate() -> Q:
    """Certificates whose holder had none registered before (a renewal is not a new certified officer)."""
    earlier = Certificate.objects.filter(township=OuterRef("township"), holder=OuterRef("holder"),
                                         issued_on__lt=OuterRef("issued_on"))
    return ~Q(Exists(earlier))


def _counted(ids: list[int], **parts) -> dict[int, dict]:
    """Many counts of every township in one query: ``name=(queryset, aggregate)`` becomes a correlated subquery on
    the township, so that a county's dashboard asks the database once, not once per count."""
    annotations = {}
    for name, (queryset, aggregate) in parts.items():
        grouped = (queryset.filter(township=OuterRef("pk")).order_by().values("township")
                   .annotate(value=aggregate).values("value"))
        annotations[name] = Coalesce(Subquery(grouped, output_field=IntegerField()), 0)
    rows = Township.objects.filter(pk__in=ids).annotate(**annotations).values("pk", *annotations)
    found = {row.pop("pk"): row for row in rows}
    return {pk: found.get(pk, dict.fromkeys(annotations, 0)) for pk in ids}


def _figure_counts(ids: list[int], year: int, today: datetime.date) -> dict[int, dict]:
    """What the figures are made of, per township: four queries whatever the number of townships or records."""
    in_year = Q(date__year=year)
    reference = hours_reference_date(year, today)
    attended = Attendance.objects.filter(person=OuterRef("pk"), training__date__year=year,
                                         training__deleted_at__isnull=True)
    cadres = Person.objects.filter(active=True, kind__in=CADRE_KINDS)
    holders = Certificate.objects.filter(valid_on_q(reference))
    under_hours = Certificate.objects.filter(
        pk__in=holders.with_year_hours(year).filter(year_hours__lt=rules.officer_training_hours()).values("pk"))
    trainings = Training.objects.filter(in_year)
    meetings = Meeting.objects.filter(in_year)
    results = ExamResult.objects.filter(exam__date__year=year, exam__deleted_at__isnull=True)
    resolved = MeetingIssue.objects.resolved_in(year)
    one, people = Count("id"), Count("holder", distinct=True)
    counts = _counted(
        ids,
        tasks=(KeyTask.objects.filter(year=year), one),
        tasks_completed=(KeyTask.objects.filter(year=year, status=KeyTask.Status.COMPLETED), one),
        sessions=(meetings.filter(kind=Meeting.Kind.PARTY_SESSION), one),
        reports=(meetings.filter(kind=Meeting.Kind.REPORT_HEARD), one),
        studies=(meetings.filter(pre_meeting_study=True), one),
        resolved=(resolved, one),
        **{f"category_{value}": (resolved.filter(category=value), one) for value in MeetingIssue.Category.values},
        sessions_all=(trainings, one),
        first_agenda=(trainings.filter(kind=K.FIRST_AGENDA), one),
        online=(trainings.filter(kind=K.ONLINE), one),
        seminars=(trainings.filter(kind=K.SEMINAR), one),
        lectures=(trainings.filter(kind=K.LECTURE), one),
        law_trainings=(trainings.filter(kind=K.LAW_TRAINING), one),
        person_times=(trainings.filter(kind=K.LAW_TRAINING), Sum("headcount")),
        practical=(trainings.filter(method__in=Training.PRACTICAL_METHODS), one),
        cadres=(cadres, one),
        cadres_studied=(cadres.filter(Exists(attended)), one),
        issued=(Certificate.objects.filter(_first_certificate(), issued_on__year=year), people),
        holders=(holders, people),
        holders_legal=(holders.filter(holder__legal_background=True), people),
        under_hours=(under_hours, people),
        expected=(results, one),
        sat=(results.filter(took=True), one),
        succeeded=(results.filter(took=True, passed=True), one),
        group=(LeadingGroupMember.objects.filter(year=year), one),
        law_reports=(LawReport.objects.filter(in_year, capacity__in=PRINCIPALS), one),
        recruits=(LegalRecruit.objects.filter(joined_on__year=year), one),
    )
    trainees, laws = _trainees_and_laws(ids, year)
    labels = dict(MeetingIssue.Category.choices)
    for pk, found in counts.items():
        found["trainees"] = trainees[pk]
        found["laws"] = laws[pk]
        found["categories"] = tuple(str(labels[value]) for value in MeetingIssue.Category.values
                                    if value != MeetingIssue.Category.OTHER and found[f"category_{value}"])
    return counts


def _trainees_and_laws(ids: list[int], year: int) -> tuple[dict[int, int], dict[int, tuple[str, ...]]]:
    """Distinct people at the year's certification trainings (roster people by person, others by name), and the
    laws named in 《》 by the year's trainings (学习的法律法规, else the title) and pre-meeting studies, the three
    most studied (rules.most_studied): three queries."""
    linked: dict[int, set] = defaultdict(set)
    linked_names: dict[int, set] = defaultdict(set)
    rows = Attendance.objects.filter(
        training__township_id__in=ids, training__kind=K.CERTIFICATION, training__date__year=year,
        training__deleted_at__isnull=True,
    ).values_list("training__township_id", "person_id", "person__name")
    for township_id, person_id, name in rows:
        linked[township_id].add(person_id)
        linked_names[township_id].add(name)
    unlisted: dict[int, set] = defaultdict(set)
    texts: dict[int, list[str]] = defaultdict(list)
    trainings = Training.objects.filter(township_id__in=ids, date__year=year).order_by("date", "id")
    for township_id, kind, laws, title, others in trainings.values_list("township_id", "kind", "laws", "title",
                                                                        "other_attendees"):
        texts[township_id].append(laws or title)
        if kind == K.CERTIFICATION:
            unlisted[township_id].update(n for n in split_names(others) if n not in linked_names[township_id])
    meetings = Meeting.objects.filter(township_id__in=ids, date__year=year, pre_meeting_study=True).order_by("date", "id")
    for township_id, law in meetings.values_list("township_id", "study_law"):
        texts[township_id].append(law)
    laws_by_township = {}
    for pk in ids:
        counted: dict[str, int] = {}
        for text in texts[pk]:
            for name in rules.law_names(text):
                counted[name] = counted.get(name, 0) + 1
        laws_by_township[pk] = rules.most_studied(counted)
    return {pk: len(linked[pk]) + len(unlisted[pk]) for pk in ids}, laws_by_township


def figures(township, year: int, *, today: datetime.date | None = None) -> dict[str, Figure]:
    """The governance figures of a township's year (see _figures_of for each definition)."""
    return figures_for_townships([township], year, today=today)[township.pk]


def figures_for_townships(townships, year: int, *, today: datetime.date | None = None) -> dict[int, dict[str, Figure]]:
    """figures() of every township, ``{township_id: {key: Figure}}``, in the same queries as one township's."""
    today = today or timezone.localdate()
    ids = ids_of(townships)
    return {pk: _figures_of(counts, year, today) for pk, counts in _figure_counts(ids, year, today).items()}


def _figures_of(c: dict, year: int, today: datetime.date) -> dict[str, Figure]:
    """One township's Figures from its counts: the definition of each is printed where it is shown."""
    reference = hours_reference_date(year, today)
    on_date = f"{reference.year}年{reference.month}月{reference.day}日"
    y = {"year": year, "date": on_date, "hours": f"{rules.officer_training_hours().normalize():f}"}
    in_year = {"year": year}

    def count(key, label, value, unit, definition, ledger, query):
        return Figure(key=key, label=label, value=value, unit=unit, definition=definition % y, ledger=ledger,
                      query=query)

    def share(key, label, numerator, denominator, definition, ledger, query):
        return Figure(key=key, label=label, value=rate(numerator, denominator), unit="%", numerator=numerator,
                      denominator=denominator, definition=definition % y, ledger=ledger, query=query)

    result = [
        # 一(一): figures.md rows 1-4
        count("governance.key_tasks", _("重点任务"), c["tasks"], _("项"),
              _("重点任务清单中年度为%(year)s年的任务项数。"), "key-tasks", in_year),
        count("governance.key_tasks_completed", _("已完成的重点任务"), c["tasks_completed"], _("项"),
              _("%(year)s年重点任务中状态为“已完成”的项数。"), "key-tasks", {**in_year, "status": "completed"}),
        count("governance.party_sessions", _("党委专题会议研究法治建设"), c["sessions"], _("次"),
              _("会议台账中会议日期在%(year)s年内、类别为“党委会专题研究法治建设”的会议次数。"),
              "meetings", {**in_year, "kind": Meeting.Kind.PARTY_SESSION}),
        count("governance.reports_heard", _("听取法治工作汇报"), c["reports"], _("次"),
              _("会议台账中会议日期在%(year)s年内、类别为“听取法治工作汇报”的会议次数。"),
              "meetings", {**in_year, "kind": Meeting.Kind.REPORT_HEARD}),
        Figure(
            key="governance.problems_solved", label=_("研究解决的关键问题"), value=c["resolved"], unit=_("个"),
            definition=_("会议研究的问题中状态为“已解决”、解决日期在%(year)s年内的个数（未记录解决日期的，按提出该问题的会议"
                         "日期计）。") % y,
            ledger="meeting-issues", query={**in_year, "resolved_year": year}, names=c["categories"],
        ),
        count("governance.pre_meeting_studies", _("会前学法"), c["studies"], _("次"),
              _("会议日期在%(year)s年内、举行了会前学法的会议次数。"), "meetings", {**in_year, "pre_meeting_study": "true"}),
        count("governance.leading_group_members", _("法治政府建设工作领导小组成员"), c["group"], _("人"),
              _("%(year)s年法治政府建设工作领导小组的成员人数。"), "leading-group", in_year),
        count("governance.principal_law_reports", _("党政主要负责人述法"), c["law_reports"], _("次"),
              _("述法日期在%(year)s年内、述法人为党委或政府主要负责人的述法次数。"), "law-reports", in_year),
        # 一(二): rows 5-12
        Figure(
            key="governance.study_sessions", label=_("学法培训"), value=c["sessions_all"], unit=_("次"),
            definition=_("学法培训台账中日期在%(year)s年内的学习培训次数（各类别合计）。") % y,
            ledger="trainings", query=in_year, names=c["laws"],
        ),
        count("governance.first_agenda", _("“第一议题”学习"), c["first_agenda"], _("次"),
              _("日期在%(year)s年内、类别为“第一议题”的学习次数。"), "trainings", {**in_year, "kind": K.FIRST_AGENDA}),
        count("governance.online_studies", _("线上学习"), c["online"], _("次"),
              _("日期在%(year)s年内、类别为“线上学习”的学习次数。"), "trainings", {**in_year, "kind": K.ONLINE}),
        count("governance.seminars", _("专题研讨"), c["seminars"], _("次"),
              _("日期在%(year)s年内、类别为“专题研讨”的学习次数。"), "trainings", {**in_year, "kind": K.SEMINAR}),
        count("governance.expert_lectures", _("专家讲座"), c["lectures"], _("场"),
              _("日期在%(year)s年内、类别为“专家讲座”的学习场次。"), "trainings", {**in_year, "kind": K.LECTURE}),
        count("governance.trainings", _("法治专题培训"), c["law_trainings"], _("次"),
              _("日期在%(year)s年内、类别为“法治专题培训”的培训次数。"), "trainings", {**in_year, "kind": K.LAW_TRAINING}),
        count("governance.training_person_times", _("法治专题培训覆盖干部职工"), c["person_times"], _("人次"),
              _("%(year)s年法治专题培训的人次之和（每次培训的“人次”：台账所填人次，未填的按参加人员人数计）。"),
              "trainings", {**in_year, "kind": K.LAW_TRAINING}),
        share("governance.study_coverage", _("党员干部学法覆盖率"), c["cadres_studied"], c["cadres"],
              _("学法覆盖率＝%(year)s年至少参加过一次学习培训（在学法培训台账中被列为参加人员）的在岗干部人数÷在岗干部人数；"
                "在岗干部指人员花名册中“在岗”为是、人员类别为镇干部或村干部的人员（按统计时的花名册）。"),
              "trainings", in_year),
        count("governance.certification_trainees", _("参加行政执法资格认证培训的干部"), c["trainees"], _("名"),
              _("%(year)s年类别为“执法资格培训”的培训的参加人数，同一人参加多期只计一次（花名册中的人员按人计，"
                "不在花名册中的按姓名计）。"), "trainings", {**in_year, "kind": K.CERTIFICATION}),
        count("governance.certificates_issued", _("新增持证执法人员"), c["issued"], _("人"),
              _("发证日期在%(year)s年内、且此前未在本镇登记过行政执法证件的持证人数（换证不计）。"),
              "certificates", {"issued_year": year, "first_certificate": "true"}),
        count("governance.certified_officers", _("现有持证执法人员"), c["holders"], _("人"),
              _("%(date)s持有有效行政执法证件的人数：证件在有效期内（发证日期≤该日≤有效期至），且未在该日或之前注销、暂扣"
                "（《行政处罚法》第四十二条）。"), "certificates", {"valid_on": reference.isoformat()}),
        count("governance.officers_under_hours", _("年度学时不足的持证执法人员"), c["under_hours"], _("人"),
              _("%(date)s持有有效证件、但%(year)s年参加学习培训（按参加人员统计）不足%(hours)s学时的人数"
                "（国办发〔2023〕27号，学时要求可在设置中调整）。"), "certificates", {"alert": "under_hours", **in_year}),
        # row 29, closing 一(五)
        share("governance.exam_participation_rate", _("年度学法考法参与率"), c["sat"], c["expected"],
              _("参与率＝参加%(year)s年度学法考法的人数÷应考人数（考试成绩台账中列入%(year)s年考试的人员）。"),
              "exam-results", in_year),
        share("governance.exam_pass_rate", _("年度学法考法通过率"), c["succeeded"], c["sat"],
              _("通过率＝%(year)s年度学法考法合格人数÷参考人数。"), "exam-results", {**in_year, "took": "true"}),
        # part 二 and the targets of part 三
        share("governance.officers_legal_background_rate", _("持证执法人员中法律专业背景占比"), c["holders_legal"],
              c["holders"], _("%(date)s持有有效行政执法证件的人员中，人员花名册标注“法律专业背景”的人数÷持证人数。"),
              "certificates", {"valid_on": reference.isoformat(), "legal_background": "true"}),
        share("governance.practical_training_rate", _("实战化培训占比"), c["practical"], c["sessions_all"],
              _("%(year)s年学习培训中培训方式为“案例研讨”或“模拟执法”的次数÷学习培训总次数。"),
              "trainings", {**in_year, "practical": "true"}),
        count("governance.legal_professionals_added", _("新增法律专业人才"), c["recruits"], _("名"),
              _("法律专业人才引进台账中到岗日期在%(year)s年内的人数。"), "legal-recruits", in_year),
    ]
    return {figure.key: figure for figure in result}


def monthly(township, year: int) -> dict[str, list[int]]:
    """Study and training sessions in each month of the year (12 values)."""
    values = [0] * 12
    rows = (Training.objects.filter(township=township, date__year=year).annotate(month=ExtractMonth("date"))
            .values("month").annotate(n=Count("id")).order_by())
    for row in rows:
        values[row["month"] - 1] = row["n"]
    return {"governance.study_sessions": values}


def by_village(township, year: int) -> list[dict]:
    """Per village: attendances of the village's people at the year's study and training (person-times)."""
    counts = {
        row["person__village_id"]: row["n"]
        for row in Attendance.objects.filter(training__township=township, training__date__year=year,
                                             training__deleted_at__isnull=True, person__village__isnull=False)
        .values("person__village_id").annotate(n=Count("id")).order_by()
    }
    return [{"village_id": pk, "village": name, "study_attendance": counts.get(pk, 0)}
            for pk, name in Village.objects.filter(township=township).order_by("id").values_list("id", "name")]


# --- alerts: key tasks and issues past or near their due date, certificates expired or expiring -------------

ALERT_STATUSES = ("overdue", "due_soon")


def _sources(today: datetime.date):
    """(kind, label, ledger, queryset of the alerting records, {status: Q}, due field, labels, rule, article)."""
    horizon = today + datetime.timedelta(days=rules.CERTIFICATE_WARNING_DAYS)
    task_labels = {"overdue": _("已逾期"), "due_soon": _("%(days)s日内到期") % {"days": rules.TASK_WARNING_DAYS}}
    return (
        ("key_task", _("重点任务"), "key-tasks", KeyTask.objects.exclude(status=KeyTask.Status.COMPLETED),
         {status: due_alert_q(status, today) for status in ALERT_STATUSES}, "due_on", task_labels,
         _("完成时限"), ""),
        ("meeting_issue", _("会议研究问题"), "meeting-issues", MeetingIssue.objects.filter(status=MeetingIssue.Status.OPEN),
         {status: due_alert_q(status, today) for status in ALERT_STATUSES}, "due_on", task_labels,
         _("完成时限"), ""),
        ("certificate", _("执法证件"), "certificates", Certificate.objects.current(),
         {"overdue": Q(valid_until__lt=today), "due_soon": Q(valid_until__gte=today, valid_until__lte=horizon)},
         "valid_until",
         {"overdue": _("已过期"), "due_soon": _("%(days)s日内到期") % {"days": rules.CERTIFICATE_WARNING_DAYS}},
         _("证件有效期至"), _("《行政处罚法》第四十二条")),
    )


def alerts(township, today: datetime.date | None = None) -> list[dict]:
    """Key tasks and issues overdue or due within 30 days, certificates expired or expiring within 90 days."""
    today = today or timezone.localdate()
    found = []
    for kind, kind_label, ledger, queryset, conditions, due_field, labels, rule, article in _sources(today):
        # one query per kind of record: each record's status is the one whose condition it meets
        records = queryset.filter(township=township).filter(conditions["overdue"] | conditions["due_soon"]).annotate(
            is_overdue=Case(When(conditions["overdue"], then=True), default=False, output_field=BooleanField()))
        if kind == "certificate":
            records = records.select_related("holder")
        for record in records:
            status = "overdue" if record.is_overdue else "due_soon"
            found.append({
                "kind": kind, "kind_label": kind_label, "label": str(record), "rule": rule, "article": article,
                "due": getattr(record, due_field), "status": status, "status_label": labels[status],
                "village": "", "url": detail_url(ledger, record.pk),
            })
    found.sort(key=lambda item: (item["due"], item["label"]))
    return found


def alert_counts(townships, today: datetime.date | None = None) -> dict[int, dict[str, int]]:
    """How many of alerts() are overdue and due soon, per township, in one query whatever the number of townships."""
    today = today or timezone.localdate()
    ids = ids_of(townships)
    parts = {f"{kind}_{status}": (queryset.filter(conditions[status]), Count("id"))
             for kind, _label, _ledger, queryset, conditions, *_rest in _sources(today) for status in ALERT_STATUSES}
    counts = _counted(ids, **parts)
    return {pk: {status: sum(value for name, value in found.items() if name.endswith(f"_{status}"))
                 for status in ALERT_STATUSES} for pk, found in counts.items()}
