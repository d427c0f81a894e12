"""The township's case ledger goes in unchanged (after its certificates); a bad row names its sheet row and
column, nothing is written, never a 500; an export comes back with nothing changed."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from enforcement.models import EnforcementCase
from enforcement.resources import CaseResource
from enforcement.views import CaseLedger
from tests.enforcement.factories import CaseFactory
from tests.helpers import upload
from township.ledger.exports import export_ledger
from township.ledger.importer import import_sheet
from township.sheets import parse_sheet, read_rows

D = datetime.date
SAMPLE = "enforcement-cases-2025.xlsx"


def import_bytes(township, data: bytes, name="sheet.xlsx", *, dry_run=False, user=None):
    resource = CaseResource(township=township, user=user, ledger=CaseLedger)
    parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), resource.required_columns())
    return import_sheet(resource, parsed, dry_run=dry_run)


def edited(data: bytes, changes: dict[str, object]) -> bytes:
    """The sheet with some cells changed ({"J4": value}); the merged header and everything else as they were."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    for cell, value in changes.items():
        sheet[cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def errors_by_row(outcome) -> dict[int, list[tuple[str, str]]]:
    return {row.sheet_row: row.errors for row in outcome.error_rows}


def test_the_sample_ledger_imports_unchanged_after_the_certificates(daxi, roster, sample):
    outcome = import_bytes(daxi, sample(SAMPLE), SAMPLE)
    assert outcome.error_rows == [] and outcome.written
    assert outcome.counts["new"] == 7  # the blank row and the totals row are not cases
    assert outcome.ignored_headers == []
    cases = {case.number.removeprefix("大溪综执立〔2025〕"): case for case in EnforcementCase.objects.filter(township=daxi)}
    first = cases["1号"]
    assert (first.party_name, first.party_id_number, first.party_kind) == ("彭正权", "500241198903201077", "person")
    assert (first.decision_kind, first.decision_content, first.filed_on) == ("correction", "责令限期拆除", D(2025, 3, 3))
    assert {person.name for person in first.officers.all()} == {"龙文军", "刘桂兰"}
    company = cases["3号"]
    assert (company.party_kind, company.party_name, company.party_credit_code) == (
        "organisation", "秀山县大溪镇某商贸有限公司", "91500241MA60XK3L3W")
    assert (company.decision_kind, company.correction_ordered, company.amount) == ("fine", True, Decimal("20000"))
    assert company.decision_content == "罚款；责令限期拆除"  # the words as written, kept
    assert (company.legal_review_result, company.legal_review_opinion) == ("passed", "同意，事实清楚、证据确凿、程序合法")
    assert (company.is_major, company.hearing_requested, company.filed_on) == (True, True, D(2025, 5, 6))
    assert cases["4号"].amount == Decimal("3000")  # 3000元
    assert cases["4号"].filed_on == D(2025, 7, 14)  # 2025.7.14
    assert (cases["5号"].filed_on, cases["5号"].amount) == (D(2025, 9, 15), Decimal("1000"))  # Excel serials
    assert cases["6号"].decision_content == "责令停止建设、限期改正"
    still_open = cases["7号"]
    assert (still_open.decided_on, still_open.status_label()) == (None, "在办")
    assert {person.name for person in still_open.officers.all()} == {"吴小燕", "张海"}
    assert not any(case.reconsidered or case.litigated for case in cases.values())  # 复议/诉讼: 无


def test_the_sample_imports_again_with_nothing_changed(daxi, roster, sample):
    import_bytes(daxi, sample(SAMPLE), SAMPLE)
    versions = dict(EnforcementCase.objects.values_list("number", "version"))
    outcome = import_bytes(daxi, sample(SAMPLE), SAMPLE)
    assert outcome.counts == {"new": 0, "update": 0, "skip": 7, "invalid": 0}
    assert dict(EnforcementCase.objects.values_list("number", "version")) == versions


def test_an_export_imports_back_with_nothing_changed(daxi, roster, sample, admin_user):
    import_bytes(daxi, sample(SAMPLE), SAMPLE)
    CaseFactory(township=daxi, officers=[roster["冉家富"], roster["田维新"]], is_major=True,
                legal_review_on=D(2025, 3, 25), legal_review_result="passed", legal_review_opinion="事实清楚",
                collective_discussion_on=D(2025, 3, 28), party_id_number="500241198903201077", party_phone="13896650127",
                reconsidered=True, reconsideration_accepted_on=D(2025, 4, 20), reconsideration_decided_on=D(2025, 6, 1),
                reconsideration_outcome="upheld")
    history = sum(case.history.count() for case in EnforcementCase.objects.all())
    for reveal in (True, False):  # in full, and masked as a clerk who did not enter the cases exports it
        content, _mime, _name = export_ledger(CaseLedger, township=daxi, user=admin_user,
                                              queryset=EnforcementCase.objects.filter(township=daxi), year=2025,
                                              reveal=reveal)
        outcome = import_bytes(daxi, content, "export.xlsx")
        assert outcome.error_rows == []
        assert outcome.counts == {"new": 0, "update": 0, "skip": 8, "invalid": 0}
    assert sum(case.history.count() for case in EnforcementCase.objects.all()) == history


def test_the_sample_through_the_import_page_preview_then_confirm(client_for, clerk_user, roster, sample, media_root):
    client = client_for(clerk_user)
    preview = client.post("/enforcement/cases/import/", {"file": upload(SAMPLE, sample(SAMPLE))})
    assert preview.status_code == 200 and not EnforcementCase.objects.exists()
    token = preview.context["token"]
    done = client.post("/enforcement/cases/import/", {"token": token})
    assert done.status_code == 302 and EnforcementCase.objects.count() == 7
    again = client.post("/enforcement/cases/import/", {"token": token})  # the confirmation clicked twice
    assert again.status_code == 400 and EnforcementCase.objects.count() == 7


def test_import_ledger_command_takes_the_sample_and_its_dry_run_writes_nothing(daxi, roster, sample, tmp_path, capsys):
    path = tmp_path / SAMPLE
    path.write_bytes(sample(SAMPLE))
    call_command("import_ledger", "cases", str(path), "--township", "daxi", "--dry-run")
    assert not EnforcementCase.objects.exists()
    call_command("import_ledger", "cases", str(path), "--township", "daxi")
    assert "新增 7" in capsys.readouterr().out
    assert EnforcementCase.objects.count() == 7


def test_import_ledger_command_prints_each_bad_row_and_exits_non_zero(daxi, roster, sample, tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(edited(sample(SAMPLE), {"I5": "渝执500241001232、渝执500241009999"}))
    with pytest.raises(SystemExit) as exit_:
        call_command("import_ledger", "cases", str(path), "--township", "daxi")
    assert exit_.value.code == 1
    assert "第 5 行 · 执法证号：执法证号“渝执500241009999”不在本镇行政执法证件台账中" in capsys.readouterr().err
    assert not EnforcementCase.objects.exists()


@pytest.mark.parametrize(("cells", "row", "column", "words"), [
    ({"I4": "渝执500241001231、渝执500241009999"}, 4, "执法证号", "不在本镇行政执法证件台账中"),
    ({"H4": "龙文军、田维新"}, 4, "承办人员", "持证人是刘桂兰，不是田维新"),
    ({"H4": "龙文军", "I4": "渝执500241001231"}, 4, "执法证号", "两名以上执法人员"),
    # 陈文军's certificate expired on 19 December 2025: the case of 19 December is his last
    ({"H10": "吴小燕、陈文军", "I10": "渝执500241001715、渝执500241000876", "G10": "2025/12/20"}, 10, "执法证号",
     "陈文军在立案当日（2025-12-20）未持有有效的行政执法证件"),
    ({"E6": "秀山县大溪镇某商贸有限公司（91500241MA60XK3L3X）"}, 6, "当事人", "校验码"),
    ({"J5": "2025/4/17"}, 5, "决定日期", "早于告知日期"),
    ({"G4": 3}, 4, "立案日期", "早于2000年1月1日"),  # 3 in a date-formatted cell: Excel shows 1900-01-03
    ({"G4": "三月三日"}, 4, "立案日期", "无法识别"),
    ({"R7": "罚款、吊打"}, 7, "处罚种类", "无法识别"),
    ({"N6": "事实清楚"}, 6, "法制审核意见", "审核结论开头"),
    ({"X4": "不清楚"}, 4, "复议/诉讼", "应填“无”"),
    ({"S7": "三千"}, 7, "罚没金额（元）", "不是数字"),
])
def test_a_bad_row_is_refused_with_its_row_and_column_and_nothing_is_written(daxi, roster, sample, cells, row, column,
                                                                          words):
    outcome = import_bytes(daxi, edited(sample(SAMPLE), cells), SAMPLE)
    assert not outcome.written and not EnforcementCase.objects.exists()
    found = errors_by_row(outcome)
    assert list(found) == [row], found
    assert any(name == column and words in message for name, message in found[row]), found[row]


def test_a_sheet_before_the_certificates_says_to_import_them_first(daxi, sample):
    outcome = import_bytes(daxi, sample(SAMPLE), SAMPLE)
    assert not outcome.written and len(outcome.error_rows) == 7
    assert "请先导入执法证件" in outcome.error_rows[0].errors[0][1]


def test_another_townships_record_id_in_a_sheet_is_refused(daxi, other_township, roster, sample, admin_user):
    from tests.factories import PersonFactory
    from tests.governance.factories import CertificateFactory

    theirs = [PersonFactory(township=other_township, name=name) for name in ("石一", "石二")]
    for number, person in enumerate(theirs):
        CertificateFactory(township=other_township, holder=person, number=f"渝执5002419000{number}")
    foreign = CaseFactory(township=other_township, officers=theirs, number="石耶综执立〔2025〕1号")
    import_bytes(daxi, sample(SAMPLE), SAMPLE)
    content, _mime, _name = export_ledger(CaseLedger, township=daxi, user=admin_user,
                                          queryset=EnforcementCase.objects.filter(township=daxi), year=2025, reveal=True)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    id_column = [cell.value for cell in sheet[2]].index("系统编号") + 1
    sheet.cell(row=3, column=id_column, value=foreign.pk)
    sheet.cell(row=3, column=[cell.value for cell in sheet[2]].index("案由") + 1, value="改写他镇案件")
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = import_bytes(daxi, buffer.getvalue(), "export.xlsx")
    assert not outcome.written
    assert "不是本镇本台账中您可以修改的记录" in str(outcome.error_rows[0].errors)
    foreign.refresh_from_db()
    assert foreign.cause != "改写他镇案件" and foreign.township == other_township


def test_a_malformed_upload_is_a_clear_400_never_a_500(client_for, clerk_user, roster, media_root):
    client = client_for(clerk_user)
    for name, content in (("cases.xlsx", b"not a workbook"), ("cases.xls", b"\xd0\xcf\x11\xe0old"),
                          ("cases.csv", "序号,名称\n1,无关表格\n".encode())):
        response = client.post("/enforcement/cases/import/", {"file": upload(name, content)})
        assert response.status_code == 400, name
    assert not EnforcementCase.objects.exists()
