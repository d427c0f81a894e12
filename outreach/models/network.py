"""What carries outreach between events: venues (法治文化阵地), the village legal informants (法律明白人),
lawyers' and judges' on-site services (下沉服务) and the 民主法治示范村（社区） titles of the villages."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outreach import rules
from township.fields import EventDateField
from township.models import Person, TownshipRecord, Village, unique_live

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Venue(TownshipRecord):
    """法治文化阵地: a square, a library, a corridor … of the township or of a village."""

    class Kind(models.TextChoices):
        SQUARE = "square", _("法治文化广场")
        LIBRARY = "library", _("法治书屋")
        CORRIDOR = "corridor", _("法治长廊")
        SERVICE_ROOM = "service_room", _("公共法律服务室")
        OTHER = "other", _("其他")

    class Demonstration(models.TextChoices):
        NONE = "none", _("否")
        CANDIDATE = "candidate", _("创建中")
        NAMED = "named", _("已命名")

    name = models.CharField(_("阵地名称"), max_length=60)
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="outreach_venues",
        verbose_name=_("所在村（社区）"), help_text=_("镇级阵地不填"),
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.SQUARE)
    upgraded_on = EventDateField(_("建成或升级日期"), null=True, blank=True)
    demonstration = models.CharField(
        _("村级法治文化示范阵地"), max_length=12, choices=Demonstration.choices, default=Demonstration.NONE,
    )
    named_on = EventDateField(_("命名日期"), null=True, blank=True, help_text=_("命名为示范阵地的日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("法治文化阵地")
        verbose_name_plural = _("法治文化阵地")
        ordering = ["village_id", "id"]
        constraints = [unique_live("name", name="venue_unique_name", message=_("本镇已有同名的法治文化阵地。"))]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.demonstration == self.Demonstration.NAMED and not self.named_on:
            errors["named_on"] = gettext("已命名为示范阵地的，请填写命名日期。")
        if self.demonstration != self.Demonstration.NAMED and self.named_on:
            errors["demonstration"] = gettext("填写了命名日期，示范阵地状态应为“已命名”。")
        if self.demonstration != self.Demonstration.NONE and not self.village_id:
            errors["village"] = gettext("村级法治文化示范阵地须填写所在村（社区）。")
        if errors:
            raise ValidationError(errors)

    def wording(self) -> str:
        """As part 一(五) names a venue's kind: 镇法治文化广场, 村法治书屋."""
        return ("村" if self.village_id else "镇") + self.get_kind_display()


class LegalInformant(TownshipRecord):
    """法律明白人: a person of the roster serving a village (at least 3 per village, rules.informants_per_village)."""

    class Category(models.TextChoices):
        VILLAGE_CADRE = "village_cadre", _("村（社区）干部")
        GROUP_LEADER = "group_leader", _("村民小组长")
        GRID_WORKER = "grid_worker", _("网格员")
        MEDIATOR = "mediator", _("人民调解员")
        PARTY_MEMBER = "party_member", _("党员")
        VETERAN = "veteran", _("退役军人")
        VILLAGER = "villager", _("村民代表")
        OTHER = "other", _("其他")

    class Assessment(models.TextChoices):
        NOT_ASSESSED = "not_assessed", _("未考核")
        PASSED = "passed", _("合格")
        FAILED = "failed", _("不合格")

    class Status(models.TextChoices):
        SERVING = "serving", _("在任")
        LEFT = "left", _("已退出")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("姓名"))
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="legal_informants", verbose_name=_("村（社区）"),
    )
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices, default=Category.VILLAGER)
    trained_on = EventDateField(_("培训日期"), null=True, blank=True)
    assessment = models.CharField(
        _("考核结果"), max_length=16, choices=Assessment.choices, default=Assessment.NOT_ASSESSED,
    )
    appointed_on = EventDateField(_("聘任日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.SERVING)
    left_on = EventDateField(_("退出日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("法律明白人")
        verbose_name_plural = _("法律明白人名册")
        ordering = ["village_id", "id"]
        constraints = [unique_live("person", name="informant_unique_person", message=_("此人已在法律明白人名册中。"))]

    def __str__(self):
        return self.person.name

    def clean(self):
        errors = {}
        if self.status == self.Status.LEFT and not self.left_on:
            errors["left_on"] = gettext("已退出的，请填写退出日期。")
        if self.status == self.Status.SERVING and self.left_on:
            errors["status"] = gettext("填写了退出日期，状态应为“已退出”。")
        if self.appointed_on and self.left_on and self.left_on < self.appointed_on:
            errors["left_on"] = gettext("退出日期不能早于聘任日期。")
        if errors:
            raise ValidationError(errors)


def serving_on(date: datetime.date, prefix: str = "") -> Q:
    """法律明白人 serving on a day: appointed by then (or with no date) and not yet left."""
    field = f"{prefix}__" if prefix else ""
    appointed = Q(**{f"{field}appointed_on__isnull": True}) | Q(**{f"{field}appointed_on__lte": date})
    serving = Q(**{f"{field}status": LegalInformant.Status.SERVING}) | Q(**{f"{field}left_on__gt": date})
    return appointed & serving


class OnsiteService(TownshipRecord):
    """律师、法官下沉服务: a lawyer, judge, prosecutor or notary serving in a village (part 三: ≥ 12 a year)."""

    class Provider(models.TextChoices):
        LAWYER = "lawyer", _("律师")
        JUDGE = "judge", _("法官")
        PROSECUTOR = "prosecutor", _("检察官")
        NOTARY = "notary", _("公证员")
        LEGAL_WORKER = "legal_worker", _("基层法律服务工作者")
        OTHER = "other", _("其他")

    date = EventDateField(_("服务日期"))
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="onsite_services", verbose_name=_("村（社区）"),
    )
    provider_kind = models.CharField(_("人员类别"), max_length=16, choices=Provider.choices, default=Provider.LAWYER)
    provider_name = models.CharField(_("服务人员"), max_length=60)
    village_adviser = models.BooleanField(
        _("是否村（社区）法律顾问"), default=False, help_text=_("服务人员是本村（社区）聘请的法律顾问的，勾选"),
    )
    service = models.CharField(_("服务内容"), max_length=200)
    people_served = models.PositiveIntegerField(
        _("服务群众（人次）"), null=True, blank=True, validators=[MaxValueValidator(100_000)],
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("下沉服务")
        verbose_name_plural = _("律师、法官下沉服务台账")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["deleted_at", "township", "date"], name="outreach_service_live_township")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.provider_name} · {self.village.name}"


class DemocracyVillage(TownshipRecord):
    """A village's 民主法治示范村（社区） title: its level, the year it was named in, its last review."""

    class Level(models.TextChoices):
        COUNTY = "county", _("县级")
        CITY = "city", _("市级")
        PROVINCIAL = "provincial", _("省级")
        NATIONAL = "national", _("全国")

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="democracy_titles", verbose_name=_("村（社区）"),
    )
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.COUNTY)
    named_in = models.PositiveSmallIntegerField(_("命名年度"), validators=YEAR_VALIDATORS)
    last_reviewed_in = models.PositiveSmallIntegerField(
        _("最近复核年度"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("每两年复核一次"),
    )
    revoked_in = models.PositiveSmallIntegerField(
        _("撤销年度"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("复核未通过、被撤销称号的年度"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("民主法治示范村（社区）")
        verbose_name_plural = _("民主法治示范村（社区）")
        ordering = ["village_id", "named_in", "id"]
        constraints = [
            unique_live("village", "level", name="democracy_unique_village_level",
                        message=_("该村（社区）已有同一级别的民主法治示范村（社区）称号。")),
        ]

    def __str__(self):
        return f"{self.village.name}（{self.get_level_display()}，{self.named_in}年）"

    def clean(self):
        errors = {}
        if self.named_in and self.named_in > timezone.localdate().year:
            errors["named_in"] = gettext("命名年度不能晚于今年。")
        if self.named_in and self.last_reviewed_in and self.last_reviewed_in < self.named_in:
            errors["last_reviewed_in"] = gettext("复核年度不能早于命名年度。")
        if self.named_in and self.revoked_in and self.revoked_in < self.named_in:
            errors["revoked_in"] = gettext("撤销年度不能早于命名年度。")
        if errors:
            raise ValidationError(errors)

    def review_due(self, year: int) -> int | None:
        if self.revoked_in:
            return None
        return rules.democracy_review_due(self.named_in, self.last_reviewed_in, year)


def titles_held_in(year: int) -> Q:
    """民主法治示范村（社区） titles held at the end of a year: named by then and not revoked by then."""
    return Q(named_in__lte=year) & (Q(revoked_in__isnull=True) | Q(revoked_in__gt=year))
