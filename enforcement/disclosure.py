"""What the public disclosure page (行政执法公示, 国办发〔2018〕118号) shows: the township's enforcement officers
and its published decisions, as plain rows, so that no template ever holds a record with personal fields.

A natural person appears by surname only (彭某某), an organisation by its name; the cause is printed with the
party's name, ID numbers and phone numbers taken out. A decision appears once published and leaves the page
after ENFORCEMENT_DISCLOSURE_YEARS (5) years, ENFORCEMENT_DISCLOSURE_PERSON_YEARS (2) for a natural person,
or as soon as a reconsideration or a court changes, revokes or finds it unlawful (《行政处罚法》第四十八条).
"""

import datetime
import re

from django.conf import settings

from enforcement import rules
from enforcement.certificates import Certificate
from enforcement.models import EnforcementCase

Case = EnforcementCase
ID_OR_CODE = re.compile(r"[0-9A-Za-z]{15,18}")
PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")


def retention_years() -> tuple[int, int]:
    """(years a decision stays on the page, years for a natural person): settings, 5 and 2 by default."""
    return (int(getattr(settings, "ENFORCEMENT_DISCLOSURE_YEARS", 5)),
            int(getattr(settings, "ENFORCEMENT_DISCLOSURE_PERSON_YEARS", 2)))


def public_party(case) -> str:
    return rules.surname_only(case.party_name) if case.natural_person else case.party_name


def public_cause(case) -> str:
    """The cause without the party's name, ID numbers, credit codes or phone numbers, should a clerk have typed them."""
    text = case.cause or ""
    if case.natural_person and case.party_name.strip():
        text = text.replace(case.party_name.strip(), rules.surname_only(case.party_name))
    text = ID_OR_CODE.sub("＊", text)
    return PHONE.sub("＊", text)


def public_decision(case) -> str:
    """The decision from its kind, amount and correction order only (the free-text wording may name people)."""
    text = case.get_decision_kind_display()
    if case.decision_kind in (Case.DecisionKind.FINE, Case.DecisionKind.CONFISCATION) and case.amount:
        text += rules.yuan(case.amount) + "元"
    if case.correction_ordered and case.decision_kind != Case.DecisionKind.CORRECTION:
        text += "；责令改正"
    return text


def published_decisions(township, today: datetime.date) -> list[dict]:
    """The township's decisions on the public page today, newest first."""
    years, person_years = retention_years()
    earliest = today - datetime.timedelta(days=366 * max(years, person_years) + 1)  # narrowed in SQL, decided below
    cases = (
        Case.objects.filter(township=township, published_on__isnull=False, published_on__lte=today,
                            published_on__gte=earliest, decided_on__isnull=False)
        .exclude(decision_kind__in=["", Case.DecisionKind.WITHDRAWN])
        .exclude(reconsideration_outcome__in=Case.OVERTURNED).exclude(litigation_outcome__in=Case.OVERTURNED)
        .select_related("category").order_by("-published_on", "-decided_on", "-id")
    )
    rows = []
    for case in cases:
        ends = rules.disclosure_ends(case.published_on, case.natural_person, years=years, person_years=person_years)
        if today >= ends:
            continue
        rows.append({
            "number": case.decision_number, "cause": public_cause(case), "category": case.category.name,
            "party": public_party(case), "party_kind": case.get_party_kind_display(),
            "decision": public_decision(case), "decided_on": case.decided_on, "published_on": case.published_on,
        })
    return rows


def officers(township, today: datetime.date) -> list[dict]:
    """Officers holding a certificate valid today: name, certificate number, category — nothing else."""
    found = {}
    certificates = (Certificate.objects.filter(township=township, holder__deleted_at__isnull=True).valid_on(today)
                    .select_related("holder").order_by("holder__name", "-valid_until", "-id"))
    for certificate in certificates:
        found.setdefault(certificate.holder_id, {
            "name": certificate.holder.name, "number": certificate.number, "category": certificate.category,
        })
    return list(found.values())
