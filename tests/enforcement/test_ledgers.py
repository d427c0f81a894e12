"""Every enforcement ledger as the registry-wide checks see it: every page opens for those who read it and
answers the others as township.access says; an export imports back with nothing changed."""

import datetime

import pytest

from enforcement.area import AREA
from enforcement.models import EnforcementCase, Recording
from tests.enforcement.factories import (
    CampaignFactory,
    CaseFactory,
    EquipmentFactory,
    LegalityReviewFactory,
    MajorDecisionFactory,
    RecordingFactory,
    SurveyFactory,
)
from tests.helpers import read_xlsx, xlsx_bytes
from township.ledger.exports import export_ledger
from township.ledger.importer import import_sheet
from township.sheets import parse_sheet, read_rows

D = datetime.date
LEDGERS = {ledger.slug: ledger for ledger in AREA.ledgers}


@pytest.fixture
def records(daxi, officers, village):
    """One record of every ledger in Daxi, the case with every personal field filled."""
    case = CaseFactory(township=daxi, officers=officers, party_id_number="500241198903201077",
                       party_phone="13896650127", village=village)
    camera = EquipmentFactory(township=daxi, keeper=officers[0])
    campaign = CampaignFactory(township=daxi)
    campaign.villages.set([village])
    return {
        "cases": case, "equipment": camera, "campaigns": campaign,
        "recordings": RecordingFactory(case=case, device=camera),
        "surveys": SurveyFactory(township=daxi),
        "major_decisions": MajorDecisionFactory(township=daxi),
        "legality_reviews": LegalityReviewFactory(township=daxi, filing_required=True, filed_on=D(2025, 3, 20)),
        "violation_types": case.category,
    }


@pytest.mark.parametrize("slug", sorted(LEDGERS))
def test_every_page_of_every_ledger_opens_for_the_admin(client_for, admin_user, records, slug, as_year, media_root):
    as_year(admin_user, 2025)
    client = client_for(admin_user)
    segment, pk = LEDGERS[slug].url_segment, records[slug].pk
    pages = ["", "add/", "export/", "export/?format=csv", "import/", "import/template/", "deleted/", f"{pk}/",
             f"{pk}/edit/", f"{pk}/delete/"]
    for page in pages:
        response = client.get(f"/enforcement/{segment}/{page}")
        assert response.status_code == 200, (slug, page, response.status_code)
    assert client.get("/enforcement/").status_code == 200


@pytest.mark.parametrize(("role", "list_status", "add_status", "edit_status"), [
    ("anonymous", 302, 302, 302), ("clerk", 200, 200, 200), ("leader", 200, 403, 403), ("county", 200, 403, 403),
    ("village_clerk", 404, 404, 404), ("other_admin", 200, 200, 404),
])
@pytest.mark.parametrize("slug", sorted(LEDGERS))
def test_who_reads_and_who_enters_each_ledger(client_for, users, records, slug, role, list_status, add_status,
                                             edit_status):
    client = client_for(None if role == "anonymous" else users[role])
    base = f"/enforcement/{LEDGERS[slug].url_segment}/"
    query = "?township=daxi" if role == "county" else ""
    assert client.get(f"{base}{query}").status_code == list_status
    assert client.get(f"{base}add/{query}").status_code == add_status
    assert client.get(f"{base}{records[slug].pk}/edit/{query}").status_code == edit_status


@pytest.mark.parametrize("slug", sorted(LEDGERS))
def test_an_export_imports_back_with_nothing_changed(daxi, admin_user, records, slug):
    ledger = LEDGERS[slug]
    content, _mime, _name = export_ledger(ledger, township=daxi, user=admin_user,
                                          queryset=ledger.model.objects.filter(township=daxi), year=2025, reveal=False)
    resource = ledger.resource(township=daxi, user=admin_user)
    parsed = parse_sheet(read_rows(content, "export.xlsx"), resource.header_aliases(), resource.required_columns())
    outcome = import_sheet(resource, parsed, dry_run=False)
    assert outcome.error_rows == [], outcome.error_rows
    assert outcome.counts["new"] == outcome.counts["update"] == 0, outcome.counts


def test_a_recording_by_a_retired_device_is_refused(daxi, records):
    camera = records["equipment"]
    camera.retired_on, camera.status = D(2025, 3, 1), "retired"
    camera.save()
    headers = ["案号", "执法环节", "记录日期", "记录设备"]
    data = xlsx_bytes(headers, [[records["cases"].number, "决定", "2025-03-31", camera.number]])
    resource = LEDGERS["recordings"].resource(township=daxi)
    outcome = import_sheet(resource, parse_sheet(read_rows(data, "r.xlsx"), resource.header_aliases(),
                                                 resource.required_columns()), dry_run=False)
    assert not outcome.written and "不在用" in str(outcome.error_rows[0].errors)
    assert Recording.objects.count() == 1


def test_a_hearing_notified_six_working_days_ahead_in_a_sheet_is_refused(daxi, admin_user, records):
    case = records["cases"]
    content, _mime, _name = export_ledger(LEDGERS["cases"], township=daxi, user=admin_user,
                                          queryset=EnforcementCase.objects.filter(pk=case.pk), year=2025, reveal=True)
    rows = read_xlsx(content)
    headers = rows[1]
    row = dict(zip(headers, rows[2], strict=True))
    row.update({"是否听证": "是", "听证通知送达日期": "2025/3/21", "听证举行日期": "2025/3/28", "是否重大案件": "是",
                "法制审核日期": "2025/3/30", "法制审核意见": "同意"})
    data = xlsx_bytes(headers[1:], [[row[h] for h in headers[1:]]])
    resource = LEDGERS["cases"].resource(township=daxi)
    outcome = import_sheet(resource, parse_sheet(read_rows(data, "c.xlsx"), resource.header_aliases(),
                                                 resource.required_columns()), dry_run=False)
    assert not outcome.written
    assert ("听证举行日期", "听证通知应在举行听证的7个工作日前送达：2025-03-21送达通知，最早可于2025-04-01举行听证"
            "（《行政处罚法》第六十四条、第八十五条）。") in outcome.error_rows[0].errors
    case.refresh_from_db()
    assert case.hearing_requested is False
