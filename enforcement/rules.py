"""Statutory deadlines and checks of administrative enforcement, as small pure functions.

Sources: 《中华人民共和国行政处罚法》(2021), 国办发〔2018〕118号 (行政执法公示、全过程记录、重大执法决定法制审核
"三项制度"), 国办发〔2018〕115号 (规范性文件合法性审核), 《中华人民共和国行政复议法》(2023), 《中华人民共和国
行政诉讼法》(2017), 《重大行政决策程序暂行条例》(2019), and GB 32100-2015 (统一社会信用代码).

Counting: the day of the event is not counted (《民法典》第二百零一条). A calendar-day period whose last day is
a rest day ends on the next working day (《民法典》第二百零三条; for court periods 《民事诉讼法》第八十五条 through
《行政诉讼法》第一百零一条). 《行政处罚法》第八十五条: its 二日、三日、五日、七日 are working days; 《行政复议法》
第八十八条: its 三日、五日、七日、十日 are working days. Working days come from a
:class:`township.workdays.WorkCalendar` the caller passes, so every function stays pure.

Deadline functions return :class:`township.workdays.Deadline` (``due`` is None while the start is not
recorded). Check functions return Chinese messages, empty when the record is fine: forms and imports
refuse the messages of "block" rules, lists show those of "flag" rules as badges.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from township.workdays import Deadline, WorkCalendar

PENALTY_LAW = "《行政处罚法》"
THREE_SYSTEMS = "国办发〔2018〕118号"
NORMATIVE_DOCUMENTS = "国办发〔2018〕115号"
RECONSIDERATION_LAW = "《行政复议法》"
LITIGATION_LAW = "《行政诉讼法》"
MAJOR_DECISIONS = "《重大行政决策程序暂行条例》"

# --- periods ---------------------------------------------------------------------------------------------

DECISION_DAYS = 90  # 《行政处罚法》第六十条
DECISION_DUE_SOON_DAYS = 15  # the 90-day limit is flagged 15 days ahead (statutory-rules.md)
SERVICE_WORKDAYS = 7  # 第六十一条, working days by 第八十五条
HEARING_REQUEST_WORKDAYS = 5  # 第六十四条第（一）项
HEARING_NOTICE_WORKDAYS = 7  # 第六十四条第（二）项
PAYMENT_DAYS = 15  # 第六十七条
SURCHARGE_RATE = Decimal("0.03")  # 第七十二条: 3% of the fine a day, never more than the fine
LIMITATION_YEARS = 2  # 第三十六条
LIMITATION_YEARS_SERIOUS = 5
ON_THE_SPOT_LIMIT_PERSON = Decimal("200")  # 第五十一条
ON_THE_SPOT_LIMIT_ORGANISATION = Decimal("3000")
MIN_OFFICERS = 2  # 第四十二条
PUBLICATION_WORKDAYS_PENALTY = 7  # 国办发〔2018〕118号
PUBLICATION_WORKDAYS_OTHER = 20
LEGAL_REVIEW_WORKDAYS = 7  # a local rule (statutory-rules.md): a setting, this is its default
LEGAL_REVIEW_EXTRA_WORKDAYS = 3  # … plus 3 for a complex case
RECONSIDERATION_ANSWER_WORKDAYS = 10  # 《行政复议法》第四十八条, working days by 第八十八条
RECONSIDERATION_DECISION_DAYS = 60  # 第六十二条
RECONSIDERATION_MAX_EXTENSION_DAYS = 30
LITIGATION_ANSWER_DAYS = 15  # 《行政诉讼法》第六十七条
COMMENT_PERIOD_DAYS = 30  # 《重大行政决策程序暂行条例》第十五条
MAJOR_DECISION_REVIEW_WORKDAYS = 7  # 第二十六条
NORMATIVE_REVIEW_MAX_WORKDAYS = 15  # 国办发〔2018〕115号: 审核时间最长不超过15个工作日


def calendar_deadline(
    start: date | None, days: int, calendar: WorkCalendar, *, rule: str, article: str, done_on: date | None = None
) -> Deadline:
    """``days`` calendar days after start, a last day on a rest day moved to the next working day (《民法典》第二百零一条、
    第二百零三条; township.workdays)."""
    return calendar.calendar_deadline(start, days, rule=rule, article=article).completed(done_on)


def workday_deadline(
    start: date | None, workdays: int, calendar: WorkCalendar, *, rule: str, article: str, done_on: date | None = None
) -> Deadline:
    """``workdays`` working days after start, the start day not counted (《民法典》第二百零一条)."""
    return calendar.workday_deadline(start, workdays, rule=rule, article=article).completed(done_on)


def add_years(start: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes the last day of February (《民法典》第二百零二条)."""
    year = start.year + years
    return start.replace(year=year, day=min(start.day, month_calendar.monthrange(year, start.month)[1]))


# --- 统一社会信用代码 (GB 32100-2015) ------------------------------------------------------------------------

#: The 31 characters of the code (no I, O, S, V, Z), each worth its position (GB 32100-2015 §4.2).
CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: Weights of the first 17 characters: 3^i mod 31 (GB 32100-2015 附录 A).
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def normalise_credit_code(value: object) -> str:
    """Upper case, ASCII, no spaces: the code as stored."""
    text = "" if value is None else str(value)
    return "".join(text.translate(_FULLWIDTH).split()).upper()


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a code from its first 17 (GB 32100-2015 附录 A: 31 − Σ(c·w) mod 31)."""
    if len(first17) != 17 or any(char not in CREDIT_CODE_CHARACTERS for char in first17):
        raise ValueError("expected 17 characters of the credit code alphabet")
    total = sum(CREDIT_CODE_CHARACTERS.index(char) * weight for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31]


def credit_code_errors(value: object) -> list[str]:
    """What is wrong with a unified social credit code (GB 32100-2015), in Chinese; empty when it is valid."""
    code = normalise_credit_code(value)
    if len(code) != 18:
        return [f"统一社会信用代码应为18位，“{code}”为{len(code)}位（GB 32100-2015）。"]
    wrong = sorted({char for char in code if char not in CREDIT_CODE_CHARACTERS})
    if wrong:
        return [f"统一社会信用代码不能含有“{'、'.join(wrong)}”（不使用I、O、S、V、Z，GB 32100-2015）。"]
    if not code[2:8].isdigit():
        return ["统一社会信用代码第3至8位应为登记管理机关行政区划码（6位数字，GB 32100-2015）。"]
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        return ["统一社会信用代码校验码（最后一位）不正确，请核对是否录入有误（GB 32100-2015）。"]
    return []


# --- 行政处罚法: who acts (第四十二条) ---------------------------------------------------------------------


def officer_errors(step: str, on_date: date | None, officers: Sequence[tuple[str, bool]]) -> list[str]:
    """Block a step unless at least two officers act and each holds an enforcement certificate valid that
    day (《行政处罚法》第四十二条). ``officers`` is (name, certificate valid on on_date) of each officer."""
    if on_date is None:
        return []
    errors = []
    if len(officers) < MIN_OFFICERS:
        errors.append(f"{step}（{on_date:%Y-%m-%d}）须有两名以上执法人员，现有{len(officers)}名（《行政处罚法》第四十二条）。")
    uncertified = [name for name, certified in officers if not certified]
    if uncertified:
        errors.append(
            f"{'、'.join(uncertified)}在{step}当日（{on_date:%Y-%m-%d}）未持有有效的行政执法证件（《行政处罚法》第四十二条）。"
        )
    return errors


# --- 行政处罚法: before the decision (第四十四、四十五、五十七、五十八、六十二、六十四条) --------------------------


def notice_errors(is_penalty: bool, notice_on: date | None, decided_on: date | None) -> list[str]:
    """Block a penalty decision without (or before) the notice of its facts, grounds and the party's rights
    (《行政处罚法》第四十四、四十五、六十二条)."""
    if decided_on is None or not is_penalty:
        return []
    if notice_on is None:
        return ["作出行政处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利，"
                "请填写告知日期（《行政处罚法》第四十四条、第六十二条）。"]
    if decided_on < notice_on:
        return [f"决定日期（{decided_on:%Y-%m-%d}）早于告知日期（{notice_on:%Y-%m-%d}）：应先告知、听取陈述申辩后再作出决定"
                "（《行政处罚法》第四十五条、第六十二条）。"]
    return []


def hearing_request_deadline(notice_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None) -> Deadline:
    """The party asks for a hearing within 5 working days of the notice (《行政处罚法》第六十四条、第八十五条)."""
    return workday_deadline(notice_on, HEARING_REQUEST_WORKDAYS, calendar, rule="听证申请期限",
                            article=f"{PENALTY_LAW}第六十四条、第八十五条", done_on=done_on)


def hearing_request_flags(notice_on: date | None, requested_on: date | None, calendar: WorkCalendar) -> list[str]:
    """Flag a hearing asked for after the 5 working days (《行政处罚法》第六十四条): the right may be refused."""
    deadline = hearing_request_deadline(notice_on, calendar, done_on=requested_on)
    if deadline.met is False:
        return [f"当事人于{requested_on:%Y-%m-%d}要求听证，晚于告知后5个工作日（{deadline.due:%Y-%m-%d}）"
                "（《行政处罚法》第六十四条）。"]
    return []


def hearing_notice_errors(notice_served_on: date | None, held_on: date | None, calendar: WorkCalendar) -> list[str]:
    """Block a hearing notified fewer than 7 working days ahead (《行政处罚法》第六十四条、第八十五条)."""
    if notice_served_on is None or held_on is None:
        return []
    earliest = calendar.add_workdays(notice_served_on, HEARING_NOTICE_WORKDAYS)
    if held_on < earliest:
        return [f"听证通知应在举行听证的7个工作日前送达：{notice_served_on:%Y-%m-%d}送达通知，最早可于{earliest:%Y-%m-%d}"
                "举行听证（《行政处罚法》第六十四条、第八十五条）。"]
    return []


def hearing_before_decision_errors(requested: bool, held_on: date | None, decided_on: date | None) -> list[str]:
    """Block a decision on a case whose hearing was asked for but not held, or held after the decision
    (《行政处罚法》第六十四条、第六十五条)."""
    if not requested or decided_on is None:
        return []
    if held_on is None:
        return ["当事人要求听证的，应当组织听证后再作出决定，请填写听证举行日期（《行政处罚法》第六十四条、第六十五条）。"]
    if held_on > decided_on:
        return [f"听证（{held_on:%Y-%m-%d}）应在作出决定（{decided_on:%Y-%m-%d}）之前举行（《行政处罚法》第六十五条）。"]
    return []


def legal_review_errors(
    needs_review: bool, decided_on: date | None, reviewed_on: date | None, passed: bool
) -> list[str]:
    """Block a decision on a major or complex case, or one that went through a hearing, without a passed legal
    review (法制审核) on or before the decision date (《行政处罚法》第五十八条)."""
    if not needs_review or decided_on is None:
        return []
    if reviewed_on is None or not passed:
        return ["重大、复杂案件或经过听证的案件，作出决定前须经法制审核且审核通过（《行政处罚法》第五十八条）。"]
    if reviewed_on > decided_on:
        return [f"法制审核（{reviewed_on:%Y-%m-%d}）应在作出决定（{decided_on:%Y-%m-%d}）之前完成（《行政处罚法》第五十八条）。"]
    return []


def legal_review_deadline(
    submitted_on: date | None, calendar: WorkCalendar, *, workdays: int = LEGAL_REVIEW_WORKDAYS, complex_case: bool = False,
    extra_workdays: int = LEGAL_REVIEW_EXTRA_WORKDAYS, done_on: date | None = None,
) -> Deadline:
    """The legal reviewer answers within the local period, longer for a complex case (国办发〔2018〕118号)."""
    total = workdays + (extra_workdays if complex_case else 0)
    return workday_deadline(submitted_on, total, calendar, rule="法制审核期限", article=f"{THREE_SYSTEMS}（本地规定）",
                            done_on=done_on)


def collective_discussion_flags(needs_discussion: bool, discussed_on: date | None, decided_on: date | None) -> list[str]:
    """Flag a major or complex case decided without the heads' collective discussion (《行政处罚法》第五十七条)."""
    if not needs_discussion or decided_on is None:
        return []
    if discussed_on is None or discussed_on > decided_on:
        return ["情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条）。"]
    return []


# --- 行政处罚法: the decision and after (第三十六、五十一、六十、六十一、六十七、七十二条) -----------------------


def limitation_flags(violation_on: date | None, filed_on: date | None, serious_harm: bool) -> list[str]:
    """Flag a case filed after the limitation period: 2 years, 5 where life, health or financial safety was
    harmed (《行政处罚法》第三十六条); the period runs from the end of a continuing violation."""
    if violation_on is None or filed_on is None:
        return []
    years = LIMITATION_YEARS_SERIOUS if serious_harm else LIMITATION_YEARS
    if filed_on > add_years(violation_on, years):
        return [f"违法行为发生于{violation_on:%Y-%m-%d}，{years}年内未被发现的不再给予行政处罚（《行政处罚法》第三十六条）。"]
    return []


def on_the_spot_errors(is_organisation: bool, kind: str, amount: Decimal | None, *, warning: str, fine: str) -> list[str]:
    """Block an on-the-spot decision beyond a warning or a fine of ¥200 (a citizen) / ¥3,000 (an organisation)
    (《行政处罚法》第五十一条). ``warning`` and ``fine`` are the kinds' stored values."""
    if kind not in (warning, fine):
        return ["当场作出的行政处罚决定只能是警告（通报批评）或者罚款（《行政处罚法》第五十一条）。"]
    if kind == fine:
        limit = ON_THE_SPOT_LIMIT_ORGANISATION if is_organisation else ON_THE_SPOT_LIMIT_PERSON
        if amount is None or amount <= 0:
            return ["罚款须填写罚款金额。"]
        if amount > limit:
            who = "法人或者其他组织" if is_organisation else "公民"
            return [f"当场处罚只能对{who}处{limit:,.0f}元以下罚款，本案{amount:,.2f}元，应按普通程序办理（《行政处罚法》第五十一条）。"]
    return []


def decision_deadline(filed_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None) -> Deadline:
    """Decide within 90 days of filing (《行政处罚法》第六十条)."""
    return calendar_deadline(filed_on, DECISION_DAYS, calendar, rule="作出处罚决定期限",
                             article=f"{PENALTY_LAW}第六十条", done_on=done_on)


def service_deadline(decided_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None) -> Deadline:
    """Serve the decision within 7 working days when the party is absent (《行政处罚法》第六十一条、第八十五条)."""
    return workday_deadline(decided_on, SERVICE_WORKDAYS, calendar, rule="送达期限",
                            article=f"{PENALTY_LAW}第六十一条、第八十五条", done_on=done_on)


def payment_deadline(served_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None) -> Deadline:
    """Pay the fine within 15 days of service (《行政处罚法》第六十七条)."""
    return calendar_deadline(served_on, PAYMENT_DAYS, calendar, rule="缴纳罚款期限",
                             article=f"{PENALTY_LAW}第六十七条", done_on=done_on)


def late_payment_surcharge(fine: Decimal | None, due: date | None, paid_or_today: date | None) -> Decimal:
    """3% of the fine for each day after the due date, never more than the fine (《行政处罚法》第七十二条)."""
    if not fine or due is None or paid_or_today is None or paid_or_today <= due:
        return Decimal("0.00")
    days = (paid_or_today - due).days
    surcharge = min(fine * SURCHARGE_RATE * days, fine)
    return surcharge.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def publication_deadline(
    decided_on: date | None, is_penalty: bool, calendar: WorkCalendar, *, done_on: date | None = None
) -> Deadline:
    """Publish a penalty decision within 7 working days, another enforcement decision within 20 (国办发〔2018〕118号)."""
    workdays = PUBLICATION_WORKDAYS_PENALTY if is_penalty else PUBLICATION_WORKDAYS_OTHER
    return workday_deadline(decided_on, workdays, calendar, rule="执法决定公示期限", article=THREE_SYSTEMS, done_on=done_on)


# --- what follows the decision: 行政复议法 (2023), 行政诉讼法 -----------------------------------------------


def reconsideration_answer_deadline(
    copy_received_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None
) -> Deadline:
    """Answer in writing, with the evidence, within 10 working days of receiving the application's copy
    (《行政复议法》第四十八条、第八十八条)."""
    return workday_deadline(copy_received_on, RECONSIDERATION_ANSWER_WORKDAYS, calendar, rule="复议答复期限",
                            article=f"{RECONSIDERATION_LAW}第四十八条、第八十八条", done_on=done_on)


def reconsideration_decision_deadline(
    accepted_on: date | None, extended: bool, calendar: WorkCalendar, *, done_on: date | None = None
) -> Deadline:
    """The reconsideration body decides within 60 days of acceptance, at most 30 more when extended
    (《行政复议法》第六十二条)."""
    days = RECONSIDERATION_DECISION_DAYS + (RECONSIDERATION_MAX_EXTENSION_DAYS if extended else 0)
    return calendar_deadline(accepted_on, days, calendar, rule="复议决定期限",
                             article=f"{RECONSIDERATION_LAW}第六十二条", done_on=done_on)


def litigation_answer_deadline(served_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None) -> Deadline:
    """Submit the evidence and the defence within 15 days of receiving the complaint's copy
    (《行政诉讼法》第六十七条)."""
    return calendar_deadline(served_on, LITIGATION_ANSWER_DAYS, calendar, rule="应诉答辩期限",
                             article=f"{LITIGATION_LAW}第六十七条", done_on=done_on)


# --- 重大行政决策程序暂行条例 (2019) ------------------------------------------------------------------------


def comment_period_errors(start: date | None, end: date | None) -> list[str]:
    """Block a public comment period shorter than 30 days (《重大行政决策程序暂行条例》第十五条)."""
    if start is None or end is None:
        return []
    if end < start:
        return ["征求意见截止日期不能早于开始日期。"]
    if end < start + timedelta(days=COMMENT_PERIOD_DAYS):
        return [f"征求意见期限一般不少于30日：{start:%Y-%m-%d}开始的，截止日期不能早于"
                f"{start + timedelta(days=COMMENT_PERIOD_DAYS):%Y-%m-%d}（《重大行政决策程序暂行条例》第十五条）。"]
    return []


def major_decision_errors(
    decided_on: date | None, *, comment_ended_on: date | None, comment_exempt: bool, reviewed_on: date | None,
    review_passed: bool, meeting_on: date | None,
) -> list[str]:
    """Block "decided" without the public comment period, a passed legality review and the executive meeting's
    collective discussion, each before the decision (《重大行政决策程序暂行条例》第十五、二十五、三十条)."""
    if decided_on is None:
        return []
    errors = []
    if not comment_exempt and (comment_ended_on is None or comment_ended_on > decided_on):
        errors.append("决策前应公开征求意见，请填写征求意见期间（依法不予公开的，请注明理由）（《重大行政决策程序暂行条例》第十五条）。")
    if reviewed_on is None or not review_passed or reviewed_on > decided_on:
        errors.append("决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条）。")
    if meeting_on is None or meeting_on > decided_on:
        errors.append("重大行政决策应当经决策机关常务会议或者全体会议讨论（《重大行政决策程序暂行条例》第三十条）。")
    return errors


def major_decision_review_time_flags(
    submitted_on: date | None, meeting_on: date | None, calendar: WorkCalendar, *, workdays: int = MAJOR_DECISION_REVIEW_WORKDAYS
) -> list[str]:
    """Flag a legality review given fewer than 7 working days before the meeting
    (《重大行政决策程序暂行条例》第二十六条: 应当保证必要的审查时间，一般不少于7个工作日)."""
    if submitted_on is None or meeting_on is None:
        return []
    enough = calendar.add_workdays(submitted_on, workdays)
    if meeting_on < enough:
        return [f"送请合法性审查（{submitted_on:%Y-%m-%d}）至集体讨论（{meeting_on:%Y-%m-%d}）不足{workdays}个工作日"
                "（《重大行政决策程序暂行条例》第二十六条）。"]
    return []


def normative_review_deadline(submitted_on: date | None, calendar: WorkCalendar, *, done_on: date | None = None) -> Deadline:
    """A normative document's legality review takes at most 15 working days (国办发〔2018〕115号)."""
    return workday_deadline(submitted_on, NORMATIVE_REVIEW_MAX_WORKDAYS, calendar, rule="合法性审核期限",
                            article=NORMATIVE_DOCUMENTS, done_on=done_on)


def yuan(amount: Decimal) -> str:
    """An amount as decisions write it: 20000, 1500.5 (no thousands separator, no trailing zeros)."""
    text = f"{amount:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the public disclosure page (行政执法公示) ---------------------------------------------------------------

#: Compound surnames kept whole when a name is reduced to its surname.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐",
    "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公冶", "太史", "申屠", "钟离", "闻人", "万俟",
)


def surname_only(name: str) -> str:
    """彭正权 → 彭某某: a natural person on the public page (个人信息保护法第二十八条、国办发〔2018〕118号)."""
    name = "".join((name or "").split())
    if not name:
        return "某某"
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
    return f"{surname}某某"


def disclosure_ends(published_on: date, natural_person: bool, *, years: int, person_years: int) -> date:
    """The day a published decision comes off the public page: ``years`` after publication, ``person_years``
    for a natural person (a setting; 5 and 2 by default)."""
    return add_years(published_on, person_years if natural_person else years)
