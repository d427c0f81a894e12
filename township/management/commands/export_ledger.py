"""export_ledger <ledger> --township <code> [--year Y] --output FILE: the list page's export.

Personal data is masked, as in the web export; --reveal writes it in full and is logged.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from township.ledger.exports import export_ledger
from township.management.commands._ledgers import ledger_named, township_coded


class Command(BaseCommand):
    help = "将台账导出为 Excel（.xlsx）或 CSV，格式与导入相同"

    def add_arguments(self, parser):
        parser.add_argument("ledger")
        parser.add_argument("--township", required=True)
        parser.add_argument("--year", type=int, help="年度（按年度记录的台账；默认今年）")
        parser.add_argument("--output", required=True)
        parser.add_argument("--reveal", action="store_true", help="导出完整个人信息（会被记录）")
        parser.add_argument("--user", default="admin", help="记入个人信息日志的用户名")

    def handle(self, *args, ledger, township, year, output, reveal, user, **options):
        ledger_class = ledger_named(ledger)
        township_obj = township_coded(township)
        year = year or timezone.localdate().year
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None and ledger_class.personal_fields:
            raise CommandError(f"未知用户“{user}”：导出个人信息需要记录操作人")
        queryset = ledger_class.in_year(ledger_class.with_related(ledger_class.model.objects.filter(township=township_obj)), year)
        path = Path(output)
        content, _mime, _name = export_ledger(
            ledger_class, township=township_obj, user=actor, queryset=queryset.order_by("pk"), year=year, reveal=reveal,
            fmt="csv" if path.suffix.lower() == ".csv" else "xlsx",
        )
        path.write_bytes(content)
        self.stdout.write(f"已导出 {queryset.count()} 条到 {path}")
