"""recompute_due_dates: recompute every stored due date with today's calendar (docs/decisions/0018).

Run it after upgrading chinesecalendar (a newly known year changes the estimated due dates) or after
changing CalendarDay rows other than through the admin (a bulk SQL load sends no signals).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from township.workdays import recompute_stored_due_dates, stored_due_date_models


class Command(BaseCommand):
    help = "按当前节假日数据重新计算所有台账记录中保存的期限届满日（《民法典》第二百零一、二百零三条）"

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = recompute_stored_due_dates()
        names = "、".join(str(model._meta.verbose_name) for model in stored_due_date_models())
        self.stdout.write(f"已重新计算期限（{names}），更新 {changed} 条记录。")
