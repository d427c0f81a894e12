"""The 行政执法案件台账 (cases) layout of ledgers.md, read as townships write it.

What a township's sheet holds that a column-per-field layout does not: the party as 姓名（身份证号） or
名称（统一社会信用代码）; the officers as two paired cells, 承办人员 "龙文军、刘桂兰" and 执法证号
"渝执…1231、渝执…1232", matched to the township's certificates by number (so certificates are imported
first); 处罚种类 as written ("罚款；责令限期拆除"); 法制审核意见 beginning with its conclusion ("同意，…");
复议/诉讼 as "无". The export writes the party's name and codes in their own columns, the officers with the
certificate each acted under, and the other cells so that the sheet imports back unchanged.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from import_export import fields

from enforcement.certificates import CertificateBook
from enforcement.models import Campaign, EnforcementCase, ViolationType
from township.ledger.resources import LedgerResource
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    DecimalWidget,
    IdNumberWidget,
    NamedRecordWidget,
    PhoneWidget,
    TextWidget,
    YesNoWidget,
    clean_text,
    split_names,
)
from township.models import Person, Village
from township.personal import mask_id_number, normalise_id_number
from township.resources import VILLAGE_HEADERS
from township.workdays import WorkCalendar

Case = EnforcementCase
Kind = Case.DecisionKind

# 彭正权（500241198903201077） / 某商贸有限公司（91500241MA60XK3L3W）
PARTY_WITH_CODE = re.compile(r"^(?P<name>.+?)\s*[（(]\s*(?P<code>[0-9A-Za-z*＊０-９Ｘｘ]{15,18})\s*[）)]$")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$|^\d{6}\*+\d{3}[\dX]$")

# 处罚种类 as ledgers write it: each written kind by the words it contains, penalties first
KIND_WORDS = [
    (Kind.WITHDRAWN, ("撤案", "撤销立案", "销案")),
    (Kind.NO_PENALTY, ("不予处罚", "不予行政处罚", "免予处罚", "免予行政处罚")),
    (Kind.SUSPENSION, ("停产停业", "责令关闭", "限制从业", "停业整顿")),
    (Kind.LICENCE, ("暂扣", "吊销", "降低资质")),
    (Kind.DETENTION, ("拘留", "移送公安")),
    (Kind.CONFISCATION, ("没收",)),
    (Kind.FINE, ("罚款",)),
    (Kind.WARNING, ("警告", "通报批评")),
    (Kind.CORRECTION, ("改正", "拆除", "整改", "恢复", "停止", "限期", "责令")),
]
KIND_ORDER = [Kind.WITHDRAWN, Kind.NO_PENALTY, Kind.SUSPENSION, Kind.LICENCE, Kind.DETENTION, Kind.CONFISCATION,
              Kind.FINE, Kind.WARNING, Kind.CORRECTION]
NONE_WORDS = {"", "无", "否", "没有", "零", "未", "/", "-", "—", "——"}
REVIEW_WORDS = [
    (Case.ReviewResult.REJECTED, ("不同意", "不通过", "不予通过")),
    (Case.ReviewResult.RETURNED, ("退回", "补充")),
    (Case.ReviewResult.PASSED, ("同意", "审核通过", "通过", "无异议", "合法")),
]


def cell_text(value) -> str:
    """A text cell as written (full-width brackets and colons kept, so that it comes back unchanged)."""
    return TextWidget().clean(value)


def written_kind(kind: str, correction: bool) -> str:
    """The 处罚种类 cell of a decision entered without its own wording: 罚款；责令改正."""
    if not kind:
        return ""
    text = str(Kind(kind).label)
    if correction and kind != Kind.CORRECTION:
        text += "；" + str(Kind.CORRECTION.label)
    return text


def parse_kind(text: str) -> tuple[str, bool]:
    """(kind, correction ordered as well) of a 处罚种类 cell; ValueError naming what was not understood."""
    found = []
    for token in [token for token in re.split(r"[；;、，,。\s]|并处|并|和|及", text) if token]:
        kind = next((kind for kind, words in KIND_WORDS if any(word in token for word in words)), None)
        if kind is None and token in set(Kind.values):
            kind = token
        if kind is None:
            raise ValueError(gettext("处罚种类“%(token)s”无法识别，可填写：%(kinds)s")
                             % {"token": token, "kinds": "、".join(str(label) for label in Kind.labels)})
        found.append(kind)
    if not found:
        return "", False
    main = min(found, key=KIND_ORDER.index)
    return main, Kind.CORRECTION in found and main != Kind.CORRECTION


class DecisionField(fields.Field):
    """处罚种类: the kind and whether correction was ordered as well; the words as written are kept."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        text = cell_text(row.get(self.column_name))
        kind, correction = parse_kind(text)
        instance.decision_kind, instance.correction_ordered = kind, correction
        instance.decision_content = "" if text == written_kind(kind, correction) else text

    def get_value(self, instance):
        return instance.decision_content or written_kind(instance.decision_kind, instance.correction_ordered)


def parse_review(text: str) -> tuple[str, str]:
    """(result, opinion) of a 法制审核意见 cell, which begins with its conclusion: "同意，事实清楚…"."""
    if not text:
        return "", ""
    for result, words in REVIEW_WORDS:
        word = next((word for word in words if text.startswith(word)), None)
        if word is not None:
            label = str(Case.ReviewResult(result).label)
            if text == label:
                return result, ""
            for colon in ("：", ":"):
                if text.startswith(label + colon):
                    return result, text[len(label) + 1:].strip()
            return result, text
    raise ValueError(gettext("法制审核意见应以审核结论开头：同意、不同意或退回补充（如“同意，事实清楚、证据确凿”）"))


class ReviewField(fields.Field):
    """法制审核意见: the conclusion first, then the opinion as the reviewer wrote it."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.legal_review_result, instance.legal_review_opinion = parse_review(cell_text(row.get(self.column_name)))

    def get_value(self, instance):
        result, opinion = instance.legal_review_result, instance.legal_review_opinion
        if not result:
            return opinion
        label = str(Case.ReviewResult(result).label)
        try:
            if parse_review(opinion)[0] == result:
                return opinion
        except ValueError:
            pass
        return f"{label}：{opinion}" if opinion else label


class RemedyField(fields.Field):
    """复议/诉讼: "无", "行政复议", "行政诉讼" or both; the details (dates, outcome) are kept in the case's page."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        text = cell_text(row.get(self.column_name))
        if text in NONE_WORDS:
            instance.reconsidered = instance.litigated = False
            return
        reconsidered, litigated = "复议" in text, "诉讼" in text or "起诉" in text
        if not reconsidered and not litigated:
            raise ValueError(gettext("“%(value)s”应填“无”、“行政复议”或“行政诉讼”") % {"value": text})
        instance.reconsidered, instance.litigated = reconsidered, litigated

    def get_value(self, instance):
        parts = []
        if instance.reconsidered:
            outcome = instance.get_reconsideration_outcome_display()
            parts.append(gettext("行政复议") + (f"（{outcome}）" if outcome else ""))
        if instance.litigated:
            outcome = instance.get_litigation_outcome_display()
            parts.append(gettext("行政诉讼") + (f"（{outcome}）" if outcome else ""))
        return "；".join(parts) or gettext("无")


class PartyNameWidget(TextWidget):
    """当事人: the name without the code a ledger writes after it in brackets."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        match = PARTY_WITH_CODE.match(text)
        return match.group("name").strip() if match else text


class CaseResource(LedgerResource):
    number = fields.Field("number", "案号", TextWidget())
    procedure = fields.Field("procedure", "程序", ChoiceWidget(Case.Procedure.choices, default=Case.Procedure.ORDINARY,
                                                              synonyms={"普通": "ordinary", "一般程序": "ordinary",
                                                                        "简易程序": "on_the_spot", "当场处罚": "on_the_spot"}))
    cause = fields.Field("cause", "案由", TextWidget())
    category = fields.Field("category", "违法类别", NamedRecordWidget(ViolationType, required=True))
    source = fields.Field("source", "案件来源", ChoiceWidget(Case.Source.choices, default=Case.Source.PATROL, synonyms={
        "巡查": "patrol", "日常巡查": "patrol", "举报": "complaint", "投诉": "complaint", "群众举报": "complaint",
        "交办": "assigned", "上级交办件": "assigned", "移送": "referred", "部门移送件": "referred"}))
    party_name = fields.Field("party_name", "当事人", PartyNameWidget())
    party_kind = fields.Field("party_kind", "当事人类型", ChoiceWidget(Case.PartyKind.choices, default="", synonyms={
        "个人": "person", "公民": "person", "法人": "organisation", "单位": "organisation", "企业": "organisation",
        "其他组织": "organisation", "法人或者其他组织": "organisation", "个体工商户": "organisation"}))
    party_id_number = fields.Field("party_id_number", "身份证号", IdNumberWidget())
    party_credit_code = fields.Field("party_credit_code", "统一社会信用代码", TextWidget())
    party_phone = fields.Field("party_phone", "联系电话", PhoneWidget())
    village = fields.Field("village", "违法行为发生地（村、社区）", NamedRecordWidget(Village))
    filed_on = fields.Field("filed_on", "立案日期", DateWidget())
    officers = fields.Field("officers", "承办人员", TextWidget())
    certificate_numbers = fields.Field("certificate_numbers", "执法证号", TextWidget())
    notice_on = fields.Field("notice_on", "告知日期", DateWidget())
    hearing_requested = fields.Field("hearing_requested", "是否听证", YesNoWidget())
    hearing_notice_on = fields.Field("hearing_notice_on", "听证通知送达日期", DateWidget())
    hearing_held_on = fields.Field("hearing_held_on", "听证举行日期", DateWidget())
    is_major = fields.Field("is_major", "是否重大案件", YesNoWidget())
    legal_review_on = fields.Field("legal_review_on", "法制审核日期", DateWidget())
    legal_review = ReviewField("legal_review_opinion", "法制审核意见", TextWidget())
    collective_discussion_on = fields.Field("collective_discussion_on", "集体讨论日期", DateWidget())
    decision_number = fields.Field("decision_number", "处罚决定书文号", TextWidget())
    decided_on = fields.Field("decided_on", "决定日期", DateWidget())
    decision = DecisionField("decision_kind", "处罚种类", TextWidget())
    amount = fields.Field("amount", "罚没金额（元）", DecimalWidget())
    served_on = fields.Field("served_on", "送达日期", DateWidget())
    published_on = fields.Field("published_on", "公示日期", DateWidget())
    paid_on = fields.Field("paid_on", "罚款缴纳日期", DateWidget())
    execution = fields.Field("execution", "执行情况", TextWidget())
    closed_on = fields.Field("closed_on", "结案日期", DateWidget())
    remedy = RemedyField("reconsidered", "复议/诉讼", TextWidget())
    campaign = fields.Field("campaign", "专项执法行动", NamedRecordWidget(Campaign))
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("案号",)
    required = ("案号", "案由", "违法类别", "当事人", "承办人员")
    aliases = {
        "案号": ["立案编号", "案件编号", "立案号", "编号"],
        "案由": ["案件名称", "违法行为"],
        "违法类别": ["案件类别", "违法类型", "类别"],
        "案件来源": ["来源", "案源"],
        "当事人": ["当事人/名称/姓名", "名称/姓名", "当事人姓名", "当事人名称", "当事人/姓名", "当事人/名称"],
        "当事人类型": ["当事人/类型", "类型"],
        "身份证号": ["当事人/身份证号", "身份证号码", "公民身份号码"],
        "统一社会信用代码": ["当事人/统一社会信用代码", "信用代码"],
        "联系电话": ["当事人/联系电话", "电话", "手机"],
        "违法行为发生地（村、社区）": ["发生地", "村（社区）", *VILLAGE_HEADERS],
        "立案日期": ["立案时间"],
        "承办人员": ["承办人员/姓名", "承办人", "执法人员", "执法人员/姓名", "承办人员及执法证号/姓名"],
        "执法证号": ["承办人员/执法证号", "执法证件号", "执法证编号", "执法人员/执法证号", "承办人员及执法证号/执法证号"],
        "告知日期": ["处罚告知日期", "告知时间"],
        "法制审核日期": ["法制审核/审核日期", "审核日期"],
        "法制审核意见": ["法制审核/审核意见", "审核意见"],
        "处罚决定书文号": ["决定书文号", "处罚决定文号"],
        "决定日期": ["处罚决定日期", "决定时间"],
        "处罚种类": ["处罚结果", "处理结果", "决定内容"],
        "罚没金额（元）": ["罚没金额", "罚款金额", "罚款金额（元）", "金额"],
        "送达日期": ["送达时间"],
        "公示日期": ["公示时间", "公开日期"],
        "罚款缴纳日期": ["缴款日期", "缴纳日期"],
        "结案日期": ["结案时间"],
        "复议/诉讼": ["是否复议/诉讼", "复议诉讼", "行政复议/诉讼", "是否复议诉讼及结果"],
    }
    handled_separately = ("officers", "certificate_numbers")
    error_columns = {
        "legal_review_result": "legal_review_opinion", "decision_content": "decision_kind",
        "correction_ordered": "decision_kind", "litigated": "reconsidered", "statement_on": "notice_on",
        "investigation_ended_on": "filed_on", NON_FIELD_ERRORS: "number",
    }

    class Meta(LedgerResource.Meta):
        model = EnforcementCase
        fields = (
            "number", "procedure", "cause", "category", "source", "party_name", "party_kind", "party_id_number",
            "party_credit_code", "party_phone", "village", "filed_on", "officers", "certificate_numbers", "notice_on",
            "hearing_requested", "hearing_notice_on", "hearing_held_on", "is_major", "legal_review_on", "legal_review",
            "collective_discussion_on", "decision_number", "decided_on", "decision", "amount", "served_on",
            "published_on", "paid_on", "execution", "closed_on", "remedy", "campaign", "note",
        )

    # --- export ----------------------------------------------------------------------------------

    def book(self) -> CertificateBook:
        if getattr(self, "_book", None) is None:
            self._book = CertificateBook.of_township(self.township)
        return self._book

    def dehydrate_officers(self, case) -> str:
        return "、".join(person.name for person in case.officers.all()) if case.pk else ""

    def dehydrate_certificate_numbers(self, case) -> str:
        if not case.pk:
            return ""
        day = case.filed_on or case.decided_on
        return "、".join(self.book().number_on(person, day) for person in case.officers.all())

    # --- import ------------------------------------------------------------------------------------

    def people_by_name(self) -> dict[str, list[Person]]:
        if getattr(self, "_people", None) is None:
            self._people = {}
            for person in Person.objects.filter(township=self.township).order_by("id"):
                self._people.setdefault(person.name, []).append(person)
        return self._people

    def import_instance(self, instance, row, **kwargs):
        instance.imported_as_new = instance.pk is None
        if getattr(self, "_calendar", None) is None:
            self._calendar = WorkCalendar.from_database()
        instance._calendar = self._calendar  # one working-day calendar for the whole sheet
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        self.read_party(instance, row, errors)
        officers, certificates = self.read_officers(row, errors)
        if officers is not None and not errors:
            instance.imported_officer_ids = {person.pk for person in officers}
            self.check_officers(instance, officers, certificates, errors)
        if errors:
            raise ValidationError(errors)

    def read_party(self, instance, row, errors) -> None:
        """当事人 "姓名（身份证号）" or "名称（统一社会信用代码）": the code goes to its own field, and the party's
        type follows from it when the sheet does not say."""
        match = PARTY_WITH_CODE.match(cell_text(row.get(self.fields["party_name"].column_name)))
        if match:
            code = clean_text(match.group("code")).upper().replace("＊", "*")
            instance.codes_in_party_cell = True
            if ID_NUMBER.match(code):
                if "*" in code and not (instance.pk and mask_id_number(instance.party_id_number) == code):
                    errors["party_name"] = ValidationError(
                        gettext("“%(value)s”是脱敏后的号码，不能导入，请填写完整号码。") % {"value": code})
                elif "*" not in code and not instance.party_id_number:
                    instance.party_id_number = normalise_id_number(code)
            elif not instance.party_credit_code:
                instance.party_credit_code = code
        if not instance.party_kind:
            instance.party_kind = Case.PartyKind.ORGANISATION if instance.party_credit_code else Case.PartyKind.PERSON

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """A code read from the 当事人 cell is reported under 当事人, the column the sheet has."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as exc:
            if not getattr(instance, "codes_in_party_cell", False):
                raise
            named = {}
            for name, messages in exc.error_dict.items():
                target = "party_name" if name in ("party_id_number", "party_credit_code") else name
                named.setdefault(target, []).extend(messages)
            raise ValidationError(named) from exc

    def read_officers(self, row, errors) -> tuple[list[Person] | None, list]:
        """The officers of 承办人员, paired with the certificates of 执法证号 by position (matched by number)."""
        names_column, numbers_column = self.fields["officers"].column_name, self.fields["certificate_numbers"].column_name
        if names_column not in row and numbers_column not in row:
            return None, []
        names = split_names(clean_text(row.get(names_column)))
        numbers = [number.upper() for number in split_names(clean_text(row.get(numbers_column)))]
        if numbers:
            by_number = self.book().by_number()
            unknown = [number for number in numbers if number not in by_number]
            if unknown:
                errors["certificate_numbers"] = ValidationError(
                    gettext("执法证号“%(numbers)s”不在本镇行政执法证件台账中（请先导入执法证件）") % {"numbers": "、".join(unknown)})
                return None, []
            certificates = [by_number[number] for number in numbers]
            if names and len(names) != len(numbers):
                errors["officers"] = ValidationError(gettext("承办人员（%(names)s人）与执法证号（%(numbers)s个）的个数不一致")
                                                     % {"names": len(names), "numbers": len(numbers)})
                return None, []
            for name, certificate in zip(names, certificates, strict=False):
                if certificate.holder.name != name:
                    errors["officers"] = ValidationError(
                        gettext("执法证号“%(number)s”的持证人是%(holder)s，不是%(name)s")
                        % {"number": certificate.number, "holder": certificate.holder.name, "name": name})
                    return None, []
            return [certificate.holder for certificate in certificates], certificates
        people = []
        for name in names:
            found = self.people_by_name().get(name, [])
            if len(found) != 1:
                message = (gettext("人员花名册中没有“%(name)s”") if not found
                           else gettext("人员花名册中有%(count)s个“%(name)s”，请在执法证号列填写其证号"))
                errors["officers"] = ValidationError(message % {"name": name, "count": len(found)})
                return None, []
            people.append(found[0])
        return people, []

    def check_officers(self, instance, officers, certificates, errors) -> None:
        """Two officers, each with a certificate valid on each step's date (《行政处罚法》第四十二条): the certificate
        the sheet names, or any of the officer's when it names none."""
        if certificates:
            given = {certificate.holder_id: certificate for certificate in certificates}

            def certified(person, day):
                return given[person.pk].is_valid_on(day)
        else:
            certified = self.book().certified
        found = instance.officer_errors(officers, certified)
        if found:
            column = "certificate_numbers" if certificates else "officers"
            errors[column] = ValidationError(found["officers"])

    def stored_officer_ids(self, case_id) -> set[int]:
        if getattr(self, "_stored_officers", None) is None:
            self._stored_officers = {}
            links = Case.officers.through.objects.filter(enforcementcase__township=self.township)
            for case, person in links.values_list("enforcementcase_id", "person_id"):
                self._stored_officers.setdefault(case, set()).add(person)
        return self._stored_officers.get(case_id, set())

    def unchanged_separately(self, instance, original, row) -> bool:
        # the party's codes and type may come from the 当事人 cell rather than their own columns
        party = ("party_id_number", "party_credit_code", "party_kind")
        if any(getattr(instance, name) != getattr(original, name) for name in party):
            return False
        if not hasattr(instance, "imported_officer_ids"):
            return True
        return instance.imported_officer_ids == self.stored_officer_ids(original.pk)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if not hasattr(instance, "imported_officer_ids"):
            return
        if instance.imported_as_new:
            instance.officers.add(*sorted(instance.imported_officer_ids))
        else:
            instance.officers.set(sorted(instance.imported_officer_ids))
