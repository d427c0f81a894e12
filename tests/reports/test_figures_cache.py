"""The dashboard's figures come from the cache, and a write to a record they count changes them at once."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import sources
from tests.disputes.factories import DisputeFactory


def figure(client, key):
    rows = client.get(reverse("home")).context["figures"]
    return next(row["printed"] for row in rows if row["figure"].key == key)


def test_a_cached_figure_changes_at_once_when_a_record_changes(cast, client_for, as_year):
    client = client_for(as_year(cast.admin_user, 2025))
    dispute = DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
    assert figure(client, "disputes.registered") == "1件"
    second = DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 2))
    assert figure(client, "disputes.registered") == "2件"
    dispute.registered_on = datetime.date(2024, 4, 1)  # an edit that moves a record out of the year
    dispute.save()
    assert figure(client, "disputes.registered") == "1件"
    second.deleted_at = second.created_at  # a (soft) delete
    second.save()
    assert figure(client, "disputes.registered") == "0件"


def test_the_second_reading_asks_the_stats_nothing(cast):
    DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
    first = sources.figures_by_app(cast.daxi, 2025)
    with CaptureQueriesContext(connection) as queries:
        again = sources.figures_by_app(cast.daxi, 2025)
    assert again == first
    assert len(queries) <= 2  # the townships' data tokens and the cached value, nothing of the ledgers


def test_another_townships_write_keeps_this_townships_figures(cast, other_township):
    sources.figures_by_app(cast.daxi, 2025)
    DisputeFactory(township=other_township, registered_on=datetime.date(2025, 4, 1))
    with CaptureQueriesContext(connection) as queries:
        sources.figures_by_app(cast.daxi, 2025)
    assert len(queries) <= 2
