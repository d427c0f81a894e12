"""The core: townships, villages, people, users' roles, attachments, the working-day table, logs.

Every domain record derives from TownshipRecord: it belongs to one township, keeps its history,
is soft-deleted (restorable by an admin) and carries a version number for optimistic locking.
"""

import datetime
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from township.fields import PlannedDateField
from township.numbers import FIRST_YEAR, LAST_YEAR
from township.personal import validate_phone


class Role(models.TextChoices):
    ADMIN = "admin", _("法治办管理员")
    CLERK = "clerk", _("录入员")
    VILLAGE_CLERK = "village_clerk", _("村级录入员")
    LEADER = "leader", _("党委政府领导")
    COUNTY = "county", _("县级查看")


class County(models.Model):
    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)

    class Meta:
        verbose_name = _("县（区）")
        verbose_name_plural = _("县（区）")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Township(models.Model):
    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="townships", verbose_name=_("所属县（区）"))

    class Meta:
        verbose_name = _("乡镇")
        verbose_name_plural = _("乡镇")
        ordering = ["code"]

    def __str__(self):
        return self.name


LIVE = models.Q(deleted_at__isnull=True)


def unique_live(*fields: str, name: str, message) -> models.UniqueConstraint:
    """Unique among the township's live records (a deleted record's key may be used again)."""
    return models.UniqueConstraint(
        fields=["township", *fields], condition=LIVE, name=name, violation_error_message=message
    )


def live_unique_fields(constraint) -> tuple[str, ...] | None:
    """The key fields of a constraint made by unique_live (township left out), else None."""
    if (isinstance(constraint, models.UniqueConstraint) and constraint.fields[:1] == ("township",)
            and constraint.condition == LIVE):
        return tuple(constraint.fields[1:])
    return None


class LiveManager(models.Manager):
    """Records that are not deleted: what every page and figure works with."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class TownshipRecord(models.Model):
    """Base of every ledger record: tenant, history, soft delete, optimistic locking."""

    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="+", verbose_name=_("乡镇"))
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    deleted_at = models.DateTimeField(_("删除时间"), null=True, blank=True, editable=False)  # no index of its own: see docs/decisions/0003

    # Declared by each record type:
    village_field: str | None = None  # the path to the record's village (a village clerk sees their own)
    personal_fields: dict[str, str] = {}  # PIPL Art. 28: field → "phone" | "id_number", masked by default
    numbering = None  # township.numbering.Numbering: a blank number is filled on save, race-free

    history = HistoricalRecords(inherit=True)

    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 - a second manager, not a field

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    def save(self, *args, **kwargs):
        numbering = type(self).numbering
        if numbering is None:
            super().save(*args, **kwargs)
        else:
            numbering.save(self, lambda: super(TownshipRecord, self).save(*args, **kwargs))

    def village_id_for_access(self):
        if not self.village_field:
            return None
        value = self
        for part in self.village_field.split("__"):
            value = getattr(value, part, None) if part != "id" else value.pk
            if value is None:
                return None
        return value.pk if isinstance(value, models.Model) else value


class Village(TownshipRecord):
    class Kind(models.TextChoices):
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")

    name = models.CharField(_("村（社区）名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.VILLAGE)
    group_count = models.PositiveSmallIntegerField(_("村民小组数"), default=0, validators=[MaxValueValidator(999)])
    grid_count = models.PositiveSmallIntegerField(_("网格数"), default=0, validators=[MaxValueValidator(999)])
    households = models.PositiveIntegerField(_("户数"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)])
    population = models.PositiveIntegerField(_("人口"), null=True, blank=True, validators=[MaxValueValidator(5_000_000)])
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "id"

    class Meta:
        verbose_name = _("村（社区）")
        verbose_name_plural = _("村（社区）")
        ordering = ["id"]
        constraints = [unique_live("name", name="village_unique_name_per_township", message=_("本镇已有同名的村（社区）。"))]

    def __str__(self):
        return self.name


class Person(TownshipRecord):
    """One roster of people that every area refers to (cadres, lawyers, mediators …)."""

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class Kind(models.TextChoices):
        TOWNSHIP_CADRE = "township_cadre", _("镇干部")
        VILLAGE_CADRE = "village_cadre", _("村干部")
        RETIRED_CADRE = "retired_cadre", _("退休干部")
        LEGAL_WORKER = "legal_worker", _("律师/法律工作者")
        OTHER = "other", _("其他")

    class PoliticalStatus(models.TextChoices):
        PARTY_MEMBER = "party_member", _("中共党员")
        PROBATIONARY = "probationary", _("中共预备党员")
        LEAGUE_MEMBER = "league_member", _("共青团员")
        DEMOCRATIC_PARTY = "democratic_party", _("民主党派")
        MASSES = "masses", _("群众")

    name = models.CharField(_("姓名"), max_length=32)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    unit = models.CharField(_("单位"), max_length=64, blank=True)
    position = models.CharField(_("职务"), max_length=64, blank=True)
    kind = models.CharField(_("人员类别"), max_length=20, choices=Kind.choices, default=Kind.TOWNSHIP_CADRE)
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    legal_background = models.BooleanField(_("法律专业背景"), default=False)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("所在村（社区）")
    )
    active = models.BooleanField(_("在岗"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    village_field = "village"
    personal_fields = {"phone": "phone"}

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员花名册")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user's role in the portal: where they work and what they may change."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("乡镇")
    )
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("县（区）"),
        help_text=_("仅县级查看人员填写"),
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("村（社区）"),
        help_text=_("仅村级录入员填写"),
    )
    areas = models.JSONField(_("可编辑的工作领域"), default=list, blank=True, help_text=_("仅录入员填写"))
    year = models.PositiveSmallIntegerField(
        _("当前年度"), null=True, blank=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    current_township = models.ForeignKey(
        Township, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("当前查看的乡镇")
    )

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"

    @property
    def area_labels(self) -> list[str]:
        from township import areas

        known = {area.code: area.label for area in areas.areas()}
        return [str(known[code]) for code in self.areas if code in known]


def attachment_path(instance, filename):
    """Random stored name: the original name is kept in the database, never on disk."""
    suffix = Path(filename).suffix.lower()
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{suffix}"


class Attachment(TownshipRecord):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("文件"), upload_to=attachment_path)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    mime_type = models.CharField(_("类型"), max_length=100)
    description = models.CharField(_("说明"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.original_name


class CalendarDay(models.Model):
    """Holidays and adjusted working days for years the chinesecalendar package does not know."""

    date = PlannedDateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"), help_text=_("法定节假日不勾选；调休上班日勾选"))
    note = models.CharField(_("说明"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.note}"


class PersonalDataLog(models.Model):
    """Every reveal of masked personal data and every export that contains it (PIPL Art. 28)."""

    class Action(models.TextChoices):
        REVEAL = "reveal", _("查看完整信息")
        EXPORT = "export", _("导出")

    at = models.DateTimeField(_("时间"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(Township, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    ledger = models.CharField(_("台账"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("记录"), null=True, blank=True)
    detail = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("个人信息访问日志")
        verbose_name_plural = _("个人信息访问日志")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.ledger}"


class FormSubmission(models.Model):
    """An add form's one-time token and the record it saved: the same form posted twice (a double click,
    a reload) saves one record, and the second post lands on it."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ledger = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("表单提交记录")
        verbose_name_plural = _("表单提交记录")

    def __str__(self):
        return f"{self.ledger} {self.object_id}"

    @classmethod
    def discard_old(cls, hours: int = 24) -> None:
        cls.objects.filter(at__lt=timezone.now() - datetime.timedelta(hours=hours)).delete()


class BackgroundTask(models.Model):
    """Long work done by the task worker (township.tasks): a large sheet checked or imported, a county's
    reports gathered. Who asked, where, how it ended and what it produced; its progress while it runs is in
    the "progress" cache. Only the user who asked sees it (another user's or township's task is a 404)."""

    class Kind(models.TextChoices):
        IMPORT_CHECK = "import_check", _("检查导入表格")
        IMPORT_WRITE = "import_write", _("导入")
        REPORT_BATCH = "report_batch", _("汇总年度报告")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # unguessable: it is in URLs
    kind = models.CharField(_("任务"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    township = models.ForeignKey(Township, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    ledger = models.CharField(_("台账"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    upload = models.BinaryField(_("上传的文件"), blank=True, editable=False)  # kept until the import is done
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("失败原因"), blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename or self.year or ''}".strip()

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
