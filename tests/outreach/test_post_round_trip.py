"""Two stored posts of one day, channel and title (a post pushed twice) are two records: the portal's own export
of them imports again unchanged (found by the fuzzing of tests/fuzz, issue 13 item 10)."""

import datetime

from django.urls import reverse

from outreach.models import OnlinePost
from tests.helpers import read_xlsx, upload, xlsx_bytes
from tests.outreach.factories import OnlinePostFactory


def test_posts_alike_in_every_key_column_export_and_import_again_unchanged(client_for, admin_user, daxi, as_year,
                                                                          media_root):
    client = client_for(as_year(admin_user, 2025))
    twins = [OnlinePostFactory(township=daxi, date=datetime.date(2025, 4, 1), title="宪法宣传周") for _ in range(2)]
    versions = dict(OnlinePost.objects.values_list("pk", "version"))
    export = client.get(reverse("outreach_posts:export")).content
    preview = client.post(reverse("outreach_posts:import"), {"file": upload("推送.xlsx", export)})
    assert preview.status_code == 200, [row.errors for row in preview.context["outcome"].error_rows]
    assert preview.context["outcome"].counts["skip"] == len(twins)
    assert client.post(reverse("outreach_posts:import"), {"token": preview.context["token"]}).status_code == 302
    assert dict(OnlinePost.objects.values_list("pk", "version")) == versions


def test_a_row_repeating_another_without_its_own_system_number_is_still_a_duplicate(client_for, admin_user, daxi,
                                                                                   as_year, media_root):
    client = client_for(as_year(admin_user, 2025))
    post = OnlinePostFactory(township=daxi, date=datetime.date(2025, 4, 1), title="宪法宣传周")
    headers = read_xlsx(client.get(reverse("outreach_posts:export")).content)[1]
    row = dict(zip(headers, read_xlsx(client.get(reverse("outreach_posts:export")).content)[2], strict=True))
    without_number = {**row, "系统编号": None}
    sheet = xlsx_bytes(headers, [list(row.values()), list(without_number.values())])
    response = client.post(reverse("outreach_posts:import"), {"file": upload("推送.xlsx", sheet)})
    assert response.status_code == 400
    assert any("重复" in message for row in response.context["outcome"].error_rows for _column, message in row.errors)
    assert OnlinePost.objects.get().version == post.version
