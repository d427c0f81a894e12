"""矛盾纠纷 (disputes): registered, mediated, closed — 《人民调解法》, 《人民调解工作若干规定》."""

import datetime
import functools
import operator

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from disputes import rules
from township.fields import EventDateField
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE, Alert, deadline_alert
from township.ledger.widgets import split_names
from township.models import LiveManager, TownshipRecord, Village, unique_live
from township.numbering import Numbering
from township.personal import normalise_id_number, normalise_phone, validate_id_number, validate_phone
from township.workdays import (
    DUE_SOON_DAYS,
    Deadline,
    SharedCalendarQuerySet,
    StoredDueDates,
    WorkCalendar,
)

PENDING = rules.DISPUTE_PENDING_STATUSES


class DisputeQuerySet(SharedCalendarQuerySet):
    """Disputes by badge state, from the due dates stored on each record (rules.py computes them)."""

    def pending(self):
        return self.filter(status__in=PENDING)

    def alerting(self, kind: str, today: datetime.date):
        return self.filter(dispute_alert_q(kind, today))


def dispute_deadline_alert_qs(kind: str, today: datetime.date) -> list[Q]:
    """One Q per deadline that Dispute.alerts(today) watches (the mediation period): the records whose
    deadline is past (kind overdue) or within 7 days (due_soon). A record has one alert per deadline in
    that state, so counting each Q counts the alerts (disputes.stats.alert_counts). The stored due date
    is already rolled off rest days (《民法典》第二百零三条)."""
    pending = Q(status__in=PENDING, mediation_due_on__isnull=False)
    if kind == OVERDUE:
        return [pending & Q(mediation_due_on__lt=today)]
    if kind == DUE_SOON:
        return [pending & Q(
            mediation_due_on__gte=today, mediation_due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )]
    raise ValueError(kind)


def dispute_alert_q(kind: str, today: datetime.date) -> Q:
    """The records that Dispute.alerts(today) gives an alert of this kind (kept equal by tests)."""
    if kind in (OVERDUE, DUE_SOON):
        return functools.reduce(operator.or_, dispute_deadline_alert_qs(kind, today))
    if kind == DEFECT:
        return (
            Q(closed_on__isnull=False, closed_on__gt=F("mediation_due_on"))
            | Q(risk_level=rules.RISK_HIGH, referred_to_police=False)
            | Q(agreement_form=rules.AGREEMENT_WRITTEN, agreement_terms="")
            | Q(status=rules.DISPUTE_FAILED, failure_advice="")
            | Q(judicial_confirmation=True, judicial_confirmation_on__gt=F("judicial_confirmation_due_on"))
        )
    raise ValueError(kind)


class Dispute(StoredDueDates, TownshipRecord):
    number = models.CharField(_("编号"), max_length=40, blank=True, help_text=_("留空则自动编号"))
    registered_on = EventDateField(_("排查（受理）日期"))
    source = models.CharField(_("纠纷来源"), max_length=20, choices=rules.DisputeSource.choices)
    category = models.CharField(_("纠纷类型"), max_length=20, choices=rules.DisputeType.choices)
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="disputes", verbose_name=_("所在村（社区）")
    )
    grid = models.CharField(_("网格"), max_length=40, blank=True)
    party_name = models.CharField(_("当事人"), max_length=60)
    party_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    party_id_number = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[validate_id_number])
    other_party = models.CharField(_("对方当事人"), max_length=60, blank=True)
    summary = models.TextField(_("纠纷简要情况"), blank=True)
    amount = models.DecimalField(
        _("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    risk_level = models.CharField(
        _("风险等级"), max_length=20, choices=rules.RiskLevel.choices, default=rules.RISK_LOW
    )
    referred_to_police = models.BooleanField(
        _("已报告公安机关"), default=False, help_text=_("可能激化的纠纷应向当地公安机关报告（《人民调解法》第二十五条）")
    )
    mediators = models.ManyToManyField(
        "disputes.Mediator", blank=True, related_name="disputes", verbose_name=_("调解员")
    )
    other_mediators = models.CharField(
        _("其他调解员"), max_length=100, blank=True, help_text=_("不在调解员名册中的调解员姓名，用“、”分隔")
    )
    status = models.CharField(
        _("调解状态"), max_length=20, choices=rules.DisputeStatus.choices, default=rules.DISPUTE_REGISTERED
    )
    mediation_started_on = EventDateField(_("开始调解日期"), null=True, blank=True)
    closed_on = EventDateField(_("结案日期"), null=True, blank=True)
    agreement_form = models.CharField(
        _("协议形式"), max_length=20, blank=True, choices=rules.AgreementForm.choices
    )
    agreement_terms = models.TextField(
        _("协议内容"), blank=True,
        help_text=_("书面协议载明当事人、纠纷事实、协议内容、履行方式和期限；口头协议记录协议内容（《人民调解法》第二十八至三十条）"),
    )
    failure_advice = models.TextField(
        _("告知其他救济途径情况"), blank=True,
        help_text=_("调解不成的，告知当事人可通过仲裁、行政、司法等途径维权（《人民调解法》第二十六条）"),
    )
    referred_to = models.CharField(_("转办单位"), max_length=60, blank=True)
    judicial_confirmation = models.BooleanField(_("是否申请司法确认"), default=False)
    judicial_confirmation_on = EventDateField(_("申请司法确认日期"), null=True, blank=True)
    followup_on = EventDateField(_("回访日期"), null=True, blank=True)
    followup_performance = models.CharField(
        _("履行情况"), max_length=20, blank=True, choices=rules.Performance.choices
    )
    followup_satisfaction = models.CharField(
        _("回访满意度"), max_length=20, blank=True, choices=rules.Satisfaction.choices
    )
    followup_note = models.CharField(_("回访情况"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # Due dates as rules.py computes them, kept on save and on calendar changes (docs/decisions/0018), so
    # that list filters and figures compare plain columns.
    mediation_due_on = models.DateField(_("调解期限"), null=True, blank=True, editable=False)
    judicial_confirmation_due_on = models.DateField(_("司法确认申请期限"), null=True, blank=True, editable=False)

    village_field = "village"
    # PIPL Art. 28: shown masked unless revealed (township.ledger reads this through the ledger).
    personal_fields = {"party_phone": "phone", "party_id_number": "id_number"}
    numbering = Numbering(date_field="registered_on", prefix="TJ")
    STORED_DUE_DATES = ("mediation_due_on", "judicial_confirmation_due_on")

    objects = LiveManager.from_queryset(DisputeQuerySet)()
    all_objects = models.Manager.from_queryset(DisputeQuerySet)()

    class Meta:
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷排查化解台账")
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["township", "registered_on"], name="dispute_township_registered"),
            models.Index(fields=["township", "status", "registered_on"], name="dispute_township_status"),
            models.Index(fields=["township", "village", "registered_on"], name="dispute_township_village"),
            # The county dashboard counts many townships at once (disputes.stats): without statistics
            # SQLite reads "township_id IN (...) AND deleted_at IS NULL" through the deleted_at index, i.e.
            # every live record. Indexes that lead with deleted_at, then township, serve those counts.
            models.Index(fields=["deleted_at", "township", "registered_on", "status"], name="dispute_live_township_year"),
            models.Index(fields=["deleted_at", "township", "status", "registered_on"], name="dispute_live_township_status"),
            # the alerts of many townships at once: the pending disputes by due date (disputes.stats)
            models.Index(fields=["deleted_at", "township", "status", "mediation_due_on"], name="dispute_live_township_due"),
        ]
        constraints = [unique_live("number", name="dispute_unique_number", message=_("本镇已有相同编号的矛盾纠纷。"))]

    def __str__(self):
        if not self.number:
            return gettext("新矛盾纠纷")
        return gettext("%(number)s %(category)s纠纷") % {"number": self.number, "category": self.get_category_display()}

    # --- what a clerk types, kept in one form -----------------------------------------------------

    def clean(self):
        """Block impossible states (《人民调解法》第二十六、二十八至三十条); names the field at fault."""
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        for field in ("party_name", "other_party", "grid", "agreement_terms", "failure_advice"):
            setattr(self, field, (getattr(self, field) or "").strip())
        # the names as a sheet reads them back ("张三; 李四" → "张三、李四"), so the ledger's export re-imports unchanged
        self.other_mediators = "、".join(split_names(self.other_mediators))
        self.party_phone = normalise_phone(self.party_phone)
        self.party_id_number = normalise_id_number(self.party_id_number)
        registered = self.registered_on
        if registered and self.mediation_started_on and self.mediation_started_on < registered:
            add("mediation_started_on", gettext("开始调解日期（%(started)s）不能早于排查（受理）日期（%(date)s）。")
                % {"started": self.mediation_started_on, "date": registered})
        if registered and self.closed_on and self.closed_on < registered:
            add("closed_on", gettext("结案日期不能早于排查（受理）日期（%(date)s）。") % {"date": registered})
        if self.closed_on and self.mediation_started_on and self.closed_on < self.mediation_started_on:
            add("closed_on", gettext("结案日期不能早于开始调解日期（%(date)s）。") % {"date": self.mediation_started_on})
        if self.status in rules.DISPUTE_CLOSED_STATUSES and not self.closed_on:
            add("closed_on", gettext("调解状态为“%(status)s”时须填写结案日期。") % {"status": self.get_status_display()})
        if self.closed_on and self.status in PENDING:
            add("status", gettext("已填写结案日期，请选择调解结果（调解成功、调解不成、终止或转办）。"))
        if self.agreement_form and self.status != rules.DISPUTE_SUCCEEDED:
            add("agreement_form", gettext("只有调解成功的纠纷才有调解协议，请清空协议形式或修改调解状态。"))
        if self.judicial_confirmation and self.status != rules.DISPUTE_SUCCEEDED:
            add("judicial_confirmation", gettext("只有调解成功的纠纷才能申请司法确认。"))
        if self.judicial_confirmation_on and not self.judicial_confirmation:
            self.judicial_confirmation = True
        if self.judicial_confirmation_on and self.closed_on and self.judicial_confirmation_on < self.closed_on:
            add("judicial_confirmation_on", gettext("申请司法确认日期不能早于调解协议达成（结案）日期。"))
        if self.followup_on and self.closed_on and self.followup_on < self.closed_on:
            add("followup_on", gettext("回访日期不能早于结案日期。"))
        if self.followup_on and not self.closed_on:
            add("followup_on", gettext("结案后才能回访，请先填写结案日期。"))
        # Ledger sheets carry no column for the terms or the advice: imported rows are flagged, not refused.
        if not getattr(self, "imported_from_sheet", False):
            for message in rules.written_agreement_needs_terms(self.agreement_form, self.agreement_terms):
                add("agreement_terms", message)
            for message in rules.failed_mediation_needs_advice(self.status, self.failure_advice):
                add("failure_advice", message)
        if errors:
            raise ValidationError(errors)

    # --- deadlines and defects, from rules.py -------------------------------------------------------

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    def mediation_deadline(self, calendar: WorkCalendar | None = None) -> Deadline:
        done_on = None if self.is_pending else self.closed_on
        return rules.dispute_mediation_deadline(
            self.registered_on, done_on=done_on, calendar=calendar or self.work_calendar()
        )

    def judicial_confirmation_deadline(self, calendar: WorkCalendar | None = None) -> Deadline | None:
        if self.status != rules.DISPUTE_SUCCEEDED or not self.closed_on:
            return None
        done_on = self.judicial_confirmation_on if self.judicial_confirmation else None
        return rules.judicial_confirmation_deadline(
            self.closed_on, done_on=done_on, calendar=calendar or self.work_calendar()
        )

    def compute_due_dates(self, calendar: WorkCalendar) -> dict[str, datetime.date | None]:
        """The STORED_DUE_DATES as rules.py computes them with this calendar."""
        judicial = self.judicial_confirmation_deadline(calendar)
        return {
            "mediation_due_on": self.mediation_deadline(calendar).due,
            "judicial_confirmation_due_on": judicial.due if judicial else None,
        }

    def deadlines(self, today: datetime.date, calendar: WorkCalendar | None = None) -> list[Deadline]:
        """What the detail page lists: mediation, and the judicial-confirmation window while it matters."""
        calendar = calendar or self.work_calendar()
        result = [self.mediation_deadline(calendar)]
        judicial = self.judicial_confirmation_deadline(calendar)
        if judicial is not None and (judicial.done_on or today <= judicial.due):
            result.append(judicial)
        return result

    def defects(self, today: datetime.date, calendar: WorkCalendar | None = None) -> list[tuple[str, str]]:
        """(badge, message) of each flagged defect."""
        calendar = calendar or self.work_calendar()
        found = []
        if self.closed_on:
            found += [(gettext("调解超过一个月"), m)
                      for m in rules.dispute_open_too_long(self.registered_on, self.closed_on, today, calendar=calendar)]
        found += [(gettext("高风险未报公安"), m)
                  for m in rules.high_risk_without_police_referral(self.risk_level, self.referred_to_police)]
        found += [(gettext("书面协议缺内容"), m)
                  for m in rules.written_agreement_needs_terms(self.agreement_form, self.agreement_terms)]
        found += [(gettext("未告知救济途径"), m) for m in rules.failed_mediation_needs_advice(self.status, self.failure_advice)]
        judicial = self.judicial_confirmation_deadline(calendar)
        if judicial is not None and judicial.met is False:
            found.append((gettext("司法确认申请超期"),
                          gettext("调解协议生效后30日内申请司法确认，实际申请于%(date)s（%(article)s）。")
                          % {"date": self.judicial_confirmation_on, "article": judicial.article}))
        return found

    def alerts(self, today: datetime.date, calendar: WorkCalendar | None = None) -> list[Alert]:
        calendar = calendar or self.work_calendar()
        result = []
        if self.is_pending:
            alert = deadline_alert(self.mediation_deadline(calendar), today, gettext("调解"))
            if alert is not None:
                result.append(alert)
        result += [Alert(DEFECT, label, message) for label, message in self.defects(today, calendar)]
        return result

    # --- display ---------------------------------------------------------------------------------

    def mediator_names(self, roster=None) -> list[str]:
        """Everyone who mediated: the roster's mediators (as prefetched, when given), then the others named in the
        record."""
        names = [mediator.person.name for mediator in (self.mediators.all() if roster is None else roster)]
        names += [name for name in split_names(self.other_mediators) if name not in names]
        return names

    def get_mediators_display(self) -> str:
        return "、".join(mediator.person.name for mediator in self.mediators.all())

