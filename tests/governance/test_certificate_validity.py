"""The interface the enforcement area relies on: Certificate.objects.valid_on(date) and valid_certificate(person,
date) (《行政处罚法》第四十二条: two officers with valid certificates). The SQL and the Python rule agree at every edge."""

import datetime

import pytest

from governance import rules
from governance.models import Certificate, valid_certificate
from tests.factories import PersonFactory
from tests.governance.factories import CertificateFactory

D = datetime.date
ISSUED, UNTIL = D(2023, 4, 10), D(2025, 12, 31)


def valid_in_sql(certificate, date) -> bool:
    return Certificate.objects.valid_on(date).filter(pk=certificate.pk).exists()


@pytest.mark.parametrize(("status", "changed_on", "date", "expected"), [
    ("valid", None, D(2023, 4, 9), False),  # the day before it was issued
    ("valid", None, ISSUED, True),  # the day it was issued
    ("valid", None, UNTIL, True),  # its last day: 31 December
    ("valid", None, D(2026, 1, 1), False),  # the day after
    ("expired", None, D(2025, 6, 1), True),  # marked 过期 only because its period ended: valid within it
    ("expired", None, D(2026, 1, 1), False),
    ("cancelled", D(2025, 5, 16), D(2025, 5, 15), True),  # valid until the day before its cancellation
    ("cancelled", D(2025, 5, 16), D(2025, 5, 16), False),  # no longer on the day it was cancelled
    ("cancelled", None, D(2024, 1, 1), False),  # cancelled without a date: never valid
    ("suspended", D(2025, 9, 12), D(2025, 9, 11), True),
    ("suspended", D(2025, 9, 12), D(2025, 12, 31), False),
])
def test_a_certificate_is_valid_within_its_period_until_it_is_withdrawn(daxi, status, changed_on, date, expected):
    certificate = CertificateFactory(township=daxi, issued_on=ISSUED, valid_until=UNTIL, status=status,
                                     status_changed_on=changed_on)
    assert certificate.is_valid_on(date) is expected
    assert valid_in_sql(certificate, date) is expected


def test_valid_certificate_finds_the_persons_certificate_valid_that_day(daxi, other_township):
    officer = PersonFactory(township=daxi, name="龙文军")
    old = CertificateFactory(township=daxi, holder=officer, issued_on=D(2019, 12, 20), valid_until=D(2025, 12, 19),
                             status="expired")
    renewed = CertificateFactory(township=daxi, holder=officer, issued_on=D(2025, 12, 1), valid_until=D(2031, 11, 30))
    assert valid_certificate(officer, D(2025, 6, 1)) == old
    assert valid_certificate(officer, D(2025, 12, 10)) == renewed  # both valid: the one valid longest
    assert valid_certificate(officer, D(2019, 12, 19)) is None
    other = PersonFactory(township=other_township, name="龙文军")
    assert valid_certificate(other, D(2025, 6, 1)) is None  # another township's namesake holds nothing here


def test_a_deleted_certificate_is_not_valid(daxi):
    certificate = CertificateFactory(township=daxi)
    certificate.deleted_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    certificate.save()
    assert valid_certificate(certificate.holder, D(2025, 6, 1)) is None


def test_the_rule_reads_withdrawn_statuses_from_their_date():
    assert rules.certificate_valid_on(status="suspended", status_changed_on=D(2025, 9, 12), issued_on=ISSUED,
                                      valid_until=UNTIL, on=D(2025, 9, 11))
    assert not rules.certificate_valid_on(status="valid", status_changed_on=None, issued_on=None,
                                          valid_until=UNTIL, on=D(2025, 9, 11))
