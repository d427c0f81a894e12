"""Real disputes and petitions sheets as townships keep them (issue 7, items 10 and 13): their footers and
the header spellings of other townships. The fixtures `sample` and `daxi_villages` are in conftest.py.
"""

import datetime
import io

import openpyxl
import pytest

from disputes.models import Dispute, Petition
from disputes.resources import DisputeResource, PetitionResource
from tests.helpers import with_shared_strings, xlsx_bytes
from township.ledger.importer import import_sheet
from township.models import Person
from township.resources import PersonResource
from township.sheets import parse_sheet, read_rows


def import_bytes(resource_class, township, data: bytes, name="sheet.xlsx"):
    resource = resource_class(township=township)
    parsed = parse_sheet(read_rows(data, name), resource.header_aliases(), list(resource.required))
    return import_sheet(resource, parsed, dry_run=False)


def test_the_footer_of_a_real_disputes_ledger_is_skipped_with_its_totals_row(daxi_villages, daxi, sample):
    workbook = openpyxl.load_workbook(io.BytesIO(sample("disputes-2025.xlsx")))
    sheet = workbook.worksheets[0]
    sheet.append([])
    sheet.append(["填表人：石佳慧", None, None, None, None, None, "审核人：李海波", None, None, None, None, None,
                  "填表日期：2025年12月31日"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = import_bytes(DisputeResource, daxi, buffer.getvalue())
    assert outcome.error_rows == [] and outcome.written and outcome.counts["new"] == 12
    assert [(row.sheet_row, row.reason) for row in outcome.skipped] == [(17, "合计行"), (19, "表尾签署栏")]


@pytest.mark.parametrize(("date_header", "village_header"), [
    ("受理时间", "所属村"),
    ("收案日期", "所属村（社区）"),
])
def test_dispute_header_variants_of_other_townships_are_understood(daxi_villages, daxi, date_header, village_header):
    headers = ["编号", date_header, "纠纷来源", "纠纷类型", village_header, "当事人"]
    data = xlsx_bytes(headers, [["TJ-1", "2025-3-5", "排查发现", "邻里纠纷", "酉水村", "张三"]])
    outcome = import_bytes(DisputeResource, daxi, data)
    assert outcome.error_rows == [] and outcome.ignored_headers == []
    dispute = Dispute.objects.get(number="TJ-1")
    assert (dispute.registered_on, dispute.village.name) == (datetime.date(2025, 3, 5), "酉水村")


def test_petition_and_people_sheets_understand_shouli_shijian_and_suoshucun(daxi_villages, daxi):
    headers = ["信访编号", "来信来访日期", "渠道", "信访人", "所属村", "信访事项", "问题类别", "受理时间"]
    data = xlsx_bytes(headers, [["XF-1", "2025-3-5", "来访", "李四", "酉水村", "反映道路问题", "民生", "2025-3-7"]])
    outcome = import_bytes(PetitionResource, daxi, data)
    assert outcome.error_rows == [] and outcome.ignored_headers == []
    petition = Petition.objects.get(number="XF-1")
    assert (petition.village.name, petition.accepted_on) == ("酉水村", datetime.date(2025, 3, 7))
    people = xlsx_bytes(["姓名", "所属村"], [["王五", "酉水村"]])
    assert import_bytes(PersonResource, daxi, people).ignored_headers == []
    assert Person.objects.get(name="王五").village.name == "酉水村"


def test_the_reader_gives_the_values_openpyxl_gives_for_every_sample(sample):
    for name in ("disputes-2025.xlsx", "petitions-2025.xlsx"):
        data = sample(name)
        expected = [list(row) for row in openpyxl.load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
                    .iter_rows(values_only=True)]
        for number, values in read_rows(data, name).rows:
            if number <= 3:
                continue  # the header rows: merged group headers are spread over their sub-columns
            assert values == expected[number - 1][: len(values)], (name, number)
            assert not any(expected[number - 1][len(values):]), (name, number)


@pytest.mark.parametrize("name", ["disputes-2025.xlsx", "petitions-2025.xlsx"])
def test_the_samples_saved_as_excel_saves_them_read_the_same(name, sample):
    """Excel and WPS keep text in a shared-strings table: the same sheet reads the same rows."""
    inline = read_rows(sample(name), name)
    shared = read_rows(with_shared_strings(sample(name)), name)
    assert shared.rows == inline.rows and len(inline.rows) > 8
