"""Forms of the disputes ledgers, on township.forms.LedgerForm (township, user, optimistic locking)."""

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from disputes.models import Consultation, Dispute, LegalAdviser, MediationCommittee, Mediator, Petition
from township.ledger.forms import LedgerForm


class DisputeForm(LedgerForm):
    class Meta:
        model = Dispute
        fields = [
            "number", "registered_on", "source", "category", "village", "grid",
            "party_name", "party_phone", "party_id_number", "other_party", "summary", "amount",
            "risk_level", "referred_to_police",
            "status", "mediators", "other_mediators", "mediation_started_on", "closed_on",
            "agreement_form", "agreement_terms", "failure_advice", "referred_to",
            "judicial_confirmation", "judicial_confirmation_on",
            "followup_on", "followup_performance", "followup_satisfaction", "followup_note", "note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "agreement_terms": forms.Textarea(attrs={"rows": 3}),
            "failure_advice": forms.Textarea(attrs={"rows": 2}),
            "mediators": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediators"].queryset = self.fields["mediators"].queryset.filter(active=True).select_related("person")
        self.helper.layout = Layout(
            "version",
            Fieldset(_("登记"), "number", "registered_on", "source", "category", "village", "grid"),
            Fieldset(_("当事人"), "party_name", "party_phone", "party_id_number", "other_party", "summary", "amount",
                     "risk_level", "referred_to_police"),
            Fieldset(_("调解"), "status", "mediators", "other_mediators", "mediation_started_on", "closed_on",
                     "agreement_form", "agreement_terms", "failure_advice", "referred_to"),
            Fieldset(_("司法确认与回访"), "judicial_confirmation", "judicial_confirmation_on", "followup_on",
                     "followup_performance", "followup_satisfaction", "followup_note", "note"),
        )


class PetitionForm(LedgerForm):
    class Meta:
        model = Petition
        fields = [
            "number", "received_on", "channel", "anonymous", "petitioner_name", "people_count", "phone", "village",
            "content", "category", "acceptance", "accepted_on", "notice_on",
            "extension_days", "extension_reason", "extension_approver",
            "closed_on", "reply_number", "satisfaction",
            "review_stage", "review_requested_on", "review_replied_on", "re_review_requested_on",
            "re_review_replied_on", "note",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "version",
            Fieldset(_("登记"), "number", "received_on", "channel", "anonymous", "petitioner_name", "people_count",
                     "phone", "village", "content", "category"),
            Fieldset(_("受理"), "acceptance", "accepted_on", "notice_on"),
            Fieldset(_("延期（《信访工作条例》第三十四条）"), "extension_days", "extension_reason", "extension_approver"),
            Fieldset(_("办结"), "closed_on", "reply_number", "satisfaction"),
            Fieldset(_("复查与复核"), "review_stage", "review_requested_on", "review_replied_on", "re_review_requested_on",
                     "re_review_replied_on", "note"),
        )


class MediatorForm(LedgerForm):
    class Meta:
        model = Mediator
        fields = ["person", "level", "kind", "village", "group_name", "appointed_on", "active", "note"]


class MediationCommitteeForm(LedgerForm):
    class Meta:
        model = MediationCommittee
        fields = ["village", "name", "director", "members", "established_on", "note"]
        widgets = {"members": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("director", "members"):
            self.fields[name].queryset = self.fields[name].queryset.select_related("person")

    def clean(self):
        cleaned = super().clean()
        director, members = cleaned.get("director"), cleaned.get("members")
        if director is not None and members is not None and director not in members:
            self.add_error("director", _("主任应是本委员会的委员，请在“委员”中也选择此人。"))
        return cleaned


class LegalAdviserForm(LedgerForm):
    class Meta:
        model = LegalAdviser
        fields = ["person", "name", "law_firm", "phone", "villages", "contract_start", "contract_end", "onsite_days",
                  "note"]
        widgets = {"villages": forms.CheckboxSelectMultiple}


class ConsultationForm(LedgerForm):
    class Meta:
        model = Consultation
        fields = ["date", "village", "adviser", "topic", "people_served", "note"]
