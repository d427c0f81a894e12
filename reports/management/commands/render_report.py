"""render_report --township CODE --year Y --format html|pdf|docx --output FILE [--revision N]

The same code as the report pages: a finalized revision prints as frozen (its stored PDF, byte for
byte), a draft with today's figures (the Word file likewise: the stored one of a finalized revision), and a year without a draft as the preview a draft would start from.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from reports import services
from reports.pdf import PROJECT_DIR
from township.models import Township


class Command(BaseCommand):
    help = "输出年度法治政府建设情况报告（HTML、PDF 或 Word）"

    def add_arguments(self, parser):
        parser.add_argument("--township", required=True, help="乡镇代码，如 daxi")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["html", "pdf", "docx"], default="pdf")
        parser.add_argument("--output", required=True, help="输出文件路径")
        parser.add_argument("--revision", type=int, help="修订版（默认最新的一版）")

    def handle(self, *args, township, year, format, output, revision, **options):
        try:
            place = Township.objects.get(code=township)
        except Township.DoesNotExist:
            raise CommandError(f"没有代码为“{township}”的乡镇。") from None
        revisions = services.revisions(place, year)
        if revision is not None:
            revisions = [report for report in revisions if report.revision == revision]
            if not revisions:
                raise CommandError(f"{place.name}{year}年没有第{revision}版报告。")
        report = revisions[0] if revisions else services.preview(place, year)
        started = time.perf_counter()
        if format == "pdf":
            content = services.pdf_bytes(report)
        elif format == "docx":
            content = services.docx_bytes(report)
        else:
            css = (PROJECT_DIR / "static" / "reports" / "report.css").read_text(encoding="utf-8")
            content = render_to_string("reports/export.html", {"doc": services.document(report), "css": css})
            content = content.encode("utf-8")
        Path(output).write_bytes(content)
        state = "预览" if report.pk is None else f"第{report.revision}版 · {report.get_status_display()}"
        self.stdout.write(
            f"{report.title}（{state}）→ {output}（{len(content):,} 字节，{time.perf_counter() - started:.2f} 秒）"
        )
