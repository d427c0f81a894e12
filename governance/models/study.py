"""Study, training and exams (report part 一(二)): study sessions and trainings with their attendance and
hours, the year's law exam and its results, and the legal professionals the township brought in."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from township.fields import EventDateField
from township.models import Person, TownshipRecord, unique_live


def validate_hours(value):
    if value is not None and value <= 0:
        raise ValidationError(_("学时须大于0。"), code="hours")


class Training(TownshipRecord):
    """A study session or training (学法培训台账): who attended (named on the roster, or only counted), hours."""

    class Kind(models.TextChoices):
        FIRST_AGENDA = "first_agenda", _("第一议题")
        STUDY_GROUP = "study_group", _("理论学习中心组学习")
        SEMINAR = "seminar", _("专题研讨")
        LECTURE = "lecture", _("专家讲座")
        LAW_TRAINING = "law_training", _("法治专题培训")
        CERTIFICATION = "certification", _("执法资格培训")
        ONLINE = "online", _("线上学习")
        OTHER = "other", _("其他")

    class Method(models.TextChoices):
        THEORY = "theory", _("理论讲授")
        CASE_STUDY = "case_study", _("案例研讨")
        SIMULATION = "simulation", _("模拟执法")

    #: the practical methods part 二 asks about (实战化培训: 案例研讨、模拟执法)
    PRACTICAL_METHODS = (Method.CASE_STUDY, Method.SIMULATION)

    date = EventDateField(_("日期"))
    title = models.CharField(_("学习培训内容"), max_length=200)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    method = models.CharField(_("培训方式"), max_length=12, choices=Method.choices, default=Method.THEORY)
    speaker = models.CharField(_("主讲人"), max_length=64, blank=True)
    laws = models.CharField(_("学习的法律法规"), max_length=200, blank=True, help_text=_("如《宪法》《民法典》"))
    hours = models.DecimalField(
        _("学时"), max_digits=5, decimal_places=1, validators=[validate_hours, MaxValueValidator(Decimal("999"))]
    )
    attendees = models.ManyToManyField(
        Person, blank=True, related_name="trainings", verbose_name=_("参加人员"),
        help_text=_("从人员花名册中选择；每年的学法全覆盖和执法人员学时据此统计"),
    )
    other_attendees = models.CharField(
        _("其他参加人员"), max_length=200, blank=True, help_text=_("不在花名册中的人员姓名，或参加人员范围（如“镇村干部”）")
    )
    headcount = models.PositiveIntegerField(
        _("人次"), null=True, blank=True, validators=[MaxValueValidator(100_000)],
        help_text=_("留空则按所选参加人员和其他参加人员的人数计"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("学法培训")
        verbose_name_plural = _("学法培训台账")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["township", "date", "kind"], name="training_township_date")]
        constraints = [unique_live("date", "title", name="training_unique_title", message=_("同一天已有同名的学习培训。"))]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}" if self.date else self.title

    def get_attendees_display(self) -> str:
        return "、".join(person.name for person in self.attendees.all())

    def attendance_summary(self) -> str:
        """A few names and the head count, from the prefetched attendees: '向桂兰、王正权、田维新等56人次'."""
        everyone = [person.name for person in self.attendees.all()] + [n for n in self.other_attendees.split("、") if n]
        text = "、".join(everyone[:3])
        if self.headcount and (self.headcount > len(everyone[:3]) or len(everyone) > 3):
            text += gettext("等%(count)s人次") % {"count": self.headcount}
        return text

    attendance_summary.short_description = _("参加人员")


class LawExam(TownshipRecord):
    """The year's law exam (年度学法考法) of the township's cadres."""

    date = EventDateField(_("考试日期"))
    title = models.CharField(_("考试名称"), max_length=100)
    pass_mark = models.DecimalField(
        _("合格分数线"), max_digits=4, decimal_places=1, default=Decimal(60),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    name_field = "title"  # how the results sheet names the exam

    class Meta:
        verbose_name = _("学法考法")
        verbose_name_plural = _("年度学法考法")
        ordering = ["-date", "-id"]
        constraints = [unique_live("title", name="lawexam_unique_title", message=_("本镇已有同名的考试。"))]

    def __str__(self):
        return self.title

    def results_summary(self) -> str:
        """Expected, took, passed: annotated by the ledger's list, else counted."""
        if hasattr(self, "expected_total"):
            expected, took, passed = self.expected_total, self.took_total, self.passed_total
        else:
            results = self.results.all()
            expected, took, passed = (results.count(), results.filter(took=True).count(),
                                      results.filter(passed=True).count())
        return gettext("应考 %(expected)s 人，参考 %(took)s 人，合格 %(passed)s 人") % {
            "expected": expected, "took": took, "passed": passed}

    results_summary.short_description = _("考试情况")


class ExamResult(TownshipRecord):
    """One cadre expected at an exam: took it or not, score, passed."""

    exam = models.ForeignKey(LawExam, on_delete=models.PROTECT, related_name="results", verbose_name=_("考试"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("姓名"))
    took = models.BooleanField(_("参考"), default=True)
    score = models.DecimalField(
        _("成绩"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0, _("成绩不能小于0分。")), MaxValueValidator(100, _("成绩不能超过100分。"))],
    )
    passed = models.BooleanField(_("合格"), null=True, blank=True, help_text=_("留空则按成绩和合格分数线判定"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("考试成绩")
        verbose_name_plural = _("学法考法成绩")
        ordering = ["exam_id", "id"]
        constraints = [unique_live("exam", "person", name="examresult_unique_person", message=_("此人已在该考试的名单中。"))]

    def __str__(self):
        return f"{self.person.name}（{self.exam.title}）" if self.person_id and self.exam_id else gettext("考试成绩")

    def unit(self) -> str:
        return self.person.unit if self.person_id else ""

    unit.short_description = _("单位")

    def clean(self):
        errors = {}
        if not self.took and self.score is not None:
            errors["score"] = gettext("未参考的人员不能有成绩，请将“参考”改为“是”或清空成绩。")
        elif not self.took and self.passed:
            errors["passed"] = gettext("未参考的人员不能合格。")
        elif self.took and self.passed is None and self.score is not None and self.exam_id:
            self.passed = self.score >= self.exam.pass_mark
        elif not self.took:
            self.passed = False
        if errors:
            raise ValidationError(errors)


class LegalRecruit(TownshipRecord):
    """A legal professional the township brought in (引进专业法律人才, a target of part 三)."""

    class Channel(models.TextChoices):
        PUBLIC_EXAM = "public_exam", _("公开招录")
        TARGETED = "targeted", _("定向培养")
        TRANSFER = "transfer", _("遴选调入")
        OTHER = "other", _("其他")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("姓名"))
    joined_on = EventDateField(_("到岗日期"))
    channel = models.CharField(_("引进方式"), max_length=12, choices=Channel.choices, default=Channel.PUBLIC_EXAM)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("法律专业人才引进")
        verbose_name_plural = _("法律专业人才引进")
        ordering = ["-joined_on", "-id"]
        constraints = [unique_live("person", name="legalrecruit_unique_person", message=_("此人已在引进名单中。"))]

    def __str__(self):
        return self.person.name if self.person_id else gettext("法律专业人才")

    def clean(self):
        if self.person_id and not self.person.legal_background:
            raise ValidationError({"person": gettext("该人员在人员花名册中未标注“法律专业背景”，请先在花名册中修改。")})
