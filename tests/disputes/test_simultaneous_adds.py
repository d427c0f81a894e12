"""Simultaneous adds never answer 500 and never share a number; a double click saves one record."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from disputes.forms import DisputeForm
from disputes.models import Dispute
from tests.helpers import form_data

ADDS = 8


def add_data(township, user, village, **extra):
    data = form_data(DisputeForm(township=township, user=user))
    data.update({"registered_on": "2025-03-05", "source": "found", "category": "neighbours", "village": village.pk,
                 "party_name": "张三", "summary": "排水沟", "status": "registered", "number": "", **extra})
    return data


def post_at_once(clients, url, payloads):
    """Post every payload from its own thread, all released together; the responses in order."""
    start = threading.Barrier(len(payloads))
    responses = [None] * len(payloads)

    def post(index):
        try:
            start.wait()
            responses[index] = clients[index].post(url, payloads[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_adds_get_eight_numbers_and_no_500(daxi, village, admin_user, client_for):
    clients = [client_for(admin_user) for _ in range(ADDS)]
    payloads = [add_data(daxi, admin_user, village, party_name=f"当事人{index}", _submission=f"form-{index}")
                for index in range(ADDS)]
    responses = post_at_once(clients, reverse("disputes:add"), payloads)
    assert [response.status_code for response in responses] == [302] * ADDS
    numbers = sorted(Dispute.objects.values_list("number", flat=True))
    assert numbers == [f"TJ-2025-{n:03d}" for n in range(1, ADDS + 1)]


def test_the_same_add_form_posted_twice_saves_one_record(daxi, village, admin_user, client_for):
    client = client_for(admin_user)
    page = client.get(reverse("disputes:add"))
    token = page.context["submission_token"]
    assert f'value="{token}"' in page.content.decode()
    data = add_data(daxi, admin_user, village, _submission=token)
    first = client.post(reverse("disputes:add"), data)
    second = client.post(reverse("disputes:add"), data, follow=True)
    record = Dispute.objects.get()
    assert first.url == reverse("disputes:detail", args=[record.pk])
    assert second.redirect_chain[-1][0] == reverse("disputes:detail", args=[record.pk])
    assert "没有重复保存" in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_double_click_at_the_same_instant_saves_one_record(daxi, village, admin_user, client_for):
    clients = [client_for(admin_user), client_for(admin_user)]
    data = add_data(daxi, admin_user, village, _submission="one-form")
    responses = post_at_once(clients, reverse("disputes:add"), [data, data])
    assert [response.status_code for response in responses] == [302, 302]
    record = Dispute.objects.get()
    assert {response.url for response in responses} == {reverse("disputes:detail", args=[record.pk])}


def test_a_second_post_of_a_form_with_a_typed_number_lands_on_the_record_not_on_a_duplicate_error(
        daxi, village, admin_user, client_for):
    client = client_for(admin_user)
    data = add_data(daxi, admin_user, village, number="DX-TJ-2025-100", _submission="typed-number")
    assert client.post(reverse("disputes:add"), data).status_code == 302
    second = client.post(reverse("disputes:add"), data)
    record = Dispute.objects.get()
    assert second.status_code == 302 and second.url == reverse("disputes:detail", args=[record.pk])


def test_the_edit_page_shows_the_records_own_date_not_today(daxi, village, admin_user, client_for, as_year):
    from tests.disputes.factories import DisputeFactory

    dispute = DisputeFactory(township=daxi, village=village, registered_on=datetime.date(2025, 3, 3))
    client = client_for(as_year(admin_user, 2025))
    form = client.get(reverse("disputes:edit", args=[dispute.pk])).context["form"]
    assert form["registered_on"].value() == datetime.date(2025, 3, 3)
