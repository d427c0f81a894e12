"""CPU milliseconds per request of the dashboard, a ledger list and /healthz/, in the app process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_serving python benchmarks/request_cpu.py
    DATABASE_URL=… BENCH_CPU_N=20 python benchmarks/request_cpu.py --lists   # every ledger's list of 2025 instead

A shared machine moves requests/s with its load; the CPU time a request costs the app process moves much less.
Django's WSGI handler is called in this process as gunicorn calls it (production settings, a session of the demo's
admin, the proxy's headers), warmed up, then 100 times a page (BENCH_CPU_N), three rounds: the best round's CPU time a request is
printed, with what it implies for 2 cores beside /healthz/'s. The database server's share is not in it.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("BENCH_CPU_N", "100"))  # requests a round
PAGES = [("dashboard", "/"), ("ledger list (disputes)", "/disputes/disputes/?year=2025"), ("/healthz/", "/healthz/")]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.handlers.wsgi import WSGIHandler

    logging.getLogger("township.requests").disabled = True  # the request log line is not what is measured
    admin = User.objects.get(username="admin")
    session = SessionStore()
    session.update({SESSION_KEY: str(admin.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: admin.get_session_auth_hash()})
    session.create()
    application = WSGIHandler()

    def call(path: str) -> str:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path.partition("?")[0], "QUERY_STRING": path.partition("?")[2],
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
                   "HTTP_X_FORWARDED_PROTO": "https", "HTTP_COOKIE": f"sessionid={session.session_key}",
                   "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr}
        status = []
        b"".join(application(environ, lambda answer, headers: status.append(answer)))
        return status[0]

    pages = PAGES
    if "--lists" in sys.argv[1:]:
        from django.urls import reverse

        from township import areas

        pages = [(f"list: {slug}", f"{reverse(f'{slug}:list')}?year=2025") for slug in areas.ledgers()]
        pages.append(PAGES[-1])
    found = {}
    for page, path in pages:
        for _warm in range(5):
            status = call(path)
        rounds = []
        for _round in range(3):
            started = time.process_time()
            for _request in range(N):
                call(path)
            rounds.append((time.process_time() - started) * 1000 / N)
        found[page] = min(rounds)
        print(f"{page:<34} {status:<8} {found[page]:6.2f} ms CPU a request", flush=True)
    health = found["/healthz/"]
    if "dashboard" not in found:
        print(f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
        session.delete()
        return 0
    print(f"dashboard / healthz: {found['dashboard'] / health:.1f}× the CPU (the budget, 150 against 991 requests/s: "
          f"{991 / 150:.1f}×); load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    session.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
