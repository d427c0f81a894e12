"""Layouts of the leadership ledgers: 重点任务清单, 领导小组, 述法, 会议台账 and its issues (ledgers.md)."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from governance.models import KeyTask, LawReport, LeadingGroupMember, Meeting, MeetingIssue
from governance.resources.base import GovernanceResource
from governance.resources.widgets import DueDateWidget, MeetingWidget, OptionalYesNoWidget
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    IntegerWidget,
    NamedRecordWidget,
    TextWidget,
    clean_text,
)
from township.models import Person

PERSON_HEADERS = ["姓名", "人员"]

# --- 重点任务清单 ---------------------------------------------------------------------------------------

STATUS_WORDS = {
    KeyTask.Status.NOT_STARTED: ("未启动", "未开始", "尚未启动", "尚未开始"),
    KeyTask.Status.IN_PROGRESS: ("推进中", "进行中", "正在推进", "实施中", "在建", "正在实施"),
    KeyTask.Status.COMPLETED: ("已完成", "完成", "已办结", "已落实"),
    KeyTask.Status.OVERDUE: ("逾期", "已逾期", "超期", "逾期未完成"),
}
_PERCENT = re.compile(r"[（(]?\s*(\d{1,3})\s*[%％]\s*[）)]?")


def parse_progress(text: str) -> tuple[str, int | None, str]:
    """(status, percent, note) of a 进展情况 cell: '推进中（80%）' → (in_progress, 80, ''), '已完成' →
    (completed, None, ''), '推进中（80%）：广场改造在建' → (in_progress, 80, '广场改造在建'); a cell that names no
    status is progress in words: (in_progress, percent if any, the text)."""
    if not clean_text(text):
        return KeyTask.Status.NOT_STARTED, None, ""
    # the note is kept as written: only the status and percent before the first colon are normalised (the export
    # writes "推进中：" + the note, and a note may hold colons and full-width characters of its own)
    text = clean_text(text) if not isinstance(text, str) else text.strip()
    head, _sep, note = re.split(r"([:：])", text, maxsplit=1) if re.search(r"[:：]", text) else (text, "", "")
    head = clean_text(head)
    percent_match = _PERCENT.search(head)
    percent = int(percent_match.group(1)) if percent_match else None
    word = _PERCENT.sub("", head).strip()
    for status, words in STATUS_WORDS.items():
        if word in words:
            return status, percent, note.strip()
    if not word and percent is not None:
        return (KeyTask.Status.COMPLETED if percent == 100 else KeyTask.Status.IN_PROGRESS), percent, note.strip()
    return KeyTask.Status.IN_PROGRESS, percent, text


def progress_cell(task: KeyTask) -> str:
    """What the export writes in 进展情况 (parse_progress reads it back as stored)."""
    text = str(task.get_status_display())
    if task.progress is not None:  # "已完成（100%）" too: a bare "已完成" reads back with no percent
        text += f"（{task.progress}%）"
    if task.progress_note:
        text += f"：{task.progress_note}"
    return text


class KeyTaskResource(GovernanceResource):
    year = fields.Field("year", "年度", IntegerWidget())
    title = fields.Field("title", "重点任务", TextWidget())
    lead_leader = fields.Field("lead_leader", "牵头领导", NamedRecordWidget(Person))
    responsible_unit = fields.Field("responsible_unit", "责任单位", TextWidget())
    due_on = fields.Field("due_on", "完成时限", DueDateWidget())
    progress = fields.Field("progress_cell", "进展情况", TextWidget())
    completed_on = fields.Field("completed_on", "完成日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("年度", "重点任务")
    required = ("重点任务",)
    aliases = {
        "重点任务": ["任务", "任务内容", "重点任务内容", "工作任务"],
        "牵头领导": ["责任领导", "分管领导", "牵头镇领导"],
        "责任单位": ["牵头单位", "责任部门", "责任科室"],
        "完成时限": ["时限", "完成时间", "时间节点", "完成期限"],
        "进展情况": ["进展", "完成情况", "推进情况", "进度"],
    }
    handled_separately = ("progress_cell",)
    error_columns = {"status": "progress_cell", "progress": "progress_cell", "progress_note": "progress_cell",
                     NON_FIELD_ERRORS: "title"}

    class Meta(GovernanceResource.Meta):
        model = KeyTask
        fields = ("year", "title", "lead_leader", "responsible_unit", "due_on", "progress", "completed_on", "note")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["due_on"].widget.default_year = self.working_year

    def before_import_row(self, row, **kwargs):
        """A sheet without 年度 puts each task in the year of its due date (else the working year)."""
        if clean_text(row.get("年度")):
            return
        try:
            due = self.fields["due_on"].widget.clean(row.get("完成时限"), row=row)
        except ValueError:
            due = None
        row["年度"] = due.year if due is not None else self.working_year

    def dehydrate_progress(self, task) -> str:
        return progress_cell(task)

    def import_instance(self, instance, row, **kwargs):
        if "进展情况" in row:
            status, percent, note = parse_progress(row["进展情况"])
            instance.status, instance.progress, instance.progress_note = status, percent, note
        super().import_instance(instance, row, **kwargs)

    def unchanged_separately(self, instance, original, row) -> bool:
        return (instance.status, instance.progress, instance.progress_note) == (
            original.status, original.progress, original.progress_note)


class LeadingGroupMemberResource(GovernanceResource):
    year = fields.Field("year", "年度", IntegerWidget())
    person = fields.Field("person", "姓名", NamedRecordWidget(Person, required=True))
    position = fields.Field("person__position", "职务", TextWidget(), readonly=True)
    role = fields.Field("role", "领导小组职务", ChoiceWidget(LeadingGroupMember.Role.choices, default="member", synonyms={
        "第一组长": "leader", "双组长": "leader", "常务副组长": "deputy", "组员": "member", "成员单位": "member",
        "办公室主任（兼）": "office_director",
    }))
    duty = fields.Field("duty", "分工", TextWidget())
    appointed_on = fields.Field("appointed_on", "调整（成立）日期", DateWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("年度", "姓名")
    required = ("年度", "姓名")
    aliases = {"领导小组职务": ["小组职务", "组内职务", "担任职务"], "分工": ["职责分工", "职责"],
               "调整（成立）日期": ["调整日期", "成立日期", "发文日期"]}

    class Meta(GovernanceResource.Meta):
        model = LeadingGroupMember
        fields = ("year", "person", "position", "role", "duty", "appointed_on", "note")

    def before_import_row(self, row, **kwargs):
        if not clean_text(row.get("年度")):
            row["年度"] = self.working_year


class LawReportResource(GovernanceResource):
    date = fields.Field("date", "述法日期", DateWidget())
    person = fields.Field("person", "述法人", NamedRecordWidget(Person, required=True))
    capacity = fields.Field("capacity", "身份", ChoiceWidget(LawReport.Capacity.choices, synonyms={
        "党委书记": "party_secretary", "镇党委书记": "party_secretary", "镇长": "government_head",
        "乡镇长": "government_head", "政府负责人": "government_head", "班子成员": "other",
    }))
    meeting = fields.Field("meeting", "述法会议", MeetingWidget())
    occasion = fields.Field("occasion", "述法场合", TextWidget())
    summary = fields.Field("summary", "述法内容", TextWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("述法日期", "述法人")
    required = ("述法日期", "述法人", "身份")
    aliases = {"述法日期": ["日期", "时间"], "述法人": ["姓名"], "身份": ["职务", "述法人身份"],
               "述法场合": ["场合", "会议"], "述法内容": ["内容", "主要内容"]}

    class Meta(GovernanceResource.Meta):
        model = LawReport
        fields = ("date", "person", "capacity", "meeting", "occasion", "summary", "note")


# --- 会议台账 ---------------------------------------------------------------------------------------------

ISSUE_SEPARATOR = "；"
_ISSUE_SPLIT = re.compile(r"[；;\n]")
# 会前学法：《中华人民共和国行政处罚法》；… in the 议题 cell
_PRE_MEETING_STUDY = re.compile(r"会前学法[:：]\s*((?:《[^《》]+》[、，,]?)+)")
# an outcome that says the work goes on: the issue stays open
_STILL_OPEN = re.compile(r"^(正在|推进中|持续|未|尚未|待)")
# what an issue is about, guessed from its words when the sheet does not say (first match wins)
CATEGORY_WORDS = (
    (MeetingIssue.Category.PUBLICITY, ("普法", "宣传", "阵地", "书屋", "法治文化")),
    (MeetingIssue.Category.ENFORCEMENT, ("执法", "法制审核", "审核", "记录仪", "处罚")),
    (MeetingIssue.Category.DISPUTES, ("纠纷", "信访", "调解", "矛盾")),
    (MeetingIssue.Category.TEAM, ("培训", "学法", "队伍", "考核", "人员", "人才")),
    (MeetingIssue.Category.INSTITUTIONS, ("制度", "机制", "分工", "清单", "规范")),
)


def guess_category(description: str) -> str:
    for category, words in CATEGORY_WORDS:
        if any(word in description for word in words):
            return category
    return MeetingIssue.Category.OTHER


def split_cell(text) -> list[str]:
    return [part.strip() for part in _ISSUE_SPLIT.split(clean_text(text))]


class MeetingResource(GovernanceResource):
    """One meeting a row; its issues (研究解决的问题 / 落实情况, several separated by ；) are kept in the issues
    ledger: a row adds the issues it names and updates their outcome, and leaves the others as they are."""

    date = fields.Field("date", "会议日期", DateWidget())
    title = fields.Field("title", "会议名称", TextWidget())
    kind = fields.Field("kind", "会议类别", ChoiceWidget(Meeting.Kind.choices, synonyms={
        "党委会专题研究": "party_session", "党委专题会议": "party_session", "党委会": "party_session",
        "专题研究": "party_session", "党委会议": "party_session", "听取汇报": "report_heard",
        "听取工作汇报": "report_heard", "汇报": "report_heard", "常务会议": "executive", "政府常务会": "executive",
        "镇长办公会": "executive", "中心组学习": "study_group", "理论学习中心组学习": "study_group",
    }))
    chair = fields.Field("chair", "主持人", NamedRecordWidget(Person))
    topics = fields.Field("topics", "议题", TextWidget())
    pre_meeting_study = fields.Field("pre_meeting_study", "会前学法", OptionalYesNoWidget())
    study_law = fields.Field("study_law", "学法内容", TextWidget())
    issues = fields.Field("issues", "研究解决的问题", TextWidget())
    outcomes = fields.Field("outcomes", "落实情况", TextWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("会议日期", "会议名称")
    required = ("会议日期", "会议名称", "会议类别")
    aliases = {
        "会议日期": ["日期", "时间", "会议时间", "召开日期"],
        "会议名称": ["名称", "会议"],
        "会议类别": ["类别", "类型", "会议类型"],
        "主持人": ["主持", "召集人"],
        "议题": ["会议议题", "研究事项", "主要议题", "内容"],
        "学法内容": ["会前学法内容", "学习内容"],
        "研究解决的问题": ["研究解决问题", "解决的问题", "问题", "研究的问题"],
        "落实情况": ["落实", "整改落实情况", "解决情况"],
    }
    handled_separately = ("issues", "outcomes", "pre_meeting_study")
    error_columns = {NON_FIELD_ERRORS: "title"}

    class Meta(GovernanceResource.Meta):
        model = Meeting
        fields = ("date", "title", "kind", "chair", "topics", "pre_meeting_study", "study_law", "issues", "outcomes",
                  "note")

    def dehydrate_issues(self, meeting) -> str:
        return ISSUE_SEPARATOR.join(issue.description for issue in meeting.issues.all()) if meeting.pk else ""

    def dehydrate_outcomes(self, meeting) -> str:
        if not meeting.pk:
            return ""
        outcomes = [issue.outcome for issue in meeting.issues.all()]
        return ISSUE_SEPARATOR.join(outcomes) if any(outcomes) else ""

    def dehydrate_pre_meeting_study(self, meeting) -> str:
        return _("是") if meeting.pre_meeting_study else _("否")

    # --- the 会前学法 columns, else what the 议题 says --------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        stated = None
        if "会前学法" in row:
            try:
                stated = self.fields["pre_meeting_study"].widget.clean(row["会前学法"])
            except ValueError as exc:
                errors["pre_meeting_study"] = ValidationError(str(exc))
        if stated is None and not clean_text(row.get("学法内容")):
            found = _PRE_MEETING_STUDY.search(clean_text(row.get("议题")))
            if found:
                row = dict(row, 学法内容=found.group(1).rstrip("、，,"))
                stated = True
        if stated is not None or clean_text(row.get("学法内容")):  # else the record keeps what it says
            instance.pre_meeting_study = bool(stated) or bool(clean_text(row.get("学法内容")))
        instance.planned_issues = self.planned_issues(row)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if instance.planned_issues and any(len(description) > 200 for description, _outcome in instance.planned_issues):
            errors["issues"] = ValidationError(_("每个问题不超过200字；多个问题用“；”分隔。"))
        if errors:
            raise ValidationError(errors)

    def planned_issues(self, row) -> list[tuple[str, str | None]]:
        """(description, outcome or None when the cell gives none) of each issue the row names."""
        if "研究解决的问题" not in row:
            return []
        descriptions = split_cell(row.get("研究解决的问题"))
        outcomes = split_cell(row.get("落实情况")) if "落实情况" in row else []
        planned = []
        for index, description in enumerate(descriptions):
            if not description:
                continue
            outcome = outcomes[index] if index < len(outcomes) else None
            planned.append((description, outcome))
        return planned

    def stored_issues(self, meeting_id) -> dict[str, MeetingIssue]:
        if not hasattr(self, "_stored_issues"):
            self._stored_issues = {}
            for issue in MeetingIssue.objects.filter(township=self.township).order_by("id"):
                self._stored_issues.setdefault(issue.meeting_id, {}).setdefault(issue.description, issue)
        return self._stored_issues.get(meeting_id, {})

    def unchanged_separately(self, instance, original, row) -> bool:
        if instance.pre_meeting_study != original.pre_meeting_study:
            return False
        stored = self.stored_issues(original.pk)
        for description, outcome in instance.planned_issues:
            issue = stored.get(description)
            if issue is None or (outcome is not None and outcome != issue.outcome):
                return False
        return True

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        stored = self.stored_issues(instance.pk) if instance.pk else {}
        for description, outcome in getattr(instance, "planned_issues", []):
            issue = stored.get(description)
            if issue is None:
                issue = MeetingIssue(township=self.township, meeting=instance, description=description,
                                     category=guess_category(description))
            elif outcome is None or outcome == issue.outcome:
                continue
            else:
                issue.version += 1
            if outcome is not None:
                issue.outcome = outcome
                issue.status = (MeetingIssue.Status.OPEN if not outcome or _STILL_OPEN.match(outcome)
                                else MeetingIssue.Status.RESOLVED)
            if self.user is not None:
                issue._history_user = self.user
            issue.save()


class MeetingIssueResource(GovernanceResource):
    meeting = fields.Field("meeting", "会议", MeetingWidget(required=True))
    description = fields.Field("description", "研究解决的问题", TextWidget())
    category = fields.Field("category", "问题类别", ChoiceWidget(MeetingIssue.Category.choices, default="other"))
    owner = fields.Field("owner", "责任人", NamedRecordWidget(Person))
    due_on = fields.Field("due_on", "完成时限", DueDateWidget(year_column="_"))
    status = fields.Field("status", "状态", ChoiceWidget(MeetingIssue.Status.choices, default="open", synonyms={
        "已落实": "resolved", "已完成": "resolved", "解决": "resolved", "未落实": "open", "推进中": "open",
        "正在解决": "open",
    }))
    resolved_on = fields.Field("resolved_on", "解决日期", DateWidget())
    outcome = fields.Field("outcome", "落实情况", TextWidget())

    natural_key = ("会议", "研究解决的问题")
    required = ("会议", "研究解决的问题")
    aliases = {"会议": ["会议名称"], "研究解决的问题": ["问题", "研究解决问题"], "问题类别": ["类别"],
               "责任人": ["牵头领导", "责任领导"], "完成时限": ["时限"], "解决日期": ["落实日期", "完成日期"]}
    error_columns = {NON_FIELD_ERRORS: "description"}

    class Meta(GovernanceResource.Meta):
        model = MeetingIssue
        fields = ("meeting", "description", "category", "owner", "due_on", "status", "resolved_on", "outcome")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["due_on"].widget.default_year = self.working_year
