"""The mediation network (调解员, 人民调解委员会) and the legal advisers with their consultations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from disputes import rules
from township.fields import EventDateField, PlannedDateField
from township.models import Person, TownshipRecord, Village, unique_live
from township.personal import normalise_phone, validate_phone


class Mediator(TownshipRecord):
    """A person of the roster who mediates, at township, village or group level (三级调解网络)."""

    class Level(models.TextChoices):
        TOWNSHIP = "township", _("镇级")
        VILLAGE = "village", _("村级")
        GROUP = "group", _("组级")

    class Kind(models.TextChoices):
        FULL_TIME = "full_time", _("专职")
        PART_TIME = "part_time", _("兼职")
        RETIRED_CADRE = "retired_cadre", _("特邀（退休干部）")
        LEGAL_WORKER = "legal_worker", _("特邀（法律工作者）")
        OTHER_INVITED = "other_invited", _("特邀（其他）")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("姓名"))
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.PART_TIME)
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="mediators",
        verbose_name=_("所在村（社区）"), help_text=_("村级、组级调解员必填"),
    )
    group_name = models.CharField(_("村民小组"), max_length=20, blank=True, help_text=_("组级调解员必填，如“3组”"))
    appointed_on = EventDateField(_("聘任日期"), null=True, blank=True)
    active = models.BooleanField(_("在岗"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员名册")
        ordering = ["level", "village_id", "id"]
        constraints = [unique_live("person", name="mediator_unique_person", message=_("此人已在调解员名册中。"))]

    def __str__(self):
        return f"{self.person.name}（{self.get_level_display()}）"

    def clean(self):
        errors = {}
        if self.level in (self.Level.VILLAGE, self.Level.GROUP) and not self.village_id:
            errors["village"] = gettext("村级、组级调解员须填写所在村（社区）。")
        if self.level == self.Level.GROUP and not self.group_name.strip():
            errors["group_name"] = gettext("组级调解员须填写所在村民小组。")
        if errors:
            raise ValidationError(errors)


class MediationCommittee(TownshipRecord):
    """The people's mediation committee of a village: 3-9 members, women among them (《人民调解法》第八条)."""

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="mediation_committees", verbose_name=_("村（社区）")
    )
    name = models.CharField(_("名称"), max_length=60, blank=True, help_text=_("留空则为“某村人民调解委员会”"))
    director = models.ForeignKey(
        Mediator, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("主任")
    )
    members = models.ManyToManyField(Mediator, blank=True, related_name="committees", verbose_name=_("委员"))
    established_on = EventDateField(_("成立（换届）日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("人民调解委员会")
        verbose_name_plural = _("人民调解委员会")
        ordering = ["village_id", "id"]
        constraints = [unique_live("village", name="committee_unique_village", message=_("该村（社区）已有人民调解委员会。"))]

    def __str__(self):
        return self.name or gettext("人民调解委员会")

    def clean(self):
        if not self.name.strip() and self.village_id:
            self.name = gettext("%(village)s人民调解委员会") % {"village": self.village.name}

    def _counts(self) -> tuple[int, int]:
        """(members, women): annotated by the ledger's list, else counted."""
        if hasattr(self, "member_total"):
            return self.member_total, self.women_total
        members = list(self.members.select_related("person"))
        return len(members), sum(1 for m in members if m.person.gender == Person.Gender.FEMALE)

    def member_count(self) -> int:
        return self._counts()[0]

    member_count.short_description = _("委员人数")

    def women_count(self) -> int:
        return self._counts()[1]

    women_count.short_description = _("女性委员")

    def flags(self) -> list[str]:
        return rules.mediation_committee_flags(*self._counts())

    def get_members_display(self) -> str:
        return "、".join(m.person.name for m in self.members.select_related("person"))


class LegalAdviser(TownshipRecord):
    """A village's legal adviser (一村一法律顾问): a lawyer under contract for one or more villages."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("人员花名册中的人员"),
        help_text=_("在花名册中的，选择此项即可，不必再填姓名"),
    )
    name = models.CharField(_("姓名"), max_length=32, blank=True)
    law_firm = models.CharField(_("律师事务所（法律服务所）"), max_length=80, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    villages = models.ManyToManyField(
        Village, blank=True, related_name="legal_advisers", verbose_name=_("服务的村（社区）")
    )
    contract_start = PlannedDateField(_("合同开始日期"))
    contract_end = PlannedDateField(_("合同结束日期"))
    onsite_days = models.PositiveSmallIntegerField(_("约定每月驻村天数"), default=1)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "villages"
    personal_fields = {"phone": "phone"}

    class Meta:
        verbose_name = _("法律顾问")
        verbose_name_plural = _("村（社区）法律顾问")
        ordering = ["-contract_start", "id"]
        indexes = [models.Index(fields=["township", "contract_start", "contract_end"], name="adviser_township_contract")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.person_id and not self.name.strip():
            self.name = self.person.name
        self.phone = normalise_phone(self.phone)
        errors = {}
        if not self.name.strip():
            errors["name"] = gettext("请填写法律顾问姓名，或从人员花名册中选择。")
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = gettext("合同结束日期不能早于开始日期。")
        if errors:
            raise ValidationError(errors)

    def get_villages_display(self) -> str:
        return "、".join(village.name for village in self.villages.all())

    def villages_display(self) -> str:
        return self.get_villages_display()

    villages_display.short_description = _("服务的村（社区）")

    def contract_period(self) -> str:
        return gettext("%(start)s 至 %(end)s") % {"start": date_format(self.contract_start),
                                                  "end": date_format(self.contract_end)}

    contract_period.short_description = _("合同期")


def contracts_in(year: int) -> Q:
    """Advisers under contract at some time in the year (the contract period overlaps it)."""
    return Q(contract_start__lte=datetime.date(year, 12, 31), contract_end__gte=datetime.date(year, 1, 1))


class Consultation(TownshipRecord):
    """法律咨询: a legal adviser's consultation in a village (date, topic, people served)."""

    date = EventDateField(_("日期"))
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("村（社区）")
    )
    adviser = models.ForeignKey(
        LegalAdviser, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations",
        verbose_name=_("法律顾问"),
    )
    topic = models.CharField(_("咨询事项"), max_length=200)
    people_served = models.PositiveIntegerField(_("服务人次"), default=1)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"

    class Meta:
        verbose_name = _("法律咨询")
        verbose_name_plural = _("法律咨询记录")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["township", "date"], name="consultation_township_date"),
            # the county dashboard's counts of many townships at once (see Dispute.Meta.indexes)
            models.Index(fields=["deleted_at", "township", "date", "people_served"], name="consultation_live_township"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic[:20]}"
