"""Security guard rails (DESIGN.md §8): headers and CSP, CSRF, login lockout, production settings, attachments."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.helpers import form_data, upload
from township.forms import VillageForm
from township.models import Attachment, Village

PROJECT_DIR = Path(django_settings.BASE_DIR)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0" + bytes(64)
DOCX = b"PK\x03\x04" + bytes(64)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# --- headers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "logged_in"), [("/accounts/login/", False), ("/core/villages/", True),
                                                 ("/healthz/", False)])
def test_pages_send_the_security_headers(path, logged_in, client_for, admin_user):
    response = client_for(admin_user if logged_in else None).get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives.get("script-src", []) + directives.get("default-src", [])
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("name", ["list", "add", "detail", "edit", "import", "deleted"])
def test_ledger_pages_have_no_inline_script_for_the_csp_to_block(name, client_for, admin_user, village):
    url = reverse(f"villages:{name}", args=[village.pk] if name in {"detail", "edit"} else [])
    page = client_for(admin_user).get(url).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts, "the page loads its scripts"
    assert all("src=" in tag for tag in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"
    assert not re.search(r"<style\b|\sstyle\s*=", page), "inline style (style-src is 'self' only)"
    assert 'href="javascript:' not in page


def test_nothing_is_loaded_from_another_host(client_for, admin_user):
    page = client_for(admin_user).get("/core/villages/").content.decode()
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)


# --- CSRF ------------------------------------------------------------------------------------------

def test_ledger_post_without_csrf_token_is_refused(client_for, admin_user, daxi):
    client = client_for(admin_user, enforce_csrf_checks=True)
    data = form_data(VillageForm(township=daxi)) | {"name": "无令牌村"}
    response = client.post(reverse("villages:add"), data)
    assert response.status_code == 403
    assert not Village.objects.filter(name="无令牌村").exists()


def test_ledger_post_with_the_forms_csrf_token_is_accepted(client_for, admin_user, daxi):
    client = client_for(admin_user, enforce_csrf_checks=True)
    page = client.get(reverse("villages:add")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = form_data(VillageForm(township=daxi)) | {"name": "有令牌村", "csrfmiddlewaretoken": token}
    assert client.post(reverse("villages:add"), data).status_code == 302
    assert Village.objects.filter(name="有令牌村").exists()


@pytest.mark.parametrize(("name", "record"), [("delete", True), ("restore", True), ("import", False)])
def test_other_ledger_posts_also_need_the_csrf_token(name, record, client_for, admin_user, village):
    client = client_for(admin_user, enforce_csrf_checks=True)
    response = client.post(reverse(f"villages:{name}", args=[village.pk] if record else []))
    assert response.status_code == 403


# --- login and lockout -----------------------------------------------------------------------------

def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_form_logs_in_with_the_right_password(client_for, admin_user):
    client = client_for(None)
    response = login(client, "admin", "Daxi@2025")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(admin_user.pk)


def test_login_is_locked_after_five_failures_and_then_refuses_the_right_password(client_for, admin_user):
    client = client_for(None)
    for attempt in range(5):
        response = login(client, "admin", f"wrong-{attempt}")
        assert "_auth_user_id" not in client.session
    assert response.status_code in (403, 429)  # the fifth failure already locks
    locked = login(client, "admin", "Daxi@2025")
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert "锁定" in locked.content.decode()


def test_four_failures_do_not_lock_the_account(client_for, admin_user):
    client = client_for(None)
    for attempt in range(4):
        assert login(client, "admin", f"wrong-{attempt}").status_code == 200
    assert login(client, "admin", "Daxi@2025").status_code == 302


# --- production settings ---------------------------------------------------------------------------

def production_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "SECRET_KEY", "PORTAL_SERVING", "HTTPS", "SECURE_SSL_REDIRECT",
                        "SECURE_HSTS_SECONDS", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DEBUG": "0", "DJANGO_SETTINGS_MODULE": "township.settings", **extra})
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_production_settings():
    env = production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="portal.example.gov.cn")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_the_wsgi_application_refuses_to_start_without_debug_on_the_default_secret():
    env = production_env(ALLOWED_HOSTS="portal.example.gov.cn")
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-c", "import township.wsgi"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_runserver_refuses_to_start_without_debug_on_the_default_secret():
    result = manage("runserver", "127.0.0.1:0", "--noreload", env=production_env(ALLOWED_HOSTS="localhost"))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_commands_that_serve_nothing_run_without_a_secret():
    result = manage("makemigrations", "--check", "--dry-run", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_a_malformed_boolean():
    result = manage("check", env=production_env(DEBUG="maybe"))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


# --- attachments -----------------------------------------------------------------------------------

@pytest.fixture
def attach(client_for, admin_user, village, media_root):
    client = client_for(admin_user)

    def _attach(name, content, **extra):
        return client.post(reverse("villages:attach", args=[village.pk]), {"file": upload(name, content), **extra})

    return _attach


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("会议纪要.pdf", PDF, "application/pdf"),
    ("现场照片.PNG", PNG, "image/png"),
    ("现场照片.jpg", JPEG, "image/jpeg"),
    ("调解协议.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_allowed_attachment_is_stored_under_a_random_name(name, content, mime, attach, village, media_root):
    response = attach(name, content, description="证明材料")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.size, attachment.mime_type) == (name, len(content), mime)
    assert attachment.record == village
    stored = Path(attachment.file.name)
    assert re.fullmatch(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}" + re.escape(Path(name).suffix.lower()), str(stored))
    assert Path(name).stem not in str(stored)
    assert (Path(media_root) / stored).read_bytes() == content


def test_attachment_path_in_the_name_is_not_followed(attach, media_root):
    assert attach("../../../etc/passwd.pdf", PDF).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.pdf"
    assert (Path(media_root) / attachment.file.name).resolve().is_relative_to(Path(media_root).resolve())


@pytest.mark.parametrize(("name", "content", "message"), [
    pytest.param("病毒.exe", b"MZ" + bytes(64), "不支持的文件类型", id="exe"),
    pytest.param("页面.html", b"<html><script>alert(1)</script>", "不支持的文件类型", id="html"),
    pytest.param("图片.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "不支持的文件类型", id="svg"),
    pytest.param("伪装.pdf", b"<html><script>alert(1)</script>", "文件内容与扩展名不符", id="html-as-pdf"),
    pytest.param("伪装.png", PDF, "文件内容与扩展名不符", id="pdf-as-png"),
    pytest.param("无扩展名", PDF, "不支持的文件类型", id="no-extension"),
    pytest.param("空.pdf", b"", "空文件", id="empty"),
])
def test_wrong_attachment_is_refused_with_400_and_a_chinese_message(name, content, message, attach, village):
    response = attach(name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Attachment.objects.count() == 0


def test_oversize_attachment_is_refused(attach, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = attach("大文件.pdf", PDF + bytes(2048))
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_attachment_download_is_access_checked(attach, client_for, cast):
    attach("会议纪要.pdf", PDF)
    url = reverse("attachment", args=[Attachment.objects.get().pk])
    response = client_for(cast.leader_user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment;" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(cast.other_admin_user).get(url).status_code == 404
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")


def test_attachment_of_a_deleted_record_is_not_downloadable(attach, client_for, cast, village):
    attach("会议纪要.pdf", PDF)
    url = reverse("attachment", args=[Attachment.objects.get().pk])
    client_for(cast.admin_user).post(reverse("villages:delete", args=[village.pk]))
    assert client_for(cast.leader_user).get(url).status_code == 404


def test_missing_attachment_ids_answer_404(client_for, admin_user):
    assert client_for(admin_user).get("/attachments/999999/").status_code == 404
