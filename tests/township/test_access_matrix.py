"""Who may do what on the villages and people ledgers: every route × every role, GET and POST (pretix style).

Expected statuses (DESIGN.md §4): anonymous → the login page; another township's record → 404; may see
but not change → 403; leaders and county viewers never change anything; villages and the roster (area
"core") are kept by the admin only, clerks read them; a village clerk sees only their own village.

The records used are Daxi's, in the village clerk's own village. The other township's admin works in
their own township: on routes without a record (list, add, import …) they act there, which is allowed.
"""

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from tests.factories import PersonFactory, VillageFactory
from tests.helpers import form_data, upload, xlsx_bytes
from township.models import Attachment, BackgroundTask, Person, Village
from township.views import PersonLedger, VillageLedger

LOGIN = "login"  # expected: a redirect to the login page
ROLES = ["anonymous", "admin", "clerk", "village_clerk", "leader", "county", "other_admin"]
LEDGERS = {"villages": VillageLedger, "people": PersonLedger}
PDF = b"%PDF-1.4\n% a test attachment\n"


def row(anonymous, admin, clerk, village_clerk, leader, county, other_admin):
    return dict(zip(ROLES, [anonymous, admin, clerk, village_clerk, leader, county, other_admin], strict=True))


# route name → method → role → expected status. The same for both ledgers (both are "core").
MATRIX = {
    "list": {
        "GET": row(LOGIN, 200, 200, 200, 200, 200, 200),
        "POST": row(LOGIN, 405, 405, 405, 405, 405, 405),
    },
    "add": {
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 200),
        "POST": row(LOGIN, 302, 403, 403, 403, 403, 302),
    },
    "export": {
        "GET": row(LOGIN, 200, 200, 200, 200, 200, 200),
        "POST": row(LOGIN, 405, 405, 405, 405, 405, 405),
    },
    "import": {
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 200),
        "POST": row(LOGIN, 200, 403, 403, 403, 403, 200),  # 200: the preview, nothing written yet
    },
    "import_task": {  # a large import followed in the background: the admin's own task; anyone else's is a 404
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 404),
        "POST": row(LOGIN, 200, 403, 403, 403, 403, 404),  # the preview's form posts here: as on the import page
    },
    "import_template": {
        "GET": row(LOGIN, 200, 200, 200, 200, 200, 200),
        "POST": row(LOGIN, 405, 405, 405, 405, 405, 405),
    },
    "deleted": {
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 200),
        "POST": row(LOGIN, 405, 403, 403, 403, 403, 405),
    },
    "detail": {
        "GET": row(LOGIN, 200, 200, 200, 200, 200, 404),
        "POST": row(LOGIN, 405, 405, 405, 405, 405, 405),
    },
    "edit": {
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 404),
        "POST": row(LOGIN, 302, 403, 403, 403, 403, 404),
    },
    "delete": {
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 404),
        "POST": row(LOGIN, 302, 403, 403, 403, 403, 404),
    },
    "restore": {
        "GET": row(LOGIN, 405, 405, 405, 405, 405, 405),
        "POST": row(LOGIN, 302, 403, 403, 403, 403, 404),
    },
    "reveal": {
        # villages hold no masked personal data: there is nothing to reveal; people's phones are shown in full to
        # the township's staff (docs/personal-data.md), masked to the village clerk, who may not reveal them
        "GET": row(LOGIN, 405, 405, 405, 405, 405, 405),
        "POST": {"villages": row(LOGIN, 404, 404, 404, 404, 404, 404),
                 "people": row(LOGIN, 200, 200, 403, 200, 403, 404)},
    },
    "attach": {
        "GET": row(LOGIN, 405, 405, 405, 405, 405, 405),
        "POST": row(LOGIN, 302, 403, 403, 403, 403, 404),
    },
}
RECORD_ROUTES = {"detail", "edit", "delete", "restore", "reveal", "attach"}

CASES = [
    pytest.param(ledger, route, method, role, expected, id=f"{ledger}:{route}-{method}-{role}")
    for ledger in LEDGERS
    for route, methods in MATRIX.items()
    for method, roles in methods.items()
    for role, expected in roles.get(ledger, roles).items()
]


def route_names(namespace: str) -> set[str]:
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return {pattern.name for pattern in resolver.url_patterns}


@pytest.mark.parametrize("namespace", list(LEDGERS))
def test_every_route_of_the_ledger_is_in_the_matrix(namespace):
    assert route_names(namespace) == set(MATRIX), "a ledger route is missing from the access matrix (or gone)"


def test_every_route_the_ledger_pattern_generates_is_in_the_matrix():
    patterns, _app_name, _namespace = VillageLedger.urls()
    assert {pattern.name for pattern in patterns} == set(MATRIX)


def record_of(cast, ledger: str, *, deleted=False):
    """A record of Daxi in the village clerk's own village (deleted: a soft-deleted one)."""
    deleted_at = timezone.now() if deleted else None
    if ledger == "villages":
        return cast.village if not deleted else VillageFactory(township=cast.daxi, name="已撤并村", deleted_at=deleted_at)
    return cast.person if not deleted else PersonFactory(township=cast.daxi, village=cast.village, deleted_at=deleted_at)


def post_data(cast, ledger: str, route: str, record):
    ledger_class = LEDGERS[ledger]
    if route == "add":
        form = ledger_class.form_class(township=cast.daxi)
        data = form_data(form)
        data["name"] = "新增记录"
        return data
    if route == "edit":
        data = form_data(ledger_class.form_class(instance=record, township=cast.daxi))
        data["note"] = "修改后的备注"
        return data
    if route == "attach":
        return {"file": upload("会议记录.pdf", PDF, "application/pdf"), "description": "证明材料"}
    if route in ("import", "import_task"):
        resource = ledger_class.resource_class(township=cast.daxi)
        name_column = "村（社区）名称" if ledger == "villages" else "姓名"
        assert name_column in resource.get_export_headers()
        return {"file": upload("台账.xlsx", xlsx_bytes([name_column, "备注"], [["导入的新记录", "一行"]]))}
    return {}


def database_state():
    """What a refused request must not change."""
    return {
        "villages": Village.all_objects.count(),
        "people": Person.all_objects.count(),
        "village history": Village.history.count(),
        "people history": Person.history.count(),
        "deleted": Village.all_objects.filter(deleted_at__isnull=False).count()
        + Person.all_objects.filter(deleted_at__isnull=False).count(),
        "attachments": Attachment.all_objects.count(),
        "versions": sorted(Village.all_objects.values_list("version", flat=True))
        + sorted(Person.all_objects.values_list("version", flat=True)),
    }


def assert_status(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302, f"expected the login redirect, got {response.status_code}"
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected, (
            f"expected {expected}, got {response.status_code}: {response.content[:300].decode(errors='replace')}"
        )


@pytest.mark.parametrize(("ledger", "route", "method", "role", "expected"), CASES)
def test_access(ledger, route, method, role, expected, cast, client_for, media_root):
    record = record_of(cast, ledger, deleted=route == "restore")
    if route == "import_task":
        task = BackgroundTask.objects.create(kind=BackgroundTask.Kind.IMPORT_CHECK, user=cast.admin_user,
                                             township=cast.daxi, ledger=ledger, filename="台账.xlsx")
        url = reverse(f"{ledger}:{route}", args=[task.pk])
    else:
        url = reverse(f"{ledger}:{route}", args=[record.pk] if route in RECORD_ROUTES else [])
    client = client_for(None if role == "anonymous" else cast.users[role])
    before = database_state()
    data = post_data(cast, ledger, route, record) if method == "POST" else None
    response = client.get(url) if method == "GET" else client.post(url, data)
    assert_status(response, expected)
    if method == "POST" and expected != 302:
        assert database_state() == before, "a refused or preview request changed the database"


# --- the village clerk sees only their own village ---------------------------------------------------

@pytest.mark.parametrize("route", ["detail", "edit", "delete", "attach", "reveal"])
def test_village_clerk_gets_404_for_records_of_another_village(route, cast, client_for):
    client = client_for(cast.village_clerk_user)
    other_person = PersonFactory(township=cast.daxi, village=cast.second_village)
    township_person = PersonFactory(township=cast.daxi, village=None)
    for ledger, record in [("villages", cast.second_village), ("people", other_person), ("people", township_person)]:
        url = reverse(f"{ledger}:{route}", args=[record.pk])
        response = client.post(url) if route in {"attach", "reveal"} else client.get(url)
        assert response.status_code == 404, f"{ledger} {record}: {response.status_code}"


def test_village_clerk_lists_only_their_own_village_and_its_people(cast, client_for):
    other_person = PersonFactory(township=cast.daxi, village=cast.second_village, name="酉水村人员")
    client = client_for(cast.village_clerk_user)
    villages = client.get(reverse("villages:list"))
    assert [row["record"] for row in villages.context["rows"]] == [cast.village]
    people = client.get(reverse("people:list"))
    assert [row["record"] for row in people.context["rows"]] == [cast.person]
    assert other_person.name not in people.content.decode()


def test_village_clerk_export_holds_only_their_own_village(cast, client_for):
    from tests.helpers import read_xlsx

    response = client_for(cast.village_clerk_user).get(reverse("villages:export"))
    names = [row[1] for row in read_xlsx(response.content)[2:]]
    assert names == [cast.village.name]


# --- the other township ----------------------------------------------------------------------------

def test_other_township_list_and_export_hold_none_of_daxis_records(cast, client_for):
    client = client_for(cast.other_admin_user)
    page = client.get(reverse("villages:list")).content.decode()
    assert cast.other_village.name in page
    assert cast.village.name not in page and cast.second_village.name not in page
    export = client.get(reverse("people:export"), {"format": "csv"}).content.decode("utf-8-sig")
    assert cast.other_person.name in export and cast.person.name not in export


def test_other_township_admin_adds_records_to_their_own_township(cast, client_for):
    data = form_data(VillageLedger.form_class(township=cast.other_township)) | {"name": "石耶新村"}
    response = client_for(cast.other_admin_user).post(reverse("villages:add"), data)
    assert response.status_code == 302
    assert Village.objects.get(name="石耶新村").township == cast.other_township


def test_county_viewer_reads_another_township_with_the_township_parameter(cast, client_for):
    client = client_for(cast.county_user)
    assert client.get(reverse("villages:detail", args=[cast.other_village.pk])).status_code == 404
    url = reverse("villages:detail", args=[cast.other_village.pk]) + "?township=other"
    assert client.get(url).status_code == 200


def test_township_parameter_of_a_township_outside_the_county_answers_404(cast, client_for):
    from tests.factories import TownshipFactory

    TownshipFactory(code="elsewhere")
    response = client_for(cast.county_user).get(reverse("villages:list"), {"township": "elsewhere"})
    assert response.status_code == 404


def test_township_parameter_does_not_open_another_township_to_its_admin(cast, client_for):
    response = client_for(cast.other_admin_user).get(reverse("villages:list"), {"township": "daxi"})
    assert response.status_code == 404


# --- attachment downloads --------------------------------------------------------------------------

DOWNLOAD = row(LOGIN, 200, 200, 200, 200, 200, 404)


@pytest.mark.parametrize(("role", "expected"), list(DOWNLOAD.items()))
def test_attachment_download(role, expected, cast, client_for, media_root):
    admin = client_for(cast.admin_user)
    admin.post(reverse("villages:attach", args=[cast.village.pk]), {"file": upload("a.pdf", PDF)})
    attachment = Attachment.objects.get()
    response = client_for(None if role == "anonymous" else cast.users[role]).get(
        reverse("attachment", args=[attachment.pk])
    )
    assert_status(response, expected)
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF


def test_village_clerk_cannot_download_an_attachment_of_another_village(cast, client_for, media_root):
    client_for(cast.admin_user).post(
        reverse("villages:attach", args=[cast.second_village.pk]), {"file": upload("a.pdf", PDF)}
    )
    attachment = Attachment.objects.get()
    response = client_for(cast.village_clerk_user).get(reverse("attachment", args=[attachment.pk]))
    assert response.status_code == 404
