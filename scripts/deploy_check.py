#!/usr/bin/env python3
"""The portal deployed as the README's Production section says, then used as a browser would use it.

    make deploy-check                 (.ci/run runs it after `make test`)

1. PostgreSQL: a role with a password and a database it owns, both portal_deploy_<pid>, dropped at the end.
   The server is DEPLOY_CHECK_POSTGRES (default postgres://postgres@127.0.0.1:5432), reached with psql.
2. The service's environment: DATABASE_URL, a random SECRET_KEY, ALLOWED_HOSTS; DEBUG not set (off).
3. `make setup`, then `manage.py check --deploy`, which must be clean.
4. gunicorn township.wsgi on a free port with 2 workers. Requests carry `X-Forwarded-Proto: https` and the
   Host header, as the TLS proxy in front of it does (README): the HTTPS settings stay on, as in production.
5. Fetched: /healthz/, the login page, its form posted with the CSRF token (user admin), the dashboard, the
   report page and PDF, and every CSS/JS file those pages link (and the files their CSS links); each printed
   with its status and time.
6. gunicorn's stdout, where the portal logs: every line is JSON, each request above has its line, and no
   secret (password, session, CSRF token, SECRET_KEY) is in any.
7. A second gunicorn whose database port is closed answers /healthz/ with 503, within 15 s.

Exits non-zero on any unexpected answer; gunicorn is always stopped and the database always dropped.
Standard library only: it runs with the system python3, before .venv exists.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_USER, DEMO_PASSWORD, DEMO_TOWNSHIP, DEMO_YEAR = "admin", "Daxi@2025", "daxi", 2025
WORKERS = 2
HEALTH_PROBE_PATIENCE = 15  # seconds: load balancers give up on a health probe sooner still
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")  # what the manifest storage gives every static file
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# Variables of the caller's shell that would make this something else than the README's production set-up.
NOT_INHERITED = {
    "DEBUG", "HTTPS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_SETTINGS_MODULE", "PORTAL_SERVING",
    "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "TEST_DATABASE_NAME",
}

failures: list[str] = []


def step(title: str) -> None:
    print(f"\n== deploy check: {title}", flush=True)


def fail(message: str) -> None:
    failures.append(message)
    print(f"   FAILED: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- PostgreSQL -------------------------------------------------------------------------------------------

class Postgres:
    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 5432
        self.user = urllib.parse.unquote(parts.username or "postgres")
        self.password = urllib.parse.unquote(parts.password or "")

    def psql(self, sql: str) -> str:
        env = {**os.environ, "PGPASSWORD": self.password} if self.password else dict(os.environ)
        done = subprocess.run(  # noqa: S603 - psql from PATH with our own statements
            ["psql",  # noqa: S607 "-h", self.host, "-p", str(self.port), "-U", self.user, "-d", "postgres",
             "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
            env=env, capture_output=True, text=True, timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed on {sql!r}: {done.stderr.strip()}")
        return done.stdout.strip()

    def url(self, user: str, password: str, name: str, port: int | None = None) -> str:
        return f"postgres://{user}:{password}@{self.host}:{port or self.port}/{name}"


# --- gunicorn ---------------------------------------------------------------------------------------------

class Gunicorn:
    """gunicorn township.wsgi as README step 4 starts it; stdout (the portal's log) and stderr go to files."""

    def __init__(self, env: dict, port: int, workers: int, logs: Path, label: str):
        self.port, self.label, self.stopped = port, label, False
        self.stdout_path, self.stderr_path = logs / f"{label}.stdout", logs / f"{label}.stderr"
        command = [str(ROOT / ".venv/bin/gunicorn"), "township.wsgi", "--bind", f"127.0.0.1:{port}",
                   "--workers", str(workers)]
        print("   $ " + " ".join(command), flush=True)
        with open(self.stdout_path, "ab") as stdout, open(self.stderr_path, "ab") as stderr:  # O_APPEND: workers share it
            self.process = subprocess.Popen(  # noqa: S603 - the project's own gunicorn
                command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr, start_new_session=True
            )

    def wait_until_listening(self, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.2)
        return False

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        if self.process.poll() is None:
            self.process.terminate()  # the master stops its workers gracefully
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the session started for this gunicorn only
                self.process.wait(timeout=10)
        print(f"   gunicorn ({self.label}) stopped, exit {self.process.returncode}", flush=True)

    def tail(self, lines: int = 30) -> str:
        text = ""
        for path in (self.stderr_path, self.stdout_path):
            content = path.read_text(errors="replace").splitlines()[-lines:]
            text += f"--- last lines of {path.name}\n" + "\n".join(content) + "\n"
        return text


# --- the HTTP client --------------------------------------------------------------------------------------

class BehindTheProxy(http.cookiejar.DefaultCookiePolicy):
    """Sends the Secure cookies over the plain-HTTP hop: this client stands where the TLS proxy does."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # every answer is checked as it comes, a redirect too


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []
        self.csrf_token = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href") and attributes.get("rel") not in {"canonical", "alternate"}:
            self.assets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])
        elif tag == "input" and attributes.get("name") == "csrfmiddlewaretoken":
            self.csrf_token = attributes.get("value") or ""


class Browser:
    def __init__(self, port: int):
        self.origin = f"http://127.0.0.1:{port}"
        self.public_origin = f"https://127.0.0.1:{port}"  # what the browser sees, in front of the proxy
        self.jar = http.cookiejar.CookieJar(policy=BehindTheProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.made: list[tuple[str, str, int]] = []  # (method, path, status) of every request, for the log check

    def fetch(self, path: str, *, data: dict | None = None, expect: int = 200, proxied: bool = True,
              referer: str = "", timeout: float = 60) -> tuple[int, dict, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        method = "POST" if data is not None else "GET"
        request = urllib.request.Request(self.origin + path, data=body, method=method)  # noqa: S310 - http://127.0.0.1
        request.add_header("Accept-Encoding", "gzip")
        if proxied:
            request.add_header("X-Forwarded-Proto", "https")
        if data is not None:
            request.add_header("Origin", self.public_origin)
            request.add_header("Referer", self.public_origin + referer)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as answer:
            status, headers, content = answer.code, answer.headers, answer.read()
        except OSError as exc:
            status, headers, content = 0, {}, str(exc).encode()
        elapsed = (time.perf_counter() - started) * 1000
        if headers.get("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        self.made.append((request.get_method(), urllib.parse.urlsplit(path).path, status))
        note = f"  ({headers.get('Content-Type', '')}" + (
            f", {headers['Content-Encoding']}" if headers.get("Content-Encoding") else "") + f", {len(content)} bytes)"
        if status in (301, 302):
            note = f"  → {headers.get('Location')}"
        elif status == 0:
            note = f"  (no answer within {timeout:.0f} s: {content.decode()})"
        print(f"   {status:>3} {elapsed:8.1f} ms  {request.get_method():<4} {path}{note}", flush=True)
        if status != expect:
            fail(f"{request.get_method()} {path} answered {status}, expected {expect}")
        return status, dict(headers), content

    def page(self, path: str) -> PageParser:
        status, headers, content = self.fetch(path)
        parser = PageParser()
        if status == 200:
            parser.feed(content.decode("utf-8", "replace"))
        return parser

    def cookie(self, name: str) -> str:
        return next((cookie.value for cookie in self.jar if cookie.name == name), "")


def fetch_assets(browser: Browser, pages: dict[str, PageParser]) -> int:
    """Every asset the pages link, once, and every file their stylesheets link; returns how many."""
    queue = [asset for parser in pages.values() for asset in parser.assets]
    seen: set[str] = set()
    while queue:
        asset = urllib.parse.urlsplit(queue.pop(0))
        if asset.scheme or asset.netloc:
            fail(f"a page links an asset on another host: {asset.geturl()}")
            continue
        if asset.path in seen:
            continue
        seen.add(asset.path)
        status, headers, content = browser.fetch(asset.path)
        if status != 200:
            continue
        if not HASHED_NAME.search(asset.path):
            fail(f"{asset.path} is not a hashed name from WhiteNoise's manifest")
        if "immutable" not in headers.get("Cache-Control", ""):
            fail(f"{asset.path} is not served as immutable (Cache-Control: {headers.get('Cache-Control')})")
        if asset.path.endswith(".css"):
            for _quote, url in CSS_URL.findall(content.decode("utf-8", "replace")):
                if not url.startswith(("data:", "#")):
                    queue.append(urllib.parse.urljoin(asset.path, url))
    return len(seen)


# --- the steps --------------------------------------------------------------------------------------------

def service_environment(database_url: str, secret_key: str) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    env.update(DATABASE_URL=database_url, SECRET_KEY=secret_key, ALLOWED_HOSTS="127.0.0.1,localhost")
    return env


def run(command: list[str], env: dict) -> None:
    print("   $ " + " ".join(command), flush=True)
    if subprocess.run(command, cwd=ROOT, env=env, timeout=1800).returncode != 0:  # noqa: S603 - make, manage.py
        raise RuntimeError(f"{' '.join(command)} failed")


def use_the_portal(port: int) -> Browser:
    browser = Browser(port)
    browser.fetch("/healthz/")
    browser.fetch("/", proxied=False, expect=301)  # without the proxy's header: sent to HTTPS, as configured
    pages = {"/accounts/login/": browser.page("/accounts/login/")}
    token = pages["/accounts/login/"].csrf_token
    if not token:
        fail("the login page has no CSRF token")
    _status, headers, _content = browser.fetch(
        "/accounts/login/", expect=302, referer="/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": DEMO_USER, "password": DEMO_PASSWORD},
    )
    if headers.get("Location") != "/":
        fail(f"the login did not lead to the dashboard (Location: {headers.get('Location')})")
    pages["/"] = browser.page("/")
    pages[f"/reports/{DEMO_YEAR}/"] = browser.page(f"/reports/{DEMO_YEAR}/")
    _status, headers, content = browser.fetch(f"/reports/{DEMO_YEAR}/pdf/")
    if not (headers.get("Content-Type") == "application/pdf" and content.startswith(b"%PDF-")):
        fail(f"/reports/{DEMO_YEAR}/pdf/ is not a PDF ({headers.get('Content-Type')})")
    for path, parser in pages.items():
        if len(parser.assets) < 4:
            fail(f"{path} links {len(parser.assets)} CSS/JS files, expected Bootstrap's and the portal's")
    count = fetch_assets(browser, pages)
    print(f"   {len(pages)} pages, a PDF and {count} static files fetched", flush=True)
    return browser


def check_the_log(gunicorn: Gunicorn, browser: Browser, secrets_to_hide: list[str]) -> None:
    text = gunicorn.stdout_path.read_text(errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            fail(f"a log line on stdout is not JSON: {line[:200]}")
    requests = [line for line in parsed if line.get("logger") == "township.requests"]
    logged = [(line.get("method"), line.get("path"), line.get("status")) for line in requests]
    for made in browser.made:
        if made in logged:
            logged.remove(made)
        else:
            fail(f"no log line for {made}")
    dashboard = [line for line in requests if line.get("path") == "/" and line.get("status") == 200]
    if not dashboard or not isinstance(dashboard[0].get("user"), int) or dashboard[0].get("township") != DEMO_TOWNSHIP:
        fail(f"the dashboard's log line lacks its user or township: {dashboard[:1]}")
    fields = {"user", "township", "method", "path", "status", "duration_ms"}
    incomplete = [line for line in requests if not fields <= line.keys()]
    if incomplete:
        fail(f"request log lines without {fields}: {incomplete[:1]}")
    for secret in filter(None, secrets_to_hide):
        if secret in text:
            fail("a secret (password, session, CSRF token or SECRET_KEY) is in the log")
    print(f"   {len(lines)} log lines on stdout, {len(parsed)} of them JSON; {len(requests)} request lines, e.g.",
          flush=True)
    if dashboard:
        print("   " + json.dumps(dashboard[0], ensure_ascii=False), flush=True)


def main() -> int:
    started = time.monotonic()
    postgres = Postgres(os.environ.get("DEPLOY_CHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    name = f"portal_deploy_{os.getpid()}"
    password = secrets.token_hex(16)
    secret_key = secrets.token_urlsafe(50)
    servers: list[Gunicorn] = []
    created = False
    logs = Path(tempfile.mkdtemp(prefix="portal-deploy-check-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a stopped CI run still cleans up below
    try:
        step(f"PostgreSQL {postgres.host}:{postgres.port}: role and database {name} (README Production, step 2)")
        postgres.psql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
        created = True
        postgres.psql(f"CREATE DATABASE \"{name}\" OWNER \"{name}\"")
        print(f"   {postgres.psql('SELECT version()').split(',')[0]}", flush=True)
        env = service_environment(postgres.url(name, password, name), secret_key)

        step("make setup (step 3) and manage.py check --deploy (step 5)")
        run([os.environ.get("MAKE", "make"), "setup"], env)
        run([str(ROOT / ".venv/bin/python"), "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
        setup_done = time.monotonic()

        step(f"gunicorn, DEBUG off, {WORKERS} workers (step 4), used through the proxy's headers")
        gunicorn = Gunicorn(env, free_port(), WORKERS, logs, "portal")
        servers.append(gunicorn)
        if not gunicorn.wait_until_listening():
            print(gunicorn.tail(), flush=True)
            raise RuntimeError("gunicorn did not start listening within 30 s")
        browser = use_the_portal(gunicorn.port)
        gunicorn.stop()

        step("the log: JSON lines on stdout, one per request, no secrets")
        check_the_log(gunicorn, browser, [DEMO_PASSWORD, password, secret_key, browser.cookie("sessionid"),
                                          browser.cookie("csrftoken")])

        step("/healthz/ with the database unreachable (a closed port)")
        down_env = service_environment(postgres.url(name, password, name, port=free_port()), secret_key)
        down = Gunicorn(down_env, free_port(), 1, logs, "database-down")
        servers.append(down)
        if down.wait_until_listening():
            # within DB_POOL_TIMEOUT (5 s) and the worker's start; psycopg's own default made it 31 s
            Browser(down.port).fetch("/healthz/", expect=503, timeout=HEALTH_PROBE_PATIENCE)
        else:
            fail("gunicorn (database down) did not start listening within 30 s")
        if failures:
            for server in servers:
                print(server.tail(), flush=True)
        print(f"\n   set-up {setup_done - started:.0f} s, the check after it {time.monotonic() - setup_done:.0f} s",
              flush=True)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        fail(str(exc))
    finally:
        for server in servers:
            server.stop()
        if created:
            postgres.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            postgres.psql(f'DROP ROLE IF EXISTS "{name}"')
            print(f"   database and role {name} dropped", flush=True)
        shutil.rmtree(logs, ignore_errors=True)  # their last lines were printed on failure
    if failures:
        print(f"\ndeploy check FAILED ({len(failures)}):\n  " + "\n  ".join(failures), flush=True)
        return 1
    print("\ndeploy check passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
