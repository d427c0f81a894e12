"""Every ledger's form, built once in township.ledger (issue 12, item 10): fields in a grid with long ones on a
whole row, 请选择 for an empty choice, searchable multi-selects (Tom Select served from this host), an error
summary on top linking to each field, and dates in the year being worked on."""

import datetime
import re

from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from disputes.views import ConsultationLedger, DisputeLedger, MediatorLedger


def test_a_form_lays_its_fields_in_a_grid_with_long_ones_on_a_whole_row(client_for, admin_user, village):
    page = client_for(admin_user).get(reverse("disputes:add")).content.decode()
    assert 'class="card-body ledger-fields"' in page
    summary = re.search(r'<div id="div_id_summary" class="([^"]*)"', page).group(1)
    assert "field-wide" in summary.split()
    assert "field-wide" not in re.search(r'<div id="div_id_party_name" class="([^"]*)"', page).group(1).split()
    assert 'class="form-actions' in page  # the save bar, sticky in portal.css


def test_empty_choices_read_please_choose_not_dashes(client_for, admin_user, village):
    for url in (reverse("disputes:add"), reverse("mediators:add"), reverse("consultations:add")):
        page = client_for(admin_user).get(url).content.decode()
        assert "---------" not in page, url
        assert ">请选择</option>" in page, url


def test_people_lists_are_searchable_selects_from_local_files(client_for, admin_user, village):
    page = client_for(admin_user).get(reverse("disputes:add")).content.decode()
    mediators = re.search(r'<select name="mediators"[^>]*>', page).group(0)
    assert 'data-searchable="multiple"' in mediators and "multiple" in mediators
    assert re.search(r'<select name="village"[^>]*data-searchable="single"', page)
    assert '<script src="/static/tom-select/js/tom-select.complete.min.js">' in page
    assert '<link rel="stylesheet" href="/static/tom-select/css/tom-select.bootstrap5.min.css">' in page
    assert finders.find("tom-select/js/tom-select.complete.min.js")  # installed from npm (package.json)
    assert finders.find("tom-select/css/tom-select.bootstrap5.min.css")
    assert " style=" not in page and "<script>" not in page  # the Content-Security-Policy allows neither


def test_a_form_with_errors_starts_with_a_summary_linking_to_each_field(client_for, admin_user, village):
    response = client_for(admin_user).post(reverse("disputes:add"), {"version": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert page.index('id="error-summary"') < page.index('class="card ledger-form"')
    for field in ("registered_on", "source", "category", "village", "party_name"):
        assert f'href="#id_{field}"' in summary, field
    assert "当事人：" in summary


def test_forms_of_ledgers_that_declare_no_layout_get_the_same_grid(daxi, admin_user):
    for ledger in (ConsultationLedger, MediatorLedger, DisputeLedger):
        form = ledger.form_class(township=daxi, user=admin_user)
        helper = form.grid_helper
        assert helper.layout is not None and form.grid_helper is helper  # marked once


def test_a_new_record_is_dated_in_the_year_being_worked_on(client_for, admin_user, as_year, village):
    today = timezone.localdate()
    as_year(admin_user, today.year - 1)
    form = client_for(admin_user).get(reverse("disputes:add")).context["form"]
    assert form["registered_on"].value() == datetime.date(today.year - 1, today.month, min(today.day, 28))
    as_year(admin_user, today.year)
    assert client_for(admin_user).get(reverse("disputes:add")).context["form"]["registered_on"].value() == today
