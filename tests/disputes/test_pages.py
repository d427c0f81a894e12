"""The disputes pages as people use them: who sees and changes what, entering and mediating a dispute,
the deadlines on a record's page, and bad input that never gives a 500."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from disputes import rules
from disputes.forms import DisputeForm
from disputes.models import Dispute, Petition
from tests.disputes.factories import DisputeFactory, LegalAdviserFactory, MediatorFactory, PetitionFactory
from tests.helpers import form_data

D = datetime.date
LEDGERS = ["disputes", "petitions", "mediators", "committees", "advisers", "consultations"]


def numbers_listed(response) -> set[str]:
    return {row["record"].number for row in response.context["rows"]}


@pytest.fixture
def two_villages(daxi, village, second_village):
    """A dispute of the village clerk's village and one of another village of Daxi."""
    own = DisputeFactory(township=daxi, village=village, number="OWN", registered_on=D(2025, 4, 1))
    other = DisputeFactory(township=daxi, village=second_village, number="OTHER", registered_on=D(2025, 4, 1))
    return own, other


# --- who sees and changes what ----------------------------------------------------------------------


def test_village_clerk_lists_only_the_disputes_of_their_village(two_villages, village_clerk_user, client_for, as_year):
    response = client_for(as_year(village_clerk_user, 2025)).get(reverse("disputes:list"))
    assert numbers_listed(response) == {"OWN"}


@pytest.mark.parametrize("route", ["detail", "edit", "delete"])
def test_village_clerk_gets_404_for_a_dispute_of_another_village(two_villages, village_clerk_user, client_for, route):
    _own, other = two_villages
    assert client_for(village_clerk_user).get(reverse(f"disputes:{route}", args=[other.pk])).status_code == 404


def test_village_clerk_cannot_change_a_dispute_of_another_village(two_villages, village_clerk_user, client_for):
    _own, other = two_villages
    data = form_data(DisputeForm(instance=other, township=other.township))
    data["summary"] = "改动"
    response = client_for(village_clerk_user).post(reverse("disputes:edit", args=[other.pk]), data)
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.summary != "改动"


def test_village_clerk_cannot_move_their_dispute_to_another_village(two_villages, village_clerk_user, client_for):
    own, _other = two_villages
    data = form_data(DisputeForm(instance=own, township=own.township, user=village_clerk_user))
    data["village"] = _other.village_id
    response = client_for(village_clerk_user).post(reverse("disputes:edit", args=[own.pk]), data)
    assert response.status_code == 400  # the form again, with the error
    own.refresh_from_db()
    assert own.village.name == "大溪社区"


def test_other_township_gets_404_for_daxi_disputes(two_villages, other_admin_user, client_for):
    own, _other = two_villages
    assert client_for(other_admin_user).get(reverse("disputes:detail", args=[own.pk])).status_code == 404


def test_leader_reads_disputes_but_cannot_change_them(two_villages, leader_user, client_for):
    own, _other = two_villages
    client = client_for(leader_user)
    assert client.get(reverse("disputes:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("disputes:edit", args=[own.pk])).status_code == 403
    assert client.get(reverse("disputes:add")).status_code == 403


def test_village_clerk_may_not_add_petitions(village_clerk_user, client_for):
    # petitions are not shown to village clerks at all (《信访工作条例》第三十条第三款): the page does not exist for them
    assert client_for(village_clerk_user).get(reverse("petitions:add")).status_code == 404


@pytest.mark.parametrize("ledger", LEDGERS)
@pytest.mark.parametrize("route", ["list", "add", "export", "import", "import_template"])
def test_every_page_of_every_ledger_opens_for_the_admin(admin_user, client_for, ledger, route):
    assert client_for(admin_user).get(reverse(f"{ledger}:{route}")).status_code == 200


def test_the_area_page_lists_the_six_ledgers(admin_user, client_for):
    page = client_for(admin_user).get(reverse("disputes")).content.decode()
    for title in ["矛盾纠纷排查化解台账", "信访事项登记台账", "调解员名册", "人民调解委员会", "村（社区）法律顾问", "法律咨询记录"]:
        assert title in page


# --- entering and mediating a dispute -----------------------------------------------------------------


def test_village_clerk_registers_a_dispute_and_mediates_it_to_a_written_agreement(
    daxi, village, village_clerk_user, client_for
):
    client = client_for(village_clerk_user)
    today = timezone.localdate()
    form = DisputeForm(township=daxi, user=village_clerk_user)
    assert list(form.fields["village"].queryset) == [village]  # their own village only
    data = form_data(form)
    data.update(registered_on=today.isoformat(), source="applied", category="neighbours", party_name="张三",
                party_phone="13800138000", summary="因排水沟堵塞发生争执")
    response = client.post(reverse("disputes:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    dispute = Dispute.objects.get(party_name="张三")
    assert dispute.number == f"TJ-{today.year}-001" and dispute.status == rules.DISPUTE_REGISTERED

    data = form_data(DisputeForm(instance=dispute, township=daxi, user=village_clerk_user))
    data.update(status=rules.DISPUTE_SUCCEEDED, mediation_started_on=today.isoformat(), closed_on=today.isoformat(),
                agreement_form=rules.AGREEMENT_WRITTEN, agreement_terms="双方共同疏通排水沟，费用各半。")
    assert client.post(reverse("disputes:edit", args=[dispute.pk]), data).status_code == 302
    dispute.refresh_from_db()
    assert (dispute.status, dispute.version) == (rules.DISPUTE_SUCCEEDED, 2)

    listing = client.get(reverse("disputes:list"))
    [row] = listing.context["rows"]
    assert [badge.label for badge in row["badges"]] == ["已化解"]


def test_written_agreement_without_terms_is_refused_in_the_form_with_the_reason(daxi, village, admin_user, client_for):
    dispute = DisputeFactory(township=daxi, village=village, registered_on=D(2025, 5, 5))
    data = form_data(DisputeForm(instance=dispute, township=daxi, user=admin_user))
    data.update(status=rules.DISPUTE_SUCCEEDED, closed_on="2025-05-20", agreement_form=rules.AGREEMENT_WRITTEN)
    response = client_for(admin_user).post(reverse("disputes:edit", args=[dispute.pk]), data)
    assert response.status_code == 400
    assert "书面调解协议须载明" in response.content.decode()


def test_impossible_dates_in_the_petition_form_are_refused_not_a_500(daxi, village, admin_user, client_for):
    petition = PetitionFactory(township=daxi, village=village, received_on=D(2025, 5, 5))
    from disputes.forms import PetitionForm

    data = form_data(PetitionForm(instance=petition, township=daxi, user=admin_user))
    data.update(acceptance="accepted", accepted_on="2025-05-01", extension_days="31")
    response = client_for(admin_user).post(reverse("petitions:edit", args=[petition.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "受理日期不能早于来信来访日期" in page and "延期不得超过30日" in page


def test_list_filter_by_badge_state(daxi, village, admin_user, client_for, as_year):
    today = timezone.localdate()
    DisputeFactory(township=daxi, village=village, number="LATE", status=rules.DISPUTE_OPEN,
                   registered_on=today - datetime.timedelta(days=40))
    DisputeFactory(township=daxi, village=village, number="SOON", status=rules.DISPUTE_OPEN,
                   registered_on=today - datetime.timedelta(days=25))
    DisputeFactory(township=daxi, village=village, number="RISK", risk_level=rules.RISK_HIGH, registered_on=today)
    client = client_for(as_year(admin_user, today.year))
    assert numbers_listed(client.get(reverse("disputes:list"), {"alert": "overdue"})) >= {"LATE"}
    assert numbers_listed(client.get(reverse("disputes:list"), {"alert": "due_soon"})) == {"SOON"}
    assert numbers_listed(client.get(reverse("disputes:list"), {"alert": "defect"})) == {"RISK"}
    page = client.get(reverse("disputes:list")).content.decode()
    assert "调解已逾期" in page and "调解7日内到期" in page and "高风险未报公安" in page


# --- deadlines on the record's page ----------------------------------------------------------------------


def test_petition_page_shows_each_deadline_with_its_rule_and_article(daxi, village, admin_user, client_for):
    petition = PetitionFactory(
        township=daxi, village=village, received_on=D(2025, 2, 10), acceptance=rules.PETITION_ACCEPTED, accepted_on=D(2025, 2, 12),
        notice_on=D(2025, 2, 15), extension_days=30, extension_reason="需调查核实", extension_approver="王正权",
    )
    response = client_for(admin_user).get(reverse("petitions:detail", args=[petition.pk]))
    deadlines = {d.rule: (d.due, d.article) for d, _status, _label in response.context["deadlines"]}
    assert deadlines["受理告知期限"] == (D(2025, 2, 25), "《信访工作条例》第二十二条、第二十三条")
    assert deadlines["办结期限"] == (D(2025, 5, 13), "《信访工作条例》第三十四条")  # 60 + 30 days
    page = response.content.decode()
    assert "办结期限" in page and "2025年5月13日" in page and "《信访工作条例》第三十四条" in page


def test_routed_petition_objection_deadline_counts_working_days_across_national_day(daxi, village, admin_user, client_for):
    petition = PetitionFactory(township=daxi, village=village, received_on=D(2025, 9, 26),
                               acceptance=rules.PETITION_ROUTED, notice_on=D(2025, 9, 30))
    response = client_for(admin_user).get(reverse("petitions:detail", args=[petition.pk]))
    deadlines = {d.rule: d for d, _status, _label in response.context["deadlines"]}
    assert deadlines["转送异议期限"].due == D(2025, 10, 14)  # 9, 10, Sat 11 (调休), 13, 14 October
    assert not deadlines["转送异议期限"].estimated


def test_a_year_without_calendar_data_is_flagged_on_the_record_not_an_error(daxi, village):
    petition = Petition(township=daxi, village=village, received_on=D(2031, 9, 26), acceptance=rules.PETITION_ROUTED,
                        notice_on=D(2031, 9, 30))
    objection = next(d for d in petition.deadlines(D(2031, 10, 1)) if d.rule == "转送异议期限")
    # Wed 1 - Fri 3 October are 国庆节 even without the year's notice: Mon 6 ... Fri 10
    assert objection.estimated and objection.due == D(2031, 10, 10)
    assert "无法定节假日数据" in objection.note


def test_dispute_page_shows_the_mediation_deadline_and_the_judicial_confirmation_window(
    daxi, village, admin_user, client_for
):
    today = timezone.localdate()
    dispute = DisputeFactory(township=daxi, village=village, registered_on=today - datetime.timedelta(days=12),
                             mediated=True)
    response = client_for(admin_user).get(reverse("disputes:detail", args=[dispute.pk]))
    deadlines = {d.rule: (d, status) for d, status, _label in response.context["deadlines"]}
    assert deadlines["调解期限"][0].article == "《人民调解工作若干规定》第三十六条"
    assert deadlines["调解期限"][1] == "done"
    assert deadlines["司法确认申请期限"][0].due == dispute.closed_on + datetime.timedelta(days=30)


def test_committee_without_women_or_with_too_few_members_is_flagged(daxi, village, admin_user, client_for):
    from tests.disputes.factories import MediationCommitteeFactory

    committee = MediationCommitteeFactory(township=daxi, village=village)
    committee.members.set([MediatorFactory(township=daxi, person__township=daxi, person__gender="M") for _ in range(2)])
    page = client_for(admin_user).get(reverse("committees:list")).content.decode()
    assert "委员不足3人" in page and "应当有妇女成员" in page


def test_adviser_list_of_a_year_shows_contracts_overlapping_it(daxi, village, admin_user, client_for, as_year):
    LegalAdviserFactory(township=daxi, name="跨年顾问", contract_start=D(2024, 7, 1), contract_end=D(2025, 6, 30))
    LegalAdviserFactory(township=daxi, name="往年顾问", contract_start=D(2023, 1, 1), contract_end=D(2023, 12, 31))
    response = client_for(as_year(admin_user, 2025)).get(reverse("advisers:list"))
    assert [row["record"].name for row in response.context["rows"]] == ["跨年顾问"]
