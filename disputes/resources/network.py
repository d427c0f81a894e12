"""Layouts of the mediation network and legal-adviser ledgers (调解员名册, 调委会, 法律顾问, 法律咨询)."""

from import_export import fields

from disputes.models import Consultation, LegalAdviser, MediationCommittee, Mediator
from township.ledger.resources import LedgerResource
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    NamedRecordWidget,
    NamesWidget,
    PhoneWidget,
    TextWidget,
    YesNoWidget,
)
from township.models import Person, Village
from township.resources import VILLAGE_HEADERS
from township.sheets import normalise_header


class MediatorNameWidget(NamedRecordWidget):
    """A mediator of the township named by the person's name."""

    def __init__(self, **kwargs):
        super().__init__(Mediator, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if self.lookup is None:
            records = Mediator.objects.filter(township=self.township).select_related("person").order_by("id")
            self.lookup = {}
            for record in records:
                self.lookup.setdefault(normalise_header(record.person.name), record)
        return super().clean(value, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return value.person.name if value is not None else ""


class MediatorResource(LedgerResource):
    person = fields.Field("person", "姓名", NamedRecordWidget(Person, required=True))
    level = fields.Field(
        "level", "层级",
        ChoiceWidget(Mediator.Level.choices, synonyms={"镇": "township", "乡镇级": "township", "村": "village",
                                                       "村（社区）级": "village", "社区级": "village", "组": "group"}),
    )
    kind = fields.Field(
        "kind", "类别",
        ChoiceWidget(Mediator.Kind.choices, default=Mediator.Kind.PART_TIME, synonyms={
            "专职调解员": "full_time", "兼职调解员": "part_time", "退休干部": "retired_cadre",
            "法律工作者": "legal_worker", "律师": "legal_worker", "特邀": "other_invited",
        }),
    )
    village = fields.Field("village", "所在村（社区）", NamedRecordWidget(Village))
    group_name = fields.Field("group_name", "村民小组", TextWidget())
    appointed_on = fields.Field("appointed_on", "聘任日期", DateWidget())
    active = fields.Field("active", "在岗", YesNoWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("姓名",)
    required = ("姓名", "层级")
    aliases = {"层级": ["级别", "调解员层级"], "类别": ["调解员类别", "类型"], "所在村（社区）": VILLAGE_HEADERS,
               "村民小组": ["所在组", "组别"], "在岗": ["是否在岗", "状态"]}

    class Meta(LedgerResource.Meta):
        model = Mediator
        fields = ("person", "level", "kind", "village", "group_name", "appointed_on", "active", "note")




class MediationCommitteeResource(LedgerResource):
    village = fields.Field("village", "村（社区）", NamedRecordWidget(Village, required=True))
    name = fields.Field("name", "名称", TextWidget())
    director = fields.Field("director", "主任", MediatorNameWidget())
    members = fields.Field(
        "members", "委员", NamesWidget(Mediator, name_of=lambda m: m.person.name, lookup_field="person__name")
    )
    established_on = fields.Field("established_on", "成立（换届）日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("村（社区）",)
    required = ("村（社区）",)
    aliases = {"村（社区）": VILLAGE_HEADERS, "名称": ["调委会名称", "委员会名称"], "主任": ["调委会主任"],
               "委员": ["成员", "调委会成员", "委员名单"], "成立（换届）日期": ["成立日期", "换届日期"]}

    class Meta(LedgerResource.Meta):
        model = MediationCommittee
        fields = ("village", "name", "director", "members", "established_on", "note")




class LegalAdviserResource(LedgerResource):
    name = fields.Field("name", "姓名", TextWidget())
    law_firm = fields.Field("law_firm", "律师事务所（法律服务所）", TextWidget())
    phone = fields.Field("phone", "联系电话", PhoneWidget())
    villages = fields.Field("villages", "服务的村（社区）", NamesWidget(Village, name_of=lambda v: v.name, lookup_field="name"))
    contract_start = fields.Field("contract_start", "合同开始日期", DateWidget())
    contract_end = fields.Field("contract_end", "合同结束日期", DateWidget())
    onsite_days = fields.Field("onsite_days", "约定每月驻村天数", IntegerWidget(default=1))
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("姓名", "合同开始日期")
    required = ("姓名", "合同开始日期", "合同结束日期")
    aliases = {"律师事务所（法律服务所）": ["律师事务所", "所在律所", "执业机构", "单位"],
               "联系电话": ["电话", "手机"], "服务的村（社区）": ["服务村（社区）", "联系村（社区）", "村（社区）"],
               "约定每月驻村天数": ["驻村天数", "每月驻村天数"]}

    class Meta(LedgerResource.Meta):
        model = LegalAdviser
        fields = ("name", "law_firm", "phone", "villages", "contract_start", "contract_end", "onsite_days", "note")




class ConsultationResource(LedgerResource):
    date = fields.Field("date", "日期", DateWidget())
    village = fields.Field("village", "村（社区）", NamedRecordWidget(Village, required=True))
    adviser = fields.Field("adviser", "法律顾问", NamedRecordWidget(LegalAdviser))
    topic = fields.Field("topic", "咨询事项", TextWidget())
    people_served = fields.Field("people_served", "服务人次", IntegerWidget(default=1))
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("日期", "村（社区）", "咨询事项")
    required = ("日期", "村（社区）", "咨询事项")
    aliases = {"日期": ["咨询日期", "服务日期"], "村（社区）": VILLAGE_HEADERS, "咨询事项": ["咨询内容", "事项", "主题"],
               "服务人次": ["人次", "服务人数", "咨询人数"]}

    class Meta(LedgerResource.Meta):
        model = Consultation
        fields = ("date", "village", "adviser", "topic", "people_served", "note")


