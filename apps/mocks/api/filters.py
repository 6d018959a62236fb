"""Query filters of the management API lists (django-filter).

Free-text ``search`` and ``ordering`` come from DRF's SearchFilter and
OrderingFilter, configured on the views.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from apps.mocks import models as m


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
    chaos_mode = filters.BooleanFilter(help_text=_("Chaos twin on or off."))

    class Meta:
        model = m.Endpoint
        fields = ("name", "path", "method", "chaos_mode")
