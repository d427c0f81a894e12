"""The 信访事项登记台账 (petitions) layout of ledgers.md: an anonymous letter, group visits, extensions."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext
from import_export import fields

from disputes import rules
from disputes.models import Petition
from disputes.models.petition import ANONYMOUS
from township.ledger.resources import LedgerResource
from township.ledger.widgets import (
    BlankZeroWidget,
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    NamedRecordWidget,
    PhoneWidget,
    TextWidget,
    type_synonyms,
)
from township.models import Village
from township.resources import VILLAGE_HEADERS

ANONYMOUS_SPELLINGS = {ANONYMOUS, "匿名信", "匿名信访", "匿名来信"}


class PetitionerField(fields.Field):
    """信访人: a name, or 匿名 for an anonymous petition (stored as the 匿名 flag and no name)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        text = self.clean(row, **kwargs)
        instance.anonymous = text in ANONYMOUS_SPELLINGS
        instance.petitioner_name = "" if instance.anonymous else text

    def get_value(self, instance):
        return ANONYMOUS if instance.anonymous else instance.petitioner_name


class PetitionResource(LedgerResource):
    number = fields.Field("number", "信访编号", TextWidget())
    received_on = fields.Field("received_on", "来信来访日期", DateWidget())
    channel = fields.Field(
        "channel", "渠道",
        ChoiceWidget(rules.choices(rules.PETITION_CHANNELS), synonyms={
            "信件": "来信", "写信": "来信", "走访": "来访", "网上信访": "网上", "网信": "网上", "网络": "网上",
            "来电": "电话", "12345热线": "12345", "热线": "12345", "转办": "上级转办", "上级交办": "上级转办",
        }),
    )
    petitioner = PetitionerField("petitioner_name", "信访人", TextWidget())
    people_count = fields.Field("people_count", "人数", IntegerWidget(default=1))
    phone = fields.Field("phone", "联系电话", PhoneWidget())
    village = fields.Field("village", "所在村（社区）", NamedRecordWidget(Village))
    content = fields.Field("content", "信访事项", TextWidget())
    category = fields.Field(
        "category", "问题类别",
        ChoiceWidget(rules.choices(rules.PETITION_CATEGORIES),
                     synonyms={**type_synonyms(rules.PETITION_CATEGORIES, ("类", "问题")), "城建": "城乡建设",
                               "社保": "社会保障", "环保": "生态环境", "环境保护": "生态环境", "涉法": "涉法涉诉"}),
    )
    acceptance = fields.Field(
        "acceptance", "受理情况",
        ChoiceWidget(rules.choices(rules.PETITION_DECISIONS), default="",
                     synonyms={"已受理": "受理", "不受理": "不予受理", "转送有权机关": "转送", "转交": "转送"}),
    )
    accepted_on = fields.Field("accepted_on", "受理日期", DateWidget())
    notice_on = fields.Field("notice_on", "受理告知日期", DateWidget())
    closing_due = fields.Field(None, "办理期限", DateWidget(), readonly=True)
    extension_days = fields.Field("extension_days", "延期天数", BlankZeroWidget())
    extension_reason = fields.Field("extension_reason", "延期理由", TextWidget())
    extension_approver = fields.Field("extension_approver", "延期批准人", TextWidget())
    closed_on = fields.Field("closed_on", "办结日期", DateWidget())
    reply_number = fields.Field("reply_number", "处理意见书编号", TextWidget())
    on_time = fields.Field(None, "是否按期", TextWidget(), readonly=True)
    satisfaction = fields.Field(
        "satisfaction", "满意度",
        ChoiceWidget(rules.choices(rules.SATISFACTION_LEVELS), default="",
                     synonyms={"非常满意": "满意", "比较满意": "基本满意", "较满意": "基本满意"}),
    )
    review_stage = fields.Field(
        "review_stage", "复查/复核",
        ChoiceWidget(rules.choices((rules.REVIEW, rules.RE_REVIEW)), default="",
                     synonyms={"已复查": "复查", "已复核": "复核", "无": "", "否": ""}),
    )
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("信访编号",)
    content_key = ("来信来访日期", "信访人", "信访事项")  # rows without a 信访编号
    identity_fields = ("received_on", "village", "petitioner_name")  # another 信访编号's petition is held back
    required = ("信访编号", "来信来访日期", "渠道", "信访事项", "问题类别")
    aliases = {
        "信访编号": ["编号", "信访件编号", "登记编号"],
        "来信来访日期": ["来信/来访日期", "来信(访)日期", "来信日期", "来访日期", "信访日期", "登记日期", "收到日期"],
        "渠道": ["信访渠道", "信访形式", "信访方式", "来源"],
        "信访人": ["信访人姓名", "姓名", "反映人"],
        "人数": ["来访人数", "信访人数"],
        "联系电话": ["电话", "手机", "手机号码", "联系方式"],
        "所在村（社区）": VILLAGE_HEADERS,
        "信访事项": ["信访内容", "反映事项", "反映问题", "主要内容", "信访事项（内容）"],
        "问题类别": ["问题分类", "事项类别", "类别"],
        "受理情况": ["是否受理", "受理意见"],
        "受理日期": ["受理时间"],
        "受理告知日期": ["告知日期", "受理告知书日期"],
        "办理期限": ["办结期限"],
        "延期天数": ["延期/天数", "延期（天）", "延期"],
        "延期理由": ["延期/理由"],
        "延期批准人": ["延期/批准人", "批准人"],
        "办结日期": ["办结时间"],
        "处理意见书编号": ["处理意见书文号", "答复意见书编号", "意见书编号"],
        "是否按期": ["是否按期办结", "按期办结"],
        "满意度": ["群众满意度", "满意情况", "评价"],
        "复查/复核": ["复查复核", "复查、复核"],
    }
    error_columns = {"anonymous": "petitioner_name", "review_requested_on": "review_stage",
                     "review_replied_on": "review_stage", "re_review_requested_on": "review_stage",
                     "re_review_replied_on": "review_stage", NON_FIELD_ERRORS: "number"}

    class Meta(LedgerResource.Meta):
        model = Petition
        fields = (
            "number", "received_on", "channel", "petitioner", "people_count", "phone", "village", "content",
            "category", "acceptance", "accepted_on", "notice_on", "closing_due", "extension_days",
            "extension_reason", "extension_approver", "closed_on", "reply_number", "on_time", "satisfaction",
            "review_stage", "note",
        )



    def dehydrate_closing_due(self, petition):
        return petition.closing_due()

    def dehydrate_on_time(self, petition) -> str:
        on_time = petition.closed_on_time()
        return "" if on_time is None else (gettext("是") if on_time else gettext("否"))
