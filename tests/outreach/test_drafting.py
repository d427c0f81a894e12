"""Part 一(五) drafted in the reference's wording from the year's records, and figure 19 back in 一(四)."""

import datetime

from disputes.area import draft_disputes
from outreach import stats
from outreach.area import NO_RECORDS, draft_outreach
from outreach.models import Event, Occasion, Venue
from reports import drafting
from tests.outreach.factories import EventFactory, OnlinePostFactory, VenueFactory
from township.figures import Figure

D = datetime.date
G = Event.TargetGroup


def printed(text: str, figures, *, rounded=False) -> str:
    paragraph = drafting.paragraph(text, figures, rounded=rounded)
    return paragraph if isinstance(paragraph, str) else "".join(chunk["text"] for chunk in paragraph)


def draft(township, year=2025, **kwargs):
    """一(五) as the report drafts it: the area's wording, then its closing clause (no law exam here)."""
    figures = stats.figures(township, year, today=D(2026, 12, 1))
    return printed(drafting.drafted_prose("outreach", {"outreach": figures}, year), figures, **kwargs), figures


def test_part_one_five_names_what_the_records_contain_in_the_reference_wording(daxi, village, second_village):
    occasions = {o.name: o for o in Occasion.objects.filter(township=daxi)}
    EventFactory(township=daxi, villages=[village], date=D(2025, 3, 15), occasion=occasions["消费者权益日"],
                 occasion_other="", materials=300, audience=600)
    EventFactory(township=daxi, villages=[second_village], date=D(2025, 12, 4), occasion=occasions["国家宪法日"],
                 occasion_other="", materials=250, audience=500)
    EventFactory(township=daxi, villages=[village], customised=True, target_groups=[G.LEFT_BEHIND_ELDERLY],
                 materials=18, audience=30)
    EventFactory(township=daxi, kind=Event.Kind.BROADCAST, place="全镇", materials=None, audience=None)
    OnlinePostFactory(township=daxi)
    VenueFactory(township=daxi, village=None, kind=Venue.Kind.SQUARE, upgraded_on=D(2025, 5, 1))
    text, _figures = draft(daxi)
    assert text == (
        "以“八五”普法推进为抓手，制定年度普法计划，围绕“3·15”消费者权益日、“12·4”国家宪法日等重要节点，"
        "开展法治宣传活动4场次。创新宣传载体，升级镇法治文化广场等阵地，利用“村村响”广播、微信公众号推送法治信息；"
        "针对留守老人等重点群体，开展“定制化”法治讲座1场，发放宣传资料568份，受教育群众达1130人次，"
        "辖区群众法治意识显著增强，形成尊法学法守法用法的良好氛围。"
    )
    rounded, _figures = draft(daxi, rounded=True)
    assert "发放宣传资料500余份，受教育群众达1000余人次" in rounded  # the reference's customary form


def test_the_wording_follows_other_records_not_a_fixed_list(daxi, village):
    occasions = {o.name: o for o in Occasion.objects.filter(township=daxi)}
    EventFactory(township=daxi, villages=[village], date=D(2026, 6, 26), occasion=occasions["国际禁毒日"],
                 occasion_other="", customised=True, target_groups=[G.GIG_WORKERS, G.MINORS])
    text, _figures = draft(daxi, 2026)
    assert text.startswith("以“九五”普法推进为抓手")  # 2026 opens the ninth five-year plan
    assert "围绕“6·26”国际禁毒日等重要节点" in text and "3·15" not in text
    assert "针对未成年人、新业态从业者等重点群体" in text
    assert "创新宣传载体" not in text  # no venue upgraded, no broadcast, no post: nothing to claim


def test_a_year_without_records_says_so(daxi):
    text, _figures = draft(daxi)
    assert text == NO_RECORDS
    assert drafting.drafted_prose("outreach", {"outreach": stats.figures(daxi, 2025)}, 2025) == NO_RECORDS


def test_every_count_of_the_draft_links_to_its_filtered_ledger(daxi, village):
    EventFactory(township=daxi, villages=[village], customised=True, target_groups=[G.MINORS])
    figures = stats.figures(daxi, 2025)
    chunks = drafting.paragraph(draft_outreach(figures, 2025), figures, rounded=False)
    linked = {chunk["text"]: chunk["href"] for chunk in chunks if chunk["href"]}
    assert linked["1场次"] == "/outreach/events/?year=2025"
    assert linked["1场"] == "/outreach/events/?year=2025&customised=true"


# --- 一(四): 法律顾问全年开展法治宣传6次 (figures.md row 19), drafted by the disputes area ----------------


def figure(key, value, unit):
    return Figure(key=key, label=key, value=value, unit=unit, ledger="outreach_events", query={"year": 2025})


def test_part_one_four_says_how_often_the_advisers_gave_outreach():
    figures = {"outreach.adviser_events": figure("outreach.adviser_events", 6, "次"),
               "consultations.count": figure("consultations.count", 0, "次")}
    assert printed(draft_disputes(figures, 2025), figures) == "法律顾问全年开展法治宣传6次。"
    figures["consultations.count"] = figure("consultations.count", 35, "次")
    figures["consultations.people_served"] = figure("consultations.people_served", 48, "人次")
    assert printed(draft_disputes(figures, 2025), figures) == \
        "法律顾问全年开展法治宣传6次并为群众提供法律咨询35次，服务群众48人次。"


def test_part_one_four_leaves_the_clause_out_without_adviser_outreach():
    figures = {"outreach.adviser_events": figure("outreach.adviser_events", 0, "次"),
               "consultations.count": figure("consultations.count", 35, "次")}
    assert printed(draft_disputes(figures, 2025), figures) == "法律顾问全年为群众提供法律咨询35次。"
    del figures["outreach.adviser_events"]  # the outreach area not installed: as before
    assert printed(draft_disputes(figures, 2025), figures) == "法律顾问全年为群众提供法律咨询35次。"
