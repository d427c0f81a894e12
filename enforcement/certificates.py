"""The enforcement area's one door to governance: who held a valid enforcement certificate on which day
(《行政处罚法》第四十二条). Validity itself is governance's (Certificate.is_valid_on, valid_on_q)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from governance.models import Certificate, valid_on_q

__all__ = ["Certificate", "CertificateBook", "valid_on_q"]


class CertificateBook:
    """The certificates of some people, read in one query, answering "valid on that day?" without another.

    valid(person, day) picks the certificate valid longest when several are, as governance.valid_certificate
    does, so that the number printed beside an officer is the same everywhere."""

    def __init__(self, certificates: Iterable[Certificate]):
        self._by_holder: dict[int, list[Certificate]] = defaultdict(list)
        for certificate in certificates:
            self._by_holder[certificate.holder_id].append(certificate)
        for found in self._by_holder.values():
            found.sort(key=lambda c: (c.valid_until, c.issued_on, c.pk), reverse=True)

    @classmethod
    def of(cls, people) -> CertificateBook:
        ids = {getattr(person, "pk", person) for person in people}
        return cls(Certificate.objects.filter(holder_id__in=ids) if ids else [])

    @classmethod
    def of_township(cls, township) -> CertificateBook:
        return cls(Certificate.objects.filter(township=township).select_related("holder"))

    def valid(self, person, day: datetime.date | None) -> Certificate | None:
        if person is None or day is None:
            return None
        holder_id = getattr(person, "pk", person)
        return next((c for c in self._by_holder.get(holder_id, []) if c.is_valid_on(day)), None)

    def certified(self, person, day: datetime.date | None) -> bool:
        return self.valid(person, day) is not None

    def number_on(self, person, day: datetime.date | None) -> str:
        """The certificate number an officer acted under that day; else their latest certificate's number."""
        certificate = self.valid(person, day)
        if certificate is None:
            held = self._by_holder.get(getattr(person, "pk", person), [])
            certificate = held[0] if held else None
        return certificate.number if certificate is not None else ""

    def by_number(self) -> dict[str, Certificate]:
        return {certificate.number: certificate for found in self._by_holder.values() for certificate in found}


def certified_steps(cases, book: CertificateBook) -> tuple[int, int]:
    """(steps whose officers — at least two — all held a certificate valid that day, steps recorded) of the
    cases (figures.md row 13: 持证上岗、亮证执法)."""
    certified = total = 0
    for case in cases:
        officers = list(case.officers.all())
        for _step, day in case.step_dates():
            total += 1
            if len(officers) >= 2 and all(book.certified(person, day) for person in officers):
                certified += 1
    return certified, total
