"""URLs of the management API, below /api/.

Canonical paths have no trailing slash (/api/groups); the slash form is
accepted too. /api/schema/ documents only these routes (one schema per API
family); anything else below /api/ answers a 404 problem.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from apps.core.api_docs import RedocView, SwaggerView

from . import import_views, views
from .schema import SCHEMA_SETTINGS

app_name = "api"

OPTIONAL_SLASH = "(?:/)?"  # the schema shows it as no slash, unlike "/?"

router = DefaultRouter()
router.trailing_slash = OPTIONAL_SLASH
router.include_format_suffixes = False
router.register("groups", views.GroupViewSet, basename="group")
router.register(
    r"groups/(?P<group_id>[^/.]+)/endpoints", views.EndpointViewSet, basename="endpoint"
)

api_urlpatterns = [
    re_path(rf"^auth/me{OPTIONAL_SLASH}$", views.MeView.as_view(), name="me"),
    # Before the router: "groups/{id}" would otherwise take "import" as an id.
    re_path(
        rf"^groups/import{OPTIONAL_SLASH}$",
        import_views.GroupImportView.as_view(),
        name="group-import",
    ),
    *router.urls,
    path("", include("apps.mocks.api.journal_urls")),
]

urlpatterns = [
    *api_urlpatterns,
    path(
        "schema/",
        SpectacularAPIView.as_view(
            patterns=[path("api/", include(api_urlpatterns))],
            custom_settings=SCHEMA_SETTINGS,
        ),
        name="schema",
    ),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    re_path(r"", views.not_found, name="not-found"),
]
