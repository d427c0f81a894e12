"""Error pages in plain Chinese, without the framework's internal names; the login page names the portal and
says when an account locks (issue 12, item 16)."""

from django.urls import reverse

from tests.disputes.factories import DisputeFactory

INTERNAL = ("Resolver404", "Http404", "tried", "matches the given query", "Dispute", "PermissionDenied")


def test_an_unknown_address_says_so_plainly(client_for, admin_user):
    response = client_for(admin_user).get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "没有找到您要打开的页面或记录" in page and "返回工作台" in page
    assert not [name for name in INTERNAL if name in page]


def test_another_townships_record_is_a_plain_404(client_for, admin_user, other_township, other_village):
    record = DisputeFactory(township=other_township, village=other_village)
    response = client_for(admin_user).get(reverse("disputes:detail", args=[record.pk]))
    assert response.status_code == 404
    assert not [name for name in INTERNAL if name in response.content.decode()]


def test_a_portal_message_is_shown_on_its_error_page(client_for, admin_user):
    response = client_for(admin_user).get("/reports/1999/")
    assert response.status_code == 404 and "年度无效。" in response.content.decode()


def test_a_403_says_who_grants_the_permission(client_for, leader_user):
    response = client_for(leader_user).get(reverse("disputes:add"))
    assert response.status_code == 403
    assert "您没有权限进行此操作" in response.content.decode()


def test_the_login_page_names_the_portal_and_the_lockout(client_for, daxi, settings):
    page = client_for(None).get(reverse("login")).content.decode()
    assert "大溪镇法治政府建设工作平台" in page  # the one township of this installation
    assert "连续 5 次输错密码，账号将被锁定 1 小时" in page
    settings.AXES_FAILURE_LIMIT = 3
    assert "连续 3 次输错密码" in client_for(None).get(reverse("login")).content.decode()


def test_the_login_page_of_a_county_portal_names_no_single_township(client_for, daxi, other_township):
    page = client_for(None).get(reverse("login")).content.decode()
    assert "大溪镇法治政府建设工作平台" not in page and "法治政府建设工作平台" in page
