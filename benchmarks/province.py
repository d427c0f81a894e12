"""Province-scale data for `make bench-province`: 1,000 townships × 5 years on PostgreSQL, each township-year
about 10× the Daxi 2025 volumes (DESIGN.md §8, issue 13 item 4).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_province python benchmarks/province.py

Made in two steps, so that it takes minutes rather than the half hour of rows sent from Python:

1. one township (p0001) is generated as the county-scale set makes each of its townships (benchmarks/generate.py:
   the demo loaded, Daxi's records copied with bulk_create, ×10 a year for 2021-2025, dates moved to the year,
   stored due dates recomputed, five report drafts, targets);
2. inside PostgreSQL its rows are replicated to the 999 other townships with one INSERT … SELECT per table over
   a map of township numbers (ids, the township and the links to replicated rows offset by a block per copy;
   from each copy of the yearly records a different 0-10 % is left out, so that the townships' figures differ),
   with the secondary indexes dropped during the load and built after, foreign-key triggers off for the load
   (session_replication_role), then ANALYZE.

34 counties: 33 of 30 townships and one of 10. Users (password Bench@2025): bench_admin and bench_leader of
p0001, bench_county (the first county), bench_province (a county viewer with no county: the province).
The database is kept and reused while its shape (VERSION here, generate.py and the migrations) is unchanged:
the signature is the database's comment.
"""

# ruff: noqa: S608 - SQL built from the models' own table and column names and from integers

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402 - the county-scale generator, whose rows the template township copies

TOWNSHIPS = int(os.environ.get("BENCH_PROVINCE_TOWNSHIPS", "1000"))  # fewer for a quick try
COUNTY_SIZE = 30
VERSION = "2"  # raise it when a change here changes the data (not for a comment: a new set costs ~10 minutes)


def signature() -> str:
    """The data's shape: this generator's version, the number of townships, the county-scale generator and the
    migrations (generate.signature)."""
    import hashlib

    return "province:" + hashlib.sha256(f"{VERSION}|{TOWNSHIPS}|{generate.signature()}".encode()).hexdigest()[:16]


def _admin_connection(url: str):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    connection = psycopg.connect(
        dbname="postgres", user=config["USER"], password=config["PASSWORD"], host=config["HOST"] or None,
        port=config["PORT"] or None, autocommit=True,
    )
    return connection, config["NAME"]


def stored_signature(url: str) -> str:
    """The signature of the data in the database ('' when there is none)."""
    connection, name = _admin_connection(url)
    with connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return (row[0] or "") if row else ""


def mark(url: str, value: str) -> None:
    from psycopg import sql

    connection, name = _admin_connection(url)
    with connection:
        connection.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(value)))


def township_name(number: int) -> str:
    names = generate.TOWNSHIP_NAMES
    return f"{names[(number - 1) % len(names)]}{(number - 1) // len(names) + 1}镇"


def make_template():
    """The demo, the counties and townships, and township p0001 filled as the county-scale set fills one."""
    from django.apps import apps
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from reports import services
    from reports.models import Target
    from township.models import County, Membership, Person, Role, Township, Village

    call_command("load_demo", verbosity=0)
    daxi = Township.objects.get(code="daxi")
    counties = County.objects.bulk_create(
        [County(code=f"prov{number:02d}", name=f"基准测试{number:02d}县") for number in
         range(1, (TOWNSHIPS + COUNTY_SIZE - 1) // COUNTY_SIZE + 1)]
    )
    townships = Township.objects.bulk_create(
        [Township(code=f"p{number:04d}", name=township_name(number), county=counties[(number - 1) // COUNTY_SIZE])
         for number in range(1, TOWNSHIPS + 1)]
    )
    template = townships[0]
    plan = [(apps.get_model(label), how, year_field, copies) for label, how, year_field, copies in generate.PLAN]
    templates = {}
    for model, _how, year_field, _copies in plan:
        templates[model] = generate.template_records(model, daxi, year_field)
    with transaction.atomic():
        maps = {Village._meta.label: generate.copy_rows(
            Village, list(Village.objects.filter(township=daxi).order_by("pk")), township=template, years=0,
            copies=1, maps={})}
        maps[Person._meta.label] = generate.copy_rows(
            Person, list(Person.objects.filter(township=daxi).order_by("pk")), township=template, years=0, copies=1,
            maps=maps)
        admin = generate.make_user("bench_admin", Role.ADMIN, township=template)
        generate.make_user("bench_leader", Role.LEADER, township=template)
        generate.make_user("bench_county", Role.COUNTY, county=counties[0])
        generate.make_user("bench_province", Role.COUNTY)
        maps[User._meta.label] = dict.fromkeys(User.objects.values_list("pk", flat=True), admin.pk)
        for model, how, _year_field, copies in plan:
            if how == "once":
                maps[model._meta.label] = generate.copy_rows(model, templates[model], township=template, years=0,
                                                             copies=copies, maps=maps)
        for year in generate.YEARS:
            year_maps = dict(maps)
            for model, how, _year_field, copies in plan:
                if how == "yearly":
                    year_maps[model._meta.label] = generate.copy_rows(
                        model, templates[model], township=template, years=year - generate.TEMPLATE_YEAR,
                        copies=copies, maps=year_maps)
            services.create_draft(township=template, year=year)
        for indicator, value in [("disputes.success_rate", 95), ("petitions.on_time_rate", 95),
                                 ("advisers.villages_covered", 6), ("governance.trainings", 4)]:
            Target.objects.create(township=template, year=generate.TEMPLATE_YEAR, indicator=indicator,
                                  label=indicator, value=value)
    Membership.objects.filter(user__username__startswith="bench_").update(year=generate.TEMPLATE_YEAR)
    return template, townships, [model for model, _how, _y, _c in plan]


def replicated_models(plan_models):
    """What p0001 has that every township has: villages, people, the plan's records, targets (not its users or
    report drafts)."""
    from reports.models import Target
    from township.models import Person, Village

    return [Village, Person, *plan_models, Target]


def replicate(template, townships, plan_models) -> None:
    """Copy p0001's rows to every other township inside PostgreSQL (see the module's docstring)."""
    from django.db import connection

    models = replicated_models(plan_models)
    yearly_models = {apps_model for apps_model, (_label, how, _y, _c) in zip(plan_models, generate.PLAN, strict=True)
                     if how == "yearly"}
    # a record another one links to is copied whole (a consultation's adviser is never left out)
    yearly_models -= {field.related_model for model in models for field in model._meta.concrete_fields
                      if field.is_relation}
    with connection.cursor() as cursor:
        spans = {}
        for model in models:
            cursor.execute(f'SELECT min(id), max(id) FROM "{model._meta.db_table}" WHERE township_id = %s',
                           [template.pk])
            low, high = cursor.fetchone()
            if low is not None:
                spans[model] = (low, high, high - low + 1)
        models = [model for model in models if model in spans]
        tables = [model._meta.db_table for model in models]
        through_models = [field.remote_field.through for model in models for field in model._meta.many_to_many
                          if field.remote_field.through._meta.auto_created and field.related_model in spans]
        tables += [through._meta.db_table for through in through_models]

        started = time.perf_counter()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary", [tables])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND contype = 'u'", [tables])
        unique_constraints = cursor.fetchall()
        for table, name, _definition in unique_constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        constraint_names = {name for _table, name, _definition in unique_constraints}
        for name, _definition in indexes:
            if name.strip('"') not in constraint_names:
                cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET session_replication_role = replica")  # no foreign-key triggers while loading
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("CREATE TEMP TABLE province_map (k integer PRIMARY KEY, township_id integer NOT NULL)")
        cursor.execute("INSERT INTO province_map VALUES " + ",".join(
            f"({number}, {township.pk})" for number, township in enumerate(townships) if number))
        for model in models:
            low, high, span = spans[model]
            columns, values = [], []
            for field in model._meta.concrete_fields:
                column = f'"{field.column}"'
                columns.append(column)
                if field.primary_key:
                    values.append(f"s.{column} + m.k * {span}")
                elif field.name == "township":
                    values.append("m.township_id")
                elif field.is_relation and field.related_model in spans:
                    r_low, r_high, r_span = spans[field.related_model]
                    values.append(f"CASE WHEN s.{column} BETWEEN {r_low} AND {r_high} "
                                  f"THEN s.{column} + m.k * {r_span} ELSE s.{column} END")
                else:
                    values.append(f"s.{column}")
            where = f"s.township_id = {template.pk}"
            if model in yearly_models:
                where += f" AND {kept('s.id')}"
            cursor.execute(f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '
                           f'SELECT {", ".join(values)} FROM "{model._meta.db_table}" s CROSS JOIN province_map m '
                           f"WHERE {where}")
            print(f"  {model._meta.label}: {cursor.rowcount:,} rows ({time.perf_counter() - started:.0f} s)",
                  flush=True)
        for model in models:
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                if through not in through_models:
                    continue
                source = through._meta.get_field(field.m2m_field_name())
                target = through._meta.get_field(field.m2m_reverse_field_name())
                s_low, s_high, s_span = spans[model]
                t_low, t_high, t_span = spans[field.related_model]
                cursor.execute(f'SELECT min(id), max(id) FROM "{through._meta.db_table}" '
                               f'WHERE "{source.column}" BETWEEN %s AND %s', [s_low, s_high])
                low, high = cursor.fetchone()
                if low is None:
                    continue
                cursor.execute("SELECT max(id) FROM " + f'"{through._meta.db_table}"')
                base = cursor.fetchone()[0] - low + 1
                span = high - low + 1
                condition = f" AND {kept(f's.{source.column}')}" if model in yearly_models else ""
                cursor.execute(
                    f'INSERT INTO "{through._meta.db_table}" (id, "{source.column}", "{target.column}") '
                    f"SELECT s.id + {base} + (m.k - 1) * {span}, s.\"{source.column}\" + m.k * {s_span}, "
                    f'CASE WHEN s."{target.column}" BETWEEN {t_low} AND {t_high} '
                    f'THEN s."{target.column}" + m.k * {t_span} ELSE s."{target.column}" END '
                    f'FROM "{through._meta.db_table}" s CROSS JOIN province_map m '
                    f'WHERE s."{source.column}" BETWEEN {s_low} AND {s_high}{condition}')
                print(f"  {through._meta.db_table}: {cursor.rowcount:,} rows ({time.perf_counter() - started:.0f} s)",
                      flush=True)
        cursor.execute("SET session_replication_role = DEFAULT")
        for table in tables:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM \"{table}\"))",
                           [table])
        load = time.perf_counter() - started
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in indexes:
            if name.strip('"') not in constraint_names:
                cursor.execute(definition)
        for table, name, definition in unique_constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        print(f"  loaded in {load:.0f} s, indexes built in {time.perf_counter() - started - load:.0f} s", flush=True)


def kept(column: str) -> str:
    """Which yearly rows a copy keeps: 90-100 % of them, a different share and different rows per township."""
    return f"(({column} * 7919 + m.k * 104729) % 100) < 90 + m.k % 11"


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or "province" not in url:
        sys.exit("DATABASE_URL must name the province benchmark database on PostgreSQL (portal_province...)")
    wanted = signature()
    if stored_signature(url) == wanted:
        print("  province data reused (same generator and migrations)")
        return
    generate.reset_database(url)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "township.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    template, townships, plan_models = make_template()
    print(f"  template township {template.code}: {time.perf_counter() - started:.0f} s", flush=True)
    replicate(template, townships, plan_models)
    analyzed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    seconds = time.perf_counter() - started
    print(f"  ANALYZE {time.perf_counter() - analyzed:.0f} s; generated in {seconds:.0f} s, {size}", flush=True)
    connection.close()
    mark(url, wanted)


if __name__ == "__main__":
    main()
