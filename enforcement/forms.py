"""Forms of the enforcement ledgers, on township.ledger.forms.LedgerForm (township, user, optimistic locking).

The case form checks what needs the officers (《行政处罚法》第四十二条) after the model's own checks, so that
one save reports every problem of the record at once, each under its field.
"""

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from enforcement.certificates import CertificateBook
from enforcement.models import (
    Campaign,
    EnforcementCase,
    Equipment,
    LegalityReview,
    MajorDecision,
    Recording,
    SatisfactionSurvey,
    ViolationType,
)
from township.ledger.forms import LedgerForm

Case = EnforcementCase

FILING = ["number", "procedure", "source", "cause", "category", "campaign", "village", "filed_on", "violation_on",
          "serious_harm", "officers"]
PARTY = ["party_kind", "party_name", "party_id_number", "party_credit_code", "party_phone"]
INVESTIGATION = ["investigation_ended_on", "evidence", "notice_on", "statement_on", "statement"]
HEARING = ["hearing_requested", "hearing_requested_on", "hearing_notice_on", "hearing_held_on"]
REVIEW = ["is_major", "legal_review_submitted_on", "legal_reviewer", "legal_review_on", "legal_review_result",
          "legal_review_opinion", "collective_discussion_on"]
DECISION = ["decision_number", "decided_on", "decision_kind", "correction_ordered", "amount", "decision_content"]
SERVICE = ["served_on", "service_method", "published_on", "paid_on", "execution", "closed_on"]
RECONSIDERATION = ["reconsidered", "reconsideration_body", "reconsideration_accepted_on",
                   "reconsideration_copy_received_on", "reconsideration_answered_on", "reconsideration_extended",
                   "reconsideration_decided_on", "reconsideration_outcome"]
LITIGATION = ["litigated", "litigation_court", "litigation_served_on", "litigation_answered_on", "litigation_hearing_on",
              "head_appeared", "litigation_outcome"]
CASE_FIELDS = [*FILING, *PARTY, *INVESTIGATION, *HEARING, *REVIEW, *DECISION, *SERVICE, *RECONSIDERATION, *LITIGATION,
               "note"]
#: the short form of an on-the-spot decision (《行政处罚法》第五十一条、第五十二条)
ON_THE_SPOT_FIELDS = ["number", "procedure", "cause", "category", "village", "officers", *PARTY, "decided_on",
                      "decision_kind", "amount", "decision_number", "published_on", "paid_on", "execution", "closed_on",
                      "note"]


def officer_label(person) -> str:
    """龙文军（渝执500241001231）: the person with the number of their latest certificate."""
    held = sorted((c for c in person.certificates.all() if c.deleted_at is None),
                  key=lambda c: (c.valid_until, c.issued_on), reverse=True)
    return f"{person.name}（{held[0].number}）" if held else person.name


class CaseForm(LedgerForm):
    class Meta:
        model = EnforcementCase
        fields = CASE_FIELDS
        widgets = {
            "procedure": forms.HiddenInput,
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "statement": forms.Textarea(attrs={"rows": 2}),
            "officers": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # officers are people holding (or having held) an enforcement certificate, shown with its number
        officers = self.fields["officers"]
        holders = officers.queryset.filter(certificates__isnull=False, certificates__deleted_at__isnull=True)
        current = self.instance.officers.all() if self.instance.pk else officers.queryset.none()
        officers.queryset = (holders | current).distinct().order_by("name").prefetch_related("certificates")
        officers.label_from_instance = officer_label
        categories = self.fields["category"].queryset
        current = self.instance.category_id if self.instance.pk else None
        self.fields["category"].queryset = categories.filter(active=True) | categories.filter(pk=current)
        if self.is_on_the_spot():
            for name in [name for name in self.fields if name not in (*ON_THE_SPOT_FIELDS, "version")]:
                del self.fields[name]
            kinds = Case.DecisionKind
            self.fields["decision_kind"].choices = [("", "---------"), (kinds.WARNING, kinds.WARNING.label),
                                                    (kinds.FINE, kinds.FINE.label)]
            self.fields["decided_on"].required = True
            self.fields["decided_on"].label = _("当场处罚日期")
            self.helper.layout = Layout(
                "version", "procedure", self.switch(reverse("cases:add"), _("按普通程序立案")),
                Fieldset(_("当场处罚（《行政处罚法》第五十一条）"), "number", "cause", "category", "village", "officers",
                         *PARTY, "decided_on", "decision_kind", "amount", "decision_number"),
                Fieldset(_("公示与执行"), "published_on", "paid_on", "execution", "closed_on", "note"),
            )
        else:
            self.helper.layout = Layout(
                "version", "procedure",
                self.switch(reverse("cases:add_on_the_spot"), _("当场处罚（简易程序，警告或200元以下、单位3000元以下罚款）")),
                Fieldset(_("立案"), *[name for name in FILING if name != "procedure"]),
                Fieldset(_("当事人"), *PARTY),
                Fieldset(_("调查取证与告知"), *INVESTIGATION),
                Fieldset(_("听证（《行政处罚法》第六十三、六十四条）"), *HEARING),
                Fieldset(_("法制审核与集体讨论（《行政处罚法》第五十七、五十八条）"), *REVIEW),
                Fieldset(_("决定"), *DECISION),
                Fieldset(_("送达、公示与执行"), *SERVICE),
                Fieldset(_("行政复议"), *RECONSIDERATION),
                Fieldset(_("行政诉讼"), *LITIGATION),
                "note",
            )

    def switch(self, url: str, label) -> HTML:
        """A link to the other procedure's form, on a new case only."""
        if self.instance.pk:
            return HTML("")
        return HTML(format_html('<p class="small mb-3"><a href="{}">{}</a></p>', url, label))

    def is_on_the_spot(self) -> bool:
        if self.instance.pk:
            return self.instance.on_the_spot
        asked = self.data.get(self.add_prefix("procedure")) if self.is_bound else self.initial.get("procedure")
        return asked == Case.Procedure.ON_THE_SPOT

    def clean_procedure(self):
        # the procedure is chosen when the case is filed and never changes afterwards
        if self.instance.pk:
            return self.instance.procedure
        return self.cleaned_data.get("procedure") or Case.Procedure.ORDINARY

    def _post_clean(self):
        super()._post_clean()
        officers = self.cleaned_data.get("officers")
        if officers is None or "officers" in self.errors:
            return
        officers = list(officers)
        book = CertificateBook.of(officers)
        for field, messages in self.instance.officer_errors(officers, book.certified).items():
            for message in messages:
                self.add_error(field, message)


class ViolationTypeForm(LedgerForm):
    class Meta:
        model = ViolationType
        fields = ["name", "position", "active", "note"]


class CampaignForm(LedgerForm):
    class Meta:
        model = Campaign
        fields = ["name", "focus", "start_on", "end_on", "villages", "lead_unit", "summary", "note"]
        widgets = {"villages": forms.CheckboxSelectMultiple, "summary": forms.Textarea(attrs={"rows": 3})}


class EquipmentForm(LedgerForm):
    class Meta:
        model = Equipment
        fields = ["number", "kind", "model", "acquired_on", "status", "retired_on", "keeper", "note"]


class RecordingForm(LedgerForm):
    class Meta:
        model = Recording
        fields = ["case", "step", "date", "device", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = self.fields["case"].queryset.order_by("-filed_on", "-id")


class SatisfactionSurveyForm(LedgerForm):
    class Meta:
        model = SatisfactionSurvey
        fields = ["date", "title", "method", "surveyed", "satisfied", "basically_satisfied", "dissatisfied", "note"]


class MajorDecisionForm(LedgerForm):
    class Meta:
        model = MajorDecision
        fields = [
            "catalogue_year", "title", "sponsor", "catalogue_published_on",
            "comment_start_on", "comment_end_on", "comment_exempt_reason", "comments_received",
            "expert_on", "experts", "risk_on", "risk_level",
            "review_submitted_on", "reviewer", "review_on", "review_result", "review_opinion",
            "meeting_on", "meeting_name", "dissent", "decided_on", "decision_number", "published_on",
            "evaluated_on", "evaluation", "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "version",
            Fieldset(_("决策事项（《重大行政决策程序暂行条例》第三条）"), "catalogue_year", "title", "sponsor",
                     "catalogue_published_on"),
            Fieldset(_("公众参与（第十四至十八条）"), "comment_start_on", "comment_end_on", "comment_exempt_reason",
                     "comments_received"),
            Fieldset(_("专家论证与风险评估（第十九至二十四条）"), "expert_on", "experts", "risk_on", "risk_level"),
            Fieldset(_("合法性审查（第二十五至二十八条）"), "review_submitted_on", "reviewer", "review_on", "review_result",
                     "review_opinion"),
            Fieldset(_("集体讨论决定与公布（第三十至三十三条）"), "meeting_on", "meeting_name", "dissent", "decided_on",
                     "decision_number", "published_on"),
            Fieldset(_("决策后评估（第三十六条）"), "evaluated_on", "evaluation", "note"),
        )


class LegalityReviewForm(LedgerForm):
    class Meta:
        model = LegalityReview
        fields = ["title", "kind", "submitted_by", "submitted_on", "reviewer", "reviewer_name", "completed_on", "opinion",
                  "opinion_text", "filing_required", "filed_on", "note"]
