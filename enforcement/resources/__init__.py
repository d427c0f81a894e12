"""Import/export layouts of the enforcement ledgers (../shared/reference/ledgers.md)."""

from enforcement.resources.case import CaseResource
from enforcement.resources.programme import (
    CampaignResource,
    EquipmentResource,
    LegalityReviewResource,
    MajorDecisionResource,
    RecordingResource,
    SatisfactionSurveyResource,
    ViolationTypeResource,
)

__all__ = [
    "CampaignResource",
    "CaseResource",
    "EquipmentResource",
    "LegalityReviewResource",
    "MajorDecisionResource",
    "RecordingResource",
    "SatisfactionSurveyResource",
    "ViolationTypeResource",
]
