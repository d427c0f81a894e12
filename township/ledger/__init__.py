"""The shared ledger pattern (DESIGN.md §5), built once: a record type that staff keep gets the same
list, detail, add, edit, delete, restore, export and import pages by declaring a Ledger, and its
area (township.areas) registers it.

    class EventLedger(Ledger):
        slug = "events"
        model = Event
        fields = ["date", "title", "villages", "audience"]   # the form (and detail) fields
        columns = ["date", "title", "audience"]
        year_field = "date"
        writers = Ledger.writers | {Role.VILLAGE_CLERK}

What a ledger may leave out is built from the model: the form (LedgerForm with date pickers), the
filters (django-filter on ``filter_fields``) and the import/export layout (LedgerResource with a
column per form field). Declare form_class, filterset_class or resource_class where a ledger needs
more. Who reads and who enters the ledger is declared here too (``readers``, ``writers``); the one
access module (township.access) applies it to every page, import and export.

The modules of this package: ``views`` (the pages), ``forms``, ``filters``, ``resources`` (the
import/export base), ``widgets`` (cells), ``importer`` (the all-or-nothing run and the pending
upload), ``exports``, ``history``, ``alerts`` (badges from deadlines), ``numbering``, ``expressions``
(date arithmetic in SQL), ``stats`` (helpers for the areas' figures), ``admin``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from township.models import Role

ALL_ROLES = frozenset(Role.values)


class classproperty(cached_property):  # noqa: N801 - reads like the attribute it stands for
    """A class-level attribute computed once from the class (e.g. a form built from the model)."""

    def __get__(self, instance, owner=None):
        if self.attrname not in owner.__dict__:
            setattr(owner, self.attrname, self.func(owner))
        return owner.__dict__[self.attrname]


@dataclass(frozen=True)
class Badge:
    """A deadline or defect shown on a record: level is one of danger, warning, info, success."""

    label: str
    level: str = "warning"
    title: str = ""


class Ledger:
    slug: str = ""  # URL namespace and the name import_ledger/export_ledger know it by
    model: type[models.Model]
    fields: list[str] = []  # form fields (when no form_class is declared) and detail fields
    columns: list[str] = []  # list columns: model fields or model methods with a short_description
    search_fields: list[str] = []
    sort_fields: list[str] = []
    filter_fields: list[str] = []  # list filters (when no filterset_class is declared)
    year_field: str | None = None  # the date that puts a record in a year's ledger
    select_related: tuple[str, ...] = ()  # joins of the list, the export and the import
    prefetch_related: tuple[str, ...] = ()
    list_prefetch_related: tuple[str | Prefetch, ...] | None = None  # the list's, where its columns and badges read fewer
    paginate_by = 50

    # Who reads the ledger, who enters it (township.access). A village clerk reads and enters only the
    # records of their own village (the model's village_field); a clerk enters the areas they are given.
    readers: frozenset[str] = ALL_ROLES
    writers: frozenset[str] = frozenset({Role.ADMIN, Role.CLERK})
    # Roles that see the model's personal fields in full without asking (e.g. officials' work phones for
    # the township's own staff); everyone else sees them masked, and admins may reveal them (logged).
    personal_shown_to: frozenset[str] = frozenset()

    detail_template = "township/ledger/detail.html"
    area: str = ""  # set by the area that registers the ledger

    # --- what is built from the model unless declared --------------------------------------------

    @classproperty
    def url_segment(cls) -> str:
        return cls.slug

    @classproperty
    def personal_fields(cls) -> dict[str, str]:
        """model field → "phone" | "id_number": declared once, on the model (personal_fields)."""
        return dict(getattr(cls.model, "personal_fields", {}))

    @classproperty
    def form_class(cls):
        from township.ledger.forms import ledger_form_for

        return ledger_form_for(cls.model, cls.fields)

    @classproperty
    def filterset_class(cls):
        from township.ledger.filters import filterset_for

        return filterset_for(cls.model, cls.filter_fields)

    @classproperty
    def resource_class(cls):
        from township.ledger.resources import resource_for

        return resource_for(cls.model, cls.form_fields())

    @classmethod
    def form_fields(cls) -> list[str]:
        return list(cls.fields or cls.form_class._meta.fields)

    # --- what a ledger may override --------------------------------------------------------------

    @classmethod
    def title(cls) -> str:
        return str(cls.model._meta.verbose_name_plural)

    @classmethod
    def badges(cls, record, today: datetime.date) -> list[Badge]:
        """Deadline and defect badges of one record (rules.py decides; the ledger only shows)."""
        return []

    @classmethod
    def as_of(cls, year: int, today: datetime.date) -> datetime.date:
        """The day a year's records are judged on for their badges: today (a deadline runs today whatever the
        year). A ledger whose status belongs to the year (a contract) judges a past year on its last day."""
        return today

    @classmethod
    def has_badges(cls) -> bool:
        return cls.badges.__func__ is not Ledger.badges.__func__

    @classmethod
    def deadlines(cls, record, today: datetime.date) -> list:
        """The record's statutory deadlines (township.workdays.Deadline), shown on its detail page."""
        return []

    @classmethod
    def totals(cls, queryset) -> list[tuple[str, object]]:
        return [(_("合计"), _("%(count)s 条") % {"count": queryset.count()})]

    @classmethod
    def in_year(cls, queryset, year: int):
        """The records that belong to a year's ledger (by default: year_field falls in it)."""
        return queryset.filter(**{f"{cls.year_field}__year": year}) if cls.year_field else queryset

    # --- used by the pages -----------------------------------------------------------------------

    @classmethod
    def with_related(cls, queryset):
        if cls.select_related:
            queryset = queryset.select_related(*cls.select_related)
        if cls.prefetch_related:
            queryset = queryset.prefetch_related(*cls.prefetch_related)
        return queryset

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        from township import access

        queryset = cls.with_related(access.scoped(user, township, cls.model, manager))
        return cls.in_year(queryset, year) if year else queryset

    @classmethod
    def resource(cls, *, township, user=None):
        return cls.resource_class(township=township, user=user, ledger=cls)

    @classmethod
    def export_title(cls, township, year) -> str:
        if cls.year_field:
            return _("%(township)s%(year)s年%(ledger)s") % {"township": township.name, "year": year, "ledger": cls.title()}
        return f"{township.name}{cls.title()}"

    @classmethod
    def extra_urls(cls) -> list:
        """Pages of this ledger beyond the pattern's (e.g. a short form), in its URL namespace."""
        return []

    @classmethod
    def urls(cls):
        from township.ledger.views import ledger_urls

        return ledger_urls(cls)
