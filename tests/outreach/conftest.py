"""Fixtures of the outreach tests. The cast (townships, villages, users, client_for) is in tests/conftest.py.

    sample           sample("outreach-events-2025.xlsx") → the bytes of a sheet in tests/outreach/data/
    daxi_villages    the six villages of Daxi the sample sheet names, the cast's two among them
    as_year          as_year(user, 2025) sets the user's sticky year (what the ledger lists show)
"""

from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data")
VILLAGE_NAMES = ["大溪社区", "酉水村", "丰联村", "兴隆村", "清泉村", "茶园村"]


@pytest.fixture
def sample():
    def _sample(name: str) -> bytes:
        return (DATA / name).read_bytes()

    return _sample


@pytest.fixture
def daxi_villages(daxi, village, second_village):
    from tests.factories import VillageFactory

    existing = {village.name: village, second_village.name: second_village}
    return {name: existing.get(name) or VillageFactory(township=daxi, name=name) for name in VILLAGE_NAMES}


@pytest.fixture
def as_year():
    def _as_year(user, year: int):
        user.membership.year = year
        user.membership.save(update_fields=["year"])
        return user

    return _as_year
