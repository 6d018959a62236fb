"""Admin for the mock configuration, QA's main tool.

Writes go through ``services``: the forms show every error inline first, then
one service call validates again and saves the row (an endpoint together with
its headers and URL parameters) in one transaction.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.admin import PrettyJSONMixin, SoftDeleteAdmin, SoftDeleteModelForm

from . import models as m
from . import services
from . import validators as v

# --- Filters ----------------------------------------------------------------------


class GroupFilter(admin.SimpleListFilter):
    """Every group, deleted ones included (the stock FK filter lists live ones)."""

    title = _("group")
    parameter_name = "group"
    field = "group_id"

    def lookups(self, request, model_admin):
        rows = m.Group.all_objects.order_by("slug", "-deleted_at")
        return [
            (
                str(group.pk),
                gettext("%(slug)s (deleted)") % {"slug": group.slug}
                if group.is_deleted
                else group.slug,
            )
            for group in rows.only("id", "slug", "deleted_at")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class EndpointGroupFilter(GroupFilter):
    field = "endpoint__group_id"


# The spec part shared by the header/parameter inlines and their own pages.
EXPECTED_VALUE_FIELDSETS = [
    (
        _("Constraints"),
        {
            "fields": (
                ("minimum", "maximum"),
                ("min_length", "max_length"),
                "enum_values",
            )
        },
    ),
    (
        _("Response when missing or invalid"),
        {
            "fields": (
                "default_status_code",
                "default_response_body",
                "default_response_schema",
            )
        },
    ),
]


# --- Inlines ----------------------------------------------------------------------


class ExpectedValueFormSet(BaseInlineFormSet):
    """Checks across the rows of one inline, which single-row validation misses.

    The database allows one live row per name (headers case-insensitively), and
    each path parameter must name a {segment} of the endpoint's path (checked
    here too because a new endpoint has no key yet when its rows are validated).
    """

    def _identity(self, form) -> tuple:
        name = (form.cleaned_data.get("name") or "").strip()
        if self.model is m.Header:
            return (name.lower(),)
        return (name, form.cleaned_data.get("location") or m.ParameterLocation.QUERY)

    def _kept_forms(self):
        for index, form in enumerate(self.forms):
            if not hasattr(form, "cleaned_data"):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            yield form

    def clean(self) -> None:
        super().clean()
        seen: set[tuple] = set()
        path_names = v.path_parameters(self.instance.path or "/")
        for form in self._kept_forms():
            if "name" not in form.cleaned_data:
                continue
            identity = self._identity(form)
            if identity in seen:
                form.add_error(
                    "name",
                    gettext("Another row of this endpoint already uses this name."),
                )
                continue
            seen.add(identity)
            location = form.cleaned_data.get("location")
            name = form.cleaned_data["name"]
            if location == m.ParameterLocation.PATH and name not in path_names:
                form.add_error(
                    "name",
                    gettext("The path %(path)s has no {%(name)s} segment.")
                    % {"path": self.instance.path, "name": name},
                )

    def service_items(self) -> list[dict]:
        """The rows to keep, as the nested list ``services.endpoint_update`` takes."""
        fields = services.NESTED[self.service_key][1]
        items = []
        for form in self._kept_forms():
            row = form.instance
            item = {field: getattr(row, field) for field in fields}
            if not row._state.adding:
                item["id"] = str(row.pk)
            items.append(item)
        return items

    def record_changes(self) -> None:
        """What the admin's history needs (``formset.save()`` would set these)."""
        kept = set(map(id, self._kept_forms()))
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        for index, form in enumerate(self.forms):
            existing = index < self.initial_form_count()
            if existing and self.can_delete and self._should_delete_form(form):
                self.deleted_objects.append(form.instance)
            elif id(form) in kept and not existing:
                self.new_objects.append(form.instance)
            elif id(form) in kept and form.has_changed():
                self.changed_objects.append((form.instance, form.changed_data))


class ExpectedValueInline(PrettyJSONMixin, admin.StackedInline):
    form = SoftDeleteModelForm
    formset = ExpectedValueFormSet
    extra = 0
    show_change_link = True
    json_widget_attrs = {"rows": "3"}
    main_fields: tuple = ("name", "value_type", "required")

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": (self.main_fields, ("exact_value", "pattern"))}),
            *EXPECTED_VALUE_FIELDSETS,
        ]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.service_key = self.service_key
        return formset


class HeaderInline(ExpectedValueInline):
    model = m.Header
    service_key = "headers"


class UrlParameterInline(ExpectedValueInline):
    model = m.UrlParameter
    service_key = "url_parameters"
    main_fields = ("name", "location", "value_type", "required")


# --- Groups -----------------------------------------------------------------------


@admin.register(m.Group)
class GroupAdmin(SoftDeleteAdmin):
    list_display = (
        "name",
        "slug",
        "endpoint_count",
        "state",
        "created_by",
        "created_at",
        "updated_at",
    )
    list_display_links = ("name", "slug")
    search_fields = ("name", "slug", "description")
    list_select_related = ("created_by",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "description")}),
        (
            _("Record"),
            {"fields": ("created_by", "created_at", "updated_at", "deleted_at")},
        ),
    )
    readonly_fields = ("created_by",)

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .annotate(
                live_endpoints=Count(
                    "endpoints", filter=Q(endpoints__deleted_at__isnull=True)
                )
            )
        )

    @admin.display(description=_("endpoints"), ordering="live_endpoints")
    def endpoint_count(self, obj: m.Group) -> str:
        url = reverse("admin:mocks_endpoint_changelist") + f"?group={obj.pk}"
        if obj.is_deleted:
            url += "&state=all"
        return format_html('<a href="{}">{}</a>', url, obj.live_endpoints)

    def save_model(self, request, obj: m.Group, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        # The service validates and saves the instance the form built.
        services.group_update(
            group=obj, data={f: getattr(obj, f) for f in services.GROUP_FIELDS}
        )

    def soft_delete_object(self, request, obj: m.Group) -> None:
        services.group_delete(group=obj)

    def restore_object(self, request, obj: m.Group) -> None:
        services.group_restore(group=obj)


# --- Endpoints --------------------------------------------------------------------

_ENDPOINT_FIELDS = {f.name for f in m.Endpoint._meta.get_fields()}
# The engine's delay settings, where the model has them.
DELAY_AND_CHAOS_FIELDS = tuple(
    name
    for name in (
        "max_wait_time",
        "fixed_delay",
        "lognormal_median",
        "lognormal_sigma",
        "chaos_mode",
        "chaos_weights",
    )
    if name in _ENDPOINT_FIELDS
)


@admin.register(m.Endpoint)
class EndpointAdmin(SoftDeleteAdmin):
    # Few, narrow columns: at 1366 px the whole row fits beside the admin's
    # sidebar (method, group and path read as one route; who and when created
    # are on the change page).
    list_display = (
        "name",
        "route",
        "status",
        "chaos",
        "state",
        "updated_at",
    )
    list_filter = (GroupFilter, "method", "chaos_mode", "response_status_code")
    search_fields = ("name", "path", "description", "group__slug", "group__name")
    list_select_related = ("group", "created_by")
    inlines = (HeaderInline, UrlParameterInline)
    readonly_fields = ("mock_urls", "created_by")
    actions = (
        *SoftDeleteAdmin.actions,
        "duplicate_selected",
        "enable_chaos",
        "disable_chaos",
    )
    fieldsets = (
        (None, {"fields": ("group", "name", ("method", "path"), "description")}),
        (
            _("Response"),
            {
                "fields": (
                    "response_status_code",
                    "response_headers",
                    "response_body",
                    "response_schema",
                )
            },
        ),
        (_("Delays and chaos"), {"fields": DELAY_AND_CHAOS_FIELDS}),
        (
            _("Request body (POST, PUT, PATCH)"),
            {
                "fields": (
                    "request_body_schema",
                    "request_body_required",
                    "request_error_status_code",
                    "request_error_body",
                )
            },
        ),
        (
            _("Record"),
            {
                "fields": (
                    "mock_urls",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "deleted_at",
                )
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        # Fields added to the model later (engine settings) still show up,
        # in their own section, rather than silently missing from the form.
        fieldsets = list(super().get_fieldsets(request, obj))
        placed = set(flatten_fieldsets(fieldsets))
        missing = [
            f.name
            for f in m.Endpoint._meta.get_fields()
            if getattr(f, "editable", False)
            and not f.auto_created
            and f.concrete
            and f.name not in placed
            and f.name != "id"
        ]
        if missing:
            fieldsets.insert(-1, (_("More settings"), {"fields": missing}))
        return fieldsets

    @admin.display(description=_("route"), ordering="group__slug")
    def route(self, obj: m.Endpoint) -> str:
        return format_html(
            '<code style="overflow-wrap:anywhere;white-space:normal">{} /{}{}</code>',
            obj.method,
            obj.group.slug,
            obj.path if obj.path != "/" else "",
        )

    @admin.display(description=_("chaos"), boolean=True, ordering="chaos_mode")
    def chaos(self, obj: m.Endpoint) -> bool:
        return obj.chaos_mode

    @admin.display(description=_("status"), ordering="response_status_code")
    def status(self, obj: m.Endpoint) -> int:
        return obj.response_status_code

    @admin.display(description=_("mock URLs"))
    def mock_urls(self, obj: m.Endpoint) -> str:
        if obj is None or not obj.group_id or obj._state.adding:
            return "-"
        url = f"/{obj.group.slug}{obj.path if obj.path != '/' else ''}"
        return format_html(
            "<code>{} {}</code><br><code>{} {}/chaos</code>",
            obj.method,
            url,
            obj.method,
            url,
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group":
            kwargs["queryset"] = m.Group.objects.order_by("slug")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- writes
    def save_model(self, request, obj: m.Endpoint, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        # Saved in save_related, together with its inline rows.

    def save_related(self, request, form, formsets, change: bool) -> None:
        endpoint = form.instance
        data = {field: getattr(endpoint, field) for field in services.ENDPOINT_FIELDS}
        for formset in formsets:
            data[formset.service_key] = formset.service_items()
        services.endpoint_update(endpoint=endpoint, data=data, partial=False)
        for formset in formsets:
            formset.record_changes()

    def soft_delete_object(self, request, obj: m.Endpoint) -> None:
        services.endpoint_delete(endpoint=obj)

    def restore_object(self, request, obj: m.Endpoint) -> None:
        services.endpoint_restore(endpoint=obj)

    # --- actions
    @admin.action(
        description=_("Duplicate selected %(verbose_name_plural)s"),
        permissions=["add"],
    )
    def duplicate_selected(self, request: HttpRequest, queryset) -> None:
        copies = []
        for endpoint in queryset.filter(deleted_at__isnull=True):
            try:
                duplicate = services.endpoint_duplicate(
                    endpoint=endpoint, user=request.user
                )
            except ValidationError as exc:
                self.message_user(
                    request,
                    gettext("Could not duplicate “%(object)s”: %(reason)s")
                    % {"object": endpoint, "reason": " ".join(exc.messages)},
                    messages.ERROR,
                )
                continue
            self.log_addition(request, duplicate, [{"added": {}}])
            copies.append(duplicate)
        self.message_user(
            request,
            gettext("Created %(count)d copies: %(copies)s")
            % {"count": len(copies), "copies": ", ".join(map(str, copies)) or "-"},
            messages.SUCCESS if copies else messages.WARNING,
        )

    def _set_chaos(self, request: HttpRequest, queryset, enabled: bool) -> int:
        count = 0
        for endpoint in queryset.filter(deleted_at__isnull=True):
            if endpoint.chaos_mode != enabled:
                services.endpoint_set_chaos(endpoint=endpoint, enabled=enabled)
                self.log_change(
                    request, endpoint, [{"changed": {"fields": ["chaos_mode"]}}]
                )
                count += 1
        return count

    @admin.action(description=_("Turn chaos mode on"), permissions=["change"])
    def enable_chaos(self, request: HttpRequest, queryset) -> None:
        count = self._set_chaos(request, queryset, True)
        self.message_user(
            request,
            gettext("Chaos mode turned on for %(count)d endpoints.") % {"count": count},
        )

    @admin.action(description=_("Turn chaos mode off"), permissions=["change"])
    def disable_chaos(self, request: HttpRequest, queryset) -> None:
        count = self._set_chaos(request, queryset, False)
        self.message_user(
            request,
            gettext("Chaos mode turned off for %(count)d endpoints.")
            % {"count": count},
        )


# --- Headers and URL parameters on their own ----------------------------------------


class ExpectedValueAdmin(SoftDeleteAdmin):
    search_fields = ("name", "endpoint__path", "endpoint__group__slug")
    list_select_related = ("endpoint__group",)
    list_filter = (EndpointGroupFilter, "value_type", "required")
    main_fields: tuple = ("endpoint", "name", "value_type", "required")

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": (*self.main_fields, "exact_value", "pattern")}),
            *EXPECTED_VALUE_FIELDSETS,
            (_("Record"), {"fields": ("created_at", "updated_at", "deleted_at")}),
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "endpoint":
            kwargs["queryset"] = m.Endpoint.objects.select_related("group")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def restore_object(self, request, obj) -> None:
        if obj.endpoint.is_deleted:
            raise ValidationError(
                gettext("Restore the endpoint “%(endpoint)s” first.")
                % {"endpoint": obj.endpoint},
                code="parent_deleted",
            )
        obj.restore()


@admin.register(m.Header)
class HeaderAdmin(ExpectedValueAdmin):
    list_display = (
        "name",
        "endpoint",
        "value_type",
        "required",
        "exact_value",
        "pattern",
        "state",
        "created_at",
        "updated_at",
    )


@admin.register(m.UrlParameter)
class UrlParameterAdmin(ExpectedValueAdmin):
    list_display = (
        "name",
        "location",
        "endpoint",
        "value_type",
        "required",
        "state",
        "created_at",
        "updated_at",
    )
    list_filter = (*ExpectedValueAdmin.list_filter, "location")
    main_fields = ("endpoint", "name", "location", "value_type", "required")
