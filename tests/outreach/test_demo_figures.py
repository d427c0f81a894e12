"""The demo reproduces report part 一(五) and figure 19 for Daxi 2025 (figures.md rows 19, 25-28), as the
portal computes them, with the named occasions on their dates and 法律明白人 in every village."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import ExtractMonth

from outreach import rules, stats
from outreach.models import Event, LegalInformant, serving_on
from reports import drafting
from township.models import Township, Village


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


def test_demo_reproduces_rows_19_and_25_to_28(demo, db):
    values = {key: figure.value for key, figure in stats.figures(demo, 2025).items()}
    assert values["outreach.adviser_events"] == 6  # 法律顾问全年开展法治宣传6次
    assert values["outreach.events"] == 30  # 开展法治宣传活动30场次
    assert values["outreach.customised_lectures"] == 6  # 开展“定制化”法治讲座6场
    assert 500 < values["outreach.materials"] < 600  # 发放宣传资料500余份
    assert 1000 < values["outreach.audience"] < 2000  # 受教育群众达1000余人次
    assert values["outreach.online_posts"] < 12 and values["outreach.onsite_services"] < 12  # why part 三 asks for 12
    assert values["outreach.online_share"] < Decimal("10")  # part 二: 线上新媒体运用不充分


def test_the_named_occasions_are_held_on_their_dates(demo, db):
    events = Event.objects.filter(township=demo, date__year=2025, occasion__day__isnull=False).select_related("occasion")
    assert {str(event.occasion) for event in events} == {"3·15消费者权益日", "6·26国际禁毒日", "12·4国家宪法日"}
    assert all((event.date.month, event.date.day) == (event.occasion.month, event.occasion.day) for event in events)


def test_the_demo_year_has_events_every_month_in_every_village(demo, db):
    events = Event.objects.filter(township=demo, date__year=2025)
    assert len(events.annotate(m=ExtractMonth("date")).values("m").annotate(n=Count("id"))) == 12
    assert Village.objects.filter(township=demo, outreach_events__date__year=2025).distinct().count() == 6


def test_every_village_has_at_least_three_legal_informants(demo, db):
    import datetime

    for year in (2025, 2026):
        serving = (LegalInformant.objects.filter(serving_on(datetime.date(year, 12, 31)), township=demo)
                   .values("village").annotate(n=Count("id")))
        assert len(serving) == 6 and min(row["n"] for row in serving) >= rules.DEFAULT_INFORMANTS_PER_VILLAGE


def test_part_one_five_of_the_demo_reads_as_the_reference(demo, db):
    from reports import sources

    figures_by_app = sources.figures_by_app(demo, 2025)
    prose = drafting.drafted_prose("outreach", figures_by_app, 2025)  # with the law exam's sentence (governance)
    paragraph = drafting.paragraph(prose, drafting.merged(figures_by_app), rounded=True)
    text = "".join(chunk["text"] for chunk in paragraph)
    figures = stats.figures(demo, 2025)
    assert text == (
        "以“八五”普法推进为抓手，制定年度普法计划，围绕“3·15”消费者权益日、“6·26”国际禁毒日、“12·4”国家宪法日等"
        "重要节点，开展法治宣传活动30场次。创新宣传载体，升级镇法治文化广场、村法治书屋等阵地，利用“村村响”广播、"
        "微信公众号推送法治信息；针对未成年人、留守老人、返乡务工人员等重点群体，开展“定制化”法治讲座6场，发放宣传"
        "资料500余份，受教育群众达1000余人次。组织全镇干部职工参加年度学法考法，参与率与通过率均达100%，"
        "辖区群众法治意识显著增强，形成尊法学法守法用法的良好氛围。"
    )
    assert list(figures["outreach.groups_not_reached"].names) == ["新业态从业者", "流动务工人员"]  # part 二's groups


def test_2024_is_there_for_comparison_and_meijiang_for_the_county(demo, db):
    before = stats.figures(demo, 2024)
    assert 0 < before["outreach.events"].value < 30
    meijiang = Township.objects.get(code="meijiang")
    assert stats.figures(meijiang, 2025)["outreach.informant_villages"].names == ("民族村", "兴隆坳村", "金珠村")
