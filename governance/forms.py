"""Forms of the governance ledgers, on township.ledger.forms.LedgerForm (township, user, optimistic locking)."""

import datetime

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.models import (
    Certificate,
    ExamResult,
    KeyTask,
    LawExam,
    LawReport,
    LeadingGroupMember,
    LegalRecruit,
    Meeting,
    MeetingIssue,
    Training,
)
from governance.rules import NAME_SEPARATOR, split_attendance
from township.ledger.forms import LedgerForm
from township.models import Person
from township.sheets import normalise_header


def active_people(field, instance, attribute):
    """People who are in post, and whoever the record already names (someone who left stays selectable)."""
    current = Q()
    if instance.pk:
        value = getattr(instance, attribute)
        if hasattr(value, "all"):
            current = Q(pk__in=[person.pk for person in value.all()])
        elif value is not None:
            current = Q(pk=value.pk)
    field.queryset = field.queryset.filter(Q(active=True) | current).order_by("id")


class YearInitialMixin:
    """Ledgers kept by year (an integer field): a new record starts in the year being worked on (the ledger
    pattern offers a date there)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.initial.get("year")
        if isinstance(year, datetime.date):
            self.initial["year"] = year.year


class KeyTaskForm(YearInitialMixin, LedgerForm):
    class Meta:
        model = KeyTask
        fields = ["year", "title", "lead_leader", "responsible_unit", "due_on", "status", "progress",
                  "progress_note", "completed_on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["lead_leader"], self.instance, "lead_leader")


class LeadingGroupMemberForm(YearInitialMixin, LedgerForm):
    class Meta:
        model = LeadingGroupMember
        fields = ["year", "person", "role", "duty", "appointed_on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["person"], self.instance, "person")


class MeetingForm(LedgerForm):
    class Meta:
        model = Meeting
        fields = ["date", "title", "kind", "chair", "topics", "pre_meeting_study", "study_law", "note"]
        widgets = {"topics": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["chair"], self.instance, "chair")


class MeetingIssueForm(LedgerForm):
    class Meta:
        model = MeetingIssue
        fields = ["meeting", "description", "category", "owner", "due_on", "status", "resolved_on", "outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["owner"], self.instance, "owner")
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.order_by("-date", "-id")


class LawReportForm(LedgerForm):
    class Meta:
        model = LawReport
        fields = ["date", "person", "capacity", "meeting", "occasion", "summary", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["person"], self.instance, "person")
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.order_by("-date", "-id")


class TrainingForm(LedgerForm):
    class Meta:
        model = Training
        fields = ["date", "title", "kind", "method", "speaker", "laws", "hours", "attendees", "other_attendees",
                  "headcount", "note"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["attendees"], self.instance, "attendees")
        self.helper.layout = Layout(
            "version",
            Fieldset(_("学习培训"), "date", "title", "kind", "method", "speaker", "laws", "hours"),
            Fieldset(_("参加人员"), InlineCheckboxes("attendees"), "other_attendees", "headcount"),
            Fieldset("", "note"),
        )

    def clean(self):
        """其他参加人员 is stored as the sheet reads it back (governance.resources.study): names of the roster
        are ticked, the other names are kept once each, joined with 、, and a 等N人 suffix goes to an empty 人次.
        人次 is at least the number of people named; left empty, it is that number."""
        cleaned = super().clean()
        attendees = cleaned.get("attendees")
        if attendees is None:
            return cleaned
        names, stated = split_attendance(cleaned.get("other_attendees", ""))
        roster = {}
        for person in Person.objects.filter(township=self.township).order_by("id"):
            roster.setdefault(normalise_header(person.name), person)
        ticked = {person.pk: person for person in attendees}
        others = []
        for name in dict.fromkeys(names):
            person = roster.get(normalise_header(name))
            if person is None:
                others.append(name)
            else:
                ticked.setdefault(person.pk, person)
        attendees = cleaned["attendees"] = list(ticked.values())
        cleaned["other_attendees"] = self.instance.other_attendees = NAME_SEPARATOR.join(others)
        named = len(attendees) + len(others)
        headcount = cleaned.get("headcount")
        if headcount is None:
            cleaned["headcount"] = stated if stated is not None else named
            self.instance.headcount = cleaned["headcount"]
        elif headcount < len(attendees):
            self.add_error("headcount", _("人次（%(count)s）少于所选参加人员人数（%(named)s）。")
                           % {"count": headcount, "named": len(attendees)})
        return cleaned


class LawExamForm(LedgerForm):
    class Meta:
        model = LawExam
        fields = ["date", "title", "pass_mark", "note"]


class ExamResultForm(LedgerForm):
    class Meta:
        model = ExamResult
        fields = ["exam", "person", "took", "score", "passed", "note"]
        widgets = {"passed": forms.Select(choices=[("", _("按成绩判定")), ("true", _("是")), ("false", _("否"))])}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["person"], self.instance, "person")


class CertificateForm(LedgerForm):
    class Meta:
        model = Certificate
        fields = ["holder", "number", "category", "issuing_authority", "issued_on", "valid_until", "status",
                  "status_changed_on", "status_reason", "review_year", "review_result", "review_note", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_people(self.fields["holder"], self.instance, "holder")
        self.helper.layout = Layout(
            "version",
            Fieldset(_("证件"), "holder", "number", "category", "issuing_authority", "issued_on", "valid_until"),
            Fieldset(_("状态"), "status", "status_changed_on", "status_reason"),
            Fieldset(_("年度审验"), "review_year", "review_result", "review_note", "note"),
        )


class LegalRecruitForm(LedgerForm):
    class Meta:
        model = LegalRecruit
        fields = ["person", "joined_on", "channel", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.fields["person"].queryset.filter(legal_background=True)

