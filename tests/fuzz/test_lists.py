"""Every ledger's list and its export with generated query strings: its own filters, year, page, per_page, sort
and search given hostile values (20-digit ids, superscript digits, NUL, dates in every notation). Never a server
error."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import count, date_text, examples, hostile_text, huge_text, number_text
from tests.test_registry import FACTORIES, LEDGERS

pytestmark = pytest.mark.fuzz

COMMON = ["year", "page", "per_page", "sort", "q", "township", "format", "reveal"]


def queries(ledger):
    names = [*ledger.filterset_class.base_filters, *COMMON]
    sorts = [f"{sign}{name}" for name in ledger.sort_fields for sign in ("", "-")] or ["-date"]
    value = st.one_of(number_text(), hostile_text(), date_text(), st.sampled_from(sorts), st.just(""))
    single = st.dictionaries(st.sampled_from(names), value, min_size=1, max_size=5)
    return st.one_of(single, st.builds(lambda q, big: {**q, "q": big}, single, huge_text()))


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_a_list_and_its_export_with_any_query_are_answered(slug, cast, client_for, as_year):
    ledger = LEDGERS[slug]
    client = client_for(as_year(cast.admin_user, 2025))
    FACTORIES[slug](cast.daxi, cast.village)

    @examples("list")
    @given(query=queries(ledger), page=st.sampled_from(["list", "export"]))
    def check(query, page):
        count("list")
        response = client.get(reverse(f"{slug}:{page}"), query)
        assert response.status_code < 500

    check()
