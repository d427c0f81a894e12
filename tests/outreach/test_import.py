"""The events ledger townships keep goes in unchanged; a bad row names its sheet row and column, nothing is
written, never a 500; a village clerk's sheet writes their own village's events only."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from outreach.models import Event, LegalInformant, OnlinePost
from outreach.resources import EventResource, LegalInformantResource, OnlinePostResource
from outreach.views import EventLedger
from tests.factories import PersonFactory
from tests.helpers import read_xlsx, upload, xlsx_bytes
from tests.outreach.factories import EventFactory
from township.ledger.exports import export_ledger
from township.ledger.importer import import_sheet
from township.sheets import parse_sheet, read_rows

D = datetime.date
SAMPLE = "outreach-events-2025.xlsx"
HEADERS = ["活动日期", "活动名称", "主题（节点）", "形式", "地点", "宣传对象", "发放资料（份）", "受教育群众（人次）"]


def import_bytes(resource_class, township, data: bytes, name="sheet.xlsx", *, user=None, dry_run=False):
    resource = resource_class(township=township, user=user)
    parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), resource.required_columns())
    return import_sheet(resource, parsed, dry_run=dry_run)


def edited(data: bytes, changes: dict[str, object]) -> bytes:
    """The sheet with some cells changed ({"L6": value}), everything else (merged header …) as it was."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for cell, value in changes.items():
        workbook.worksheets[0][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def errors_by_row(outcome) -> dict[int, list[tuple[str, str]]]:
    return {row.sheet_row: row.errors for row in outcome.error_rows}


def event_row(**cells):
    row = {"活动日期": "2025-03-15", "活动名称": "法治宣传", "主题（节点）": "", "形式": "集中宣传", "地点": "大溪社区",
           "宣传对象": "群众", "发放资料（份）": 10, "受教育群众（人次）": 20}
    row.update(cells)
    return [row[header] for header in HEADERS]


# --- the sample sheet ----------------------------------------------------------------------------------


def test_sample_imports_unchanged_with_its_merged_header_suffixes_and_full_width_digits(daxi_villages, daxi, sample):
    outcome = import_bytes(EventResource, daxi, sample(SAMPLE), SAMPLE)
    assert outcome.error_rows == [] and outcome.written
    assert outcome.counts["new"] == 11  # the totals row, the blank row and the signature row are not records
    assert outcome.ignored_headers == []
    events = {event.title: event for event in Event.objects.filter(township=daxi)}
    first = events["“3·15”消费者权益保护法集中宣传"]
    assert first.date == D(2025, 3, 15) and str(first.occasion) == "3·15消费者权益日"
    assert [v.name for v in first.villages.all()] == ["大溪社区"] and first.place == ""
    assert (first.target_groups, first.other_groups) == ([Event.TargetGroup.PUBLIC], "商户")  # 商户: kept as written
    assert (first.materials, first.audience) == (120, 260)
    second = events["全民国家安全教育日宣传"]
    assert (second.date, second.materials, second.audience) == (D(2025, 4, 15), 80, 150)  # ８０, １５０
    assert second.place == "镇法治文化广场" and not second.villages.exists()
    assert events["民法典进村讲座"].audience == 45  # 45人次
    assert events["返乡务工人员劳动权益讲座"].materials == 20  # 20份
    assert events["开学前防欺凌法治课"].date == D(2025, 7, 4)  # an Excel serial, 45842
    assert events["开学前防欺凌法治课"].occasion_other == "未成年人保护"  # a theme not in the list: kept
    broadcast = events["“村村响”广播：防范电信诈骗"]
    assert (broadcast.kind, broadcast.audience, broadcast.materials, broadcast.place) == ("broadcast", None, None, "全镇")
    fire = events["消防安全与法律责任宣传"]
    assert sorted(v.name for v in fire.villages.all()) == ["清泉村", "酉水村"]  # two villages in one cell
    customised = [e.title for e in events.values() if e.customised]
    assert len(customised) == 4 and sum(e.by_legal_adviser for e in events.values()) == 5
    assert sum(e.materials or 0 for e in events.values()) == 625  # the sheet's own totals row
    assert sum(e.audience or 0 for e in events.values()) == 1228


def test_sample_imported_twice_changes_nothing(daxi_villages, daxi, sample):
    import_bytes(EventResource, daxi, sample(SAMPLE))
    history = Event.history.count()
    again = import_bytes(EventResource, daxi, sample(SAMPLE))
    assert again.counts["skip"] == 11 and again.counts["new"] == again.counts["update"] == 0, again.counts
    assert len(again.skipped) == 2  # the totals row and the signature row are not records (township.sheets)
    assert Event.history.count() == history and Event.objects.count() == 11


def test_export_reimports_with_nothing_changed(daxi_villages, daxi, sample, admin_user):
    import_bytes(EventResource, daxi, sample(SAMPLE))
    content, _mime, _name = export_ledger(EventLedger, township=daxi, user=admin_user,
                                          queryset=EventLedger.base_queryset(admin_user, daxi, 2025), year=2025,
                                          reveal=False)
    rows = read_xlsx(content)
    assert rows[1][:7] == ["序号", "活动日期", "活动名称", "主题（节点）", "形式", "村（社区）", "地点"]
    history = Event.history.count()
    outcome = import_bytes(EventResource, daxi, content, "export.xlsx")
    assert outcome.error_rows == [] and outcome.counts["skip"] == 11
    assert Event.history.count() == history


def test_import_ledger_command_takes_the_sample(daxi_villages, daxi, sample, tmp_path):
    path = tmp_path / SAMPLE
    path.write_bytes(sample(SAMPLE))
    out = io.StringIO()
    call_command("import_ledger", "outreach_events", str(path), "--township", "daxi", stdout=out)
    assert "新增 11" in out.getvalue()
    assert Event.objects.filter(township=daxi).count() == 11


def test_import_through_the_web_page_previews_then_writes(daxi_villages, daxi, sample, client_for, admin_user,
                                                          media_root):
    client = client_for(admin_user)
    url = reverse("outreach_events:import")
    preview = client.post(url, {"file": upload(SAMPLE, sample(SAMPLE))})
    assert preview.status_code == 200 and Event.objects.count() == 0
    token = preview.context["token"]
    confirmed = client.post(url, {"token": token})
    assert confirmed.status_code == 302 and Event.objects.count() == 11
    twice = client.post(url, {"token": token})  # a double click on 确认导入
    assert twice.status_code == 400 and Event.objects.count() == 11


# --- bad rows: a clear message with the sheet row, nothing written ------------------------------------


@pytest.mark.parametrize(("cell", "value", "column", "message"), [
    ("L5", "约100人", "受教育群众（人次）", "约数"),
    ("L5", "-20", "受教育群众（人次）", "负数"),
    ("K5", "一百份", "发放资料（份）", "不是数字"),
    ("B5", 3, "活动日期", "“3”不是日期"),  # a bare number in a date column: never an Excel serial of 1900
    ("B5", "2025", "活动日期", "“2025”不是日期"),
    ("B5", "2025年13月40日", "活动日期", "无法识别"),
    ("F5", "石耶村", "地点", "本镇没有名为“石耶村”的村（社区）"),
])
def test_a_bad_cell_names_its_row_and_column_and_nothing_is_written(daxi_villages, daxi, sample, cell, value, column,
                                                                    message):
    outcome = import_bytes(EventResource, daxi, edited(sample(SAMPLE), {cell: value}))
    assert not outcome.written and Event.objects.count() == 0
    errors = errors_by_row(outcome)
    assert list(errors) == [5], errors
    assert any(col == column and message in text for col, text in errors[5]), errors[5]


def test_an_unknown_occasion_is_kept_as_written(daxi_villages, daxi):
    sheet = xlsx_bytes(HEADERS, [event_row(**{"主题（节点）": "“扫黑除恶”专项宣传"})])
    outcome = import_bytes(EventResource, daxi, sheet)
    assert outcome.written
    event = Event.objects.get()
    assert (event.occasion, event.occasion_other) == (None, "“扫黑除恶”专项宣传")


def test_an_occasion_is_found_by_its_date_or_any_spelling(daxi_villages, daxi):
    rows = [event_row(**{"活动名称": f"宣传{n}", "主题（节点）": theme})
            for n, theme in enumerate(["“12·4”国家宪法日", "12.4国家宪法日", "12・4 国家宪法日", "国家宪法日"])]
    import_bytes(EventResource, daxi, xlsx_bytes(HEADERS, rows))
    assert {str(event.occasion) for event in Event.objects.all()} == {"12·4国家宪法日"}


def test_a_place_in_a_village_links_the_village_and_keeps_the_place(daxi_villages, daxi):
    import_bytes(EventResource, daxi, xlsx_bytes(HEADERS, [event_row(**{"地点": "茶园村村委会"})]))
    event = Event.objects.get()
    assert [v.name for v in event.villages.all()] == ["茶园村"] and event.place == "茶园村村委会"


def test_duplicate_rows_in_one_sheet_are_refused(daxi_villages, daxi):
    outcome = import_bytes(EventResource, daxi, xlsx_bytes(HEADERS, [event_row(), event_row()]))
    assert not outcome.written and "与第 3 行重复" in str(errors_by_row(outcome)[4])


# --- a village clerk's sheet ------------------------------------------------------------------------------


def test_village_clerk_imports_their_own_village_and_a_row_without_one_is_theirs(daxi_villages, daxi,
                                                                                village_clerk_user):
    rows = [event_row(**{"活动名称": "社区宣传"}), event_row(**{"活动名称": "社区广播", "地点": "", "形式": "广播"})]
    outcome = import_bytes(EventResource, daxi, xlsx_bytes(HEADERS, rows), user=village_clerk_user)
    assert outcome.written, errors_by_row(outcome)
    assert {tuple(v.name for v in e.villages.all()) for e in Event.objects.all()} == {("大溪社区",)}


@pytest.mark.parametrize("place", ["酉水村", "大溪社区、酉水村"])
def test_village_clerk_cannot_import_events_of_another_village(daxi_villages, daxi, village_clerk_user, place):
    outcome = import_bytes(EventResource, daxi, xlsx_bytes(HEADERS, [event_row(**{"地点": place})]),
                           user=village_clerk_user)
    assert not outcome.written and Event.objects.count() == 0
    assert errors_by_row(outcome)[3] == [("地点", "您只能导入本村（社区）的记录。")]


def test_village_clerk_cannot_overwrite_another_villages_event_through_its_record_id(daxi_villages, daxi,
                                                                                     village_clerk_user):
    other = EventFactory(township=daxi, villages=[daxi_villages["酉水村"]], title="酉水村的活动")
    shared = EventFactory(township=daxi, villages=[daxi_villages["大溪社区"], daxi_villages["酉水村"]], title="联合活动")
    headers = [*HEADERS, "系统编号"]
    rows = [[*event_row(**{"活动名称": "改名"}), other.pk], [*event_row(**{"活动名称": "联合活动"}), shared.pk]]
    outcome = import_bytes(EventResource, daxi, xlsx_bytes(headers, rows), user=village_clerk_user)
    assert not outcome.written
    errors = errors_by_row(outcome)
    assert "不是本镇本台账中您可以修改的记录" in str(errors[3])  # another village's: as if it did not exist
    assert errors[4] == [("地点", "该活动涉及其他村（社区），只能由镇里修改。")]  # shared: seen, not theirs to change
    other.refresh_from_db()
    assert other.title == "酉水村的活动" and list(shared.villages.order_by("id")) == [daxi_villages["大溪社区"],
                                                                                   daxi_villages["酉水村"]]


# --- the other registers -------------------------------------------------------------------------------


def test_legal_informants_come_from_the_roster_and_an_unknown_name_is_refused(daxi_villages, daxi):
    PersonFactory(township=daxi, name="向红梅", village=daxi_villages["大溪社区"])
    sheet = xlsx_bytes(["姓名", "村（社区）", "类别", "聘任日期"],
                       [["向红梅", "大溪社区", "网格员", "2023/3/10"], ["不在册", "大溪社区", "村民代表", "2023/3/10"]])
    outcome = import_bytes(LegalInformantResource, daxi, sheet)
    assert not outcome.written and LegalInformant.objects.count() == 0
    assert errors_by_row(outcome) == {4: [("姓名", "本镇没有名为“不在册”的人员")]}


def test_online_posts_read_counts_written_with_commas_and_wan(daxi):
    sheet = xlsx_bytes(["推送日期", "渠道", "标题", "阅读量"],
                       [["2025-05-01", "公众号", "民法典", "1,236"], ["2025-05-02", "抖音", "短视频", "1.2万"]])
    outcome = import_bytes(OnlinePostResource, daxi, sheet)
    assert outcome.written
    assert sorted(OnlinePost.objects.values_list("channel", "reads")) == [("douyin", 12000), ("wechat_account", 1236)]


def test_village_clerk_sheet_of_another_village_is_refused_on_the_web_page_with_its_row(daxi_villages, daxi,
                                                                                          village_clerk_user,
                                                                                          client_for, media_root):
    sheet = xlsx_bytes(HEADERS, [event_row(), event_row(**{"活动名称": "他村活动", "地点": "酉水村"})])
    response = client_for(village_clerk_user).post(reverse("outreach_events:import"), {"file": upload("活动.xlsx", sheet)})
    assert response.status_code == 400 and Event.objects.count() == 0
    page = response.content.decode()
    assert "您只能导入本村（社区）的记录。" in page and response.context["token"] == ""


def test_import_ledger_command_prints_each_bad_row_and_writes_nothing(daxi_villages, daxi, sample, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(edited(sample(SAMPLE), {"L5": "约100人", "B6": 7}))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_ledger", "outreach_events", str(path), "--township", "daxi", stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1 and Event.objects.count() == 0
    assert "第 5 行 · 受教育群众（人次）：“约100人”是约数" in err.getvalue()
    assert "第 6 行 · 活动日期：“7”不是日期" in err.getvalue()
