"""warm_dashboards [--year Y ...] [--queue]

Computes and keeps what the dashboards show (the province rollup, each county's comparison, each township's
dashboard) before anybody asks: kept figures are of one day, so cron runs this just after midnight (README,
Production). --queue leaves it to the task worker instead.
"""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from reports import services
from reports.tasks import warm_dashboards


class Command(BaseCommand):
    help = "预先计算并缓存全省、各县和各乡镇工作台的数据（每天零点后运行）"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="年度（可重复；默认今年、用户选定的年度，报告公开期限前加上年）")
        parser.add_argument("--queue", action="store_true", help="交给后台任务进程执行")

    def handle(self, *args, year, queue, verbosity, **options):
        if queue:
            warm_dashboards.enqueue()
            self.stdout.write("已交给后台任务进程。")
            return
        today = timezone.localdate()
        years = year or services.warm_years(today)
        started = time.perf_counter()

        def progress(done, total):
            if verbosity > 1:
                self.stdout.write(f"{done}/{total}")

        found = services.warm_dashboards(years, today, on_progress=progress)
        self.stdout.write(f"已缓存 {'、'.join(map(str, years))} 年度：{found['townships']} 个乡镇、"
                          f"{found['counties']} 个县（区），用时 {time.perf_counter() - started:.1f} 秒。")
