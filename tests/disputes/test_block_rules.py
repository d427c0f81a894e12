"""Impossible states are refused with a Chinese message on the field at fault (statutory-rules.md "Block")."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from disputes import rules
from tests.disputes.factories import DisputeFactory, PetitionFactory

D = datetime.date


def errors_of(record) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


@pytest.fixture
def dispute(daxi, village):
    return DisputeFactory.build(township=daxi, village=village, registered_on=D(2025, 5, 10))


@pytest.fixture
def petition(daxi, village):
    return PetitionFactory.build(township=daxi, village=village, received_on=D(2025, 5, 10))


def test_dispute_closed_before_it_was_registered_is_refused_on_the_closing_date(dispute):
    dispute.status, dispute.closed_on = rules.DISPUTE_SUCCEEDED, D(2025, 5, 9)
    dispute.agreement_form, dispute.agreement_terms = rules.AGREEMENT_ORAL, "双方和解"
    messages = errors_of(dispute)
    assert "结案日期不能早于排查（受理）日期" in messages["closed_on"][0]


def test_dispute_closed_on_the_day_it_was_registered_is_accepted(dispute):
    dispute.status, dispute.closed_on = rules.DISPUTE_SUCCEEDED, D(2025, 5, 10)
    dispute.agreement_form, dispute.agreement_terms = rules.AGREEMENT_ORAL, "双方和解"
    dispute.full_clean()


def test_dispute_outcome_without_a_closing_date_is_refused(dispute):
    dispute.status = rules.DISPUTE_TERMINATED
    assert "须填写结案日期" in errors_of(dispute)["closed_on"][0]


def test_dispute_with_a_closing_date_but_still_mediating_is_refused_on_the_status(dispute):
    dispute.status, dispute.closed_on = rules.DISPUTE_OPEN, D(2025, 5, 20)
    assert "请选择调解结果" in errors_of(dispute)["status"][0]


def test_written_agreement_without_its_terms_is_refused_citing_article_29(dispute):
    dispute.status, dispute.closed_on = rules.DISPUTE_SUCCEEDED, D(2025, 5, 20)
    dispute.agreement_form, dispute.agreement_terms = rules.AGREEMENT_WRITTEN, "   "
    assert "《人民调解法》第二十九条" in errors_of(dispute)["agreement_terms"][0]


def test_failed_mediation_without_the_advice_given_is_refused_citing_article_26(dispute):
    dispute.status, dispute.closed_on = rules.DISPUTE_FAILED, D(2025, 5, 20)
    assert "《人民调解法》第二十六条" in errors_of(dispute)["failure_advice"][0]


def test_a_sheet_without_terms_or_advice_columns_is_flagged_not_refused(dispute):
    dispute.status, dispute.closed_on = rules.DISPUTE_SUCCEEDED, D(2025, 5, 20)
    dispute.agreement_form = rules.AGREEMENT_WRITTEN
    dispute.imported_from_sheet = True
    dispute.full_clean()
    assert [label for label, _message in dispute.defects(D(2025, 6, 1))] == ["书面协议缺内容"]


def test_dispute_dates_in_the_future_are_refused(dispute):
    dispute.registered_on = datetime.date.today() + datetime.timedelta(days=1)
    assert "不能晚于今天" in errors_of(dispute)["registered_on"][0]


def test_dispute_phone_and_id_number_are_stored_normalised(dispute):
    dispute.party_phone = "１３８ ００１３ ８０００"
    dispute.party_id_number = "50024119880108575７"
    dispute.full_clean()
    assert (dispute.party_phone, dispute.party_id_number) == ("13800138000", "500241198801085757")


def test_dispute_id_number_with_a_wrong_check_digit_is_refused(dispute):
    dispute.party_id_number = "500241198801085758"
    assert "校验位" in errors_of(dispute)["party_id_number"][0]


def test_dispute_without_a_number_gets_the_next_one_of_its_year(daxi, village, dispute):
    DisputeFactory(township=daxi, village=village, number="DX-TJ-2025-007")
    DisputeFactory(township=daxi, village=village, number="DX-TJ-2025-008")
    dispute.number = ""
    dispute.full_clean()
    dispute.save()
    assert dispute.number == "DX-TJ-2025-009"


def test_petition_accepted_before_it_was_received_is_refused_on_the_acceptance_date(petition):
    petition.acceptance, petition.accepted_on = rules.PETITION_ACCEPTED, D(2025, 5, 9)
    assert "受理日期不能早于来信来访日期" in errors_of(petition)["accepted_on"][0]


def test_petition_closed_before_it_was_accepted_is_refused(petition):
    petition.acceptance, petition.accepted_on, petition.closed_on = rules.PETITION_ACCEPTED, D(2025, 5, 12), D(2025, 5, 11)
    assert "办结日期不能早于受理日期" in errors_of(petition)["closed_on"][0]


@pytest.mark.parametrize("days", [1, 30])
def test_petition_extension_of_up_to_30_days_with_reason_and_approver_is_accepted(petition, days):
    petition.acceptance, petition.accepted_on = rules.PETITION_ACCEPTED, D(2025, 5, 12)
    petition.extension_days, petition.extension_reason, petition.extension_approver = days, "需调查核实", "王正权"
    petition.full_clean()


def test_petition_extension_of_31_days_is_refused_on_the_days(petition):
    petition.acceptance, petition.accepted_on = rules.PETITION_ACCEPTED, D(2025, 5, 12)
    petition.extension_days, petition.extension_reason, petition.extension_approver = 31, "需调查核实", "王正权"
    assert errors_of(petition) == {"extension_days": ["延期不得超过30日（《信访工作条例》第三十四条）。"]}


def test_petition_extension_without_approver_is_refused_on_the_approver(petition):
    petition.acceptance, petition.accepted_on = rules.PETITION_ACCEPTED, D(2025, 5, 12)
    petition.extension_days, petition.extension_reason = 20, "需调查核实"
    assert "批准人" in errors_of(petition)["extension_approver"][0]


def test_petition_extension_without_reason_is_refused_on_the_reason(petition):
    petition.acceptance, petition.accepted_on = rules.PETITION_ACCEPTED, D(2025, 5, 12)
    petition.extension_days, petition.extension_approver = 20, "王正权"
    assert "延期理由" in errors_of(petition)["extension_reason"][0]


def test_petition_with_an_acceptance_date_is_accepted(petition):
    petition.accepted_on = D(2025, 5, 12)
    petition.full_clean()
    assert petition.acceptance == rules.PETITION_ACCEPTED


def test_petitioner_written_as_anonymous_becomes_an_anonymous_petition(petition):
    petition.petitioner_name = "匿名"
    petition.full_clean()
    assert petition.anonymous and petition.petitioner_name == ""


def test_petition_without_petitioner_and_not_anonymous_is_refused(petition):
    petition.petitioner_name = ""
    assert "匿名" in errors_of(petition)["petitioner_name"][0]


@pytest.fixture
def re_reviewed(daxi, village):
    return PetitionFactory(
        township=daxi, village=village, received_on=D(2025, 3, 3), closed=True, review_stage=rules.RE_REVIEW,
        review_requested_on=D(2025, 4, 20), review_replied_on=D(2025, 5, 10),
        re_review_requested_on=D(2025, 5, 20), re_review_replied_on=D(2025, 6, 10),
    )


def test_petition_cannot_be_reopened_after_re_review(re_reviewed):
    re_reviewed.closed_on = None
    messages = errors_of(re_reviewed)
    assert any("已经复核" in m and "第三十六条" in m for m in messages["closed_on"])


def test_re_review_cannot_be_withdrawn_to_reopen_the_petition(re_reviewed):
    re_reviewed.re_review_requested_on = re_reviewed.re_review_replied_on = None
    re_reviewed.review_stage = rules.REVIEW
    assert "已经复核" in errors_of(re_reviewed)["review_stage"][0]


def test_re_reviewed_petition_can_still_be_edited_otherwise(re_reviewed):
    re_reviewed.note = "复核意见已送达"
    re_reviewed.full_clean()


def test_petition_after_review_can_still_go_to_re_review(daxi, village):
    petition = PetitionFactory(
        township=daxi, village=village, received_on=D(2025, 3, 3), closed=True, review_stage=rules.REVIEW,
        review_requested_on=D(2025, 4, 20), review_replied_on=D(2025, 5, 10),
    )
    petition.re_review_requested_on = D(2025, 5, 20)
    petition.full_clean()
    assert petition.review_stage == rules.RE_REVIEW


def test_review_before_the_written_reply_is_refused(petition):
    petition.review_stage = rules.REVIEW
    assert "办结" in errors_of(petition)["review_stage"][0]
