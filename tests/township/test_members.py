"""The township admin manages the users of their township; nobody else can."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from township.models import Membership, Role

NEW_CLERK = {
    "username": "wangwu", "full_name": "王五", "role": Role.CLERK, "areas": ["disputes"],
    "is_active": "on", "password": "Tq7!mzk2Lp",
}


def test_admin_adds_a_clerk_who_can_log_in_with_the_initial_password(client_for, admin_user, daxi):
    response = client_for(admin_user).post(reverse("member_add"), NEW_CLERK)
    assert response.status_code == 302
    member = Membership.objects.get(user__username="wangwu")
    assert (member.role, member.township, member.areas) == (Role.CLERK, daxi, ["disputes"])
    assert User.objects.get(username="wangwu").check_password("Tq7!mzk2Lp")


@pytest.mark.parametrize(("changes", "message"), [
    ({"role": Role.VILLAGE_CLERK, "areas": []}, "村级录入员必须指定所在村"),
    ({"areas": []}, "录入员至少要有一个"),
    ({"password": ""}, "请为新用户设置初始密码"),
    ({"password": "123"}, "密码"),
    ({"username": "admin"}, "已被使用"),
])
def test_bad_user_forms_are_refused_in_chinese(client_for, admin_user, changes, message):
    response = client_for(admin_user).post(reverse("member_add"), NEW_CLERK | changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Membership.objects.filter(user__username="wangwu").exists()


def test_admin_cannot_demote_themself(client_for, admin_user):
    data = NEW_CLERK | {"username": "admin", "role": Role.LEADER, "password": ""}
    response = client_for(admin_user).post(reverse("member_edit", args=[admin_user.pk]), data)
    assert response.status_code == 400
    assert Membership.objects.get(user=admin_user).role == Role.ADMIN


@pytest.mark.parametrize("role", ["clerk", "village_clerk", "leader", "county"])
def test_only_the_admin_may_manage_users(client_for, users, role):
    assert client_for(users[role]).get(reverse("members")).status_code in {403, 404}
    assert client_for(users[role]).post(reverse("member_add"), NEW_CLERK).status_code in {403, 404}
    assert not User.objects.filter(username="wangwu").exists()


def test_a_user_of_another_township_is_not_found(client_for, admin_user, other_admin_user):
    assert client_for(admin_user).get(reverse("member_edit", args=[other_admin_user.pk])).status_code == 404


def test_health_answers_head_requests(client, db):
    assert client.head(reverse("healthz")).status_code == 200
