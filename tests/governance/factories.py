"""factory_boy factories for the governance app's records (the core's are in tests/factories.py)."""

import datetime
from decimal import Decimal

import factory

from governance.models import Certificate, ExamResult, KeyTask, LawExam, Meeting, MeetingIssue, Training
from tests.factories import PersonFactory, TownshipFactory


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    township = factory.SubFactory(TownshipFactory)
    holder = factory.SubFactory(PersonFactory, township=factory.SelfAttribute("..township"))
    number = factory.Sequence(lambda n: f"渝执500241{n:06d}")
    category = "综合行政执法"
    issuing_authority = "重庆市人民政府"
    issued_on = datetime.date(2023, 4, 10)
    valid_until = datetime.date(2029, 4, 9)
    status = Certificate.Status.VALID


class KeyTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyTask

    township = factory.SubFactory(TownshipFactory)
    year = 2025
    title = factory.Sequence(lambda n: f"重点任务{n}")
    due_on = datetime.date(2025, 6, 30)
    status = KeyTask.Status.IN_PROGRESS


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 4, 24)
    title = factory.Sequence(lambda n: f"镇党委2025年第{n}次会议")
    kind = Meeting.Kind.PARTY_SESSION


class MeetingIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingIssue

    township = factory.SubFactory(TownshipFactory)
    meeting = factory.SubFactory(MeetingFactory, township=factory.SelfAttribute("..township"))
    description = factory.Sequence(lambda n: f"问题{n}")
    category = MeetingIssue.Category.PUBLICITY


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 5, 22)
    title = factory.Sequence(lambda n: f"法治专题培训{n}")
    kind = Training.Kind.LAW_TRAINING
    hours = Decimal(3)
    headcount = None

    @factory.post_generation
    def attendees(self, create, people, **kwargs):
        if create and people:
            self.attendees.set(people)
        if create and self.headcount is None:
            self.headcount = len(people or [])
            self.save(update_fields=["headcount"])


class LawExamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LawExam

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 11, 12)
    title = factory.Sequence(lambda n: f"2025年度学法考法{n}")


class ExamResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamResult

    township = factory.SubFactory(TownshipFactory)
    exam = factory.SubFactory(LawExamFactory, township=factory.SelfAttribute("..township"))
    person = factory.SubFactory(PersonFactory, township=factory.SelfAttribute("..township"))
    took = True
    score = Decimal(85)
    passed = True


def _leading_member(township):
    from governance.models import LeadingGroupMember

    return LeadingGroupMember.objects.create(township=township, year=2025, person=PersonFactory(township=township))


def _law_report(township):
    from governance.models import LawReport

    return LawReport.objects.create(township=township, date=datetime.date(2025, 12, 10),
                                    person=PersonFactory(township=township), capacity=LawReport.Capacity.values[0],
                                    occasion="县委依法治县办述法评议会")


def _legal_recruit(township):
    from governance.models import LegalRecruit

    return LegalRecruit.objects.create(township=township, person=PersonFactory(township=township, legal_background=True),
                                       joined_on=datetime.date(2025, 7, 1))


# ledger slug → make(township, village): a saved record of the ledger (tests/test_registry.py); none of these
# ledgers belongs to a village
LEDGER_FACTORIES = {
    "key-tasks": lambda township, village: KeyTaskFactory(township=township),
    "leading-group": lambda township, village: _leading_member(township),
    "law-reports": lambda township, village: _law_report(township),
    "meetings": lambda township, village: MeetingFactory(township=township),
    "meeting-issues": lambda township, village: MeetingIssueFactory(township=township),
    "trainings": lambda township, village: TrainingFactory(township=township, attendees=[PersonFactory(township=township)]),
    "law-exams": lambda township, village: LawExamFactory(township=township),
    "exam-results": lambda township, village: ExamResultFactory(township=township),
    "certificates": lambda township, village: CertificateFactory(township=township),
    "legal-recruits": lambda township, village: _legal_recruit(township),
}
