"""The dashboard's body is kept (in the process and in the shared cache) per state of the township's records, and
an edit through the ledger's own edit page changes what it shows at once (docs/decisions/0025)."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disputes.forms import DisputeForm
from reports import sources
from tests.disputes.factories import DisputeFactory
from tests.helpers import form_data
from township.cache import cached


def registered_figure(client, township) -> str:
    """The 排查矛盾纠纷 figure as the page prints it, read from the HTML (a kept body has no template context)."""
    label = str(sources.figures(township, 2025)["disputes.registered"].label)
    html = client.get(reverse("home")).content.decode()
    row = re.search(rf'<span title="[^"]*">{label}</span></th>\s*<td[^>]*>(?:<a [^>]*>)?([^<]+)<', html)
    assert row, html
    return row.group(1)


def edit(client, dispute, user, **changes):
    data = form_data(DisputeForm(instance=dispute, township=dispute.township, user=user)) | changes
    response = client.post(reverse("disputes:edit", args=[dispute.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def queries_of(client, path="/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_an_edit_through_the_edit_page_changes_the_dashboard_at_once(cast, client_for, as_year):
    client = client_for(as_year(cast.admin_user, 2025))
    first = DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
    DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 2))
    assert registered_figure(client, cast.daxi) == "2件"
    assert registered_figure(client, cast.daxi) == "2件"  # now from the kept body
    edit(client, first, cast.admin_user, registered_on="2024-04-01")  # moved out of the year
    assert registered_figure(client, cast.daxi) == "1件"


def test_another_townships_edit_keeps_this_townships_body(cast, client_for, as_year, other_admin_user):
    client = client_for(as_year(cast.admin_user, 2025))
    DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
    theirs = DisputeFactory(township=cast.other_township, village=cast.other_village,
                            registered_on=datetime.date(2025, 4, 1))
    client.get("/")
    warm = queries_of(client)
    edit(client_for(other_admin_user), theirs, other_admin_user, registered_on="2025-05-01")
    assert queries_of(client) == warm
    assert registered_figure(client, cast.daxi) == "1件"


def test_a_warm_dashboard_reads_the_session_the_user_and_role_and_the_tokens(cast, client_for, as_year):
    client = client_for(as_year(cast.admin_user, 2025))
    DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    statements = "\n".join(query["sql"] for query in queries.captured_queries)
    assert len(queries) == 4, statements  # session, user, membership with its township, the data tokens


def test_a_renamed_township_heads_its_dashboard_at_once(cast, client_for, as_year):
    client = client_for(as_year(cast.admin_user, 2025))
    assert "大溪镇" in client.get("/").content.decode()
    cast.daxi.name = "大溪街道"
    cast.daxi.save()
    assert "大溪街道" in client.get("/").content.decode()


def test_a_county_viewer_keeps_the_township_in_the_links_and_a_township_user_does_not(cast, client_for, as_year):
    admin = client_for(as_year(cast.admin_user, 2025))
    county = client_for(as_year(cast.county_user, 2025))
    assert "?township=daxi" not in admin.get("/").content.decode()
    assert "?township=daxi" in county.get("/?township=daxi").content.decode()
    assert "?township=daxi" not in admin.get("/").content.decode()


def test_what_a_reader_caches_before_the_write_commits_is_not_served_after_it(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        DisputeFactory(township=cast.daxi, village=cast.village, registered_on=datetime.date(2025, 4, 1))
        # what a reader on another connection may keep meanwhile: the new token, the rows not visible to it yet
        cached("figures", [cast.daxi.pk], lambda: "read before the commit", 2025)
    assert cached("figures", [cast.daxi.pk], lambda: "read after the commit", 2025) == "read after the commit"
