"""Fixtures of the governance tests. The cast (townships, villages, users, client_for) is in tests/conftest.py.

    sample          sample("certificates.xlsx") → the bytes of a sheet in tests/governance/data/ (copies of the
                    reference samples)
    roster          Daxi's people the sample sheets name as leaders and chairs ({name: Person})
    as_year         as_year(user, 2025) sets the user's sticky year (what the ledger lists show)
    run_import      run_import(ledger, data, name=…, township=…, dry_run=False) → ImportOutcome, as import_ledger runs it
"""

from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data")
LEADERS = ["向桂兰", "王正权", "田维新", "陈文军"]


@pytest.fixture
def sample():
    def _sample(name: str) -> bytes:
        return (DATA / name).read_bytes()

    return _sample


@pytest.fixture
def roster(daxi):
    from tests.factories import PersonFactory

    return {name: PersonFactory(township=daxi, name=name) for name in LEADERS}


@pytest.fixture
def as_year():
    def _as_year(user, year: int):
        user.membership.year = year
        user.membership.save(update_fields=["year"])
        return user

    return _as_year


@pytest.fixture
def run_import(daxi):
    from township import areas
    from township.ledger.importer import import_sheet
    from township.sheets import parse_sheet, read_rows

    def _run(ledger: str, data: bytes, *, name="sheet.xlsx", township=None, dry_run=False, user=None):
        resource = areas.ledger(ledger).resource(township=township or daxi, user=user)
        parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), resource.required_columns())
        return import_sheet(resource, parsed, dry_run=dry_run)

    return _run
