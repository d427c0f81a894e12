"""The year's figures of report part 一(五) for a township (../shared/reference/figures.md rows 19, 25-28 and
the targets of part 三), and what the dashboards show of the outreach area.

Plain data: each Figure carries how it is computed and the ledger filter that lists its records. An event
held in several villages is one event (the villages are never joined into the counts). The names part
一(五) prints — the occasions, the key groups of the customised lectures, the channels, the venues'
kinds — ride on the figure that counts them (``Figure.names``). Every function aggregates in the
database, in a number of queries that depends neither on the records nor on the number of townships.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from outreach import rules
from outreach.fields import containing
from outreach.models import (
    DemocracyVillage,
    Event,
    LegalInformant,
    OnlinePost,
    OnsiteService,
    Venue,
    serving_on,
    titles_held_in,
)
from township.figures import Figure, rate
from township.ledger.stats import township_ids as ids_of
from township.models import Township, Village

G = Event.TargetGroup
CHANNEL_ORDER = [OnlinePost.Channel.WECHAT_ACCOUNT, OnlinePost.Channel.WECHAT_CHANNELS, OnlinePost.Channel.DOUYIN,
                 OnlinePost.Channel.VILLAGE_GROUP]
BROADCAST_NAME = "“村村响”广播"



def _events(township_ids, year) -> tuple[dict[int, dict], dict[int, list[str]]]:
    """Per township, the year's event aggregates and the fixed-date occasions they were held at (calendar order):
    one query grouped by township and occasion, summed here. Aggregates are named apart from the fields they
    filter on (an alias "customised" would shadow the field)."""
    aggregates = {
        "n_events": Count("id"), "n_adviser": Count("id", filter=Q(by_legal_adviser=True)),
        "n_customised": Count("id", filter=Q(customised=True)),
        "sum_materials": Coalesce(Sum("materials"), 0), "sum_audience": Coalesce(Sum("audience"), 0),
        "n_online": Count("id", filter=Q(kind=Event.Kind.ONLINE)),
        "n_broadcast": Count("id", filter=Q(kind=Event.Kind.BROADCAST)),
        **{f"group_{g}": Count("id", filter=Q(target_groups__contains=containing(g))) for g in G.values},
        **{f"customised_{g}": Count("id", filter=Q(customised=True, target_groups__contains=containing(g)))
           for g in G.values},
    }
    rows = (Event.objects.filter(township_id__in=township_ids, date__year=year)
            .values("township_id", "occasion__month", "occasion__day", "occasion__name").annotate(**aggregates)
            .order_by("township_id", "occasion__month", "occasion__day", "occasion__name"))
    totals = {pk: dict.fromkeys(aggregates, 0) for pk in township_ids}
    occasions: dict[int, list[str]] = {pk: [] for pk in township_ids}
    for row in rows:
        for name in aggregates:
            totals[row["township_id"]][name] += row[name] or 0
        if row["occasion__month"] and row["occasion__day"]:
            code = rules.occasion_code(row["occasion__month"], row["occasion__day"])
            occasions[row["township_id"]].append(f"“{code}”{row['occasion__name']}")
    return totals, occasions


def _per_township(queryset, aggregate=None):
    """One township's aggregate of ``queryset`` as a subquery of the township row (0 without records)."""
    inner = (queryset.filter(township=OuterRef("pk")).order_by().values("township")
             .annotate(value=aggregate or Count("id")).values("value"))
    return Coalesce(Subquery(inner), Value(0))


def _registers(township_ids, year) -> dict[int, dict]:
    """Posts (by channel), on-site services and 民主法治示范村 of every township, in one query."""
    posts = OnlinePost.objects.filter(date__year=year)
    services = OnsiteService.objects.filter(date__year=year)
    titles = DemocracyVillage.objects.filter(titles_held_in(year), village__deleted_at__isnull=True)
    rows = Township.objects.filter(pk__in=township_ids).values("pk").annotate(
        n_posts=_per_township(posts),
        **{f"channel_{c}": _per_township(posts.filter(channel=c)) for c in OnlinePost.Channel.values},
        n_services=_per_township(services), sum_people=_per_township(services, Sum("people_served")),
        n_titled=_per_township(titles, Count("village", distinct=True)),
    )
    return {row.pop("pk"): row for row in rows}


def _venues(township_ids, year) -> tuple[dict[int, dict], dict[int, list[str]]]:
    """Venues built or upgraded in the year, with their kinds as part 一(五) names them (镇法治文化广场, 村法治书屋,
    the township's first), and demonstration venues named in the year, per township (one query)."""
    rows = (Venue.objects.filter(township_id__in=township_ids).values("township_id", "village_id", "kind")
            .annotate(n_upgraded=Count("id", filter=Q(upgraded_on__year=year)),
                      n_named=Count("id", filter=Q(demonstration=Venue.Demonstration.NAMED, named_on__year=year,
                                                   village__isnull=False)))
            .order_by())
    labels = dict(Venue.Kind.choices)
    kind_order = {value: index for index, value in enumerate(Venue.Kind.values)}
    counts = {pk: {"n_upgraded": 0, "n_named": 0} for pk in township_ids}
    kinds: dict[int, list[tuple]] = {pk: [] for pk in township_ids}
    for row in rows:
        counts[row["township_id"]]["n_upgraded"] += row["n_upgraded"]
        counts[row["township_id"]]["n_named"] += row["n_named"]
        if row["n_upgraded"] and row["kind"] != Venue.Kind.OTHER:
            in_village = row["village_id"] is not None
            kinds[row["township_id"]].append(
                (in_village, kind_order[row["kind"]], ("村" if in_village else "镇") + str(labels[row["kind"]])))
    return counts, {pk: list(dict.fromkeys(name for *_order, name in sorted(items))) for pk, items in kinds.items()}


def _villages(township_ids, year_end: datetime.date, first: datetime.date, last: datetime.date) -> dict[int, list]:
    """Every village of the townships: (id, name, 法律明白人 serving at the year's end, an event between first and
    last), in one query."""
    serving = serving_on(year_end, "legal_informants") & Q(legal_informants__deleted_at__isnull=True)
    held = Event.villages.through.objects.filter(village=OuterRef("pk"), event__deleted_at__isnull=True,
                                                 event__date__gte=first, event__date__lte=last)
    rows = (Village.objects.filter(township_id__in=township_ids)
            .annotate(serving=Count("legal_informants", filter=serving, distinct=True), held=Exists(held))
            .order_by("township_id", "id").values_list("township_id", "id", "name", "serving", "held"))
    found: dict[int, list] = {pk: [] for pk in township_ids}
    for township_id, pk, name, serving_count, has_event in rows:
        found[township_id].append((pk, name, serving_count, has_event))
    return found


def _serving_by_village(township_ids, on: datetime.date) -> dict[int, int]:
    rows = (LegalInformant.objects.filter(serving_on(on), township_id__in=township_ids, village__deleted_at__isnull=True)
            .values("village_id").annotate(n=Count("id")).order_by())
    return {row["village_id"]: row["n"] for row in rows}


def figures(township, year: int, *, today: datetime.date | None = None) -> dict[str, Figure]:
    """Events, adviser events, customised lectures, materials, audience, posts, venues, services, informants."""
    return figures_for_townships([township], year, today=today)[township.pk]


def figures_for_townships(townships, year: int, *, today: datetime.date | None = None) -> dict[int, dict[str, Figure]]:
    """figures() of every township, ``{township_id: {key: Figure}}``, in the same four queries as one township's."""
    today = today or timezone.localdate()
    ids = ids_of(townships)
    quarter = rules.current_quarter(year, today)
    first, last = rules.quarter_bounds(year, quarter)
    events, occasions = _events(ids, year)
    registers = _registers(ids, year)
    venues, venue_kinds = _venues(ids, year)
    villages = _villages(ids, datetime.date(year, 12, 31), first, last)
    context = {"year": year, "quarter": quarter, "minimum": rules.informants_per_village()}
    return {
        pk: _figures_of({"events": events[pk], "registers": registers[pk], "venues": venues[pk]}, occasions[pk],
                        venue_kinds[pk], villages[pk], context)
        for pk in ids
    }


def listed(names) -> str:
    return "、".join(names) if names else _("无")


def _figures_of(counts, occasions, venue_kinds, villages, context) -> dict[str, Figure]:
    events, registers, venues = counts["events"], counts["registers"], counts["venues"]
    year, quarter, minimum = context["year"], context["quarter"], context["minimum"]
    in_year = {"year": year}
    labels = dict(G.choices)

    def count(key, label, value, unit, definition, ledger, query, names=None):
        if names is None:
            return Figure(key=key, label=label, value=value, unit=unit, definition=definition, ledger=ledger, query=query)
        return Figure(key=key, label=label, value=value, unit=unit, definition=definition, ledger=ledger,
                           query=query, names=tuple(names))

    customised_groups = [str(labels[g]) for g in Event.KEY_GROUPS if events[f"customised_{g}"]]
    not_reached = [str(labels[g]) for g in Event.KEY_GROUPS if not events[f"group_{g}"]]
    channels = ([BROADCAST_NAME] if events["n_broadcast"] else []) + [
        str(OnlinePost.Channel(c).label) for c in CHANNEL_ORDER if registers[f"channel_{c}"]]
    below = [name for _pk, name, serving, _held in villages if serving < minimum]
    without_events = [name for _pk, name, _serving, held in villages if not held]

    result = [
        count("outreach.events", _("开展法治宣传活动"), events["n_events"], _("场次"),
              _("活动日期在%(year)s年内的普法宣传活动场次（一场活动在几个村开展的，计一场）。") % in_year,
              "outreach_events", in_year),
        count("outreach.adviser_events", _("法律顾问开展法治宣传"), events["n_adviser"], _("次"),
              _("%(year)s年普法宣传活动中，标为“法律顾问开展”的场次。") % in_year,
              "outreach_events", {**in_year, "by_legal_adviser": "true"}),
        count("outreach.customised_lectures", _("“定制化”法治讲座"), events["n_customised"], _("场"),
              _("%(year)s年普法宣传活动中，标为“定制化讲座”（面向某一重点群体）的场次。") % in_year,
              "outreach_events", {**in_year, "customised": "true"}),
        count("outreach.materials", _("发放宣传资料"), events["sum_materials"], _("份"),
              _("%(year)s年普法宣传活动“发放资料（份）”之和（未填的计0）。") % in_year, "outreach_events", in_year),
        count("outreach.audience", _("受教育群众"), events["sum_audience"], _("人次"),
              _("%(year)s年普法宣传活动“受教育群众（人次）”之和（广播、线上推送等未计人次的计0）。") % in_year,
              "outreach_events", in_year),
        count("outreach.occasions", _("围绕的重要节点"), len(occasions), _("个"),
              _("%(year)s年开展了活动的固定日期宣传节点：%(names)s。") % {**in_year, "names": listed(occasions)},
              "outreach_events", in_year, occasions),
        count("outreach.customised_groups", _("定制化讲座面向的重点群体"), len(customised_groups), _("类"),
              _("%(year)s年定制化讲座面向的重点群体（不含“群众”）：%(names)s。") % {**in_year, "names": listed(customised_groups)},
              "outreach_events", {**in_year, "customised": "true"}, customised_groups),
        count("outreach.groups_not_reached", _("未开展宣传的重点群体"), len(not_reached), _("类"),
              _("%(year)s年没有任何一场普法宣传活动面向的重点群体（在%(total)s类重点群体中）：%(names)s。")
              % {**in_year, "total": len(Event.KEY_GROUPS), "names": listed(not_reached)},
              "outreach_events", in_year, not_reached),
        Figure(key="outreach.online_share", label=_("线上活动占比"), value=rate(events["n_online"], events["n_events"]),
               unit="%", numerator=events["n_online"], denominator=events["n_events"],
               definition=_("线上活动占比＝形式为“线上”的活动场次÷%(year)s年普法宣传活动场次。") % in_year,
               ledger="outreach_events", query={**in_year, "kind": Event.Kind.ONLINE}),
        count("outreach.online_posts", _("线上普法推送"), registers["n_posts"], _("期"),
              _("推送日期在%(year)s年内的线上普法推送期数（各渠道合计）。") % in_year, "outreach_posts", in_year),
        count("outreach.channels", _("宣传渠道"), len(channels), _("个"),
              _("%(year)s年用过的宣传渠道（“村村响”广播活动和各线上推送渠道）：%(names)s。") % {**in_year, "names": listed(channels)},
              "outreach_posts", in_year, channels),
        count("outreach.venues_upgraded", _("新建或升级法治文化阵地"), venues["n_upgraded"], _("个"),
              _("建成或升级日期在%(year)s年内的法治文化阵地个数。类型：%(names)s。") % {**in_year, "names": listed(venue_kinds)},
              "outreach_venues", {"upgraded_year": year}, venue_kinds),
        count("outreach.demonstration_venues", _("村级法治文化示范阵地"), venues["n_named"], _("个"),
              _("%(year)s年命名的村级法治文化示范阵地个数（命名日期在%(year)s年内）。") % in_year,
              "outreach_venues", {"named_year": year, "demonstration": Venue.Demonstration.NAMED}),
        count("outreach.onsite_services", _("律师、法官下沉服务"), registers["n_services"], _("次"),
              _("服务日期在%(year)s年内的律师、法官、检察官、公证员等下沉村（社区）服务次数。") % in_year,
              "onsite_services", in_year),
        count("outreach.onsite_people", _("下沉服务群众"), registers["sum_people"], _("人次"),
              _("%(year)s年下沉服务“服务群众（人次）”之和。") % in_year, "onsite_services", in_year),
        count("outreach.legal_informants", _("法律明白人"), sum(serving for _pk, _name, serving, _held in villages), _("人"),
              _("%(year)s年12月31日在任的法律明白人人数（聘任日期不晚于当日、且未退出或退出日期晚于当日）。") % in_year,
              "legal_informants", {"status": LegalInformant.Status.SERVING}),
        count("outreach.informant_villages", _("法律明白人达标的村（社区）"), len(villages) - len(below), _("个"),
              _("%(year)s年12月31日在任法律明白人不少于%(minimum)s名的村（社区）个数（共%(total)s个）。不足的：%(names)s。")
              % {**in_year, "minimum": minimum, "total": len(villages), "names": listed(below)},
              "legal_informants", {"status": LegalInformant.Status.SERVING}, below),
        count("outreach.democracy_villages", _("民主法治示范村（社区）"), registers["n_titled"], _("个"),
              _("%(year)s年底持有民主法治示范村（社区）称号（任一级别、未撤销）的村（社区）个数。") % in_year,
              "democracy_villages", in_year),
        count("outreach.villages_without_events", _("第%(quarter)s季度未开展普法活动的村（社区）") % {"quarter": quarter},
              len(without_events), _("个"),
              _("%(year)s年第%(quarter)s季度没有一场普法宣传活动在本村（社区）开展的村（社区）：%(names)s。")
              % {**in_year, "quarter": quarter, "names": listed(without_events)},
              "outreach_events", {**in_year, "quarter": str(quarter)}, without_events),
    ]
    return {figure.key: figure for figure in result}


def monthly(township, year: int) -> dict[str, list[int]]:
    """Events held and audience (人次) in each month of the year (12 values each)."""
    rows = (Event.objects.filter(township=township, date__year=year).annotate(month=ExtractMonth("date"))
            .values("month").annotate(n=Count("id"), people=Coalesce(Sum("audience"), 0)).order_by())
    events, audience = [0] * 12, [0] * 12
    for row in rows:
        events[row["month"] - 1], audience[row["month"] - 1] = row["n"], row["people"]
    return {"outreach.events": events, "outreach.audience": audience}


def by_village(township, year: int, *, today: datetime.date | None = None) -> list[dict]:
    """Per village: events of the year and of its current quarter held there, 法律明白人 serving."""
    today = today or timezone.localdate()
    first, last = rules.quarter_bounds(year, rules.current_quarter(year, today))
    in_quarter = Q(event__date__gte=first, event__date__lte=last)
    links = (Event.villages.through.objects
             .filter(event__township=township, event__deleted_at__isnull=True, event__date__year=year)
             .values("village_id")
             .annotate(n=Count("event_id", distinct=True), quarter=Count("event_id", filter=in_quarter, distinct=True))
             .order_by())
    events = {row["village_id"]: row for row in links}
    serving = _serving_by_village([township.pk], datetime.date(year, 12, 31))
    rows = []
    for village_id, name in Village.objects.filter(township=township).order_by("id").values_list("id", "name"):
        found = events.get(village_id, {})
        rows.append({"village_id": village_id, "village": name, "outreach_events": found.get("n", 0),
                     "outreach_quarter": found.get("quarter", 0), "legal_informants": serving.get(village_id, 0)})
    return rows


def alerts(township, today: datetime.date | None = None) -> list[dict]:
    """The outreach area has no statutory deadlines: villages without events are a figure, not an alert."""
    return []


def alert_counts(townships, today: datetime.date | None = None) -> dict[int, dict[str, int]]:
    return {pk: {"overdue": 0, "due_soon": 0} for pk in ids_of(townships)}
