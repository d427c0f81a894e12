"""The 矛盾纠纷排查化解台账 (disputes) layout of ledgers.md, with the header variants townships use."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch
from import_export import fields

from disputes import rules
from disputes.models import Dispute, Mediator
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
    type_synonyms,
)
from township.models import Village
from township.resources import VILLAGE_HEADERS


class DisputeResource(LedgerResource):
    number = fields.Field("number", "编号", TextWidget())
    registered_on = fields.Field("registered_on", "排查日期", DateWidget())
    source = fields.Field(
        "source", "纠纷来源",
        ChoiceWidget(rules.choices(rules.DISPUTE_SOURCES), synonyms={
            "排查": "排查发现", "主动排查": "排查发现", "申请": "当事人申请", "网格员上报": "网格上报",
            "派出所移交": "公安移交", "公安机关移交": "公安移交", "法院委派": "法院委托", "诉前委派": "法院委托",
            "政府交办": "政府指定", "党委政府交办": "政府指定",
        }),
    )
    category = fields.Field(
        "category", "纠纷类型",
        ChoiceWidget(rules.choices(rules.DISPUTE_TYPES), synonyms={
            **type_synonyms(rules.DISPUTE_TYPES, ("纠纷", "类")),
            "邻里关系": "邻里", "土地纠纷": "土地山林权属", "山林土地": "土地山林权属", "土地权属": "土地山林权属",
            "山林权属": "土地山林权属", "劳资纠纷": "劳动争议", "劳动纠纷": "劳动争议", "人身损害": "损害赔偿",
            "交通事故": "损害赔偿", "婚姻": "婚姻家庭", "家庭": "婚姻家庭",
        }),
    )
    village = fields.Field("village", "所在村（社区）", NamedRecordWidget(Village, required=True))
    grid = fields.Field("grid", "网格", TextWidget())
    party_name = fields.Field("party_name", "当事人", TextWidget())
    other_party = fields.Field("other_party", "对方当事人", TextWidget())
    party_phone = fields.Field("party_phone", "联系电话", PhoneWidget())
    party_id_number = fields.Field("party_id_number", "身份证号", IdNumberWidget())
    summary = fields.Field("summary", "纠纷简要情况", TextWidget())
    risk_level = fields.Field(
        "risk_level", "风险等级",
        ChoiceWidget(rules.choices(rules.RISK_LEVELS), default=rules.RISK_LOW, synonyms={
            "高风险": "高", "较高": "高", "中风险": "中", "一般": "中", "较低": "低", "低风险": "低", "无": "低",
        }),
    )
    mediators = fields.Field("mediators", "调解员", TextWidget())
    status = fields.Field(
        "status", "调解结果",
        ChoiceWidget(rules.choices(rules.DISPUTE_LIFECYCLE), default=rules.DISPUTE_OPEN, synonyms={
            "成功": "调解成功", "已化解": "调解成功", "化解": "调解成功", "化解成功": "调解成功",
            "失败": "调解不成", "调解失败": "调解不成", "不成功": "调解不成", "未化解": "调解不成",
            "终止调解": "终止", "移交": "转办", "转交": "转办", "正在调解": "调解中", "未结": "调解中",
            "登记": "已登记",
        }),
    )
    agreement_form = fields.Field(
        "agreement_form", "协议形式",
        ChoiceWidget(rules.choices(rules.AGREEMENT_FORMS), default="",
                     synonyms={"书面协议": "书面", "口头协议": "口头"}),
    )
    amount = fields.Field("amount", "涉及金额（元）", DecimalWidget())
    closed_on = fields.Field("closed_on", "结案日期", DateWidget())
    judicial_confirmation = fields.Field("judicial_confirmation", "是否申请司法确认", YesNoWidget())
    followup_on = fields.Field("followup_on", "回访日期", DateWidget())
    followup_note = fields.Field("followup_note", "回访情况", TextWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("编号",)
    content_key = ("排查日期", "所在村（社区）", "当事人", "纠纷简要情况")  # rows without a 编号
    identity_fields = ("registered_on", "village", "party_name")  # another 编号's dispute is held back
    required = ("编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人")
    aliases = {
        "编号": ["纠纷编号", "案件编号", "登记编号"],
        "排查日期": ["排查/受理日期", "排查受理日期", "排查（受理）日期", "受理日期", "受理时间", "收案日期", "登记日期", "排查时间",
                 "日期"],
        "纠纷来源": ["来源"],
        "纠纷类型": ["纠纷类别", "类型", "类别"],
        "所在村（社区）": VILLAGE_HEADERS,
        "网格": ["所在网格", "网格名称"],
        "当事人": ["当事人/姓名", "姓名", "当事人姓名", "申请人"],
        "对方当事人": ["被申请人", "对方当事人姓名"],
        "联系电话": ["当事人/联系电话", "电话", "手机", "手机号码", "联系方式"],
        "身份证号": ["当事人/身份证号", "身份证号码", "公民身份号码", "身份证"],
        "纠纷简要情况": ["简要情况", "纠纷情况", "基本情况", "主要事实"],
        "风险等级": ["风险", "风险级别"],
        "调解员": ["调解情况/调解员", "调解人员", "主持调解人"],
        "调解结果": ["调解情况/调解结果", "化解情况", "结果"],
        "协议形式": ["调解情况/协议形式", "协议类型"],
        "涉及金额（元）": ["涉及金额", "涉案金额", "金额", "金额（元）"],
        "结案日期": ["调解情况/结案日期", "化解日期", "办结日期"],
        "是否申请司法确认": ["司法确认", "申请司法确认"],
        "回访日期": ["回访时间"],
        "回访情况": ["回访结果", "回访"],
    }
    handled_separately = ("mediators",)
    error_columns = {"other_mediators": "mediators", "agreement_terms": "agreement_form",
                     "failure_advice": "status", "mediation_started_on": "registered_on",
                     "judicial_confirmation_on": "judicial_confirmation", NON_FIELD_ERRORS: "number"}

    class Meta(LedgerResource.Meta):
        model = Dispute
        fields = (
            "number", "registered_on", "source", "category", "village", "grid", "party_name", "other_party",
            "party_phone", "party_id_number", "summary", "risk_level", "mediators", "status", "agreement_form",
            "amount", "closed_on", "judicial_confirmation", "followup_on", "followup_note", "note",
        )



    def filter_export(self, queryset, **kwargs):
        # the roster's mediators as a list on each dispute: Django builds no related manager a record (a tenth
        # of an export of 10,000 disputes)
        mediators = Prefetch("mediators", queryset=Mediator._default_manager.select_related("person"),
                             to_attr="roster_mediators")
        queryset = super().filter_export(queryset, **kwargs)
        others = [lookup for lookup in queryset._prefetch_related_lookups
                  if not getattr(lookup, "prefetch_to", lookup).startswith("mediators")]
        return queryset.prefetch_related(None).prefetch_related(*others, mediators)

    def dehydrate_mediators(self, dispute) -> str:
        return "、".join(dispute.mediator_names(getattr(dispute, "roster_mediators", None))) if dispute.pk else ""

    # --- the 调解员 column: names on the roster link the mediator, other names are kept as written ----

    def mediator_ids_by_name(self) -> dict[str, int]:
        if not hasattr(self, "_mediator_ids"):
            self._mediator_ids = {}
            for mediator_id, name in (Mediator.objects.filter(township=self.township)
                                      .order_by("id").values_list("id", "person__name")):
                self._mediator_ids.setdefault(name, mediator_id)
        return self._mediator_ids

    def stored_mediator_ids(self, dispute_id) -> set[int]:
        if not hasattr(self, "_stored_mediators"):
            self._stored_mediators = {}
            links = Dispute.mediators.through.objects.filter(dispute__township=self.township)
            for linked_dispute, mediator_id in links.values_list("dispute_id", "mediator_id"):
                self._stored_mediators.setdefault(linked_dispute, set()).add(mediator_id)
        return self._stored_mediators.get(dispute_id, set())

    def import_instance(self, instance, row, **kwargs):
        column = self.fields["mediators"].column_name
        if column in row:
            known = self.mediator_ids_by_name()
            names = split_names(clean_text(row[column]))
            instance.other_mediators = "、".join(name for name in names if name not in known)
            instance.imported_mediator_ids = {known[name] for name in names if name in known}
        instance.imported_as_new = instance.pk is None
        super().import_instance(instance, row, **kwargs)

    def unchanged_separately(self, instance, original, row) -> bool:
        if not hasattr(instance, "imported_mediator_ids"):
            return True
        return (instance.other_mediators == original.other_mediators
                and instance.imported_mediator_ids == self.stored_mediator_ids(original.pk))

    def save_links(self, instance, row, **kwargs):
        super().save_links(instance, row, **kwargs)
        if not hasattr(instance, "imported_mediator_ids"):
            return
        if getattr(instance, "imported_as_new", False):  # created just now: no links to read or remove
            if instance.imported_mediator_ids:
                instance.mediators.add(*sorted(instance.imported_mediator_ids))
        else:
            instance.mediators.set(sorted(instance.imported_mediator_ids))


