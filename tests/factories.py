"""factory_boy factories for the core records: townships, villages, people and users with a role.

Every app's tests build their data with these (DESIGN.md §9: factories, never the demo loader).

    VillageFactory(township=daxi)                        a village of Daxi
    PersonFactory(township=daxi, village=village)        a person on Daxi's roster
    UserFactory(role=Role.CLERK, township=daxi, areas=["disputes"])
        a user with a Membership; the keyword arguments after `role` go to the membership
        (township, county, village, areas, year, current_township).
"""

import factory
from django.contrib.auth import get_user_model

from township.models import County, Membership, Person, Township, Village

PASSWORD = "Daxi@2025"  # every factory user's password, the same as the demo's


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"county{n}")
    name = factory.Sequence(lambda n: f"第{n}县")


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"town{n}")
    name = factory.Sequence(lambda n: f"第{n}镇")
    county = factory.SubFactory(CountyFactory)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"第{n}村")
    kind = Village.Kind.VILLAGE
    group_count = 5
    grid_count = 3
    households = 400
    population = 1500


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"人员{n}")
    gender = Person.Gender.MALE
    unit = "镇政府"
    position = "干事"
    kind = Person.Kind.TOWNSHIP_CADRE
    political_status = Person.PoliticalStatus.PARTY_MEMBER
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user; with `role=...` also their Membership (the rest of the keywords go to it)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password(PASSWORD)

    @classmethod
    def _create(cls, model_class, *args, role=None, township=None, county=None, village=None, areas=None,
                year=None, current_township=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role is not None:
            Membership.objects.update_or_create(
                user=user,
                defaults={
                    "role": role, "township": township, "county": county, "village": village,
                    "areas": list(areas or []), "year": year, "current_township": current_township,
                },
            )
        return user



# Every app's factories module declares LEDGER_FACTORIES: ledger slug → make(township, village) returning a saved
# record of that ledger in that village (where the ledger has a village). tests/test_registry.py runs every
# registered ledger through the access matrix, its pages, its query counts and an export → import round trip.
LEDGER_FACTORIES = {
    "villages": lambda township, village: village,
    "people": lambda township, village: PersonFactory(township=township, village=village),
}
