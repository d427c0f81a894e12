"""The shared ledger pattern (DESIGN.md §5), built once: every record type staff keep gets the same
list, detail, add, edit, delete, restore, export and import pages by declaring a Ledger.

    class VillageLedger(Ledger):
        slug = "villages"
        model = Village
        form_class = VillageForm
        filterset_class = VillageFilter
        resource_class = VillageResource
        columns = ["name", "kind", "group_count"]

    urlpatterns = [path("villages/", VillageLedger.urls())]
"""

import datetime
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.edit import CreateView, UpdateView

from township import access
from township.forms import AttachmentForm, ImportForm
from township.importing import import_sheet
from township.models import Attachment, PersonalDataLog
from township.personal import mask_personal
from township.sheets import SheetError, parse_sheet, read_rows, write_csv, write_xlsx

REGISTRY: dict[str, type["Ledger"]] = {}


@dataclass(frozen=True)
class Badge:
    """A deadline or defect shown on a record: level is one of danger, warning, info, success."""

    label: str
    level: str = "warning"
    title: str = ""


class Ledger:
    slug: str = ""
    model: type[models.Model]
    form_class = None
    filterset_class = None
    resource_class = None
    columns: list[str] = []
    search_fields: list[str] = []
    sort_fields: list[str] = []
    year_field: str | None = None
    select_related: tuple[str, ...] = ()
    paginate_by = 50
    # Personal data (PIPL Art. 28): model field → "id_number" | "phone"; masked on every page and in
    # exports unless a user who may reveal it asks, and every reveal or unmasked export is logged.
    personal_fields: dict[str, str] = {}
    detail_template = "township/ledger/detail.html"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.slug:
            REGISTRY[cls.slug] = cls

    @classmethod
    def title(cls) -> str:
        return str(cls.model._meta.verbose_name_plural)

    @classmethod
    def badges(cls, record, today: datetime.date) -> list[Badge]:
        """Deadline and defect badges of one record (rules.py decides; the ledger only shows)."""
        return []

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

    @classmethod
    def base_queryset(cls, user, township, year=None, manager="objects"):
        queryset = access.scoped(user, township, cls.model, manager)
        if cls.select_related:
            queryset = queryset.select_related(*cls.select_related)
        return cls.in_year(queryset, year) if year else queryset

    @classmethod
    def export_title(cls, township, year) -> str:
        if cls.year_field:
            return _("%(township)s%(year)s年%(ledger)s") % {"township": township.name, "year": year, "ledger": cls.title()}
        return f"{township.name}{cls.title()}"

    @classmethod
    def urls(cls):
        patterns = [
            path("", LedgerListView.as_view(ledger=cls), name="list"),
            path("add/", LedgerCreateView.as_view(ledger=cls), name="add"),
            path("export/", LedgerExportView.as_view(ledger=cls), name="export"),
            path("import/", LedgerImportView.as_view(ledger=cls), name="import"),
            path("import/template/", LedgerImportTemplateView.as_view(ledger=cls), name="import_template"),
            path("deleted/", LedgerDeletedView.as_view(ledger=cls), name="deleted"),
            path("<int:pk>/", LedgerDetailView.as_view(ledger=cls), name="detail"),
            path("<int:pk>/edit/", LedgerUpdateView.as_view(ledger=cls), name="edit"),
            path("<int:pk>/delete/", LedgerDeleteView.as_view(ledger=cls), name="delete"),
            path("<int:pk>/restore/", LedgerRestoreView.as_view(ledger=cls), name="restore"),
            path("<int:pk>/reveal/", LedgerRevealView.as_view(ledger=cls), name="reveal"),
            path("<int:pk>/attachments/", AttachmentUploadView.as_view(ledger=cls), name="attach"),
        ]
        return include((patterns, cls.slug), namespace=cls.slug)


class LedgerMixin(LoginRequiredMixin):
    ledger: type[Ledger] = None

    @cached_property
    def township(self):
        return self.request.township

    def get_queryset(self):
        return self.ledger.base_queryset(self.request.user, self.township, self.request.year)

    def get_object(self, queryset=None):
        return access.get_visible(self.request.user, self.township, self.ledger.model, self.kwargs["pk"])

    def url(self, name, *args, **query):
        url = reverse(f"{self.ledger.slug}:{name}", args=args)
        return f"{url}?{urlencode(query)}" if query else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            ledger=self.ledger,
            ns=self.ledger.slug,
            ledger_title=self.ledger.title(),
            can_add=access.can_change(self.request.user, self.township, self.ledger.model),
            is_admin=access.is_admin(self.request.user, self.township),
        )
        return context


def filtered_queryset(ledger, request, queryset):
    """The list page's search, filters and sort, shared by the list and its export."""
    query = request.GET.get("q", "").strip()[:100]
    if query and ledger.search_fields:
        condition = Q()
        for name in ledger.search_fields:
            condition |= Q(**{f"{name}__icontains": query})
        queryset = queryset.filter(condition)
    filterset = ledger.filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and filterset.is_valid():
        queryset = filterset.qs
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") in ledger.sort_fields:
        queryset = queryset.order_by(sort, "pk")
    return filterset, queryset


class LedgerListView(LedgerMixin, ListView):
    """The list's search, filters and sort come from filtered_queryset, shared with the export."""

    template_name = "township/ledger/list.html"

    def get(self, request, *args, **kwargs):
        self.filterset, self.object_list = filtered_queryset(self.ledger, request, self.get_queryset())
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_paginate_by(self, queryset):
        return self.ledger.paginate_by

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        fields = {f.name: f for f in self.ledger.model._meta.get_fields()}
        headers = []
        for name in self.ledger.columns:
            field = fields.get(name)
            label = field.verbose_name if field is not None else getattr(self.ledger.model, name).short_description
            headers.append({"name": name, "label": label, "sortable": name in self.ledger.sort_fields})
        rows = [
            {"record": record,
             "cells": [display_value(record, name, self.ledger.personal_fields) for name in self.ledger.columns],
             "badges": self.ledger.badges(record, today)}
            for record in context["object_list"]
        ]
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            headers=headers,
            rows=rows,
            totals=self.ledger.totals(self.object_list),
            query_string=params.urlencode(),
            sort=self.request.GET.get("sort", ""),
            q=self.request.GET.get("q", ""),
        )
        return context


def display_value(record, name, personal_fields=None, *, reveal=False):
    """A cell as a person reads it: choice labels, 是/否, dates, masked personal data."""
    kind = (personal_fields or {}).get(name)
    if kind and not reveal:
        return mask_personal(kind, getattr(record, name))
    display = getattr(record, f"get_{name}_display", None)
    if display is not None:
        return display()
    value = getattr(record, name)
    if callable(value):
        value = value()
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if value is None:
        return ""
    return value


class LedgerDetailView(LedgerMixin, DetailView):
    reveal = False

    def get_template_names(self):
        return [self.ledger.detail_template]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        personal = self.ledger.personal_fields
        fields = [
            (self.ledger.model._meta.get_field(name).verbose_name,
             display_value(record, name, personal, reveal=self.reveal))
            for name in self.ledger.form_class._meta.fields
        ]
        today = timezone.localdate()
        context.update(
            deadlines=[(d, d.status(today), d.status_label(today)) for d in self.ledger.deadlines(record, today)],
            has_personal=bool(personal),
            revealed=self.reveal,
            may_reveal=bool(personal) and access.may_reveal_personal_data(self.request.user, self.township, record),
            fields=fields,
            badges=self.ledger.badges(record, today),
            can_change=access.can_change(self.request.user, self.township, self.ledger.model, record),
            history=history_entries(record),
            attachments=Attachment.objects.filter(
                township=self.township, content_type__model=record._meta.model_name,
                content_type__app_label=record._meta.app_label, object_id=record.pk,
            ),
            attachment_form=AttachmentForm(),
        )
        return context


def history_entries(record, limit=30):
    """Who changed what and when, newest first, with each change's fields (django-simple-history)."""
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    result = []
    for index, entry in enumerate(entries[:limit]):
        previous = entries[index + 1] if index + 1 < len(entries) else None
        changes = []
        if previous is not None and entry.history_type == "~":
            delta = entry.diff_against(previous, excluded_fields=["version", "updated_at", "created_at"])
            for change in delta.changes:
                field = record._meta.get_field(change.field)
                changes.append((field.verbose_name, change.old, change.new))
        result.append({"entry": entry, "changes": changes})
    return result


class LedgerRevealView(LedgerDetailView):
    """Show one record's personal data unmasked, to those who may, and log that it was seen."""

    http_method_names = ["post"]
    reveal = True

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.ledger.personal_fields:
            raise Http404(_("该台账没有需要脱敏的个人信息。"))  # nothing to reveal: no such page
        if not access.may_reveal_personal_data(request.user, self.township, self.object):
            raise PermissionDenied(_("只有管理员和录入该记录的人员可以查看完整的个人信息。"))
        PersonalDataLog.objects.create(
            user=request.user, township=self.township, action=PersonalDataLog.Action.REVEAL,
            ledger=self.ledger.slug, object_id=self.object.pk,
            detail="、".join(str(self.ledger.model._meta.get_field(n).verbose_name) for n in self.ledger.personal_fields),
        )
        response = self.render_to_response(self.get_context_data(object=self.object))
        response["Cache-Control"] = "no-store"
        return response


class LedgerFormMixin(LedgerMixin):
    template_name = "township/ledger/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["township"] = self.township
        kwargs["user"] = self.request.user
        record = kwargs.get("instance")
        if (record is not None and record.pk and self.ledger.personal_fields
                and not access.may_reveal_personal_data(self.request.user, self.township, record)):
            kwargs["masked_fields"] = self.ledger.personal_fields
        return kwargs

    def get_success_url(self):
        return self.url("detail", self.object.pk)

    def form_invalid(self, form):
        """A form with errors is shown again with them, as a 400 (bad input is never a 200)."""
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LedgerCreateView(LedgerFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            access.require_change(request.user, self.township, self.ledger.model)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.ledger.form_class

    def form_valid(self, form):
        form.instance.township = self.township
        # the record as it will be saved must be one the user may change (a village clerk's own village)
        access.require_change(self.request.user, self.township, self.ledger.model, form.instance)
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, _("已保存“%(record)s”。") % {"record": self.object})
        return response


class LedgerUpdateView(LedgerFormMixin, UpdateView):
    def get_form_class(self):
        return self.ledger.form_class

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        access.require_change(self.request.user, self.township, self.ledger.model, record)
        return record

    def form_valid(self, form):
        access.require_change(self.request.user, self.township, self.ledger.model, form.instance)
        with transaction.atomic():
            current = type(self.object).all_objects.select_for_update().get(pk=self.object.pk)
            if current.version != form.cleaned_data["version"]:
                form.add_error(None, stale_edit_message(current, form.cleaned_data["version"]))
                return self.render_to_response(self.get_context_data(form=form), status=409)
            form.instance.version = current.version + 1
            response = super().form_valid(form)
        messages.success(self.request, _("已保存“%(record)s”。") % {"record": self.object})
        return response


def stale_edit_message(current, loaded_version) -> str:
    """Tell the second editor who changed what since they opened the form; nothing is overwritten."""
    newer = list(current.history.filter(version__gt=loaded_version).select_related("history_user").order_by("version"))
    base = current.history.filter(version=loaded_version).first()
    changed = []
    if base is not None and newer:
        delta = newer[-1].diff_against(base, excluded_fields=["version", "updated_at", "created_at"])
        for change in delta.changes:
            field = current._meta.get_field(change.field)
            changed.append(f"{field.verbose_name}：{change.old or '（空）'} → {change.new or '（空）'}")
    who = newer[-1].history_user if newer and newer[-1].history_user else _("其他用户")
    when = timezone.localtime(newer[-1].history_date).strftime("%H:%M") if newer else ""
    text = _("保存未成功：在您编辑期间，%(who)s 于 %(when)s 修改了此记录。您的修改没有保存，也没有覆盖对方的修改。") % {
        "who": who, "when": when,
    }
    if changed:
        text += _("对方修改了：") + "；".join(changed) + "。"
    return text + _("请重新打开记录后再修改。")


class LedgerDeleteView(LedgerMixin, DetailView):
    template_name = "township/ledger/confirm_delete.html"

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        access.require_change(self.request.user, self.township, self.ledger.model, record)
        return record

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        record.deleted_at = timezone.now()
        record.version += 1
        record.save()
        messages.success(request, _("已删除“%(record)s”。管理员可在“已删除记录”中恢复。") % {"record": record})
        return redirect(self.url("list"))


class LedgerDeletedView(LedgerMixin, TemplateView):
    """Deleted records of a ledger, for the admin to restore."""

    template_name = "township/ledger/deleted.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            access.require_admin(request.user, self.township)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["records"] = (
            access.scoped(self.request.user, self.township, self.ledger.model, "all_objects")
            .filter(deleted_at__isnull=False)
            .order_by("-deleted_at")[:200]
        )
        return context


class LedgerRestoreView(LedgerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        access.require_admin(request.user, self.township)
        record = access.get_visible(request.user, self.township, self.ledger.model, pk, "all_objects")
        if record.deleted_at is None:
            messages.info(request, _("该记录未被删除。"))
            return redirect(self.url("detail", record.pk))
        record.deleted_at = None
        record.version += 1
        try:
            record.full_clean()
        except ValidationError as exc:
            messages.error(request, _("无法恢复：") + "；".join(exc.messages))
            return redirect(self.url("deleted"))
        record.save()
        messages.success(request, _("已恢复“%(record)s”。") % {"record": record})
        return redirect(self.url("detail", record.pk))


class LedgerExportView(LedgerMixin, View):
    def get(self, request):
        queryset = self.get_queryset()
        _filterset, queryset = filtered_queryset(self.ledger, request, queryset)
        reveal = request.GET.get("reveal") == "1"
        if reveal and not access.is_admin(request.user, self.township):
            raise PermissionDenied(_("只有管理员可以导出完整的个人信息。"))
        resource = self.ledger.resource_class(township=self.township, user=request.user)
        headers, rows = resource.export_rows(queryset)
        if not reveal:
            rows = mask_export_rows(self.ledger, resource, headers, rows)
        title = self.ledger.export_title(self.township, request.year)
        log_personal_export(self.ledger, resource, request.user, headers, len(rows), reveal)
        if request.GET.get("format") == "csv":
            content, mime, suffix = write_csv(headers, rows), "text/csv; charset=utf-8", "csv"
        else:
            content = write_xlsx(title, headers, rows)
            mime, suffix = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
        response = HttpResponse(content, content_type=mime)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}.{suffix}")
        return response


def personal_columns(ledger, resource) -> dict[str, str]:
    """Export column name → personal data kind, from the ledger's personal fields."""
    return {f.column_name: ledger.personal_fields[f.attribute] for f in resource.fields.values()
            if f.attribute in ledger.personal_fields}


def mask_export_rows(ledger, resource, headers, rows):
    columns = personal_columns(ledger, resource)
    if not columns:
        return rows
    kinds = [columns.get(header) for header in headers]
    return [[mask_personal(kind, value) if kind and value else value for kind, value in zip(kinds, row, strict=False)]
            for row in rows]


def log_personal_export(ledger, resource, user, headers, count, revealed) -> None:
    """Every export that contains personal data is logged, masked or not."""
    township = resource.township
    columns = [header for header in headers if header in personal_columns(ledger, resource)]
    if columns and count:
        detail = _("导出 %(count)s 条，含：%(cols)s（%(state)s）") % {
            "count": count, "cols": "、".join(columns), "state": _("完整") if revealed else _("已脱敏"),
        }
        PersonalDataLog.objects.create(
            user=user, township=township, action=PersonalDataLog.Action.EXPORT, ledger=ledger.slug, detail=detail,
        )


class LedgerImportTemplateView(LedgerMixin, View):
    def get(self, request):
        resource = self.ledger.resource_class(township=self.township)
        title = self.ledger.export_title(self.township, request.year)
        content = write_xlsx(title, resource.get_export_headers(), [])
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = content_disposition_header(True, _("%(title)s（导入模板）.xlsx") % {"title": title})
        return response


class LedgerImportView(LedgerMixin, TemplateView):
    """Upload → preview every row with its errors → confirm. All rows or none."""

    template_name = "township/ledger/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            access.require_change(request.user, self.township, self.ledger.model)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        return context

    def post(self, request):
        token = request.POST.get("token", "")
        pending = request.session.get("pending_imports", {}).get(token) if token else None
        if token and (pending is None or pending["ledger"] != self.ledger.slug):
            messages.error(request, _("该导入预览已过期，请重新上传文件。"))
            return self.render_to_response(self.get_context_data(), status=400)
        if pending:
            try:
                filename, data = pending["name"], pending_path(token).read_bytes()
            except FileNotFoundError:  # confirmed twice (a double click) or cleaned up meanwhile
                messages.error(request, _("该导入预览已过期，请重新上传文件。"))
                return self.render_to_response(self.get_context_data(), status=400)
        else:
            form = ImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            upload = form.cleaned_data["file"]
            filename, data = upload.name, upload.read()
        resource = self.ledger.resource_class(township=self.township, user=request.user)
        try:
            parsed = parse_sheet(read_rows(data, filename), resource.header_aliases(), list(resource.required))
        except SheetError as exc:
            form = ImportForm()
            form.errors["file"] = form.error_class([str(exc)])
            return self.render_to_response(self.get_context_data(form=form, sheet_error=str(exc)), status=400)
        outcome = import_sheet(resource, parsed, dry_run=not pending)
        if outcome.written:
            pending_path(token).unlink(missing_ok=True)
            request.session["pending_imports"].pop(token, None)
            request.session.modified = True
            messages.success(request, _("导入完成：新增 %(new)s 条，更新 %(update)s 条，未变化 %(skip)s 条。") % outcome.counts)
            return redirect(self.url("list"))
        new_token = ""
        if not outcome.error_rows:
            new_token = secrets.token_urlsafe(16)
            discard_stale_pending_imports()
            path_ = pending_path(new_token)
            path_.parent.mkdir(parents=True, exist_ok=True)
            path_.write_bytes(data)
            request.session.setdefault("pending_imports", {})[new_token] = {"ledger": self.ledger.slug, "name": filename}
            request.session.modified = True
        context = self.get_context_data(outcome=outcome, preview=True, filename=filename, token=new_token)
        return self.render_to_response(context, status=400 if outcome.error_rows else 200)


def discard_stale_pending_imports(max_age_hours: int = 24) -> None:
    """Previewed sheets nobody confirmed are removed after a day."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    cutoff = timezone.now().timestamp() - max_age_hours * 3600
    for leftover in folder.glob("*.upload") if folder.is_dir() else []:
        if leftover.stat().st_mtime < cutoff:
            leftover.unlink(missing_ok=True)


def pending_path(token: str) -> Path:
    """An uploaded sheet waiting for the clerk's confirmation (the token is random, never a path)."""
    safe = "".join(ch for ch in token if ch.isalnum() or ch in "-_")[:40]
    return Path(settings.MEDIA_ROOT) / "imports" / f"{safe}.upload"


class AttachmentUploadView(LedgerMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        record = access.get_visible(request.user, self.township, self.ledger.model, pk)
        access.require_change(request.user, self.township, self.ledger.model, record)
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            detail = LedgerDetailView(ledger=self.ledger, request=request, kwargs={"pk": pk})
            detail.object = record
            context = detail.get_context_data(object=record)
            context["attachment_form"] = form
            return render(request, detail.get_template_names(), context, status=400)
        form.save_for(record, request.user)
        messages.success(request, _("附件已上传。"))
        return redirect(self.url("detail", pk))


def download_attachment(request, pk):
    """Attachments are private: downloaded only by someone who may see the record they belong to."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    township = request.township
    attachment = get_object_or_404(Attachment, pk=pk, township=township)
    model = attachment.content_type.model_class()
    if model is None:
        raise Http404
    access.get_visible(request.user, township, model, attachment.object_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("附件文件不存在。")) from None
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.mime_type)

