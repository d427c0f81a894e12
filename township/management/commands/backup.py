"""backup [--output DIR]: one timestamped archive of the database and the attachments, with SHA-256 sums."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from township.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库、附件和定稿报告到一个带时间戳的归档文件（含 SHA-256 清单）"

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "var" / "backups"),
                            help="归档文件存放目录（默认 var/backups）")

    def handle(self, *args, output, **options):
        try:
            archive = backup(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已备份到 {archive}（{archive.stat().st_size // 1024} KB）")
