"""`make load`: 50 simulated users for 3 minutes against gunicorn on PostgreSQL, then requests, failures and
p50/p95 per page. Exits non-zero on any failure (an unexpected status, a 5xx, a timeout, a refused connection).

    python benchmarks/load.py
    LOAD_USERS=50 LOAD_SECONDS=180 LOAD_THINK=2-8 BENCH_WORKERS=3 python benchmarks/load.py

The portal is served as in production (benchmarks/serving.py: gunicorn with the README's 3 workers here,
PostgreSQL with the demo). Each simulated user is a thread with its own session, logged in through the login
form as one of the demo's accounts (admin, clerk, leader, county, village, meijiang: the share of each is in
CAST), and does what that role does, waiting LOAD_THINK seconds between pages as a person reads:

- the dashboard (a county viewer's: the county's, then a township's);
- ledger lists, plain and with a filter picked at random from the list's own filter form, and a search;
- the detail pages of records found on them;
- an edit (admins and clerks, each on a dispute of their own so that no two edit one record): the edit form,
  then the form posted back as the browser would, with its CSRF token and the record's version, note changed;
- the annual report's PDF (now and then: it is the heaviest page);
- now and then a log-out and a new log-in;
- once, by the first admin: the villages exported, one village's note changed in the sheet, imported (upload,
  preview, confirm).

Standard library and the project's own virtualenv (openpyxl, for the sheet) only.
"""

from __future__ import annotations

import html
import io
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import Answer, Portal, csrf_token, serve  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "180"))
THINK = tuple(float(value) for value in os.environ.get("LOAD_THINK", "2-8").split("-", 1))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))  # README, Production step 4
YEAR = 2025
#: account, share of the simulated users, the ledger lists the role reads
CAST = [
    ("admin", 10, ["/disputes/disputes/", "/disputes/petitions/", "/enforcement/cases/", "/outreach/events/", "/core/people/"]),
    ("clerk", 10, ["/disputes/disputes/", "/disputes/petitions/", "/enforcement/cases/", "/outreach/events/", "/core/people/"]),
    ("leader", 10, ["/disputes/disputes/", "/disputes/petitions/", "/enforcement/cases/", "/outreach/events/"]),
    ("county", 8, []),
    ("village", 7, ["/disputes/disputes/", "/outreach/events/"]),
    ("meijiang", 5, ["/disputes/disputes/", "/outreach/events/", "/core/people/"]),
]
EDITORS = {"admin", "clerk"}
PDF_READERS = {"admin", "clerk", "leader"}
IGNORED_FILTERS = {"year", "language", "per_page", "csrfmiddlewaretoken", "next", "q", "township"}
DETAIL_LINK = re.compile(r'href="(/[a-z_\-]+/[a-z_\-]+/\d+/)"')
SELECT = re.compile(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', re.S)
OPTION_VALUE = re.compile(r'<option value="([^"]+)"')
FORM_URLENCODED = {"Content-Type": "application/x-www-form-urlencoded"}


class Record:
    """Every request's page name, status, seconds and whether it failed; shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, int] = defaultdict(int)
        self.server_errors: dict[str, int] = defaultdict(int)
        self.examples: list[str] = []

    def add(self, page: str, seconds: float, failure: str = "", status: int = 0) -> None:
        with self.lock:
            self.times[page].append(seconds)
            if failure:
                self.failures[page] += 1
                if status >= 500:
                    self.server_errors[page] += 1
                if len(self.examples) < 20:
                    self.examples.append(f"{page}: {failure}")


class EditForm(HTMLParser):
    """The values a browser posts for the form that carries the record's version (the ledger's edit form)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "form" and (attributes.get("method") or "").lower() == "post" and "ledger-form" in (attributes.get("class") or ""):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
            elif kind not in {"submit", "button", "file"}:
                self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.fields.append((self.select, attributes.get("value") or ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.in_form = False

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                   f"Content-Type: {content_type}\r\n\r\n".encode())
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


class SimulatedUser(threading.Thread):
    def __init__(self, portal: Portal, record: Record, account: str, lists: list[str], number: int,
                 deadline: float, dispute: str | None, imports: bool):
        super().__init__(daemon=True, name=f"{account}-{number}")
        self.portal, self.record, self.account, self.lists = portal, record, account, lists
        self.number, self.deadline, self.dispute, self.imports = number, deadline, dispute, imports
        self.random = random.Random(number)  # a user's path is the same from run to run
        self.cookies: dict[str, str] = {}

    # --- requests -----------------------------------------------------------------------------------------

    @property
    def cookie(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def fetch(self, page: str, method: str, path: str, *, expect=(200,), body: bytes | None = None,
              headers: dict | None = None) -> Answer | None:
        started = time.perf_counter()
        try:
            answer = self.portal.request(method, path, cookie=self.cookie, body=body, headers=headers, timeout=60)
        except OSError as error:
            self.record.add(page, time.perf_counter() - started, f"{method} {path}: {type(error).__name__} {error}")
            return None
        seconds = time.perf_counter() - started
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        failure = "" if answer.status in expect else f"{method} {path}: HTTP {answer.status}"
        self.record.add(page, seconds, failure, answer.status)
        return answer if not failure else None

    def post(self, page: str, path: str, fields, *, expect=(302,)) -> Answer | None:
        body = urllib.parse.urlencode(fields).encode()
        return self.fetch(page, "POST", path, body=body, expect=expect, headers=FORM_URLENCODED)

    def think(self) -> None:
        time.sleep(self.random.uniform(*THINK))

    # --- what a person does -------------------------------------------------------------------------------

    def login(self) -> bool:
        self.cookies.clear()
        page = self.fetch("login form", "GET", "/accounts/login/")
        if page is None:
            return False
        answer = self.post("login", "/accounts/login/", {"csrfmiddlewaretoken": csrf_token(page.text),
                                                          "username": self.account, "password": "Daxi@2025"})
        return answer is not None and "sessionid" in self.cookies

    def logout(self, page: Answer) -> None:
        self.post("logout", "/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(page.text)})

    def dashboards(self) -> Answer | None:
        if self.account == "county":
            self.fetch("county dashboard", "GET", "/")
            self.think()
            return self.fetch("dashboard", "GET", f"/?township={self.random.choice(['daxi', 'meijiang'])}")
        return self.fetch("dashboard" if self.account != "village" else "village start page", "GET", "/")

    def browse(self) -> None:
        path = self.random.choice(self.lists)
        listing = self.fetch("list", "GET", f"{path}?year={YEAR}")
        if listing is None:
            return
        self.think()
        choices = [(name, values) for name, body in SELECT.findall(listing.text) if name not in IGNORED_FILTERS
                   for values in [[value for value in OPTION_VALUE.findall(body) if value not in {"", "null"}]] if values]
        if choices and self.random.random() < 0.7:
            name, values = self.random.choice(choices)
            query = urllib.parse.urlencode({"year": YEAR, name: html.unescape(self.random.choice(values))})
            filtered = self.fetch("list with a filter", "GET", f"{path}?{query}")
        else:
            filtered = self.fetch("list with a search", "GET", f"{path}?year={YEAR}&q={urllib.parse.quote('调解')}")
        links = DETAIL_LINK.findall((filtered or listing).text) or DETAIL_LINK.findall(listing.text)
        links = [link for link in links if link.startswith(path)]
        if links:
            self.think()
            self.fetch("detail", "GET", self.random.choice(links))

    def edit(self) -> None:
        path = f"{self.dispute}edit/"
        form_page = self.fetch("edit form", "GET", path)
        if form_page is None:
            return
        parser = EditForm()
        parser.feed(form_page.text)
        fields = [(name, value) for name, value in parser.fields if name != "note"]
        if not any(name == "version" for name, _ in fields):
            self.record.add("edit form", 0, f"GET {path}: no version field in the form")
            return
        fields.append(("note", f"压力测试 {self.name} {time.strftime('%H:%M:%S')}"))
        self.think()
        self.post("edit (save)", path, fields)

    def pdf(self) -> None:
        self.fetch("report PDF", "GET", f"/reports/{YEAR}/pdf/")

    def import_villages(self) -> None:
        """The villages' own export, one note changed, imported back: upload and preview, then confirm."""
        import openpyxl

        sheet = self.fetch("export (villages)", "GET", "/core/villages/export/")
        page = self.fetch("import form", "GET", "/core/villages/import/")
        if sheet is None or page is None:
            return
        workbook = openpyxl.load_workbook(io.BytesIO(sheet.body))
        rows = workbook.active
        header_row = next(row for row in range(1, 5) if "备注" in [cell.value for cell in rows[row]])
        column = [cell.value for cell in rows[header_row]].index("备注") + 1
        rows.cell(row=header_row + 1, column=column, value=f"压力测试导入 {time.strftime('%Y-%m-%d %H:%M:%S')}")
        content = io.BytesIO()
        workbook.save(content)
        body, content_type = multipart({"csrfmiddlewaretoken": csrf_token(page.text)},
                                       {"file": ("villages.xlsx", content.getvalue(),
                                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
        preview = self.fetch("import preview", "POST", "/core/villages/import/", body=body,
                             headers={"Content-Type": content_type})
        if preview is None:
            return
        token = re.search(r'name="token" value="([^"]+)"', preview.text)
        if token is None:
            self.record.add("import preview", 0, "the preview offers no confirmation (a row refused?)")
            return
        self.think()
        self.post("import confirm", "/core/villages/import/",
                  {"csrfmiddlewaretoken": csrf_token(preview.text), "token": token.group(1)})

    def run(self) -> None:
        time.sleep(self.random.uniform(0, 30))  # people arrive over the first half minute, not at one instant
        if not self.login():
            return
        round_number = 0
        while time.monotonic() < self.deadline:
            round_number += 1
            page = self.dashboards()
            self.think()
            if self.lists:
                self.browse()
                self.think()
            if self.dispute and self.random.random() < 0.3:
                self.edit()
                self.think()
            if self.account in PDF_READERS and self.random.random() < 0.08:
                self.pdf()
                self.think()
            if self.imports and round_number == 2:
                self.import_villages()
                self.think()
            if page is not None and self.random.random() < 0.04:  # a log-in costs ~0.3 s of CPU (PBKDF2)
                self.logout(page)
                self.think()
                if not self.login():
                    return


def editors_disputes(portal: Portal, count: int) -> list[str]:
    """One dispute of 大溪镇 for each editing user, so that no two edit the same record (a second save of a
    record someone changed meanwhile is rightly refused: that is no failure of the portal, and not measured)."""
    cookie = portal.login("admin")
    found: list[str] = []
    page_number = 1
    while len(found) < count and page_number < 20:
        listing = portal.request("GET", f"/disputes/disputes/?year={YEAR}&per_page=50&page={page_number}", cookie=cookie)
        links = [link for link in dict.fromkeys(DETAIL_LINK.findall(listing.text)) if link.startswith("/disputes/disputes/")]
        if listing.status != 200 or not links:
            break
        found += links
        page_number += 1
    return found[:count]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    shares = sum(share for _, share, _ in CAST)
    accounts = [(account, lists) for account, share, lists in CAST
                for _ in range(max(1, round(USERS * share / shares)))][:USERS]
    print(f"== load: {len(accounts)} simulated users for {SECONDS:.0f} s, {THINK[0]:g}-{THINK[1]:g} s between pages, "
          f"gunicorn with {WORKERS} workers", flush=True)
    record = Record()
    with serve(workers=WORKERS) as portal:
        disputes = iter(editors_disputes(portal, sum(account in EDITORS for account, _ in accounts)))
        print(f"   load average at the start: {load_average()}", flush=True)
        started = time.monotonic()
        deadline = started + SECONDS
        users, first_admin = [], True
        for number, (account, lists) in enumerate(accounts):
            dispute = next(disputes, None) if account in EDITORS else None
            users.append(SimulatedUser(portal, record, account, lists, number, deadline, dispute,
                                       imports=account == "admin" and first_admin))
            first_admin = first_admin and account != "admin"
        for user in users:
            user.start()
        for user in users:
            user.join(timeout=SECONDS + 300)
        elapsed = time.monotonic() - started
        print(f"   load average at the end: {load_average()}", flush=True)

    total = sum(len(times) for times in record.times.values())
    failures = sum(record.failures.values())
    server_errors = sum(record.server_errors.values())
    print()
    print(f"{'page':<24} {'requests':>9} {'failures':>9} {'5xx':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for page in sorted(record.times, key=lambda name: -len(record.times[name])):
        times = [seconds * 1000 for seconds in record.times[page]]
        print(f"{page:<24} {len(times):>9} {record.failures[page]:>9} {record.server_errors[page]:>5} "
              f"{statistics.median(times):>8.0f} {percentile(times, 0.95):>8.0f} {max(times):>8.0f}")
    print(f"{'all':<24} {total:>9} {failures:>9} {server_errors:>5}")
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s), {failures} failures, "
          f"{server_errors} server errors")
    for example in record.examples:
        print(f"   {example}")
    return 1 if failures or server_errors or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
