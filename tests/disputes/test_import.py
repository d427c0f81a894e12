"""The ledgers townships keep go in unchanged; a bad row names its sheet row and column, and nothing is written."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from disputes import rules
from disputes.models import Dispute, Petition
from disputes.resources import DisputeResource, PetitionResource
from tests.disputes.factories import MediatorFactory
from tests.helpers import upload, xlsx_bytes
from township.ledger.importer import import_sheet
from township.models import Person
from township.sheets import parse_sheet, read_rows
from township.workdays import WorkCalendar

D = datetime.date


def import_bytes(resource_class, township, data: bytes, name="sheet.xlsx", *, dry_run=False):
    resource = resource_class(township=township)
    parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), list(resource.required))
    return import_sheet(resource, parsed, dry_run=dry_run)


def edited(data: bytes, changes: dict[str, object]) -> bytes:
    """The sheet with some cells changed ({"Q6": value}), everything else (merged header …) as it was."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    for cell, value in changes.items():
        sheet[cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def errors_by_row(outcome) -> dict[int, list[tuple[str, str]]]:
    return {row.sheet_row: row.errors for row in outcome.error_rows}


# --- the sample sheets -------------------------------------------------------------------------------


def test_disputes_sample_imports_unchanged_with_every_date_notation(daxi_villages, daxi, sample):
    outcome = import_bytes(DisputeResource, daxi, sample("disputes-2025.xlsx"), "disputes-2025.xlsx")
    assert outcome.error_rows == [] and outcome.written
    assert outcome.counts["new"] == 12  # the totals row and the blank row are not records
    assert outcome.ignored_headers == []
    by_number = {d.number: d for d in Dispute.objects.filter(township=daxi)}
    assert by_number["DX-TJ-2025-001"].registered_on == D(2025, 5, 19)  # a date cell
    assert by_number["DX-TJ-2025-002"].registered_on == D(2025, 6, 17)  # 2025/6/17
    assert by_number["DX-TJ-2025-003"].registered_on == D(2025, 11, 11)  # 2025年11月11日
    assert by_number["DX-TJ-2025-004"].registered_on == D(2025, 3, 27)  # 2025.3.27
    assert by_number["DX-TJ-2025-005"].registered_on == D(2025, 1, 7)  # an Excel serial, 45664
    assert by_number["DX-TJ-2025-004"].amount == Decimal("3500")  # ３５００ in full-width digits
    assert by_number["DX-TJ-2025-001"].judicial_confirmation is True  # 是
    first = by_number["DX-TJ-2025-001"]
    assert (first.party_name, first.party_phone, first.party_id_number) == ("杨秀英", "19406813997", "500241198801085757")
    assert (first.category, first.source, first.village.name) == (rules.DisputeType.OTHER, rules.DisputeSource.FOUND, "大溪社区")
    assert (first.status, first.agreement_form, first.closed_on) == (rules.DISPUTE_SUCCEEDED, rules.AGREEMENT_WRITTEN, D(2025, 6, 2))


def test_disputes_sample_links_mediators_on_the_roster_and_keeps_the_other_names(daxi_villages, daxi, sample):
    mediator = MediatorFactory(township=daxi, person__name="白德文", person__township=daxi)
    import_bytes(DisputeResource, daxi, sample("disputes-2025.xlsx"))
    first = Dispute.objects.get(number="DX-TJ-2025-001")
    assert list(first.mediators.all()) == [mediator]
    assert first.other_mediators == ""
    assert Dispute.objects.get(number="DX-TJ-2025-008").other_mediators == "冉文军"
    assert Person.objects.filter(name="冉文军").count() == 0  # an import never adds people to the roster


def test_written_agreements_of_the_sample_are_imported_and_flagged_for_their_terms(daxi_villages, daxi, sample):
    import_bytes(DisputeResource, daxi, sample("disputes-2025.xlsx"))
    written = Dispute.objects.get(number="DX-TJ-2025-001")
    assert ("书面协议缺内容" in [label for label, _message in written.defects(D(2025, 7, 1))])


def test_petitions_sample_imports_unchanged_with_its_anonymous_letter_group_visit_and_extension(
    daxi_villages, daxi, sample
):
    outcome = import_bytes(PetitionResource, daxi, sample("petitions-2025.xlsx"), "petitions-2025.xlsx")
    assert outcome.error_rows == [] and outcome.written and outcome.counts["new"] == 8
    by_number = {p.number: p for p in Petition.objects.filter(township=daxi)}
    anonymous = by_number["DX-XF-2025-003"]
    assert anonymous.anonymous and anonymous.petitioner_name == "" and anonymous.phone == ""
    assert by_number["DX-XF-2025-006"].people_count == 3
    extended = by_number["DX-XF-2025-005"]
    assert (extended.extension_days, extended.extension_reason, extended.extension_approver) == (
        30, "涉及多部门协调，需进一步调查核实", "镇长")
    assert all(p.acceptance == rules.PETITION_ACCEPTED for p in by_number.values())


def test_petition_deadlines_computed_by_the_portal_match_the_sample_sheet(daxi_villages, daxi, sample):
    import_bytes(PetitionResource, daxi, sample("petitions-2025.xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(sample("petitions-2025.xlsx"))).worksheets[0]
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[1]]  # B 信访编号, M 办理期限, S 是否按期
    assert len(rows) == 8
    calendar = WorkCalendar()
    for row in rows:
        petition = Petition.objects.get(number=row[1])
        # the sheet counts 60 calendar days; the portal also moves a last day off a rest day (《民法典》第二百零三条):
        # DX-XF-2025-003's Saturday 26 April 2025 becomes Sunday 27 April, an adjusted working day
        assert petition.closing_due() == calendar.first_workday_on_or_after(row[12].date()), row[1]
        assert petition.closed_on_time() is (row[18] == "是"), row[1]


# --- header variants ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "village_header", "phone", "party"), [
    ("排查日期", "所在村（社区）", "联系电话", "当事人"),
    ("受理日期", "村（社区）", "电话", "姓名"),
    ("登记日期", "村别", "手机", "当事人姓名"),
    ("排查/受理日期", "村(社区)", "联系方式", "申请人"),
])
def test_dispute_header_variants_are_understood(daxi_villages, daxi, date, village_header, phone, party):
    headers = ["序号", "编号", date, "纠纷来源", "纠纷类型", village_header, party, phone, "调解结果"]
    data = xlsx_bytes(headers, [[1, "TJ-1", "2025-3-5", "排查发现", "邻里纠纷", "酉水村", "张三", "13800138000", ""]])
    outcome = import_bytes(DisputeResource, daxi, data)
    assert outcome.error_rows == [] and outcome.ignored_headers == []
    dispute = Dispute.objects.get(number="TJ-1")
    assert (dispute.registered_on, dispute.village.name, dispute.party_phone, dispute.party_name) == (
        D(2025, 3, 5), "酉水村", "13800138000", "张三")
    assert (dispute.category, dispute.status) == (rules.DisputeType.NEIGHBOURS, rules.DISPUTE_OPEN)


def test_a_header_that_was_not_understood_is_named(daxi_villages, daxi):
    headers = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "调解心得"]
    data = xlsx_bytes(headers, [["TJ-1", "2025-3-5", "排查发现", "邻里", "酉水村", "张三", "耐心"]])
    assert import_bytes(DisputeResource, daxi, data).ignored_headers == ["调解心得"]


# --- bad rows: a Chinese message naming the column and the sheet row; nothing written -----------------------

BAD_DISPUTE_CELLS = [  # cell of DX-TJ-2025-003 (sheet row 6), value, column named, words of the message
    ("Q6", "2025年11月10日", "结案日期", "结案日期不能早于排查（受理）日期"),
    ("C6", "2025-02-30", "排查日期", "无法识别"),
    ("F6", "大河村", "所在村（社区）", "本镇没有名为“大河村”的村（社区）"),
    ("E6", "宅基地", "纠纷类型", "不是可选值"),
    ("I6", "500241196105171645", "身份证号", "校验位"),
    ("H6", "1572974629", "联系电话", "联系电话格式不正确"),
    ("H6", "157****6290", "联系电话", "脱敏"),
    ("O6", "已调解", "调解结果", "不是可选值"),
]


@pytest.mark.parametrize(("cell", "value", "column", "words"), BAD_DISPUTE_CELLS)
def test_bad_dispute_row_names_column_and_sheet_row_and_nothing_is_written(
    daxi_villages, daxi, sample, cell, value, column, words
):
    outcome = import_bytes(DisputeResource, daxi, edited(sample("disputes-2025.xlsx"), {cell: value}))
    assert not outcome.written
    assert list(errors_by_row(outcome)) == [6]
    assert any(col == column and words in message for col, message in errors_by_row(outcome)[6]), outcome.error_rows
    assert Dispute.all_objects.count() == 0


BAD_PETITION_CELLS = [  # cells of DX-XF-2025-005 (sheet row 7)
    ({"N7": 31}, "延期天数", "延期不得超过30日"),
    ({"P7": None}, "延期批准人", "批准人"),
    ({"O7": None}, "延期理由", "延期理由"),
    ({"K7": datetime.datetime(2025, 2, 9)}, "受理日期", "受理日期不能早于来信来访日期"),
    ({"D7": "传呼"}, "渠道", "不是可选值"),
    ({"J7": "宅基地"}, "问题类别", "不是可选值"),
    ({"H7": "大河村"}, "所在村（社区）", "本镇没有名为“大河村”"),
]


@pytest.mark.parametrize(("changes", "column", "words"), BAD_PETITION_CELLS)
def test_bad_petition_row_names_column_and_sheet_row_and_nothing_is_written(
    daxi_villages, daxi, sample, changes, column, words
):
    outcome = import_bytes(PetitionResource, daxi, edited(sample("petitions-2025.xlsx"), changes))
    assert not outcome.written
    assert list(errors_by_row(outcome)) == [7]
    assert any(col == column and words in message for col, message in errors_by_row(outcome)[7]), outcome.error_rows
    assert Petition.all_objects.count() == 0


def test_extension_of_30_days_in_the_sheet_is_accepted_and_31_refused(daxi_villages, daxi, sample):
    assert import_bytes(PetitionResource, daxi, edited(sample("petitions-2025.xlsx"), {"N7": 30})).written
    assert not import_bytes(PetitionResource, daxi, edited(sample("petitions-2025.xlsx"), {"N7": 31})).written


def test_import_command_prints_each_bad_row_and_exits_non_zero_writing_nothing(daxi_villages, daxi, sample, tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(edited(sample("disputes-2025.xlsx"), {"F6": "大河村", "Q9": "2025-03-01"}))
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("import_ledger", "disputes", str(path), "--township", "daxi", stdout=io.StringIO(), stderr=stderr)
    assert exited.value.code == 1
    assert "第 6 行 · 所在村（社区）：本镇没有名为“大河村”的村（社区）" in stderr.getvalue()
    assert "第 9 行 · 结案日期：结案日期不能早于排查（受理）日期" in stderr.getvalue()
    assert Dispute.all_objects.count() == 0


def test_import_command_writes_the_petitions_sample(daxi_villages, daxi, sample, tmp_path):
    path = tmp_path / "petitions-2025.xlsx"
    path.write_bytes(sample("petitions-2025.xlsx"))
    stdout = io.StringIO()
    call_command("import_ledger", "petitions", str(path), "--township", "daxi", stdout=stdout)
    assert "新增 8" in stdout.getvalue()
    assert Petition.objects.filter(township=daxi).count() == 8


def test_bad_sheet_uploaded_in_the_browser_shows_the_row_errors_and_writes_nothing(
    daxi_villages, daxi, sample, clerk_user, client_for, media_root
):
    bad = edited(sample("petitions-2025.xlsx"), {"N7": 45})
    response = client_for(clerk_user).post(reverse("petitions:import"), {"file": upload("信访.xlsx", bad)})
    assert response.status_code == 400
    assert "延期不得超过30日" in response.content.decode()
    assert Petition.all_objects.count() == 0


def test_an_import_reads_the_working_day_calendar_once_not_once_a_row(daxi_villages, daxi, sample):
    """Each dispute's due dates are computed with the holiday calendar (CalendarDay); twelve rows, one read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        outcome = import_bytes(DisputeResource, daxi, sample("disputes-2025.xlsx"), "disputes-2025.xlsx")
    assert outcome.written and outcome.counts["new"] == 12
    calendar_reads = [q for q in queries.captured_queries if "township_calendarday" in q["sql"]]
    assert len(calendar_reads) == 1
    calendar = WorkCalendar()
    for dispute in Dispute.objects.filter(township=daxi):
        assert dispute.mediation_due_on == dispute.compute_due_dates(calendar)["mediation_due_on"]


@pytest.mark.parametrize(("typed", "stored"), [(";", ""), ("张三; 李四", "张三、李四"), ("张三，李四 王五", "张三、李四、王五"),
                                               ("冉文军", "冉文军")])
def test_other_mediators_are_stored_as_a_sheet_reads_them_back(typed, stored, db):
    """Found by the long fuzz run: 其他调解员 ";" saved through the form came back from the ledger's own export as
    an update (the import splits the names on ;，、 and spaces and joins them with 、)."""
    from tests.disputes.factories import DisputeFactory

    dispute = DisputeFactory(other_mediators=typed)
    dispute.clean()
    assert dispute.other_mediators == stored


def test_the_export_names_the_roster_mediators_then_the_others_and_not_a_deleted_one(db):
    """The export reads the roster's mediators from its own prefetch (a list on each dispute, docs/decisions/0021)."""
    from django.utils import timezone

    from disputes.views import DisputeLedger
    from tests.disputes.factories import DisputeFactory

    dispute = DisputeFactory(other_mediators="冉文军")
    kept = MediatorFactory(township=dispute.township, person__name="白德文")
    deleted = MediatorFactory(township=dispute.township, person__name="张离任", deleted_at=timezone.now())
    dispute.mediators.add(kept, deleted)
    headers, rows = DisputeLedger.resource(township=dispute.township).export_rows(Dispute.objects.filter(pk=dispute.pk))
    assert rows[0][headers.index("调解员")] == "白德文、冉文军" == "、".join(dispute.mediator_names())
