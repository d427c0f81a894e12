"""Health check, the sticky year picker, the county viewer's township switcher, the language switcher and
tampered URLs (DESIGN.md §7, issue 2 "Bad input")."""

import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from township.models import Membership

# --- /healthz/ -------------------------------------------------------------------------------------

def test_healthz_answers_200_when_the_database_answers(client_for, db):
    response = client_for(None).get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_503_when_the_database_does_not(tmp_path):
    """Production settings (psycopg's pool) against a PostgreSQL port nobody listens on, in a process of its own."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "township.settings",
        "DATABASE_URL": f"postgres://portal@127.0.0.1:{closed_port()}/portal",
        "DB_POOL_TIMEOUT": "1",  # the default (5 s) is exercised under gunicorn by make deploy-check
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "0",
    }
    script = (
        "import django; django.setup(); from django.test import Client; "
        "response = Client().get('/healthz/'); print('HEALTHZ', response.status_code, response.content.decode())"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    (answer,) = [line for line in done.stdout.splitlines() if line.startswith("HEALTHZ ")]
    assert answer == 'HEALTHZ 503 {"status": "error", "database": "unavailable"}'


def test_healthz_needs_no_login_and_no_https_redirect(db, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production: a plain-HTTP probe must still get an answer
    response = Client().get("/healthz/")
    assert response.status_code == 200
    assert Client().get("/accounts/login/").status_code == 301


def test_healthz_refuses_post(client_for, db):
    assert client_for(None).post("/healthz/").status_code == 405


# --- the year picker -------------------------------------------------------------------------------

def selected_year(page: str) -> str:
    import re

    match = re.search(r'<select id="year-select"[^>]*>(.*?)</select>', page, re.S)
    assert match, "the page has no year picker"
    chosen = re.findall(r'<option value="(\d+)" selected>', match.group(1))
    assert len(chosen) == 1, chosen
    return chosen[0]


@pytest.mark.parametrize("year", [2024, 2015])
def test_chosen_year_sticks_across_pages_and_logins(year, client_for, admin_user):
    client = client_for(admin_user)
    response = client.post(reverse("choose_year"), {"year": str(year), "next": "/core/villages/"})
    assert response.status_code == 302 and response["Location"] == "/core/villages/"
    assert Membership.objects.get(user=admin_user).year == year
    for url in ["/core/villages/", "/core/people/", "/core/"]:
        page = client.get(url)
        assert page.context["current_year"] == year
        assert selected_year(page.content.decode()) == str(year)
    later = client_for(admin_user)  # a new session: the year is the user's, not the session's
    assert later.get("/core/villages/").context["current_year"] == year


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "", "2025.5"])
def test_invalid_year_is_refused_with_400(year, client_for, admin_user):
    Membership.objects.filter(user=admin_user).update(year=2025)
    response = client_for(admin_user).post(reverse("choose_year"), {"year": year})
    assert response.status_code == 400
    assert "年度无效" in response.content.decode()
    assert Membership.objects.get(user=admin_user).year == 2025


def test_year_picker_does_not_redirect_to_another_site(client_for, admin_user):
    response = client_for(admin_user).post(reverse("choose_year"), {"year": "2024", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_year_picker_needs_login_and_post(client_for, admin_user):
    anonymous = client_for(None).post(reverse("choose_year"), {"year": "2024"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert client_for(admin_user).get(reverse("choose_year")).status_code == 405


def test_every_role_may_pick_a_year(client_for, users):
    for role, user in users.items():
        response = client_for(user).post(reverse("choose_year"), {"year": "2023"})
        assert response.status_code == 302, role
        assert Membership.objects.get(user=user).year == 2023


# --- the county viewer's township switcher ---------------------------------------------------------

def test_county_viewer_switches_township_and_the_ledgers_follow(cast, client_for):
    client = client_for(cast.county_user)
    page = client.get("/core/villages/")
    assert {row["record"] for row in page.context["rows"]} == {cast.village, cast.second_village}
    assert 'action="/township/"' in page.content.decode()

    response = client.post(reverse("choose_township"), {"township": "other", "next": "/core/villages/"})
    assert response.status_code == 302 and response["Location"] == "/core/villages/"
    page = client.get("/core/villages/")
    assert [row["record"] for row in page.context["rows"]] == [cast.other_village]
    assert page.context["current_township"] == cast.other_township
    assert client.get(reverse("villages:detail", args=[cast.village.pk])).status_code == 404
    assert client.get(reverse("villages:detail", args=[cast.other_village.pk])).status_code == 200


def test_township_switcher_refuses_a_township_outside_the_county(cast, client_for):
    from tests.factories import TownshipFactory

    TownshipFactory(code="faraway")
    response = client_for(cast.county_user).post(reverse("choose_township"), {"township": "faraway"})
    assert response.status_code == 404
    assert Membership.objects.get(user=cast.county_user).current_township is None


@pytest.mark.parametrize("role", ["admin", "clerk", "village_clerk", "leader", "other_admin"])
def test_only_county_viewers_have_a_township_switcher(role, cast, client_for):
    client = client_for(cast.users[role])
    assert 'action="/township/"' not in client.get("/core/villages/").content.decode()
    assert client.post(reverse("choose_township"), {"township": "other"}).status_code == 404


# --- the language switcher -------------------------------------------------------------------------

def test_pages_are_chinese_by_default(client_for, db):
    page = client_for(None).get("/accounts/login/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "用户名" in page


def test_language_switcher_gives_english_pages(client_for, admin_user):
    client = client_for(None)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page
    assert "Username" in page and "用户名" not in page
    back = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert back.status_code == 302
    assert "用户名" in client.get("/accounts/login/").content.decode()


def test_language_switcher_translates_the_portals_own_strings(client_for, admin_user):
    client = client_for(None)
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").content.decode()
    assert "法治政府建设工作平台" not in page and "登录" not in page
    assert "Rule-of-Law Portal" in page and "Log in" in page

    client = client_for(admin_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/core/villages/"})
    page = client.get("/core/villages/").content.decode()
    navigation = {
        "工作台": "Dashboard", "组织领导与学法": "Governance", "行政执法": "Enforcement",
        "矛盾纠纷与信访": "Disputes &amp; petitions", "普法宣传": "Outreach", "年度报告": "Reports",
        "村（社区）与人员": "Villages &amp; people", "修改密码": "Change password", "退出登录": "Log out",
    }
    for chinese, english in navigation.items():
        assert f">{english}<" in page and f">{chinese}<" not in page
    assert "法治办管理员" not in page and "Rule-of-law office admin" in page  # the role beside the user's name


def test_the_switcher_is_on_every_page(client_for, admin_user):
    for url in ["/accounts/login/", "/core/villages/"]:
        client = client_for(admin_user if url != "/accounts/login/" else None)
        assert 'action="/i18n/setlang/"' in client.get(url).content.decode()


# --- tampered URLs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/core/villages/999999/",
    "/core/villages/999999/edit/",
    "/core/villages/999999/delete/",
    "/core/villages/abc/",
    "/core/villages/-1/",
    "/core/villages/1.5/",
    "/core/villages/99999999999999999999999/",
    "/core/people/999999/",
    "/core/people/0/",
    "/attachments/999999/",
    "/attachments/abc/",
    "/core/villages/?page=999",
    "/core/villages/?page=abc",
    "/core/villages/?township=nowhere",
    "/core/nothing/",
])
def test_tampered_urls_answer_404_not_500(url, client_for, admin_user, village):
    response = client_for(admin_user).get(url)
    assert response.status_code == 404
    assert "没有找到" in response.content.decode()


@pytest.mark.parametrize("query", [
    {"sort": "nonsense"}, {"sort": "-households"}, {"kind": "bogus"}, {"q": "x" * 500}, {"q": "%_'\";--"},
    {"legal_background": "maybe"}, {"village": "abc"}, {"village": "999999"},
])
def test_odd_list_parameters_never_break_the_list(query, client_for, admin_user, village, person):
    client = client_for(admin_user)
    assert client.get("/core/villages/", query).status_code == 200
    assert client.get("/core/people/", query).status_code == 200
    assert client.get("/core/villages/export/", query).status_code == 200


def test_the_list_sorts_and_filters(client_for, admin_user, village, second_village):
    client = client_for(admin_user)
    rows = client.get("/core/villages/", {"sort": "-households"}).context["rows"]
    assert [row["record"] for row in rows] == [second_village, village]  # 650 before 607
    rows = client.get("/core/villages/", {"kind": "community"}).context["rows"]
    assert [row["record"] for row in rows] == [village]


# --- pages of every role ---------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["admin", "clerk", "village_clerk", "leader", "county", "other_admin"])
def test_home_and_core_pages_open_for_every_role(role, cast, client_for):
    client = client_for(cast.users[role])
    for url in ["/", "/core/", "/disputes/", "/outreach/", "/accounts/password_change/"]:
        assert client.get(url).status_code == 200, url


def test_village_clerk_does_not_see_the_township_areas(cast, client_for):
    client = client_for(cast.village_clerk_user)
    assert client.get("/governance/").status_code == 404
    assert client.get("/enforcement/").status_code == 404


def test_a_user_without_a_role_gets_404_not_500(client_for, db):
    from tests.factories import UserFactory

    client = client_for(UserFactory(username="norole"))
    assert client.get("/core/villages/").status_code == 404
    assert client.get("/core/villages/1/").status_code == 404


def test_logout_is_a_post_and_ends_the_session(client_for, admin_user):
    client = client_for(admin_user)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/core/villages/").status_code == 302
