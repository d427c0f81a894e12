"""Import/export layouts of the disputes ledgers (../shared/reference/ledgers.md)."""

from disputes.resources.dispute import DisputeResource
from disputes.resources.network import (
    ConsultationResource,
    LegalAdviserResource,
    MediationCommitteeResource,
    MediatorResource,
)
from disputes.resources.petition import PetitionResource

__all__ = [
    "ConsultationResource",
    "DisputeResource",
    "LegalAdviserResource",
    "MediationCommitteeResource",
    "MediatorResource",
    "PetitionResource",
]
