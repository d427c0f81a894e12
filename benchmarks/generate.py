"""County-scale data for `make bench`: 30 townships × 5 years, each township-year about 10× the Daxi 2025
volumes of what exists (DESIGN.md §8).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python benchmarks/generate.py

The database named by DATABASE_URL (never the portal's own) is migrated, then filled once: the demo is
loaded (大溪镇), and its records are copied with bulk_create into 30 townships of a "bench" county —
villages and people as they are, the records of each planned model once per township or ×10 per year
for 2021-2025 (dates moved to that year, villages and people mapped to the township's own). A model of
an app that is not built yet is simply absent. Running it again reuses the data unless the migrations
or this generator changed (then the database is rebuilt).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = "2"
TOWNSHIPS = 30
YEARS = range(2021, 2026)
TEMPLATE_YEAR = 2025
COPIES = 10  # records per township-year = 10 × Daxi's 2025 records
BENCH_PASSWORD = "Bench@2025"  # noqa: S105 - the benchmark's own throwaway users

#: what is copied from the demo township, in dependency order:
#: (model label, how: "once" per township or "yearly", records of the template year picked by, copies)
PLAN = [
    ("disputes.Mediator", "once", None, 1),
    ("disputes.MediationCommittee", "once", None, 1),
    ("disputes.LegalAdviser", "yearly", "contract_start", 1),
    ("disputes.Consultation", "yearly", "date", COPIES),
    ("disputes.Dispute", "yearly", "registered_on", COPIES),
    ("disputes.Petition", "yearly", "received_on", COPIES),
    # governance (一(一)-(二)): rosters once or once a year, meetings, trainings and exams ×10 a year
    ("governance.Certificate", "once", None, 1),
    ("governance.LegalRecruit", "once", None, 1),
    ("governance.LeadingGroupMember", "yearly", "year", 1),
    ("governance.KeyTask", "yearly", "year", COPIES),
    ("governance.Meeting", "yearly", "date", COPIES),
    ("governance.MeetingIssue", "yearly", "meeting__date", COPIES),
    ("governance.LawReport", "yearly", "date", 1),
    ("governance.Training", "yearly", "date", COPIES),
    ("governance.LawExam", "yearly", "date", COPIES),
    ("governance.ExamResult", "yearly", "exam__date", COPIES),
    # enforcement (一(三))
    ("enforcement.ViolationType", "once", None, 1),
    ("enforcement.Equipment", "once", None, 1),
    ("enforcement.Campaign", "yearly", "start_on", COPIES),
    ("enforcement.EnforcementCase", "yearly", "filed_on", COPIES),
    ("enforcement.Recording", "yearly", "date", COPIES),
    ("enforcement.MajorDecision", "yearly", "catalogue_year", COPIES),
    ("enforcement.LegalityReview", "yearly", "submitted_on", COPIES),
    ("enforcement.SatisfactionSurvey", "yearly", "date", COPIES),
    # outreach (一(五))
    ("outreach.Occasion", "once", None, 1),
    ("outreach.Venue", "once", None, 1),
    ("outreach.LegalInformant", "once", None, 1),
    ("outreach.DemocracyVillage", "once", None, 1),
    ("outreach.Event", "yearly", "date", COPIES),
    ("outreach.OnlinePost", "yearly", "date", COPIES),
    ("outreach.OnsiteService", "yearly", "date", COPIES),
]

TOWNSHIP_NAMES = [
    "中和", "清溪", "梅江", "龙池", "石堤", "峨溶", "洪安", "雅江", "溶溪", "隘口", "平凯", "涌洞", "妙泉",
    "孝溪", "官庄", "钟灵", "宋农", "海洋", "里仁", "膏田", "兰桥", "龙凤", "石耶", "岑溪", "涌溪", "梅坪",
    "清泉", "官舟", "凤鸣", "宁川",
]


def signature() -> str:
    """What the data depends on: the migrations of every app and this generator."""
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def marker_path(url: str) -> Path:
    return ROOT / "var" / f"bench-{hashlib.sha256(url.encode()).hexdigest()[:8]}.json"


def reset_database(url: str) -> None:
    """An empty database (before Django connects to it)."""
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = config["NAME"]
    with psycopg.connect(
        dbname="postgres", user=config["USER"], password=config["PASSWORD"], host=config["HOST"] or None,
        port=config["PORT"] or None, autocommit=True,
    ) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def shift(value, years: int):
    """A date or datetime moved by whole years (29 February becomes the 28th)."""
    if value is None or years == 0:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def copy_rows(model, templates, *, township, years: int, copies: int, maps: dict) -> dict[int, list[int]]:
    """bulk_create `copies` copies of each template for `township`; returns template pk → its copies' pks.

    A link to a copied record goes to the same copy of it (a result's copy k to its exam's copy k), so the
    unique keys hold; text a unique key holds (a title, a name) gets the copy's number, and the year when the key
    has no date of its own."""
    from django.db import models

    from township.workdays import WorkCalendar

    calendar = WorkCalendar.from_database()
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    year = str(TEMPLATE_YEAR + years)
    numbered = unique_texts(model)
    created = []
    for copy in range(copies):
        for template in templates:
            record = model()
            for field in fields:
                value = getattr(template, field.attname)
                if field.name == "township":
                    value = township.pk
                elif field.is_relation and value is not None:
                    value = copy_of(maps.get(field.related_model._meta.label, {}).get(value, value), copy)
                elif isinstance(field, models.DateField | models.DateTimeField):
                    value = shift(value, years)
                elif isinstance(field, models.IntegerField) and field.name.endswith("year") and value:
                    value += years
                elif field.name == "number":
                    value = (value.replace(str(TEMPLATE_YEAR), year) if value else f"B-{year}-{len(created)}")
                    value = f"{value}-{copy}"[: field.max_length]
                elif field.name in numbered and value:
                    value = value.replace(str(TEMPLATE_YEAR), year)
                    suffix = (f"（{year}）" if numbered[field.name] and year not in value else "") + (
                        f"（{copy + 1}）" if copy else "")
                    value = value[: field.max_length - len(suffix)] + suffix
                elif field.name == "version":
                    value = 1
                setattr(record, field.attname, value)
            if getattr(model, "STORED_DUE_DATES", None):  # the due dates of the moved dates (docs/decisions/0018)
                for name, value in record.compute_due_dates(calendar).items():
                    setattr(record, name, value)
            created.append((template.pk, copy, record))
    model.objects.bulk_create([record for _pk, _copy, record in created], batch_size=1000)
    made: dict[int, list[int]] = {}
    for pk, _copy, record in created:
        made.setdefault(pk, []).append(record.pk)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        target_map = maps.get(field.related_model._meta.label, {})
        links: dict[int, list] = {}
        for row in through.objects.filter(**{f"{source}__in": [t.pk for t in templates]}).values(
            f"{source}_id", f"{target}_id"
        ):
            if row[f"{target}_id"] in target_map:
                links.setdefault(row[f"{source}_id"], []).append(target_map[row[f"{target}_id"]])
        through.objects.bulk_create(
            [through(**{f"{source}_id": record.pk, f"{target}_id": copy_of(linked, copy)})
             for template_pk, copy, record in created for linked in links.get(template_pk, [])],
            batch_size=2000,
        )
    return made


def template_records(model, township, year_field) -> list:
    """The township's records a plan's line copies: all of them, or those of the template year (a date's year, or
    an integer year field)."""
    from django.db import models

    queryset = model.objects.filter(township=township)
    if year_field:
        field = None if "__" in year_field else model._meta.get_field(year_field)
        exact = isinstance(field, models.IntegerField)
        queryset = queryset.filter(**{year_field if exact else f"{year_field}__year": TEMPLATE_YEAR})
    return list(queryset.order_by("pk"))


def copy_of(mapped, copy: int):
    """The record a copy links to: the same copy of a copied record, else the one record mapped."""
    return mapped[copy % len(mapped)] if isinstance(mapped, list) else mapped


def unique_texts(model) -> dict[str, bool]:
    """The text fields of the model's unique keys (other than number), each with whether its key lacks a date or
    a year (so that the year must go into the text for the copies of five years to differ)."""
    from django.db import models

    found = {}
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint):
            continue
        key = [model._meta.get_field(name) for name in constraint.fields]
        dated = any(isinstance(field, models.DateField) or field.name.endswith("year") for field in key)
        for field in key:
            if isinstance(field, models.CharField | models.TextField) and field.name != "number" and not field.choices:
                found[field.name] = found.get(field.name, False) or not dated
    return found


def generate() -> None:
    from django.apps import apps
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from reports import services
    from reports.models import Target
    from township.models import County, Membership, Person, Role, Township, Village

    call_command("load_demo", verbosity=0)
    daxi = Township.objects.get(code="daxi")
    county, _created = County.objects.get_or_create(code="bench", defaults={"name": "基准测试县"})
    plan = []
    for label, how, year_field, copies in PLAN:
        try:
            plan.append((apps.get_model(label), how, year_field, copies))
        except LookupError:
            print(f"  {label}: not built yet, skipped")
    templates = {}
    for model, _how, year_field, _copies in plan:
        templates[model] = template_records(model, daxi, year_field)
    villages = list(Village.objects.filter(township=daxi).order_by("pk"))
    people = list(Person.objects.filter(township=daxi).order_by("pk"))
    admin = None
    for number in range(1, TOWNSHIPS + 1):
        started = time.perf_counter()
        with transaction.atomic():
            township = Township.objects.create(
                code=f"bench{number:02d}", name=f"{TOWNSHIP_NAMES[number - 1]}镇", county=county
            )
            maps = {
                Village._meta.label: copy_rows(Village, villages, township=township, years=0, copies=1, maps={}),
            }
            maps[Person._meta.label] = copy_rows(Person, people, township=township, years=0, copies=1, maps=maps)
            if admin is None:
                admin = make_user("bench_admin", Role.ADMIN, township=township)
                make_user("bench_leader", Role.LEADER, township=township)
                make_user("bench_county", Role.COUNTY, county=county)
            maps[User._meta.label] = dict.fromkeys(User.objects.values_list("pk", flat=True), admin.pk)
            for model, how, _year_field, copies in plan:
                if how == "once":
                    maps[model._meta.label] = copy_rows(model, templates[model], township=township, years=0,
                                                        copies=copies, maps=maps)
            for year in YEARS:
                year_maps = dict(maps)
                for model, how, _year_field, copies in plan:
                    if how == "yearly":
                        year_maps[model._meta.label] = copy_rows(
                            model, templates[model], township=township, years=year - TEMPLATE_YEAR, copies=copies,
                            maps=year_maps,
                        )
                services.create_draft(township=township, year=year)
            for indicator, value in [("disputes.success_rate", 95), ("petitions.on_time_rate", 95),
                                     ("advisers.villages_covered", 6), ("governance.trainings", 4)]:
                Target.objects.create(township=township, year=TEMPLATE_YEAR, indicator=indicator, label=indicator,
                                      value=value)
        print(f"  {township.name} ({township.code}): {time.perf_counter() - started:.1f} s", flush=True)
    Membership.objects.filter(user__username__startswith="bench_").update(year=TEMPLATE_YEAR)
    refresh_planner_statistics()


def refresh_planner_statistics() -> None:
    """A production database has planner statistics (autovacuum); give the freshly loaded one the same."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def make_user(username, role, **membership):
    from django.contrib.auth.models import User

    from township.models import Membership

    user = User.objects.create_user(username=username, password=BENCH_PASSWORD, first_name=username)
    Membership.objects.create(user=user, role=role, year=TEMPLATE_YEAR, **membership)
    return user


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url or "bench" not in url:
        sys.exit("DATABASE_URL must name a benchmark database (var/bench.sqlite3, portal_bench): see run.py")
    marker = marker_path(url)
    wanted = signature()
    known = json.loads(marker.read_text()) if marker.exists() else {}
    if known.get("signature") == wanted:
        print(f"  data of {known['generated']} reused ({known['seconds']:.0f} s to generate)")
        return
    marker.unlink(missing_ok=True)
    reset_database(url)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate()
    seconds = time.perf_counter() - started
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"signature": wanted, "generated": f"{datetime.datetime.now():%Y-%m-%d %H:%M}",
                                  "seconds": seconds}))
    print(f"  generated in {seconds:.0f} s")


if __name__ == "__main__":
    main()
