"""The governance ledgers' pages as their users meet them: who sees and enters what, the training form with
attendees picked from the roster, a double click, bad input as a 400 with a Chinese message, badges and alerts
that agree with the lists' filters and the dashboards' counts, and list queries that do not grow with the rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import stats
from governance.models import Certificate, KeyTask, Training
from governance.views import CertificateLedger, KeyTaskLedger
from tests.factories import PersonFactory, UserFactory
from tests.governance.factories import (
    CertificateFactory,
    ExamResultFactory,
    KeyTaskFactory,
    MeetingIssueFactory,
    TrainingFactory,
)
from tests.helpers import upload
from township import areas
from township.models import Role

D = datetime.date
LEDGERS = [ledger.slug for ledger in areas.area("governance").ledgers]


def one_of_each(township, person) -> dict:
    """A record of every governance ledger in the township (its detail page is what the matrix opens)."""
    from governance.models import LawReport, LeadingGroupMember, LegalRecruit

    issue = MeetingIssueFactory(township=township, meeting__date=D(2025, 4, 24), owner=person)
    person.legal_background = True
    person.save()
    result = ExamResultFactory(township=township, person=person)
    return {
        "key-tasks": KeyTaskFactory(township=township, lead_leader=person),
        "leading-group": LeadingGroupMember.objects.create(township=township, year=2025, person=person, role="leader"),
        "law-reports": LawReport.objects.create(township=township, date=D(2025, 12, 11), person=person,
                                                capacity="party_secretary", meeting=issue.meeting),
        "meetings": issue.meeting,
        "meeting-issues": issue,
        "trainings": TrainingFactory(township=township, attendees=[person]),
        "law-exams": result.exam,
        "exam-results": result,
        "certificates": CertificateFactory(township=township, holder=person),
        "legal-recruits": LegalRecruit.objects.create(township=township, person=person, joined_on=D(2025, 8, 1)),
    }


# role → (list, detail, add, edit) expected for Daxi's records; exam results are read in the township only
EXPECTED = {
    "admin": (200, 200, 200, 200), "clerk": (200, 200, 200, 200), "leader": (200, 200, 403, 403),
    "county": (200, 200, 403, 403), "village_clerk": (404, 404, 404, 404), "other_admin": (200, 404, 200, 404),
}


@pytest.mark.parametrize("ledger", LEDGERS)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_sees_and_enters_each_ledger(ledger, role, cast, client_for, as_year):
    record = one_of_each(cast.daxi, cast.person)[ledger]
    client = client_for(as_year(cast.users[role], 2025))
    expected = EXPECTED[role]
    if ledger == "exam-results" and role == "county":
        expected = (404, 404, 404, 404)
    statuses = (client.get(reverse(f"{ledger}:list")).status_code,
                client.get(reverse(f"{ledger}:detail", args=[record.pk])).status_code,
                client.get(reverse(f"{ledger}:add")).status_code,
                client.get(reverse(f"{ledger}:edit", args=[record.pk])).status_code)
    assert statuses == expected


def test_a_clerk_without_the_governance_area_reads_but_does_not_enter(daxi, client_for):
    clerk = UserFactory(username="clerk2", role=Role.CLERK, township=daxi, areas=["disputes"])
    client = client_for(clerk)
    assert client.get(reverse("trainings:list")).status_code == 200
    assert client.get(reverse("trainings:add")).status_code == 403


def test_village_clerks_do_not_see_the_area_in_the_navigation(village_clerk_user, client_for):
    page = client_for(village_clerk_user).get(reverse("home"))
    assert "组织领导与学法" not in [str(area.label) for area in page.context["nav_areas"]]


def test_a_county_viewer_reads_certificates_without_any_phone_number(cast, client_for, as_year):
    # a phone whose last four digits no certificate number or date of the page holds (the cast's 13900000000 ends
    # in 0000, which the first factory certificate number 渝执500241000000 holds too)
    cast.person.phone = "13986421357"
    cast.person.save()
    CertificateFactory(township=cast.daxi, holder=cast.person)
    client = client_for(as_year(cast.county_user, 2025))
    for url in (reverse("certificates:list"), reverse("certificates:detail", args=[Certificate.objects.get().pk]),
                reverse("certificates:export")):
        content = client.get(url).content
        assert cast.person.phone.encode() not in content and cast.person.phone[-4:].encode() not in content


def training_post(people, **extra) -> dict:
    data = {"date": "2025-05-22", "title": "民法典专题培训", "kind": "law_training", "method": "theory",
            "hours": "3", "attendees": [str(person.pk) for person in people], "version": "1",
            "_submission": "token-training-1"}
    data.update(extra)
    return data


def test_the_clerk_records_a_training_with_attendees_from_the_roster(daxi, clerk_user, client_for):
    people = [PersonFactory(township=daxi) for _ in range(3)]
    client = client_for(clerk_user)
    response = client.post(reverse("trainings:add"), training_post(people, other_attendees="路人甲"))
    assert response.status_code == 302
    training = Training.objects.get()
    assert set(training.attendees.all()) == set(people)
    assert training.headcount == 4  # 人次 left empty: the people named
    again = client.post(reverse("trainings:add"), training_post(people, other_attendees="路人甲"))  # a double click
    assert again.status_code == 302 and again.url == response.url and Training.objects.count() == 1
    other = client.post(reverse("trainings:add"), training_post(people, _submission="another-form"))
    assert other.status_code == 400 and "同一天已有同名的学习培训" in other.content.decode()  # a real duplicate


@pytest.mark.parametrize(("extra", "field", "message"), [
    ({"hours": "0"}, "hours", "学时须大于0"),
    ({"hours": "-1"}, "hours", "学时须大于0"),
    ({"headcount": "1"}, "headcount", "少于所选参加人员人数"),
    ({"date": "2099-01-01"}, "date", "日期不能晚于今天"),
    ({"date": "1999-12-31"}, "date", "早于2000年1月1日"),
])
def test_a_bad_training_form_is_shown_again_with_its_message(extra, field, message, daxi, clerk_user, client_for):
    people = [PersonFactory(township=daxi) for _ in range(3)]
    response = client_for(clerk_user).post(reverse("trainings:add"), training_post(people, **extra))
    assert response.status_code == 400
    assert any(message in str(error) for error in response.context["form"].errors[field])
    assert not Training.objects.exists()


def test_another_townships_person_cannot_be_picked(daxi, other_person, clerk_user, client_for):
    response = client_for(clerk_user).post(reverse("trainings:add"), training_post([other_person]))
    assert response.status_code == 400 and not Training.objects.exists()


def certificate_post(holder, **extra) -> dict:
    data = {"holder": str(holder.pk), "number": "渝执500241009001", "issued_on": "2025-10-15",
            "valid_until": "2031-10-14", "status": "valid", "version": "1", "_submission": "token-certificate"}
    data.update(extra)
    return data


@pytest.mark.parametrize(("extra", "field", "message"), [
    ({"valid_until": "2025-10-14"}, "valid_until", "不能早于发证日期"),
    ({"status": "cancelled"}, "status_changed_on", "请填写注销日期"),
    ({"status": "suspended", "status_changed_on": "2025-10-01"}, "status_changed_on", "不能早于发证日期"),
    ({"review_result": "passed"}, "review_year", "请填写审验年度"),
    ({"number": "渝执500241000876"}, "__all__", "本镇已有相同执法证号的证件"),
])
def test_a_bad_certificate_form_is_refused_with_a_chinese_message(extra, field, message, daxi, person, clerk_user,
                                                                   client_for):
    CertificateFactory(township=daxi, number="渝执500241000876")
    response = client_for(clerk_user).post(reverse("certificates:add"), certificate_post(person, **extra))
    assert response.status_code == 400
    assert any(message in str(error) for error in response.context["form"].errors[field]), response.context["form"].errors
    assert Certificate.objects.count() == 1


def test_the_meeting_page_lists_its_issues_and_the_certificate_page_its_holders_hours(daxi, admin_user, person,
                                                                                      client_for, as_year):
    issue = MeetingIssueFactory(township=daxi, description="执法全过程记录设备不足", status="resolved",
                                outcome="已配备执法记录仪2台", meeting__date=D(2025, 2, 20))
    certificate = CertificateFactory(township=daxi, holder=person)
    TrainingFactory(township=daxi, title="行政执法人员网上学法", hours=Decimal(40), attendees=[person])
    client = client_for(as_year(admin_user, 2025))
    page = client.get(reverse("meetings:detail", args=[issue.meeting.pk])).content.decode()
    assert "执法全过程记录设备不足" in page and "已配备执法记录仪2台" in page
    page = client.get(reverse("certificates:detail", args=[certificate.pk])).content.decode()
    assert "行政执法人员网上学法" in page and "合计 40 学时（每年应不少于 60 学时）" in page


def test_a_key_task_due_on_a_holiday_is_overdue_only_after_the_first_working_day(daxi):
    task = KeyTaskFactory(township=daxi, due_on=D(2025, 10, 1))  # National Day: 1-8 October off
    for today, state in ((D(2025, 10, 8), "due_soon"), (D(2025, 10, 9), "due_soon"), (D(2025, 10, 10), "overdue")):
        labels = [badge.label for badge in KeyTaskLedger.badges(task, today)]
        assert ("已逾期" in labels) == (state == "overdue")
        assert KeyTask.objects.alerting("overdue", today).exists() == (state == "overdue")
        assert KeyTask.objects.alerting("due_soon", today).exists() == (state == "due_soon")
    overdue = next(badge for badge in KeyTaskLedger.badges(task, D(2025, 10, 10)) if badge.label == "已逾期")
    assert "节假日，顺延至2025-10-09" in overdue.title


def test_certificate_badges_agree_with_the_filter_and_the_dashboards(daxi):
    today = D(2026, 12, 1)
    expired = CertificateFactory(township=daxi, issued_on=D(2019, 12, 20), valid_until=D(2025, 12, 19),
                                 status="expired")
    expiring = CertificateFactory(township=daxi, issued_on=D(2021, 3, 1), valid_until=today + datetime.timedelta(90))
    CertificateFactory(township=daxi, issued_on=D(2021, 3, 1), valid_until=today + datetime.timedelta(91))
    renewed = CertificateFactory(township=daxi, issued_on=D(2018, 1, 1), valid_until=D(2024, 1, 1))
    CertificateFactory(township=daxi, holder=renewed.holder, issued_on=D(2024, 1, 1), valid_until=D(2030, 1, 1))
    CertificateFactory(township=daxi, issued_on=D(2018, 1, 1), valid_until=D(2024, 1, 1), status="cancelled",
                       status_changed_on=D(2023, 1, 1))
    assert set(Certificate.objects.alerting("overdue", today)) == {expired}
    assert set(Certificate.objects.alerting("due_soon", today)) == {expiring}
    for record in Certificate.objects.all():
        labels = {badge.label for badge in CertificateLedger.badges(record, today)}
        assert ("已过期" in labels) == (record == expired)
        assert ("90日内到期" in labels) == (record == expiring)
    found = {(alert["kind"], alert["status"], alert["label"]) for alert in stats.alerts(daxi, today)}
    assert found == {("certificate", "overdue", str(expired)), ("certificate", "due_soon", str(expiring))}
    assert stats.alert_counts([daxi], today)[daxi.pk] == {"overdue": 1, "due_soon": 1}


def test_alerts_and_their_counts_agree_for_tasks_and_issues(daxi, other_township):
    today = D(2025, 10, 10)
    KeyTaskFactory(township=daxi, due_on=D(2025, 10, 1))  # overdue since today
    KeyTaskFactory(township=daxi, due_on=D(2025, 11, 9))  # the 30th day: due soon
    KeyTaskFactory(township=daxi, due_on=D(2025, 11, 10))
    KeyTaskFactory(township=daxi, due_on=D(2025, 9, 1), status="completed")
    MeetingIssueFactory(township=daxi, due_on=D(2025, 10, 20), meeting__date=D(2025, 9, 1))
    MeetingIssueFactory(township=daxi, due_on=D(2025, 9, 20), status="resolved", meeting__date=D(2025, 9, 1))
    KeyTaskFactory(township=other_township, due_on=D(2025, 9, 1))
    found = stats.alerts(daxi, today)
    assert sorted((a["kind"], a["status"]) for a in found) == [
        ("key_task", "due_soon"), ("key_task", "overdue"), ("meeting_issue", "due_soon")]
    counts = stats.alert_counts([daxi, other_township], today)
    assert counts == {daxi.pk: {"overdue": 1, "due_soon": 2}, other_township.pk: {"overdue": 1, "due_soon": 0}}


def test_the_figures_of_many_townships_are_each_townships_own(daxi, other_township):
    KeyTaskFactory.create_batch(2, township=daxi)
    CertificateFactory(township=other_township)
    many = stats.figures_for_townships([daxi, other_township], 2025)
    for township in (daxi, other_township):
        own = stats.figures(township, 2025)
        assert {key: figure.value for key, figure in many[township.pk].items()} == \
               {key: figure.value for key, figure in own.items()}


def add_records(township, count: int) -> None:
    """count records of every ledger, with their joins (people, meetings, attendees, results)."""
    for index in range(count):
        person = PersonFactory(township=township)
        records = one_of_each(township, person)
        KeyTask.objects.filter(pk=records["key-tasks"].pk).update(title=f"任务{index}-{person.pk}")


@pytest.mark.parametrize("ledger", LEDGERS)
def test_list_and_export_queries_do_not_grow_with_the_records(ledger, daxi, admin_user, client_for, as_year):
    client = client_for(as_year(admin_user, 2025))

    def queries(url) -> list[str]:
        client.get(url)  # warm: session, content types, the holiday table
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    add_records(daxi, 3)
    small = [queries(reverse(f"{ledger}:list")), queries(reverse(f"{ledger}:export"))]
    add_records(daxi, 20)
    large = [queries(reverse(f"{ledger}:list")), queries(reverse(f"{ledger}:export"))]
    for few, many in zip(small, large, strict=True):
        assert len(few) == len(many), "\n".join(["--- few", *few, "--- many", *many])


def test_other_attendees_are_stored_as_the_sheet_reads_them_back(daxi, clerk_user, client_for, as_year, media_root):
    """其他参加人员 typed with spaces and semicolons, a name twice, a roster name and 等8人: the roster name is
    ticked, the others kept once each with 、, the 8 goes to 人次; the ledger's export then re-imports unchanged."""
    people = [PersonFactory(township=daxi) for _ in range(2)]
    on_roster = PersonFactory(township=daxi, name="冉正权")
    client = client_for(as_year(clerk_user, 2025))
    response = client.post(reverse("trainings:add"),
                           training_post(people, other_attendees="路人甲 路人甲；冉正权 路人乙等8人"))
    assert response.status_code == 302
    training = Training.objects.get()
    assert training.other_attendees == "路人甲、路人乙"
    assert set(training.attendees.all()) == {*people, on_roster}
    assert training.headcount == 8
    export = client.get(reverse("trainings:export"))
    preview = client.post(reverse("trainings:import"), {"file": upload("台账.xlsx", export.content)})
    counts = preview.context["outcome"].counts
    assert (counts["new"], counts["update"], counts["invalid"], counts["skip"]) == (0, 0, 0, 1)

