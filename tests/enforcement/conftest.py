"""Fixtures of the enforcement tests. The cast (townships, villages, users, client_for) is in tests/conftest.py.

    roster          the people and certificates of certificates.xlsx in Daxi: {name: Person}; 陈文军's expired on
                    2025-12-19, 杨志强's cancelled on 2025-05-20 (as governance's ledger would hold them)
    officers        two of them, 龙文军 and 刘桂兰, valid 2021-06-30 … 2027-06-29
    sample          sample("enforcement-cases-2025.xlsx") → the bytes of a sheet in tests/enforcement/data/
    as_year         as_year(user, 2025) sets the user's sticky year
"""

import datetime
from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data")
D = datetime.date

# name, unit, number, issued, valid until, status, status date — certificates.xlsx
SAMPLE_CERTIFICATES = [
    ("龙文军", "镇综合行政执法大队", "渝执500241001231", D(2021, 6, 30), D(2027, 6, 29), "valid", None),
    ("刘桂兰", "镇综合行政执法大队", "渝执500241001232", D(2021, 6, 30), D(2027, 6, 29), "valid", None),
    ("陈文军", "镇司法所", "渝执500241000876", D(2019, 12, 20), D(2025, 12, 19), "expired", None),
    ("田维新", "镇政府", "渝执500241001408", D(2023, 4, 10), D(2029, 4, 9), "valid", None),
    ("冉家富", "镇综合行政执法大队", "渝执500241001409", D(2023, 4, 10), D(2029, 4, 9), "valid", None),
    ("杨志强", "镇综合行政执法大队", "渝执500241001102", D(2022, 3, 1), D(2028, 2, 29), "cancelled", D(2025, 5, 20)),
    ("吴小燕", "镇综合行政执法大队", "渝执500241001715", D(2025, 10, 15), D(2031, 10, 14), "valid", None),
    ("张海", "镇综合行政执法大队", "渝执500241001716", D(2025, 10, 15), D(2031, 10, 14), "valid", None),
]


@pytest.fixture
def roster(daxi):
    from tests.factories import PersonFactory
    from tests.governance.factories import CertificateFactory

    people = {}
    for name, unit, number, issued, until, status, changed in SAMPLE_CERTIFICATES:
        people[name] = PersonFactory(township=daxi, name=name, unit=unit)
        CertificateFactory(township=daxi, holder=people[name], number=number, issued_on=issued, valid_until=until,
                           status=status, status_changed_on=changed)
    return people


@pytest.fixture
def officers(roster):
    return [roster["龙文军"], roster["刘桂兰"]]


@pytest.fixture
def sample():
    def _sample(name: str) -> bytes:
        return (DATA / name).read_bytes()

    return _sample


@pytest.fixture
def as_year():
    def _as_year(user, year: int):
        user.membership.year = year
        user.membership.save(update_fields=["year"])
        return user

    return _as_year
