"""Forms of the report: its settings, one subsection's prose, and the targets part 三 sets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.drafting import placeholder_errors
from reports.models import AnnualReport, ReportSection, Target
from reports.services import in_report_language
from township import areas
from township.forms import LedgerForm


class ReportSettingsForm(LedgerForm):
    class Meta:
        model = AnnualReport
        fields = ["rounded_figures", "opening", "closing", "signature_name", "signature_date"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 5}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "signature_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class SectionForm(LedgerForm):
    """A subsection's heading and prose. ``figures`` are the placeholders the prose may use; part 一's
    ``drafted`` text is what the report prints while the prose is left as drafted."""

    reset = forms.BooleanField(
        label=_("恢复为根据数据自动起草的文字（之后数字和措辞随台账自动更新）"), required=False
    )

    class Meta:
        model = ReportSection
        fields = ["heading", "prose"]
        widgets = {"prose": forms.Textarea(attrs={"rows": 14, "class": "report-prose"})}

    def __init__(self, *args, figures=None, drafted="", **kwargs):
        super().__init__(*args, **kwargs)
        self.figures = figures or {}
        self.drafted = drafted
        if drafted:
            if not self.instance.prose.strip():
                self.initial["prose"] = drafted
        else:
            del self.fields["reset"]
        self.fields["prose"].required = False

    def clean_prose(self):
        prose = self.cleaned_data["prose"].replace("\r\n", "\n").strip()
        errors = placeholder_errors(prose, self.figures)
        if errors:
            raise forms.ValidationError(errors)
        return prose

    def clean(self):
        cleaned = super().clean()
        # Left as drafted (or reset): store nothing, so the drafted text keeps following the records.
        if self.drafted and (cleaned.get("reset") or cleaned.get("prose", "") == self.drafted.strip()):
            cleaned["prose"] = ""
            self.instance.prose = ""
        return cleaned


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("指标"), widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    class Meta:
        model = Target
        fields = ["indicator", "comparison", "value"]
        widgets = {
            "comparison": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "value": forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.1", "min": "0"}),
        }

    def __init__(self, *args, figures=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = {key: f"{target.label}（{key}）" for key, target in areas.target_indicators().items()}
        for key, figure in (figures or {}).items():
            choices.setdefault(key, f"{figure.label}（{key}）")
        if self.instance.pk and self.instance.indicator not in choices:
            choices[self.instance.indicator] = f"{self.instance.label}（{self.instance.indicator}）"
        self.fields["indicator"].choices = [("", "———"), *choices.items()]


@in_report_language
def describe_target(target: Target, figures) -> None:
    """Label and unit of a target's indicator, from the catalogue or from the figure itself."""
    indicators = areas.target_indicators()
    if target.indicator in indicators:
        indicator = indicators[target.indicator]
        target.label, target.unit = str(indicator.label), indicator.unit
    elif target.indicator in figures:
        figure = figures[target.indicator]
        target.label, target.unit = figure.label, figure.unit
    else:
        target.label = target.label or target.indicator


TargetFormSet = forms.inlineformset_factory(
    ReportSection, Target, form=TargetForm, fk_name="source_section", extra=2, can_delete=True, max_num=20,
)
