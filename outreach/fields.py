"""ChoiceListField: several values of one TextChoices in one column (an event's target groups).

Stored as ``,minors,elderly,`` (empty string for none), so that "events for minors" is a plain
``contains ",minors,"`` in SQL on SQLite and PostgreSQL alike, and one grouped query can count every
value at once. In Python the value is a list of the choices' values, in the order the choices are
declared, so two records with the same groups compare equal however they were typed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceList(list):
    """The values of a ChoiceListField; printed (a record's history, a template) as their labels: 未成年人、群众."""

    def __init__(self, values=(), labels=None):
        super().__init__(values)
        self.labels = labels or {}

    def __str__(self):
        return "、".join(str(self.labels.get(value, value)) for value in self)


def containing(value: str) -> str:
    """The ``contains`` argument that finds records holding ``value``."""
    return f",{value},"


class ChoiceListField(models.CharField):
    description = _("多个可选值")

    def __init__(self, *args, options=(), **kwargs):
        self.options = [(str(value), label) for value, label in options]
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        if kwargs.get("max_length") == 200:
            del kwargs["max_length"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    def ordered(self, values) -> ChoiceList:
        """The values without repeats, in the order the choices are declared (unknown ones last)."""
        order = {value: index for index, (value, _label) in enumerate(self.options)}
        unique = list(dict.fromkeys(str(v) for v in values if v))
        return ChoiceList(sorted(unique, key=lambda v: order.get(v, len(order))), dict(self.options))

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return self.ordered(value.split(","))
        return self.ordered(value)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        values = self.to_python(value)
        return f",{','.join(values)}," if values else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        known = {value for value, _label in self.options}
        unknown = [v for v in value if v not in known]
        if unknown:
            raise ValidationError(_("“%(value)s”不是可选值。") % {"value": "、".join(unknown)}, code="invalid_choice")
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        # the stored text, not the list, is what max_length limits
        super().run_validators(self.get_prep_value(value))

    def labels(self, values) -> list[str]:
        names = dict(self.options)
        return [str(names.get(value, value)) for value in values]

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.options,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("choices_form_class", None)
        defaults.pop("max_length", None)
        defaults.pop("empty_value", None)
        return form_class(**defaults)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if f"get_{name}_display" not in cls.__dict__:
            setattr(cls, f"get_{name}_display", lambda record: "、".join(self.labels(getattr(record, name))))
