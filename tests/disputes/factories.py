"""factory_boy factories for the disputes app's records (the core's are in tests/factories.py)."""

import datetime

import factory

from disputes import rules
from disputes.models import Consultation, Dispute, LegalAdviser, MediationCommittee, Mediator, Petition
from tests.factories import PersonFactory, TownshipFactory, VillageFactory
from township.personal import id_number_check_digit


def id_number(n: int) -> str:
    body = f"500241198{n % 10}0{1 + n % 9}1{n % 9}{100 + n % 900:03d}"
    return body + id_number_check_digit(body)


class DisputeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dispute

    township = factory.SubFactory(TownshipFactory)
    number = factory.Sequence(lambda n: f"TJ-2025-{n:04d}")
    registered_on = datetime.date(2025, 3, 3)
    source = rules.DisputeSource.FOUND
    category = rules.DisputeType.NEIGHBOURS
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    party_name = factory.Sequence(lambda n: f"当事人{n}")
    party_phone = factory.Sequence(lambda n: f"138{n:08d}")
    party_id_number = factory.Sequence(id_number)
    other_party = "对方"
    summary = "因排水问题发生争执"
    status = rules.DISPUTE_REGISTERED

    class Params:
        mediated = factory.Trait(
            status=rules.DISPUTE_SUCCEEDED,
            mediation_started_on=factory.SelfAttribute("registered_on"),
            closed_on=factory.LazyAttribute(lambda o: o.registered_on + datetime.timedelta(days=10)),
            agreement_form=rules.AGREEMENT_WRITTEN,
            agreement_terms="双方各自后退半米，共同修建排水沟。",
        )


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    township = factory.SubFactory(TownshipFactory)
    number = factory.Sequence(lambda n: f"XF-2025-{n:04d}")
    received_on = datetime.date(2025, 3, 3)
    channel = rules.CHANNEL_VISIT
    petitioner_name = factory.Sequence(lambda n: f"信访人{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    content = "反映饮水工程供水不稳定问题"
    category = rules.PetitionCategory.LIVELIHOOD

    class Params:
        accepted = factory.Trait(
            acceptance=rules.PETITION_ACCEPTED,
            accepted_on=factory.LazyAttribute(lambda o: o.received_on + datetime.timedelta(days=3)),
            notice_on=factory.LazyAttribute(lambda o: o.received_on + datetime.timedelta(days=4)),
        )
        closed = factory.Trait(
            accepted=True,
            closed_on=factory.LazyAttribute(lambda o: o.received_on + datetime.timedelta(days=40)),
            reply_number=factory.Sequence(lambda n: f"信复〔2025〕{n}号"),
            satisfaction=rules.SATISFIED,
        )


class MediatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mediator

    township = factory.SubFactory(TownshipFactory)
    person = factory.SubFactory(PersonFactory, township=factory.SelfAttribute("..township"))
    level = Mediator.Level.TOWNSHIP
    kind = Mediator.Kind.PART_TIME


class MediationCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediationCommittee

    township = factory.SubFactory(TownshipFactory)
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    name = factory.LazyAttribute(lambda o: f"{o.village.name}人民调解委员会")


class LegalAdviserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalAdviser
        skip_postgeneration_save = True

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"律师{n}")
    law_firm = "重庆渝东律师事务所"
    contract_start = datetime.date(2025, 1, 1)
    contract_end = datetime.date(2025, 12, 31)

    @factory.post_generation
    def villages(self, create, extracted, **kwargs):
        if create and extracted:
            self.villages.set(extracted)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    township = factory.SubFactory(TownshipFactory)
    date = datetime.date(2025, 5, 12)
    village = factory.SubFactory(VillageFactory, township=factory.SelfAttribute("..township"))
    topic = factory.Sequence(lambda n: f"法律咨询事项{n}")
    people_served = 2


# ledger slug → make(township, village): a saved record of the ledger in that village (tests/test_registry.py)
LEDGER_FACTORIES = {
    "disputes": lambda township, village: DisputeFactory(township=township, village=village),
    "petitions": lambda township, village: PetitionFactory(township=township, village=village),
    "mediators": lambda township, village: MediatorFactory(
        township=township, level=Mediator.Level.VILLAGE, village=village, person__village=village),
    "committees": lambda township, village: MediationCommitteeFactory(township=township, village=village),
    "advisers": lambda township, village: LegalAdviserFactory(township=township, villages=[village]),
    "consultations": lambda township, village: ConsultationFactory(township=township, village=village),
}
