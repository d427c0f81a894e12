"""The four reference samples go in unchanged (web page and import_ledger), with their quirks; a sheet imported again
or exported and imported back changes nothing; bad rows are refused with their sheet row and column, nothing written."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance import stats
from governance.models import Certificate, ExamResult, KeyTask, Meeting, MeetingIssue, Training
from governance.resources.certificates import ADDED_NOTE
from tests.factories import PersonFactory
from tests.governance.factories import CertificateFactory, LawExamFactory
from tests.helpers import upload, xlsx_bytes
from township import areas
from township.ledger.exports import export_ledger
from township.models import Person

D = datetime.date
# certificates first: the holders it adds to the roster are named in the training sheet (吴小燕, 张海)
SAMPLES = [("certificates", "certificates.xlsx", 8), ("key-tasks", "key-tasks-2025.xlsx", 6),
           ("meetings", "meetings-2025.xlsx", 9), ("trainings", "study-training-2025.xlsx", 10)]


def import_command(ledger, path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_ledger", ledger, str(path), "--township", "daxi", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def imported(roster, tmp_path, sample):
    """The four samples imported with the import_ledger command."""
    for ledger, name, _count in SAMPLES:
        path = tmp_path / name
        path.write_bytes(sample(name))
        code, out, err = import_command(ledger, path)
        assert code == 0, err
    return roster


def test_the_four_samples_go_in_unchanged_with_their_quirks(imported, daxi):
    assert KeyTask.objects.filter(township=daxi, year=2025).count() == 6
    first = KeyTask.objects.get(title="调整充实镇法治政府建设工作领导小组")
    assert (first.due_on, first.status, first.lead_leader.name) == (D(2025, 3, 31), "completed", "向桂兰")
    square = KeyTask.objects.get(title="升级镇法治文化广场和村法治书屋")
    assert (square.status, square.progress, square.due_on) == ("in_progress", 80, D(2025, 12, 31))

    assert Meeting.objects.filter(township=daxi).count() == 9  # the signature row 填表人/审核人 is no meeting
    assert Meeting.objects.get(title="镇党委2025年第11次会议").date == D(2025, 6, 30)  # an Excel serial
    assert Meeting.objects.get(title="镇党委2025年第17次会议").date == D(2025, 10, 16)  # full-width digits
    executive = Meeting.objects.get(title="镇政府第3次常务会议")
    assert executive.pre_meeting_study and executive.study_law == "《中华人民共和国行政处罚法》"
    assert set(MeetingIssue.objects.filter(status="resolved").values_list("description", flat=True)) == {
        "法治建设重点任务分工不明确", "执法全过程记录设备不足", "村级普法阵地老化", "法制审核人员力量不足",
        "年度考核指标未纳入法治履职"}

    trainings = Training.objects.filter(township=daxi)
    assert trainings.count() == 10  # the totals row (合计, ——, 97) is no training
    assert trainings.get(title="国家安全法专家讲座").headcount == 58  # ５８
    assert trainings.get(title="民法典与基层治理专题培训").headcount == 56  # 56人次
    seminar = trainings.get(title="理论学习中心组专题研讨：习近平法治思想与基层治理")
    assert {p.name for p in seminar.attendees.all()} == {"向桂兰", "王正权", "田维新", "陈文军"}  # named, linked
    assert seminar.headcount == 12 and seminar.other_attendees == ""
    first_course = trainings.get(title="行政执法资格认证培训（第一期）")
    assert first_course.other_attendees == "杨帆、石磊、彭丽"  # not on the roster: kept as names
    assert [p.name for p in first_course.attendees.all()] == ["吴小燕"]  # added to the roster by her certificate
    assert first_course.date == D(2025, 8, 1) and first_course.hours == Decimal(40)
    assert sum(trainings.values_list("hours", flat=True)) == 97  # the sample's 学时 total

    assert Certificate.objects.filter(township=daxi).count() == 8
    expired = Certificate.objects.get(number="渝执500241000876")
    assert (expired.holder.name, expired.status, expired.valid_until, expired.review_note) == (
        "陈文军", "expired", D(2025, 12, 19), "未换证")
    reviewed = Certificate.objects.get(number="渝执500241001231")
    assert (reviewed.review_year, reviewed.review_result, reviewed.review_note) == (2025, "passed", "")
    serial = Certificate.objects.get(number="渝执500241001716")
    assert (serial.issued_on, serial.valid_until) == (D(2025, 10, 15), D(2031, 10, 14))  # dates as serials
    added = Person.objects.filter(township=daxi, note=ADDED_NOTE)
    assert dict(added.values_list("name", "unit")) == {
        "龙文军": "镇综合行政执法大队", "刘桂兰": "镇综合行政执法大队", "冉家富": "镇综合行政执法大队",
        "杨志强": "镇综合行政执法大队", "吴小燕": "镇综合行政执法大队", "张海": "镇综合行政执法大队"}
    assert Certificate.objects.get(number="渝执500241001408").holder == imported["田维新"]  # on the roster already


def test_the_samples_give_the_figures_they_hold(imported, daxi):
    figures = stats.figures(daxi, 2025, today=D(2026, 1, 15))
    values = {key: figure.value for key, figure in figures.items()}
    assert values["governance.key_tasks"] == 6
    assert values["governance.party_sessions"] == 4
    assert values["governance.reports_heard"] == 3  # the sample lists three; the demo has the report's six
    assert values["governance.problems_solved"] == 5
    assert figures["governance.problems_solved"].names[:2] == ("法治宣传", "执法保障")
    assert (values["governance.seminars"], values["governance.expert_lectures"]) == (3, 2)
    assert (values["governance.trainings"], values["governance.training_person_times"]) == (2, 106)
    assert values["governance.certification_trainees"] == 5  # 吴小燕 and 张海 by person, 杨帆、石磊、彭丽 by name
    assert values["governance.certificates_issued"] == 2  # 吴小燕 and 张海
    assert values["governance.certified_officers"] == 6  # 陈文军 expired on 19 December, 杨志强 cancelled


def test_a_sample_imported_again_changes_nothing(imported, tmp_path, sample):
    versions = {model: sorted(model.objects.values_list("version", flat=True))
                for model in (KeyTask, Meeting, MeetingIssue, Training, Certificate, Person)}
    for ledger, name, _count in SAMPLES:
        code, out, _err = import_command(ledger, tmp_path / name)
        assert code == 0 and "新增 0，更新 0" in out, out
    assert versions == {model: sorted(model.objects.values_list("version", flat=True)) for model in versions}


@pytest.mark.parametrize("ledger", ["key-tasks", "meetings", "meeting-issues", "trainings", "certificates",
                                    "leading-group", "law-reports", "law-exams", "exam-results", "legal-recruits"])
def test_an_export_imported_back_changes_nothing(ledger, daxi, admin_user):
    from governance import demo

    for name in set(demo.DAXI_TOWNSHIP_CADRES + demo.DAXI_VILLAGE_CADRES):
        PersonFactory(township=daxi, name=name, legal_background=name == "石佳慧")
    demo.load(daxi)
    ledger_class = areas.ledger(ledger)
    queryset = ledger_class.base_queryset(admin_user, daxi)  # every year's records
    assert queryset.exists()
    content, _mime, _name = export_ledger(ledger_class, township=daxi, user=None, queryset=queryset, year=2025,
                                          reveal=True)
    resource = ledger_class.resource(township=daxi)
    from tests.helpers import read_xlsx
    from township.ledger.importer import import_sheet
    from township.sheets import parse_sheet, read_rows

    rows = read_xlsx(content)
    parsed = parse_sheet(read_rows(content, "export.xlsx"), resource.header_aliases(), resource.required_columns())
    outcome = import_sheet(resource, parsed, dry_run=False)
    assert not outcome.error_rows, outcome.error_rows
    assert outcome.counts["new"] == outcome.counts["update"] == 0, outcome.counts
    # without the 系统编号 column the natural keys find the same records
    id_column = rows[1].index("系统编号")
    without_ids = [row[:id_column] + row[id_column + 1:] for row in rows]
    parsed = parse_sheet(without_ids, resource.header_aliases(), resource.required_columns())
    outcome = import_sheet(ledger_class.resource(township=daxi), parsed, dry_run=False)
    assert not outcome.error_rows and outcome.counts["new"] == outcome.counts["update"] == 0, outcome.counts


@pytest.mark.parametrize(("ledger", "name", "count"), SAMPLES[1:])
def test_the_other_samples_go_in_through_the_web_page_too(ledger, name, count, roster, clerk_user, client_for, sample,
                                                          media_root):
    client = client_for(clerk_user)
    url = reverse(f"{ledger}:import")
    preview = client.post(url, {"file": upload(name, sample(name))})
    assert preview.status_code == 200 and not preview.context["outcome"].error_rows
    assert client.post(url, {"token": preview.context["token"]}).status_code == 302
    assert areas.ledger(ledger).model.objects.count() == count


def test_a_file_that_is_no_sheet_is_a_400_with_a_message(clerk_user, client_for, media_root):
    response = client_for(clerk_user).post(reverse("trainings:import"), {"file": upload("trainings.xlsx", b"PK\x03\x04 no")})
    assert response.status_code == 400 and "无法作为 Excel 表格打开" in response.content.decode()


def test_the_web_import_previews_the_holders_it_adds_to_the_roster_then_writes_them(
        roster, clerk_user, client_for, sample, media_root, daxi):
    client = client_for(clerk_user)
    url = reverse("certificates:import")
    preview = client.post(url, {"file": upload("certificates.xlsx", sample("certificates.xlsx"))})
    assert preview.status_code == 200
    notes = [str(message) for message in preview.context["messages"]]
    assert any("不在人员花名册中" in note and "第 3 行 龙文军（镇综合行政执法大队）" in note for note in notes), notes
    assert not any("陈文军" in note for note in notes)  # on the roster
    assert not Certificate.objects.exists() and not Person.objects.filter(name="龙文军").exists()  # nothing yet
    confirm = client.post(url, {"token": preview.context["token"]})
    assert confirm.status_code == 302
    assert Certificate.objects.filter(township=daxi).count() == 8
    assert Person.objects.get(name="龙文军").history.first().history_user == clerk_user
    again = client.post(url, {"token": preview.context["token"]})  # a double click on 确认导入
    assert again.status_code == 400 and Certificate.objects.count() == 8


CERTIFICATE_HEADERS = ["姓名", "工作单位", "执法证号", "执法类别", "发证机关", "发证日期", "有效期至", "状态"]


def certificate_row(number="渝执500241009001", issued="2025/1/5", until="2031/1/4", name="龙文军"):
    return [name, "镇综合行政执法大队", number, "综合行政执法", "重庆市人民政府", issued, until, "有效"]


@pytest.mark.parametrize(("ledger", "headers", "rows", "row", "column", "message"), [
    ("certificates", CERTIFICATE_HEADERS, [certificate_row(), certificate_row("渝执500241009002", "2025/3/1", "2024/3/1")],
     4, "有效期至", "不能早于发证日期"),
    ("certificates", CERTIFICATE_HEADERS, [certificate_row(), certificate_row(name="刘桂兰")], 4, "执法证号", "与第 3 行重复"),
    ("certificates", CERTIFICATE_HEADERS, [certificate_row(issued=2025)], 3, "发证日期", "“2025”不是日期"),
    ("trainings", ["日期", "学习培训内容", "类别", "学时"], [["2025-05-22", "民法典专题培训", "法治专题培训", "0"]],
     3, "学时", "学时须大于0"),
    ("trainings", ["日期", "学习培训内容", "类别", "学时"], [["2025-05-22", "民法典专题培训", "法治专题培训", "-2学时"]],
     3, "学时", "学时须大于0"),
    ("trainings", ["日期", "学习培训内容", "类别", "学时"], [["5", "民法典专题培训", "法治专题培训", "3"]],
     3, "日期", "“5”不是日期"),
    ("key-tasks", ["重点任务", "牵头领导", "完成时限", "进展情况"], [["推进法治文化阵地建设", "向桂兰", "明年", "推进中"]],
     3, "完成时限", "无法识别"),
    ("key-tasks", ["重点任务", "牵头领导", "完成时限", "进展情况"], [["推进法治文化阵地建设", "石耶人员", "年底", "推进中"]],
     3, "牵头领导", "本镇没有名为“石耶人员”的人员"),
    ("key-tasks", ["重点任务", "牵头领导", "完成时限", "进展情况"], [["推进法治文化阵地建设", "向桂兰", 2025, "推进中"]],
     3, "完成时限", "是年份还是日期？年底请写成“2025年底”"),
    ("key-tasks", ["重点任务", "牵头领导", "完成时限", "进展情况"], [["推进法治文化阵地建设", "向桂兰", 6, "推进中"]],
     3, "完成时限", "“6”不是日期"),
])
def test_a_bad_row_is_refused_with_its_row_and_column_and_nothing_is_written(
        ledger, headers, rows, row, column, message, roster, other_person, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx_bytes(headers, rows))
    code, _out, err = import_command(ledger, path)
    assert code == 1
    assert f"第 {row} 行 · {column}：" in err and message in err, err
    assert not areas.ledger(ledger).model.objects.exists()
    assert not Person.objects.filter(note=ADDED_NOTE).exists()  # a holder added by a row is undone with the rest


def test_an_exam_score_above_100_is_refused(daxi, tmp_path, roster):
    LawExamFactory(township=daxi, title="2025年度国家工作人员学法考法")
    path = tmp_path / "scores.xlsx"
    path.write_bytes(xlsx_bytes(["考试", "姓名", "成绩"], [["2025年度国家工作人员学法考法", "向桂兰", "95"],
                                                      ["2025年度国家工作人员学法考法", "王正权", "105分"]]))
    code, _out, err = import_command("exam-results", path)
    assert code == 1 and "第 4 行 · 成绩：成绩不能超过100分" in err, err
    assert not ExamResult.objects.exists()


def test_an_exam_sheet_without_a_pass_column_judges_by_the_pass_mark(daxi, tmp_path, roster):
    LawExamFactory(township=daxi, title="2025年度国家工作人员学法考法", pass_mark=60)
    path = tmp_path / "scores.xlsx"
    path.write_bytes(xlsx_bytes(["考试名称", "姓名", "是否参考", "分数"], [
        ["2025年度国家工作人员学法考法", "向桂兰", "是", "59.5"], ["2025年度国家工作人员学法考法", "王正权", "否", ""],
        ["2025年度国家工作人员学法考法", "田维新", "", "60"]]))
    assert import_command("exam-results", path)[0] == 0
    results = {r.person.name: (r.took, r.passed) for r in ExamResult.objects.select_related("person")}
    assert results == {"向桂兰": (True, False), "王正权": (False, False), "田维新": (True, True)}
    assert "新增 0，更新 0，未变化 3" in import_command("exam-results", path)[1]


def test_an_unknown_person_in_an_attendee_list_is_kept_as_a_name(roster, tmp_path, daxi):
    path = tmp_path / "training.xlsx"
    path.write_bytes(xlsx_bytes(["培训日期", "培训内容", "培训类别", "授课人", "参训人员", "参训人次", "课时"], [
        ["2025年5月22日", "民法典与基层治理专题培训", "法治专题培训", "县司法局", "向桂兰、路人甲、王正权", "", "3学时"]]))
    code, _out, err = import_command("trainings", path)
    assert code == 0, err
    training = Training.objects.get()
    assert {p.name for p in training.attendees.all()} == {"向桂兰", "王正权"}
    assert (training.other_attendees, training.headcount, training.hours) == ("路人甲", 3, Decimal(3))


def test_another_townships_record_id_in_the_sheet_is_refused(roster, other_township, tmp_path):
    foreign = CertificateFactory(township=other_township)
    path = tmp_path / "certificates.xlsx"
    path.write_bytes(xlsx_bytes([*CERTIFICATE_HEADERS, "系统编号"], [[*certificate_row(), foreign.pk]]))
    code, _out, err = import_command("certificates", path)
    assert code == 1 and "不是本镇本台账中您可以修改的记录" in err
    foreign.refresh_from_db()
    assert foreign.version == 1


def test_a_sheet_with_an_existing_number_updates_that_certificate(roster, tmp_path, daxi):
    existing = CertificateFactory(township=daxi, number="渝执500241009001", holder=roster["陈文军"])
    path = tmp_path / "certificates.xlsx"
    path.write_bytes(xlsx_bytes(CERTIFICATE_HEADERS, [certificate_row(name="陈文军")]))
    assert import_command("certificates", path)[0] == 0
    existing.refresh_from_db()
    assert (existing.issued_on, existing.version) == (D(2025, 1, 5), 2)
    assert Certificate.objects.count() == 1

