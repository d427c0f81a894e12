"""factory_boy factories for the outreach app's records (the core's are in tests/factories.py).

    EventFactory(township=daxi, villages=[village])     an event of 2025 in those villages (none: 镇法治文化广场)
    OccasionFactory, OnlinePostFactory, VenueFactory, LegalInformantFactory, OnsiteServiceFactory,
    DemocracyVillageFactory                             one record each, of the township given
"""

import datetime

import factory

from outreach.models import DemocracyVillage, Event, LegalInformant, Occasion, OnlinePost, OnsiteService, Venue
from tests.factories import PersonFactory, TownshipFactory, VillageFactory


class OccasionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occasion

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"宣传日{n}")
    month = 7
    day = factory.Sequence(lambda n: 1 + n % 28)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 3, 15)
    title = factory.Sequence(lambda n: f"普法宣传活动{n}")
    occasion_other = "法律进村"
    kind = Event.Kind.CAMPAIGN
    place = ""
    target_groups = factory.LazyFunction(lambda: [Event.TargetGroup.PUBLIC])
    speaker = "镇司法所"
    materials = 10
    audience = 20

    @factory.post_generation
    def villages(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted:
            self.villages.set(extracted)
        elif not self.place:
            self.place = "镇法治文化广场"
            self.save(update_fields=["place"])


class OnlinePostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnlinePost

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 4, 1)
    channel = OnlinePost.Channel.WECHAT_ACCOUNT
    title = factory.Sequence(lambda n: f"普法推送{n}")
    reads = 100


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"法治书屋{n}")
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    kind = Venue.Kind.LIBRARY
    upgraded_on = datetime.date(2025, 5, 1)


class LegalInformantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalInformant

    township = factory.SubFactory(TownshipFactory)
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    person = factory.SubFactory(PersonFactory, township=factory.SelfAttribute("..township"),
                                village=factory.SelfAttribute("..village"))
    category = LegalInformant.Category.VILLAGER
    appointed_on = datetime.date(2023, 3, 1)


class OnsiteServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnsiteService

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 6, 1)
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    provider_kind = OnsiteService.Provider.LAWYER
    provider_name = factory.Sequence(lambda n: f"律师{n}")
    service = "法律咨询"
    people_served = 10


class DemocracyVillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemocracyVillage

    township = factory.SubFactory(TownshipFactory)
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    level = DemocracyVillage.Level.COUNTY
    named_in = 2021


#: a maker of one record of each outreach ledger, in a village of a township (tests/test_registry.py)
LEDGER_FACTORIES = {
    "outreach_events": lambda township, village: EventFactory(township=township, villages=[village]),
    "outreach_occasions": lambda township, village: OccasionFactory(township=township),
    "outreach_posts": lambda township, village: OnlinePostFactory(township=township),
    "outreach_venues": lambda township, village: VenueFactory(township=township, village=village),
    "legal_informants": lambda township, village: LegalInformantFactory(township=township, village=village),
    "onsite_services": lambda township, village: OnsiteServiceFactory(township=township, village=village),
    "democracy_villages": lambda township, village: DemocracyVillageFactory(township=township, village=village),
}
