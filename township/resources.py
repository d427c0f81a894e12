"""Import/export layouts of the core ledgers (../shared/reference/ledgers.md)."""

from import_export import fields

from township.ledger.resources import LedgerResource
from township.ledger.widgets import (
    ChoiceWidget,
    DigitsWidget,
    IntegerWidget,
    NamedRecordWidget,
    TextWidget,
    YesNoWidget,
)
from township.models import Person, Village

VILLAGE_HEADERS = [
    "所在村（社区）", "村（社区）", "村别", "所在村", "村居", "村(社区)", "所属村", "所属社区", "所属村（社区）", "所属村居",
]


class VillageResource(LedgerResource):
    name = fields.Field("name", "村（社区）名称", TextWidget())
    kind = fields.Field(
        "kind", "类型", ChoiceWidget(Village.Kind.choices, synonyms={"行政村": "village", "居委会": "community"},
                                    default=Village.Kind.VILLAGE)
    )
    group_count = fields.Field("group_count", "村民小组数", IntegerWidget(default=0))
    grid_count = fields.Field("grid_count", "网格数", IntegerWidget(default=0))
    households = fields.Field("households", "户数", IntegerWidget())
    population = fields.Field("population", "人口", IntegerWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("村（社区）名称",)
    required = ("村（社区）名称",)
    aliases = {
        "村（社区）名称": ["村（社区）", "村名", "名称", "村居名称", "村(社区)名称"],
        "村民小组数": ["小组数", "组数", "村民小组"],
        "人口": ["人口数", "总人口", "户籍人口"],
        "户数": ["总户数"],
    }

    class Meta(LedgerResource.Meta):
        model = Village
        fields = ("name", "kind", "group_count", "grid_count", "households", "population", "note")


class PersonResource(LedgerResource):
    name = fields.Field("name", "姓名", TextWidget())
    gender = fields.Field("gender", "性别", ChoiceWidget(Person.Gender.choices, default=""))
    unit = fields.Field("unit", "单位", TextWidget())
    position = fields.Field("position", "职务", TextWidget())
    kind = fields.Field(
        "kind", "人员类别",
        ChoiceWidget(Person.Kind.choices, synonyms={"律师": "legal_worker", "法律工作者": "legal_worker",
                                                    "乡镇干部": "township_cadre", "村组干部": "village_cadre"},
                     default=Person.Kind.OTHER),
    )
    political_status = fields.Field(
        "political_status", "政治面貌",
        ChoiceWidget(Person.PoliticalStatus.choices, synonyms={"党员": "party_member", "团员": "league_member"},
                     default=Person.PoliticalStatus.MASSES),
    )
    legal_background = fields.Field("legal_background", "法律专业背景", YesNoWidget())
    phone = fields.Field("phone", "联系电话", DigitsWidget())
    village = fields.Field("village", "所在村（社区）", NamedRecordWidget(Village))
    active = fields.Field("active", "在岗", YesNoWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("姓名", "联系电话")
    identity_fields = ("name", "village")
    namesake_columns = ("姓名",)  # a new row named like someone on the roster may be that person
    namesake_hints = ("单位", "职务", "所在村（社区）", "联系电话")
    required = ("姓名",)
    aliases = {
        "联系电话": ["电话", "手机", "手机号码", "联系方式"],
        "所在村（社区）": VILLAGE_HEADERS,
        "人员类别": ["类别", "人员类型"],
        "法律专业背景": ["是否法律专业", "法律背景"],
        "在岗": ["是否在岗", "状态"],
    }

    class Meta(LedgerResource.Meta):
        model = Person
        fields = (
            "name", "gender", "unit", "position", "kind", "political_status", "legal_background", "phone",
            "village", "active", "note",
        )
