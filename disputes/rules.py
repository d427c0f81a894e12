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

from township.workdays import Deadline, WorkCalendar

# ---------------------------------------------------------------------------------------------
# Values the models reuse as choices (plain strings, stored as they are shown)
# ---------------------------------------------------------------------------------------------

#: Petition channels (《信访工作条例》第十七条, plus the ledger's 12345 and 上级转办).
CHANNEL_LETTER = "来信"
CHANNEL_VISIT = "来访"
CHANNEL_ONLINE = "网上"
CHANNEL_PHONE = "电话"
CHANNEL_FAX = "传真"
CHANNEL_HOTLINE = "12345"
CHANNEL_REFERRED = "上级转办"
PETITION_CHANNELS = (
    CHANNEL_LETTER,
    CHANNEL_VISIT,
    CHANNEL_ONLINE,
    CHANNEL_PHONE,
    CHANNEL_FAX,
    CHANNEL_HOTLINE,
    CHANNEL_REFERRED,
)

#: Petitioner satisfaction.
SATISFIED = "满意"
FAIRLY_SATISFIED = "基本满意"
DISSATISFIED = "不满意"
SATISFACTION_LEVELS = (SATISFIED, FAIRLY_SATISFIED, DISSATISFIED)

#: Review stage of a petition (《信访工作条例》第三十五条、第三十六条); "" = none.
REVIEW_NONE = ""
REVIEW = "复查"
RE_REVIEW = "复核"
REVIEW_STAGES = (REVIEW_NONE, REVIEW, RE_REVIEW)

#: Dispute risk levels (《人民调解法》第二十五条).
RISK_HIGH = "高"
RISK_MEDIUM = "中"
RISK_LOW = "低"
RISK_LEVELS = (RISK_HIGH, RISK_MEDIUM, RISK_LOW)

#: Agreement forms (《人民调解法》第二十八条).
AGREEMENT_WRITTEN = "书面"
AGREEMENT_ORAL = "口头"
AGREEMENT_FORMS = (AGREEMENT_WRITTEN, AGREEMENT_ORAL)

#: Dispute status: registered, open, then the ledger's 调解结果 values.
DISPUTE_REGISTERED = "已登记"
DISPUTE_OPEN = "调解中"
DISPUTE_SUCCEEDED = "调解成功"
DISPUTE_FAILED = "调解不成"
DISPUTE_TERMINATED = "终止"
DISPUTE_TRANSFERRED = "转办"
DISPUTE_STATUSES = (DISPUTE_OPEN, DISPUTE_SUCCEEDED, DISPUTE_FAILED, DISPUTE_TERMINATED, DISPUTE_TRANSFERRED)
DISPUTE_CLOSED_STATUSES = (DISPUTE_SUCCEEDED, DISPUTE_FAILED, DISPUTE_TERMINATED, DISPUTE_TRANSFERRED)

#: Dispute sources (《人民调解法》第十七条: on application or on the committee's initiative).
DISPUTE_SOURCES = ("排查发现", "当事人申请", "网格上报", "公安移交", "法院委托", "政府指定")

#: Dispute types as the ledgers name them.
DISPUTE_TYPES = (
    "婚姻家庭",
    "邻里",
    "土地山林权属",
    "合同",
    "损害赔偿",
    "劳动争议",
    "征地拆迁",
    "物业",
    "其他",
)


#: Every state a dispute passes through: registered → mediating → one of the outcomes.
DISPUTE_LIFECYCLE = (DISPUTE_REGISTERED, *DISPUTE_STATUSES)
DISPUTE_PENDING_STATUSES = (DISPUTE_REGISTERED, DISPUTE_OPEN)

#: Performance of a mediation agreement found at the follow-up visit (《人民调解法》第三十一条).
PERFORMANCE_DONE = "已履行"
PERFORMANCE_ONGOING = "正在履行"
PERFORMANCE_NOT_DONE = "未履行"
PERFORMANCE_STATES = (PERFORMANCE_DONE, PERFORMANCE_ONGOING, PERFORMANCE_NOT_DONE)

#: Petition acceptance decision (《信访工作条例》第二十二条: 受理, 不予受理 with notice, or 转送).
PETITION_ACCEPTED = "受理"
PETITION_NOT_ACCEPTED = "不予受理"
PETITION_ROUTED = "转送"
PETITION_DECISIONS = (PETITION_ACCEPTED, PETITION_NOT_ACCEPTED, PETITION_ROUTED)

#: Petition problem categories as township ledgers name them.
PETITION_CATEGORIES = (
    "土地",
    "城乡建设",
    "社会保障",
    "民生",
    "农业农村",
    "生态环境",
    "交通运输",
    "教育卫生",
    "涉法涉诉",
    "纪检监察",
    "其他",
)


def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    """Django choices [(value, value), ...] for a tuple of the constants above."""
    return [(value, value or "—") for value in values]


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
