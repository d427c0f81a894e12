"""Each figure of part 一(五) at the edges of its definition (figures.md rows 19, 25-28 and part 三's targets)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from outreach import stats
from outreach.models import Event, LegalInformant, Occasion, Venue
from tests.factories import VillageFactory
from tests.outreach.factories import (
    DemocracyVillageFactory,
    EventFactory,
    LegalInformantFactory,
    OccasionFactory,
    OnlinePostFactory,
    OnsiteServiceFactory,
    VenueFactory,
)

D = datetime.date
G = Event.TargetGroup
TODAY = D(2026, 12, 1)


def values(township, year=2025, today=TODAY):
    return {key: figure.value for key, figure in stats.figures(township, year, today=today).items()}


def names(township, key, year=2025, today=TODAY):
    return list(stats.figures(township, year, today=today)[key].names)


def test_an_event_in_two_villages_counts_once_and_its_people_once(daxi, village, second_village):
    EventFactory(township=daxi, villages=[village, second_village], materials=30, audience=80)
    found = values(daxi)
    assert (found["outreach.events"], found["outreach.materials"], found["outreach.audience"]) == (1, 30, 80)


def test_a_broadcast_without_a_head_count_is_an_event_with_no_audience(daxi, village):
    EventFactory(township=daxi, kind=Event.Kind.BROADCAST, place="全镇", materials=None, audience=None)
    EventFactory(township=daxi, villages=[village], audience=50, materials=None)
    found = values(daxi)
    assert (found["outreach.events"], found["outreach.audience"], found["outreach.materials"]) == (2, 50, 0)
    assert names(daxi, "outreach.channels") == ["“村村响”广播"]


def test_an_event_on_31_december_is_of_its_year_and_1_january_of_the_next(daxi, village):
    EventFactory(township=daxi, villages=[village], date=D(2025, 12, 31), audience=7)
    EventFactory(township=daxi, villages=[village], date=D(2026, 1, 1), audience=9)
    EventFactory(township=daxi, villages=[village], date=D(2025, 1, 1), audience=5)
    assert (values(daxi)["outreach.events"], values(daxi)["outreach.audience"]) == (2, 12)
    assert values(daxi, 2026)["outreach.events"] == 1


def test_deleted_events_and_other_townships_events_do_not_count(daxi, other_township, village, other_village):
    EventFactory(township=daxi, villages=[village], deleted_at=timezone.now())
    EventFactory(township=other_township, villages=[other_village], by_legal_adviser=True)
    found = values(daxi)
    assert found["outreach.events"] == found["outreach.adviser_events"] == 0


def test_adviser_events_and_customised_lectures_count_their_flags(daxi, village):
    EventFactory(township=daxi, villages=[village], by_legal_adviser=True, speaker="田静")
    EventFactory(township=daxi, villages=[village], by_legal_adviser=True, speaker="吴明", customised=True,
                 target_groups=[G.MINORS])
    EventFactory(township=daxi, villages=[village], customised=True, target_groups=[G.LEFT_BEHIND_ELDERLY, G.PUBLIC])
    EventFactory(township=daxi, villages=[village])
    found = values(daxi)
    assert (found["outreach.adviser_events"], found["outreach.customised_lectures"]) == (2, 2)
    figures = stats.figures(daxi, 2025, today=TODAY)
    assert figures["outreach.adviser_events"].query == {"year": 2025, "by_legal_adviser": "true"}
    assert figures["outreach.customised_lectures"].query == {"year": 2025, "customised": "true"}


def test_occasions_named_are_the_fixed_days_the_records_contain_in_calendar_order(daxi, village):
    occasions = {o.name: o for o in Occasion.objects.filter(township=daxi)}  # seeded with the national days
    EventFactory(township=daxi, villages=[village], date=D(2025, 12, 4), occasion=occasions["国家宪法日"], occasion_other="")
    EventFactory(township=daxi, villages=[village], date=D(2025, 12, 4), occasion=occasions["国家宪法日"], occasion_other="")
    EventFactory(township=daxi, villages=[village], date=D(2025, 4, 15), occasion=occasions["全民国家安全教育日"],
                 occasion_other="")
    EventFactory(township=daxi, villages=[village], date=D(2025, 5, 20), occasion=occasions["民法典宣传月"],
                 occasion_other="")  # a month, not a day: no “m·d” to name
    EventFactory(township=daxi, villages=[village], occasion_other="扫黑除恶")
    assert names(daxi, "outreach.occasions") == ["“4·15”全民国家安全教育日", "“12·4”国家宪法日"]
    own = OccasionFactory(township=daxi, name="村规民约宣传日", month=3, day=1)
    EventFactory(township=daxi, villages=[village], date=D(2025, 3, 1), occasion=own, occasion_other="")
    assert names(daxi, "outreach.occasions")[0] == "“3·1”村规民约宣传日"  # the township's own list counts too


def test_key_groups_of_customised_lectures_and_groups_not_reached(daxi, village):
    EventFactory(township=daxi, villages=[village], customised=True, target_groups=[G.RETURNING_WORKERS])
    EventFactory(township=daxi, villages=[village], customised=True, target_groups=[G.MINORS, G.PUBLIC])
    EventFactory(township=daxi, villages=[village], target_groups=[G.ENTERPRISES, G.VILLAGE_CADRES])
    EventFactory(township=daxi, villages=[village], target_groups=[G.LEFT_BEHIND_ELDERLY], date=D(2024, 5, 1))
    assert names(daxi, "outreach.customised_groups") == ["未成年人", "返乡务工人员"]  # in the list's order, no 群众
    figure = stats.figures(daxi, 2025, today=TODAY)["outreach.groups_not_reached"]
    assert list(figure.names) == ["留守老人", "新业态从业者", "流动务工人员"] and figure.value == 3
    assert "留守老人、新业态从业者、流动务工人员" in figure.definition  # citable in part 二


def test_online_share_is_online_events_over_all_events_and_undefined_without_events(daxi, village):
    assert values(daxi)["outreach.online_share"] is None
    EventFactory(township=daxi, kind=Event.Kind.ONLINE, materials=None, audience=None)
    for _ in range(3):
        EventFactory(township=daxi, villages=[village])
    figure = stats.figures(daxi, 2025, today=TODAY)["outreach.online_share"]
    assert (figure.value, figure.numerator, figure.denominator) == (Decimal("25.0"), 1, 4)


def test_online_posts_and_their_channels(daxi):
    OnlinePostFactory(township=daxi, channel="douyin")
    OnlinePostFactory(township=daxi, channel="wechat_account")
    OnlinePostFactory(township=daxi, channel="wechat_account", date=D(2025, 12, 31))
    OnlinePostFactory(township=daxi, date=D(2026, 1, 1))
    assert values(daxi)["outreach.online_posts"] == 3
    assert names(daxi, "outreach.channels") == ["微信公众号", "抖音"]


def test_venues_upgraded_name_their_kinds_township_first_and_demonstration_venues_count_the_year_named(
        daxi, village):
    VenueFactory(township=daxi, village=village, kind=Venue.Kind.LIBRARY, upgraded_on=D(2025, 8, 1))
    VenueFactory(township=daxi, village=None, kind=Venue.Kind.SQUARE, upgraded_on=D(2025, 5, 1))
    VenueFactory(township=daxi, village=village, kind=Venue.Kind.LIBRARY, upgraded_on=D(2025, 9, 1))
    VenueFactory(township=daxi, village=village, kind=Venue.Kind.CORRIDOR, upgraded_on=D(2024, 9, 1),
                 demonstration=Venue.Demonstration.NAMED, named_on=D(2025, 6, 1))
    VenueFactory(township=daxi, village=village, upgraded_on=None, demonstration=Venue.Demonstration.NAMED,
                 named_on=D(2024, 6, 1))
    found = values(daxi)
    assert (found["outreach.venues_upgraded"], found["outreach.demonstration_venues"]) == (3, 1)
    assert names(daxi, "outreach.venues_upgraded") == ["镇法治文化广场", "村法治书屋"]


def test_onsite_services_count_the_year_and_their_people(daxi, village):
    OnsiteServiceFactory(township=daxi, village=village, people_served=12)
    OnsiteServiceFactory(township=daxi, village=village, people_served=None, date=D(2025, 12, 31))
    OnsiteServiceFactory(township=daxi, village=village, date=D(2024, 12, 31))
    found = values(daxi)
    assert (found["outreach.onsite_services"], found["outreach.onsite_people"]) == (2, 12)


def test_informants_serving_at_the_end_of_the_year_and_villages_below_the_minimum(daxi, village, second_village):
    for _ in range(3):
        LegalInformantFactory(township=daxi, village=village)
    LegalInformantFactory(township=daxi, village=second_village)
    LegalInformantFactory(township=daxi, village=second_village, status=LegalInformant.Status.LEFT,
                          left_on=D(2025, 12, 31))  # left on 31 December: not serving at the end of the year
    LegalInformantFactory(township=daxi, village=second_village, status=LegalInformant.Status.LEFT,
                          left_on=D(2026, 3, 1))  # left the next year: still serving at the end of 2025
    LegalInformantFactory(township=daxi, village=second_village, appointed_on=D(2026, 2, 1))  # not yet
    found = values(daxi)
    assert (found["outreach.legal_informants"], found["outreach.informant_villages"]) == (5, 1)
    assert names(daxi, "outreach.informant_villages") == ["酉水村"]
    assert values(daxi, 2026)["outreach.legal_informants"] == 5  # one left in March, one appointed in February


def test_the_minimum_per_village_is_a_setting(daxi, village, settings):
    for _ in range(3):
        LegalInformantFactory(township=daxi, village=village)
    assert values(daxi)["outreach.informant_villages"] == 1
    settings.OUTREACH_LEGAL_INFORMANTS_PER_VILLAGE = 5  # some provinces require 5
    assert values(daxi)["outreach.informant_villages"] == 0


def test_democracy_villages_hold_their_title_from_the_year_named_until_revoked(daxi, village, second_village):
    DemocracyVillageFactory(township=daxi, village=village, named_in=2019, level="county")
    DemocracyVillageFactory(township=daxi, village=village, named_in=2023, level="city")  # the same village
    DemocracyVillageFactory(township=daxi, village=second_village, named_in=2021, revoked_in=2025)
    assert values(daxi)["outreach.democracy_villages"] == 1
    assert values(daxi, 2024)["outreach.democracy_villages"] == 2
    assert values(daxi, 2018)["outreach.democracy_villages"] == 0


@pytest.mark.parametrize(("today", "quarter", "without"), [
    (D(2025, 11, 20), 4, ["酉水村"]),  # the current quarter of the current year
    (D(2025, 5, 5), 2, ["大溪社区"]),
    (D(2026, 12, 1), 4, ["酉水村"]),  # a past year: its last quarter
])
def test_villages_without_an_event_this_quarter(daxi, village, second_village, today, quarter, without):
    EventFactory(township=daxi, villages=[village], date=D(2025, 10, 1))
    EventFactory(township=daxi, villages=[second_village], date=D(2025, 6, 30))
    EventFactory(township=daxi, place="镇法治文化广场", date=D(2025, 5, 1))  # in no village
    figure = stats.figures(daxi, 2025, today=today)["outreach.villages_without_events"]
    assert (list(figure.names), figure.value, figure.query["quarter"]) == (without, len(without), str(quarter))


def test_monthly_events_and_audience(daxi, village):
    EventFactory(township=daxi, villages=[village], date=D(2025, 3, 15), audience=100)
    EventFactory(township=daxi, villages=[village], date=D(2025, 3, 16), audience=None)
    EventFactory(township=daxi, villages=[village], date=D(2025, 12, 31), audience=5)
    monthly = stats.monthly(daxi, 2025)
    assert monthly["outreach.events"][2] == 2 and monthly["outreach.events"][11] == 1
    assert monthly["outreach.audience"][2] == 100 and sum(monthly["outreach.audience"]) == 105


def test_by_village_counts_an_event_in_each_of_its_villages(daxi, village, second_village):
    EventFactory(township=daxi, villages=[village, second_village], date=D(2025, 11, 1))
    EventFactory(township=daxi, villages=[village], date=D(2025, 2, 1))
    LegalInformantFactory(township=daxi, village=village)
    rows = {row["village"]: row for row in stats.by_village(daxi, 2025, today=D(2025, 11, 20))}
    assert (rows["大溪社区"]["outreach_events"], rows["大溪社区"]["outreach_quarter"]) == (2, 1)
    assert (rows["酉水村"]["outreach_events"], rows["酉水村"]["outreach_quarter"]) == (1, 1)
    assert (rows["大溪社区"]["legal_informants"], rows["酉水村"]["legal_informants"]) == (1, 0)


def test_figures_of_many_townships_are_those_of_each(daxi, other_township, village, other_village):
    EventFactory(township=daxi, villages=[village], by_legal_adviser=True, speaker="田静")
    EventFactory(township=other_township, villages=[other_village], audience=99)
    VillageFactory(township=other_township, name="石耶村")
    batch = stats.figures_for_townships([daxi, other_township], 2025, today=TODAY)
    for township in (daxi, other_township):
        alone = stats.figures(township, 2025, today=TODAY)
        assert {k: (f.value, getattr(f, "names", ())) for k, f in batch[township.pk].items()} == \
            {k: (f.value, getattr(f, "names", ())) for k, f in alone.items()}
