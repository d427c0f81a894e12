"""The demo reproduces report part 一(四) for Daxi 2025 (figures.md rows 18, 20-24) as the portal computes it."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import ExtractMonth

from disputes import stats
from disputes.models import Dispute, MediationCommittee, Mediator, Petition
from township.models import Township


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module (read-only tests), removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("load_demo", stdout=io.StringIO())
        yield Township.objects.get(code="daxi")
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def figures(demo, db):
    return stats.figures(demo, 2025)


def test_demo_reproduces_the_2025_report_figures(figures):
    values = {key: figures[key].value for key in figures}
    assert values["disputes.registered"] == 111  # 共排查各类矛盾纠纷111件
    assert values["disputes.mediated"] == 111  # 成功化解111件
    assert values["disputes.success_rate"] == Decimal("100.0")  # 化解率达100%
    assert values["petitions.accepted"] == 42  # 受理信访事项42件
    assert values["petitions.closed_on_time"] == 42
    assert values["petitions.on_time_rate"] == Decimal("100.0")  # 按期办结率100%
    assert values["petitions.satisfaction_rate"] >= Decimal("98")  # 群众满意率98%以上
    assert (values["advisers.villages_covered"], values["advisers.villages_total"]) == (6, 6)  # 一村一法律顾问全覆盖
    assert values["consultations.count"] > 0 and values["consultations.people_served"] > 0


def test_demo_2025_has_the_variety_of_a_real_year(demo, db):
    disputes = Dispute.objects.filter(township=demo, registered_on__year=2025)
    assert disputes.values("category").distinct().count() == 9
    assert disputes.values("source").distinct().count() == 6
    assert disputes.values("village").distinct().count() == 6
    months = disputes.annotate(m=ExtractMonth("registered_on")).values("m").annotate(n=Count("id"))
    assert len(months) == 12
    petitions = Petition.objects.filter(township=demo).accepted_in(2025)
    assert petitions.values("channel").distinct().count() >= 5
    assert petitions.filter(anonymous=True).exists() and petitions.filter(people_count__gt=1).exists()
    assert petitions.filter(extension_days=30).exclude(extension_approver="").exists()
    assert not any(d.alerts(d.closed_on) for d in disputes)  # no 2025 dispute carries a defect


def test_demo_has_a_three_level_mediation_network_with_a_committee_per_village(demo, db):
    levels = set(Mediator.objects.filter(township=demo).values_list("level", flat=True))
    assert levels == {"township", "village", "group"}
    assert MediationCommittee.objects.filter(township=demo).count() == 6


def test_demo_2024_is_there_for_comparison(demo, db):
    figures = stats.figures(demo, 2024)
    assert figures["disputes.registered"].value == 80
    assert figures["petitions.accepted"].value == 35
    assert figures["petitions.on_time_rate"].value < Decimal("100")


def test_demo_shows_overdue_and_due_soon_alerts_today(demo, db):
    statuses = {(alert["kind"], alert["status"]) for alert in stats.alerts(demo)}
    assert statuses == {("dispute", "overdue"), ("dispute", "due_soon"), ("petition", "overdue"),
                        ("petition", "due_soon")}


def test_meijiang_the_second_township_has_its_own_lower_figures(demo, db):
    """梅江镇 goes through the same demo code with its own plan: fewer records, a few failures and late petitions."""
    meijiang = Township.objects.get(code="meijiang")
    values = {key: figure.value for key, figure in stats.figures(meijiang, 2025).items()}
    assert (values["disputes.registered"], values["disputes.mediated"]) == (60, 57)
    assert values["disputes.success_rate"] == Decimal("95.0")
    assert (values["petitions.accepted"], values["petitions.closed_on_time"]) == (25, 23)
    assert values["petitions.satisfaction_rate"] == Decimal("96.0")  # one 不满意 of 25
    assert (values["advisers.villages_covered"], values["advisers.villages_total"]) == (3, 5)
    assert stats.figures(meijiang, 2024)["disputes.registered"].value == 52
    assert not Dispute.objects.filter(number__startswith="DX-", township=meijiang).exists()
    statuses = {(alert["kind"], alert["status"]) for alert in stats.alerts(meijiang)}
    assert {("dispute", "overdue"), ("petition", "overdue")} <= statuses
