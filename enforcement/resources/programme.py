"""Layouts of the other enforcement ledgers (ledgers.md, "Other registers of the areas"): violation categories,
campaigns, equipment, recordings, satisfaction surveys, major decisions and legality reviews."""

from django.core.exceptions import NON_FIELD_ERRORS
from import_export import fields

from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    Recording,
    Reviewer,
    SatisfactionSurvey,
    ViolationType,
)
from enforcement.models.decisions import Opinion
from township.ledger.resources import LedgerResource
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    NamedRecordWidget,
    NamesWidget,
    TextWidget,
    YesNoWidget,
)
from township.models import Person, Village

REVIEWER_SYNONYMS = {"镇司法所": "judicial_office", "司法所审查": "judicial_office", "律师": "legal_adviser",
                     "法律顾问审查": "legal_adviser", "司法所、法律顾问": "both", "司法所+法律顾问": "both"}
OPINION_SYNONYMS = {"同意": "lawful", "通过": "lawful", "合法有效": "lawful", "修改后通过": "amended",
                    "建议修改": "amended", "不同意": "unlawful", "不予通过": "unlawful"}


class ViolationTypeResource(LedgerResource):
    name = fields.Field("name", "违法类别", TextWidget())
    position = fields.Field("position", "排序", IntegerWidget(default=0))
    active = fields.Field("active", "启用", YesNoWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("违法类别",)
    required = ("违法类别",)
    aliases = {"违法类别": ["类别", "名称"], "启用": ["是否启用"]}

    class Meta(LedgerResource.Meta):
        model = ViolationType
        fields = ("name", "position", "active", "note")


class CampaignResource(LedgerResource):
    name = fields.Field("name", "行动名称", TextWidget())
    focus = fields.Field("focus", "重点领域", NamedRecordWidget(ViolationType, required=True))
    start_on = fields.Field("start_on", "开始日期", DateWidget())
    end_on = fields.Field("end_on", "结束日期", DateWidget())
    villages = fields.Field("villages", "覆盖村（社区）", NamesWidget(Village, name_of=lambda v: v.name, lookup_field="name"))
    lead_unit = fields.Field("lead_unit", "牵头单位", TextWidget())
    summary = fields.Field("summary", "行动成效", TextWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("行动名称", "开始日期")
    required = ("行动名称", "重点领域", "开始日期", "结束日期")
    aliases = {"行动名称": ["专项行动名称", "名称"], "重点领域": ["违法类别", "领域"], "覆盖村（社区）": ["村（社区）", "范围"],
               "行动成效": ["成效", "工作成效"]}

    class Meta(LedgerResource.Meta):
        model = Campaign
        fields = ("name", "focus", "start_on", "end_on", "villages", "lead_unit", "summary", "note")


class EquipmentResource(LedgerResource):
    number = fields.Field("number", "设备编号", TextWidget())
    kind = fields.Field("kind", "装备类型", ChoiceWidget(Equipment.Kind.choices, default=Equipment.Kind.BODY_CAMERA,
                                                        synonyms={"记录仪": "body_camera", "执法记录仪（台）": "body_camera",
                                                                  "音像记录设备": "recorder", "其他": "other"}))
    model = fields.Field("model", "品牌型号", TextWidget())
    acquired_on = fields.Field("acquired_on", "配备日期", DateWidget())
    status = fields.Field("status", "状态", ChoiceWidget(Equipment.Status.choices, default=Equipment.Status.IN_SERVICE,
                                                       synonyms={"在用": "in_service", "正常": "in_service",
                                                                 "使用中": "in_service", "报废": "retired", "停用": "retired"}))
    retired_on = fields.Field("retired_on", "停用日期", DateWidget())
    keeper = fields.Field("keeper", "保管人", NamedRecordWidget(Person))
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("设备编号",)
    required = ("设备编号", "配备日期")
    aliases = {"设备编号": ["编号", "装备编号"], "装备类型": ["类型", "设备类型"], "品牌型号": ["型号"],
               "配备日期": ["购置日期", "配发日期"], "停用日期": ["报废日期"]}

    class Meta(LedgerResource.Meta):
        model = Equipment
        fields = ("number", "kind", "model", "acquired_on", "status", "retired_on", "keeper", "note")


class RecordingResource(LedgerResource):
    case = fields.Field("case", "案号", NamedRecordWidget(EnforcementCase, field_name="number", required=True))
    step = fields.Field("step", "执法环节", ChoiceWidget(Recording.Step.choices, synonyms={
        "立案": "filing", "启动": "filing", "调查": "investigation", "取证": "investigation", "法制审核": "review",
        "作出决定": "decision", "处罚决定": "decision", "执行情况": "execution"}))
    date = fields.Field("date", "记录日期", DateWidget())
    device = fields.Field("device", "记录设备", NamedRecordWidget(Equipment, field_name="number"))
    note = fields.Field("note", "记录说明", TextWidget())

    content_key = ("案号", "执法环节", "记录日期")
    required = ("案号", "执法环节", "记录日期")
    aliases = {"执法环节": ["环节"], "记录设备": ["设备编号", "执法记录仪"], "记录说明": ["说明", "备注"]}

    class Meta(LedgerResource.Meta):
        model = Recording
        fields = ("case", "step", "date", "device", "note")


class SatisfactionSurveyResource(LedgerResource):
    date = fields.Field("date", "测评日期", DateWidget())
    title = fields.Field("title", "测评名称", TextWidget())
    method = fields.Field("method", "测评方式", ChoiceWidget(SatisfactionSurvey.Method.choices,
                                                         default=SatisfactionSurvey.Method.QUESTIONNAIRE,
                                                         synonyms={"问卷": "questionnaire", "电话": "phone",
                                                                   "网上": "online", "走访": "visit", "座谈": "visit"}))
    surveyed = fields.Field("surveyed", "受访人数", IntegerWidget())
    satisfied = fields.Field("satisfied", "满意（人）", IntegerWidget())
    basically_satisfied = fields.Field("basically_satisfied", "基本满意（人）", IntegerWidget(default=0))
    dissatisfied = fields.Field("dissatisfied", "不满意（人）", IntegerWidget(default=0))
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("测评日期", "测评名称")
    required = ("测评日期", "测评名称", "受访人数", "满意（人）")
    aliases = {"测评名称": ["名称"], "受访人数": ["测评人数", "参评人数"], "满意（人）": ["满意"],
               "基本满意（人）": ["基本满意"], "不满意（人）": ["不满意"]}
    error_columns = {NON_FIELD_ERRORS: "title"}

    class Meta(LedgerResource.Meta):
        model = SatisfactionSurvey
        fields = ("date", "title", "method", "surveyed", "satisfied", "basically_satisfied", "dissatisfied", "note")


class MajorDecisionResource(LedgerResource):
    catalogue_year = fields.Field("catalogue_year", "目录年度", IntegerWidget())
    title = fields.Field("title", "决策事项", TextWidget())
    sponsor = fields.Field("sponsor", "承办单位", TextWidget())
    catalogue_published_on = fields.Field("catalogue_published_on", "目录公布日期", DateWidget())
    comment_start_on = fields.Field("comment_start_on", "征求意见开始日期", DateWidget())
    comment_end_on = fields.Field("comment_end_on", "征求意见截止日期", DateWidget())
    comment_exempt_reason = fields.Field("comment_exempt_reason", "不公开征求意见的理由", TextWidget())
    expert_on = fields.Field("expert_on", "专家论证日期", DateWidget())
    risk_on = fields.Field("risk_on", "风险评估日期", DateWidget())
    review_submitted_on = fields.Field("review_submitted_on", "送请合法性审查日期", DateWidget())
    reviewer = fields.Field("reviewer", "审查机构", ChoiceWidget(Reviewer.choices, default="", synonyms=REVIEWER_SYNONYMS))
    review_on = fields.Field("review_on", "合法性审查完成日期", DateWidget())
    review_result = fields.Field("review_result", "审查结论", ChoiceWidget(Opinion.choices, default="",
                                                                       synonyms=OPINION_SYNONYMS))
    meeting_on = fields.Field("meeting_on", "集体讨论日期", DateWidget())
    meeting_name = fields.Field("meeting_name", "会议名称", TextWidget())
    decided_on = fields.Field("decided_on", "决定日期", DateWidget())
    decision_number = fields.Field("decision_number", "决定文号", TextWidget())
    published_on = fields.Field("published_on", "公布日期", DateWidget())
    evaluated_on = fields.Field("evaluated_on", "决策后评估日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("目录年度", "决策事项")
    required = ("目录年度", "决策事项")
    aliases = {"决策事项": ["事项名称", "决策名称"], "目录年度": ["年度"], "审查结论": ["合法性审查结论"],
               "合法性审查完成日期": ["合法性审查日期", "审查日期"], "集体讨论日期": ["常务会议日期", "会议日期"]}

    class Meta(LedgerResource.Meta):
        model = MajorDecision
        fields = ("catalogue_year", "title", "sponsor", "catalogue_published_on", "comment_start_on", "comment_end_on",
                  "comment_exempt_reason", "expert_on", "risk_on", "review_submitted_on", "reviewer", "review_on",
                  "review_result", "meeting_on", "meeting_name", "decided_on", "decision_number", "published_on",
                  "evaluated_on", "note")


class LegalityReviewResource(LedgerResource):
    title = fields.Field("title", "审查事项", TextWidget())
    kind = fields.Field("kind", "类别", ChoiceWidget(LegalityReview.Kind.choices, default=LegalityReview.Kind.NORMATIVE,
                                                   synonyms={"规范性文件": "normative", "文件": "normative",
                                                             "合同协议": "contract", "协议": "contract"}))
    submitted_by = fields.Field("submitted_by", "送审单位", TextWidget())
    submitted_on = fields.Field("submitted_on", "送审日期", DateWidget())
    reviewer = fields.Field("reviewer", "审查机构", ChoiceWidget(Reviewer.choices, default=Reviewer.JUDICIAL_OFFICE,
                                                             synonyms=REVIEWER_SYNONYMS))
    reviewer_name = fields.Field("reviewer_name", "审查人员", TextWidget())
    completed_on = fields.Field("completed_on", "审查完成日期", DateWidget())
    opinion = fields.Field("opinion", "审查结论", ChoiceWidget(Opinion.choices, default="", synonyms=OPINION_SYNONYMS))
    opinion_text = fields.Field("opinion_text", "审查意见", TextWidget())
    filing_required = fields.Field("filing_required", "需报县备案", YesNoWidget())
    filed_on = fields.Field("filed_on", "备案日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("审查事项", "送审日期")
    required = ("审查事项", "送审日期")
    aliases = {"审查事项": ["文件名称", "合同名称", "名称"], "送审日期": ["收到日期"], "审查完成日期": ["完成日期", "审结日期"],
               "需报县备案": ["是否备案", "需备案"]}

    class Meta(LedgerResource.Meta):
        model = LegalityReview
        fields = ("title", "kind", "submitted_by", "submitted_on", "reviewer", "reviewer_name", "completed_on", "opinion",
                  "opinion_text", "filing_required", "filed_on", "note")
