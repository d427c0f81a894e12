"""Layouts of the study ledgers: 学法培训台账 (attendees named or counted), exams and their results, recruits."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from governance.models import ExamResult, LawExam, LegalRecruit, Training
from governance.resources.base import GovernanceResource
from governance.resources.widgets import CountWidget, NumberWidget, OptionalYesNoWidget
from governance.rules import NAME_SEPARATOR, law_names, split_attendance
from township.ledger.widgets import (
    ChoiceWidget,
    DateWidget,
    NamedRecordWidget,
    TextWidget,
    type_synonyms,
)
from township.models import Person
from township.sheets import normalise_header


class TrainingResource(GovernanceResource):
    """参加人员 names people of the roster (linked, for coverage and officers' hours) and anyone else (kept as
    written); 人次 is the column, else '等N人' in the cell, else the number of names."""

    date = fields.Field("date", "日期", DateWidget())
    title = fields.Field("title", "学习培训内容", TextWidget())
    kind = fields.Field("kind", "类别", ChoiceWidget(Training.Kind.choices, synonyms={
        **type_synonyms(["专题研讨", "专家讲座", "法治专题培训", "执法资格培训", "线上学习"], ("会", "班")),
        "理论学习中心组": "study_group", "中心组学习": "study_group", "研讨": "seminar", "专题研讨会": "seminar",
        "讲座": "lecture", "法治讲座": "lecture", "专题培训": "law_training", "法治培训": "law_training",
        "执法培训": "certification", "行政执法资格培训": "certification", "资格认证培训": "certification",
        "网络学习": "online", "网上学法": "online", "学法用法平台": "online",
    }))
    method = fields.Field("method", "培训方式", ChoiceWidget(Training.Method.choices, default="theory", synonyms={
        "讲授": "theory", "理论学习": "theory", "案例教学": "case_study", "案例分析": "case_study",
        "情景模拟": "simulation", "模拟": "simulation", "实操": "simulation",
    }))
    speaker = fields.Field("speaker", "主讲人", TextWidget())
    laws = fields.Field("laws", "学习的法律法规", TextWidget())
    attendance = fields.Field("attendance", "参加人员", TextWidget())
    headcount = fields.Field("headcount", "人次", CountWidget())
    hours = fields.Field("hours", "学时", NumberWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("日期", "学习培训内容")
    required = ("日期", "学习培训内容", "类别", "学时")
    aliases = {
        "日期": ["时间", "学习时间", "培训时间", "学习日期", "培训日期"],
        "学习培训内容": ["名称", "内容", "培训内容", "学习内容", "主题", "培训名称", "学习培训名称"],
        "类别": ["类型", "学习类别", "培训类别", "形式"],
        "培训方式": ["方式", "教学方式"],
        "主讲人": ["主讲", "授课人", "讲师", "授课老师"],
        "学习的法律法规": ["学习法律法规", "法律法规"],
        "参加人员": ["参训人员", "参学人员", "参加对象", "参会人员"],
        "人次": ["参加人次", "参训人次", "人数", "参加人数"],
        "学时": ["课时", "学时数", "时长"],
    }
    handled_separately = ("attendance", "headcount")
    error_columns = {"other_attendees": "attendance", NON_FIELD_ERRORS: "title"}

    class Meta(GovernanceResource.Meta):
        model = Training
        fields = ("date", "title", "kind", "method", "speaker", "laws", "attendance", "headcount", "hours", "note")

    def dehydrate_attendance(self, training) -> str:
        if not training.pk:
            return ""
        names = NAME_SEPARATOR.join(person.name for person in training.attendees.all())
        return NAME_SEPARATOR.join(part for part in (names, training.other_attendees) if part)

    def roster(self) -> dict[str, int]:
        if not hasattr(self, "_roster"):
            self._roster = {}
            for pk, name in Person.objects.filter(township=self.township).order_by("id").values_list("id", "name"):
                self._roster.setdefault(normalise_header(name), pk)
        return self._roster

    def stored_attendees(self, training_id) -> set[int]:
        if not hasattr(self, "_stored_attendees"):
            self._stored_attendees = {}
            links = Training.attendees.through.objects.filter(training__township=self.township)
            for training, person in links.values_list("training_id", "person_id"):
                self._stored_attendees.setdefault(training, set()).add(person)
        return self._stored_attendees.get(training_id, set())

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        names, stated = split_attendance(row.get("参加人员")) if "参加人员" in row else ([], None)
        if "参加人员" in row:
            roster = self.roster()
            linked = [roster[normalise_header(name)] for name in names if normalise_header(name) in roster]
            instance.imported_attendee_ids = set(linked)
            instance.other_attendees = NAME_SEPARATOR.join(
                dict.fromkeys(name for name in names if normalise_header(name) not in roster))
            if len(instance.other_attendees) > 200:
                errors["attendance"] = ValidationError(_("不在花名册中的人员姓名超过200字，请改为写人员范围和人次。"))
        try:
            headcount = self.fields["headcount"].widget.clean(row.get("人次")) if "人次" in row else None
        except ValueError as exc:
            errors["headcount"] = ValidationError(str(exc))
            headcount = None
        if headcount is None and "参加人员" in row:
            headcount = stated if stated is not None else len(dict.fromkeys(names))
        if headcount is not None or "人次" in row or "参加人员" in row:
            instance.headcount = headcount
        linked_count = len(getattr(instance, "imported_attendee_ids", ()))
        if instance.headcount is not None and instance.headcount < linked_count and "headcount" not in errors:
            errors["headcount"] = ValidationError(_("人次（%(count)s）少于参加人员中花名册人员的人数（%(named)s）。")
                                                  % {"count": instance.headcount, "named": linked_count})
        if not row.get("学习的法律法规") and "学习的法律法规" not in row:
            instance.laws = "".join(f"《{name}》" for name in law_names(str(row.get("学习培训内容") or "")))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        if errors:
            raise ValidationError(errors)

    def unchanged_separately(self, instance, original, row) -> bool:
        if instance.headcount != original.headcount or instance.laws != original.laws:
            return False
        if not hasattr(instance, "imported_attendee_ids"):
            return True
        return (instance.other_attendees == original.other_attendees
                and instance.imported_attendee_ids == self.stored_attendees(original.pk))

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if hasattr(instance, "imported_attendee_ids"):
            instance.attendees.set(sorted(instance.imported_attendee_ids))


class LawExamResource(GovernanceResource):
    date = fields.Field("date", "考试日期", DateWidget())
    title = fields.Field("title", "考试名称", TextWidget())
    pass_mark = fields.Field("pass_mark", "合格分数线", NumberWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("考试名称",)
    required = ("考试日期", "考试名称")
    aliases = {"考试日期": ["日期", "考试时间"], "考试名称": ["名称", "考试"], "合格分数线": ["合格线", "及格线"]}

    class Meta(GovernanceResource.Meta):
        model = LawExam
        fields = ("date", "title", "pass_mark", "note")


class ExamResultResource(GovernanceResource):
    exam = fields.Field("exam", "考试", NamedRecordWidget(LawExam, field_name="title", required=True))
    person = fields.Field("person", "姓名", NamedRecordWidget(Person, required=True))
    unit = fields.Field("person__unit", "单位", TextWidget(), readonly=True)
    took = fields.Field("took", "参考", OptionalYesNoWidget(default=True))
    score = fields.Field("score", "成绩", NumberWidget())
    passed = fields.Field("passed", "是否合格", OptionalYesNoWidget())
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("考试", "姓名")
    required = ("考试", "姓名")
    aliases = {"考试": ["考试名称"], "参考": ["是否参考", "参加考试"], "成绩": ["分数", "考试成绩", "得分"],
               "是否合格": ["合格", "是否通过", "考试结果"]}
    error_columns = {NON_FIELD_ERRORS: "person"}

    class Meta(GovernanceResource.Meta):
        model = ExamResult
        fields = ("exam", "person", "unit", "took", "score", "passed", "note")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if "是否合格" not in row or self.fields["passed"].widget.clean(row.get("是否合格")) is None:
            # judged from the score and the pass mark, as ExamResult.clean does, before comparing with the stored row
            instance.passed = None
            if not instance.took:
                instance.passed = False
            elif instance.score is not None and instance.exam_id is not None:
                instance.passed = instance.score >= instance.exam.pass_mark


class LegalRecruitResource(GovernanceResource):
    person = fields.Field("person", "姓名", NamedRecordWidget(Person, required=True))
    joined_on = fields.Field("joined_on", "到岗日期", DateWidget())
    channel = fields.Field("channel", "引进方式", ChoiceWidget(LegalRecruit.Channel.choices, default="public_exam",
                                                          synonyms={"公务员招录": "public_exam", "招录": "public_exam",
                                                                    "遴选": "transfer", "调入": "transfer"}))
    note = fields.Field("note", "备注", TextWidget())

    natural_key = ("姓名",)
    required = ("姓名", "到岗日期")
    aliases = {"到岗日期": ["入职日期", "报到日期"], "引进方式": ["方式", "来源"]}

    class Meta(GovernanceResource.Meta):
        model = LegalRecruit
        fields = ("person", "joined_on", "channel", "note")
