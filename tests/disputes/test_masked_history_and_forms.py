"""Change history and forms that come back never show more personal data than the user may see."""

import pytest
from django.urls import reverse

from disputes.forms import DisputeForm
from tests.disputes.factories import DisputeFactory, id_number
from tests.helpers import form_data
from township.models import PersonalDataLog

OLD_PHONE, NEW_PHONE = "13800001111", "13911112222"


@pytest.fixture
def changed(daxi, village, admin_user):
    """A dispute whose phone and ID number the admin changed once (both values are in its history)."""
    dispute = DisputeFactory(township=daxi, village=village, party_phone=OLD_PHONE, party_id_number=id_number(1))
    dispute.party_phone, dispute.party_id_number = NEW_PHONE, id_number(2)
    dispute.version += 1
    dispute._history_user = admin_user
    dispute.save()
    return dispute


def full_values(dispute):
    return [OLD_PHONE, NEW_PHONE, id_number(1), id_number(2)]


@pytest.mark.parametrize("role", ["clerk", "leader", "county"])
def test_history_shows_personal_fields_masked(role, cast, client_for, changed):
    url = reverse("disputes:detail", args=[changed.pk])
    page = client_for(cast.users[role]).get(url, {"township": cast.daxi.code} if role == "county" else {})
    text = page.content.decode()
    assert page.status_code == 200
    for value in full_values(changed):
        assert value not in text, value
    assert "138****1111" in text and "139****2222" in text  # the change is still told, masked


def test_the_logged_reveal_shows_the_history_in_full(cast, client_for, changed):
    page = client_for(cast.admin_user).post(reverse("disputes:reveal", args=[changed.pk]))
    text = page.content.decode()
    assert all(value in text for value in full_values(changed))
    assert PersonalDataLog.objects.filter(action="reveal", object_id=changed.pk).count() == 1


def test_the_admins_ordinary_detail_page_keeps_the_history_masked(cast, client_for, changed):
    text = client_for(cast.admin_user).get(reverse("disputes:detail", args=[changed.pk])).content.decode()
    assert OLD_PHONE not in text and id_number(1) not in text


def edit_data(dispute, **changes):
    data = form_data(DisputeForm(instance=dispute, township=dispute.township,
                                 masked_fields={"party_phone": "phone", "party_id_number": "id_number"}))
    data.update(changes)
    return data


def test_an_invalid_edit_comes_back_masked_and_an_unchanged_mask_keeps_the_stored_value(cast, client_for, changed):
    client = client_for(cast.clerk_user)  # did not enter the record: sees it masked
    url = reverse("disputes:edit", args=[changed.pk])
    data = edit_data(changed, party_name="")  # a validation error elsewhere in the form
    assert data["party_phone"] == "139****2222"
    response = client.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert NEW_PHONE not in text and id_number(2) not in text
    assert "139****2222" in text
    response = client.post(url, {**data, "party_name": "新当事人"})
    assert response.status_code == 302
    changed.refresh_from_db()
    assert (changed.party_name, changed.party_phone, changed.party_id_number) == ("新当事人", NEW_PHONE, id_number(2))


def test_a_stale_edit_after_someone_changed_the_phone_says_so_and_shows_nothing_unmasked(cast, client_for, changed,
                                                                                        admin_user):
    client = client_for(cast.clerk_user)
    url = reverse("disputes:edit", args=[changed.pk])
    data = edit_data(changed, note="我的修改")
    changed.party_phone = "13712345678"  # meanwhile the admin changes the phone
    changed.version += 1
    changed._history_user = admin_user
    changed.save()
    response = client.post(url, data)
    assert response.status_code == 409
    text = response.content.decode()
    assert "在您编辑期间" in text and "联系电话" in text
    assert "格式不正确" not in text  # no format error the user never caused
    assert "13712345678" not in text and NEW_PHONE not in text and "137****5678" in text
    changed.refresh_from_db()
    assert changed.note != "我的修改"
