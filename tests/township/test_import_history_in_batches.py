"""The import writes its new rows and their history in batches, without a savepoint a row (docs/decisions/0021), and
still: every created or changed record has its history entry with the importing user, a record left unchanged
has none, nothing is written when any row fails (a failing statement included), and the township's figures
are dropped once, after the rows are written."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from township.ledger import resources as ledger_resources
from township.ledger.importer import import_sheet
from township.models import Village
from township.sheets import parse_sheet
from township.views import VillageLedger

HEADERS = ["村（社区）名称", "类型", "村民小组数", "网格数", "户数"]


def villages(count: int, start: int = 0) -> list[list]:
    return [[f"第{index:04d}村", "村", 3, 2, 100 + index] for index in range(start, start + count)]


def run(daxi, user, rows, *, dry_run=False):
    resource = VillageLedger.resource(township=daxi, user=user)
    parsed = parse_sheet([["台账"], HEADERS, *rows], resource.header_aliases(), resource.required_columns())
    return import_sheet(resource, parsed, dry_run=dry_run)


def test_every_created_and_changed_record_has_its_history_with_the_importing_user(daxi, admin_user):
    outcome = run(daxi, admin_user, villages(1200))  # more than one batch of history rows
    assert outcome.written and outcome.counts["new"] == 1200
    history = Village.history.model.objects.all()
    assert history.count() == 1200
    assert set(history.values_list("history_type", "history_user", "version").distinct()) == {("+", admin_user.pk, 1)}
    record = Village.objects.get(name="第0007村")
    entry = record.history.get()
    assert (entry.households, entry.history_date) == (107, record.updated_at)  # the record as saved, when saved

    changed = villages(1200)
    changed[7][4] = 999  # one village changed, the rest as stored
    outcome = run(daxi, admin_user, changed)
    assert (outcome.counts["update"], outcome.counts["skip"]) == (1, 1199)
    latest = Village.objects.get(name="第0007村").history.order_by("-history_id")
    assert [(e.history_type, e.households, e.version, e.history_user) for e in latest] == [
        ("~", 999, 2, admin_user), ("+", 107, 1, admin_user)]
    assert Village.history.count() == 1201  # unchanged records got no entry


def test_a_preview_writes_neither_records_nor_history(daxi, admin_user):
    outcome = run(daxi, admin_user, villages(30), dry_run=True)
    assert outcome.counts["new"] == 30 and not outcome.written
    assert (Village.all_objects.count(), Village.history.count()) == (0, 0)


def test_an_import_inserts_its_new_rows_in_batches_and_its_history_in_a_few_statements(daxi, admin_user):
    run(daxi, admin_user, villages(5))  # the first import of a township also sets its figures' token
    with CaptureQueriesContext(connection) as small:
        run(daxi, admin_user, villages(10, start=100))
    with CaptureQueriesContext(connection) as large:
        run(daxi, admin_user, villages(110, start=200))
    def inserts(queries):
        return sum(q["sql"].startswith('INSERT INTO "township_village"') for q in queries.captured_queries)

    def savepoints(queries):
        return sum(q["sql"].startswith("SAVEPOINT") for q in queries.captured_queries)

    assert Village.objects.filter(name__gte="第0200村").count() == 110
    assert inserts(small) == 1 and inserts(large) <= 2  # one statement for many rows (SQLite: 999 values each)
    assert savepoints(large) == savepoints(small)  # one a batch of 500 new rows, none a row
    assert len(large) - len(small) == inserts(large) - inserts(small)  # a further row: no statement of its own


def test_a_statement_that_fails_refuses_the_whole_import_and_names_its_row(daxi, admin_user, monkeypatch):
    """A key written by someone else between the check and the INSERT (forced here by skipping both): the
    database refuses the row; it is named, the rows after it are not said to be wrong, nothing is written."""
    Village.objects.create(township=daxi, name="第0001村")
    monkeypatch.setattr(ledger_resources.LedgerResource, "get_instance", lambda self, loader, row: None)
    monkeypatch.setattr(ledger_resources.LedgerResource, "validate_instance", lambda self, *args, **kwargs: None)
    outcome = run(daxi, admin_user, villages(3))
    assert not outcome.written
    errors = {row.sheet_row: row.errors for row in outcome.rows}
    assert errors[3] == []
    assert errors[4] == [("", "与其他用户同时写入的记录冲突（如编号或名称重复）。本次没有写入任何数据，请重新上传后再导入。")]
    if connection.vendor == "postgresql":  # the transaction is aborted: the next row cannot be checked
        assert errors[5] == [("", "未检查：第 4 行写入时出错，其后的行没有检查。")]
    assert list(Village.all_objects.values_list("name", flat=True)) == ["第0001村"]
    assert Village.history.count() == 1  # the record created above, nothing of the import


def test_the_figures_token_changes_with_an_import_and_not_with_a_preview(daxi, admin_user):
    from township import cache

    cache.tokens([daxi.pk])
    before = cache.tokens([daxi.pk])
    run(daxi, admin_user, villages(3), dry_run=True)
    assert cache.tokens([daxi.pk]) == before
    run(daxi, admin_user, villages(3))
    assert cache.tokens([daxi.pk]) != before
