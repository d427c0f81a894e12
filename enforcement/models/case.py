"""行政执法案件 (enforcement cases under 《行政处罚法》) and the township's list of violation categories."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enforcement import rules
from enforcement.certificates import CertificateBook
from enforcement.models.base import CalendarQuerySet, WithCalendar, managers
from township.fields import EventDateField
from township.ledger.alerts import DEFECT, DUE_SOON, OVERDUE, Alert
from township.models import Person, TownshipRecord, Village, unique_live
from township.numbering import Numbering
from township.personal import normalise_id_number, normalise_phone, validate_id_number, validate_phone
from township.workdays import DUE_SOON_DAYS, STATUS_DUE_SOON, STATUS_OVERDUE, Deadline


def validate_credit_code(value):
    errors = rules.credit_code_errors(value)
    if errors:
        raise ValidationError(errors[0], code="credit_code")


class ViolationType(TownshipRecord):
    """违法类别: the township's own list (违法建设, 非法焚烧, 违法占地 … by default), used by cases and campaigns."""

    DEFAULTS = ("违法建设", "非法焚烧", "违法占地", "其他")

    name = models.CharField(_("违法类别"), max_length=32)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("违法类别")
        verbose_name_plural = _("违法类别")
        ordering = ["position", "id"]
        constraints = [unique_live("name", name="violation_type_unique_name", message=_("本镇已有同名的违法类别。"))]

    def __str__(self):
        return self.name

    @classmethod
    def ensure_defaults(cls, township) -> None:
        """A township starts with the four customary categories (it may rename, add or retire them)."""
        if cls.all_objects.filter(township=township).exists():
            return
        for position, name in enumerate(cls.DEFAULTS, start=1):
            cls.objects.create(township=township, name=name, position=position)


class CaseNumbering(Numbering):
    """Case numbers in the official form 大溪综执立〔2025〕3号: the township's own prefix, continued."""

    def save(self, record, save) -> None:
        if record.number or record.filed_on is None or record.township_id is None:
            save()
            return
        for attempt in range(5):
            record.number = next_case_number(record.township, record.filed_on.year)
            try:
                with transaction.atomic():
                    save()
                return
            except IntegrityError:
                record.number = ""
                if attempt == 4:
                    raise


def next_case_number(township, year: int) -> str:
    """After 大溪综执立〔2025〕11号 comes 大溪综执立〔2025〕12号; a township's first is <镇名>综执立〔2025〕1号."""
    pattern = re.compile(rf"^(.*?[〔\[(（]{year}[〕\])）]\D*?)(\d+)(\D*)$")
    numbers = set(EnforcementCase.all_objects.filter(township=township).values_list("number", flat=True))
    counts: dict[tuple[str, str], list[int]] = {}
    for number in numbers:
        match = pattern.match(number or "")
        if match:
            counts.setdefault((match.group(1), match.group(3)), []).append(int(match.group(2)))
    if counts:
        prefix, suffix = max(counts, key=lambda key: len(counts[key]))
        serial = max(counts[prefix, suffix]) + 1
    else:
        prefix, suffix, serial = f"{township.name.removesuffix('镇').removesuffix('乡')}综执立〔{year}〕", "号", 1
    while f"{prefix}{serial}{suffix}" in numbers:
        serial += 1
    return f"{prefix}{serial}{suffix}"


class CaseQuerySet(CalendarQuerySet):
    def alerting(self, kind: str, today: datetime.date):
        """The cases that EnforcementCase.alerts(today) gives an alert of this kind. Working-day deadlines cannot
        be computed in SQL (the holidays live in Python and township.CalendarDay), so the database narrows the
        candidates and the rules decide: two queries whatever the number of cases (docs/decisions/0017)."""
        if kind not in (OVERDUE, DUE_SOON, DEFECT):
            raise ValueError(kind)
        if kind == DEFECT:
            found = [case.pk for case in self.prefetch_related("recordings") if case.defects(today)]
        else:
            found = [case.pk for case in self.filter(running_q())
                     if any(alert.kind == kind for alert in case.running_alerts(today))]
        return self.filter(pk__in=found)


def running_q() -> Q:
    """Cases that may have a running deadline: not closed, an unpublished decision, an answer not yet given."""
    decided = Q(decided_on__isnull=False) & ~Q(decision_kind=EnforcementCase.DecisionKind.WITHDRAWN)
    return (
        Q(closed_on__isnull=True)
        | (decided & Q(published_on__isnull=True))
        | Q(reconsideration_copy_received_on__isnull=False, reconsideration_answered_on__isnull=True)
        | Q(litigation_served_on__isnull=False, litigation_answered_on__isnull=True)
    )


def running_alert(deadline: Deadline | None, today: datetime.date, subject: str, soon_days: int = DUE_SOON_DAYS):
    """An overdue or due-soon alert of a deadline still running (None when done, undated or far)."""
    if deadline is None or deadline.due is None or deadline.done_on is not None:
        return None
    where = f"{deadline.rule}：{deadline.due:%Y-%m-%d}（{deadline.article}）"
    if deadline.status(today) == STATUS_OVERDUE:
        return Alert(OVERDUE, gettext("%(subject)s已逾期") % {"subject": subject}, where, deadline)
    if deadline.status(today) == STATUS_DUE_SOON or 0 <= (deadline.due - today).days <= soon_days:
        return Alert(DUE_SOON, gettext("%(subject)s即将到期") % {"subject": subject}, where, deadline)
    return None


class EnforcementCase(WithCalendar, TownshipRecord):
    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", _("普通程序")
        ON_THE_SPOT = "on_the_spot", _("简易程序（当场处罚）")

    class Source(models.TextChoices):
        PATROL = "patrol", _("巡查发现")
        COMPLAINT = "complaint", _("投诉举报")
        ASSIGNED = "assigned", _("上级交办")
        REFERRED = "referred", _("部门移送")

    class PartyKind(models.TextChoices):
        PERSON = "person", _("自然人")
        ORGANISATION = "organisation", _("法人或其他组织")

    class DecisionKind(models.TextChoices):
        WARNING = "warning", _("警告")
        FINE = "fine", _("罚款")
        CONFISCATION = "confiscation", _("没收违法所得")
        SUSPENSION = "suspension", _("责令停产停业")
        LICENCE = "licence", _("暂扣吊销许可证")
        DETENTION = "detention", _("行政拘留移送")
        CORRECTION = "correction", _("责令改正")
        NO_PENALTY = "no_penalty", _("不予处罚")
        WITHDRAWN = "withdrawn", _("撤案")

    class ServiceMethod(models.TextChoices):
        ON_THE_SPOT = "on_the_spot", _("当场交付")
        DIRECT = "direct", _("直接送达")
        LEFT = "left", _("留置送达")
        MAIL = "mail", _("邮寄送达")
        ELECTRONIC = "electronic", _("电子送达")
        ENTRUSTED = "entrusted", _("委托送达")
        NOTICE = "notice", _("公告送达")

    class ReviewResult(models.TextChoices):
        PASSED = "passed", _("同意")
        RETURNED = "returned", _("退回补充")
        REJECTED = "rejected", _("不同意")

    class ReconsiderationOutcome(models.TextChoices):
        UPHELD = "upheld", _("维持")
        CHANGED = "changed", _("变更")
        REVOKED = "revoked", _("撤销")
        ILLEGAL = "illegal", _("确认违法")
        DISMISSED = "dismissed", _("驳回复议申请")
        MEDIATED = "mediated", _("调解结案")
        TERMINATED = "terminated", _("终止")

    class LitigationOutcome(models.TextChoices):
        DISMISSED = "dismissed", _("驳回诉讼请求")
        REVOKED = "revoked", _("判决撤销")
        CHANGED = "changed", _("判决变更")
        ILLEGAL = "illegal", _("确认违法或无效")
        WITHDRAWN = "withdrawn", _("原告撤诉")
        MEDIATED = "mediated", _("调解结案")

    #: 行政处罚 in the sense of 《行政处罚法》第九条 (the others are decisions, not penalties)
    PENALTY_KINDS = frozenset({DecisionKind.WARNING, DecisionKind.FINE, DecisionKind.CONFISCATION,
                               DecisionKind.SUSPENSION, DecisionKind.LICENCE})
    #: outcomes after which the decision no longer stands: it leaves the public page (《行政处罚法》第四十八条)
    OVERTURNED = frozenset({"changed", "revoked", "illegal"})

    # --- filing ---------------------------------------------------------------------------------------
    number = models.CharField(_("案号"), max_length=60, blank=True, help_text=_("留空则自动编号"))
    procedure = models.CharField(_("程序"), max_length=16, choices=Procedure.choices, default=Procedure.ORDINARY)
    cause = models.CharField(_("案由"), max_length=200)
    category = models.ForeignKey(ViolationType, on_delete=models.PROTECT, related_name="cases",
                                 verbose_name=_("违法类别"))
    source = models.CharField(_("案件来源"), max_length=16, choices=Source.choices, default=Source.PATROL)
    campaign = models.ForeignKey("enforcement.Campaign", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="cases", verbose_name=_("所属专项执法行动"))
    village = models.ForeignKey(Village, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("违法行为发生地（村、社区）"))
    filed_on = EventDateField(_("立案日期"), null=True, blank=True, help_text=_("简易程序（当场处罚）为决定当日"))
    violation_on = EventDateField(_("违法行为发生日期"), null=True, blank=True,
                                  help_text=_("有连续或者继续状态的，为行为终了之日（《行政处罚法》第三十六条）"))
    serious_harm = models.BooleanField(
        _("涉及生命健康安全、金融安全且有危害后果"), default=False,
        help_text=_("追责期限延长至五年（《行政处罚法》第三十六条）"),
    )
    officers = models.ManyToManyField(
        Person, blank=True, related_name="enforcement_cases", verbose_name=_("承办人员"),
        help_text=_("不少于两人，每人在各环节当日均持有有效的行政执法证件（《行政处罚法》第四十二条）"),
    )

    # --- the party ------------------------------------------------------------------------------------
    party_kind = models.CharField(_("当事人类型"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON)
    party_name = models.CharField(_("当事人"), max_length=100)
    party_id_number = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[validate_id_number])
    party_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True,
                                         validators=[validate_credit_code])
    party_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])

    # --- investigation, notice, statements ----------------------------------------------------------
    investigation_ended_on = EventDateField(_("调查终结日期"), null=True, blank=True)
    evidence = models.TextField(_("调查取证情况"), blank=True, help_text=_("笔录、照片、鉴定等证据目录；证据文件作为附件上传"))
    notice_on = EventDateField(_("告知日期"), null=True, blank=True,
                               help_text=_("告知拟作出的处罚及陈述、申辩、听证权利（《行政处罚法》第四十四条）"))
    statement_on = EventDateField(_("陈述申辩日期"), null=True, blank=True)
    statement = models.TextField(_("陈述申辩情况"), blank=True)

    # --- hearing --------------------------------------------------------------------------------------
    hearing_requested = models.BooleanField(_("是否听证"), default=False)
    hearing_requested_on = EventDateField(_("要求听证日期"), null=True, blank=True)
    hearing_notice_on = EventDateField(_("听证通知送达日期"), null=True, blank=True)
    hearing_held_on = EventDateField(_("听证举行日期"), null=True, blank=True)

    # --- legal review and collective discussion ---------------------------------------------------------
    is_major = models.BooleanField(_("是否重大案件"), default=False,
                                   help_text=_("重大、复杂案件须法制审核和集体讨论（《行政处罚法》第五十七条、第五十八条）"))
    legal_review_submitted_on = EventDateField(_("法制审核送审日期"), null=True, blank=True)
    legal_reviewer = models.CharField(_("法制审核人员"), max_length=60, blank=True)
    legal_review_on = EventDateField(_("法制审核日期"), null=True, blank=True)
    legal_review_result = models.CharField(_("法制审核结论"), max_length=16, blank=True, choices=ReviewResult.choices)
    legal_review_opinion = models.CharField(_("法制审核意见"), max_length=300, blank=True)
    collective_discussion_on = EventDateField(_("集体讨论日期"), null=True, blank=True)

    # --- decision, service, publication -----------------------------------------------------------------
    decision_number = models.CharField(_("处罚决定书文号"), max_length=60, blank=True)
    decided_on = EventDateField(_("决定日期"), null=True, blank=True)
    decision_kind = models.CharField(_("处罚种类"), max_length=16, blank=True, choices=DecisionKind.choices)
    correction_ordered = models.BooleanField(_("同时责令改正"), default=False,
                                             help_text=_("责令当事人改正或者限期改正违法行为（《行政处罚法》第二十八条）"))
    decision_content = models.CharField(_("决定内容"), max_length=200, blank=True,
                                        help_text=_("如“罚款20000元，责令限期拆除”；留空则按处罚种类显示"))
    amount = models.DecimalField(_("罚没金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    served_on = EventDateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=16, blank=True, choices=ServiceMethod.choices)
    published_on = EventDateField(_("公示日期"), null=True, blank=True,
                                  help_text=_("处罚决定7个工作日内、其他决定20个工作日内公示（国办发〔2018〕118号）"))

    # --- execution and closing --------------------------------------------------------------------------
    paid_on = EventDateField(_("罚款缴纳日期"), null=True, blank=True)
    execution = models.CharField(_("执行情况"), max_length=200, blank=True)
    closed_on = EventDateField(_("结案日期"), null=True, blank=True)

    # --- reconsideration and litigation ---------------------------------------------------------------
    reconsidered = models.BooleanField(_("是否行政复议"), default=False)
    reconsideration_body = models.CharField(_("复议机关"), max_length=60, blank=True,
                                            help_text=_("对乡镇人民政府的行政行为，由县级人民政府管辖（《行政复议法》第二十四条）"))
    reconsideration_accepted_on = EventDateField(_("复议受理日期"), null=True, blank=True)
    reconsideration_copy_received_on = EventDateField(_("收到复议申请书副本日期"), null=True, blank=True)
    reconsideration_answered_on = EventDateField(_("复议答复日期"), null=True, blank=True)
    reconsideration_extended = models.BooleanField(_("复议期限延长"), default=False)
    reconsideration_decided_on = EventDateField(_("复议决定日期"), null=True, blank=True)
    reconsideration_outcome = models.CharField(_("复议结果"), max_length=16, blank=True,
                                               choices=ReconsiderationOutcome.choices)
    litigated = models.BooleanField(_("是否行政诉讼"), default=False)
    litigation_court = models.CharField(_("受理法院"), max_length=60, blank=True)
    litigation_served_on = EventDateField(_("收到起诉状副本日期"), null=True, blank=True)
    litigation_answered_on = EventDateField(_("提交答辩状日期"), null=True, blank=True)
    litigation_hearing_on = EventDateField(_("开庭日期"), null=True, blank=True)
    head_appeared = models.BooleanField(_("负责人出庭应诉"), default=False,
                                        help_text=_("被诉行政机关负责人应当出庭应诉（《行政诉讼法》第三条）"))
    litigation_outcome = models.CharField(_("诉讼结果"), max_length=16, blank=True, choices=LitigationOutcome.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    # PIPL Art. 28: the party's ID number and phone are shown masked unless revealed
    personal_fields = {"party_id_number": "id_number", "party_phone": "phone"}
    name_field = "number"  # sheets name a case by its number
    numbering = CaseNumbering(date_field="filed_on", prefix="")

    objects, all_objects = managers(CaseQuerySet)

    class Meta:
        verbose_name = _("行政执法案件")
        verbose_name_plural = _("行政执法案件台账")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["township", "filed_on"], name="enf_case_township_filed"),
            models.Index(fields=["deleted_at", "township", "filed_on"], name="enf_case_live_township_filed"),
            models.Index(fields=["township", "published_on"], name="enf_case_township_published"),
        ]
        constraints = [unique_live("number", name="enforcement_case_unique_number", message=_("本镇已有相同案号的案件。"))]

    def __str__(self):
        return self.number or gettext("新行政执法案件")

    # --- state --------------------------------------------------------------------------------------

    @property
    def on_the_spot(self) -> bool:
        return self.procedure == self.Procedure.ON_THE_SPOT

    @property
    def is_penalty(self) -> bool:
        return self.decision_kind in self.PENALTY_KINDS

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None and self.decision_kind != self.DecisionKind.WITHDRAWN

    @property
    def natural_person(self) -> bool:
        return self.party_kind == self.PartyKind.PERSON

    @property
    def needs_legal_review(self) -> bool:
        """Major or complex, or heard (《行政处罚法》第五十八条第一款第（二）（三）项)."""
        return self.is_major or self.hearing_held_on is not None

    @property
    def overturned(self) -> bool:
        return self.reconsideration_outcome in self.OVERTURNED or self.litigation_outcome in self.OVERTURNED

    def status_label(self) -> str:
        if self.decision_kind == self.DecisionKind.WITHDRAWN:
            return gettext("已撤案")
        if self.closed_on:
            return gettext("已结案")
        if self.decided_on:
            return gettext("已决定")
        return gettext("在办")

    status_label.short_description = _("状态")

    def decision_display(self) -> str:
        """What was decided, as the public page and the list print it."""
        if self.decision_content:
            return self.decision_content
        if not self.decision_kind:
            return ""
        text = self.get_decision_kind_display()
        if self.decision_kind in (self.DecisionKind.FINE, self.DecisionKind.CONFISCATION) and self.amount:
            text += gettext("%(amount)s元") % {"amount": rules.yuan(self.amount)}
        if self.correction_ordered and self.decision_kind != self.DecisionKind.CORRECTION:
            text += "；" + gettext("责令改正")
        return text

    decision_display.short_description = _("处理决定")

    def officer_names(self) -> str:
        return "、".join(person.name for person in self.officers.all())

    officer_names.short_description = _("承办人员")

    def get_officers_display(self) -> str:
        # township.ledger.views.display_value calls a related manager before listing it: name it here
        return self.officer_names()

    # --- the clerk's record, checked as one -----------------------------------------------------------

    def step_dates(self) -> list[tuple[str, datetime.date]]:
        """The steps officers carry out, with their dates (《行政处罚法》第四十二条, 第四十七条)."""
        if self.on_the_spot:
            steps = [(gettext("当场处罚"), self.decided_on or self.filed_on)]
        else:
            steps = [(gettext("立案"), self.filed_on), (gettext("调查终结"), self.investigation_ended_on),
                     (gettext("告知"), self.notice_on), (gettext("作出决定"), self.decided_on),
                     (gettext("送达"), self.served_on)]
        return [(label, day) for label, day in steps if day is not None]

    def step_officers(self) -> list[dict]:
        """Each step with its officers and the certificate each acted under (《行政处罚法》第五十五条), for the page."""
        officers = list(self.officers.all())
        book = CertificateBook.of(officers)
        return [{"step": step, "date": day,
                 "officers": [(person.name, getattr(book.valid(person, day), "number", "")) for person in officers]}
                for step, day in self.step_dates()]

    def recordings_with_devices(self):
        return self.recordings.select_related("device").order_by("date", "id")

    def current_surcharge(self) -> Decimal:
        return self.surcharge(timezone.localdate())

    def officer_errors(self, officers, certified) -> dict[str, list[str]]:
        """Each step needs two officers holding a certificate valid on its date (《行政处罚法》第四十二条).
        ``certified(person, date) -> bool`` answers for one officer and one day."""
        messages = []
        for step, day in self.step_dates():
            messages += rules.officer_errors(step, day, [(person.name, certified(person, day)) for person in officers])
        return {"officers": messages} if messages else {}

    def clean(self):
        """Block what the law forbids (《行政处罚法》第四十四至四十五、五十一、五十八、六十二、六十四条); name the field."""
        errors: dict[str, list[str]] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        def label(field):
            return self._meta.get_field(field).verbose_name

        for field in ("number", "cause", "party_name", "decision_number", "legal_reviewer", "legal_review_opinion",
                      "decision_content", "execution", "note", "reconsideration_body", "litigation_court"):
            setattr(self, field, (getattr(self, field) or "").strip())
        self.party_id_number = normalise_id_number(self.party_id_number)
        self.party_credit_code = rules.normalise_credit_code(self.party_credit_code)
        self.party_phone = normalise_phone(self.party_phone)
        imported = getattr(self, "imported_from_sheet", False)

        if self.natural_person and self.party_credit_code:
            add("party_credit_code", gettext("当事人为自然人的，不填写统一社会信用代码。"))
        if not self.natural_person and self.party_id_number:
            add("party_id_number", gettext("当事人为法人或其他组织的，请填写统一社会信用代码，不填写身份证号。"))

        if self.on_the_spot:
            if self.decided_on is None:
                add("decided_on", gettext("当场处罚须填写决定日期。"))
            else:
                self.filed_on = self.decided_on  # 当场作出决定: filing and decision are the same act
                self.served_on = self.served_on or self.decided_on  # 当场交付 (《行政处罚法》第五十二条)
                self.service_method = self.service_method or self.ServiceMethod.ON_THE_SPOT
            for message in rules.on_the_spot_errors(not self.natural_person, self.decision_kind, self.amount,
                                                    warning=self.DecisionKind.WARNING, fine=self.DecisionKind.FINE):
                add("amount" if self.decision_kind == self.DecisionKind.FINE else "decision_kind", message)
        elif self.filed_on is None:
            add("filed_on", gettext("请填写立案日期。"))

        order = [  # (later, earlier): a later step cannot come before an earlier one
            ("investigation_ended_on", "filed_on"), ("notice_on", "filed_on"), ("statement_on", "notice_on"),
            ("hearing_requested_on", "notice_on"), ("hearing_notice_on", "hearing_requested_on"),
            ("hearing_held_on", "hearing_notice_on"), ("legal_review_submitted_on", "filed_on"),
            ("legal_review_on", "legal_review_submitted_on"), ("legal_review_on", "filed_on"),
            ("collective_discussion_on", "filed_on"), ("decided_on", "filed_on"), ("served_on", "decided_on"),
            ("published_on", "decided_on"), ("paid_on", "decided_on"), ("closed_on", "decided_on"),
            ("reconsideration_accepted_on", "decided_on"), ("reconsideration_copy_received_on", "decided_on"),
            ("reconsideration_answered_on", "reconsideration_copy_received_on"),
            ("reconsideration_decided_on", "reconsideration_accepted_on"), ("litigation_served_on", "decided_on"),
            ("litigation_answered_on", "litigation_served_on"), ("litigation_hearing_on", "litigation_served_on"),
        ]
        for later, earlier in order:
            later_value, earlier_value = getattr(self, later), getattr(self, earlier)
            if later_value and earlier_value and later_value < earlier_value and later not in errors:
                add(later, gettext("%(later)s（%(date)s）不能早于%(earlier)s（%(earlier_date)s）。") % {
                    "later": label(later), "date": f"{later_value:%Y-%m-%d}", "earlier": label(earlier),
                    "earlier_date": f"{earlier_value:%Y-%m-%d}"})

        self._clean_decision(add, errors, imported)
        self._clean_remedies(add)
        if errors:
            raise ValidationError(errors)

    def _clean_decision(self, add, errors, imported):
        kinds = self.DecisionKind
        if self.decided_on and not self.decision_kind:
            add("decision_kind", gettext("已填写决定日期，请选择处罚种类（或责令改正、不予处罚、撤案）。"))
        if self.decision_kind and not self.decided_on:
            add("decided_on", gettext("请填写决定日期。"))
        if self.decided_on and self.decision_kind != kinds.WITHDRAWN and not self.decision_number:
            add("decision_number", gettext("请填写处罚决定书（决定书）文号。"))
        if self.decision_kind == kinds.FINE and not self.amount and "amount" not in errors:
            add("amount", gettext("罚款须填写罚款金额。"))
        if self.amount and self.decision_kind and self.decision_kind not in (kinds.FINE, kinds.CONFISCATION):
            add("amount", gettext("只有罚款、没收违法所得的决定才填写罚没金额。"))
        for field in ("served_on", "published_on", "closed_on"):
            if getattr(self, field) and not self.decided_on and field not in errors:
                add(field, gettext("作出决定（含撤案）后才能填写%(field)s。") % {"field": self._meta.get_field(field).verbose_name})
        if self.paid_on and self.decision_kind != kinds.FINE:
            add("paid_on", gettext("只有罚款决定才填写罚款缴纳日期。"))
        # an opinion is written after its conclusion, as the ledger's 法制审核意见 cell reads it (resources.case)
        if (self.legal_review_on or self.legal_review_opinion.strip()) and not self.legal_review_result:
            add("legal_review_result", gettext("请选择法制审核结论。"))
        if self.legal_review_result and not self.legal_review_on:
            add("legal_review_on", gettext("请填写法制审核日期。"))
        if self.hearing_held_on or self.hearing_notice_on or self.hearing_requested_on:
            self.hearing_requested = True
        if "decided_on" in errors:
            return
        if not self.on_the_spot:
            for message in rules.notice_errors(self.is_penalty, self.notice_on, self.decided_on):
                add("notice_on" if self.notice_on is None else "decided_on", message)
        for message in rules.hearing_notice_errors(self.hearing_notice_on, self.hearing_held_on, self.calendar):
            add("hearing_held_on", message)
        # A ledger sheet has no column for the hearing's dates: an imported row is flagged, not refused.
        if not (imported and self.hearing_held_on is None):
            for message in rules.hearing_before_decision_errors(self.hearing_requested, self.hearing_held_on,
                                                                self.decided_on if self.decision_kind != kinds.WITHDRAWN else None):
                add("hearing_held_on", message)
        passed = self.legal_review_result == self.ReviewResult.PASSED
        for message in rules.legal_review_errors(self.needs_legal_review and self.is_decided, self.decided_on,
                                                 self.legal_review_on, passed):
            add("legal_review_on", message)

    def _clean_remedies(self, add):
        reconsideration = ("reconsideration_body", "reconsideration_accepted_on", "reconsideration_copy_received_on",
                           "reconsideration_answered_on", "reconsideration_decided_on", "reconsideration_outcome")
        litigation = ("litigation_court", "litigation_served_on", "litigation_answered_on", "litigation_hearing_on",
                      "litigation_outcome")
        if any(getattr(self, field) for field in reconsideration) or self.reconsideration_extended:
            self.reconsidered = True
        if any(getattr(self, field) for field in litigation) or self.head_appeared:
            self.litigated = True
        if (self.reconsidered or self.litigated) and not self.decided_on:
            add("reconsidered" if self.reconsidered else "litigated",
                gettext("作出决定后才可能被申请行政复议或提起行政诉讼。"))
        if self.reconsideration_outcome and not self.reconsideration_decided_on:
            add("reconsideration_decided_on", gettext("请填写复议决定日期。"))
        if self.head_appeared and not self.litigation_hearing_on:
            add("litigation_hearing_on", gettext("请填写开庭日期。"))

    # --- deadlines and defects, from rules.py -------------------------------------------------------

    def decision_deadline(self) -> Deadline | None:
        if self.on_the_spot:
            return None
        return rules.decision_deadline(self.filed_on, self.calendar, done_on=self.decided_on)

    def decided_late(self, today: datetime.date) -> bool:
        """Decided after the 90-day limit, or still undecided with the limit past (《行政处罚法》第六十条)."""
        deadline = self.decision_deadline()
        if deadline is None or deadline.due is None or self.decision_kind == self.DecisionKind.WITHDRAWN:
            return False
        return deadline.met is False or (deadline.done_on is None and deadline.due < today)

    def service_deadline(self) -> Deadline | None:
        if not self.is_decided or self.on_the_spot:
            return None
        return rules.service_deadline(self.decided_on, self.calendar, done_on=self.served_on)

    def publication_deadline(self) -> Deadline | None:
        if not self.is_decided:
            return None
        return rules.publication_deadline(self.decided_on, self.is_penalty, self.calendar, done_on=self.published_on)

    def payment_deadline(self) -> Deadline | None:
        if self.decision_kind != self.DecisionKind.FINE or self.served_on is None:
            return None
        return rules.payment_deadline(self.served_on, self.calendar, done_on=self.paid_on)

    def legal_review_deadline(self) -> Deadline | None:
        if self.legal_review_submitted_on is None:
            return None
        return rules.legal_review_deadline(
            self.legal_review_submitted_on, self.calendar, complex_case=self.is_major, done_on=self.legal_review_on,
            workdays=getattr(settings, "ENFORCEMENT_LEGAL_REVIEW_WORKDAYS", rules.LEGAL_REVIEW_WORKDAYS),
            extra_workdays=getattr(settings, "ENFORCEMENT_LEGAL_REVIEW_EXTRA_WORKDAYS", rules.LEGAL_REVIEW_EXTRA_WORKDAYS),
        )

    def hearing_request_deadline(self) -> Deadline | None:
        if self.notice_on is None or self.on_the_spot:
            return None
        return rules.hearing_request_deadline(self.notice_on, self.calendar, done_on=self.hearing_requested_on)

    def reconsideration_answer_deadline(self) -> Deadline | None:
        if self.reconsideration_copy_received_on is None:
            return None
        return rules.reconsideration_answer_deadline(self.reconsideration_copy_received_on, self.calendar,
                                                     done_on=self.reconsideration_answered_on)

    def reconsideration_decision_deadline(self) -> Deadline | None:
        if self.reconsideration_accepted_on is None:
            return None
        return rules.reconsideration_decision_deadline(self.reconsideration_accepted_on, self.reconsideration_extended,
                                                       self.calendar, done_on=self.reconsideration_decided_on)

    def litigation_answer_deadline(self) -> Deadline | None:
        if self.litigation_served_on is None:
            return None
        return rules.litigation_answer_deadline(self.litigation_served_on, self.calendar,
                                                done_on=self.litigation_answered_on)

    def deadlines(self, today: datetime.date) -> list[Deadline]:
        """Every deadline of the case, in the order its steps happen (the detail page lists them). The party's
        window to ask for a hearing is listed while it runs or once a hearing was asked for: its end without a
        request is no one's delay."""
        hearing = self.hearing_request_deadline()
        if hearing is not None and hearing.done_on is None and hearing.due < today:
            hearing = None
        found = [self.decision_deadline(), hearing, self.legal_review_deadline(),
                 self.service_deadline(), self.publication_deadline(), self.payment_deadline(),
                 self.reconsideration_answer_deadline(), self.reconsideration_decision_deadline(),
                 self.litigation_answer_deadline()]
        return [deadline for deadline in found if deadline is not None]

    def surcharge(self, today: datetime.date) -> Decimal:
        """加处罚款 of a fine paid late or still unpaid (《行政处罚法》第七十二条)."""
        deadline = self.payment_deadline()
        if deadline is None or self.closed_on and not self.paid_on:
            return Decimal("0.00")
        return rules.late_payment_surcharge(self.amount, deadline.due, self.paid_on or today)

    def defects(self, today: datetime.date) -> list[tuple[str, str]]:
        """(badge, message) of each flagged defect."""
        found = []
        late = [(self.decision_deadline(), gettext("超期作出决定")), (self.service_deadline(), gettext("超期送达")),
                (self.publication_deadline(), gettext("超期公示")), (self.payment_deadline(), gettext("逾期缴纳罚款")),
                (self.reconsideration_answer_deadline(), gettext("复议答复超期")),
                (self.litigation_answer_deadline(), gettext("应诉答辩超期"))]
        for deadline, badge in late:
            if deadline is not None and deadline.met is False:
                found.append((badge, gettext("%(rule)s为%(due)s，实际于%(done)s（%(article)s）。") % {
                    "rule": deadline.rule, "due": f"{deadline.due:%Y-%m-%d}", "done": f"{deadline.done_on:%Y-%m-%d}",
                    "article": deadline.article}))
        surcharge = self.surcharge(today)
        if surcharge:
            found.append((gettext("加处罚款%(amount)s元") % {"amount": surcharge},
                          gettext("到期不缴纳罚款的，每日按罚款数额的3%加处罚款，不超过罚款数额（《行政处罚法》第七十二条）。")))
        found += [(gettext("逾期要求听证"), m)
                  for m in rules.hearing_request_flags(self.notice_on, self.hearing_requested_on, self.calendar)]
        found += [(gettext("未集体讨论"), m) for m in rules.collective_discussion_flags(
            self.is_major and self.is_decided, self.collective_discussion_on, self.decided_on)]
        found += [(gettext("超过追责期限"), m)
                  for m in rules.limitation_flags(self.violation_on, self.filed_on, self.serious_harm)]
        if self.hearing_requested and self.is_decided and self.hearing_held_on is None:
            found.append((gettext("听证日期未填写"), gettext("当事人要求听证，请补填听证通知送达和举行日期（《行政处罚法》第六十四条）。")))
        if self.litigation_hearing_on and not self.head_appeared:
            found.append((gettext("负责人未出庭"), gettext("被诉行政机关负责人应当出庭应诉（《行政诉讼法》第三条）。")))
        if self.closed_on and not self.on_the_spot and not self.recordings.all():
            found.append((gettext("无执法记录"), gettext("结案前应对执法全过程进行记录并归档，请在“执法全过程记录”中关联"
                                                          "（《行政处罚法》第四十七条）。")))
        return found

    def running_alerts(self, today: datetime.date) -> list[Alert]:
        """Deadlines still running that are past or near (the 90-day limit 15 days ahead, the others 7)."""
        running = [
            (self.decision_deadline(), gettext("作出决定"), rules.DECISION_DUE_SOON_DAYS),
            (self.legal_review_deadline(), gettext("法制审核"), DUE_SOON_DAYS),
            (self.service_deadline(), gettext("送达"), DUE_SOON_DAYS),
            (self.publication_deadline(), gettext("公示"), DUE_SOON_DAYS),
            (None if self.closed_on else self.payment_deadline(), gettext("缴纳罚款"), DUE_SOON_DAYS),
            (self.reconsideration_answer_deadline(), gettext("复议答复"), DUE_SOON_DAYS),
            (self.litigation_answer_deadline(), gettext("应诉答辩"), DUE_SOON_DAYS),
        ]
        if self.decision_kind == self.DecisionKind.WITHDRAWN:
            running[0] = (None, "", 0)
        return [alert for deadline, subject, soon in running
                if (alert := running_alert(deadline, today, subject, soon)) is not None]

    def alerts(self, today: datetime.date) -> list[Alert]:
        return self.running_alerts(today) + [Alert(DEFECT, badge, message) for badge, message in self.defects(today)]
