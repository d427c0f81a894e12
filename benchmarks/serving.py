"""The portal served as the README's Production section serves it, for the throughput and load benchmarks.

gunicorn township.wsgi with 2 workers (BENCH_WORKERS), DEBUG off, a random SECRET_KEY, WhiteNoise's manifest,
on a PostgreSQL database with the demo loaded (BENCH_SERVING_URL, default postgres://postgres@127.0.0.1:5432/
portal_serving: created, migrated and given the demo when it lacks it, then kept for the next run), the cache as
configured (CACHE_URL passed on: the database's cache table by default, Redis when it names one). Requests come
as the TLS proxy sends them (`X-Forwarded-Proto: https`), so the HTTPS settings stay on as in production.

    with serve() as portal:                 # gunicorn on a free port, stopped at the end
        cookie = portal.login("admin")      # "sessionid=…; csrftoken=…" of a real login through the form

The portal's log (one JSON line per request) goes to var/bench-serving.log, as journald would keep it.
Standard library and the project's own virtualenv only.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SERVING_URL = os.environ.get("BENCH_SERVING_URL", "postgres://postgres@127.0.0.1:5432/portal_serving")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
DEMO_PASSWORD = "Daxi@2025"  # noqa: S105 - the demo's published password (README)
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
LOG = ROOT / "var" / "bench-serving.log"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_env(database_url: str = SERVING_URL) -> dict:
    """The service's environment: the caller's, less what would make it something else than production."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "HTTPS", "PORTAL_SERVING", "TEST_DATABASE_NAME"}}
    env.update(DATABASE_URL=database_url, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1")
    return env


def prepare(database_url: str = SERVING_URL) -> None:
    """The database (created when missing), its migrations and the demo; the hashed static files."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(database_url)
    with psycopg.connect(dbname="postgres", user=config["USER"], password=config["PASSWORD"],
                         host=config["HOST"] or None, port=config["PORT"] or None, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    env = service_env(database_url)
    env.pop("SECRET_KEY")  # management commands that serve nothing
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    with psycopg.connect(database_url) as connection:
        has_demo = connection.execute("SELECT 1 FROM auth_user WHERE username = 'admin'").fetchone()
    if not has_demo:
        print("   loading the demo (a few minutes, once)", flush=True)
        subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(port: int, method: str, path: str, *, cookie: str = "", body: bytes | None = None,
            headers: dict | None = None, timeout: float = 120) -> Answer:
    """One request as the proxy passes it on (a new connection: gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent = {"Host": "127.0.0.1", **PROXY_HEADERS, **(headers or {})}
        if cookie:
            sent["Cookie"] = cookie
        if body is not None:
            sent["Origin"] = "https://127.0.0.1"
            sent.setdefault("Referer", f"https://127.0.0.1{path}")
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def cookies_of(answer: Answer) -> dict[str, str]:
    found = {}
    for header in answer.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else ""


class Portal:
    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def request(self, method: str, path: str, **kwargs) -> Answer:
        return request(self.port, method, path, **kwargs)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> str:
        """Logs in through the login form, as a browser does; returns the Cookie header of the session."""
        page = self.request("GET", "/accounts/login/")
        jar = cookies_of(page)
        cookie = "; ".join(f"{name}={value}" for name, value in jar.items())
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf_token(page.text), "username": username,
                                       "password": password}).encode()
        answer = self.request("POST", "/accounts/login/", cookie=cookie, body=form,
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        jar.update(cookies_of(answer))
        if answer.status != 302 or "sessionid" not in jar:
            raise RuntimeError(f"login of {username} failed: HTTP {answer.status}")
        return "; ".join(f"{name}={value}" for name, value in jar.items())


@contextlib.contextmanager
def serve(workers: int = WORKERS, database_url: str = SERVING_URL):
    """gunicorn as README step 4 starts it, on a free port; stopped (its process group) at the end."""
    prepare(database_url)
    port = free_port()
    LOG.parent.mkdir(exist_ok=True)
    command = [GUNICORN, "township.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    print("   $ " + " ".join(command), f"(DATABASE_URL {urllib.parse.urlsplit(database_url).path[1:]},",
          f"cache {os.environ.get('CACHE_URL') or 'the database table'})", flush=True)
    with open(LOG, "ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=service_env(database_url), stdout=log,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start (exit {process.returncode}); see {LOG}")
            with contextlib.suppress(OSError):
                if request(port, "GET", "/healthz/", timeout=5).status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz/ within 60 s; see {LOG}")
            time.sleep(0.3)
        yield Portal(port)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the session started for this gunicorn only
                process.wait(timeout=10)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    with serve() as portal:
        print(portal.url, portal.login("admin"))
        input("serving; Enter stops it ")
