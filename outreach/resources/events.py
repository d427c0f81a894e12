"""The 普法宣传活动台账 (events) layout of ledgers.md, the occasions list and the online posts.

An events sheet names the place in one column (地点: 大溪社区, 酉水村、清泉村, 镇法治文化广场, 全镇) or,
as the portal exports it, in two (村（社区） and 地点). Names of the township's villages become the event's
villages; a name that looks like a village (…村, …社区) but is none of the township's is refused; any
other place is kept as written. Target groups are read the same way: the portal's groups by name (or a
common synonym), other groups kept as written (群众、商户). The occasion is the township's, by any of its
spellings, or kept as written (劳动法律). Counts may carry 份/人次 or be written in full-width digits; an
approximate count (约100人) is refused with the sheet row.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from outreach.models import Event, Occasion, OnlinePost
from outreach.resources.cells import CountWidget, OccasionWidget
from township import access
from township.ledger.resources import LedgerResource
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    TextWidget,
    YesNoWidget,
    clean_text,
)
from township.models import Role, Village
from township.resources import VILLAGE_HEADERS
from township.sheets import normalise_header

PLACE_SEPARATORS = re.compile(r"[、，,；;/]+")
VILLAGE_ENDINGS = ("村", "社区")

G = Event.TargetGroup
GROUP_SYNONYMS = {
    "青少年": G.MINORS, "中小学生": G.MINORS, "学生": G.MINORS, "在校学生": G.MINORS, "儿童": G.MINORS,
    "未成年": G.MINORS, "老年人": G.LEFT_BEHIND_ELDERLY, "老人": G.LEFT_BEHIND_ELDERLY,
    "留守老年人": G.LEFT_BEHIND_ELDERLY, "返乡农民工": G.RETURNING_WORKERS, "返乡人员": G.RETURNING_WORKERS,
    "新就业形态劳动者": G.GIG_WORKERS, "新业态劳动者": G.GIG_WORKERS, "外来务工人员": G.MIGRANT_WORKERS,
    "外出务工人员": G.MIGRANT_WORKERS, "流动人口": G.MIGRANT_WORKERS, "企业职工": G.ENTERPRISES,
    "企业员工": G.ENTERPRISES, "村干部": G.VILLAGE_CADRES, "村（社区）干部": G.VILLAGE_CADRES,
    "村社干部": G.VILLAGE_CADRES, "村民": G.PUBLIC, "居民": G.PUBLIC, "辖区群众": G.PUBLIC, "广大群众": G.PUBLIC,
    "村（居）民": G.PUBLIC,
}

K = Event.Kind
KIND_SYNONYMS = {
    "集中宣传日": K.CAMPAIGN, "现场宣传": K.CAMPAIGN, "摆摊设点": K.CAMPAIGN, "宣传": K.CAMPAIGN,
    "专题讲座": K.LECTURE, "法治讲座": K.LECTURE, "宣讲": K.LECTURE, "座谈": K.LECTURE, "法治课": K.LECTURE,
    "送法进村": K.VILLAGE_VISIT, "入户宣传": K.VILLAGE_VISIT, "敲门送法": K.VILLAGE_VISIT,
    "文艺演出": K.ARTS, "文艺汇演": K.ARTS, "法治文艺演出": K.ARTS,
    "村村响": K.BROADCAST, "广播宣传": K.BROADCAST, "大喇叭": K.BROADCAST, "应急广播": K.BROADCAST,
    "网络": K.ONLINE, "网上": K.ONLINE, "线上推送": K.ONLINE, "微信": K.ONLINE, "新媒体": K.ONLINE,
}


class OccasionField(fields.Field):
    """主题（节点）: the township's occasion, or the theme as written (kept, never refused)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        value = self.clean(row, **kwargs)
        if isinstance(value, Occasion):
            instance.occasion, instance.occasion_other = value, ""
        else:
            instance.occasion, instance.occasion_other = None, value or ""

    def get_value(self, instance):
        return instance.occasion_display()


class GroupsField(fields.Field):
    """宣传对象: the portal's target groups by name or synonym; other groups kept as written."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        known, other = read_groups(row.get(self.column_name))
        instance.target_groups = Event._meta.get_field("target_groups").ordered(known)
        instance.other_groups = "、".join(other)[:100]

    def get_value(self, instance):
        return instance.groups_display()


def read_groups(value) -> tuple[list[str], list[str]]:
    by_name = {normalise_header(str(label)): value for value, label in G.choices}
    by_name.update({normalise_header(value): value for value in G.values})
    by_name.update({normalise_header(name): value for name, value in GROUP_SYNONYMS.items()})
    known, other = [], []
    for name in PLACE_SEPARATORS.split(clean_text(value)):
        name = name.strip()
        if not name:
            continue
        group = by_name.get(normalise_header(name))
        if group is not None:
            known.append(group)
        elif name not in other:
            other.append(name)
    return known, other


class EventResource(LedgerResource):
    date = fields.Field("date", "活动日期", DateWidget())
    title = fields.Field("title", "活动名称", TextWidget())
    occasion = OccasionField("occasion", "主题（节点）", OccasionWidget())
    kind = fields.Field("kind", "形式", ChoiceWidget(Event.Kind.choices, synonyms=KIND_SYNONYMS, default=K.OTHER))
    villages = fields.Field("villages", "村（社区）", TextWidget())
    place = fields.Field("place", "地点", TextWidget())
    target_groups = GroupsField("target_groups", "宣传对象", TextWidget())
    speaker = fields.Field("speaker", "主讲（组织）人", TextWidget())
    by_legal_adviser = fields.Field("by_legal_adviser", "是否法律顾问开展", YesNoWidget())
    customised = fields.Field("customised", "是否定制化讲座", YesNoWidget())
    materials = fields.Field("materials", "发放资料（份）", CountWidget())
    audience = fields.Field("audience", "受教育群众（人次）", CountWidget())
    note = fields.Field("note", "备注", TextWidget())

    content_key = ("活动日期", "活动名称")
    required = ("活动日期", "活动名称")
    aliases = {
        "活动日期": ["日期", "时间", "活动时间", "开展日期", "开展时间"],
        "活动名称": ["名称", "活动主题", "活动内容", "宣传活动名称"],
        "主题（节点）": ["主题/节点", "主题", "节点", "宣传节点", "宣传主题", "主题节点"],
        "形式": ["活动形式", "宣传形式", "方式"],
        "村（社区）": [name for name in VILLAGE_HEADERS if name != "村（社区）"],
        "地点": ["活动地点", "地点/村(社区)", "地点/村（社区）", "地点村(社区)", "开展地点", "宣传地点"],
        "宣传对象": ["对象", "受众", "宣传群体", "重点群体", "面向群体", "参加对象"],
        "主讲（组织）人": ["主讲人", "组织人", "主讲/组织人", "主讲（组织）单位", "组织单位", "主讲单位", "主讲人（单位）"],
        "是否法律顾问开展": ["法律顾问开展", "是否法律顾问", "法律顾问"],
        "是否定制化讲座": ["定制化讲座", "是否定制化", "定制化"],
        "发放资料（份）": ["发放资料", "资料（份）", "发放宣传资料", "宣传资料（份）", "发放资料(份)"],
        "受教育群众（人次）": ["受教育人数（人次）", "受教育人数", "受教育群众", "参与人数", "人次", "参加人数",
                          "受教育群众(人次)", "受众人次"],
    }
    handled_separately = ("villages", "place")
    error_columns = {"occasion_other": "occasion", "other_groups": "target_groups", NON_FIELD_ERRORS: "title"}

    class Meta(LedgerResource.Meta):
        model = Event
        fields = ("date", "title", "occasion", "kind", "villages", "place", "target_groups", "speaker",
                  "by_legal_adviser", "customised", "materials", "audience", "note")

    def dehydrate_villages(self, event) -> str:
        return "、".join(village.name for village in event.villages.all()) if event.pk else ""

    # --- the villages and the place -----------------------------------------------------------------

    def village_lookup(self) -> dict[str, Village]:
        if not hasattr(self, "_villages"):
            self._villages = {}
            for village in Village.objects.filter(township=self.township).order_by("id"):
                self._villages.setdefault(normalise_header(village.name), village)
        return self._villages

    def stored_village_ids(self, event_id) -> list[int]:
        if not hasattr(self, "_stored_villages"):
            self._stored_villages = {}
            links = Event.villages.through.objects.filter(event__township=self.township)
            for linked_event, village_id in links.values_list("event_id", "village_id"):
                self._stored_villages.setdefault(linked_event, []).append(village_id)
        return sorted(self._stored_villages.get(event_id, []))

    def read_location(self, instance, row) -> tuple[list[int], str, str | None]:
        """(village ids, place, the column an error belongs to); ValueError names what is wrong."""
        villages_column, place_column = self.fields["villages"].column_name, self.fields["place"].column_name
        lookup = self.village_lookup()
        if villages_column in row:  # the portal's own layout: villages and other place apart
            ids, unknown = [], []
            for name in PLACE_SEPARATORS.split(clean_text(row[villages_column])):
                if name.strip():
                    village = lookup.get(normalise_header(name))
                    (ids.append(village.pk) if village else unknown.append(name.strip()))
            if unknown:
                raise ValueError(_("本镇没有名为“%(names)s”的村（社区）") % {"names": "、".join(unknown)})
            place = clean_text(row[place_column]) if place_column in row else instance.place
            return sorted(set(ids)), place, villages_column
        if place_column not in row:
            return (self.stored_village_ids(instance.pk) if instance.pk else []), instance.place, None
        ids, places, unknown = [], [], []
        for part in PLACE_SEPARATORS.split(clean_text(row[place_column])):
            part = part.strip()
            if not part:
                continue
            village = lookup.get(normalise_header(part))
            if village is None:  # 茶园村村委会: in the village, at a place of it
                village = next((v for key, v in lookup.items() if normalise_header(part).startswith(key)), None)
                if village is None and part.endswith(VILLAGE_ENDINGS):
                    unknown.append(part)
                    continue
                places.append(part)
            if village is not None:
                ids.append(village.pk)
        if unknown:
            raise ValueError(_("本镇没有名为“%(names)s”的村（社区）：地点写村（社区）的，须是本镇的村（社区）")
                             % {"names": "、".join(unknown)})
        return sorted(set(ids)), "、".join(places)[:100], place_column

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        self._location_failed = False
        try:
            village_ids, place, self._location_column = self.read_location(instance, row)
        except ValueError as exc:
            in_villages = self.fields["villages"].column_name in row
            errors["villages" if in_villages else "place"] = ValidationError(str(exc))
            village_ids, place, self._location_column, self._location_failed = [], instance.place, None, True
        member = access.membership_of(self.user) if self.user is not None else None
        if not village_ids and not self._location_failed and member is not None and member.role == Role.VILLAGE_CLERK:
            village_ids = [member.village_id]  # a village clerk's event is in their own village
        instance._village_ids = village_ids
        instance.place = place
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)

    def check_scope(self, instance, errors) -> None:
        """As in the edit form: the stored event and the event as it will be saved must both be the village
        clerk's alone (an event shared with another village is the township's to change)."""
        if self._location_failed:
            return
        column = "place" if self._location_column == self.fields["place"].column_name else "villages"
        if instance.pk is not None:
            stored = Event(pk=instance.pk, township=self.township)
            stored._village_ids = self.stored_village_ids(instance.pk)
            if not access.can_change(self.user, self.township, Event, stored):
                errors[column] = ValidationError(_("该活动涉及其他村（社区），只能由镇里修改。"))
                return
        if not access.can_change(self.user, self.township, Event, instance):
            errors[column] = ValidationError(_("您只能导入本村（社区）的记录。"))

    def unchanged_separately(self, instance, original, row) -> bool:
        return instance._village_ids == self.stored_village_ids(original.pk) and instance.place == original.place

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        instance.villages.set(instance._village_ids)


class OccasionResource(LedgerResource):
    name = fields.Field("name", "名称", TextWidget())
    month = fields.Field("month", "月", IntegerWidget())
    day = fields.Field("day", "日", IntegerWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("名称",)
    required = ("名称",)
    aliases = {"名称": ["节点名称", "宣传节点", "节点"], "月": ["月份"], "日": ["日期（日）"]}

    class Meta(LedgerResource.Meta):
        model = Occasion
        fields = ("name", "month", "day", "note")


C = OnlinePost.Channel
CHANNEL_SYNONYMS = {
    "公众号": C.WECHAT_ACCOUNT, "微信": C.WECHAT_ACCOUNT, "政务微信": C.WECHAT_ACCOUNT,
    "视频号": C.WECHAT_CHANNELS, "微信视频": C.WECHAT_CHANNELS, "抖音号": C.DOUYIN, "短视频": C.DOUYIN,
    "微信群": C.VILLAGE_GROUP, "村微信群": C.VILLAGE_GROUP, "群": C.VILLAGE_GROUP,
}


class OnlinePostResource(LedgerResource):
    date = fields.Field("date", "推送日期", DateWidget())
    channel = fields.Field("channel", "渠道", ChoiceWidget(OnlinePost.Channel.choices, synonyms=CHANNEL_SYNONYMS,
                                                           default=C.WECHAT_ACCOUNT))
    title = fields.Field("title", "标题", TextWidget())
    link = fields.Field("link", "链接", TextWidget())
    reads = fields.Field("reads", "阅读（播放）量", CountWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("推送日期", "渠道", "标题")
    required = ("推送日期", "标题")
    aliases = {"推送日期": ["日期", "发布日期", "发布时间", "推送时间"], "渠道": ["平台", "推送渠道", "发布平台"],
               "标题": ["推送标题", "内容", "主题", "名称"], "链接": ["网址", "地址", "URL"],
               "阅读（播放）量": ["阅读量", "播放量", "浏览量", "阅读数"]}

    class Meta(LedgerResource.Meta):
        model = OnlinePost
        fields = ("date", "channel", "title", "link", "reads", "note")
