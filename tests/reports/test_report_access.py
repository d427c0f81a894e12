"""Who may do what on every reports URL: every route × every role (pretix style).

Requests name Daxi explicitly (?township=daxi), so the other township's admin asks for a township they
may not see (404). Expected (issue 4, DESIGN.md §4): anonymous → login, except the public pages;
another township → 404; leaders, clerks and county viewers never edit, finalize or publish (403);
village clerks see one village, so not the township's report (403); county viewers read finalized
reports only, so a draft's PDF is not found for them (404) and its page says it is not final yet.
"""

import pytest
from django.urls import reverse

from reports import services
from reports.models import AnnualReport

LOGIN = "login"
ROLES = ["anonymous", "admin", "clerk", "village_clerk", "leader", "county", "other_admin"]


def row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


# route → method → role → status, with a draft of Daxi's 2025 report
MATRIX = {
    "index": {"GET": row(LOGIN, 200, 200, 403, 200, 200, 404)},
    "report": {"GET": row(LOGIN, 200, 200, 403, 200, 200, 404)},
    "pdf": {"GET": row(LOGIN, 200, 200, 403, 200, 404, 404)},
    "docx": {"GET": row(LOGIN, 200, 200, 403, 200, 404, 404)},
    "draft": {"GET": row(LOGIN, 405, 405, 405, 405, 405, 405), "POST": row(LOGIN, 302, 403, 403, 403, 403, 404)},
    "edit": {"GET": row(LOGIN, 200, 403, 403, 403, 403, 404), "POST": row(LOGIN, 302, 403, 403, 403, 403, 404)},
    "edit_section": {
        "GET": row(LOGIN, 200, 403, 403, 403, 403, 404),
        "POST": row(LOGIN, 302, 403, 403, 403, 403, 404),
    },
    "finalize": {"GET": row(LOGIN, 405, 405, 405, 405, 405, 405), "POST": row(LOGIN, 302, 403, 403, 403, 403, 404)},
    "publish": {"GET": row(LOGIN, 405, 405, 405, 405, 405, 405), "POST": row(LOGIN, 302, 403, 403, 403, 403, 404)},
    "submit": {"GET": row(LOGIN, 405, 405, 405, 405, 405, 405), "POST": row(LOGIN, 302, 403, 403, 403, 403, 404)},
}
CASES = [(route, method, role) for route, methods in MATRIX.items() for method in methods for role in ROLES]


@pytest.fixture
def draft(cast, contract_stats, media_root):
    report = services.create_draft(township=cast.daxi, year=2025)
    for section in report.sections.all():
        section.prose = section.prose or "已填写。"
        section.manual = section.part == 1 and section.topic != "disputes"  # areas without records: by hand
        section.save()
    return report


def url_of(route, draft):
    if route == "index":
        return reverse("reports:index")
    if route == "edit_section":
        return reverse("reports:edit_section", args=[2025, draft.sections.get(part=2, order=1).pk])
    return reverse(f"reports:{route}", args=[2025])


def post_data(route, draft):
    if route == "edit":
        return {"opening": "开头", "closing": "结尾", "signature_name": "大溪镇人民政府", "version": draft.version}
    if route == "edit_section":
        section = draft.sections.get(part=2, order=1)
        return {"heading": section.heading, "prose": "新的文字。", "version": section.version}
    return {}


@pytest.mark.parametrize(("route", "method", "role"), CASES)
def test_access(route, method, role, cast, draft, client_for):
    if route in ("publish", "submit") and method == "POST":
        services.finalize(report=draft, user=cast.admin_user)
    client = client_for(None if role == "anonymous" else cast.users[role])
    url = url_of(route, draft) + "?township=daxi"
    response = client.get(url) if method == "GET" else client.post(url, post_data(route, draft))
    expected = MATRIX[route][method][role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected, response.content[:500]


@pytest.mark.parametrize("route", ["index", "report", "pdf"])
def test_a_township_user_may_not_ask_for_another_township(route, cast, draft, client_for):
    response = client_for(cast.other_admin_user).get(url_of(route, draft) + "?township=daxi")
    assert response.status_code == 404


def test_county_viewer_reads_a_finalized_report_but_not_a_draft(cast, draft, client_for):
    client = client_for(cast.county_user)
    page = client.get(reverse("reports:report", args=[2025]) + "?township=daxi")
    assert "尚未定稿" in page.content.decode()
    assert draft.title not in page.content.decode()
    services.finalize(report=draft, user=cast.admin_user)
    page = client.get(reverse("reports:report", args=[2025]) + "?township=daxi")
    assert page.status_code == 200
    assert draft.title in page.content.decode()
    assert client.get(reverse("reports:pdf", args=[2025]) + "?township=daxi").status_code == 200


def test_leader_reads_the_draft_without_edit_buttons(cast, draft, client_for):
    html = client_for(cast.leader_user).get(reverse("reports:report", args=[2025])).content.decode()
    assert draft.title in html
    assert reverse("reports:finalize", args=[2025]) not in html
    assert reverse("reports:edit", args=[2025]) not in html


@pytest.mark.parametrize("year", [0, 1999, 2101, 99999])
def test_a_year_out_of_range_is_not_found(year, cast, client_for):
    assert client_for(cast.admin_user).get(f"/reports/{year}/").status_code == 404


@pytest.mark.parametrize("path", ["/public/reports/", "/public/reports/daxi/2025/", "/public/reports/daxi/2025/pdf/"])
def test_public_pages_need_no_login_and_never_show_a_draft(path, cast, draft, client_for):
    client = client_for(None)
    response = client.get(path)
    if path == "/public/reports/":
        assert response.status_code == 200
        assert draft.title not in response.content.decode()
    else:
        assert response.status_code == 404
    services.finalize(report=draft, user=cast.admin_user)  # finalized, not yet published
    response = client.get(path)
    assert response.status_code == (200 if path == "/public/reports/" else 404)
    assert draft.title not in response.content.decode()


def test_model_refuses_any_change_to_a_finalized_report(cast, draft):
    from reports.models import ReportLocked

    report = services.finalize(report=draft, user=cast.admin_user)
    report.opening = "改过的开头"
    with pytest.raises(ReportLocked):
        report.save()
    section = report.sections.first()
    section.prose = "改过的文字"
    with pytest.raises(ReportLocked):
        section.save()
    assert AnnualReport.objects.get(pk=report.pk).opening != "改过的开头"
