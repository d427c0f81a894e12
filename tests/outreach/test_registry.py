"""What the lead's registry-wide tests ask of every ledger, asked of the outreach ledgers now: every role's
access to the list and the add form, exports that re-import with nothing changed, and figure links that are
filters their ledger understands."""

import pytest
from django.urls import reverse

from outreach import stats
from outreach.area import AREA
from tests.outreach.factories import (
    DemocracyVillageFactory,
    EventFactory,
    LegalInformantFactory,
    OnlinePostFactory,
    OnsiteServiceFactory,
    VenueFactory,
)
from township.ledger.exports import export_ledger
from township.ledger.importer import import_sheet
from township.sheets import parse_sheet, read_rows

LEDGERS = {ledger.slug: ledger for ledger in AREA.ledgers}
ROLES = ["admin", "clerk", "village_clerk", "leader", "county", "other_admin"]
TOWNSHIP_ONLY = {"outreach_posts", "outreach_occasions"}  # no village: a village clerk has no list of them


@pytest.fixture
def records(daxi, village, second_village):
    """Records of every outreach ledger in the village clerk's village (events: one shared with another)."""
    return [
        EventFactory(township=daxi, villages=[village], title="本村活动", target_groups=["minors", "public"],
                     other_groups="商户", by_legal_adviser=True, speaker="田静"),
        EventFactory(township=daxi, villages=[village, second_village], title="两村活动", place="村委会"),
        EventFactory(township=daxi, title="镇里活动", kind="broadcast", place="全镇", audience=None, materials=None),
        OnlinePostFactory(township=daxi, title="推送", reads=1236),
        VenueFactory(township=daxi, village=village, demonstration="named", named_on="2025-06-01"),
        LegalInformantFactory(township=daxi, village=village, status="left", left_on="2025-06-01"),
        OnsiteServiceFactory(township=daxi, village=village, village_adviser=True),
        DemocracyVillageFactory(township=daxi, village=village, named_in=2021, last_reviewed_in=2023),
    ]


@pytest.mark.parametrize("slug", list(LEDGERS))
@pytest.mark.parametrize("role", ROLES)
def test_every_role_on_every_ledger(records, users, client_for, as_year, slug, role):
    client = client_for(as_year(users[role], 2025))
    where = "?township=daxi" if role == "county" else ""  # the other admin works in their own township
    listed = client.get(reverse(f"{slug}:list") + where)
    expected = 404 if role == "village_clerk" and slug in TOWNSHIP_ONLY else 200
    assert listed.status_code == expected
    add = client.get(reverse(f"{slug}:add") + where).status_code
    may_add = role in {"admin", "clerk", "other_admin"} or (role == "village_clerk" and slug == "outreach_events")
    assert add == (200 if may_add else 404 if expected == 404 else 403)


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_export_then_import_changes_nothing(records, daxi, admin_user, slug):
    ledger = LEDGERS[slug]
    queryset = ledger.base_queryset(admin_user, daxi, 2025)
    assert queryset.exists()
    history = ledger.model.history.count()
    content, _mime, _name = export_ledger(ledger, township=daxi, user=admin_user, queryset=queryset, year=2025,
                                          reveal=False)
    resource = ledger.resource(township=daxi, user=admin_user)
    parsed = parse_sheet(read_rows(content, "export.xlsx"), resource.header_aliases(), resource.required_columns())
    outcome = import_sheet(resource, parsed, dry_run=False)
    assert outcome.error_rows == [] and outcome.counts["skip"] == queryset.count(), outcome.counts
    assert ledger.model.history.count() == history


def test_every_figure_links_to_filters_its_ledger_understands(records, daxi, admin_user, client_for):
    client = client_for(admin_user)
    for figure in stats.figures(daxi, 2025).values():
        ledger = LEDGERS[figure.ledger]
        understood = set(ledger.filterset_class.base_filters) | {"year"}
        assert set(figure.query) <= understood, (figure.key, figure.query)
        assert client.get(figure.url).status_code == 200, figure.key
