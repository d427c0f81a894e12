"""The disputes app's records: disputes, petitions, the mediation network, legal advisers, consultations."""

from disputes.models.dispute import (
    Dispute,
    DisputeQuerySet,
    dispute_alert_q,
    dispute_deadline_alert_qs,
)
from disputes.models.network import Consultation, LegalAdviser, MediationCommittee, Mediator, contracts_in
from disputes.models.petition import (
    CLOSING_CHOICES,
    CLOSING_DUE,
    CLOSING_ON_TIME,
    Petition,
    PetitionQuerySet,
    closing_q,
    petition_alert_q,
    petition_deadline_alert_qs,
)

__all__ = [
    "CLOSING_CHOICES",
    "CLOSING_DUE",
    "CLOSING_ON_TIME",
    "Consultation",
    "Dispute",
    "DisputeQuerySet",
    "LegalAdviser",
    "MediationCommittee",
    "Mediator",
    "Petition",
    "PetitionQuerySet",
    "closing_q",
    "contracts_in",
    "dispute_alert_q",
    "dispute_deadline_alert_qs",
    "petition_alert_q",
    "petition_deadline_alert_qs",
]
