"""Forms of the core: the villages and people ledgers, the year and township pickers, users and roles."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from township import areas
from township.ledger.forms import LedgerForm
from township.models import Membership, Person, Role, Village
from township.numbers import FIRST_YEAR, LAST_YEAR


class VillageForm(LedgerForm):
    class Meta:
        model = Village
        fields = ["name", "kind", "group_count", "grid_count", "households", "population", "note"]


class PersonForm(LedgerForm):
    class Meta:
        model = Person
        fields = [
            "name", "gender", "unit", "position", "kind", "political_status", "legal_background",
            "phone", "village", "active", "note",
        ]


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    next = forms.CharField(required=False)


class TownshipSwitchForm(forms.Form):
    township = forms.SlugField(required=False)  # empty: the whole county (全县)
    next = forms.CharField(required=False)


class MemberForm(forms.Form):
    """A township admin adds or changes a user of their township (county viewers are set up by the county)."""

    ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.COUNTY]

    username = forms.RegexField(
        label=_("用户名"), max_length=30, regex=r"^[A-Za-z0-9_.@-]+$",
        error_messages={"invalid": _("用户名只能包含字母、数字和 _ . @ -")},
    )
    full_name = forms.CharField(label=_("姓名"), max_length=30)
    role = forms.ChoiceField(label=_("角色"), choices=ROLE_CHOICES)
    village = forms.ModelChoiceField(label=_("村（社区）"), queryset=Village.objects.none(), required=False,
                                     help_text=_("村级录入员必填"))
    areas = forms.MultipleChoiceField(
        label=_("可编辑的工作领域"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=(), help_text=_("录入员必填"),
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    password = forms.CharField(
        label=_("初始密码"), required=False, widget=forms.PasswordInput(render_value=False),
        help_text=_("新用户必填；修改用户时填写则重置密码"),
    )

    def __init__(self, *args, township, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.township = township
        self.user = user
        self.fields["village"].queryset = Village.objects.filter(township=township)
        self.fields["areas"].choices = [(area.code, area.label) for area in areas.assignable_areas()]
        if user is not None:
            self.fields["username"].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_username(self):
        username = self.cleaned_data["username"]
        if self.user is None and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("用户名“%(name)s”已被使用。") % {"name": username})
        return username

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.VILLAGE_CLERK and not data.get("village"):
            self.add_error("village", _("村级录入员必须指定所在村（社区）。"))
        if role == Role.CLERK and not data.get("areas"):
            self.add_error("areas", _("录入员至少要有一个可编辑的工作领域。"))
        password = data.get("password")
        if self.user is None and not password:
            self.add_error("password", _("请为新用户设置初始密码。"))
        if password:
            try:
                password_validation.validate_password(password, self.user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    @transaction.atomic
    def save(self) -> "User":
        data = self.cleaned_data
        user = self.user or User(username=data["username"])
        user.first_name = data["full_name"]
        user.is_active = data["is_active"]
        if data["password"]:
            user.set_password(data["password"])
        user.save()
        Membership.objects.update_or_create(
            user=user,
            defaults={
                "role": data["role"], "township": self.township, "county": None,
                "village": data["village"] if data["role"] == Role.VILLAGE_CLERK else None,
                "areas": data["areas"] if data["role"] == Role.CLERK else [],
            },
        )
        return user
