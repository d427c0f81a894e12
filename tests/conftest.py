"""The cast every test can use, built fresh for each test with the factories in tests/factories.py.

    county              秀山土家族苗族自治县 (code "xiushan")
    daxi                大溪镇 (code "daxi"), in `county`
    other_township      石耶镇 (code "other"), in the same county: the "other tenant"
    village             大溪社区, a community of Daxi: the village clerk's own village
    second_village      酉水村, another village of Daxi (the village clerk may not see it)
    other_village       a village of the other township
    person              a person on Daxi's roster living in `village`
    other_person        a person on the other township's roster

    admin_user          role admin of Daxi (username "admin")
    clerk_user          role clerk of Daxi, areas governance / enforcement / disputes / outreach ("clerk")
    village_clerk_user  role village clerk of Daxi, village = `village` ("village")
    leader_user         role leader of Daxi ("leader")
    county_user         role county viewer of `county` (sees daxi and other; "county")
    other_admin_user    role admin of the other township ("other_admin")
    users               {"admin", "clerk", "village_clerk", "leader", "county", "other_admin"} → user
    cast                all of the above as attributes (cast.daxi, cast.users["leader"], …)

    as_year(user, 2025) sets the user's sticky year (what the ledger lists show), returns the user
    client_for(user)    a django.test.Client logged in as `user` (force_login: axes needs a request to
                        authenticate); client_for(None) is an anonymous client. Extra keyword arguments go
                        to Client (e.g. enforce_csrf_checks=True).

Every user's password is tests.factories.PASSWORD ("Daxi@2025", as in the demo). A test that uploads
attachments or imports sheets should ask for `media_root` (MEDIA_ROOT in a temporary folder).
"""

from types import SimpleNamespace

import pytest
from django.test import Client

# The models are imported inside the fixtures: test folders that run without a database (tests/reports
# can run with -p no:django) must still be able to load this file.


@pytest.fixture
def county(db):
    from tests.factories import CountyFactory

    return CountyFactory(code="xiushan", name="秀山土家族苗族自治县")


@pytest.fixture
def daxi(county):
    from tests.factories import TownshipFactory

    return TownshipFactory(code="daxi", name="大溪镇", county=county)


@pytest.fixture
def other_township(county):
    from tests.factories import TownshipFactory

    return TownshipFactory(code="other", name="石耶镇", county=county)


@pytest.fixture
def village(daxi):
    from tests.factories import VillageFactory
    from township.models import Village

    return VillageFactory(
        township=daxi, name="大溪社区", kind=Village.Kind.COMMUNITY, households=607, population=4758
    )


@pytest.fixture
def second_village(daxi):
    from tests.factories import VillageFactory

    return VillageFactory(township=daxi, name="酉水村", households=650, population=1736)


@pytest.fixture
def other_village(other_township):
    from tests.factories import VillageFactory

    return VillageFactory(township=other_township, name="石耶社区")


@pytest.fixture
def person(daxi, village):
    from tests.factories import PersonFactory

    return PersonFactory(
        township=daxi, village=village, name="彭海波", unit="大溪社区", position="党支部书记"
    )


@pytest.fixture
def other_person(other_township, other_village):
    from tests.factories import PersonFactory

    return PersonFactory(township=other_township, village=other_village, name="石耶人员")


@pytest.fixture
def admin_user(daxi):
    from tests.factories import UserFactory
    from township.models import Role

    return UserFactory(username="admin", first_name="李海波", role=Role.ADMIN, township=daxi)


@pytest.fixture
def clerk_user(daxi):
    from tests.factories import UserFactory
    from township.models import Role

    areas = ["governance", "enforcement", "disputes", "outreach"]

    return UserFactory(
        username="clerk", first_name="石佳慧", role=Role.CLERK, township=daxi, areas=areas
    )


@pytest.fixture
def village_clerk_user(daxi, village):
    from tests.factories import UserFactory
    from township.models import Role

    return UserFactory(
        username="village", first_name="吴建华", role=Role.VILLAGE_CLERK, township=daxi, village=village
    )


@pytest.fixture
def leader_user(daxi):
    from tests.factories import UserFactory
    from township.models import Role

    return UserFactory(username="leader", first_name="向桂兰", role=Role.LEADER, township=daxi)


@pytest.fixture
def county_user(county, daxi, other_township):
    from tests.factories import UserFactory
    from township.models import Role

    return UserFactory(username="county", first_name="县司法局", role=Role.COUNTY, county=county)


@pytest.fixture
def other_admin_user(other_township):
    from tests.factories import UserFactory
    from township.models import Role

    return UserFactory(
        username="other_admin", first_name="石耶管理员", role=Role.ADMIN, township=other_township
    )


@pytest.fixture
def users(admin_user, clerk_user, village_clerk_user, leader_user, county_user, other_admin_user):
    return {
        "admin": admin_user,
        "clerk": clerk_user,
        "village_clerk": village_clerk_user,
        "leader": leader_user,
        "county": county_user,
        "other_admin": other_admin_user,
    }


@pytest.fixture
def cast(county, daxi, other_township, village, second_village, other_village, person, other_person, users):
    return SimpleNamespace(
        county=county, daxi=daxi, other_township=other_township,
        village=village, second_village=second_village, other_village=other_village,
        person=person, other_person=other_person, users=users,
        **{f"{name}_user": user for name, user in users.items()},
    )


@pytest.fixture
def client_for(db):
    """client_for(user) → a test Client logged in as user; client_for(None) → anonymous."""

    def _client_for(user=None, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _client_for


@pytest.fixture
def media_root(settings, tmp_path):
    """MEDIA_ROOT (attachments, pending imports) in a temporary folder of this test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def as_year():
    def _as_year(user, year: int):
        user.membership.year = year
        user.membership.save(update_fields=["year"])
        return user

    return _as_year


@pytest.fixture
def uncached(settings):
    """No figures cache (township.cache): for tests that count the queries of computing a page afresh."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
