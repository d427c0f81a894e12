"""The production path (issue 7 item 15): static files collected in either mode serve the pages and their
assets with DEBUG off."""

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
            response.close()
