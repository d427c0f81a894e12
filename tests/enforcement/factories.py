"""factory_boy factories of the enforcement records (the core's are in tests/factories.py, certificates in
tests/governance/factories.py).

    CaseFactory(township=daxi, officers=[a, b])   a decided, served, published case of 2025 (a fine of ¥3,000)
    OpenCaseFactory(...)                         a case filed, nothing decided yet
"""

import datetime
from decimal import Decimal

import factory

from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    Recording,
    SatisfactionSurvey,
    ViolationType,
)
from tests.factories import TownshipFactory

D = datetime.date


def category(township, name="违法建设"):
    ViolationType.ensure_defaults(township)
    return ViolationType.objects.get(township=township, name=name)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementCase
        skip_postgeneration_save = True

    township = factory.SubFactory(TownshipFactory)
    number = factory.Sequence(lambda n: f"大溪综执立〔2025〕{n + 100}号")
    cause = "未取得乡村建设规划许可证建房"
    category = factory.LazyAttribute(lambda o: category(o.township))
    party_kind = EnforcementCase.PartyKind.PERSON
    party_name = "彭正权"
    filed_on = D(2025, 3, 3)
    notice_on = D(2025, 3, 20)
    decided_on = D(2025, 3, 31)
    decision_kind = EnforcementCase.DecisionKind.FINE
    amount = Decimal("3000")
    decision_number = factory.Sequence(lambda n: f"大溪综执罚〔2025〕{n + 100}号")
    served_on = D(2025, 4, 2)
    published_on = D(2025, 4, 3)
    paid_on = D(2025, 4, 10)
    closed_on = D(2025, 4, 28)

    @factory.post_generation
    def officers(self, create, extracted, **kwargs):
        if create and extracted:
            self.officers.set(extracted)


class OpenCaseFactory(CaseFactory):
    notice_on = None
    decided_on = None
    decision_kind = ""
    amount = None
    decision_number = ""
    served_on = None
    published_on = None
    paid_on = None
    closed_on = None


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"专项执法行动{n}")
    focus = factory.LazyAttribute(lambda o: category(o.township, "非法焚烧"))
    start_on = D(2025, 3, 1)
    end_on = D(2025, 4, 30)


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    township = factory.SubFactory(TownshipFactory)
    number = factory.Sequence(lambda n: f"JLY-{n:02d}")
    kind = Equipment.Kind.BODY_CAMERA
    acquired_on = D(2023, 6, 1)


class RecordingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recording

    township = factory.SelfAttribute("case.township")
    case = factory.SubFactory(CaseFactory)
    step = Recording.Step.INVESTIGATION
    date = factory.SelfAttribute("case.filed_on")


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatisfactionSurvey

    township = factory.SubFactory(TownshipFactory)
    date = D(2025, 6, 20)
    title = factory.Sequence(lambda n: f"行政执法满意度测评{n}")
    surveyed = 100
    satisfied = 90
    basically_satisfied = 8
    dissatisfied = 2


class MajorDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MajorDecision

    township = factory.SubFactory(TownshipFactory)
    catalogue_year = 2025
    title = factory.Sequence(lambda n: f"重大行政决策事项{n}")
    comment_start_on = D(2025, 3, 10)
    comment_end_on = D(2025, 4, 10)
    review_submitted_on = D(2025, 4, 22)
    reviewer = "judicial_office"
    review_on = D(2025, 5, 6)
    review_result = "lawful"
    meeting_on = D(2025, 5, 12)
    meeting_name = "镇政府常务会议"
    decided_on = D(2025, 5, 12)
    published_on = D(2025, 5, 16)


class LegalityReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalityReview

    township = factory.SubFactory(TownshipFactory)
    title = factory.Sequence(lambda n: f"《管理办法》第{n}号")
    submitted_on = D(2025, 3, 3)
    completed_on = D(2025, 3, 12)
    opinion = "lawful"


def certified_officers(township) -> list:
    """Two people of the township's roster with certificates valid through the cases' dates."""
    from tests.governance.factories import CertificateFactory

    return [CertificateFactory(township=township).holder for _ in range(2)]


def violation_type(township):
    ViolationType.ensure_defaults(township)
    return ViolationType.objects.create(township=township, name=f"其他类别{ViolationType.all_objects.count()}")


# ledger slug → make(township, village): a saved record of the ledger (tests/test_registry.py); none of these
# ledgers belongs to a village
LEDGER_FACTORIES = {
    "cases": lambda township, village: CaseFactory(township=township, officers=certified_officers(township)),
    "campaigns": lambda township, village: CampaignFactory(township=township),
    "equipment": lambda township, village: EquipmentFactory(township=township),
    "recordings": lambda township, village: RecordingFactory(
        case=CaseFactory(township=township, officers=certified_officers(township))),
    "surveys": lambda township, village: SurveyFactory(township=township),
    "major_decisions": lambda township, village: MajorDecisionFactory(township=township),
    "legality_reviews": lambda township, village: LegalityReviewFactory(township=township),
    "violation_types": lambda township, village: violation_type(township),
}
