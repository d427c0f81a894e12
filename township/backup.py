"""Backups of the whole portal in one archive, and restoring one into an empty database.

An archive (``portal-backup-YYYYmmdd-HHMMSS.tar``) holds the database — ``pg_dump`` custom format on
PostgreSQL, SQLite's online backup API on SQLite — the files under MEDIA_ROOT (attachments, frozen
report PDFs and Word files; not the uploads waiting for an import's confirmation) and a manifest
with the SHA-256 and size of every member. Restoring checks every sum first, refuses a database that
already holds tables, and writes nothing to MEDIA_ROOT that is already there.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump / pg_restore, with argument lists, never a shell
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
SKIPPED_MEDIA = {"imports"}  # sheets waiting for a confirmation that will never come after a restore


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


@dataclass(frozen=True)
class Database:
    vendor: str  # "postgresql" or "sqlite"
    settings: dict

    @classmethod
    def of(cls, alias: str = "default") -> Database:
        connection = connections[alias]
        return cls(connection.vendor, connection.settings_dict)

    def pg_env(self) -> dict:
        env = dict(os.environ)
        if self.settings.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.settings["PASSWORD"])
        return env

    def pg_args(self) -> list[str]:
        args = []
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if self.settings.get(key):
                args += [option, str(self.settings[key])]
        return [*args, "--dbname", str(self.settings["NAME"])]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump_database(database: Database, target: Path) -> str:
    """Write the database to target; returns the member's name in the archive."""
    if database.vendor == "postgresql":
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *database.pg_args()]
        result = subprocess.run(command, env=database.pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
        return "database.pgdump"
    if database.vendor == "sqlite":
        source = sqlite3.connect(database.settings["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)  # consistent while the portal keeps writing
        copy.close()
        source.close()
        return "database.sqlite3"
    raise BackupError(f"不支持的数据库：{database.vendor}")


def media_files(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in SKIPPED_MEDIA:
            yield path, relative


def backup(output_dir: Path, *, alias: str = "default", media_root: Path | None = None) -> Path:
    """Write one archive of the database and the media files into output_dir; returns its path."""
    database = Database.of(alias)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"portal-backup-{stamp}.tar"
    members = {}
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database"
        dump_name = dump_database(database, dump)
        members[dump_name] = dump
        for path, relative in media_files(media_root):
            members[f"media/{relative.as_posix()}"] = path
        manifest = {
            "created": timezone.now().isoformat(),
            "database": database.vendor,
            "django": django.get_version(),
            "files": {name: {"sha256": sha256_of(path), "size": path.stat().st_size} for name, path in members.items()},
        }
        partial = archive.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.datetime.now(tz=datetime.UTC).timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        partial.rename(archive)  # a half-written archive never looks like a backup
    return archive


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        return json.loads(tar.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError("备份文件中没有有效的清单（manifest.json），不是本平台的备份。") from exc


def database_is_empty(database: Database) -> bool:
    if database.vendor == "sqlite":
        name = database.settings["NAME"]
        if not Path(name).exists():
            return True
        with sqlite3.connect(name) as connection:
            return not connection.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    command = ["psql", "--no-psqlrc", "--tuples-only", "--no-align", *database.pg_args(), "--command",
               "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"]
    result = subprocess.run(command, env=database.pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"无法连接目标数据库：{result.stderr.strip()}")
    return result.stdout.strip() == "0"


def restore(archive: Path, *, database: Database | None = None, media_root: Path | None = None) -> dict:
    """Bring an archive back into an empty database (by default the portal's own) and MEDIA_ROOT."""
    database = database or Database.of("default")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if not archive.is_file():
        raise BackupError(f"找不到备份文件：{archive}")
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory() as scratch:
        manifest = read_manifest(tar)
        if manifest["database"] != database.vendor:
            raise BackupError(f"备份来自 {manifest['database']} 数据库，不能恢复到 {database.vendor} 数据库。")
        for name in manifest["files"]:
            if name.startswith("/") or ".." in Path(name).parts:
                raise BackupError(f"备份中的文件名不安全：{name}")
        tar.extractall(scratch, members=[tar.getmember(name) for name in manifest["files"]], filter="data")
        for name, expected in manifest["files"].items():
            if sha256_of(Path(scratch) / name) != expected["sha256"]:
                raise BackupError(f"备份文件已损坏：{name} 的校验值不符。")
        if not database_is_empty(database):
            raise BackupError("目标数据库不是空的：请恢复到一个新建的空数据库。")
        existing = [name for name in manifest["files"] if name.startswith("media/")
                    and (media_root / name.removeprefix("media/")).exists()]
        if existing:
            raise BackupError(f"附件目录中已有同名文件（{existing[0]} 等），请恢复到空目录。")
        connections.close_all()  # nothing of ours holds the database while it is written
        if database.vendor == "postgresql":
            command = ["pg_restore", "--no-owner", "--exit-on-error", *database.pg_args(),
                       str(Path(scratch) / "database.pgdump")]
            result = subprocess.run(command, env=database.pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode:
                raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")
        else:
            shutil.copyfile(Path(scratch) / "database.sqlite3", database.settings["NAME"])
        for name in manifest["files"]:
            if name.startswith("media/"):
                target = media_root / name.removeprefix("media/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(scratch) / name, target)
    return manifest
