"""The governance app's records (report parts 一(一) and 一(二)).

``Certificate`` and ``valid_certificate`` are the interface the enforcement area relies on (行政处罚法
Art. 42: two officers holding valid enforcement certificates).
"""

from governance.models.certificates import Certificate, CertificateQuerySet, valid_certificate, valid_on_q
from governance.models.leadership import (
    KeyTask,
    LawReport,
    LeadingGroupMember,
    Meeting,
    MeetingIssue,
    due_alert_q,
)
from governance.models.study import ExamResult, LawExam, LegalRecruit, Training

__all__ = [
    "Certificate",
    "CertificateQuerySet",
    "ExamResult",
    "KeyTask",
    "LawExam",
    "LawReport",
    "LeadingGroupMember",
    "LegalRecruit",
    "Meeting",
    "MeetingIssue",
    "Training",
    "due_alert_q",
    "valid_certificate",
    "valid_on_q",
]
