"""export_ledger <ledger> --township <code> [--year Y] --output FILE: the list page's export.

Personal data is masked, as in the web export; --reveal writes it in full and is logged.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from township.ledger import log_personal_export, mask_export_rows
from township.management.commands._ledgers import ledger_named, township_coded
from township.sheets import write_csv, write_xlsx


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
        queryset = ledger_class.model.objects.filter(township=township_obj)
        if ledger_class.select_related:
            queryset = queryset.select_related(*ledger_class.select_related)
        queryset = ledger_class.in_year(queryset, year)
        resource = ledger_class.resource_class(township=township_obj)
        headers, rows = resource.export_rows(queryset.order_by("pk"))
        if not reveal:
            rows = mask_export_rows(ledger_class, resource, headers, rows)
        path = Path(output)
        title = ledger_class.export_title(township_obj, year)
        path.write_bytes(write_csv(headers, rows) if path.suffix.lower() == ".csv" else write_xlsx(title, headers, rows))
        if ledger_class.personal_fields:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"未知用户“{user}”：导出个人信息需要记录操作人")
            log_personal_export(ledger_class, resource, actor, headers, len(rows), reveal)
        self.stdout.write(f"已导出 {len(rows)} 条到 {path}")
