"""`make bench`: server time of the portal's heavy pages at county scale, on SQLite and PostgreSQL; with
BENCH_PROVINCE=1 (or `make bench-province`, --province: that scale alone) also at province scale on PostgreSQL.

For each database: generate the data set once (benchmarks/generate.py, reused while the migrations stay
the same), then request each page with Django's test Client, logged in as the role that uses it — a
few warm-up requests, then N timed ones — and print p50/p95 beside the budget of DESIGN.md §8.

    python benchmarks/run.py            # both databases
    BENCH_N=50 BENCH_PDF_N=10 python benchmarks/run.py
    BENCH_POSTGRES_URL=postgres://user:pass@host:5432/portal_bench python benchmarks/run.py
    BENCH_SETTINGS=my_settings python benchmarks/run.py     # another settings module (default township.settings)

The SQLite data set lives in var/bench.sqlite3, the PostgreSQL one in the database portal_bench (created
when missing; skipped with a note when the server does not answer). Pages of an area that is not built
yet are skipped, saying so.

The province-scale set (benchmarks/province.py: 1,000 townships × 5 years) lives in portal_province
(BENCH_PROVINCE_URL), kept and reused. Its pages: every ledger's list, the township dashboard, a county's
dashboard (30 townships) and the province rollup by county, warm (figures in the cache), cold after a write to
one township (that township's data token changed before each request: the others' figures are in the cache) and
cold after a write to every township (the global token changed before each request: nothing of the cache is
used, the worst case), and the report HTML. BENCH_COLD_N
sets the requests of a cold page, BENCH_SLOW_N those of the rollup cold after every township's write (3: each
counts a thousand townships, minutes), BENCH_ONLY=<text>[,<text>…] times only the pages whose name has one of them. Each line gives the 1-minute load average after its page was timed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
PROVINCE_URL = os.environ.get("BENCH_PROVINCE_URL", "postgres://postgres@127.0.0.1:5432/portal_province")
N = int(os.environ.get("BENCH_N", "30"))
COLD_N = int(os.environ.get("BENCH_COLD_N", "10"))
PDF_N = int(os.environ.get("BENCH_PDF_N", "5"))
#: requests of the pages that count every township afresh each time (minutes each at province scale)
SLOW_N = int(os.environ.get("BENCH_SLOW_N", "3"))
SLOW_PAGES = {"province rollup (cold, all)"}
YEAR = 2025

#: (page, URL name or path, user, budget in ms) — budgets of DESIGN.md §8 (p95, server time)
PAGES = [
    ("dispute list", "disputes:list", "bench_admin", 100),
    ("petition list", "petitions:list", "bench_admin", 100),
    ("dashboard", "home", "bench_admin", 150),
    ("county dashboard (30 townships)", "home", "bench_county", 500),
    ("report HTML", f"/reports/{YEAR}/", "bench_admin", 200),
    ("report PDF (warm)", f"/reports/{YEAR}/pdf/", "bench_admin", 2000),
]


def province_pages() -> list[tuple]:
    """The province scale's pages (budgets of issue 13 item 4); the last item says how the page is timed: warm
    (False), cold after a write to one of the user's townships ("one") or to every township ("all"), or after a
    write to one and the warm worker's run for it ("warmed": what a reader sees once the worker is done). Every
    ledger's list: those of the records the generator copies carry 10× Daxi's volumes a year."""
    from township import areas

    pages = [(f"list: {slug}", f"{slug}:list", "bench_admin", 100, False) for slug in areas.ledgers()]
    return pages + [
        ("township dashboard", "home", "bench_admin", 150, False),
        ("township dashboard (cold)", "home", "bench_admin", 150, "all"),
        ("county dashboard (30 townships)", "home", "bench_county", 300, False),
        ("county dashboard (cold, 1 township)", "home", "bench_county", 300, "one"),
        ("county dashboard (cold, all)", "home", "bench_county", 300, "all"),
        ("province rollup (34 counties)", "province", "bench_province", 1000, False),
        ("province rollup (cold, 1 township)", "province", "bench_province", 1000, "one"),
        ("province rollup (cold, all)", "province", "bench_province", 1000, "all"),
        # "warmed": after a write to one township and the warm worker's run for it (reports.tasks.warm_township)
        ("township dashboard (after a write, warmed)", "home", "bench_admin", 150, "warmed"),
        ("county dashboard (after a write, warmed)", "home", "bench_county", 300, "warmed"),
        ("province rollup (after a write, warmed)", "province", "bench_province", 1000, "warmed"),
        ("report HTML", f"/reports/{YEAR}/", "bench_admin", 200, False),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def measure() -> None:
    """In the child process: time every page against the database of DATABASE_URL; one JSON line each."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection

    from township.collector import freeze_loaded

    freeze_loaded()  # as township.wsgi does for gunicorn
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from reports.tasks import warm_township
    from township import access, cache

    pages = province_pages() if os.environ.get("BENCH_SCALE") == "province" else [(*page, False) for page in PAGES]
    if only := os.environ.get("BENCH_ONLY", ""):  # e.g. BENCH_ONLY=rollup,report: the pages whose name has one
        pages = [page for page in pages if any(part in page[0] for part in only.split(","))]
    for page, target, username, budget, cold in pages:
        result = {"page": page, "budget": budget}
        try:
            path = target if target.startswith("/") else reverse(target)
        except NoReverseMatch:
            result["skipped"] = f"{target.split(':')[0]} pages are not built yet"
            print(json.dumps(result), flush=True)
            continue
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        count = SLOW_N if page in SLOW_PAGES else COLD_N if cold else PDF_N if path.endswith("/pdf/") else N
        # "all": as after a write to every township, no figure of the cache is used; "one": as after a write to
        # one of the user's townships, the others' figures are (township.cache)
        written = access.visible_townships(user).order_by("pk")[0].pk if cold in ("one", "warmed") else cache.GLOBAL
        worker_times = []

        def write(cold=cold, written=written, worker_times=worker_times):
            cache.changed(written)
            if cold == "warmed":  # as the worker does once the write is committed (not part of the page's time)
                started = time.perf_counter()
                warm_township.call(written)
                worker_times.append((time.perf_counter() - started) * 1000)

        def request(client=client, path=path, cold=cold):
            if cold:
                write()
            return client.get(path)

        for _warm in range(1 if page in SLOW_PAGES else 2):
            response = request()
        if response.status_code != 200:
            result["error"] = f"HTTP {response.status_code}"
            print(json.dumps(result), flush=True)
            continue
        if cold:
            write()
        with CaptureQueriesContext(connection) as queries:  # the page's own statements, not the write's
            client.get(path)
        query_count = len(queries)  # now: the next request clears the connection's log
        times = []
        for _request in range(count):
            if cold:
                write()
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        result.update(
            path=path, n=count, queries=query_count, p50=statistics.median(times), p95=percentile(times, 0.95),
            size=len(response.content), load=os.getloadavg()[0],
        )
        worker = f", the worker's run p50 {statistics.median(worker_times):.0f} ms" if worker_times else ""
        print(json.dumps(result), flush=True)
        print(f"  {page}: p95 {result['p95']:.1f} ms, load {result['load']:.1f}{worker}", file=sys.stderr, flush=True)


def postgres_ready(url: str) -> str:
    """'' when the server answers (the database is created when missing), else why not."""
    try:
        import dj_database_url
        import psycopg
        from psycopg import sql

        config = dj_database_url.parse(url)
        with psycopg.connect(
            dbname="postgres", user=config["USER"], password=config["PASSWORD"], host=config["HOST"] or None,
            port=config["PORT"] or None, autocommit=True, connect_timeout=5,
        ) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL here
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ""


def child_env(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE=os.environ.get("BENCH_SETTINGS", "township.settings"),
        HTTPS="0",  # the test client speaks plain HTTP
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("DEBUG", None)
    return env


def ensure_static_files() -> None:
    """DEBUG off serves hashed static files: collect them once if `make bench` has not."""
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT, env=child_env(SQLITE_URL), check=True,
        )


def main() -> int:
    ensure_static_files()
    rows: dict[str, list[dict]] = {}
    notes = []
    started = time.perf_counter()
    province_only = "--province" in sys.argv
    sets = [] if province_only else [("SQLite", SQLITE_URL, "county"), ("PostgreSQL", POSTGRES_URL, "county")]
    if province_only or os.environ.get("BENCH_PROVINCE", "") not in ("", "0"):
        sets.append(("province PG", PROVINCE_URL, "province"))
    for name, url, scale in sets:
        print(f"== {name}: data set", flush=True)
        if url.startswith("postgres") and (problem := postgres_ready(url)):
            notes.append(f"{name} skipped: {problem}")
            print(f"  skipped: {problem}")
            continue
        env = {**child_env(url), "BENCH_SCALE": scale}
        generator = "benchmarks/province.py" if scale == "province" else "benchmarks/generate.py"
        subprocess.run([sys.executable, generator], cwd=ROOT, env=env, check=True)  # noqa: S603 - our scripts
        print(f"== {name}: timing ({N} requests per page, {PDF_N} for the PDF, {COLD_N} cold, after 2 warm-up "
              "requests)", flush=True)
        output = subprocess.run(
            [sys.executable, "benchmarks/run.py", "--measure"], cwd=ROOT, env=env, check=True,
            stdout=subprocess.PIPE, text=True,
        ).stdout
        lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        rows[name] = [line for line in lines if "page" in line]  # the others are the portal's request log

    print()
    print(f"{'database':<11} {'page':<36} {'p50 ms':>8} {'p95 ms':>8} {'budget':>8}  {'':<5} {'queries':>7} "
          f"{'load':>5}")
    over = 0
    for name, results in rows.items():
        for result in results:
            if "skipped" in result or "error" in result:
                print(f"{name:<11} {result['page']:<36} {'—':>8} {'—':>8} {result['budget']:>8}  "
                      f"{result.get('skipped') or result.get('error')}")
                over += "error" in result
                continue
            verdict = "OK" if result["p95"] <= result["budget"] else "OVER"
            over += verdict == "OVER"
            print(f"{name:<11} {result['page']:<36} {result['p50']:>8.1f} {result['p95']:>8.1f} "
                  f"{result['budget']:>8}  {verdict:<5} {result['queries']:>7} {result.get('load', 0):>5.1f}")
    for note in notes:
        print(note)
    print(f"\n{sum(len(r) for r in rows.values())} pages measured in {time.perf_counter() - started:.0f} s; "
          f"{over} over budget or failing.")
    return 0


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        sys.exit(main())
