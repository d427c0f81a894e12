"""Every ledger's add and edit form, posted through the real views with generated values in any of its fields:
never a server error; a refused post writes nothing (and an edit leaves the record as it was); an accepted
record opens on its detail page."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import count, examples, form_value, outcome
from tests.helpers import form_data
from tests.test_registry import FACTORIES, LEDGERS, database_state, fresh_payload

pytestmark = pytest.mark.fuzz


def mutations(ledger):
    """{field: value} for some of the form's fields (and a few names the form does not have)."""
    names = [*ledger.form_class.base_fields, "version", "_submission", "township", "id", "deleted_at"]
    return st.dictionaries(st.sampled_from(names), form_value(), min_size=1, max_size=4)


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_an_add_form_with_any_values_is_answered_and_writes_only_when_accepted(slug, cast, client_for, as_year,
                                                                            media_root):
    ledger, make = LEDGERS[slug], FACTORIES[slug]
    client = client_for(as_year(cast.admin_user, 2025))
    base = fresh_payload(ledger, make, cast.daxi, cast.village)

    @examples("form")
    @given(changes=mutations(ledger))
    def check(changes):
        count("form")
        before = database_state()
        response = client.post(reverse(f"{slug}:add"), {**base, **changes})
        assert response.status_code < 500
        outcome(f"form {response.status_code}")
        if response.status_code >= 400:
            assert database_state() == before, "a refused add wrote to the database"
        elif response.status_code == 302 and "/add/" not in response.url:
            assert client.get(response.url).status_code == 200, "the saved record does not open"

    check()


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_an_edit_form_with_any_values_is_answered_and_a_refused_one_changes_nothing(slug, cast, client_for,
                                                                                  as_year, media_root):
    ledger, make = LEDGERS[slug], FACTORIES[slug]
    client = client_for(as_year(cast.admin_user, 2025))
    record = make(cast.daxi, cast.village)
    model = type(record)

    @examples("edit")
    @given(changes=mutations(ledger))
    def check(changes):
        count("edit")
        current = model.all_objects.get(pk=record.pk)
        base = form_data(ledger.form_class(instance=current, township=cast.daxi))
        before = database_state()
        response = client.post(reverse(f"{slug}:edit", args=[record.pk]), {**base, **changes})
        assert response.status_code < 500
        outcome(f"edit {response.status_code}")
        if response.status_code >= 400:
            assert database_state() == before
            assert model.all_objects.get(pk=record.pk).version == current.version, "a refused edit saved"
        else:
            assert client.get(reverse(f"{slug}:detail", args=[record.pk])).status_code == 200

    check()
