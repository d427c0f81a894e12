"""The enforcement area's records: cases, violation categories, campaigns, equipment and recordings, surveys,
major decisions and legality reviews."""

from enforcement.models.case import CaseQuerySet, EnforcementCase, ViolationType, next_case_number, running_q
from enforcement.models.decisions import LegalityReview, MajorDecision, Opinion, Reviewer
from enforcement.models.programme import (
    Campaign,
    Equipment,
    Recording,
    SatisfactionSurvey,
    campaigns_in,
    in_service_on,
)

__all__ = [
    "Campaign",
    "CaseQuerySet",
    "EnforcementCase",
    "Equipment",
    "LegalityReview",
    "MajorDecision",
    "Opinion",
    "Recording",
    "Reviewer",
    "SatisfactionSurvey",
    "ViolationType",
    "campaigns_in",
    "in_service_on",
    "next_case_number",
    "running_q",
]
