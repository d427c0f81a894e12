"""A large sheet is checked and imported by the task worker: the clerk follows a progress page, sees the same
preview and confirms it as before, all rows or none; the page is theirs alone; a failure says why in Chinese.

The tests' settings run tasks at once (django-tasks' immediate backend); test_the_database_queue_and_its_worker
runs the real queue (django-tasks-db) and its worker (db_worker) instead. IMPORT_INLINE_MAX_ROWS = 2 sends the
sheets of these tests (a title row, a header row and three records) to the worker.
"""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import upload, xlsx_bytes
from township import tasks
from township.models import BackgroundTask, Person, Role, Village

HEADERS = ["村（社区）名称", "类型", "村民小组数", "网格数", "户数", "人口", "备注"]
ROWS = [
    ["大溪社区", "社区", 5, 7, 607, 4758, ""],
    ["酉水村", "村", 5, 8, 650, 1736, ""],
    ["丰联村", "村", 10, 5, 594, 3101, ""],
]


@pytest.fixture
def background(settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2


@pytest.fixture
def admin(admin_user, client_for, media_root, background):
    return client_for(admin_user)


def post_sheet(client, rows=ROWS, name="村（社区）.xlsx"):
    return client.post(reverse("villages:import"), {"file": upload(name, xlsx_bytes(HEADERS, rows))})


def task_of(response) -> BackgroundTask:
    assert response.status_code == 302, response.content.decode()[:500]
    return BackgroundTask.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def test_a_large_sheet_is_previewed_and_imported_through_the_worker(admin, admin_user, daxi):
    check = task_of(post_sheet(admin))
    assert check.kind == BackgroundTask.Kind.IMPORT_CHECK
    assert Village.objects.count() == 0  # a preview writes nothing

    preview = admin.get(reverse("villages:import_task", args=[check.pk]))
    assert preview.status_code == 200
    assert [row.sheet_row for row in preview.context["outcome"].rows] == [3, 4, 5]
    assert preview.context["outcome"].counts["new"] == 3
    token = preview.context["token"]
    assert token and "确认导入" in preview.content.decode()

    # the preview's confirm form posts to the page it is on
    write = task_of(admin.post(reverse("villages:import_task", args=[check.pk]), {"token": token}))
    assert write.kind == BackgroundTask.Kind.IMPORT_WRITE
    done = admin.get(reverse("villages:import_task", args=[write.pk]))
    assert done.status_code == 200
    assert "导入完成：新增 3 条，更新 0 条，未变化 0 条。" in done.content.decode()
    assert sorted(Village.objects.values_list("name", flat=True)) == ["丰联村", "大溪社区", "酉水村"]
    assert {entry.history_user for entry in Village.history.all()} == {admin_user}  # who, for every record
    assert Village.history.filter(history_type="+").count() == 3
    write.refresh_from_db()
    assert write.upload == b""  # the sheet is not kept once imported

    again = admin.post(reverse("villages:import_task", args=[check.pk]), {"token": token})  # a second click
    assert again.status_code == 400
    assert "该导入预览已过期" in again.content.decode()
    assert Village.objects.count() == 3


def test_a_small_sheet_is_still_previewed_in_the_request(admin_user, client_for, media_root, daxi):
    client = client_for(admin_user)
    response = post_sheet(client)
    assert response.status_code == 200  # the preview itself, no task
    assert response.context["outcome"].counts["new"] == 3
    assert not BackgroundTask.objects.exists()


def test_a_sheet_with_a_bad_row_shows_its_errors_and_no_confirm_button(admin, daxi):
    rows = [*ROWS[:2], ["丰联村", "村", "十", 5, 594, 3101, ""]]
    check = task_of(post_sheet(admin, rows))
    page = admin.get(reverse("villages:import_task", args=[check.pk]))
    assert page.status_code == 400
    bad = [row for row in page.context["outcome"].rows if row.errors]
    assert [(row.sheet_row, row.errors[0][0]) for row in bad] == [(5, "村民小组数")]
    assert "确认导入" not in page.content.decode()
    assert Village.objects.count() == 0


def test_a_confirmed_import_that_meets_a_bad_row_writes_nothing(admin, daxi, village, second_village):
    people = xlsx_bytes(["姓名", "所在村（社区）"], [["张三", "大溪社区"], ["李四", "酉水村"]])
    check = task_of(admin.post(reverse("people:import"), {"file": upload("人员.xlsx", people)}))
    token = admin.get(reverse("people:import_task", args=[check.pk])).context["token"]
    second_village.delete()  # the village of the sheet's second row is removed before the clerk confirms
    write = task_of(admin.post(reverse("people:import"), {"token": token}))
    page = admin.get(reverse("people:import_task", args=[write.pk]))
    assert page.status_code == 400
    assert [row.sheet_row for row in page.context["outcome"].rows if row.errors] == [4]
    assert "确认导入" not in page.content.decode()
    assert not Person.objects.exists()  # all rows or none


def test_the_progress_page_shows_a_bar_counters_and_a_plain_refresh(admin, admin_user, daxi):
    record = BackgroundTask.objects.create(kind=BackgroundTask.Kind.IMPORT_WRITE, user=admin_user, township=daxi,
                                           ledger="villages", filename="大表.xlsx", upload=b"x")
    tasks.set_progress(record.pk, phase="write", read=10000, checked=4200, written=4200, total=10000)
    page = admin.get(reverse("villages:import_task", args=[record.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<progress class="w-100 mb-2" data-task-bar value="4200" max="10000">' in html
    assert "已读取 <span data-task-counter=\"read\">10000</span> 行" in html
    assert "已写入 <span data-task-counter=\"written\">4200</span> 行" in html
    assert f'href="{reverse("villages:import_task", args=[record.pk])}">刷新</a>' in html  # works without JS
    assert "js/task-progress.js" in html and "<script>" not in html  # a static file, no inline script

    status = admin.get(reverse("task_status", args=[record.pk]))
    assert status.status_code == 200 and status["Cache-Control"] == "no-store"
    data = json.loads(status.content)
    assert data["status"] == "running" or data["status"] == "queued"
    assert (data["value"], data["max"], data["counters"]["checked"], data["finished"]) == (4200, 10000, 4200, False)

    listing = admin.get(reverse("villages:import"))  # the clerk finds the task again from the import page
    assert reverse("villages:import_task", args=[record.pk]) in listing.content.decode()


def test_a_task_is_seen_only_by_its_user_in_its_township(admin_user, other_admin_user, client_for, daxi,
                                                        other_township, media_root):
    record = BackgroundTask.objects.create(kind=BackgroundTask.Kind.IMPORT_CHECK, user=admin_user, township=daxi,
                                           ledger="villages", filename="a.xlsx")
    second_admin = UserFactory(username="admin2", role=Role.ADMIN, township=daxi)
    for user in (second_admin, other_admin_user):  # another admin of the township, another township's admin
        client = client_for(user)
        assert client.get(reverse("villages:import_task", args=[record.pk])).status_code == 404
        assert client.get(reverse("task_status", args=[record.pk])).status_code == 404
        assert client.get(reverse("task", args=[record.pk])).status_code == 404
    record.township = other_township  # the user's own task, but of a township they do not work in now
    record.save()
    assert client_for(admin_user).get(reverse("task_status", args=[record.pk])).status_code == 404
    anonymous = client_for(None).get(reverse("task_status", args=[record.pk]))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url


def damaged_xlsx_with_rows(rows: int) -> bytes:
    """A zip with a worksheet of `rows` rows but no workbook: counted as a large sheet, unreadable as one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        cells = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, rows + 1))
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{cells}</sheetData></worksheet>")
    return buffer.getvalue()


def test_sheets_are_sent_to_the_worker_by_their_number_of_rows(settings):
    settings.IMPORT_INLINE_MAX_ROWS = 1000
    assert tasks.sheet_rows_estimate(xlsx_bytes(HEADERS, ROWS), "v.xlsx") == 5  # title, header, three records
    assert tasks.sheet_rows_estimate(b"a,b\n1,2\n3,4\n", "v.csv") == 3
    assert tasks.sheet_rows_estimate(b"PK\x03\x04 not a zip", "v.xlsx") == 0  # the request's reader says why
    assert not tasks.goes_to_worker(xlsx_bytes(HEADERS, ROWS * 300), "v.xlsx")  # 902 rows
    assert tasks.goes_to_worker(xlsx_bytes(HEADERS, ROWS * 400), "v.xlsx")  # 1,202 rows
    assert tasks.goes_to_worker(damaged_xlsx_with_rows(1500), "v.xlsx")


def test_a_sheet_that_cannot_be_read_fails_with_the_readers_message(admin, daxi):
    response = admin.post(reverse("villages:import"), {"file": upload("坏.xlsx", damaged_xlsx_with_rows(10))})
    record = task_of(response)
    assert record.status == BackgroundTask.Status.FAILED
    page = admin.get(reverse("villages:import_task", args=[record.pk]))
    assert "文件无法作为 Excel 表格打开" in page.content.decode()


def test_an_unexpected_error_in_the_worker_says_why_in_chinese_and_writes_nothing(admin, daxi, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(tasks, "import_sheet", broken)
    record = task_of(post_sheet(admin))
    assert record.status == BackgroundTask.Status.FAILED
    assert record.error.startswith("后台处理时出错（RuntimeError），没有写入任何数据。")
    page = admin.get(reverse("villages:import_task", args=[record.pk]))
    assert record.error in page.content.decode()
    assert Village.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker(settings, admin_user, client_for, media_root, daxi, background):
    """The production set-up: the request only queues the task (django-tasks-db); `manage.py db_worker` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    client = client_for(admin_user)
    record = task_of(post_sheet(client))
    waiting = client.get(reverse("villages:import_task", args=[record.pk]))
    assert waiting.status_code == 200 and "data-task-bar" in waiting.content.decode()  # leaving loses nothing
    assert json.loads(client.get(reverse("task_status", args=[record.pk])).content)["status"] == "queued"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    record.refresh_from_db()
    assert record.status == BackgroundTask.Status.DONE
    preview = client.get(reverse("villages:import_task", args=[record.pk]))
    assert preview.status_code == 200 and preview.context["outcome"].counts["new"] == 3
    token = preview.context["token"]
    write = task_of(client.post(reverse("villages:import"), {"token": token}))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    write.refresh_from_db()
    assert write.status == BackgroundTask.Status.DONE, write.error
    assert Village.objects.count() == 3


def test_the_worker_reports_rows_read_checked_and_written_as_it_goes(admin, daxi, monkeypatch):
    from township import sheets

    reported = []
    real = tasks.set_progress
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 0)  # every report written, not twice a second
    monkeypatch.setattr(sheets, "READ_PROGRESS_EVERY", 1)
    monkeypatch.setattr(tasks, "set_progress", lambda task_id, **values: (reported.append(values), real(task_id, **values)))
    check = task_of(post_sheet(admin))
    token = admin.get(reverse("villages:import_task", args=[check.pk])).context["token"]
    assert {"phase": "read", "total": 5} in reported  # the estimate: title, header and three records
    assert [v["read"] for v in reported if set(v) == {"read"}] == [1, 2, 3, 4, 5]  # rows holding a value
    assert [v["checked"] for v in reported if set(v) == {"checked"}] == [1, 2, 3]
    reported.clear()
    task_of(admin.post(reverse("villages:import"), {"token": token}))
    assert [(v["checked"], v["written"]) for v in reported if set(v) == {"checked", "written"}][:3] == [
        (1, 1), (2, 2), (3, 3)]
    assert reported[-1] == {"phase": "done", "checked": 3, "written": 3}


def test_a_held_row_ticked_in_a_background_preview_is_written_by_the_worker(admin, daxi):
    """A row that would change an existing record's village is held until ticked (LedgerResource.identity_fields),
    also when the worker checks and writes the sheet."""
    from tests.disputes.factories import DisputeFactory
    from tests.factories import VillageFactory

    home, other = VillageFactory(township=daxi, name="大溪社区"), VillageFactory(township=daxi, name="酉水村")
    stored = DisputeFactory(township=daxi, village=home, number="DX-TJ-2025-005")
    headers = ["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人", "纠纷简要情况"]
    rows = [["DX-TJ-2025-005", "2025-03-03", "排查发现", "邻里", "酉水村", stored.party_name, stored.summary],
            ["DX-TJ-2025-101", "2025-03-04", "排查发现", "邻里", "大溪社区", "张三", "排水"],
            ["DX-TJ-2025-102", "2025-03-05", "排查发现", "邻里", "大溪社区", "李四", "宅基地"]]
    check = task_of(admin.post(reverse("disputes:import"),
                               {"file": upload("纠纷.xlsx", xlsx_bytes(headers, rows))}))
    preview = admin.get(reverse("disputes:import_task", args=[check.pk]))
    held = [row.sheet_row for row in preview.context["outcome"].rows if row.action == "held"]
    assert held == [3]
    write = task_of(admin.post(reverse("disputes:import_task", args=[check.pk]),
                               {"token": preview.context["token"], "confirm_row": ["3"]}))
    assert admin.get(reverse("disputes:import_task", args=[write.pk])).status_code == 200
    stored.refresh_from_db()
    assert stored.village == other  # the ticked row was written by the worker
