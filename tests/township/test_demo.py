"""The demo loader (DESIGN.md §7): Daxi with its villages, roster and five users, and a second township of the
county, Meijiang, for the county dashboard; running it again changes nothing."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from township.models import Membership, Person, Role, Township, Village

DEMO_USERS = {
    "admin": Role.ADMIN, "clerk": Role.CLERK, "village": Role.VILLAGE_CLERK, "leader": Role.LEADER,
    "county": Role.COUNTY,
}
PROJECT_APPS = ["township", "governance", "enforcement", "disputes", "outreach", "reports"]


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def row_counts() -> dict[str, int]:
    """Rows of every model of the portal's own apps, history tables included, and of the users."""
    counts = {"auth.User": get_user_model().objects.count()}
    for label in PROJECT_APPS:
        if not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            manager = getattr(model, "all_objects", model._default_manager)
            counts[model._meta.label] = manager.count()
    return counts


@pytest.fixture
def demo(db):
    load_demo()


def test_demo_creates_daxi_with_six_villages_and_about_forty_people(demo):
    daxi = Township.objects.get(code="daxi")
    assert daxi.name == "大溪镇" and daxi.county.name == "秀山土家族苗族自治县"
    assert sorted(Village.objects.filter(township=daxi).values_list("name", flat=True)) == sorted(
        ["大溪社区", "酉水村", "丰联村", "兴隆村", "清泉村", "茶园村"]
    )
    assert 35 <= Person.objects.filter(township=daxi).count() <= 60  # cadres, lawyers, officers, 法律明白人 …
    assert Person.objects.filter(township=daxi, kind=Person.Kind.LEGAL_WORKER).exists()


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo()
    first = row_counts()
    versions = sorted(Village.all_objects.values_list("version", flat=True))
    load_demo()
    assert row_counts() == first
    assert sorted(Village.all_objects.values_list("version", flat=True)) == versions
    assert first["township.Village"] == 6 + 5  # 大溪镇 and 梅江镇


def test_demo_users_have_their_roles(demo):
    members = {m.user.username: m for m in Membership.objects.select_related("user", "village", "county")}
    assert {name: m.role for name, m in members.items() if name in DEMO_USERS} == DEMO_USERS
    assert members["village"].village.name == "大溪社区"
    assert members["county"].county.code == "xiushan" and members["county"].township is None
    assert set(members["clerk"].areas) == {"governance", "enforcement", "disputes", "outreach"}


@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_demo_user_logs_in_through_the_login_page(username, demo, client_for):
    client = client_for(None)
    response = client.post("/accounts/login/", {"username": username, "password": "Daxi@2025"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(username=username).pk)
    assert client.get("/core/villages/").status_code == 200


def test_loading_the_demo_again_restores_the_documented_password(demo, client_for):
    user = get_user_model().objects.get(username="leader")
    user.set_password("changed-Password-1")
    user.save()
    load_demo()
    client = client_for(None)
    assert client.post("/accounts/login/", {"username": "leader", "password": "Daxi@2025"}).status_code == 302


def test_demo_creates_meijiang_in_the_same_county_with_its_own_villages_and_admin(demo):
    daxi, meijiang = Township.objects.get(code="daxi"), Township.objects.get(code="meijiang")
    assert meijiang.name == "梅江镇" and meijiang.county == daxi.county
    names = set(Village.objects.filter(township=meijiang).values_list("name", flat=True))
    assert 4 <= len(names) <= 5 and "梅江社区" in names
    assert not names & set(Village.objects.filter(township=daxi).values_list("name", flat=True))
    assert 12 <= Person.objects.filter(township=meijiang).count() <= 35
    assert Person.objects.filter(township=meijiang, kind=Person.Kind.LEGAL_WORKER).exists()
    member = Membership.objects.select_related("user").get(user__username="meijiang")
    assert (member.role, member.township) == (Role.ADMIN, meijiang)


def test_meijiang_admin_logs_in_and_sees_only_meijiang(demo, client_for):
    client = client_for(None)
    assert client.post("/accounts/login/", {"username": "meijiang", "password": "Daxi@2025"}).status_code == 302
    html = client.get("/core/villages/").content.decode()
    assert "兴隆坳村" in html and "酉水村" not in html


def test_county_dashboard_lists_both_townships(demo, client_for):
    client = client_for(get_user_model().objects.get(username="county"))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = re.findall(r"<th scope=\"row\"[^>]*><a href=\"/\?township=(\w+)\"[^>]*>([^<]+)</a>", body)
    assert sorted(rows) == [("daxi", "大溪镇"), ("meijiang", "梅江镇")]
    assert "全县合计" in html
