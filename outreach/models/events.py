"""Legal education events (普法宣传活动), the occasions they are held at, and online posts (线上普法推送)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outreach import rules
from outreach.fields import ChoiceListField
from township.fields import EventDateField
from township.models import TownshipRecord, Village, unique_live

MAX_COUNT = 1_000_000  # more than any township event could reach: a typo, not a count


class Occasion(TownshipRecord):
    """A national day or theme the township holds outreach at (3·15 消费者权益日, 民法典宣传月 …): the township's
    own list, which starts with the national occasions and their fixed dates (rules.NATIONAL_OCCASIONS)."""

    name = models.CharField(_("名称"), max_length=40)
    month = models.PositiveSmallIntegerField(
        _("月"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("日"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("固定日期的节点（如“3·15”）填写月和日；宣传月只填月"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("宣传节点")
        verbose_name_plural = _("宣传节点")
        ordering = ["month", "day", "id"]
        constraints = [unique_live("name", name="occasion_unique_name", message=_("本镇已有同名的宣传节点。"))]

    def __str__(self):
        return f"{self.code}{self.name}"

    @property
    def code(self) -> str:
        return rules.occasion_code(self.month, self.day)

    @property
    def quoted(self) -> str:
        """As the report names it: “3·15”消费者权益日."""
        return f"“{self.code}”{self.name}" if self.code else self.name

    def clean(self):
        if self.day and not self.month:
            raise ValidationError({"month": gettext("填写了日，请同时填写月。")})
        if self.month and self.day:
            try:
                datetime.date(2000, self.month, self.day)  # a leap year: 2·29 is a date
            except (ValueError, OverflowError):  # a day of 2147483648 overflows the C int
                raise ValidationError({"day": gettext("%(month)s月没有%(day)s日。") % {"month": self.month, "day": self.day}}) from None

    def date_in(self, year: int) -> datetime.date | None:
        if not (self.month and self.day):
            return None
        try:
            return datetime.date(year, self.month, self.day)
        except ValueError:
            return None


class Event(TownshipRecord):
    """One legal education event: where, for whom, by whom, with what effect (活动成效)."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("集中宣传")
        LECTURE = "lecture", _("讲座")
        VILLAGE_VISIT = "village_visit", _("送法下乡")
        ARTS = "arts", _("法治文艺")
        BROADCAST = "broadcast", _("广播")
        ONLINE = "online", _("线上")
        OTHER = "other", _("其他")

    class TargetGroup(models.TextChoices):
        MINORS = "minors", _("未成年人")
        LEFT_BEHIND_ELDERLY = "elderly", _("留守老人")
        RETURNING_WORKERS = "returnees", _("返乡务工人员")
        GIG_WORKERS = "gig", _("新业态从业者")
        MIGRANT_WORKERS = "migrants", _("流动务工人员")
        ENTERPRISES = "enterprises", _("企业")
        VILLAGE_CADRES = "cadres", _("村组干部")
        PUBLIC = "public", _("群众")

    #: the key groups (重点群体) part 一(五) names and part 二 checks: everyone but the general public
    KEY_GROUPS = [*TargetGroup]
    KEY_GROUPS.remove(TargetGroup.PUBLIC)
    #: kinds where nobody is counted in the room: a broadcast or a post reaches people, it does not seat them
    UNCOUNTED_KINDS = (Kind.BROADCAST, Kind.ONLINE)

    date = EventDateField(_("活动日期"))
    title = models.CharField(_("活动名称"), max_length=100)
    occasion = models.ForeignKey(
        Occasion, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("宣传节点"),
    )
    occasion_other = models.CharField(
        _("其他主题"), max_length=50, blank=True, help_text=_("不在宣传节点列表中的主题，照原样填写"),
    )
    kind = models.CharField(_("形式"), max_length=16, choices=Kind.choices, default=Kind.CAMPAIGN)
    villages = models.ManyToManyField(
        Village, blank=True, related_name="outreach_events", verbose_name=_("村（社区）"),
        help_text=_("在一个或几个村（社区）开展的，选择这些村（社区）"),
    )
    place = models.CharField(_("其他地点"), max_length=100, blank=True, help_text=_("如“镇法治文化广场”“全镇”"))
    target_groups = ChoiceListField(_("宣传对象"), options=TargetGroup.choices)
    other_groups = models.CharField(_("其他宣传对象"), max_length=100, blank=True)
    speaker = models.CharField(_("主讲（组织）人"), max_length=100, blank=True)
    by_legal_adviser = models.BooleanField(
        _("是否法律顾问开展"), default=False, help_text=_("由村（社区）法律顾问主讲或开展的，勾选并在“主讲（组织）人”填写其姓名"),
    )
    customised = models.BooleanField(
        _("是否定制化讲座"), default=False, help_text=_("针对某一重点群体的需求专门准备的讲座"),
    )
    materials = models.PositiveIntegerField(
        _("发放资料（份）"), null=True, blank=True, validators=[MaxValueValidator(MAX_COUNT)],
    )
    audience = models.PositiveIntegerField(
        _("受教育群众（人次）"), null=True, blank=True, validators=[MaxValueValidator(MAX_COUNT)],
        help_text=_("广播、线上推送等无法统计到场人数的，可以不填"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "villages"

    class Meta:
        verbose_name = _("普法宣传活动")
        verbose_name_plural = _("普法宣传活动台账")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["township", "date"], name="outreach_event_township_date"),
            models.Index(fields=["deleted_at", "township", "date"], name="outreach_event_live_township"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    # --- the villages, before and after they are saved -------------------------------------------

    def village_ids(self) -> list[int]:
        """The event's villages: as a form or a sheet row gives them before saving, else as stored."""
        if hasattr(self, "_village_ids"):
            return list(self._village_ids)
        if self.pk is None:
            return []
        return sorted(village.pk for village in self.villages.all())

    def village_id_for_access(self):
        """A village clerk changes an event only when their village is its only village: an event held in
        several villages (or elsewhere) belongs to the township's clerks."""
        ids = self.village_ids()
        return ids[0] if len(ids) == 1 else None

    # --- what a person reads ----------------------------------------------------------------------

    def occasion_display(self) -> str:
        return str(self.occasion) if self.occasion_id else self.occasion_other

    occasion_display.short_description = _("主题（节点）")

    def groups_display(self) -> str:
        return "、".join([*self._meta.get_field("target_groups").labels(self.target_groups),
                         *([self.other_groups] if self.other_groups else [])])

    groups_display.short_description = _("宣传对象")

    def get_villages_display(self) -> str:
        return "、".join(village.name for village in self.villages.all()) if self.pk else ""

    def location(self) -> str:
        names = [village.name for village in self.villages.all()] if self.pk else []
        return "、".join([*names, *([self.place] if self.place else [])])

    location.short_description = _("地点")

    def missing_audience(self) -> bool:
        return self.audience is None and self.kind not in self.UNCOUNTED_KINDS

    def clean(self):
        errors = {}
        if self.occasion_id and self.occasion_other.strip():
            errors["occasion_other"] = gettext("已选择宣传节点，“其他主题”请留空。")
        if self.by_legal_adviser and not self.speaker.strip():
            errors["speaker"] = gettext("法律顾问开展的活动，请在“主讲（组织）人”填写法律顾问的姓名。")
        key_groups = [group for group in self.target_groups if group != self.TargetGroup.PUBLIC]
        if self.customised and not key_groups and not self.other_groups.strip():
            errors["target_groups"] = gettext("定制化讲座须写明面向的重点群体（如未成年人、留守老人）。")
        if self.kind != self.Kind.ONLINE and not self.village_ids() and not self.place.strip():
            errors["villages"] = gettext("请选择开展活动的村（社区），或填写其他地点。")
        if errors:
            raise ValidationError(errors)


class OnlinePost(TownshipRecord):
    """线上普法推送: one post on a channel (part 三: at least 12 a year)."""

    class Channel(models.TextChoices):
        WECHAT_ACCOUNT = "wechat_account", _("微信公众号")
        WECHAT_CHANNELS = "wechat_channels", _("微信视频号")
        DOUYIN = "douyin", _("抖音")
        VILLAGE_GROUP = "village_group", _("村级微信群")
        OTHER = "other", _("其他")

    date = EventDateField(_("推送日期"))
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices, default=Channel.WECHAT_ACCOUNT)
    title = models.CharField(_("标题"), max_length=100)
    link = models.URLField(_("链接"), max_length=300, blank=True)
    reads = models.PositiveIntegerField(
        _("阅读（播放）量"), null=True, blank=True, validators=[MaxValueValidator(100_000_000)],
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("线上普法推送")
        verbose_name_plural = _("线上普法推送台账")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["deleted_at", "township", "date"], name="outreach_post_live_township")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"
