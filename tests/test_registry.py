"""Every ledger the areas register (township.areas), run through what every ledger promises:

- the access matrix: every route, GET and POST, for anonymous users, the admin, a clerk given the
  ledger's area and one who is not, a village clerk of the record's village and of another village, a
  leader, a county viewer and another township's admin — the expected status derived from what the
  ledger declares (readers, writers, personal_shown_to), and nothing written by a refused POST;
- its list's query count does not grow with its records;
- an export, imported again, changes nothing;
- every figure an area reports links to a list filter its ledger understands.

A new ledger is covered by adding it to its area and a maker of its records to its app's
tests/<app>/factories.py LEDGER_FACTORIES.
"""

import importlib
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, VillageFactory
from tests.helpers import form_data, upload
from township import areas
from township.models import Role

LOGIN = "login"
ROLES = ["anonymous", "admin", "clerk", "clerk_other", "village_clerk", "village_clerk_other", "leader", "county",
         "other_admin"]
ROLE_OF = {"admin": Role.ADMIN, "clerk": Role.CLERK, "clerk_other": Role.CLERK, "village_clerk": Role.VILLAGE_CLERK,
           "village_clerk_other": Role.VILLAGE_CLERK, "leader": Role.LEADER, "county": Role.COUNTY,
           "other_admin": Role.ADMIN}
# route → (methods it answers, what it needs: view, change, admin, reveal), as township.ledger.views declares
ROUTES = {
    "list": ({"GET"}, "view"),
    "add": ({"GET", "POST"}, "change"),
    "export": ({"GET"}, "view"),
    "import": ({"GET", "POST"}, "change"),
    "import_task": ({"GET", "POST"}, "change"),  # a large import followed in the background (the user's own task)
    "import_template": ({"GET"}, "view"),
    "deleted": ({"GET"}, "admin"),
    "detail": ({"GET"}, "view"),
    "edit": ({"GET", "POST"}, "change"),
    "delete": ({"GET", "POST"}, "change"),
    "restore": ({"POST"}, "admin"),
    "reveal": ({"POST"}, "reveal"),
    "attach": ({"POST"}, "change"),
}
RECORD_ROUTES = {"detail", "edit", "delete", "restore", "reveal", "attach"}
PDF = b"%PDF-1.4\n% a test attachment\n"


def ledger_factories() -> dict:
    found = dict(importlib.import_module("tests.factories").LEDGER_FACTORIES)
    for area in areas.areas():
        if area.code == "core":
            continue
        try:
            module = importlib.import_module(f"tests.{area.app}.factories")
        except ModuleNotFoundError:
            continue
        found.update(getattr(module, "LEDGER_FACTORIES", {}))
    return found


LEDGERS = areas.ledgers()
FACTORIES = ledger_factories()


def test_every_registered_ledger_has_a_maker_of_records():
    assert set(LEDGERS) <= set(FACTORIES), "add the ledger's maker to its app's tests/<app>/factories.py"


def test_every_route_the_ledger_pattern_gives_is_in_the_matrix():
    from township.views import VillageLedger

    patterns, _app_name, _namespace = VillageLedger.urls()  # a ledger with no pages of its own
    assert {pattern.name for pattern in patterns} == set(ROUTES)
    for slug, ledger in LEDGERS.items():
        patterns, _app_name, _namespace = ledger.urls()
        assert set(ROUTES) <= {pattern.name for pattern in patterns}, slug


# --- the access matrix -----------------------------------------------------------------------------------


def writes(ledger, role: str, *, record_visible: bool) -> bool:
    """What the ledger's declaration says about entering records (independently of township.access)."""
    value = ROLE_OF[role]
    if value not in ledger.writers or value in (Role.LEADER, Role.COUNTY):
        return False
    if role == "clerk_other":
        return False
    if value == Role.VILLAGE_CLERK:
        return record_visible
    return True


def expected(ledger, route: str, method: str, role: str):
    """The status a request should get, from the ledger's declaration; None: not asked."""
    methods, need = ROUTES[route]
    if role == "anonymous":
        return LOGIN
    reads = ROLE_OF[role] in ledger.readers
    if route not in RECORD_ROUTES:
        if not reads:
            return 404
        if need == "change" and not writes(ledger, role, record_visible=True):
            return 403
        if need == "admin" and ROLE_OF[role] != Role.ADMIN:
            return 403
        if method not in methods:
            return 405
        return 302 if (route, method) == ("add", "POST") else 200
    if method not in methods:
        return 405
    if not reads or role == "other_admin":
        return 404
    if route == "restore" and ROLE_OF[role] != Role.ADMIN:
        return 403
    in_village = bool(ledger.model.village_field) and role == "village_clerk"
    visible = in_village if ROLE_OF[role] == Role.VILLAGE_CLERK else True
    if not visible:
        return 404
    if route == "detail":
        return 200
    if route == "reveal":
        if not ledger.personal_fields:
            return 404
        may = ROLE_OF[role] == Role.ADMIN or (ROLE_OF[role] in ledger.personal_shown_to and role != "county")
        return 200 if may else 403
    if route == "restore":
        return 302
    if not writes(ledger, role, record_visible=True):
        return 403
    return 302 if method == "POST" else 200


@pytest.fixture
def world(cast):
    """The cast, plus a clerk without the ledger's area and a village clerk of the second village."""
    cast.users["clerk_other"] = UserFactory(username="clerk_other", role=Role.CLERK, township=cast.daxi, areas=[])
    cast.users["village_clerk_other"] = UserFactory(
        username="village_other", role=Role.VILLAGE_CLERK, township=cast.daxi, village=cast.second_village)
    return cast


def user_for(world, role):
    if role == "clerk_other":
        user = world.users["clerk_other"]
        user.membership.areas = []  # set per ledger (any area but the ledger's)
        return user
    return None if role == "anonymous" else world.users[role]


def database_state() -> dict:
    """Row counts of every table the portal writes: what a refused request must leave as it was."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.app_label in {"township", "governance", "enforcement", "disputes", "outreach", "reports"}}


def fresh_payload(ledger, make, township, village):
    """The POST data of an add form for a record like the ones the maker makes (the record itself is removed)."""
    from tests.factories import VillageFactory

    record = make(township, village)
    if record == village:
        record = VillageFactory(township=township)
    data = form_data(ledger.form_class(instance=record, township=township))
    data.pop("version", None)
    type(record).all_objects.filter(pk=record.pk).delete()
    return data


def post_data(ledger, route, role, world, record, make, masked: bool):
    if route == "add":
        from tests.factories import VillageFactory

        if role == "other_admin":
            township, village = world.other_township, VillageFactory(township=world.other_township)
        elif ROLE_OF.get(role) == Role.VILLAGE_CLERK and Role.VILLAGE_CLERK in ledger.writers:
            township, village = world.daxi, world.second_village if role == "village_clerk_other" else world.village
        else:
            township, village = world.daxi, VillageFactory(township=world.daxi)
        return fresh_payload(ledger, make, township, village)
    if route == "edit":
        form = ledger.form_class(instance=record, township=world.daxi,
                                 masked_fields=ledger.personal_fields if masked else None)
        return form_data(form)
    if route == "attach":
        return {"file": upload("证明材料.pdf", PDF, "application/pdf"), "description": "证明材料"}
    return {}


CASES = [pytest.param(slug, role, id=f"{slug}-{role}") for slug in LEDGERS for role in ROLES]


@pytest.mark.parametrize(("slug", "role"), CASES)
def test_access_matrix(slug, role, world, client_for, media_root, as_year):
    ledger, make = LEDGERS[slug], FACTORIES[slug]
    user = user_for(world, role)
    if role == "clerk_other":
        user.membership.areas = [area.code for area in areas.assignable_areas() if area.code != ledger.area][:1]
        user.membership.save()
    if user is not None:
        as_year(user, 2025)
    record = make(world.daxi, world.village)
    make(world.other_township, world.other_village)  # the other township's admin imports their own export
    query = {"township": world.daxi.code} if role == "county" else {}
    client = client_for(user)
    masked = not (ROLE_OF.get(role) == Role.ADMIN or ROLE_OF.get(role) in ledger.personal_shown_to)
    for route in ROUTES:
        for method in ("GET", "POST"):
            want = expected(ledger, route, method, role)
            target = record
            if route == "restore":
                type(target).all_objects.filter(pk=target.pk).update(deleted_at=timezone.now())
            if route == "import_task":
                url = reverse(f"{slug}:{route}", args=[own_task(world, user, slug).pk])
            else:
                url = reverse(f"{slug}:{route}", args=[target.pk] if route in RECORD_ROUTES else [])
            url += f"?{urlencode(query)}" if query else ""
            if method == "GET":
                response = client.get(url)
            else:
                data = post_data(ledger, route, role, world, target, make, masked)
                if route in ("import", "import_task"):
                    export = client.get(reverse(f"{slug}:export"), query) if want == 200 else None
                    content = export.content if export is not None and export.status_code == 200 else b"x"
                    data = {"file": upload("台账.xlsx", content)}
                before = database_state()
                response = client.post(url, data)
                if response.status_code >= 400:
                    assert database_state() == before, f"{route} {method}: a refused request changed the database"
            if route in ("restore", "delete"):  # the next routes need the record alive
                type(target).all_objects.filter(pk=target.pk).update(deleted_at=None)
            got = response.status_code
            if want == LOGIN:
                assert got == 302 and reverse("login") in response.url, f"{route} {method}: {got}"
            else:
                detail = ""
                if got != want and got in (200, 400) and response.context and "form" in response.context:
                    detail = response.context["form"].errors
                assert got == want, f"{route} {method}: expected {want}, got {got} {detail}"


def own_task(world, user, slug):
    """A background import of this ledger by the user (the admin's for an anonymous request), in their township."""
    from township.models import BackgroundTask

    owner = user or world.admin_user
    township = world.other_township if owner.membership.township_id == world.other_township.pk else world.daxi
    return BackgroundTask.objects.create(kind=BackgroundTask.Kind.IMPORT_CHECK, user=owner, township=township,
                                         ledger=slug, filename="台账.xlsx")


# --- queries, round trips, figure links --------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_the_list_query_count_does_not_grow_with_its_records(slug, world, client_for, as_year):
    client = client_for(as_year(world.admin_user, 2025))
    make = FACTORIES[slug]
    make(world.daxi, world.village)
    url = reverse(f"{slug}:list")
    client.get(url)  # warm: what a process reads once (content types, the working-day calendar) is not per page
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(4):
        make(world.daxi, VillageFactory(township=world.daxi))
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few), "\n".join(query["sql"] for query in more.captured_queries)


@pytest.mark.parametrize("slug", list(LEDGERS))
def test_an_export_imported_again_changes_nothing(slug, world, client_for, as_year, media_root):
    client = client_for(as_year(world.admin_user, 2025))
    make = FACTORIES[slug]
    records = [make(world.daxi, world.village)]
    if slug != "villages":
        records.append(make(world.daxi, world.second_village))
    model = LEDGERS[slug].model
    versions = dict(model.all_objects.values_list("pk", "version"))
    export = client.get(reverse(f"{slug}:export"))
    preview = client.post(reverse(f"{slug}:import"), {"file": upload("台账.xlsx", export.content)})
    assert preview.status_code == 200, [row.errors for row in preview.context["outcome"].error_rows]
    counts = preview.context["outcome"].counts
    assert counts["new"] == counts["update"] == counts["invalid"] == 0 and counts["skip"] >= len(records)
    assert client.post(reverse(f"{slug}:import"), {"token": preview.context["token"]}).status_code == 302
    assert dict(model.all_objects.values_list("pk", "version")) == versions


def area_figures(township, year):
    for area in areas.areas():
        if not area.stats:
            continue
        try:
            module = importlib.import_module(area.stats)
        except ModuleNotFoundError:
            continue
        yield area, module.figures(township, year)


def test_every_figure_links_to_a_filter_its_ledger_understands(world, client_for, as_year):
    client = client_for(as_year(world.admin_user, 2025))
    for slug, make in FACTORIES.items():
        if slug in LEDGERS and slug != "villages":
            make(world.daxi, world.village)
    seen = 0
    for area, figures in area_figures(world.daxi, 2025):
        for key, figure in figures.items():
            if not figure.ledger:
                continue
            seen += 1
            ledger = LEDGERS[figure.ledger]
            filters = ledger.filterset_class.base_filters
            unknown = set(figure.query) - set(filters) - {"year", "q", "sort"}
            assert not unknown, f"{area.code} {key}: {figure.ledger} has no filter {unknown}"
            params = {name: value for name, value in figure.query.items() if name in filters}
            filterset = ledger.filterset_class(params, queryset=ledger.model.objects.none())
            assert filterset.is_valid(), f"{key}: {filterset.errors}"
            assert client.get(figure.url).status_code == 200, key
    assert seen


VILLAGE_LEDGERS = [slug for slug, ledger in LEDGERS.items()
                   if Role.VILLAGE_CLERK in ledger.writers and ledger.model.village_field]


@pytest.mark.parametrize("slug", VILLAGE_LEDGERS)
def test_a_village_clerk_cannot_import_a_record_of_another_village(slug, world, client_for, as_year, media_root):
    from tests.helpers import read_xlsx, xlsx_bytes

    admin = client_for(as_year(world.admin_user, 2025))
    theirs = FACTORIES[slug](world.daxi, world.second_village)
    rows = read_xlsx(admin.get(reverse(f"{slug}:export"), {"reveal": "1"}).content)
    type(theirs).all_objects.filter(pk=theirs.pk).delete()  # the row would now add a new record
    headers, data = rows[1][1:-1], [row[1:-1] for row in rows[2:]]  # without 序号 and 系统编号
    before = database_state()
    clerk = client_for(as_year(world.village_clerk_user, 2025))
    response = clerk.post(reverse(f"{slug}:import"), {"file": upload("台账.xlsx", xlsx_bytes(headers, data))})
    assert response.status_code == 400
    assert response.context["outcome"].error_rows
    assert database_state() == before
