"""The production path (issue 7 item 15, issue 13 items 1-2): static files collected in either mode serve the
pages and their assets with DEBUG off, and every request is logged as one JSON line without personal data.

The whole path under gunicorn and PostgreSQL is `make deploy-check` (scripts/deploy_check.py); /healthz/ with
the database down is in test_health_and_pages.py.
"""

import json
import logging
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

ASSET = re.compile(r'<(?:link\b[^>]*\bhref|script\b[^>]*\bsrc)="(/static/[^"]+)"')
HASHED = re.compile(r"\.[0-9a-f]{12}\.(css|js)$")


def settings_under(monkeypatch, **env) -> dict:
    """township/settings.py as a process started with `env` reads it (the test settings override STORAGES)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(django_settings.BASE_DIR) / "township" / "settings.py"))


def source_extensions() -> list[str]:
    return sorted({Path(path).suffix.lstrip(".") for finder in get_finders() for path, _ in finder.list([])} - {""})


# --- static files (issue 7 item 15) ----------------------------------------------------------------

@pytest.mark.parametrize("served_debug", [False, True], ids=["served-debug-off", "served-debug-on"])
@pytest.mark.parametrize("collected_debug", ["1", "0"], ids=["collected-as-make-setup", "collected-debug-off"])
def test_collected_static_files_serve_the_pages_and_their_assets(
    collected_debug, served_debug, monkeypatch, tmp_path, settings, client_for, admin_user
):
    # `make setup` collects with DEBUG=1; gunicorn then serves with DEBUG off (README, Production).
    collecting = settings_under(monkeypatch, DEBUG=collected_debug)["STORAGES"]
    serving = settings_under(monkeypatch, DEBUG="1" if served_debug else "0")["STORAGES"]
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = source_extensions()  # compressing takes 13 s and is not at stake
    settings.STORAGES = collecting
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.STORAGES = serving
    settings.DEBUG = served_debug

    for path, client in [("/accounts/login/", client_for(None)), ("/", client_for(admin_user))]:
        page = client.get(path)
        assert page.status_code == 200, path
        assets = ASSET.findall(page.content.decode())
        assert len(assets) >= 4, (path, assets)  # bootstrap and portal, CSS and JS
        for asset in assets:
            if not served_debug:
                assert HASHED.search(asset), asset  # hashed names, so browsers may cache them for ever
            response = client.get(asset)
            assert response.status_code == 200, asset
            assert response.getvalue(), asset  # read to the end: the client then closes it as a server would


# --- the request log (issue 13 item 2) --------------------------------------------------------------

def request_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "township.requests"]


def as_logged(record: logging.LogRecord) -> dict:
    """The line the configured stdout handler writes for `record`, parsed back."""
    (handler,) = [h for h in logging.getLogger().handlers if getattr(h, "name", None) == "stdout"]
    line = handler.format(record)
    assert "\n" not in line
    return json.loads(line)


def test_a_request_is_logged_as_one_json_line_with_user_township_path_status_and_time(
    caplog, client_for, admin_user, person
):
    caplog.set_level(logging.INFO, logger="township.requests")
    response = client_for(admin_user).get("/core/people/", {"q": person.name, "year": "2025"})
    assert response.status_code == 200

    (record,) = request_records(caplog)
    line = as_logged(record)
    assert line["logger"] == "township.requests" and line["level"] == "INFO"
    assert line["user"] == admin_user.pk
    assert line["township"] == "daxi"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/core/people/", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert "timestamp" in line
    # the query string's values may be personal data (a party's name searched for): only its names are kept
    assert line["query"] == ["q", "year"]
    assert person.name not in json.dumps(line, ensure_ascii=False)
    assert admin_user.username not in json.dumps(line, ensure_ascii=False)


def test_anonymous_and_refused_requests_are_logged_without_loading_anything(
    caplog, client_for, django_assert_num_queries, db
):
    caplog.set_level(logging.INFO, logger="township.requests")
    client = client_for(None)
    with django_assert_num_queries(1):  # the health check's own SELECT 1: the log line adds no query
        assert client.get("/healthz/").status_code == 200
    assert client.get("/core/people/").status_code == 302
    assert client.get("/no-such-page/?id_number=500101199001011234").status_code == 404

    lines = [as_logged(record) for record in request_records(caplog)]
    assert [(line["path"], line["status"], line["user"], line["township"]) for line in lines] == [
        ("/healthz/", 200, None, None),
        ("/core/people/", 302, None, None),
        ("/no-such-page/", 404, None, None),
    ]
    assert lines[2]["query"] == ["id_number"]
    assert "500101199001011234" not in caplog.text
    # Django's own "Not Found" warning goes through the same JSON handler without the request's repr
    (not_found,) = [r for r in caplog.records if r.name == "django.request"]
    assert "500101199001011234" not in json.dumps(as_logged(not_found), ensure_ascii=False)
