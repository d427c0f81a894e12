"""import_ledger <ledger> <file> --township <code> [--dry-run]: the same import as the web page.

All rows or none. Each bad row is printed as "第 N 行 · 列：说明"; the exit status is 1 when any
row is bad, and then nothing is written. A row that would change whose, where or when an existing record is
(LedgerResource.identity_fields) is held back and printed: it is confirmed in the web preview only.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from township.ledger.importer import import_sheet
from township.management.commands._ledgers import ledger_named, township_coded
from township.sheets import SheetError, parse_sheet, read_rows


class Command(BaseCommand):
    help = "从 Excel/CSV 台账导入记录（全部写入或全部不写入）"

    def add_arguments(self, parser):
        parser.add_argument("ledger")
        parser.add_argument("file")
        parser.add_argument("--township", required=True)
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--user", help="记入修改记录的用户名（默认不记用户，显示为“系统”）")

    def handle(self, *args, ledger, file, township, dry_run, user=None, **options):
        ledger_class = ledger_named(ledger)
        township_obj = township_coded(township)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"未知用户“{user}”")
        resource = ledger_class.resource(township=township_obj, user=actor)
        try:
            parsed = parse_sheet(read_rows(path.read_bytes(), path.name), resource.header_aliases(), resource.required_columns())
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        outcome = import_sheet(resource, parsed, dry_run=dry_run)
        for skipped in outcome.skipped:
            self.stdout.write(f"第 {skipped.sheet_row} 行 · 已跳过（{skipped.reason}）：{skipped.text}")
        if outcome.hidden_rows:
            self.stdout.write(f"其中 {len(outcome.hidden_rows)} 行在 Excel 中是隐藏的，同样导入：第 {'、'.join(map(str, outcome.hidden_rows))} 行")
        if outcome.ignored_headers:
            self.stdout.write(f"未识别的列（已忽略）：{'、'.join(outcome.ignored_headers)}")
        for row in outcome.error_rows:
            for column, message in row.errors:
                self.stderr.write(f"第 {row.sheet_row} 行 · {column or '整行'}：{message}")
        for row in outcome.held_rows:  # whose, where or when would change: confirmed only in the web preview
            changed = "、".join(f"{c.column}（{c.old} → {c.new}）" for c in row.identity_changes)
            self.stdout.write(f"第 {row.sheet_row} 行 · 待确认，未写入：会改变已有记录的 {changed}；请在网页导入预览中勾选确认")
        counts = outcome.counts
        summary = f"共 {len(outcome.rows)} 行：新增 {counts['new']}，更新 {counts['update']}，未变化 {counts['skip']}，有错误 {counts['invalid']}"
        if counts.get("held"):
            summary += f"，待确认（未写入）{counts['held']}"
        if outcome.error_rows:
            self.stderr.write(summary + "。有错误，没有写入任何数据。")
            raise SystemExit(1)
        self.stdout.write(summary + ("。（试运行，未写入）" if dry_run else "。已全部写入。"))
