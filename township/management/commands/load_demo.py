"""Load the demo: two townships of 秀山土家族苗族自治县 with their villages, people and users.

大溪镇 (daxi) is the reference township: six villages, about forty people, five users (the county
viewer among them). 梅江镇 (meijiang) is a smaller second township, so that the county dashboard
compares two: five villages, about fifteen people and its admin user `meijiang`.

Idempotent: running it again changes nothing. Each domain app adds its own demo records through a
`demo.py` module with a `load(township)` function, called here in dependency order, township by
township (大溪镇 first, so its records are created exactly as when it was the only one).
"""

import importlib
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from township.demo import upsert
from township.models import County, Membership, Person, Role, Township, Village

DEMO_PASSWORD = "Daxi@2025"  # noqa: S105 - the documented demo password (README, DESIGN.md §7)

VILLAGES = [
    # name, kind, groups, grids, households, population
    ("大溪社区", Village.Kind.COMMUNITY, 5, 7, 607, 4758),
    ("酉水村", Village.Kind.VILLAGE, 5, 8, 650, 1736),
    ("丰联村", Village.Kind.VILLAGE, 10, 5, 594, 3101),
    ("兴隆村", Village.Kind.VILLAGE, 8, 3, 662, 3509),
    ("清泉村", Village.Kind.VILLAGE, 8, 4, 458, 2065),
    ("茶园村", Village.Kind.VILLAGE, 12, 7, 1153, 3936),
]

K = Person.Kind
P = Person.PoliticalStatus
# name, gender, unit, position, kind, political status, legal background, village
PEOPLE = [
    ("向桂兰", "F", "镇党委", "党委书记", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("王正权", "M", "镇政府", "镇长", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("田维新", "M", "镇党委", "党委副书记", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("杨晓梅", "F", "镇政府", "副镇长", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("陈文军", "M", "镇司法所", "所长", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, True, None),
    ("石佳慧", "F", "镇司法所", "司法助理员", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, True, None),
    ("龙文军", "M", "镇综合行政执法大队", "队长", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("刘桂兰", "F", "镇综合行政执法大队", "执法队员", K.TOWNSHIP_CADRE, P.MASSES, False, None),
    ("白德文", "M", "镇综合行政执法大队", "执法队员", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("冉正权", "M", "镇综合行政执法大队", "执法队员", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("吴玉珍", "F", "镇综合行政执法大队", "执法队员", K.TOWNSHIP_CADRE, P.LEAGUE_MEMBER, False, None),
    ("田明", "M", "镇综合行政执法大队", "执法队员", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("杨志强", "M", "镇综治中心", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("彭小燕", "F", "镇综治中心", "专职调解员", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("向玉珍", "F", "镇党政办", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("李海波", "M", "镇党政办", "法治办干事", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, True, None),
    ("张德文", "M", "镇信访办", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("冉家富", "M", "镇信访办", "干事", K.TOWNSHIP_CADRE, P.MASSES, False, None),
    ("王春梅", "F", "镇规划建设环保办", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("龙春梅", "F", "镇农业服务中心", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("石秀英", "F", "镇社会事务办", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("彭海波", "M", "大溪社区", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "大溪社区"),
    ("吴建华", "M", "大溪社区", "居委会主任", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "大溪社区"),
    ("冉明", "M", "酉水村", "村委会主任", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "酉水村"),
    ("向国庆", "M", "酉水村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "酉水村"),
    ("杨秀兰", "F", "丰联村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "丰联村"),
    ("田家兴", "M", "丰联村", "村委会主任", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "丰联村"),
    ("李正权", "M", "兴隆村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "兴隆村"),
    ("龙志勇", "M", "兴隆村", "村委会主任", K.VILLAGE_CADRE, P.MASSES, False, "兴隆村"),
    ("刘文军", "M", "清泉村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "清泉村"),
    ("彭桂芳", "F", "清泉村", "村委会主任", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "清泉村"),
    ("石光明", "M", "茶园村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "茶园村"),
    ("张玉兰", "F", "茶园村", "村委会主任", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "茶园村"),
    ("冉小燕", "F", "", "特邀调解员", K.RETIRED_CADRE, P.PARTY_MEMBER, False, "丰联村"),
    ("白国强", "M", "", "特邀调解员", K.RETIRED_CADRE, P.PARTY_MEMBER, False, "酉水村"),
    ("杨万福", "M", "", "特邀调解员", K.RETIRED_CADRE, P.PARTY_MEMBER, False, "茶园村"),
    ("吴明", "M", "重庆渝东律师事务所", "律师", K.LEGAL_WORKER, P.MASSES, True, "兴隆村"),
    ("田静", "F", "重庆渝东律师事务所", "律师", K.LEGAL_WORKER, P.PARTY_MEMBER, True, "大溪社区"),
    ("彭志远", "M", "秀山县法律援助中心", "法律工作者", K.LEGAL_WORKER, P.MASSES, True, "清泉村"),
    ("龙海燕", "F", "重庆武陵律师事务所", "律师", K.LEGAL_WORKER, P.MASSES, True, "茶园村"),
]

USERS = [
    # username, full name, role, extra
    ("admin", "李海波", Role.ADMIN, {}),
    ("clerk", "石佳慧", Role.CLERK, {"areas": ["governance", "enforcement", "disputes", "outreach"]}),
    ("village", "吴建华", Role.VILLAGE_CLERK, {"village": "大溪社区"}),
    ("leader", "向桂兰", Role.LEADER, {}),
    ("county", "县司法局", Role.COUNTY, {}),
]

MEIJIANG_VILLAGES = [
    # name, kind, groups, grids, households, population
    ("梅江社区", Village.Kind.COMMUNITY, 4, 6, 812, 3265),
    ("凯干村", Village.Kind.VILLAGE, 7, 4, 486, 1893),
    ("民族村", Village.Kind.VILLAGE, 9, 5, 571, 2348),
    ("兴隆坳村", Village.Kind.VILLAGE, 6, 3, 402, 1576),
    ("金珠村", Village.Kind.VILLAGE, 8, 4, 529, 2107),
]

# name, gender, unit, position, kind, political status, legal background, village
MEIJIANG_PEOPLE = [
    ("罗承志", "M", "镇党委", "党委书记", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("姚德明", "M", "镇政府", "镇长", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("谢晓琴", "F", "镇司法所", "所长", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, True, None),
    ("胡永平", "M", "镇综治中心", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("黄丽", "F", "镇综治中心", "专职调解员", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("蒋雪梅", "F", "镇党政办", "法治办干事", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, True, None),
    ("邓光荣", "M", "镇信访办", "主任", K.TOWNSHIP_CADRE, P.PARTY_MEMBER, False, None),
    ("杨再兴", "M", "梅江社区", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "梅江社区"),
    ("吴秀芝", "F", "梅江社区", "居委会主任", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "梅江社区"),
    ("麻成林", "M", "凯干村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "凯干村"),
    ("龙永贵", "M", "民族村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "民族村"),
    ("滕代英", "F", "兴隆坳村", "村委会主任", K.VILLAGE_CADRE, P.MASSES, False, "兴隆坳村"),
    ("彭大江", "M", "金珠村", "党支部书记", K.VILLAGE_CADRE, P.PARTY_MEMBER, False, "金珠村"),
    ("符明清", "M", "", "特邀调解员", K.RETIRED_CADRE, P.PARTY_MEMBER, False, "民族村"),
    ("吴丹", "F", "重庆武陵律师事务所", "律师", K.LEGAL_WORKER, P.MASSES, True, "梅江社区"),
    ("杨林", "M", "秀山县法律援助中心", "法律工作者", K.LEGAL_WORKER, P.PARTY_MEMBER, True, "民族村"),
]

MEIJIANG_USERS = [
    ("meijiang", "蒋雪梅", Role.ADMIN, {}),
]


@dataclass(frozen=True)
class DemoTownship:
    code: str
    name: str
    villages: list
    people: list
    users: list
    phone_offset: int = 0  # where the township's roster starts in phone_for, so no two people share a number


TOWNSHIPS = [
    DemoTownship("daxi", "大溪镇", VILLAGES, PEOPLE, USERS),
    DemoTownship("meijiang", "梅江镇", MEIJIANG_VILLAGES, MEIJIANG_PEOPLE, MEIJIANG_USERS, phone_offset=100),
]

# Domain apps add their demo records through <app>/demo.py: load(township), in this order.
DEMO_APPS = ["governance", "enforcement", "disputes", "outreach", "reports"]


def phone_for(index: int) -> str:
    """Made-up but well-formed mobile numbers (no real person is in the demo)."""
    return f"13{(index * 7) % 10}{(23456789 + index * 1234567) % 100000000:08d}"


class Command(BaseCommand):
    help = "加载演示数据：大溪镇、梅江镇 2025 年（可重复运行）"

    @transaction.atomic
    def handle(self, *args, **options):
        county, _created = County.objects.update_or_create(code="xiushan", defaults={"name": "秀山土家族苗族自治县"})
        for spec in TOWNSHIPS:
            township = load_township(spec, county)
            load_domain_apps(township)
        self.stdout.write(self.style.SUCCESS(
            "演示数据已就绪：大溪镇（daxi），用户 admin / clerk / village / leader / county；梅江镇（meijiang），用户 meijiang"
        ))


def load_township(spec: DemoTownship, county) -> Township:
    """The township with its villages, roster and users."""
    township, _created = Township.objects.update_or_create(
        code=spec.code, defaults={"name": spec.name, "county": county}
    )
    villages = {}
    for name, kind, groups, grids, households, population in spec.villages:
        villages[name], _created = upsert(
            Village, {"township": township, "name": name},
            {"kind": kind, "group_count": groups, "grid_count": grids, "households": households,
             "population": population},
        )
    for index, (name, gender, unit, position, kind, status, legal, village) in enumerate(spec.people):
        upsert(
            Person, {"township": township, "name": name},
            {"gender": gender, "unit": unit, "position": position, "kind": kind, "political_status": status,
             "legal_background": legal, "phone": phone_for(spec.phone_offset + index),
             "village": villages.get(village), "active": True},
        )
    for username, full_name, role, extra in spec.users:
        user, created = User.objects.get_or_create(username=username)
        user.first_name = full_name
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.is_staff = role == Role.ADMIN
        user.save()
        upsert(
            Membership, {"user": user},
            {
                "role": role,
                "township": None if role == Role.COUNTY else township,
                "county": county if role == Role.COUNTY else None,
                "village": villages.get(extra.get("village")),
                "areas": extra.get("areas", []),
                "year": 2025,
            },
        )
    return township


def load_domain_apps(township) -> None:
    for app in DEMO_APPS:
        if apps.is_installed(app):
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.load(township)
