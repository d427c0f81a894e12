"""The pages of every ledger: list, detail, add, edit, delete, deleted records, restore, reveal, export,
import (upload → preview → confirm) and attachments, on Django's generic views.

Each view declares the access it needs (``permission``: view, change, admin or reveal); LedgerMixin
checks it once, after login, through township.access. Record-level checks (a village clerk's own
village, the record as it will be saved) are made where the record is known.
"""

import datetime
import inspect
import secrets
from functools import partialmethod
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
from django.utils.html import format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.edit import CreateView, UpdateView

from township import access, tasks
from township.ledger.changes import ImportChoices
from township.ledger.exports import XLSX, export_ledger
from township.ledger.forms import AttachmentForm, ImportForm
from township.ledger.history import history_entries, stale_edit_message
from township.ledger.importer import discard_stale_pending_imports, import_sheet, pending_path
from township.ledger.resources import leaf_prefetches
from township.models import Attachment, BackgroundTask, FormSubmission, PersonalDataLog
from township.numbers import plain_int
from township.personal import mask_personal
from township.sheets import SheetError, parse_sheet, read_rows, write_xlsx
from township.templatetags.portal import cell


def ledger_urls(ledger):
    patterns = [
        path("", LedgerListView.as_view(ledger=ledger), name="list"),
        path("add/", LedgerCreateView.as_view(ledger=ledger), name="add"),
        path("export/", LedgerExportView.as_view(ledger=ledger), name="export"),
        path("import/", LedgerImportView.as_view(ledger=ledger), name="import"),
        path("import/template/", LedgerImportTemplateView.as_view(ledger=ledger), name="import_template"),
        path("import/<uuid:task>/", LedgerImportTaskView.as_view(ledger=ledger), name="import_task"),
        path("deleted/", LedgerDeletedView.as_view(ledger=ledger), name="deleted"),
        path("<int:pk>/", LedgerDetailView.as_view(ledger=ledger), name="detail"),
        path("<int:pk>/edit/", LedgerUpdateView.as_view(ledger=ledger), name="edit"),
        path("<int:pk>/delete/", LedgerDeleteView.as_view(ledger=ledger), name="delete"),
        path("<int:pk>/restore/", LedgerRestoreView.as_view(ledger=ledger), name="restore"),
        path("<int:pk>/reveal/", LedgerRevealView.as_view(ledger=ledger), name="reveal"),
        path("<int:pk>/attachments/", AttachmentUploadView.as_view(ledger=ledger), name="attach"),
        *ledger.extra_urls(),
    ]
    return include((patterns, ledger.slug), namespace=ledger.slug)


class LedgerMixin(LoginRequiredMixin):
    ledger = None
    permission = "view"  # view | change | admin | reveal (township.access.require)

    def dispatch(self, request, *args, **kwargs):
        """Anonymous users go to the login page. A page of one record checks, in this order: the method
        (405), that the user may see the record (404, in get_object), what the page needs of it (403); a
        page of the whole ledger checks what it needs first."""
        if request.user.is_authenticated:
            if "pk" not in kwargs:
                access.require(request.user, self.township, self.ledger, self.permission)
            elif request.method.lower() in self.http_method_names and hasattr(self, request.method.lower()):
                access.require(request.user, self.township, self.ledger, "view")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def township(self):
        return self.request.township

    def get_queryset(self):
        return self.ledger.base_queryset(self.request.user, self.township, self.request.year)

    def get_object(self, queryset=None):
        return access.get_visible(self.request.user, self.township, self.ledger.model, self.kwargs["pk"])

    def shows_personal(self) -> bool:
        return access.shows_personal(self.request.user, self.township, self.ledger.model)

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
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL text cannot hold a NUL
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


def display_value(record, name, personal_fields=None, *, reveal=False):
    """A cell as a person reads it: choice labels, 是/否, dates, masked personal data."""
    return value_reader(type(record), name, personal_fields, reveal=reveal)(record)


def value_reader(model, name, personal_fields=None, *, reveal=False):
    """display_value of one field worked out once for the model, as a function of the record: a list page reads
    the same columns of 50 records (Django's get_FOO_display builds a dict of the choices' labels, translating
    each, on every call; here they are translated once)."""
    kind = (personal_fields or {}).get(name)
    if kind and not reveal:
        return lambda record: mask_personal(kind, getattr(record, name))
    display = inspect.getattr_static(model, f"get_{name}_display", None)
    if isinstance(display, partialmethod) and display.func is models.Model._get_FIELD_display:  # Django's own
        field = display.keywords["field"]
        labels = {make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices}

        def label(record):
            value = getattr(record, field.attname)
            return force_str(labels.get(make_hashable(value), value), strings_only=True)

        return label
    if display is not None:  # the model's own get_FOO_display
        return lambda record: getattr(record, f"get_{name}_display")()
    yes, no = _("是"), _("否")

    def read(record):
        value = getattr(record, name)
        if hasattr(value, "all") and hasattr(value, "model"):  # a many-to-many manager (callable too): the names
            return "、".join(str(item) for item in value.all())
        if callable(value):
            value = value()
        if isinstance(value, bool):
            return yes if value else no
        if value is None:
            return ""
        return value

    return read


def printed(value) -> str:
    """A value as a template prints it ({{ value }}: localized, as text; escaped by the template)."""
    return str(localize(value))


class LedgerListView(LedgerMixin, ListView):
    """The list's search, filters and sort come from filtered_queryset, shared with the export."""

    template_name = "township/ledger/list.html"

    def get_queryset(self):
        """The ledger's records and joins; its many-relations prefetched as the export prefetches them (Django
        would otherwise compile a filter for each record of the page), and only those the list's columns and
        badges read (Ledger.list_prefetch_related)."""
        queryset = super().get_queryset()
        lookups = self.ledger.list_prefetch_related
        return queryset.prefetch_related(None).prefetch_related(*leaf_prefetches(
            queryset.model, queryset._prefetch_related_lookups if lookups is None else lookups))

    def get(self, request, *args, **kwargs):
        self.filterset, self.object_list = filtered_queryset(self.ledger, request, self.get_queryset())
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    PAGE_SIZES = (20, 50, 100, 200)

    def get_paginate_by(self, queryset):
        """The page size the clerk chose (?per_page=, one of PAGE_SIZES), else the ledger's."""
        chosen = plain_int(self.request.GET.get("per_page", ""))
        return chosen if chosen in self.PAGE_SIZES else self.ledger.paginate_by

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = self.ledger.as_of(int(self.request.year), timezone.localdate())
        fields = {f.name: f for f in self.ledger.model._meta.get_fields()}
        headers = []
        for name in self.ledger.columns:
            field = fields.get(name)
            label = field.verbose_name if field is not None else getattr(self.ledger.model, name).short_description
            headers.append({"name": name, "label": label, "sortable": name in self.ledger.sort_fields})
        reveal = self.shows_personal()
        readers = [value_reader(self.ledger.model, name, self.ledger.personal_fields, reveal=reveal)
                   for name in self.ledger.columns]
        detail_url = reverse(f"{self.ledger.slug}:list")  # + "<pk>/" (ledger_urls): not reversed for each row
        rows = []
        for record in context["object_list"]:
            first, *others = [cell(read(record)) for read in readers]
            rows.append({
                "record": record, "url": f"{detail_url}{record.pk}/", "first": printed(first or "—"),
                # the other cells' <td>s, escaped as the template escapes them: the template's loop over a page's
                # 450 cells was a tenth of the list's CPU
                "cells": format_html_join("", "<td>{}</td>", ((printed(value),) for value in others)),
                "badges": self.ledger.badges(record, today),
            })
        params = self.request.GET.copy()
        params.pop("page", None)
        page = context.get("page_obj")
        context.update(
            headers=headers,
            rows=rows,
            page_range=list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)) if page else [],
            ellipsis=page.paginator.ELLIPSIS if page else "",
            page_sizes=self.PAGE_SIZES,
            per_page=self.get_paginate_by(None),
            has_badges=self.ledger.has_badges(),
            totals=self.ledger.totals(self.object_list),
            query_string=params.urlencode(),
            sort=self.request.GET.get("sort", ""),
            q=self.request.GET.get("q", ""),
        )
        return context


class LedgerDetailView(LedgerMixin, DetailView):
    reveal = False

    def get_template_names(self):
        return [self.ledger.detail_template]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        personal = self.ledger.personal_fields
        reveal = self.reveal or self.shows_personal()
        fields = [
            (self.ledger.model._meta.get_field(name).verbose_name, display_value(record, name, personal, reveal=reveal))
            for name in self.ledger.form_fields()
        ]
        today = timezone.localdate()
        context.update(
            deadlines=[(d, d.status(today), d.status_label(today)) for d in self.ledger.deadlines(record, today)],
            has_personal=bool(personal) and not self.shows_personal(),
            revealed=self.reveal,
            may_reveal=bool(personal) and access.may_reveal_personal_data(self.request.user, self.township, record),
            fields=fields,
            badges=self.ledger.badges(record, self.ledger.as_of(int(self.request.year), today)),
            can_change=access.can_change(self.request.user, self.township, self.ledger.model, record),
            history=history_entries(record, personal, reveal=reveal),
            attachments=Attachment.objects.filter(
                township=self.township, content_type__model=record._meta.model_name,
                content_type__app_label=record._meta.app_label, object_id=record.pk,
            ),
            attachment_form=AttachmentForm(),
        )
        return context


class LedgerRevealView(LedgerDetailView):
    """Show one record's personal data unmasked, to those who may, and log that it was seen."""

    http_method_names = ["post"]
    permission = "reveal"
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
    permission = "change"

    def get_form_class(self):
        return self.ledger.form_class

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
    def get_initial(self):
        """A new record of a year's ledger is dated in the year being worked on (today when it is this year); an
        edit shows the record's own date (a ModelForm's initial would override it)."""
        initial = super().get_initial()
        if self.ledger.year_field and self.ledger.year_field in self.ledger.form_fields():
            today = timezone.localdate()
            year = int(self.request.year)
            if year < today.year:  # back-filling a past year: the same season of that year
                initial[self.ledger.year_field] = datetime.date(year, today.month, min(today.day, 28))
            elif year == today.year:
                initial[self.ledger.year_field] = today
        return initial

    def post(self, request, *args, **kwargs):
        """A form posted again after its first post was saved lands on that record, before any check of the
        form (its unique number, say, would now be taken by the record it saved)."""
        self.object = None
        token = request.POST.get("_submission", "")[:64]
        if token and FormSubmission.objects.filter(token=token, object_id__isnull=False).exists():
            return self.already_saved(token)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # one token per add form: the same form posted twice (a double click) saves one record
        context["submission_token"] = self.request.POST.get("_submission") or secrets.token_urlsafe(24)
        return context

    def form_valid(self, form):
        form.instance.township = self.township
        # the record as it will be saved must be one the user may change (a village clerk's own village)
        access.require_change(self.request.user, self.township, self.ledger.model, form.instance)
        token = self.request.POST.get("_submission", "")[:64]
        with transaction.atomic():
            submission = None
            if token:
                try:
                    with transaction.atomic():
                        submission = FormSubmission.objects.create(token=token, user=self.request.user,
                                                                   ledger=self.ledger.slug)
                except IntegrityError:
                    return self.already_saved(token)
            response = super().form_valid(form)
            if submission is not None:
                submission.object_id = self.object.pk
                submission.save(update_fields=["object_id"])
        FormSubmission.discard_old()
        messages.success(self.request, _("已保存“%(record)s”。") % {"record": self.object})
        return response

    def already_saved(self, token):
        """The second post of the same form lands on the record the first one saved."""
        earlier = FormSubmission.objects.filter(token=token, user=self.request.user, ledger=self.ledger.slug).first()
        if earlier is None or earlier.object_id is None:
            raise PermissionDenied(_("该表单已提交，请返回列表查看。"))
        messages.info(self.request, _("该表单已经提交过一次，没有重复保存。以下是已保存的记录。"))
        return redirect(self.url("detail", earlier.object_id))


class LedgerUpdateView(LedgerFormMixin, UpdateView):
    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        access.require_change(self.request.user, self.township, self.ledger.model, record)
        return record

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        loaded = plain_int(form.data.get(form.add_prefix("version"), ""))
        if loaded is not None and loaded != self.object.version:
            return self.stale(form, loaded)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def stale(self, form, loaded_version):
        """Someone saved the record after this form was opened: say who changed what, check nothing else."""
        reveal = access.may_reveal_personal_data(self.request.user, self.township, self.object)
        form._errors = ErrorDict()
        form.cleaned_data = {}
        form.add_error(None, stale_edit_message(self.object, loaded_version, self.ledger.personal_fields, reveal=reveal))
        return self.render_to_response(self.get_context_data(form=form), status=409)

    def form_valid(self, form):
        access.require_change(self.request.user, self.township, self.ledger.model, form.instance)
        with transaction.atomic():
            current = type(self.object).all_objects.select_for_update().get(pk=self.object.pk)
            if current.version != form.cleaned_data["version"]:
                self.object = current
                return self.stale(form, form.cleaned_data["version"])
            form.instance.version = current.version + 1
            response = super().form_valid(form)
        messages.success(self.request, _("已保存“%(record)s”。") % {"record": self.object})
        return response


class LedgerDeleteView(LedgerMixin, DetailView):
    template_name = "township/ledger/confirm_delete.html"
    permission = "change"

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
    permission = "admin"

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
    permission = "admin"

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
        _filterset, queryset = filtered_queryset(self.ledger, request, self.get_queryset())
        reveal = request.GET.get("reveal") == "1"
        if reveal and not access.is_admin(request.user, self.township):
            raise PermissionDenied(_("只有管理员可以导出完整的个人信息。"))
        content, mime, filename = export_ledger(
            self.ledger, township=self.township, user=request.user, queryset=queryset, year=request.year,
            reveal=reveal or self.shows_personal(), fmt="csv" if request.GET.get("format") == "csv" else "xlsx",
        )
        response = HttpResponse(content, content_type=mime)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response


class LedgerImportTemplateView(LedgerMixin, View):
    def get(self, request):
        resource = self.ledger.resource(township=self.township)
        title = self.ledger.export_title(self.township, request.year)
        response = HttpResponse(write_xlsx(title, resource.get_export_headers(), []), content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, _("%(title)s（导入模板）.xlsx") % {"title": title})
        return response


class LedgerImportView(LedgerMixin, TemplateView):
    """Upload → preview every row with its errors → confirm. All rows or none."""

    template_name = "township/ledger/import.html"
    permission = "change"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context["recent_tasks"] = (  # large sheets the clerk left to the worker: back to them from here
            BackgroundTask.objects.filter(user=self.request.user, township=self.township, ledger=self.ledger.slug)
            .only("pk", "kind", "status", "filename", "created_at")[:5]
        )
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
        if tasks.goes_to_worker(data, filename):
            return self.in_background(filename, data, confirmed_token=token if pending else "",
                                      choices=ImportChoices.from_data(request.POST) if pending else None)
        resource = self.ledger.resource(township=self.township, user=request.user)
        if pending:  # the rows the clerk ticked and the namesakes they matched in the preview
            resource.choices = ImportChoices.from_data(request.POST)
        try:
            parsed = parse_sheet(read_rows(data, filename), resource.header_aliases(), resource.required_columns())
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
            if outcome.held_rows:
                messages.warning(request, _("第 %(rows)s 行会改变已有记录的关键信息（如当事人、所在村（社区）、日期），没有勾选确认，未写入。") % {
                    "rows": "、".join(str(row.sheet_row) for row in outcome.held_rows)})
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

    def in_background(self, filename, data, *, confirmed_token="", choices=None):
        """A large sheet is checked (or, once confirmed, imported) by the task worker; the clerk follows it on
        the task's page. A confirmation uses its preview up at once, so a second click imports nothing."""
        if confirmed_token:
            pending_path(confirmed_token).unlink(missing_ok=True)
            self.request.session["pending_imports"].pop(confirmed_token, None)
            self.request.session.modified = True
        kind = BackgroundTask.Kind.IMPORT_WRITE if confirmed_token else BackgroundTask.Kind.IMPORT_CHECK
        record = tasks.submit(tasks.import_ledger_sheet, kind=kind, user=self.request.user, township=self.township,
                              ledger=self.ledger.slug, filename=filename[:200], upload=data,
                              result={"choices": choices.to_json()} if choices is not None else {})
        return redirect(self.url("import_task", record.pk))


class LedgerImportTaskView(LedgerImportView):
    """A large sheet's check or import in the background: its progress while it runs, then what the import
    page shows — the preview with every row (and the confirm button), or the import's counts. Posting here is
    posting to the import page (the preview's confirm form, a new upload)."""

    task_template_name = "township/ledger/task.html"

    def get(self, request, task):
        record = access.get_task(request.user, self.township, task, ledger=self.ledger.slug)
        context = self.get_context_data(task=record, progress=tasks.status_of(record))
        if not record.is_finished or record.status == BackgroundTask.Status.FAILED:
            return render(request, self.task_template_name, context)
        outcome = tasks.outcome_from_json(record.result["outcome"])
        if record.kind == BackgroundTask.Kind.IMPORT_WRITE and outcome.written:
            return render(request, self.task_template_name, {**context, "counts": outcome.counts})
        token = ""
        if record.kind == BackgroundTask.Kind.IMPORT_CHECK and not outcome.error_rows:
            token = self.pending_token(record)
            if not token:
                messages.error(request, _("该导入预览已过期，请重新上传文件。"))
        context.update(outcome=outcome, preview=True, filename=record.filename, token=token)
        return self.render_to_response(context, status=400 if outcome.error_rows else 200)

    def post(self, request, task):
        access.get_task(request.user, self.township, task, ledger=self.ledger.slug)
        return super().post(request)

    def pending_token(self, record) -> str:
        """The checked sheet waits for the confirmation as an inline preview's does (a file, the session's
        token); made once, when its owner first sees the preview."""
        token = record.result.get("token", "")
        if not token or not pending_path(token).exists():
            if not record.upload:
                return ""
            token = secrets.token_urlsafe(16)
            discard_stale_pending_imports()
            pending_path(token).parent.mkdir(parents=True, exist_ok=True)
            pending_path(token).write_bytes(bytes(record.upload))
            record.result["token"] = token
            record.upload = b""
            record.save(update_fields=["result", "upload"])
        self.request.session.setdefault("pending_imports", {})[token] = {"ledger": self.ledger.slug,
                                                                         "name": record.filename}
        self.request.session.modified = True
        return token


class AttachmentUploadView(LedgerMixin, View):
    http_method_names = ["post"]
    permission = "change"

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
