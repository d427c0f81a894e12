"""restore ARCHIVE: bring a backup back into an empty database and an empty attachments folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from township.backup import BackupError, restore


class Command(BaseCommand):
    help = "从备份归档恢复到空数据库（先核对每个文件的 SHA-256）"

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(Path(archive))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len([name for name in manifest["files"] if name.startswith("media/")])
        self.stdout.write(f"已恢复：数据库（{manifest['database']}）与 {files} 个附件文件，备份时间 {manifest['created']}")
