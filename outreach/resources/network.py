"""Layouts of the venues, 法律明白人, on-site services and 民主法治示范村 registers (ledgers.md, "Other registers")."""

from import_export import fields

from outreach.models import DemocracyVillage, LegalInformant, OnsiteService, Venue
from outreach.resources.cells import CountWidget, YearWidget
from township.ledger.resources import LedgerResource
from township.ledger.widgets import ChoiceWidget, DateWidget, NamedRecordWidget, TextWidget, YesNoWidget
from township.models import Person, Village
from township.resources import VILLAGE_HEADERS

V = Venue


class VenueResource(LedgerResource):
    name = fields.Field("name", "阵地名称", TextWidget())
    village = fields.Field("village", "所在村（社区）", NamedRecordWidget(Village))
    kind = fields.Field("kind", "类型", ChoiceWidget(V.Kind.choices, default=V.Kind.OTHER, synonyms={
        "广场": V.Kind.SQUARE, "文化广场": V.Kind.SQUARE, "书屋": V.Kind.LIBRARY, "农家书屋": V.Kind.LIBRARY,
        "长廊": V.Kind.CORRIDOR, "法治宣传栏": V.Kind.CORRIDOR, "公共法律服务工作室": V.Kind.SERVICE_ROOM,
        "公共法律服务站": V.Kind.SERVICE_ROOM, "法律服务室": V.Kind.SERVICE_ROOM,
    }))
    upgraded_on = fields.Field("upgraded_on", "建成或升级日期", DateWidget())
    demonstration = fields.Field("demonstration", "村级法治文化示范阵地", ChoiceWidget(
        V.Demonstration.choices, default=V.Demonstration.NONE,
        synonyms={"是": V.Demonstration.NAMED, "示范": V.Demonstration.NAMED, "已创建": V.Demonstration.NAMED,
                  "在创": V.Demonstration.CANDIDATE, "创建": V.Demonstration.CANDIDATE, "无": V.Demonstration.NONE},
    ))
    named_on = fields.Field("named_on", "命名日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("阵地名称",)
    required = ("阵地名称",)
    aliases = {"阵地名称": ["名称", "阵地"], "所在村（社区）": VILLAGE_HEADERS, "类型": ["阵地类型", "类别"],
               "建成或升级日期": ["升级日期", "建成日期", "建设日期", "改造日期"],
               "村级法治文化示范阵地": ["示范阵地", "是否示范阵地", "示范状态"], "命名日期": ["命名时间"]}

    class Meta(LedgerResource.Meta):
        model = Venue
        fields = ("name", "village", "kind", "upgraded_on", "demonstration", "named_on", "note")


LI = LegalInformant


class LegalInformantResource(LedgerResource):
    person = fields.Field("person", "姓名", NamedRecordWidget(Person, required=True))
    village = fields.Field("village", "村（社区）", NamedRecordWidget(Village, required=True))
    category = fields.Field("category", "类别", ChoiceWidget(LI.Category.choices, default=LI.Category.OTHER, synonyms={
        "村干部": LI.Category.VILLAGE_CADRE, "社区干部": LI.Category.VILLAGE_CADRE, "村（居）干部": LI.Category.VILLAGE_CADRE,
        "组长": LI.Category.GROUP_LEADER, "调解员": LI.Category.MEDIATOR, "党员代表": LI.Category.PARTY_MEMBER,
        "村民": LI.Category.VILLAGER, "群众": LI.Category.VILLAGER,
    }))
    trained_on = fields.Field("trained_on", "培训日期", DateWidget())
    assessment = fields.Field("assessment", "考核结果", ChoiceWidget(LI.Assessment.choices, default=LI.Assessment.NOT_ASSESSED,
                                                                    synonyms={"通过": LI.Assessment.PASSED,
                                                                              "未通过": LI.Assessment.FAILED,
                                                                              "优秀": LI.Assessment.PASSED}))
    appointed_on = fields.Field("appointed_on", "聘任日期", DateWidget())
    status = fields.Field("status", "状态", ChoiceWidget(LI.Status.choices, default=LI.Status.SERVING, synonyms={
        "在岗": LI.Status.SERVING, "正常": LI.Status.SERVING, "退出": LI.Status.LEFT, "离任": LI.Status.LEFT,
        "解聘": LI.Status.LEFT}))
    left_on = fields.Field("left_on", "退出日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("姓名",)
    required = ("姓名", "村（社区）")
    aliases = {"姓名": ["法律明白人", "法律明白人姓名"], "村（社区）": VILLAGE_HEADERS, "类别": ["人员类别", "身份"],
               "培训日期": ["培训时间", "培训"], "考核结果": ["考核", "考核情况"], "聘任日期": ["聘任时间", "聘用日期"],
               "状态": ["是否在任"], "退出日期": ["离任日期", "解聘日期"]}

    class Meta(LedgerResource.Meta):
        model = LegalInformant
        fields = ("person", "village", "category", "trained_on", "assessment", "appointed_on", "status", "left_on",
                  "note")


P = OnsiteService.Provider


class OnsiteServiceResource(LedgerResource):
    date = fields.Field("date", "服务日期", DateWidget())
    village = fields.Field("village", "村（社区）", NamedRecordWidget(Village, required=True))
    provider_kind = fields.Field("provider_kind", "人员类别", ChoiceWidget(P.choices, default=P.LAWYER, synonyms={
        "执业律师": P.LAWYER, "法律顾问": P.LAWYER, "法院法官": P.JUDGE, "检察院": P.PROSECUTOR, "公证处": P.NOTARY,
        "法律服务工作者": P.LEGAL_WORKER, "法律工作者": P.LEGAL_WORKER}))
    provider_name = fields.Field("provider_name", "服务人员", TextWidget())
    village_adviser = fields.Field("village_adviser", "是否村（社区）法律顾问", YesNoWidget())
    service = fields.Field("service", "服务内容", TextWidget())
    people_served = fields.Field("people_served", "服务群众（人次）", CountWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("服务日期", "村（社区）", "服务人员")
    required = ("服务日期", "村（社区）", "服务人员", "服务内容")
    aliases = {"服务日期": ["日期", "下沉日期", "时间"], "村（社区）": VILLAGE_HEADERS, "人员类别": ["类别", "身份"],
               "服务人员": ["姓名", "律师（法官）", "下沉人员"], "是否村（社区）法律顾问": ["是否法律顾问", "法律顾问"],
               "服务内容": ["内容", "服务事项", "事项"],
               "服务群众（人次）": ["服务人次", "服务群众", "人次", "服务人数"]}

    class Meta(LedgerResource.Meta):
        model = OnsiteService
        fields = ("date", "village", "provider_kind", "provider_name", "village_adviser", "service", "people_served",
                  "note")


DL = DemocracyVillage.Level


class DemocracyVillageResource(LedgerResource):
    village = fields.Field("village", "村（社区）", NamedRecordWidget(Village, required=True))
    level = fields.Field("level", "级别", ChoiceWidget(DL.choices, default=DL.COUNTY, synonyms={
        "县": DL.COUNTY, "区县级": DL.COUNTY, "市": DL.CITY, "省": DL.PROVINCIAL, "国家级": DL.NATIONAL,
        "全国民主法治示范村": DL.NATIONAL}))
    named_in = fields.Field("named_in", "命名年度", YearWidget())
    last_reviewed_in = fields.Field("last_reviewed_in", "最近复核年度", YearWidget())
    revoked_in = fields.Field("revoked_in", "撤销年度", YearWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("村（社区）", "级别")
    required = ("村（社区）", "命名年度")
    aliases = {"村（社区）": VILLAGE_HEADERS, "级别": ["命名级别", "层级"], "命名年度": ["命名年份", "命名时间"],
               "最近复核年度": ["复核年度", "复核年份"], "撤销年度": ["撤销年份"]}

    class Meta(LedgerResource.Meta):
        model = DemocracyVillage
        fields = ("village", "level", "named_in", "last_reviewed_in", "revoked_in", "note")
