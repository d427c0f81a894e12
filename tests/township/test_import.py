"""Import and export of the villages and people ledgers: the real sample sheets, bad sheets, round trips.

An import writes every row or none (DESIGN.md §4); a bad sheet gets a Chinese message naming the sheet
row and column and a 4xx status, never a 500 (issue 2, "Bad input").
"""

import csv
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import PersonFactory, VillageFactory
from tests.helpers import read_xlsx, upload, xlsx_bytes
from township.ledger.widgets import parse_flexible_date
from township.models import Person, Village

DATA = Path(__file__).with_name("data")
VILLAGES_SHEET = DATA / "villages.xlsx"
PEOPLE_SHEET = DATA / "people.xlsx"
SAMPLE_VILLAGES = ["大溪社区", "酉水村", "丰联村", "兴隆村", "清泉村", "茶园村"]
VILLAGE_HEADERS = ["村（社区）名称", "类型", "村民小组数", "网格数", "户数", "人口", "备注", "系统编号"]
CHINESE = "\u4e00-\u9fff"


def written_state():
    """Everything an import could write: records and their history."""
    return (
        Village.all_objects.count(), Person.all_objects.count(), Village.history.count(), Person.history.count()
    )


def sample(path: Path):
    return upload(path.name, path.read_bytes())


def preview_and_confirm(client, ledger: str, file):
    preview = client.post(reverse(f"{ledger}:import"), {"file": file})
    assert preview.status_code == 200, preview.content.decode()[:2000]
    token = preview.context["token"]
    assert token
    confirm = client.post(reverse(f"{ledger}:import"), {"token": token})
    return preview, confirm


def error_page_text(response) -> str:
    return response.content.decode()


@pytest.fixture
def admin(admin_user, client_for, media_root):
    """The admin's client, in a Daxi without villages or people yet."""
    return client_for(admin_user)


# --- the real sample sheets ------------------------------------------------------------------------

def test_sample_villages_sheet_previews_every_row_then_writes_on_confirm(admin, daxi):
    preview = admin.post(reverse("villages:import"), {"file": sample(VILLAGES_SHEET)})
    assert preview.status_code == 200
    outcome = preview.context["outcome"]
    assert [row.sheet_row for row in outcome.rows] == [3, 4, 5, 6, 7, 8]
    assert [row.action for row in outcome.rows] == ["new"] * 6
    page = preview.content.decode()
    for name in SAMPLE_VILLAGES:
        assert name in page
    assert "确认导入" in page
    assert written_state() == (0, 0, 0, 0), "the preview wrote records"
    confirm = admin.post(reverse("villages:import"), {"token": preview.context["token"]})
    assert confirm.status_code == 302 and confirm["Location"] == reverse("villages:list")
    villages = {v.name: v for v in Village.objects.filter(township=daxi)}
    assert sorted(villages) == sorted(SAMPLE_VILLAGES)
    assert villages["大溪社区"].kind == Village.Kind.COMMUNITY
    assert (villages["茶园村"].group_count, villages["茶园村"].households, villages["茶园村"].population) == (
        12, 1153, 3936
    )


def test_sample_people_sheet_imports_with_village_names_resolved(admin, daxi, admin_user):
    preview_and_confirm(admin, "villages", sample(VILLAGES_SHEET))
    preview, confirm = preview_and_confirm(admin, "people", sample(PEOPLE_SHEET))
    assert len(preview.context["outcome"].rows) == 9
    assert confirm.status_code == 302
    assert Person.objects.filter(township=daxi).count() == 9
    lawyer = Person.objects.get(name="吴明")
    assert lawyer.village.name == "兴隆村"
    assert lawyer.kind == Person.Kind.LEGAL_WORKER
    assert lawyer.legal_background is True
    assert lawyer.phone == "18420062992"
    assert Person.objects.get(name="向桂兰").village is None
    assert lawyer.history.get().history_user == admin_user


def test_import_ledger_command_imports_the_sample_sheets(daxi):
    out = io.StringIO()
    call_command("import_ledger", "villages", str(VILLAGES_SHEET), township="daxi", stdout=out)
    call_command("import_ledger", "people", str(PEOPLE_SHEET), township="daxi", stdout=out)
    assert Village.objects.filter(township=daxi).count() == 6
    assert Person.objects.filter(township=daxi).count() == 9
    assert "新增 6" in out.getvalue() and "新增 9" in out.getvalue()


def test_import_ledger_dry_run_writes_nothing(daxi):
    out = io.StringIO()
    call_command("import_ledger", "villages", str(VILLAGES_SHEET), township="daxi", dry_run=True, stdout=out)
    assert "新增 6" in out.getvalue() and "试运行" in out.getvalue()
    assert written_state() == (0, 0, 0, 0)


def test_importing_a_sheet_again_updates_instead_of_duplicating(admin, daxi):
    preview_and_confirm(admin, "villages", sample(VILLAGES_SHEET))
    changed = read_xlsx(VILLAGES_SHEET.read_bytes())
    changed[2][5] = 700  # 大溪社区 户数 607 → 700
    sheet = xlsx_bytes(changed[1], changed[2:], title=changed[0][0])
    preview, _confirm = preview_and_confirm(admin, "villages", upload("v.xlsx", sheet))
    assert [row.action for row in preview.context["outcome"].rows] == ["update"] + ["skip"] * 5
    assert Village.objects.count() == 6
    assert Village.objects.get(name="大溪社区").households == 700


# --- one bad row: nothing written, the row and column named ----------------------------------------

def village_rows():
    return [
        ["大溪社区", "社区", 5, 7, 607, 4758, ""],
        ["酉水村", "村", 5, 8, 650, 1736, ""],
        ["丰联村", "村", 10, 5, 594, 3101, ""],
    ]


def bad_village_sheets():
    not_a_number = village_rows()
    not_a_number[1][4] = "很多"  # 户数 of the sheet's row 4
    duplicate = [*village_rows(), ["酉水村", "村", 1, 1, 1, 1, ""]]
    bad_kind = village_rows()
    bad_kind[2][1] = "街道"
    return {
        "非数字户数": (not_a_number, 4, "户数", "不是整数"),
        "重复名称": (duplicate, 6, "村（社区）名称", "与第 4 行重复"),
        "未知类型": (bad_kind, 5, "类型", "不是可选值"),
    }


@pytest.mark.parametrize("case", list(bad_village_sheets()))
def test_village_sheet_with_one_bad_row_is_refused_naming_row_and_column(case, admin, daxi):
    rows, sheet_row, column, message = bad_village_sheets()[case]
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", xlsx_bytes(VILLAGE_HEADERS, rows))})
    assert response.status_code == 400
    outcome = response.context["outcome"]
    bad = outcome.error_rows
    assert [row.sheet_row for row in bad] == [sheet_row]
    assert any(col == column and message in text for col, text in bad[0].errors), bad[0].errors
    page = response.content.decode()
    assert f'id="row-{sheet_row}"' in page
    assert f"{column}：" in page
    assert "本次没有写入任何数据" in page
    assert not response.context["token"], "a sheet with errors must not be confirmable"
    assert written_state() == (0, 0, 0, 0)


def test_people_sheet_naming_an_unknown_village_is_refused(admin, daxi, village):
    before = written_state()
    rows = [
        ["向桂兰", "女", "镇党委", "党委书记", "镇干部", "中共党员", "否", "15287312667", ""],
        ["彭海波", "男", "大溪社区", "党支部书记", "村干部", "中共党员", "否", "15054024652", "大溪社区"],
        ["冉明", "男", "不存在村", "村委会主任", "村干部", "中共党员", "否", "15010539611", "不存在村"],
    ]
    headers = ["姓名", "性别", "单位", "职务", "人员类别", "政治面貌", "法律专业背景", "联系电话", "所在村（社区）"]
    response = admin.post(reverse("people:import"), {"file": upload("p.xlsx", xlsx_bytes(headers, rows))})
    assert response.status_code == 400
    (bad,) = response.context["outcome"].error_rows
    assert bad.sheet_row == 5
    assert bad.errors == [("所在村（社区）", "本镇没有名为“不存在村”的村（社区）")]
    assert "本镇没有名为“不存在村”的村（社区）" in response.content.decode()
    assert written_state() == before


def test_import_ledger_command_exits_non_zero_and_prints_the_bad_row(daxi, tmp_path, capsys):
    rows = village_rows()
    rows[2][4] = "很多"
    path = tmp_path / "villages.xlsx"
    path.write_bytes(xlsx_bytes(VILLAGE_HEADERS, rows))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_ledger", "villages", str(path), township="daxi")
    assert exit_info.value.code not in (0, None)
    err = capsys.readouterr().err
    assert "第 5 行 · 户数：“很多”不是整数" in err
    assert "没有写入任何数据" in err
    assert written_state() == (0, 0, 0, 0)


def test_import_ledger_command_refuses_an_unreadable_file_with_a_message(daxi, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "villages.xlsx"
    path.write_bytes(os.urandom(1000))
    with pytest.raises(CommandError, match="无法作为 Excel 表格打开"):
        call_command("import_ledger", "villages", str(path), township="daxi")


def test_impossible_date_is_refused_with_a_chinese_message():
    # villages and people have no date column; every dated ledger uses this same parser
    for text in ["2025-02-30", "2025年13月1日", "2025.2.29"]:
        with pytest.raises(ValueError, match="无法识别"):
            parse_flexible_date(text)
    assert parse_flexible_date("2024.2.29").isoformat() == "2024-02-29"


# --- files that are not a good sheet ---------------------------------------------------------------

def empty_workbook() -> bytes:
    return xlsx_bytes([], [], title=None)


BAD_FILES = {
    "空白表格": ("v.xlsx", empty_workbook, "没有找到表头行"),
    "只有表头": ("v.xlsx", lambda: xlsx_bytes(VILLAGE_HEADERS, []), "没有数据行"),
    "缺少必填列": ("v.xlsx", lambda: xlsx_bytes(["类型", "户数"], [["村", 5]]), "表格缺少必填列：村（社区）名称"),
    "随机字节": ("v.xlsx", lambda: os.urandom(4096), "无法作为 Excel 表格打开"),
    "损坏的表格": ("v.xlsx", lambda: damaged_xlsx(), "无法作为 Excel 表格打开"),
    "文本文件": ("v.txt", lambda: "村（社区）名称\n大溪社区\n".encode(), "只能导入"),
    "旧版xls": ("v.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "只能导入"),
    "空文件": ("v.xlsx", lambda: b"", "空文件"),
    "乱码CSV": ("v.csv", lambda: bytes(range(128, 256)) * 4, "编码"),
    "超长单元格CSV": ("v.csv", lambda: ("村（社区）名称,备注\n大溪社区,\"" + "长" * 200_000 + "\"\n").encode(), "CSV 文件格式有误"),
}


def damaged_xlsx() -> bytes:
    """A real .xlsx whose workbook part is cut off: openpyxl fails inside its XML parser."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(VILLAGE_HEADERS, village_rows())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, content[: len(content) // 2] if item.filename == "xl/workbook.xml" else content)
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_unusable_file_gets_a_chinese_message_and_400(case, admin, daxi):
    name, content, message = BAD_FILES[case]
    response = admin.post(reverse("villages:import"), {"file": upload(name, content())})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert written_state() == (0, 0, 0, 0)


def village_csv(line_end: str) -> str:
    lines = [",".join(VILLAGE_HEADERS)] + [",".join(str(v) for v in row) for row in village_rows()]
    return line_end.join(lines) + line_end


@pytest.mark.parametrize(("encoding", "line_end"), [
    pytest.param("utf-8-sig", "\r\n", id="utf8-bom-windows"),
    pytest.param("gb18030", "\r\n", id="gbk-from-chinese-excel"),
    pytest.param("utf-8", "\r", id="old-mac-line-ends"),
])
def test_csv_sheets_of_chinese_excel_import(encoding, line_end, admin, daxi):
    content = village_csv(line_end).encode(encoding)
    preview, confirm = preview_and_confirm(admin, "villages", upload("村.csv", content))
    assert [row.sheet_row for row in preview.context["outcome"].rows] == [2, 3, 4]
    assert confirm.status_code == 302
    assert sorted(Village.objects.values_list("name", flat=True)) == sorted(["大溪社区", "酉水村", "丰联村"])


def test_oversize_upload_is_refused_before_reading(admin, daxi, settings):
    settings.IMPORT_MAX_BYTES = 1024
    big = xlsx_bytes(VILLAGE_HEADERS, village_rows() * 20) + bytes(2048)
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", big)})
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert written_state() == (0, 0, 0, 0)


def test_confirming_an_unknown_or_used_token_is_refused(admin, daxi):
    response = admin.post(reverse("villages:import"), {"token": "not-a-token"})
    assert response.status_code == 400
    assert "已过期" in response.content.decode()
    preview, confirm = preview_and_confirm(admin, "villages", sample(VILLAGES_SHEET))
    assert confirm.status_code == 302
    again = admin.post(reverse("villages:import"), {"token": preview.context["token"]})
    assert again.status_code == 400
    assert Village.objects.count() == 6


def test_confirming_when_the_pending_file_is_gone_is_refused_not_a_crash(admin, daxi, media_root):
    preview = admin.post(reverse("villages:import"), {"file": sample(VILLAGES_SHEET)})
    for pending in (Path(media_root) / "imports").iterdir():
        pending.unlink()
    response = admin.post(reverse("villages:import"), {"token": preview.context["token"]})
    assert response.status_code == 400
    assert Village.objects.count() == 0


def test_a_preview_token_of_one_ledger_cannot_confirm_another(admin, daxi):
    preview = admin.post(reverse("villages:import"), {"file": sample(VILLAGES_SHEET)})
    response = admin.post(reverse("people:import"), {"token": preview.context["token"]})
    assert response.status_code == 400
    assert written_state() == (0, 0, 0, 0)


# --- export ----------------------------------------------------------------------------------------

def test_export_has_the_title_row_and_chinese_headers(admin, daxi, village):
    response = admin.get(reverse("villages:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_xlsx(response.content)
    assert rows[0][0] == "大溪镇村（社区）"
    assert rows[1] == ["序号", *VILLAGE_HEADERS]
    assert rows[2][:7] == [1, "大溪社区", "社区", 5, 3, 607, 4758]


def test_export_follows_the_list_filters(admin, daxi, village, second_village):
    response = admin.get(reverse("villages:export"), {"kind": "community"})
    assert [row[1] for row in read_xlsx(response.content)[2:]] == ["大溪社区"]
    response = admin.get(reverse("villages:export"), {"q": "酉水"})
    assert [row[1] for row in read_xlsx(response.content)[2:]] == ["酉水村"]


def test_csv_export_is_utf8_with_bom_in_the_import_layout(admin, daxi, village):
    response = admin.get(reverse("villages:export"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["序号", *VILLAGE_HEADERS]
    assert rows[1][1] == "大溪社区"


def test_export_then_reimport_changes_nothing(admin, daxi, village, second_village, person):
    PersonFactory(township=daxi, village=None, name="向桂兰", gender="", legal_background=True, active=False)
    before = written_state()
    for ledger in ["villages", "people"]:
        for fmt in ["xlsx", "csv"]:
            exported = admin.get(reverse(f"{ledger}:export"), {"format": fmt})
            preview, confirm = preview_and_confirm(admin, ledger, upload(f"export.{fmt}", exported.content))
            outcome = preview.context["outcome"]
            assert outcome.rows and {row.action for row in outcome.rows} == {"skip"}, (ledger, fmt, outcome.rows)
            assert confirm.status_code == 302
    assert written_state() == before


@pytest.mark.parametrize("note", ["=1+1", "+86 123", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\")"])
def test_export_neutralises_formula_cells_and_reimport_restores_them(note, admin, daxi):
    VillageFactory(township=daxi, name="公式村", note=note)
    exported = admin.get(reverse("villages:export"))
    cell = read_xlsx(exported.content)[2][VILLAGE_HEADERS.index("备注") + 1]
    assert cell == "'" + note
    csv_rows = list(csv.reader(io.StringIO(admin.get(reverse("villages:export"), {"format": "csv"}).content.decode("utf-8-sig"))))
    assert csv_rows[1][VILLAGE_HEADERS.index("备注") + 1] == "'" + note
    Village.objects.filter(name="公式村").update(note="改过")
    _preview, confirm = preview_and_confirm(admin, "villages", upload("export.xlsx", exported.content))
    assert confirm.status_code == 302
    assert Village.objects.get(name="公式村").note == note


def test_export_ledger_command_writes_the_import_layout(daxi, village, tmp_path):
    path = tmp_path / "villages.xlsx"
    call_command("export_ledger", "villages", township="daxi", output=str(path), stdout=io.StringIO())
    rows = read_xlsx(path.read_bytes())
    assert rows[1] == ["序号", *VILLAGE_HEADERS] and rows[2][1] == "大溪社区"
    out = io.StringIO()
    call_command("import_ledger", "villages", str(path), township="daxi", stdout=out)
    assert "未变化 1" in out.getvalue()


def test_import_template_has_the_headers_and_no_rows(admin, daxi):
    response = admin.get(reverse("villages:import_template"))
    rows = read_xlsx(response.content)
    assert rows[1] == ["序号", *VILLAGE_HEADERS]
    assert len(rows) == 2


def test_messages_of_bad_sheets_are_chinese(admin, daxi):
    response = admin.post(reverse("villages:import"), {"file": upload("v.xlsx", os.urandom(100))})
    errors = response.context["form"].errors["file"]
    assert errors and all(any(CHINESE[0] <= ch <= CHINESE[-1] for ch in text) for text in errors)


def test_reimport_after_changing_a_phone_in_excel_updates_the_same_person(admin, daxi, person, media_root):
    exported = read_xlsx(admin.get(reverse("people:export")).content)
    header, first = exported[1], exported[2]
    first[header.index("联系电话")] = "13900001111"
    sheet = xlsx_bytes(header[1:], [first[1:]])
    preview = admin.post(reverse("people:import"), {"file": upload("people.xlsx", sheet)})
    assert preview.status_code == 200
    admin.post(reverse("people:import"), {"token": preview.context["token"]})
    person.refresh_from_db()
    assert person.phone == "13900001111"
    assert Person.objects.filter(township=daxi).count() == 1


def test_a_system_id_of_another_township_is_refused(admin, daxi, other_person, media_root):
    sheet = xlsx_bytes(["姓名", "系统编号"], [["张三", other_person.pk]])
    response = admin.post(reverse("people:import"), {"file": upload("people.xlsx", sheet)})
    assert response.status_code == 400
    assert "系统编号" in response.content.decode()
    other_person.refresh_from_db()
    assert other_person.name != "张三"


def test_import_command_records_the_named_user_in_history(daxi, admin_user, tmp_path):
    path = tmp_path / "villages.xlsx"
    path.write_bytes(xlsx_bytes(["村（社区）名称", "类型"], [["新建村", "村"]]))
    call_command("import_ledger", "villages", str(path), township="daxi", user="admin")
    village = Village.objects.get(township=daxi, name="新建村")
    assert village.history.get().history_user == admin_user


def test_import_command_refuses_an_unknown_user(daxi, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "villages.xlsx"
    path.write_bytes(xlsx_bytes(["村（社区）名称", "类型"], [["新建村", "村"]]))
    with pytest.raises(CommandError, match="未知用户"):
        call_command("import_ledger", "villages", str(path), township="daxi", user="nobody")
    assert not Village.objects.filter(name="新建村").exists()
