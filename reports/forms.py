"""Forms of the report: its settings, one subsection's prose, and the targets part 三 sets."""

from decimal import Decimal

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
        # 成文日期 is not asked: it is the day the report is finalized (reports.services.finalize)
        fields = ["rounded_figures", "opening", "closing", "signature_name"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 5}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }


class SectionForm(LedgerForm):
    """A subsection's heading and prose. ``figures`` are the placeholders the prose may use; part 一's
    ``drafted`` text is what the report prints while the prose is left as drafted. A part 一 subsection
    may be marked 人工撰写: its prose is then the staff's own text, required, and never drafted."""

    reset = forms.BooleanField(
        label=_("恢复为根据数据自动起草的文字（之后数字和措辞随台账自动更新）"), required=False
    )

    class Meta:
        model = ReportSection
        fields = ["heading", "manual", "prose"]
        widgets = {"prose": forms.Textarea(attrs={"rows": 14, "class": "report-prose"})}

    def __init__(self, *args, figures=None, drafted="", **kwargs):
        super().__init__(*args, **kwargs)
        self.figures = figures or {}
        self.drafted = drafted
        drafted_part = self.instance.part == ReportSection.Part.ACHIEVEMENTS and bool(self.instance.topic)
        if not drafted_part:
            del self.fields["manual"]
        if drafted:
            if not self.instance.prose.strip() and not self.instance.manual:
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
        if cleaned.get("manual"):
            if not cleaned.get("prose"):
                self.add_error("prose", _("标记为人工撰写的小节须填写正文。"))
            return cleaned
        # Left as drafted (or reset): store nothing, so the drafted text keeps following the records.
        if self.drafted and (cleaned.get("reset") or cleaned.get("prose", "") == self.drafted.strip()):
            cleaned["prose"] = ""
            self.instance.prose = ""
        return cleaned


def whole_if_whole(value):
    """12.0 → 12 (a target is mostly a count), 98.5 stays: what the form and the dashboard print."""
    if value is None or value == "":
        return value
    return format(Decimal(value).normalize(), "f")


class TargetValueInput(forms.NumberInput):
    def format_value(self, value):
        try:
            return whole_if_whole(value)
        except (ArithmeticError, ValueError, TypeError):
            return super().format_value(value)


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("指标"), widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    class Meta:
        model = Target
        fields = ["indicator", "comparison", "value"]
        widgets = {
            "comparison": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "value": TargetValueInput(attrs={"class": "form-control form-control-sm", "step": "0.1", "min": "0"}),
        }

    def __init__(self, *args, figures=None, **kwargs):
        super().__init__(*args, **kwargs)
        # named in Chinese only: the codes are for the program, not for the people choosing
        choices = {key: indicator_label(target.label, target.unit) for key, target in areas.target_indicators().items()}
        for key, figure in (figures or {}).items():
            choices.setdefault(key, indicator_label(figure.label, figure.unit))
        if self.instance.pk and self.instance.indicator not in choices:
            choices[self.instance.indicator] = indicator_label(self.instance.label, self.instance.unit)
        self.fields["indicator"].choices = [("", _("请选择")), *choices.items()]


def indicator_label(label, unit: str) -> str:
    return f"{label}（{unit}）" if unit else str(label)


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
