"""Filing and deciding a case through the web form: what 《行政处罚法》 blocks is refused with a Chinese message under
the field at fault, with a 400, and nothing is written; what it allows is saved once, however often it is posted."""

import datetime

import pytest
from django.utils import timezone

from enforcement.models import EnforcementCase, ViolationType
from tests.enforcement.factories import CaseFactory
from tests.governance.factories import CertificateFactory

D = datetime.date
ADD = "/enforcement/cases/add/"


@pytest.fixture
def post_case(client_for, clerk_user, daxi, officers):
    """post_case(**fields) posts the add form as the clerk: a decided fine of ¥3,000 unless fields say otherwise."""
    ViolationType.ensure_defaults(daxi)
    category = ViolationType.objects.get(township=daxi, name="违法建设")

    def _post(url=ADD, **fields):
        data = {
            "procedure": "ordinary", "number": "大溪综执立〔2025〕9号", "source": "patrol", "cause": "未批先建",
            "category": category.pk, "filed_on": "2025-03-03", "officers": [person.pk for person in officers],
            "party_kind": "person", "party_name": "彭正权", "notice_on": "2025-03-20", "decided_on": "2025-03-31",
            "decision_kind": "fine", "amount": "3000", "decision_number": "大溪综执罚〔2025〕9号",
            "served_on": "2025-04-02",
        }
        data.update({key: value for key, value in fields.items() if value is not None})
        for key in [key for key, value in fields.items() if value is None]:
            data.pop(key, None)
        return client_for(clerk_user).post(url, data)

    return _post


def errors_of(response) -> dict:
    form = response.context["form"]
    return {name: " ".join(messages) for name, messages in form.errors.items()}


def test_the_clerk_files_and_decides_a_case_with_two_certified_officers(post_case, officers):
    response = post_case()
    assert response.status_code == 302
    case = EnforcementCase.objects.get()
    assert set(case.officers.all()) == set(officers)
    assert (case.decision_kind, case.amount, case.party_kind) == ("fine", 3000, "person")


def test_one_officer_is_refused_and_nothing_is_written(post_case, officers):
    response = post_case(officers=[officers[0].pk])
    assert response.status_code == 400
    assert "两名以上执法人员" in errors_of(response)["officers"]
    assert not EnforcementCase.objects.exists()


def test_a_certificate_expiring_the_day_before_a_step_is_refused(post_case, daxi, officers):
    from tests.factories import PersonFactory

    newcomer = PersonFactory(township=daxi, name="白德文")
    CertificateFactory(township=daxi, holder=newcomer, number="渝执500241009999", issued_on=D(2024, 1, 1),
                       valid_until=D(2025, 3, 30))  # the day before the decision of 31 March
    response = post_case(officers=[officers[0].pk, newcomer.pk])
    assert response.status_code == 400
    assert "白德文在作出决定当日（2025-03-31）未持有有效的行政执法证件" in errors_of(response)["officers"]
    assert not EnforcementCase.objects.exists()

    newcomer.certificates.update(valid_until=D(2025, 4, 2))  # valid through the service on 2 April
    assert post_case(officers=[officers[0].pk, newcomer.pk]).status_code == 302


def test_a_certificate_cancelled_between_filing_and_decision_is_refused_for_the_decision(post_case, roster):
    # 杨志强's certificate was cancelled on 20 May 2025
    response = post_case(officers=[roster["龙文军"].pk, roster["杨志强"].pk], filed_on="2025-05-19",
                         notice_on="2025-05-19", decided_on="2025-05-21", served_on="2025-05-21")
    errors = errors_of(response)["officers"]
    assert "杨志强在作出决定当日" in errors and "杨志强在立案当日" not in errors


def test_a_decision_before_the_notice_is_refused(post_case):
    response = post_case(notice_on="2025-04-01")
    assert response.status_code == 400
    assert "早于告知日期" in errors_of(response)["decided_on"]
    assert not EnforcementCase.objects.exists()


def test_a_penalty_without_a_notice_is_refused(post_case):
    response = post_case(notice_on="")
    assert response.status_code == 400
    assert "请填写告知日期" in errors_of(response)["notice_on"]


def test_a_credit_code_with_a_wrong_check_character_is_refused(post_case):
    response = post_case(party_kind="organisation", party_name="秀山县大溪镇某商贸有限公司",
                         party_credit_code="91500241MA60XK3L3X")
    assert response.status_code == 400
    assert "校验码" in errors_of(response)["party_credit_code"]
    assert post_case(party_kind="organisation", party_name="秀山县大溪镇某商贸有限公司",
                     party_credit_code="91500241ma60xk3l3w").status_code == 302
    assert EnforcementCase.objects.get().party_credit_code == "91500241MA60XK3L3W"


def test_a_hearing_notice_six_working_days_ahead_is_refused(post_case):
    hearing = {"hearing_requested": "on", "hearing_requested_on": "2025-09-30", "hearing_notice_on": "2025-09-30",
               "is_major": "on", "legal_review_on": "2025-10-20", "legal_review_result": "passed",
               "collective_discussion_on": "2025-10-20", "filed_on": "2025-09-01", "notice_on": "2025-09-29",
               "decided_on": "2025-10-21", "served_on": "2025-10-21"}
    response = post_case(hearing_held_on="2025-10-15", **hearing)
    assert response.status_code == 400
    assert "最早可于2025-10-16举行听证" in errors_of(response)["hearing_held_on"]
    assert post_case(hearing_held_on="2025-10-16", **hearing).status_code == 302


def test_a_major_case_is_not_decided_without_a_passed_legal_review(post_case):
    response = post_case(is_major="on")
    assert "法制审核" in errors_of(response)["legal_review_on"]
    response = post_case(is_major="on", legal_review_on="2025-03-28", legal_review_result="rejected")
    assert "审核通过" in errors_of(response)["legal_review_on"]
    assert post_case(is_major="on", legal_review_on="2025-03-28", legal_review_result="passed",
                     collective_discussion_on="2025-03-30").status_code == 302


def test_on_the_spot_fine_of_201_yuan_is_refused_200_is_accepted(post_case, client_for, clerk_user, as_year):
    as_year(clerk_user, 2025)
    page = client_for(clerk_user).get("/enforcement/cases/on-the-spot/")
    assert page.status_code == 200 and "notice_on" not in page.context["form"].fields  # the short form
    spot = {"procedure": "on_the_spot", "filed_on": None, "notice_on": None, "served_on": None,
            "decided_on": "2025-03-18", "decision_number": "大溪综执简〔2025〕1号", "cause": "焚烧垃圾"}
    response = post_case(url="/enforcement/cases/on-the-spot/", amount="201", **spot)
    assert response.status_code == 400
    assert "200元以下罚款" in errors_of(response)["amount"]
    assert post_case(url="/enforcement/cases/on-the-spot/", amount="200", **spot).status_code == 302
    case = EnforcementCase.objects.get()
    assert (case.procedure, case.filed_on, case.served_on, case.service_method) == (
        "on_the_spot", D(2025, 3, 18), D(2025, 3, 18), "on_the_spot")


def test_the_procedure_cannot_be_switched_by_editing_the_form(client_for, clerk_user, daxi, officers):
    case = CaseFactory(township=daxi, officers=officers)
    page = client_for(clerk_user).get(f"/enforcement/cases/{case.pk}/edit/")
    data = {name: value for name, value in page.context["form"].initial.items() if value not in (None, "")}
    data.update(procedure="on_the_spot", officers=[person.pk for person in officers], category=case.category_id,
                version=case.version)
    for name in ("filed_on", "notice_on", "decided_on", "served_on", "published_on", "paid_on", "closed_on"):
        data[name] = getattr(case, name).isoformat()
    client_for(clerk_user).post(f"/enforcement/cases/{case.pk}/edit/", data)
    case.refresh_from_db()
    assert case.procedure == "ordinary"


def test_a_double_click_on_save_files_one_case(post_case):
    first = post_case(_submission="token-of-one-form")
    second = post_case(_submission="token-of-one-form")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert EnforcementCase.objects.count() == 1


def test_another_townships_case_is_a_404(client_for, other_admin_user, daxi, officers):
    case = CaseFactory(township=daxi, officers=officers)
    for url in (f"/enforcement/cases/{case.pk}/", f"/enforcement/cases/{case.pk}/edit/"):
        assert client_for(other_admin_user).get(url).status_code == 404


def test_service_deadline_across_national_day_on_the_case_page(client_for, clerk_user, daxi, officers):
    case = CaseFactory(township=daxi, officers=officers, filed_on=D(2025, 9, 1), notice_on=D(2025, 9, 20),
                       decided_on=D(2025, 9, 30), served_on=D(2025, 10, 17), published_on=D(2025, 10, 9),
                       paid_on=None, closed_on=None)
    page = client_for(clerk_user).get(f"/enforcement/cases/{case.pk}/")
    deadlines = {deadline.rule: deadline for deadline, _status, _label in page.context["deadlines"]}
    assert deadlines["送达期限"].due == D(2025, 10, 16)
    assert deadlines["送达期限"].met is False
    assert "超期送达" in [badge.label for badge in page.context["badges"]]


def test_the_edit_page_shows_the_records_own_date_not_today(client_for, clerk_user, daxi, officers):
    # the core's add-page default (today, in the year worked on) must not replace a stored date when editing
    from tests.enforcement.factories import CampaignFactory

    filed = timezone.localdate() - datetime.timedelta(days=40)
    case = CaseFactory(township=daxi, officers=officers, filed_on=filed)
    campaign = CampaignFactory(township=daxi, start_on=filed, end_on=filed + datetime.timedelta(days=10))
    client = client_for(clerk_user)
    assert client.get(f"/enforcement/cases/{case.pk}/edit/").context["form"]["filed_on"].value() == filed
    assert client.get(f"/enforcement/campaigns/{campaign.pk}/edit/").context["form"]["start_on"].value() == filed
    assert client.get("/enforcement/cases/add/").context["form"]["filed_on"].value() == timezone.localdate()


def test_a_review_opinion_without_its_conclusion_is_refused(post_case):
    """The ledger's 法制审核意见 cell begins with the conclusion (同意、不同意、退回补充): an opinion saved without one
    would export a cell the import refuses."""
    response = post_case(legal_review_opinion="事实清楚、证据确凿")
    assert response.status_code == 400
    assert "请选择法制审核结论" in errors_of(response)["legal_review_result"]
    assert not EnforcementCase.objects.exists()
