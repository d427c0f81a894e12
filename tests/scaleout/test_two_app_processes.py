"""Two app processes behave as one: two gunicorns, on two ports, serve one PostgreSQL database and one Redis.

    .venv/bin/python -m pytest -m scaleout            (.ci/run runs it after `make test`; `make test` leaves it out)

The set-up is the README's "outgrowing one machine": a fresh PostgreSQL database (portal_scaleout_<pid>, dropped
at the end) with the demo, CACHE_URL=redis://127.0.0.1:6379/13 (this test's own Redis database, emptied before
and after), DEBUG off, and two gunicorns with two workers each, as two app hosts behind a load balancer would
run. Each test then uses both over HTTP: a session, a login lockout, a stale edit, simultaneous imports and a
cached figure, each started on one process and checked on the other. SCALEOUT_POSTGRES names another server
(default postgres://postgres@127.0.0.1:5432), SCALEOUT_REDIS another Redis (default redis://127.0.0.1:6379/13).
"""

import csv
import http.cookiejar
import importlib.util
import io
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.scaleout

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("SCALEOUT_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SCALEOUT_REDIS", "redis://127.0.0.1:6379/13")
PASSWORD = "Daxi@2025"  # the demo's
FAILURE_LIMIT = 3


def load_deploy_check():
    """scripts/deploy_check.py's PostgreSQL and gunicorn helpers (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("deploy_check", ROOT / "scripts" / "deploy_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"the two-process test needs {reason}")
    pytest.skip(f"no {reason}")


@pytest.fixture(scope="module")
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        unavailable(f"Redis at {REDIS}")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture(scope="module")
def two_portals(redis_db):
    """(process A, process B, psql): two gunicorns on one fresh PostgreSQL database and one Redis."""
    deploy = load_deploy_check()
    postgres = deploy.Postgres(POSTGRES)
    try:
        postgres.psql("SELECT 1")
    except (RuntimeError, FileNotFoundError, subprocess.TimeoutExpired):
        unavailable(f"PostgreSQL at {POSTGRES}")
    name = f"portal_scaleout_{os.getpid()}"
    password = secrets.token_hex(16)
    postgres.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    postgres.psql(f'DROP ROLE IF EXISTS "{name}"')
    postgres.psql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
    postgres.psql(f'CREATE DATABASE "{name}" OWNER "{name}"')
    env = deploy.service_environment(postgres.url(name, password, name), secrets.token_urlsafe(50))
    env.update(CACHE_URL=REDIS, HTTPS="0", AXES_FAILURE_LIMIT=str(FAILURE_LIMIT), LOG_LEVEL="WARNING")
    logs = Path(tempfile.mkdtemp(prefix="portal-scaleout-"))
    servers = []
    try:
        for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"],
                        ["collectstatic", "--noinput", "-v", "0"]):  # DEBUG off serves WhiteNoise's manifest
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,  # noqa: S603
                           stdout=subprocess.DEVNULL, timeout=600)
        servers = [deploy.Gunicorn(env, deploy.free_port(), 2, logs, label) for label in ("A", "B")]
        for server in servers:
            assert server.wait_until_listening(60), server.tail()

        def sql(statement: str) -> str:
            return database_query(postgres, name, statement)

        yield servers[0].port, servers[1].port, sql
    finally:
        for server in servers:
            server.stop()
        postgres.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres.psql(f'DROP ROLE IF EXISTS "{name}"')
        for path in logs.iterdir():
            path.unlink()
        logs.rmdir()


def database_query(postgres, name: str, statement: str) -> str:
    env = {**os.environ, "PGPASSWORD": postgres.password} if postgres.password else dict(os.environ)
    done = subprocess.run(  # noqa: S603 - psql with our own statement
        ["psql", "-h", postgres.host, "-p", str(postgres.port), "-U", postgres.user, "-d", name,  # noqa: S607
         "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statement],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )
    return done.stdout.strip()


# --- a browser that talks to either process --------------------------------------------------------------

class Forms(HTMLParser):
    """The forms of a page: action, and the values a browser would post (first option of a select if none)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action") or "", "fields": {}})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and attributes.get("name"):
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind not in ("submit", "button", "file"):
                fields[attributes["name"]] = attributes.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "select" and attributes.get("name"):
            self._select = attributes["name"]
            fields.setdefault(self._select, "")
        elif tag == "option" and self._select:
            if "selected" in attributes or not self.forms[-1]["fields"].get(self._select):
                self.forms[-1]["fields"][self._select] = attributes.get("value", "")
        elif tag == "textarea" and attributes.get("name"):
            self._textarea = attributes["name"]
            fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: one cookie jar, whichever process the load balancer sends a request to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, port: int, path: str, data=None, files=None) -> tuple[int, str, str]:
        """(status, Location, body) of a GET, a form POST (data) or a multipart POST (data and files)."""
        origin = f"http://127.0.0.1:{port}"
        headers = {}
        body = None
        if files:
            boundary = secrets.token_hex(12)
            parts = []
            for key, value in (data or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
            for key, (filename, content) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; '
                             f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
        if body is not None:
            headers.update(Origin=origin, Referer=origin + path)
        request = urllib.request.Request(origin + path, data=body, headers=headers)  # noqa: S310 - 127.0.0.1
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode()

    def form(self, port: int, path: str, index: int = -1) -> dict:
        status, _location, html = self.request(port, path)
        assert status == 200, (path, status)
        parser = Forms()
        parser.feed(html)
        return dict(parser.forms[index]["fields"])

    def log_in(self, port: int, username: str, password: str = PASSWORD) -> tuple[int, str, str]:
        fields = self.form(port, "/accounts/login/")
        return self.request(port, "/accounts/login/", {**fields, "username": username, "password": password})

    def csrf(self, port: int, path: str) -> str:
        return self.form(port, path)["csrfmiddlewaretoken"]


def csv_sheet(headers: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def preview(browser: Browser, port: int, ledger_path: str, name: str, content: bytes) -> str:
    """Upload a sheet for its preview; the confirmation token."""
    token = browser.csrf(port, ledger_path)
    status, _location, html = browser.request(port, ledger_path, {"csrfmiddlewaretoken": token},
                                              files={"file": (name, content)})
    assert status == 200, html[:3000]
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


# --- the tests ----------------------------------------------------------------------------------------------

def test_a_session_opened_on_one_process_works_on_the_other(two_portals):
    a, b, _sql = two_portals
    browser = Browser()
    status, location, _html = browser.log_in(a, "admin")
    assert (status, location) == (302, "/")
    status, _location, html = browser.request(b, "/")  # the next request lands on the other process
    assert status == 200 and "退出登录" in html
    logout = browser.form(b, "/")  # logging out on B ends the session on A too
    browser.request(b, "/accounts/logout/", {"csrfmiddlewaretoken": logout["csrfmiddlewaretoken"]})
    status, location, _html = browser.request(a, "/")
    assert status == 302 and location.startswith("/accounts/login/")


def test_a_login_lockout_counted_on_both_processes_holds_on_both(two_portals):
    a, b, sql = two_portals
    browser = Browser()
    answers = [browser.log_in(port, "leader", "wrong-password")[0] for port in (a, b, a)]  # 2 on A, 1 on B
    assert answers[:2] == [200, 200]  # the form again, with its error
    assert answers[2] == 429  # the third failure, wherever it happens, locks the account
    for port in (b, a):  # locked on both, even with the right password
        status, _location, html = browser.log_in(port, "leader")
        assert status == 429 and "锁定" in html
    # one record of the attempts, in the database both processes share (axes' database handler)
    assert int(sql("SELECT failures_since_start FROM axes_accessattempt WHERE username = 'leader'")) >= FAILURE_LIMIT


def test_a_stale_edit_made_on_one_process_is_refused_on_the_other(two_portals):
    a, b, sql = two_portals
    pk = sql("SELECT v.id FROM township_village v JOIN township_township t ON t.id = v.township_id "
             "WHERE t.code = 'daxi' AND v.deleted_at IS NULL ORDER BY v.id LIMIT 1")
    first, second = Browser(), Browser()
    first.log_in(a, "admin")
    second.log_in(b, "admin")
    edit = f"/core/villages/{pk}/edit/"
    on_a = first.form(a, edit)
    on_b = second.form(b, edit)  # both opened before either saved
    status, _location, html = first.request(a, edit, {**on_a, "note": "甲在进程A上修改"})
    assert status == 302, html[:2000]
    status, _location, html = second.request(b, edit, {**on_b, "note": "乙在进程B上修改"})
    assert status == 409 and "甲在进程A上修改" in html  # refused, saying what the other saved
    assert sql(f"SELECT note FROM township_village WHERE id = {int(pk)}") == "甲在进程A上修改"  # noqa: S608 - an integer


def test_simultaneous_imports_on_both_processes_write_no_duplicates(two_portals):
    a, b, sql = two_portals
    sheet = csv_sheet(["村（社区）名称", "类型", "村民小组数", "网格数"],
                      [[f"并发村{index:02d}", "村", 3, 2] for index in range(40)])
    clerks = [Browser(), Browser()]  # two people, two sessions, one per process
    tokens = []
    for browser, port in zip(clerks, (a, b), strict=True):
        browser.log_in(port, "admin")
        tokens.append(preview(browser, port, "/core/villages/import/", "村.csv", sheet))
    answers = [None, None]

    def confirm(index, port):
        browser = clerks[index]
        csrf = browser.csrf(port, "/core/villages/import/")
        answers[index] = browser.request(port, "/core/villages/import/",
                                         {"csrfmiddlewaretoken": csrf, "token": tokens[index]})

    threads = [threading.Thread(target=confirm, args=(index, port)) for index, port in enumerate((a, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    statuses = sorted(answer[0] for answer in answers)
    assert 302 in statuses and all(status in (302, 400) for status in statuses), [a[2][:1500] for a in answers]
    assert sql("SELECT count(*) FROM township_village WHERE name LIKE '并发村%'") == "40"
    assert sql("SELECT count(DISTINCT name) FROM township_village WHERE name LIKE '并发村%'") == "40"


def test_a_figure_cached_on_one_process_changes_with_a_write_on_the_other(two_portals, redis_db):
    a, b, _sql = two_portals
    browser = Browser()
    browser.log_in(a, "admin")
    browser.request(a, "/year/", {"csrfmiddlewaretoken": browser.csrf(a, "/"), "year": "2025", "next": "/"})

    def registered(port) -> int:
        status, _location, html = browser.request(port, "/")
        assert status == 200
        return int(re.search(r"排查矛盾纠纷</span></th>\s*<td[^>]*>(?:<a[^>]*>)?(\d+)", html).group(1))

    before = registered(a)
    assert registered(a) == before  # the second reading comes from the cache ...
    assert redis_db.keys("*portal:cached:*")  # ... which is the Redis every process shares
    sheet = csv_sheet(["编号", "排查日期", "纠纷来源", "纠纷类型", "所在村（社区）", "当事人"],
                      [["DX-SO-2025-001", "2025-06-01", "排查发现", "邻里", "大溪社区", "张三"]])
    token = preview(browser, b, "/disputes/disputes/import/", "纠纷.csv", sheet)
    status, _location, _html = browser.request(b, "/disputes/disputes/import/",
                                               {"csrfmiddlewaretoken": browser.csrf(b, "/"), "token": token})
    assert status == 302
    assert registered(a) == before + 1  # written on B, seen at once on A
