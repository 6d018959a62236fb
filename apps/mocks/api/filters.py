"""Query filters of the management API lists (django-filter).

Free-text ``search`` and ``ordering`` come from DRF's SearchFilter and
OrderingFilter, configured on the views.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.widgets import BooleanWidget

from apps.mocks import models as m


class RawBooleanWidget(BooleanWidget):
    """Passes "true"/"false" on as booleans and anything else as sent."""

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        return {"true": True, "false": False}.get(raw, raw)


class StrictNullBooleanField(forms.NullBooleanField):
    """true, false or left out: anything else (chaos_mode=null) is a 400,
    not silently no filter, as the schema says boolean."""

    def clean(self, value):
        if value in (None, ""):
            return None
        if not isinstance(value, bool):
            raise forms.ValidationError(_("Must be true or false."), code="invalid")
        return value


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictNullBooleanField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", RawBooleanWidget)
        super().__init__(*args, **kwargs)


class GroupFilter(filters.FilterSet):
    name = filters.CharFilter(
        lookup_expr="icontains", help_text=_("Name contains (any case).")
    )
    slug = filters.CharFilter(help_text=_("Exact slug."))

    class Meta:
        model = m.Group
        fields = ("name", "slug")


class EndpointFilter(filters.FilterSet):
    name = filters.CharFilter(
        lookup_expr="icontains", help_text=_("Name contains (any case).")
    )
    path = filters.CharFilter(
        lookup_expr="icontains", help_text=_("Path contains (any case).")
    )
    method = filters.ChoiceFilter(
        choices=m.HttpMethod.choices, help_text=_("HTTP method.")
    )
    chaos_mode = StrictBooleanFilter(help_text=_("Chaos twin on or off."))

    class Meta:
        model = m.Endpoint
        fields = ("name", "path", "method", "chaos_mode")
