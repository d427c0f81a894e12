"""What every governance sheet shares: signature rows skipped, the working year for dates written without one."""

import re

from django.utils import timezone
from import_export.results import RowResult

from township import access
from township.ledger.resources import LedgerResource
from township.ledger.widgets import clean_text

# 填表人：冉小燕 / 审核人：陈文军 / 制表：… below a ledger: a signature, not a record
SIGNATURE = re.compile(r"^(填表人|填报人|制表人|制表|审核人|审核|负责人|联系人|填报单位|填报日期|单位负责人|分管领导)\s*[:：]")


def is_signature_row(row: dict) -> bool:
    """A row whose every filled cell is a signature ('填表人：…'), or that fills none of the ledger's columns (the
    footer 'XX办公室 2025年2月' written under the 序号 column)."""
    texts = [clean_text(value) for value in row.values()]
    filled = [text for text in texts if text]
    return not filled or all(SIGNATURE.match(text) for text in filled)


class GovernanceResource(LedgerResource):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        member = access.membership_of(self.user) if self.user is not None else None
        self.working_year = (member.year if member is not None and member.year else None) or timezone.localdate().year

    def import_row(self, row, instance_loader, **kwargs):
        if is_signature_row(row):
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            return result
        return super().import_row(row, instance_loader, **kwargs)
