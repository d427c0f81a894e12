"""Sheets as they really come (issue 7, items 10-13): footers, formatting far below the data, zip bombs,
header variants, old .xls files and hidden rows. Each sheet here is a real .xlsx file.
"""

import io
import re
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from tests.helpers import rewrite_sheet_xml, upload, with_shared_strings, with_styled_empty_rows, xlsx_bytes
from township.ledger.importer import import_sheet
from township.models import Village
from township.sheets import SheetError, parse_sheet, read_rows

VILLAGE_HEADERS = ["村（社区）名称", "类型", "村民小组数", "网格数", "户数", "人口", "备注"]
TWELVE_VILLAGES = [[f"第{n}村", "村", 5, 7, 600 + n, 4000 + n, ""] for n in range(1, 13)]
FOOTERS = {
    "one cell": [["填表人：张三 审核人：李四 填表日期：2025年12月31日"]],
    "cells across the row": [["填报单位（盖章）：大溪镇人民政府", None, None, None, "填报日期：2025年12月31日"]],
    "signers and a note": [["填表人：冉小燕", None, None, "审核人：陈文军"], ["注：本表每季度末报镇法治办。"]],
    "seal and date": [["（盖章）", None, None, "2025年12月31日"], ["制表：张三", "联系电话：023-76661234"]],
}


@pytest.fixture
def admin(admin_user, client_for, media_root):
    return client_for(admin_user)


def import_bytes(resource_class, township, data: bytes, name="sheet.xlsx"):
    resource = resource_class(township=township)
    parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), list(resource.required))
    return import_sheet(resource, parsed, dry_run=False)


# --- item 10: footer rows are not records -------------------------------------------------------------


@pytest.mark.parametrize("footer", list(FOOTERS))
def test_footer_rows_under_the_data_are_skipped_and_shown_as_skipped(footer, admin, daxi):
    rows = TWELVE_VILLAGES[:3] + [[None] * 7] + FOOTERS[footer]
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", xlsx_bytes(VILLAGE_HEADERS, rows))})
    assert response.status_code == 200, response.context["outcome"].error_rows
    outcome = response.context["outcome"]
    assert [row.sheet_row for row in outcome.rows] == [3, 4, 5]
    footer_rows = list(range(7, 7 + len(FOOTERS[footer])))
    assert [skipped.sheet_row for skipped in outcome.skipped] == footer_rows
    page = response.content.decode()
    assert "已跳过（表尾" in page and f"另有 {len(footer_rows)} 行不是记录" in page
    admin.post(reverse("villages:import"), {"token": response.context["token"]})
    assert sorted(Village.objects.values_list("name", flat=True)) == ["第1村", "第2村", "第3村"]


def test_a_row_with_values_only_outside_the_ledgers_columns_is_skipped_not_refused(admin, daxi):
    headers = ["序号", *VILLAGE_HEADERS]
    rows = [[1, *TWELVE_VILLAGES[0]], ["大溪镇法治政府建设工作领导小组办公室　2025年2月"]]
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", xlsx_bytes(headers, rows))})
    assert response.status_code == 200
    assert [row.sheet_row for row in response.context["outcome"].rows] == [3]
    assert [row.sheet_row for row in response.context["outcome"].skipped] == [4]


def test_a_record_that_mentions_a_signer_is_still_a_record(admin, daxi):
    rows = [["大溪社区", "社区", 5, 7, 607, 4758, "审核人：李四"]]
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", xlsx_bytes(VILLAGE_HEADERS, rows))})
    assert [row.sheet_row for row in response.context["outcome"].rows] == [3]
    assert response.context["outcome"].skipped == []


# --- item 11: styled empty rows are not rows ------------------------------------------------------------


def test_twelve_records_with_borders_drawn_down_to_row_30000_import(admin, daxi):
    sheet = with_styled_empty_rows(xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES), until_row=30000, columns=7)
    assert openpyxl.load_workbook(io.BytesIO(sheet), read_only=True).worksheets[0].max_row == 30000
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", sheet)})
    assert response.status_code == 200, response.content.decode()[:500]
    assert [row.sheet_row for row in response.context["outcome"].rows] == list(range(3, 15))
    assert admin.post(reverse("villages:import"), {"token": response.context["token"]}).status_code == 302
    assert Village.objects.count() == 12


def test_reading_a_sheet_keeps_only_the_rows_that_hold_values():
    sheet = with_styled_empty_rows(xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES), until_row=30000, columns=7)
    tracemalloc.start()
    try:
        rows = read_rows(sheet, "v.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [number for number, _values in rows.rows] == list(range(1, 15))
    # openpyxl's ordinary reading keeps a cell object for each of the 210,000 bordered cells (over 100 MB)
    assert peak < 20 * 1024 * 1024, f"{peak / 1048576:.0f} MB"


def test_more_records_than_an_import_takes_are_still_refused(settings, admin, daxi, monkeypatch):
    monkeypatch.setattr("township.sheets.MAX_ROWS", 5)
    monkeypatch.setattr("township.sheets.MAX_SHEET_ROWS", 20)
    rows = [[f"村{n}", "村", 1, 1, 1, 1, ""] for n in range(30)]
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", xlsx_bytes(VILLAGE_HEADERS, rows))})
    assert response.status_code == 400
    assert "表格超过 5 行" in response.content.decode()


@pytest.mark.parametrize(("limit", "value"), [("MAX_XML_CELLS", 10_000), ("MAX_XML_ROWS", 1_000)])
def test_a_sheet_with_more_formatted_cells_than_the_reader_reads_is_refused_with_a_message(limit, value, monkeypatch):
    # the reading time follows the cells and rows in the XML, empty ones included: both are bounded
    monkeypatch.setattr(f"township.sheets.{limit}", value)
    sheet = with_styled_empty_rows(xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES), until_row=3000, columns=7)
    with pytest.raises(SheetError, match="表格中带格式的行或单元格过多.*请删除空白行、空白列的边框和底色等格式"):
        read_rows(sheet, "v.xlsx")


# --- item 12: a small file that unpacks to a large one ----------------------------------------------------


def test_a_sheet_that_unpacks_beyond_the_limit_is_refused_before_it_is_parsed(settings, admin, daxi):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = with_styled_empty_rows(xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES), until_row=12000, columns=7)
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert len(bomb) < settings.IMPORT_MAX_UNPACKED_BYTES < unpacked
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", bomb)})
    assert response.status_code == 400
    assert "表格解压后有 2 MB，超过 1 MB 的上限" in response.content.decode()
    assert Village.objects.count() == 0


def test_the_unpacked_limit_is_50_mb_unless_set(settings):
    from township import settings as portal_settings

    assert portal_settings.IMPORT_MAX_UNPACKED_BYTES == 50 * 1024 * 1024


def test_a_zip_whose_member_is_longer_than_it_declares_is_refused_as_damaged():
    sheet = xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES)
    # the central directory says the sheet is 100 bytes long: zipfile stops there and the CRC check fails
    name = b"xl/worksheets/sheet1.xml"
    archive = zipfile.ZipFile(io.BytesIO(sheet))
    info = archive.getinfo(name.decode())
    directory = sheet.rindex(b"PK\x01\x02", 0, sheet.index(name, sheet.index(b"PK\x01\x02")) + 1)
    forged = bytearray(sheet)
    forged[directory + 24 : directory + 28] = (100).to_bytes(4, "little")  # uncompressed size
    assert info.file_size > 100
    with pytest.raises(SheetError, match="无法作为 Excel 表格打开"):
        read_rows(bytes(forged), "v.xlsx")


# --- item 13: header variants, old .xls files, hidden rows ------------------------------------------------


@pytest.mark.parametrize("name", ["台账.xls", "台账.XLS", "台账.et"])
def test_an_old_xls_upload_is_told_to_save_it_as_xlsx(name, admin, daxi):
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    response = admin.post(reverse("villages:import"), {"file": upload(name, old_excel)})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "只能导入 Excel（.xlsx）或 CSV 文件。旧版 Excel（.xls）或 WPS（.et）文件请另存为 .xlsx 后再导入"
        "（在 Excel 或 WPS 中：文件 → 另存为 → Excel 工作簿）。"
    ]


def test_an_old_xls_renamed_to_xlsx_is_told_the_same(admin, daxi):
    response = admin.post(reverse("villages:import"), {"file": upload("台账.xlsx", b"\xd0\xcf\x11\xe0" + bytes(4096))})
    assert response.status_code == 400
    assert "请另存为 .xlsx" in response.content.decode()


def test_hidden_rows_are_imported_and_the_preview_says_how_many(admin, daxi):
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES[:4])))
    workbook.worksheets[0].row_dimensions[4].hidden = True
    workbook.worksheets[0].row_dimensions[6].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", buffer.getvalue())})
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert [row.sheet_row for row in outcome.rows] == [3, 4, 5, 6]
    assert outcome.hidden_rows == [4, 6]
    assert "其中 2 行在 Excel 中是隐藏的（第 4、6 行），同样会导入" in response.content.decode()
    admin.post(reverse("villages:import"), {"token": response.context["token"]})
    assert Village.objects.count() == 4


# --- the streaming reader reads what openpyxl reads --------------------------------------------------------


def test_cells_written_without_their_reference_land_in_their_column():
    sheet = xlsx_bytes(VILLAGE_HEADERS, [["大溪社区", "社区", 5, 7, 607, 4758, "备注"]])

    def drop_references(xml):  # row 3: A3 keeps its reference, an empty styled cell, then cells without one
        start = xml.index('<row r="3"')
        end = xml.index("</row>", start)
        cells = ('<row r="3"><c r="A3" t="inlineStr"><is><t>大溪社区</t></is></c><c r="B3" s="0"/>'
                 '<c t="inlineStr"><is><t>社区</t></is></c><c r="E3"><v>607</v></c><c/><c><v>4758</v></c>')
        return xml[:start] + cells + xml[end:]

    rows = dict(read_rows(rewrite_sheet_xml(sheet, drop_references), "v.xlsx").rows)
    assert rows[3] == ["大溪社区", None, "社区", None, 607, None, 4758]


def test_shared_strings_are_read_as_openpyxl_reads_them():
    sheet = xlsx_bytes(VILLAGE_HEADERS, [["大溪社区", "社区", 5, 7, 607, 4758, "x005F_备注"]])
    runs = ('<si><r><rPr><b/></rPr><t>大溪</t></r><r><t xml:space="preserve"> 社区</t></r>'
            '<rPh sb="0" eb="1"><t>daxi</t></rPh></si>')
    shared = with_shared_strings(sheet, rich={"大溪社区": runs})
    assert b"sharedStrings" in zipfile.ZipFile(io.BytesIO(shared)).read("[Content_Types].xml")
    expected = [list(row) for row in openpyxl.load_workbook(io.BytesIO(shared)).worksheets[0].iter_rows(values_only=True)]
    assert expected[2] == ["大溪 社区", "社区", 5, 7, 607, 4758, "备注"]
    assert [values for _number, values in read_rows(shared, "v.xlsx").rows][1:] == expected[1:]


def test_inline_strings_are_read_as_openpyxl_reads_them():
    sheet = xlsx_bytes(VILLAGE_HEADERS, [["大溪社区", "社区", 5, 7, 607, 4758, "备注"]])
    cells = {  # a plain text, runs with a phonetic guide, an empty text, no text at all, spaces kept
        "A3": '<is><r><rPr><b/></rPr><t>大溪</t></r><r><t xml:space="preserve"> 社区</t></r><rPh sb="0" eb="1"><t>daxi</t></rPh></is>',
        "B3": "<is><t>社区</t></is>", "C3": "<is><t></t></is>", "D3": "<is/>", "G3": '<is><t xml:space="preserve"> x005F_备注 </t></is>',
    }

    def inline(xml):
        for ref, content in cells.items():
            xml = re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', f'<c r="{ref}" t="inlineStr">{content}</c>', xml, count=1)
        return xml

    written = rewrite_sheet_xml(sheet, inline)
    expected = [list(row) for row in openpyxl.load_workbook(io.BytesIO(written)).worksheets[0].iter_rows(values_only=True)]
    assert expected[2][:4] == ["大溪 社区", "社区", "", ""] and expected[2][6] == " x005F_备注 "
    assert [values for _number, values in read_rows(written, "v.xlsx").rows][1:] == [
        [None if value == "" else value for value in row] for row in expected[1:]]  # an empty cell is no value


def test_import_ledger_prints_the_skipped_and_the_hidden_rows(daxi, tmp_path):
    from django.core.management import call_command

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(VILLAGE_HEADERS, TWELVE_VILLAGES[:2] + FOOTERS["one cell"])))
    workbook.worksheets[0].row_dimensions[4].hidden = True
    path = tmp_path / "villages.xlsx"
    workbook.save(path)
    out = io.StringIO()
    call_command("import_ledger", "villages", str(path), township="daxi", stdout=out)
    assert "第 5 行 · 已跳过（表尾签署栏）：填表人：张三" in out.getvalue()
    assert "其中 1 行在 Excel 中是隐藏的，同样导入：第 4 行" in out.getvalue()
    assert Village.objects.count() == 2
