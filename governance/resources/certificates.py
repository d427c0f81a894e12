"""The 行政执法证件台账 layout (ledgers.md): 姓名, 工作单位, 执法证号, 执法类别, 发证机关, 发证日期, 有效期至, 状态,
年度审验. A holder not yet on the roster is added to it with the unit the sheet gives (the preview says so)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from governance import rules
from governance.models import Certificate
from governance.resources.base import GovernanceResource
from township.ledger.widgets import ChoiceWidget, DateWidget, TextWidget, clean_text
from township.models import Person
from township.sheets import normalise_header

ADDED_NOTE = "由行政执法证件台账导入时加入花名册"


class CertificateResource(GovernanceResource):
    holder = fields.Field("holder", "姓名", TextWidget())
    unit = fields.Field("holder__unit", "工作单位", TextWidget())
    number = fields.Field("number", "执法证号", TextWidget())
    category = fields.Field("category", "执法类别", TextWidget())
    issuing_authority = fields.Field("issuing_authority", "发证机关", TextWidget())
    issued_on = fields.Field("issued_on", "发证日期", DateWidget())
    valid_until = fields.Field("valid_until", "有效期至", DateWidget())
    status = fields.Field("status", "状态", ChoiceWidget(Certificate.Status.choices, default="valid", synonyms={
        "正常": "valid", "在用": "valid", "已过期": "expired", "到期": "expired", "已注销": "cancelled",
        "收回": "cancelled", "已收回": "cancelled", "吊销": "cancelled", "已暂扣": "suspended",
    }))
    status_changed_on = fields.Field("status_changed_on", "状态变更日期", DateWidget())
    status_reason = fields.Field("status_reason", "状态变更原因", TextWidget())
    review = fields.Field("review", "年度审验", TextWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("执法证号",)
    required = ("姓名", "执法证号", "发证日期", "有效期至")
    aliases = {
        "姓名": ["持证人", "持证人姓名", "执法人员"],
        "工作单位": ["单位", "所在单位", "执法单位"],
        "执法证号": ["证号", "证件号码", "执法证编号", "行政执法证号", "执法证件号"],
        "执法类别": ["执法领域", "执法种类", "类别"],
        "发证机关": ["发证单位"],
        "发证日期": ["发证时间", "领证日期"],
        "有效期至": ["有效期", "有效期限", "截止日期", "有效截止日期"],
        "状态": ["证件状态"],
        "状态变更日期": ["注销日期", "暂扣日期", "变更日期"],
        "状态变更原因": ["注销原因", "暂扣原因", "变更原因"],
        "年度审验": ["审验情况", "年审", "年度审验情况"],
    }
    handled_separately = ("holder", "holder__unit", "review")
    error_columns = {"review_year": "review", "review_result": "review", "review_note": "review",
                     NON_FIELD_ERRORS: "number"}

    class Meta(GovernanceResource.Meta):
        model = Certificate
        fields = ("holder", "unit", "number", "category", "issuing_authority", "issued_on", "valid_until", "status",
                  "status_changed_on", "status_reason", "review", "note")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.roster_additions: list[tuple[str, str]] = []  # (name, unit) of holders added to the roster

    def dehydrate_holder(self, certificate) -> str:
        return certificate.holder.name if certificate.holder_id else ""

    def dehydrate_review(self, certificate) -> str:
        return certificate.review_display()

    def people(self) -> dict[str, Person]:
        if not hasattr(self, "_people"):
            self._people = {}
            for person in Person.objects.filter(township=self.township).order_by("id"):
                self._people.setdefault(normalise_header(person.name), person)
        return self._people

    def holder_for(self, name: str, unit: str) -> Person:
        """The roster's person of that name, else a new person on the roster (with the sheet's unit)."""
        key = normalise_header(name)
        person = self.people().get(key)
        if person is None:
            person = Person(township=self.township, name=name, unit=unit[:64], kind=Person.Kind.TOWNSHIP_CADRE,
                            note=ADDED_NOTE)
            if self.user is not None:
                person._history_user = self.user
            person.save()
            self._people[key] = person
            self.roster_additions.append((name, unit))
        return person

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        name = clean_text(row.get("姓名"))
        if not name:
            errors["holder"] = ValidationError(_("不能为空"))
        elif len(name) > 32:
            errors["holder"] = ValidationError(_("姓名过长（不超过32字）"))
        else:
            instance.holder = self.holder_for(name, clean_text(row.get("工作单位")))
        if "年度审验" in row:
            instance.review_year, instance.review_result, instance.review_note = rules.parse_review(
                clean_text(row.get("年度审验")))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)

    def unchanged_separately(self, instance, original, row) -> bool:
        return (instance.holder_id, instance.review_year, instance.review_result, instance.review_note) == (
            original.holder_id, original.review_year, original.review_result, original.review_note)
