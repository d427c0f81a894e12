"""信访事项 (petitions): received, accepted, closed within the statutory period — 《信访工作条例》(2022)."""

import datetime
import functools
import operator

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from disputes import rules
from township.fields import EventDateField
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE, Alert, deadline_alert
from township.models import LiveManager, TownshipRecord, Village, unique_live
from township.numbering import Numbering
from township.personal import normalise_phone, validate_phone
from township.workdays import (
    DUE_SOON_DAYS,
    Deadline,
    SharedCalendarQuerySet,
    StoredDueDates,
    WorkCalendar,
)

ANONYMOUS = "匿名"


def closing_due_expression():
    """The closing deadline in SQL: accepted + 60 days + the extension (at most 30), rolled off rest days
    (《信访工作条例》第三十四条, 《民法典》第二百零三条), as stored on the record."""
    return F("closing_due_on")


class PetitionQuerySet(SharedCalendarQuerySet):
    def accepted_in(self, year: int):
        return self.filter(acceptance=rules.PETITION_ACCEPTED, accepted_on__year=year)

    def alerting(self, kind: str, today: datetime.date):
        return self.filter(petition_alert_q(kind, today))

    def closing(self, state: str, today: datetime.date):
        return self.filter(closing_q(state, today))


def _window(field: str, kind: str, today: datetime.date) -> Q:
    """The stored due date in field is past (overdue) or within DUE_SOON_DAYS (due_soon)."""
    if kind == OVERDUE:
        return Q(**{f"{field}__lt": today})
    return Q(**{f"{field}__gte": today, f"{field}__lte": today + datetime.timedelta(days=DUE_SOON_DAYS)})


def petition_deadline_alert_qs(kind: str, today: datetime.date) -> list[Q]:
    """One Q per deadline that Petition.alerts(today) watches — the acceptance notice, closing, the
    复查 reply and the 复核 reply, in that order: the records whose deadline is past (kind overdue) or
    within 7 days (due_soon). A record has one alert per deadline in that state, so counting each Q
    counts the alerts (disputes.stats.alert_counts). The stored due dates are already rolled off rest
    days (《民法典》第二百零三条)."""
    if kind not in (OVERDUE, DUE_SOON):
        raise ValueError(kind)
    awaiting_decision = Q(received_on__isnull=False, notice_on__isnull=True, accepted_on__isnull=True)
    being_handled = Q(acceptance=rules.PETITION_ACCEPTED, accepted_on__isnull=False, closed_on__isnull=True)
    review_open = Q(review_requested_on__isnull=False, review_replied_on__isnull=True)
    re_review_open = Q(re_review_requested_on__isnull=False, re_review_replied_on__isnull=True)
    return [
        awaiting_decision & _window("acceptance_due_on", kind, today),
        being_handled & _window("closing_due_on", kind, today),
        review_open & _window("review_reply_due_on", kind, today),
        re_review_open & _window("re_review_reply_due_on", kind, today),
    ]


def petition_alert_q(kind: str, today: datetime.date) -> Q:
    """The records that Petition.alerts(today) gives an alert of this kind (kept equal by tests)."""
    if kind in (OVERDUE, DUE_SOON):
        return functools.reduce(operator.or_, petition_deadline_alert_qs(kind, today))
    if kind == DEFECT:
        return (
            Q(GreaterThan(Coalesce("notice_on", "accepted_on"), F("acceptance_due_on")))
            | Q(acceptance=rules.PETITION_ACCEPTED, closed_on__gt=closing_due_expression())
            | Q(people_count__gt=rules.GROUP_VISIT_MAX_REPRESENTATIVES)
            | Q(review_replied_on__gt=F("review_reply_due_on"))
            | Q(re_review_replied_on__gt=F("re_review_reply_due_on"))
        )
    raise ValueError(kind)


CLOSING_OPEN = "open"
CLOSING_CLOSED = "closed"
CLOSING_ON_TIME = "on_time"
CLOSING_LATE = "late"
CLOSING_DUE = "due"
CLOSING_CHOICES = [
    (CLOSING_OPEN, _("未办结")),
    (CLOSING_CLOSED, _("已办结")),
    (CLOSING_ON_TIME, _("按期办结")),
    (CLOSING_LATE, _("超期办结")),
    (CLOSING_DUE, _("应办结（已办结或已过办理期限）")),
]


def closing_q(state: str, today: datetime.date) -> Q:
    """Accepted petitions by where they stand against their closing deadline."""
    accepted = Q(acceptance=rules.PETITION_ACCEPTED, accepted_on__isnull=False)
    if state == CLOSING_OPEN:
        return accepted & Q(closed_on__isnull=True)
    if state == CLOSING_CLOSED:
        return accepted & Q(closed_on__isnull=False)
    if state == CLOSING_ON_TIME:
        return accepted & Q(closed_on__isnull=False, closed_on__lte=closing_due_expression())
    if state == CLOSING_LATE:
        return accepted & Q(closed_on__isnull=False, closed_on__gt=closing_due_expression())
    if state == CLOSING_DUE:
        return accepted & (Q(closed_on__isnull=False) | Q(closing_due_on__lt=today))
    raise ValueError(state)


class Petition(StoredDueDates, TownshipRecord):
    number = models.CharField(_("信访编号"), max_length=40, blank=True, help_text=_("留空则自动编号"))
    received_on = EventDateField(_("来信来访日期"))
    channel = models.CharField(_("渠道"), max_length=20, choices=rules.PetitionChannel.choices)
    anonymous = models.BooleanField(_("匿名"), default=False)
    petitioner_name = models.CharField(_("信访人"), max_length=60, blank=True)
    people_count = models.PositiveSmallIntegerField(
        _("人数"), default=1, help_text=_("多人走访应推选代表，代表不超过5人（《信访工作条例》第二十条）")
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
        verbose_name=_("所在村（社区）"),
    )
    content = models.TextField(_("信访事项"))
    category = models.CharField(_("问题类别"), max_length=20, choices=rules.PetitionCategory.choices)
    acceptance = models.CharField(
        _("受理情况"), max_length=20, blank=True, choices=rules.PetitionDecision.choices,
        help_text=_("15日内决定受理、不予受理或转送，并书面告知信访人（《信访工作条例》第二十二、二十三条）"),
    )
    accepted_on = EventDateField(_("受理日期"), null=True, blank=True)
    notice_on = EventDateField(_("受理告知日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期天数"), default=0)
    extension_reason = models.CharField(_("延期理由"), max_length=200, blank=True)
    extension_approver = models.CharField(_("延期批准人"), max_length=40, blank=True)
    closed_on = EventDateField(_("办结日期"), null=True, blank=True)
    reply_number = models.CharField(_("处理意见书编号"), max_length=60, blank=True)
    satisfaction = models.CharField(
        _("满意度"), max_length=20, blank=True, choices=rules.Satisfaction.choices
    )
    review_stage = models.CharField(
        _("复查/复核"), max_length=20, blank=True, choices=rules.ReviewStage.choices
    )
    review_requested_on = EventDateField(_("申请复查日期"), null=True, blank=True)
    review_replied_on = EventDateField(_("复查意见日期"), null=True, blank=True)
    re_review_requested_on = EventDateField(_("申请复核日期"), null=True, blank=True)
    re_review_replied_on = EventDateField(_("复核意见日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # Due dates as rules.py computes them, kept on save and on calendar changes (docs/decisions/0018), so
    # that list filters and figures compare plain columns.
    acceptance_due_on = models.DateField(_("受理告知期限"), null=True, blank=True, editable=False)
    closing_due_on = models.DateField(_("办理期限"), null=True, blank=True, editable=False)
    review_reply_due_on = models.DateField(_("复查意见期限"), null=True, blank=True, editable=False)
    re_review_reply_due_on = models.DateField(_("复核意见期限"), null=True, blank=True, editable=False)

    village_field = "village"
    personal_fields = {"phone": "phone"}
    numbering = Numbering(date_field="received_on", prefix="XF")
    STORED_DUE_DATES = ("acceptance_due_on", "closing_due_on", "review_reply_due_on", "re_review_reply_due_on")

    objects = LiveManager.from_queryset(PetitionQuerySet)()
    all_objects = models.Manager.from_queryset(PetitionQuerySet)()

    class Meta:
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项登记台账")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["township", "received_on"], name="petition_township_received"),
            models.Index(fields=["township", "accepted_on"], name="petition_township_accepted"),
            models.Index(fields=["township", "village", "received_on"], name="petition_township_village"),
            # the county dashboard's counts of many townships at once (see Dispute.Meta.indexes)
            models.Index(fields=["deleted_at", "township", "accepted_on"], name="petition_live_township_accept"),
            # The alerts (disputes.stats, the 状态提示 filter): one small partial index per running deadline, each
            # holding only the records whose deadline still runs, so that the OR of the four is four index
            # searches (SQLite's multi-index OR, PostgreSQL's BitmapOr) instead of a scan of every petition.
            models.Index(fields=["deleted_at", "township", "acceptance_due_on"], name="petition_undecided_due",
                         condition=Q(notice_on__isnull=True, accepted_on__isnull=True)),
            models.Index(fields=["deleted_at", "township", "closing_due_on"], name="petition_open_closing_due",
                         condition=Q(accepted_on__isnull=False, closed_on__isnull=True)),
            models.Index(fields=["deleted_at", "township", "review_reply_due_on"], name="petition_review_open_due",
                         condition=Q(review_requested_on__isnull=False, review_replied_on__isnull=True)),
            models.Index(fields=["deleted_at", "township", "re_review_reply_due_on"], name="petition_re_review_open_due",
                         condition=Q(re_review_requested_on__isnull=False, re_review_replied_on__isnull=True)),
        ]
        constraints = [unique_live("number", name="petition_unique_number", message=_("本镇已有相同信访编号的信访事项。"))]

    def __str__(self):
        if not self.number:
            return gettext("新信访事项")
        return gettext("%(number)s %(category)s类信访") % {"number": self.number, "category": self.get_category_display()}

    def clean(self):
        """Block impossible states (《信访工作条例》第二十二、三十四、三十六条); names the field at fault."""
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        def label(field):
            return self._meta.get_field(field).verbose_name

        self.petitioner_name = (self.petitioner_name or "").strip()
        if self.petitioner_name == ANONYMOUS:
            self.anonymous, self.petitioner_name = True, ""
        if not self.anonymous and not self.petitioner_name:
            add("petitioner_name", gettext("请填写信访人姓名；匿名信访请勾选“匿名”。"))
        self.phone = normalise_phone(self.phone)
        if self.accepted_on and not self.acceptance:
            self.acceptance = rules.PETITION_ACCEPTED
        order = [  # (later, earlier): the later step cannot come before the earlier one
            ("accepted_on", "received_on"), ("notice_on", "received_on"), ("closed_on", "accepted_on"),
            ("closed_on", "received_on"), ("review_requested_on", "closed_on"),
            ("review_replied_on", "review_requested_on"), ("re_review_requested_on", "review_replied_on"),
            ("re_review_replied_on", "re_review_requested_on"),
        ]
        for later, earlier in order:
            later_value, earlier_value = getattr(self, later), getattr(self, earlier)
            if later_value and earlier_value and later_value < earlier_value and later not in errors:
                add(later, gettext("%(later)s不能早于%(earlier)s（%(date)s）。")
                    % {"later": label(later), "earlier": label(earlier), "date": earlier_value})
        if self.acceptance == rules.PETITION_ACCEPTED and not self.accepted_on:
            add("accepted_on", gettext("受理情况为“受理”时须填写受理日期。"))
        if self.accepted_on and self.acceptance != rules.PETITION_ACCEPTED:
            add("accepted_on", gettext("受理情况为“%(decision)s”的信访事项不填写受理日期。") % {"decision": self.get_acceptance_display()})
        if self.closed_on and self.acceptance != rules.PETITION_ACCEPTED:
            add("closed_on", gettext("只有已受理的信访事项才能办结，请先填写受理情况和受理日期。"))
        extension = rules.petition_extension_errors(self.extension_days, self.extension_reason, self.extension_approver)
        for part, field in (("days", "extension_days"), ("reason", "extension_reason"), ("approver", "extension_approver")):
            for message in extension.get(part, []):
                add(field, message)
        if self.extension_days and not self.accepted_on:
            add("extension_days", gettext("受理后才能延期。"))
        if self.satisfaction and not self.closed_on:
            add("satisfaction", gettext("办结后才能评价满意度。"))
        self._clean_review(add)
        if errors:
            raise ValidationError(errors)

    def _clean_review(self, add):
        """复查 and 复核 follow a written reply; nothing re-opens after 复核 (《信访工作条例》第三十五、三十六条)."""
        if (self.review_requested_on or self.review_replied_on) and not self.review_stage:
            self.review_stage = rules.REVIEW
        if self.re_review_requested_on or self.re_review_replied_on:
            self.review_stage = rules.RE_REVIEW
        if self.review_stage and not self.closed_on:
            add("review_stage", gettext("信访事项办结（出具处理意见书）后才能申请复查、复核。"))
        if not self.pk:
            return
        before = Petition.all_objects.filter(pk=self.pk).values("review_stage", "closed_on").first()
        if before is None or rules.can_reopen_after_re_review(before["review_stage"]):
            return
        if self.review_stage != rules.RE_REVIEW:
            add("review_stage", gettext("该信访事项已经复核，复核意见为最终意见，不得撤回复核或重新受理（《信访工作条例》第三十六条）。"))
        if before["closed_on"] and self.closed_on != before["closed_on"]:
            add("closed_on", gettext("该信访事项已经复核，不得重新打开或更改办结日期（《信访工作条例》第三十六条）。"))

    # --- deadlines and defects, from rules.py -------------------------------------------------------

    @property
    def is_accepted(self) -> bool:
        return self.acceptance == rules.PETITION_ACCEPTED and self.accepted_on is not None

    def acceptance_deadline(self, calendar: WorkCalendar | None = None) -> Deadline:
        return rules.petition_acceptance_deadline(
            self.received_on, done_on=self.notice_on or self.accepted_on, calendar=calendar or self.work_calendar()
        )

    def closing_deadline(self, calendar: WorkCalendar | None = None) -> Deadline | None:
        if not self.is_accepted:
            return None
        return rules.petition_closing_deadline(
            self.accepted_on, self.extension_days, done_on=self.closed_on, calendar=calendar or self.work_calendar()
        )

    def closing_due(self) -> datetime.date | None:
        deadline = self.closing_deadline()
        return deadline.due if deadline else None

    closing_due.short_description = _("办理期限")

    def closed_on_time(self) -> bool | None:
        return rules.petition_closed_on_time(self.closed_on, self.closing_deadline())

    def review_reply_deadline(self, calendar: WorkCalendar | None = None) -> Deadline | None:
        if not self.review_requested_on:
            return None
        return rules.review_reply_deadline(
            self.review_requested_on, done_on=self.review_replied_on, calendar=calendar or self.work_calendar()
        )

    def re_review_reply_deadline(self, calendar: WorkCalendar | None = None) -> Deadline | None:
        if not self.re_review_requested_on:
            return None
        return rules.re_review_reply_deadline(
            self.re_review_requested_on, done_on=self.re_review_replied_on, calendar=calendar or self.work_calendar()
        )

    def compute_due_dates(self, calendar: WorkCalendar) -> dict[str, datetime.date | None]:
        """The STORED_DUE_DATES as rules.py computes them with this calendar."""
        deadlines = {
            "acceptance_due_on": self.acceptance_deadline(calendar),
            "closing_due_on": self.closing_deadline(calendar),
            "review_reply_due_on": self.review_reply_deadline(calendar),
            "re_review_reply_due_on": self.re_review_reply_deadline(calendar),
        }
        return {field: deadline.due if deadline else None for field, deadline in deadlines.items()}

    def deadlines(self, today: datetime.date, calendar: WorkCalendar | None = None) -> list[Deadline]:
        """Every deadline of the record, in the order the steps happen (the detail page lists them)."""
        calendar = calendar or self.work_calendar()
        result = [self.acceptance_deadline(calendar)]
        if self.acceptance == rules.PETITION_ROUTED and self.notice_on:
            result.append(rules.petition_routing_objection_deadline(self.notice_on, calendar))
        closing = self.closing_deadline(calendar)
        if closing is not None:
            result.append(closing)
        if self.closed_on:
            window = rules.review_request_deadline(self.closed_on, done_on=self.review_requested_on, calendar=calendar)
            if window.done_on or today <= window.due:
                result.append(window)
        if self.review_requested_on:
            result.append(self.review_reply_deadline(calendar))
        if self.review_replied_on:
            window = rules.re_review_request_deadline(
                self.review_replied_on, done_on=self.re_review_requested_on, calendar=calendar
            )
            if window.done_on or today <= window.due:
                result.append(window)
        if self.re_review_requested_on:
            result.append(self.re_review_reply_deadline(calendar))
        return result

    def defects(self, calendar: WorkCalendar | None = None) -> list[tuple[str, str]]:
        calendar = calendar or self.work_calendar()
        found = []
        acceptance = self.acceptance_deadline(calendar)
        if acceptance.met is False:
            found.append((gettext("受理告知超期"), gettext("应于%(due)s前决定是否受理并书面告知信访人（%(article)s）。")
                          % {"due": acceptance.due, "article": acceptance.article}))
        closing = self.closing_deadline(calendar)
        if closing is not None and closing.met is False:
            found.append((gettext("超期办结"), gettext("办理期限%(due)s，实际办结于%(closed)s（%(article)s）。")
                          % {"due": closing.due, "closed": self.closed_on, "article": closing.article}))
        found += [(gettext("多人走访超5人"), m) for m in rules.group_visit_flag(self.people_count)]
        for deadline, label in ((self.review_reply_deadline(calendar), gettext("复查答复超期")),
                                (self.re_review_reply_deadline(calendar), gettext("复核答复超期"))):
            if deadline is not None and deadline.met is False:
                found.append((label, gettext("%(rule)s为%(due)s（%(article)s）。")
                              % {"rule": deadline.rule, "due": deadline.due, "article": deadline.article}))
        return found

    def alerts(self, today: datetime.date, calendar: WorkCalendar | None = None) -> list[Alert]:
        calendar = calendar or self.work_calendar()
        result = []
        running = [(self.acceptance_deadline(calendar), gettext("受理告知")),
                   (self.closing_deadline(calendar), gettext("办结")),
                   (self.review_reply_deadline(calendar), gettext("复查答复")),
                   (self.re_review_reply_deadline(calendar), gettext("复核答复"))]
        for deadline, subject in running:
            alert = deadline_alert(deadline, today, subject)
            if alert is not None:
                result.append(alert)
        result += [Alert(DEFECT, label, message) for label, message in self.defects(calendar)]
        return result

    # --- display ---------------------------------------------------------------------------------

    def petitioner(self) -> str:
        return gettext("匿名") if self.anonymous else self.petitioner_name

    petitioner.short_description = _("信访人")
