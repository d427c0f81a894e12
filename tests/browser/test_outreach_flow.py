"""In a browser: the village clerk records an outreach event with photos, and the admin sees it in the dashboard's
monthly chart of events."""

import io

from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from outreach.models import Event
from township.models import Attachment

from .conftest import login


def photo(colour: str) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, "JPEG")
    return {"name": f"{colour}.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def monthly_value(page, title: str, month: int) -> str:
    """The value printed on this year's bar of a month in the dashboard's monthly chart titled ``title``."""
    texts = page.locator("svg.chart-monthly", has_text=title).locator("text").all_text_contents()
    label = texts.index(f"{month}月")
    return texts[label - 2]  # this year's bar, then last year's, then the month's label


def test_village_clerk_records_an_event_with_photos_and_the_admin_sees_it_in_the_monthly_chart(
    browser, page, live_server, daxi, village, second_village, village_clerk_user, admin_user, media_root
):
    today = timezone.localdate()
    login(page, live_server, "village")
    page.goto(f"{live_server.url}/outreach/events/add/")
    expect(page.locator("input[name=villages]")).to_have_count(1)  # their own village, nothing else
    expect(page.locator("input[name=villages]")).to_be_checked()
    expect(page.locator("#id_date")).to_have_value(today.isoformat())
    page.fill("#id_title", "留守老人防诈骗法治讲座")
    page.select_option("#id_kind", label="讲座")
    page.fill("#id_occasion_other", "反诈")
    page.get_by_label("留守老人").check()
    page.get_by_label("是否定制化讲座").check()
    page.fill("#id_speaker", "田静")
    page.get_by_label("是否法律顾问开展").check()
    page.fill("#id_materials", "30")
    page.fill("#id_audience", "42")
    page.set_input_files("#id_photos", [photo("red"), photo("blue")])
    page.get_by_role("button", name="保存").click()

    expect(page.locator(".alert-success")).to_contain_text("已保存")
    expect(page.locator("h1")).to_contain_text("留守老人防诈骗法治讲座")
    expect(page.locator(".badge", has_text="定制化讲座")).to_be_visible()
    expect(page.get_by_role("link", name="red.jpg")).to_be_visible()
    expect(page.get_by_role("link", name="blue.jpg")).to_be_visible()
    event = Event.objects.get(title="留守老人防诈骗法治讲座")
    assert [v.name for v in event.villages.all()] == [village.name] and event.customised and event.by_legal_adviser
    assert Attachment.objects.filter(object_id=event.pk, content_type__model="event").count() == 2

    page.context.clear_cookies()
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/?year={today.year}")
    expect(page.locator("svg.chart-monthly", has_text="开展法治宣传活动")).to_be_visible()
    assert monthly_value(page, "开展法治宣传活动", today.month) == "1"
    assert monthly_value(page, "受教育群众", today.month) == "42"
    villages = page.locator("section", has_text="各村（社区）情况").locator("table")
    column = villages.locator("thead th").all_inner_texts().index("本季度普法活动（场次）")
    quarter = {name: villages.locator("tbody tr", has_text=name).locator("th, td").nth(column).inner_text()
               for name in (village.name, second_village.name)}
    assert quarter == {village.name: "1", second_village.name: "0"}  # 酉水村: no event this quarter
