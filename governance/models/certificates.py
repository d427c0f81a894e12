"""行政执法证件 (enforcement certificates): who may enforce, from when to when (《行政处罚法》第四十二条).

The enforcement area asks two things of it: ``Certificate.objects.valid_on(date)`` and
``valid_certificate(person, on_date)``. Validity is decided in governance.rules.certificate_valid_on and,
for querysets, in valid_on_q; tests keep the two equal.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import rules
from township.fields import EventDateField, PlannedDateField
from township.ledger.widgets import clean_text
from township.models import LiveManager, Person, TownshipRecord, unique_live


def valid_on_q(date: datetime.date, prefix: str = "") -> Q:
    """The certificates valid on a date (rules.certificate_valid_on in SQL); prefix for a related lookup."""
    p = prefix
    return Q(**{f"{p}issued_on__lte": date, f"{p}valid_until__gte": date}) & (
        Q(**{f"{p}status__in": rules.IN_FORCE_STATUSES})
        | Q(**{f"{p}status__in": rules.WITHDRAWN_STATUSES, f"{p}status_changed_on__gt": date})
    )


def hours_reference_date(year: int, today: datetime.date) -> datetime.date:
    """The day whose certificate holders owe the year's training hours: 31 December, or today in the current year."""
    return min(datetime.date(year, 12, 31), today)


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, date: datetime.date):
        """Certificates valid on the date: within their period, not cancelled or suspended by then."""
        return self.filter(valid_on_q(date))

    def with_year_hours(self, year: int):
        """Annotated with ``year_hours``: the 学时 of the trainings of the year the holder attended (by name)."""
        from governance.models.study import Training

        attended = (
            Training.attendees.through.objects
            .filter(person=OuterRef("holder"), training__date__year=year, training__deleted_at__isnull=True)
            .order_by().values("person").annotate(total=Sum("training__hours")).values("total")
        )
        zero = Value(0, output_field=DecimalField(max_digits=7, decimal_places=1))
        return self.annotate(year_hours=Coalesce(Subquery(attended), zero), hours_year=Value(year))

    def under_hours(self, year: int, today: datetime.date):
        """Certificates valid at the year's reference date whose holder studied less than the yearly hours."""
        queryset = self if "year_hours" in self.query.annotations else self.with_year_hours(year)
        return queryset.filter(valid_on_q(hours_reference_date(year, today)),
                               year_hours__lt=rules.officer_training_hours())

    def superseded(self):
        """Certificates whose holder has a later certificate (a renewal): their expiry raises no alert."""
        later = Certificate.objects.filter(
            township=OuterRef("township"), holder=OuterRef("holder"), issued_on__gt=OuterRef("issued_on")
        )
        return self.filter(Exists(later))

    def current(self):
        """Not superseded and not withdrawn: the certificates whose expiry matters."""
        later = Certificate.objects.filter(
            township=OuterRef("township"), holder=OuterRef("holder"), issued_on__gt=OuterRef("issued_on")
        )
        return self.filter(status__in=rules.IN_FORCE_STATUSES).exclude(Exists(later))

    def alerting(self, kind: str, today: datetime.date):
        """The records whose badge is of this kind (township.ledger.filters.AlertFilter): overdue = expired,
        due_soon = expiring within CERTIFICATE_WARNING_DAYS, defect = withdrawn without a date."""
        if kind == "overdue":
            return self.current().filter(valid_until__lt=today)
        if kind == "due_soon":
            horizon = today + datetime.timedelta(days=rules.CERTIFICATE_WARNING_DAYS)
            return self.current().filter(valid_until__gte=today, valid_until__lte=horizon)
        if kind == "defect":
            return self.filter(status__in=rules.WITHDRAWN_STATUSES, status_changed_on__isnull=True)
        raise ValueError(kind)


class Certificate(TownshipRecord):
    """One enforcement certificate of a person on the roster."""

    class Status(models.TextChoices):
        VALID = rules.CERTIFICATE_VALID, _("有效")
        EXPIRED = rules.CERTIFICATE_EXPIRED, _("过期")
        CANCELLED = rules.CERTIFICATE_CANCELLED, _("注销")
        SUSPENDED = rules.CERTIFICATE_SUSPENDED, _("暂扣")

    class ReviewResult(models.TextChoices):
        PASSED = rules.REVIEW_PASSED, _("已审验")
        FAILED = rules.REVIEW_FAILED, _("审验不合格")

    holder = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("持证人"))
    number = models.CharField(_("执法证号"), max_length=40)
    category = models.CharField(_("执法类别"), max_length=40, blank=True)
    issuing_authority = models.CharField(_("发证机关"), max_length=60, blank=True)
    issued_on = EventDateField(_("发证日期"))
    valid_until = PlannedDateField(_("有效期至"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.VALID)
    status_changed_on = EventDateField(
        _("状态变更日期"), null=True, blank=True, help_text=_("注销、暂扣之日：此日起证件不再有效")
    )
    status_reason = models.CharField(_("状态变更原因"), max_length=200, blank=True)
    review_year = models.PositiveSmallIntegerField(
        _("审验年度"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    review_result = models.CharField(_("年度审验结果"), max_length=8, choices=ReviewResult.choices, blank=True)
    review_note = models.CharField(_("年度审验说明"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = LiveManager.from_queryset(CertificateQuerySet)()
    all_objects = models.Manager.from_queryset(CertificateQuerySet)()

    name_field = "number"  # how other sheets name a certificate (township.ledger.widgets.NamedRecordWidget)

    class Meta:
        verbose_name = _("行政执法证件")
        verbose_name_plural = _("行政执法证件台账")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["township", "holder", "issued_on"], name="certificate_township_holder"),
            models.Index(fields=["township", "valid_until"], name="certificate_township_until"),
        ]
        constraints = [
            unique_live("number", name="certificate_unique_number", message=_("本镇已有相同执法证号的证件。")),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("issued_on")), name="certificate_valid_after_issued",
                violation_error_message=_("有效期至不能早于发证日期。"),
            ),
        ]

    def __str__(self):
        holder = self.holder.name if self.holder_id else ""
        return f"{holder} {self.number}".strip()

    def clean(self):
        """Block impossible dates; a withdrawal without its date is refused in the form, flagged on import."""
        self.number = clean_text(self.number).replace(" ", "").upper()
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            add("valid_until", gettext("有效期至（%(until)s）不能早于发证日期（%(issued)s）。")
                % {"until": self.valid_until, "issued": self.issued_on})
        if self.status_changed_on and self.issued_on and self.status_changed_on < self.issued_on:
            add("status_changed_on", gettext("状态变更日期不能早于发证日期。"))
        if (self.status in rules.WITHDRAWN_STATUSES and not self.status_changed_on
                and not getattr(self, "imported_from_sheet", False)):
            add("status_changed_on", gettext("证件%(status)s的，请填写%(status)s日期（此日起证件不再有效）。")
                % {"status": self.get_status_display()})
        if self.review_result and not self.review_year:
            add("review_year", gettext("请填写审验年度。"))
        if self.review_year and self.issued_on and self.review_year < self.issued_on.year:
            add("review_year", gettext("审验年度不能早于发证年度。"))
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, date: datetime.date) -> bool:
        return rules.certificate_valid_on(status=self.status, status_changed_on=self.status_changed_on,
                                          issued_on=self.issued_on, valid_until=self.valid_until, on=date)

    def hours_owed(self, year: int, today: datetime.date) -> bool:
        """Does this certificate's holder owe the year's training hours (the certificate is valid then)?"""
        return self.is_valid_on(hours_reference_date(year, today))

    def year_hours_display(self):
        hours = getattr(self, "year_hours", None)
        return "" if hours is None else f"{hours.normalize():f}"

    year_hours_display.short_description = _("本年度学时")

    def review_display(self) -> str:
        return rules.review_cell(self.review_year, self.review_result, self.review_note)

    review_display.short_description = _("年度审验")


def valid_certificate(person: Person, on_date: datetime.date) -> Certificate | None:
    """The person's certificate valid on the date (the one valid longest when several are), else None —
    what an enforcement step needs of each of its officers (《行政处罚法》第四十二条)."""
    if person is None or on_date is None:
        return None
    return (Certificate.objects.filter(township_id=person.township_id, holder=person).valid_on(on_date)
            .order_by("-valid_until", "-issued_on", "-id").first())
