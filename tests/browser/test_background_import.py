"""In a browser: a large sheet's progress page follows the worker by itself (static/js/task-progress.js, no
inline script), then shows the preview; the confirmation is followed the same way to its result.

The queue here is django-tasks' dummy backend (tasks wait), and the test plays the worker by running each task
when it chooses, so that the page is seen while the task waits and while it runs."""

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.helpers import xlsx_bytes
from township import tasks
from township.models import BackgroundTask, Village

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_progress_page_moves_by_itself_and_ends_on_the_preview_then_the_result(
    page, live_server, admin_user, media_root, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.IMPORT_INLINE_MAX_ROWS = 2
    sheet = xlsx_bytes(["村（社区）名称", "类型", "户数"], [["大溪社区", "社区", 607], ["酉水村", "村", 650],
                                                       ["丰联村", "村", 594]])
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/core/villages/import/")
    page.set_input_files("input[name=file]", files=[{"name": "村（社区）.xlsx", "mimeType": XLSX, "buffer": sheet}])
    page.get_by_role("button", name="上传并预览").click()

    expect(page.locator("progress[data-task-bar]")).to_be_visible()
    expect(page.get_by_role("link", name="刷新")).to_be_visible()
    check = BackgroundTask.objects.get()
    tasks.set_progress(check.pk, phase="check", read=3, checked=2, total=3)  # the worker, halfway
    expect(page.locator("[data-task-counter=checked]")).to_have_text("2")
    expect(page.locator("progress[data-task-bar]")).to_have_attribute("value", "2")

    tasks.import_ledger_sheet.call(str(check.pk))  # the worker finishes: the page reloads on the preview
    expect(page.get_by_role("button", name="确认导入")).to_be_visible()
    expect(page.get_by_text("丰联村")).to_be_visible()
    page.get_by_role("button", name="确认导入").click()

    expect(page.locator("progress[data-task-bar]")).to_be_visible()
    write = BackgroundTask.objects.exclude(pk=check.pk).get()
    tasks.import_ledger_sheet.call(str(write.pk))
    expect(page.locator(".alert-success")).to_contain_text("导入完成：新增 3 条，更新 0 条，未变化 0 条。")
    assert sorted(Village.objects.values_list("name", flat=True)) == ["丰联村", "大溪社区", "酉水村"]
