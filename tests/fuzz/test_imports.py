"""Every ledger's importer through the real upload → preview → confirm views, with generated sheets: random
headers (the ledger's own, shuffled and repeated, and random ones), merged cells, formulas, blank rows and
hostile cells; and the ledger's own export with some cells changed. Never a server error; a preview writes
nothing, and neither does a refused confirmation. A record saved through the form from generated text exports
and imports again unchanged."""

import pytest
from django.db import models
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import (
    cell_value,
    clean_text,
    count,
    examples,
    number_text,
    outcome,
    safe_cell,
    sheet_layout,
    xlsx_from_layout,
)
from tests.helpers import read_xlsx, upload, xlsx_bytes
from tests.test_registry import FACTORIES, LEDGERS, database_state, fresh_payload

pytestmark = pytest.mark.fuzz

confirmations = st.dictionaries(
    st.one_of(st.just("confirm_row"), st.builds(lambda row: f"match_{row}", number_text())),
    st.one_of(number_text(), st.just("1")), max_size=3)


def upload_and_confirm(client, slug, content: bytes, extra: dict) -> None:
    """Post the sheet; a preview must write nothing; confirm what the preview offers (with the extra ticks and
    matches); a refused confirmation must write nothing either."""
    before = database_state()
    preview = client.post(reverse(f"{slug}:import"), {"file": upload("台账.xlsx", content)})
    assert preview.status_code < 500
    assert database_state() == before, "a preview wrote to the database"
    outcome(f"preview {preview.status_code}")
    token = preview.context.get("token") if preview.status_code == 200 and preview.context else ""
    if token:
        confirm = client.post(reverse(f"{slug}:import"), {"token": token, **extra})
        assert confirm.status_code < 500
        outcome(f"confirm {confirm.status_code}")
        if confirm.status_code >= 400:
            assert database_state() == before, "a refused import wrote to the database"


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_a_random_sheet_is_answered_and_a_refused_one_writes_nothing(slug, cast, client_for, as_year, media_root):
    ledger = LEDGERS[slug]
    client = client_for(as_year(cast.admin_user, 2025))
    FACTORIES[slug](cast.daxi, cast.village)
    headers = ledger.resource(township=cast.daxi).get_export_headers()

    @examples("import")
    @given(layout=sheet_layout(headers), extra=confirmations)
    def check(layout, extra):
        count("import")
        upload_and_confirm(client, slug, xlsx_from_layout(layout), extra)

    check()


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_the_ledgers_own_export_with_changed_cells_is_answered_and_a_refused_one_writes_nothing(
        slug, cast, client_for, as_year, media_root):
    client = client_for(as_year(cast.admin_user, 2025))
    FACTORIES[slug](cast.daxi, cast.village)
    FACTORIES[slug](cast.daxi, cast.second_village)
    rows = read_xlsx(client.get(reverse(f"{slug}:export"), {"reveal": "1"}).content)
    headers, data = rows[1], rows[2:]
    cells = st.tuples(st.integers(0, max(len(data) - 1, 0)), st.integers(0, len(headers) - 1), cell_value())

    @examples("export_row")
    @given(changes=st.lists(cells, min_size=1, max_size=4), new_rows=st.booleans(), extra=confirmations)
    def check(changes, new_rows, extra):
        count("export_row")
        changed = [list(row) for row in data] or [[None] * len(headers)]
        for row, column, value in changes:
            changed[row][column] = safe_cell(value)
        if new_rows:  # as new records: without their 系统编号
            for row in changed:
                row[headers.index("系统编号")] = None
        upload_and_confirm(client, slug, xlsx_bytes(headers, changed), extra)

    check()


def text_fields(ledger) -> list[str]:
    """The form's free-text fields (no choices, no format of their own, no personal data)."""
    names = []
    for name in ledger.form_class.base_fields:
        try:
            field = ledger.model._meta.get_field(name)
        except Exception:  # noqa: BLE001,S112 - a form field of no model field
            continue
        if (isinstance(field, models.CharField | models.TextField) and not field.choices
                and not isinstance(field, models.URLField | models.EmailField | models.SlugField)
                and name not in ledger.personal_fields):
            names.append(name)
    return names


ROUND_TRIP = [slug for slug, ledger in LEDGERS.items() if text_fields(ledger)]


@pytest.mark.parametrize("slug", ROUND_TRIP)
def test_a_record_saved_from_generated_text_exports_and_imports_again_unchanged(slug, cast, client_for, as_year,
                                                                              media_root):
    ledger, make = LEDGERS[slug], FACTORIES[slug]
    client = client_for(as_year(cast.admin_user, 2025))
    names = text_fields(ledger)
    lengths = {name: ledger.model._meta.get_field(name).max_length or 500 for name in names}
    values = st.fixed_dictionaries({}, optional={name: clean_text(max_size=min(lengths[name], 60)) for name in names})

    @examples("round_trip")
    @given(values=values)
    def check(values):
        count("round_trip")
        model = ledger.model
        payload = {**fresh_payload(ledger, make, cast.daxi, cast.village), **values}
        stored = set(model.all_objects.values_list("pk", flat=True))
        saved = client.post(reverse(f"{slug}:add"), payload)
        assert saved.status_code < 500
        if saved.status_code != 302:
            return  # refused (a unique key taken, a format of its own): the form test covers refusals
        try:  # each example alone: its record is removed after it
            versions = dict(model.all_objects.values_list("pk", "version"))
            export = client.get(reverse(f"{slug}:export"), {"reveal": "1"})
            preview = client.post(reverse(f"{slug}:import"), {"file": upload("台账.xlsx", export.content)})
            outcome_ = preview.context["outcome"] if preview.context and "outcome" in preview.context else None
            assert outcome_ is not None, preview
            counts = outcome_.counts
            assert counts["new"] == counts["update"] == counts["invalid"] == 0, (
                counts, [(row.sheet_row, row.errors, row.changes) for row in outcome_.rows if row.errors or row.changes])
            assert client.post(reverse(f"{slug}:import"), {"token": preview.context["token"]}).status_code == 302
            assert dict(model.all_objects.values_list("pk", "version")) == versions
            outcome("round trip checked")
        finally:
            model.all_objects.exclude(pk__in=stored).delete()

    check()
