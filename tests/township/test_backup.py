"""manage.py backup writes one archive; restore brings it back into an empty database, every record, attachment
and frozen report PDF identical."""

import hashlib
import json
import sqlite3
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from township import backup as portal_backup


def as_text(value):
    """A cell as text, whichever driver read it (Django's SQLite cursor turns 0/1 into booleans)."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, str) and value[:1] in "{[":  # JSON, as text (Django's PostgreSQL cursor) or parsed
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return None if value is None else str(value)


def rows_of(cursor, tables):
    found = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - table names from introspection
        found[table] = [tuple(map(as_text, row)) for row in cursor.fetchall()]
    return found


@pytest.fixture
def target(tmp_path):
    """An empty database elsewhere, of the same kind as the tests' own."""
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        yield portal_backup.Database("sqlite", {**settings, "NAME": str(tmp_path / "restored.sqlite3")})
        return
    name = f"restored_{abs(hash(tmp_path)) % 10**8}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield portal_backup.Database("postgresql", {**settings, "NAME": name})
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restored_cursor(target):
    if target.vendor == "sqlite":
        return sqlite3.connect(target.settings["NAME"]).cursor()
    return psycopg.connect(host=target.settings["HOST"] or None, port=target.settings["PORT"] or None,
                           user=target.settings["USER"] or None, dbname=target.settings["NAME"],
                           autocommit=True).cursor()


@pytest.mark.django_db(transaction=True)
def test_the_demo_backed_up_and_restored_elsewhere_is_identical(tmp_path, settings, target):
    from django.contrib.auth.models import User

    from reports import services
    from reports.models import AnnualReport
    from tests.factories import PersonFactory
    from township.ledger.forms import AttachmentForm
    from township.models import Attachment, Township

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    admin = User.objects.get(username="admin")
    daxi = Township.objects.get(code="daxi")
    report = AnnualReport.objects.filter(township=daxi, year=2025).order_by("-revision").first()
    report = services.finalize(report=report, user=admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = AttachmentForm({"description": "会议记录"}, {"file": SimpleUploadedFile("记录.pdf", b"%PDF-1.4 minutes")})
    assert form.is_valid()
    form.save_for(PersonFactory(township=daxi), admin)

    archive = portal_backup.backup(tmp_path / "backups")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(name.startswith("media/attachments/") for name in names)
    assert any(name.startswith("media/reports/") for name in names)

    restored_media = tmp_path / "restored-media"
    portal_backup.restore(archive, database=target, media_root=restored_media)

    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        source = rows_of(cursor, tables)
    assert rows_of(restored_cursor(target), tables) == source
    assert sum(len(rows) for rows in source.values()) > 500  # the demo is in it
    for attachment in Attachment.objects.all():
        original = Path(settings.MEDIA_ROOT) / attachment.file.name
        assert (restored_media / attachment.file.name).read_bytes() == original.read_bytes()
    frozen = restored_media / report.pdf.name
    assert hashlib.sha256(frozen.read_bytes()).hexdigest() == report.pdf_sha256


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_damaged_archive_and_a_database_that_is_not_empty(tmp_path, settings, target):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = portal_backup.backup(tmp_path / "backups")
    with pytest.raises(portal_backup.BackupError, match="不是空的"):
        portal_backup.restore(archive, database=portal_backup.Database.of("default"), media_root=tmp_path / "m")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as tar:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            import io

            tar.addfile(member, io.BytesIO(data))
    with pytest.raises(portal_backup.BackupError, match="已损坏"):
        portal_backup.restore(damaged, database=target, media_root=tmp_path / "m2")
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "none.tar"))
