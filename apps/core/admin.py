"""Admin building blocks shared by every app: soft delete and JSON editing.

``SoftDeleteAdmin`` shows every row (``all_objects``), live ones by default and
deleted ones on request, turns the admin's delete into a soft delete, and adds
restore and a superuser-only, confirmed hard delete. Deleted rows are read-only
until restored.
"""

import copy
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext, quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .widgets import PrettyJSONWidget

admin.site.site_header = _("Mock API portal")
admin.site.site_title = _("Mock API portal")
admin.site.index_title = _("Administration")


# --- JSON fields ----------------------------------------------------------------


class JSONFormField(forms.JSONField):
    """A JSON form field whose blank input means the model default, not NULL.

    For a non-null model field (``default=dict``) an emptied textarea must save
    ``{}`` rather than reach the database as NULL.
    """

    def __init__(self, *, blank_value: Callable[[], Any] | None = None, **kwargs):
        self.blank_value = blank_value
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if not self.disabled and self.blank_value and value in self.empty_values:
            return copy.deepcopy(self.blank_value())
        return super().to_python(value)


class PrettyJSONMixin:
    """Edit every JSONField in an indented textarea; bad JSON is a field error."""

    json_widget_attrs: dict[str, str] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            kwargs.setdefault("widget", PrettyJSONWidget(attrs=self.json_widget_attrs))
            if not db_field.null:
                kwargs.setdefault("form_class", JSONFormField)
                kwargs.setdefault("blank_value", db_field.get_default)
        elif isinstance(db_field, models.URLField):
            # Django 6's default; saying it now silences the 5.x deprecation.
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- Soft delete ------------------------------------------------------------------


class SoftDeleteModelForm(forms.ModelForm):
    """Runs the unique-among-live constraints that a plain ModelForm skips.

    Django skips a constraint when a field it mentions is not on the form, and
    ``deleted_at`` (read-only) is in every "live" condition. Its value is the
    row's own state, so including it in validation is safe.
    """

    def _get_validation_exclusions(self) -> set[str]:
        exclude = super()._get_validation_exclusions()
        exclude.discard("deleted_at")
        return exclude


class SoftDeleteStateFilter(admin.SimpleListFilter):
    """Live rows unless asked otherwise: ?state=deleted or ?state=all."""

    title = _("state")
    parameter_name = "state"
    LIVE, DELETED, ALL = "live", "deleted", "all"

    def lookups(self, request, model_admin):
        return [
            (self.LIVE, _("Live")),
            (self.DELETED, _("Deleted")),
            (self.ALL, _("All")),
        ]

    def value(self) -> str:
        value = super().value()
        return value if value in (self.DELETED, self.ALL) else self.LIVE

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            query_string = (
                changelist.get_query_string(remove=[self.parameter_name])
                if lookup == self.LIVE
                else changelist.get_query_string({self.parameter_name: lookup})
            )
            yield {
                "selected": self.value() == lookup,
                "query_string": query_string,
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.DELETED:
            return queryset.filter(deleted_at__isnull=False)
        if value == self.ALL:
            return queryset
        return queryset.filter(deleted_at__isnull=True)


class SoftDeleteAdmin(PrettyJSONMixin, admin.ModelAdmin):
    """Base admin for ``apps.core.models.BaseModel`` subclasses.

    Override ``soft_delete_object`` / ``restore_object`` to route through a
    service; either may raise ``ValidationError`` to refuse.
    """

    form = SoftDeleteModelForm
    list_filter: tuple = ()
    readonly_fields: tuple = ()
    actions = ("soft_delete_selected", "restore_selected", "hard_delete_selected")
    change_form_template = "admin/core/softdelete/change_form.html"
    delete_confirmation_template = "admin/core/softdelete/delete_confirmation.html"
    hard_delete_confirmation_template = (
        "admin/core/softdelete/hard_delete_confirmation.html"
    )
    record_fields = ("created_at", "updated_at", "deleted_at")

    # --- querysets, filters, fields
    def get_queryset(self, request: HttpRequest):
        qs = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def get_actions(self, request: HttpRequest):
        # The stock bulk delete is replaced by the explicit soft/hard pair.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_list_filter(self, request: HttpRequest):
        filters = list(super().get_list_filter(request))
        if SoftDeleteStateFilter not in filters:
            filters.insert(0, SoftDeleteStateFilter)
        return filters

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in self.record_fields if f not in fields]

    # --- permissions: a deleted row is read-only until restored
    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_deleted:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_deleted:
            return False
        return super().has_delete_permission(request, obj)

    def has_restore_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request)

    def has_hard_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request)

    # --- the writes (hooks for subclasses)
    def soft_delete_object(self, request: HttpRequest, obj) -> None:
        obj.delete()

    def restore_object(self, request: HttpRequest, obj) -> None:
        obj.restore()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            # The forms showed every rule inline already, so a service refusing
            # the save means a row written meanwhile (a race). The admin's
            # transaction has rolled back: nothing was saved.
            self.message_user(
                request,
                gettext("Nothing was saved: %(errors)s")
                % {"errors": " ".join(exc.messages)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request: HttpRequest, obj) -> None:
        self.soft_delete_object(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        with transaction.atomic():
            for obj in queryset.filter(deleted_at__isnull=True):
                self.soft_delete_object(request, obj)

    # --- list columns
    def get_list_display(self, request: HttpRequest):
        # Every soft-delete changelist shows the live/deleted badge, even when
        # a subclass's list_display leaves it out.
        columns = tuple(super().get_list_display(request))
        return columns if "state" in columns else (*columns, "state")

    @admin.display(description=_("state"), ordering="deleted_at")
    def state(self, obj) -> str:
        if obj.is_deleted:
            return format_html(
                '<span class="softdelete-badge softdelete-deleted" title="{}" '
                'style="background:#ba2121;color:#fff;padding:1px 6px;'
                'border-radius:8px;font-weight:bold">{}</span>',
                obj.deleted_at.isoformat(timespec="seconds"),
                gettext("deleted"),
            )
        return format_html(
            '<span class="softdelete-badge softdelete-live" '
            'style="color:#417690">{}</span>',
            gettext("live"),
        )

    # --- actions
    @admin.action(
        description=_("Soft delete selected %(verbose_name_plural)s"),
        permissions=["delete"],
    )
    def soft_delete_selected(self, request: HttpRequest, queryset) -> None:
        live = queryset.filter(deleted_at__isnull=True)
        rows = list(live)
        with transaction.atomic():
            self.log_deletions(request, live)
            for obj in rows:
                self.soft_delete_object(request, obj)
        done = len(rows)
        self.message_user(
            request,
            gettext("Moved %(count)d %(items)s to the bin; restore them any time.")
            % {"count": done, "items": model_ngettext(self.opts, done)},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(
        description=_("Restore selected %(verbose_name_plural)s"),
        permissions=["restore"],
    )
    def restore_selected(self, request: HttpRequest, queryset) -> None:
        done = 0
        for obj in queryset.filter(deleted_at__isnull=False):
            if self._restore(request, obj):
                done += 1
        self.message_user(
            request,
            gettext("Restored %(count)d %(items)s.")
            % {"count": done, "items": model_ngettext(self.opts, done)},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(
        description=_("Permanently delete selected %(verbose_name_plural)s"),
        permissions=["hard_delete"],
    )
    def hard_delete_selected(self, request: HttpRequest, queryset):
        deletable, model_count, perms_needed, protected = self.get_deleted_objects(
            queryset, request
        )
        if request.POST.get("post") == "yes" and not protected:
            if perms_needed:
                raise PermissionDenied
            count = len(queryset)
            with transaction.atomic():
                self.log_deletions(request, queryset)
                queryset.hard_delete()
            self.message_user(
                request,
                gettext("Permanently deleted %(count)d %(items)s.")
                % {"count": count, "items": model_ngettext(self.opts, count)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Permanently delete %(items)s?")
            % {"items": model_ngettext(queryset)},
            "subtitle": None,
            "objects_name": str(model_ngettext(queryset)),
            "deletable_objects": [deletable],
            "model_count": dict(model_count).items(),
            "queryset": queryset,
            "protected": protected,
            "opts": self.opts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": "hard_delete_selected",
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, self.hard_delete_confirmation_template, context
        )

    # --- the restore button on a deleted row's page
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def restore_view(self, request: HttpRequest, object_id: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_restore_permission(request, obj):
            raise PermissionDenied
        if obj.is_deleted and self._restore(request, obj):
            self.message_user(
                request,
                gettext("Restored “%(object)s”.") % {"object": obj},
                messages.SUCCESS,
            )
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        return HttpResponseRedirect(url)

    def _restore(self, request: HttpRequest, obj) -> bool:
        try:
            with transaction.atomic():
                self.restore_object(request, obj)
        except ValidationError as exc:
            obj.refresh_from_db(fields=["deleted_at"])
            self.message_user(
                request,
                gettext("Could not restore “%(object)s”: %(reason)s")
                % {"object": obj, "reason": " ".join(exc.messages)},
                messages.ERROR,
            )
            return False
        self.log_change(request, obj, gettext("Restored."))
        return True

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_restore"] = bool(
            obj is not None
            and obj.is_deleted
            and self.has_restore_permission(request, obj)
        )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
