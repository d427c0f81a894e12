"""Statutory deadlines and checks for petitions and disputes, as small pure functions.

Petitions: 《信访工作条例》(2022). Disputes: 《中华人民共和国人民调解法》(2010) and
《人民调解工作若干规定》(2002). Calendar days unless a rule says 工作日; either way the day of the event is
not counted (《民法典》第二百零一条), and a calendar-day period whose last day is a weekend or public holiday
ends on the first working day after it (《民法典》第二百零三条). Both need a
:class:`township.workdays.WorkCalendar`: calendar-day deadlines take it as ``calendar`` and default to
the package's calendar without the admin's CalendarDay overrides (records pass theirs). Deadline
functions return :class:`township.workdays.Deadline`
(``due`` is None when the start date is not recorded yet); check functions return a list of Chinese
messages, empty when the record is fine. Forms turn the messages of "block" rules into validation
errors; lists show those of "flag" rules as badges.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from township.workdays import Deadline, WorkCalendar

# ---------------------------------------------------------------------------------------------
# The vocabulary of the ledgers: TextChoices with ASCII values and the ledgers' own words as labels
# (docs/decisions/0011); the constants below name the members the rules and models compare with.
# ---------------------------------------------------------------------------------------------


class Vocabulary(models.TextChoices):
    @classmethod
    def of_label(cls, label: str) -> Vocabulary:
        """The member a ledger's word stands for (the demo and the tests write the words)."""
        return next(member for member in cls if member.label == label)


class PetitionChannel(Vocabulary):
    """Petition channels (《信访工作条例》第十七条, plus the ledger's 12345 and 上级转办)."""

    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    ONLINE = "online", _("网上")
    PHONE = "phone", _("电话")
    FAX = "fax", _("传真")
    HOTLINE = "hotline", _("12345")
    REFERRED = "referred", _("上级转办")


class Satisfaction(Vocabulary):
    SATISFIED = "satisfied", _("满意")
    FAIRLY_SATISFIED = "fairly", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class ReviewStage(Vocabulary):
    """复查 and 复核 of a petition (《信访工作条例》第三十五条、第三十六条); "" = none."""

    REVIEW = "review", _("复查")
    RE_REVIEW = "re_review", _("复核")


class RiskLevel(Vocabulary):
    """Dispute risk levels (《人民调解法》第二十五条)."""

    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")


class AgreementForm(Vocabulary):
    """Mediation agreements (《人民调解法》第二十八条)."""

    WRITTEN = "written", _("书面")
    ORAL = "oral", _("口头")


class DisputeStatus(Vocabulary):
    """Registered, mediating, then the ledger's 调解结果."""

    REGISTERED = "registered", _("已登记")
    MEDIATING = "mediating", _("调解中")
    SUCCEEDED = "succeeded", _("调解成功")
    FAILED = "failed", _("调解不成")
    TERMINATED = "terminated", _("终止")
    TRANSFERRED = "transferred", _("转办")


class DisputeSource(Vocabulary):
    """《人民调解法》第十七条: on application or on the committee's initiative."""

    FOUND = "found", _("排查发现")
    APPLIED = "applied", _("当事人申请")
    GRID = "grid", _("网格上报")
    POLICE = "police", _("公安移交")
    COURT = "court", _("法院委托")
    GOVERNMENT = "government", _("政府指定")


class DisputeType(Vocabulary):
    FAMILY = "family", _("婚姻家庭")
    NEIGHBOURS = "neighbours", _("邻里")
    LAND = "land", _("土地山林权属")
    CONTRACT = "contract", _("合同")
    DAMAGES = "damages", _("损害赔偿")
    LABOUR = "labour", _("劳动争议")
    EXPROPRIATION = "expropriation", _("征地拆迁")
    PROPERTY = "property", _("物业")
    OTHER = "other", _("其他")


class Performance(Vocabulary):
    """Performance of a mediation agreement found at the follow-up visit (《人民调解法》第三十一条)."""

    DONE = "done", _("已履行")
    ONGOING = "ongoing", _("正在履行")
    NOT_DONE = "not_done", _("未履行")


class PetitionDecision(Vocabulary):
    """《信访工作条例》第二十二条: 受理, 不予受理 with notice, or 转送."""

    ACCEPTED = "accepted", _("受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    ROUTED = "routed", _("转送")


class PetitionCategory(Vocabulary):
    LAND = "land", _("土地")
    CONSTRUCTION = "construction", _("城乡建设")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    LIVELIHOOD = "livelihood", _("民生")
    AGRICULTURE = "agriculture", _("农业农村")
    ENVIRONMENT = "environment", _("生态环境")
    TRANSPORT = "transport", _("交通运输")
    EDUCATION_HEALTH = "education_health", _("教育卫生")
    LEGAL = "legal", _("涉法涉诉")
    DISCIPLINE = "discipline", _("纪检监察")
    OTHER = "other", _("其他")


CHANNEL_LETTER, CHANNEL_VISIT, CHANNEL_ONLINE, CHANNEL_PHONE = (
    PetitionChannel.LETTER, PetitionChannel.VISIT, PetitionChannel.ONLINE, PetitionChannel.PHONE)
CHANNEL_FAX, CHANNEL_HOTLINE, CHANNEL_REFERRED = PetitionChannel.FAX, PetitionChannel.HOTLINE, PetitionChannel.REFERRED
PETITION_CHANNELS = tuple(PetitionChannel)

SATISFIED, FAIRLY_SATISFIED, DISSATISFIED = Satisfaction.SATISFIED, Satisfaction.FAIRLY_SATISFIED, Satisfaction.DISSATISFIED
SATISFACTION_LEVELS = tuple(Satisfaction)

REVIEW_NONE = ""
REVIEW, RE_REVIEW = ReviewStage.REVIEW, ReviewStage.RE_REVIEW
REVIEW_STAGES = (REVIEW_NONE, REVIEW, RE_REVIEW)

RISK_HIGH, RISK_MEDIUM, RISK_LOW = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW
RISK_LEVELS = tuple(RiskLevel)

AGREEMENT_WRITTEN, AGREEMENT_ORAL = AgreementForm.WRITTEN, AgreementForm.ORAL
AGREEMENT_FORMS = tuple(AgreementForm)

DISPUTE_REGISTERED, DISPUTE_OPEN = DisputeStatus.REGISTERED, DisputeStatus.MEDIATING
DISPUTE_SUCCEEDED, DISPUTE_FAILED = DisputeStatus.SUCCEEDED, DisputeStatus.FAILED
DISPUTE_TERMINATED, DISPUTE_TRANSFERRED = DisputeStatus.TERMINATED, DisputeStatus.TRANSFERRED
DISPUTE_STATUSES = (DISPUTE_OPEN, DISPUTE_SUCCEEDED, DISPUTE_FAILED, DISPUTE_TERMINATED, DISPUTE_TRANSFERRED)
DISPUTE_CLOSED_STATUSES = (DISPUTE_SUCCEEDED, DISPUTE_FAILED, DISPUTE_TERMINATED, DISPUTE_TRANSFERRED)
#: Every state a dispute passes through: registered → mediating → one of the outcomes.
DISPUTE_LIFECYCLE = tuple(DisputeStatus)
DISPUTE_PENDING_STATUSES = (DISPUTE_REGISTERED, DISPUTE_OPEN)

DISPUTE_SOURCES = tuple(DisputeSource)
DISPUTE_TYPES = tuple(DisputeType)

PERFORMANCE_DONE, PERFORMANCE_ONGOING, PERFORMANCE_NOT_DONE = Performance.DONE, Performance.ONGOING, Performance.NOT_DONE
PERFORMANCE_STATES = tuple(Performance)

PETITION_ACCEPTED, PETITION_NOT_ACCEPTED = PetitionDecision.ACCEPTED, PetitionDecision.NOT_ACCEPTED
PETITION_ROUTED = PetitionDecision.ROUTED
PETITION_DECISIONS = tuple(PetitionDecision)

PETITION_CATEGORIES = tuple(PetitionCategory)


def choices(values) -> list[tuple[str, str]]:
    """Django choices [(value, label), ...] for a tuple of the members above ("" is 无: none)."""
    return [(value, value.label) if hasattr(value, "label") else (value, "—") for value in values]


# ---------------------------------------------------------------------------------------------
# Periods (days)
# ---------------------------------------------------------------------------------------------

PETITION_ACCEPTANCE_DAYS = 15
PETITION_OBJECTION_WORKDAYS = 5
PETITION_CLOSING_DAYS = 60
PETITION_MAX_EXTENSION_DAYS = 30
REVIEW_REQUEST_DAYS = 30
REVIEW_REPLY_DAYS = 30
RE_REVIEW_REQUEST_DAYS = 30
RE_REVIEW_REPLY_DAYS = 30
GROUP_VISIT_MAX_REPRESENTATIVES = 5
MEDIATION_DAYS = 30
JUDICIAL_CONFIRMATION_DAYS = 30
COMMITTEE_MIN_MEMBERS = 3
COMMITTEE_MAX_MEMBERS = 9

_PETITION_LAW = "《信访工作条例》"
_MEDIATION_LAW = "《人民调解法》"
_MEDIATION_RULES = "《人民调解工作若干规定》"


def _after(
    start: date | None, days: int, rule: str, article: str, done_on: date | None, calendar: WorkCalendar | None
) -> Deadline:
    """A calendar-day Deadline `days` after start, rolled off a rest day (《民法典》第二百零一、二百零三条)."""
    deadline = (calendar or WorkCalendar()).calendar_deadline(start, days, rule=rule, article=article)
    return deadline.completed(done_on)


# ---------------------------------------------------------------------------------------------
# Petitions — 《信访工作条例》
# ---------------------------------------------------------------------------------------------


def petition_acceptance_deadline(
    received: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Decide and notify in writing within 15 days of receipt (《信访工作条例》第二十二、二十三条)."""
    return _after(
        received, PETITION_ACCEPTANCE_DAYS, "受理告知期限", f"{_PETITION_LAW}第二十二条、第二十三条", done_on, calendar
    )


def petition_routing_objection_deadline(
    notice_date: date | None, calendar: WorkCalendar, *, done_on: date | None = None
) -> Deadline:
    """Objection to the routing within 5 working days of the notice (《信访工作条例》第二十三条)."""
    deadline = calendar.workday_deadline(
        notice_date, PETITION_OBJECTION_WORKDAYS, rule="转送异议期限", article=f"{_PETITION_LAW}第二十三条"
    )
    return deadline.completed(done_on)


def petition_closing_deadline(
    accepted: date | None,
    extension_days: int | None = 0,
    *,
    done_on: date | None = None,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """Close within 60 days of acceptance + an extension of at most 30 (《信访工作条例》第三十四条)."""
    extension = min(max(extension_days or 0, 0), PETITION_MAX_EXTENSION_DAYS)
    return _after(
        accepted, PETITION_CLOSING_DAYS + extension, "办结期限", f"{_PETITION_LAW}第三十四条", done_on, calendar
    )


def petition_extension_errors(days: int | None, reason: str | None, approver: str | None) -> dict[str, list[str]]:
    """The errors of an extension by part ("days", "reason", "approver"), for forms that name the field.

    1-30 days, with a reason and the head's approval (《信访工作条例》第三十四条).
    """
    reason = (reason or "").strip()
    approver = (approver or "").strip()
    if not days and not reason and not approver:
        return {}  # no extension requested
    errors: dict[str, list[str]] = {}
    if days is None or days < 1:
        errors["days"] = ["延期天数应为1至30日（《信访工作条例》第三十四条）。"]
    elif days > PETITION_MAX_EXTENSION_DAYS:
        errors["days"] = ["延期不得超过30日（《信访工作条例》第三十四条）。"]
    if not reason:
        errors["reason"] = ["延期须填写延期理由，并告知信访人（《信访工作条例》第三十四条）。"]
    if not approver:
        errors["approver"] = ["延期须经本机关负责人批准，请填写批准人（《信访工作条例》第三十四条）。"]
    return errors


def validate_petition_extension(days: int | None, reason: str | None, approver: str | None) -> list[str]:
    """Errors of an extension: 1-30 days, with a reason and an approver (《信访工作条例》第三十四条)."""
    return [message for messages in petition_extension_errors(days, reason, approver).values() for message in messages]


def petition_closed_on_time(closed: date | None, deadline: Deadline | date | None) -> bool | None:
    """True when closed by the deadline; None while open or undated (《信访工作条例》第三十四条)."""
    due = deadline.due if isinstance(deadline, Deadline) else deadline
    if closed is None or due is None:
        return None
    return closed <= due


def review_request_deadline(
    reply_date: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Request a 复查 within 30 days of receiving the written reply (《信访工作条例》第三十五条)."""
    return _after(reply_date, REVIEW_REQUEST_DAYS, "复查申请期限", f"{_PETITION_LAW}第三十五条", done_on, calendar)


def review_reply_deadline(
    request_date: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Give the 复查 opinion within 30 days of the request (《信访工作条例》第三十五条)."""
    return _after(request_date, REVIEW_REPLY_DAYS, "复查意见期限", f"{_PETITION_LAW}第三十五条", done_on, calendar)


def re_review_request_deadline(
    review_reply_date: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Request a 复核 within 30 days of receiving the 复查 opinion (《信访工作条例》第三十六条)."""
    return _after(
        review_reply_date, RE_REVIEW_REQUEST_DAYS, "复核申请期限", f"{_PETITION_LAW}第三十六条", done_on, calendar
    )


def re_review_reply_deadline(
    request_date: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Give the 复核 opinion within 30 days of the request (《信访工作条例》第三十六条)."""
    return _after(
        request_date, RE_REVIEW_REPLY_DAYS, "复核意见期限", f"{_PETITION_LAW}第三十六条", done_on, calendar
    )


def can_reopen_after_re_review(review_stage: str, *, same_facts_and_reasons: bool = True) -> bool:
    """False after 复核: the same facts and reasons are not accepted again (《信访工作条例》第三十六条)."""
    return not (review_stage == RE_REVIEW and same_facts_and_reasons)


def group_visit_flag(people_count: int | None) -> list[str]:
    """Flag a group visit with more than 5 representatives (《信访工作条例》第二十条)."""
    if people_count is not None and people_count > GROUP_VISIT_MAX_REPRESENTATIVES:
        return [f"多人走访应推选代表，代表不超过5人，本次登记{people_count}人（《信访工作条例》第二十条）。"]
    return []


# ---------------------------------------------------------------------------------------------
# Disputes — 《人民调解法》, 《人民调解工作若干规定》
# ---------------------------------------------------------------------------------------------


def dispute_mediation_deadline(
    registered: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Mediation generally concluded within one month of acceptance (《人民调解工作若干规定》第三十六条)."""
    return _after(registered, MEDIATION_DAYS, "调解期限", f"{_MEDIATION_RULES}第三十六条", done_on, calendar)


def dispute_open_too_long(
    registered: date | None, closed: date | None, today: date, *, calendar: WorkCalendar | None = None
) -> list[str]:
    """Flag a dispute open (or closed) past its month after acceptance (《人民调解工作若干规定》第三十六条),
    the month's last day rolled off a rest day (《民法典》第二百零三条)."""
    if registered is None:
        return []
    end = closed if closed is not None else today
    days = (end - registered).days
    if end <= dispute_mediation_deadline(registered, calendar=calendar).due:
        return []
    if closed is None:
        return [f"受理已{days}日仍未调结，超过一个月（《人民调解工作若干规定》第三十六条）。"]
    return [f"调解用时{days}日，超过一个月（《人民调解工作若干规定》第三十六条）。"]


def judicial_confirmation_deadline(
    agreement_date: date | None, *, done_on: date | None = None, calendar: WorkCalendar | None = None
) -> Deadline:
    """Apply jointly for judicial confirmation within 30 days of the agreement (《人民调解法》第三十三条)."""
    return _after(
        agreement_date, JUDICIAL_CONFIRMATION_DAYS, "司法确认申请期限", f"{_MEDIATION_LAW}第三十三条", done_on,
        calendar,
    )


def written_agreement_needs_terms(form: str | None, terms: str | None) -> list[str]:
    """Block a written agreement without its terms (《人民调解法》第二十八条至第三十条)."""
    if form == AGREEMENT_WRITTEN and not (terms or "").strip():
        return ["书面调解协议须载明当事人、纠纷事实、协议内容及履行方式和期限（《人民调解法》第二十九条）。"]
    return []


def high_risk_without_police_referral(risk_level: str | None, referred_to_police: bool | None) -> list[str]:
    """Flag a high-risk dispute not reported to the police (《人民调解法》第二十五条)."""
    if risk_level == RISK_HIGH and not referred_to_police:
        return ["高风险纠纷可能激化，应向当地公安机关报告并记录（《人民调解法》第二十五条）。"]
    return []


def failed_mediation_needs_advice(status: str | None, advice: str | None) -> list[str]:
    """Block "mediation failed" without the advice on other routes (《人民调解法》第二十六条)."""
    if status == DISPUTE_FAILED and not (advice or "").strip():
        return [
            "调解不成的，应终止调解并告知当事人可通过仲裁、行政、司法等途径维权，"
            "请填写告知情况（《人民调解法》第二十六条）。"
        ]
    return []


def mediation_committee_flags(member_count: int | None, women_count: int | None) -> list[str]:
    """Flag a committee outside 3-9 members or without women members (《人民调解法》第八条)."""
    flags: list[str] = []
    members = member_count or 0
    if members < COMMITTEE_MIN_MEMBERS:
        flags.append(f"人民调解委员会委员不足3人（现{members}人）（《人民调解法》第八条）。")
    elif members > COMMITTEE_MAX_MEMBERS:
        flags.append(f"人民调解委员会委员超过9人（现{members}人）（《人民调解法》第八条）。")
    if not women_count:
        flags.append("人民调解委员会应当有妇女成员（《人民调解法》第八条）。")
    return flags
