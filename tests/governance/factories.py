"""factory_boy factories for the governance app's records (the core's are in tests/factories.py)."""

import datetime

import factory

from governance.models import Certificate
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
