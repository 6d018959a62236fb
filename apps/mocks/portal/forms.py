"""Portal forms: they check shape and types; the services check the rules.

Each form turns its cleaned data into the dict the services take
(``group_create(data=...)``, ``endpoint_create(data=...)``) and can put the
services' ``ValidationError`` keys (``headers[1].name``) back on the right row.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from apps.mocks import models as m

JSON_ATTRS = {"rows": 6, "spellcheck": "false", "autocomplete": "off"}


class PrettyJSONField(forms.JSONField):
    """A JSON textarea that shows its value indented; empty means null."""

    default_error_messages = {"invalid": _("Enter valid JSON: %(error)s")}

    def __init__(self, *, schema: bool = False, **kwargs: Any) -> None:
        attrs = {**JSON_ATTRS, "data-json": "schema" if schema else "value"}
        attrs.update(kwargs.pop("attrs", {}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if self.disabled:
            return value
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, list | dict | int | float | bool):
            return value
        try:
            return json.loads(value)
        except (json.JSONDecodeError, TypeError) as exc:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"error": str(exc)},
            ) from exc

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Redisplay exactly what was typed, valid or not.
        return data

    def prepare_value(self, value: Any) -> Any:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.CharField(
        label=_("Slug"),
        max_length=50,
        required=False,
        help_text=_("First URL segment: /{slug}/… Derived from the name when empty."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def to_data(self) -> dict[str, Any]:
        return {
            "name": self.cleaned_data["name"],
            "slug": self.cleaned_data.get("slug") or "",
            "description": self.cleaned_data.get("description") or "",
        }


class EndpointForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    method = forms.ChoiceField(
        label=_("Method"),
        choices=m.HttpMethod.choices,
        initial=m.HttpMethod.GET,
        widget=forms.Select(attrs={"data-method-select": ""}),
    )
    path = forms.CharField(
        label=_("Path"),
        max_length=500,
        help_text=_("Literal segments and {param} templates, e.g. /orders/{order_id}."),
        widget=forms.TextInput(attrs={"placeholder": "/orders/{order_id}"}),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    response_status_code = forms.IntegerField(
        label=_("Response status code"), min_value=100, max_value=599, initial=200
    )
    response_body = PrettyJSONField(
        label=_("Response body (static JSON)"),
        help_text=_("Sent as is. Leave empty to generate the body from the schema."),
    )
    response_schema = PrettyJSONField(
        schema=True,
        label=_("Response JSON Schema"),
        help_text=_(
            "Bodies are generated from this schema when no static body is set."
        ),
    )
    request_body_schema = PrettyJSONField(
        schema=True,
        label=_("Request body JSON Schema"),
        help_text=_("Requests whose body does not match get the error response below."),
    )
    request_body_required = forms.BooleanField(
        label=_("Request body required"), required=False
    )
    request_error_status_code = forms.IntegerField(
        label=_("Status when the body is missing or invalid"),
        min_value=100,
        max_value=599,
        required=False,
        help_text=_("Empty means 400 (missing) or 422 (invalid)."),
    )
    request_error_body = PrettyJSONField(
        label=_("Response body when the body is missing or invalid"),
        help_text=_("Empty means an RFC 9457 problem+json listing every violation."),
    )
    max_wait_time = forms.IntegerField(
        label=_("Max wait time (ms)"),
        min_value=0,
        max_value=m.MAX_WAIT_TIME_MS,
        initial=0,
        help_text=_("Each response waits a random time up to this many milliseconds."),
    )
    fixed_delay = forms.IntegerField(
        label=_("Fixed delay (ms)"),
        min_value=0,
        max_value=m.MAX_WAIT_TIME_MS,
        initial=0,
        required=False,
    )
    lognormal_median = forms.IntegerField(
        label=_("Log-normal delay median (ms)"),
        min_value=0,
        max_value=m.MAX_WAIT_TIME_MS,
        required=False,
        help_text=_("Adds a log-normally distributed wait with this median."),
    )
    lognormal_sigma = forms.FloatField(
        label=_("Log-normal delay sigma"),
        required=False,
        help_text=_("Spread of the log-normal wait (0.1 tight … 1.5 long tail)."),
    )
    chaos_mode = forms.BooleanField(
        label=_("Chaos mode"),
        required=False,
        initial=True,
        help_text=_(
            "Serve the /chaos twin of this endpoint, which breaks the contract on purpose."
        ),
    )
    chaos_weights = PrettyJSONField(
        label=_("Chaos fault weights"),
        help_text=_('Relative weight per fault, e.g. {"http_500": 3, "timeout": 0}.'),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chaos_weights"].widget.attrs["rows"] = 3

    def to_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        data = {
            key: cd.get(key)
            for key in (
                "name", "method", "path", "description", "response_status_code",
                "response_body", "response_schema", "request_body_schema",
                "request_body_required", "request_error_status_code",
                "request_error_body", "max_wait_time", "chaos_mode",
                "lognormal_median", "lognormal_sigma",
            )
        }  # fmt: skip
        data["description"] = data["description"] or ""
        data["fixed_delay"] = cd.get("fixed_delay") or 0
        data["chaos_weights"] = cd.get("chaos_weights") or {}
        if data["method"] not in m.BODY_METHODS:
            # The body section is hidden for these methods: never send stale values.
            data.update(
                request_body_schema=None,
                request_body_required=False,
                request_error_status_code=None,
                request_error_body=None,
            )
        return data


class ResponseHeaderForm(forms.Form):
    name = forms.CharField(
        label=_("Header name"),
        max_length=128,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Cache-Control"}),
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=2048,
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"placeholder": "no-store"}),
    )
    DELETE = forms.BooleanField(
        label=_("Remove"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-row-delete": ""}),
    )

    def clean(self) -> dict[str, Any]:
        cd = super().clean()
        if cd.get("value") and not cd.get("name") and not cd.get("DELETE"):
            self.add_error("name", _("Give the header a name, or clear its value."))
        return cd


class ExpectedValueForm(forms.Form):
    """One expected header or URL parameter (a row of the editor)."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=128, required=False)
    value_type = forms.ChoiceField(
        label=_("Type"), choices=m.ValueType.choices, initial=m.ValueType.STRING
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    minimum = forms.FloatField(label=_("Minimum"), required=False)
    maximum = forms.FloatField(label=_("Maximum"), required=False)
    min_length = forms.IntegerField(label=_("Min length"), min_value=0, required=False)
    max_length = forms.IntegerField(label=_("Max length"), min_value=0, required=False)
    pattern = forms.CharField(
        label=_("Pattern (regex)"), max_length=500, required=False, strip=False
    )
    enum_values = forms.CharField(
        label=_("Allowed values"),
        required=False,
        help_text=_("For type enum: comma-separated."),
        widget=forms.TextInput(attrs={"placeholder": "asc, desc"}),
    )
    exact_value = forms.CharField(
        label=_("Exact value"), max_length=1024, required=False
    )
    default_status_code = forms.IntegerField(
        label=_("Status if missing or invalid"),
        min_value=100,
        max_value=599,
        required=False,
    )
    default_response_body = PrettyJSONField(
        label=_("Response body if missing or invalid"), attrs={"rows": 2}
    )
    default_response_schema = PrettyJSONField(
        schema=True,
        label=_("Or a JSON Schema for that response"),
        attrs={"rows": 2},
    )
    DELETE = forms.BooleanField(
        label=_("Remove"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-row-delete": ""}),
    )

    def clean(self) -> dict[str, Any]:
        cd = super().clean()
        if self.has_changed() and not cd.get("DELETE") and not cd.get("name"):
            self.add_error("name", _("A name is required."))
        return cd

    def to_item(self) -> dict[str, Any]:
        cd = self.cleaned_data
        item: dict[str, Any] = {
            "name": cd["name"],
            "value_type": cd["value_type"],
            "required": bool(cd.get("required")),
            "minimum": cd.get("minimum"),
            "maximum": cd.get("maximum"),
            "min_length": cd.get("min_length"),
            "max_length": cd.get("max_length"),
            "pattern": cd.get("pattern") or "",
            "enum_values": [
                v.strip() for v in (cd.get("enum_values") or "").split(",") if v.strip()
            ],
            "exact_value": cd.get("exact_value") or "",
            "default_status_code": cd.get("default_status_code"),
            "default_response_body": cd.get("default_response_body"),
            "default_response_schema": cd.get("default_response_schema"),
        }
        if cd.get("id"):
            item["id"] = cd["id"]
        return item

    @staticmethod
    def initial_for(row: Any) -> dict[str, Any]:
        data = {
            field: getattr(row, field)
            for field in ExpectedValueForm.base_fields
            if field not in ("id", "DELETE")
        }
        data["id"] = str(row.pk)
        data["enum_values"] = ", ".join(row.enum_values or [])
        for key in ("minimum", "maximum"):
            # 1 rather than 1.0 for a whole number (integer parameters).
            if isinstance(data[key], float) and data[key].is_integer():
                data[key] = int(data[key])
        return data


class UrlParameterForm(ExpectedValueForm):
    location = forms.ChoiceField(
        label=_("Location"),
        choices=m.ParameterLocation.choices,
        initial=m.ParameterLocation.QUERY,
    )

    field_order = ["id", "name", "location"]

    def to_item(self) -> dict[str, Any]:
        item = super().to_item()
        item["location"] = self.cleaned_data["location"]
        return item

    @staticmethod
    def initial_for(row: Any) -> dict[str, Any]:
        data = ExpectedValueForm.initial_for(row)
        data["location"] = row.location
        return data


ResponseHeaderFormSet = formset_factory(ResponseHeaderForm, extra=0)
HeaderFormSet = formset_factory(ExpectedValueForm, extra=0)
UrlParameterFormSet = formset_factory(UrlParameterForm, extra=0)


def live_forms(formset) -> list:
    """The rows of a valid formset that hold something and are not removed."""
    return [
        form
        for form in formset.forms
        if form.has_changed()
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("name")
    ]


class TestRequestForm(forms.Form):
    path = forms.CharField(
        label=_("Path"),
        max_length=2000,
        required=False,
        help_text=_("Below the group, with sample values in the {param} segments."),
    )
    query = forms.CharField(
        label=_("Query string"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "page=1&sort=asc"}),
    )
    headers = forms.CharField(
        label=_("Request headers"),
        required=False,
        help_text=_("One per line: Name: value"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    body = forms.CharField(
        label=_("Request body"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )
    target = forms.ChoiceField(
        choices=[("mock", "mock"), ("chaos", "chaos")], required=False
    )

    def clean_headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for number, line in enumerate(
            (self.cleaned_data.get("headers") or "").splitlines(), 1
        ):
            if not line.strip():
                continue
            name, sep, value = line.partition(":")
            if not sep or not name.strip():
                raise ValidationError(
                    _("Line %(number)d is not “Name: value”."),
                    params={"number": number},
                )
            out[name.strip()] = value.strip()
        return out


class OpenAPIImportForm(forms.Form):
    file = forms.FileField(
        label=_("OpenAPI document"),
        help_text=_("OpenAPI 3.0 or 3.1, JSON or YAML."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.yaml,.yml"}),
    )
    slug = forms.CharField(
        label=_("Group slug"),
        max_length=50,
        required=False,
        help_text=_("Derived from the document's title when empty."),
    )
    name = forms.CharField(
        label=_("Group name"),
        max_length=120,
        required=False,
        help_text=_("The document's title when empty."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload


def family_choices() -> list[tuple[str, str]]:
    from apps.core import families

    return [("", _("All APIs"))] + [(f.label, f.title) for f in families.all_families()]


class JournalFilterForm(forms.Form):
    family = forms.ChoiceField(label=_("API"), required=False, choices=family_choices)
    operation = forms.CharField(label=_("Operation"), required=False, max_length=120)
    group = forms.CharField(label=_("Group"), required=False)
    endpoint = forms.UUIDField(required=False, widget=forms.HiddenInput)
    method = forms.ChoiceField(
        label=_("Method"),
        required=False,
        choices=[("", _("Any method")), *m.HttpMethod.choices],
    )
    status = forms.IntegerField(
        label=_("Status"), required=False, min_value=100, max_value=599
    )
    fault = forms.CharField(label=_("Chaos fault"), required=False)
    chaos = forms.BooleanField(label=_("Chaos twin only"), required=False)
    since = forms.DateTimeField(
        label=_("From"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    until = forms.DateTimeField(
        label=_("Before"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since >= until:
            self.add_error("until", _("Must be later than “From”."))
        return data

    def params(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        out = {}
        for key, value in self.cleaned_data.items():
            if value in (None, "", False):
                continue
            if isinstance(value, datetime):
                out[key] = value.isoformat()
            else:
                out[key] = "true" if value is True else str(value)
        return out
