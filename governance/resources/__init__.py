"""Import/export layouts of the governance ledgers (../shared/reference/ledgers.md)."""

from governance.resources.certificates import CertificateResource
from governance.resources.leadership import (
    KeyTaskResource,
    LawReportResource,
    LeadingGroupMemberResource,
    MeetingIssueResource,
    MeetingResource,
)
from governance.resources.study import ExamResultResource, LawExamResource, LegalRecruitResource, TrainingResource

__all__ = [
    "CertificateResource",
    "ExamResultResource",
    "KeyTaskResource",
    "LawExamResource",
    "LawReportResource",
    "LeadingGroupMemberResource",
    "LegalRecruitResource",
    "MeetingIssueResource",
    "MeetingResource",
    "TrainingResource",
]
