from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.core import families
from apps.core.seeding.views import reset_view

from . import views

urlpatterns = [
    path("items", views.ItemsView.as_view(), name="tiny-items"),
    path("items/<int:item_id>", views.ItemView.as_view(), name="tiny-item"),
    path("crash", views.crash, name="tiny-crash"),
    path("_mock/reset", reset_view(families.get("tiny")).as_view(), name="tiny-reset"),
    # One OpenAPI document per family: only this URLconf's routes, served
    # below the family's prefix.
    path(
        "openapi.json",
        SpectacularAPIView.as_view(
            urlconf="tests.tinyfamily.urls",
            custom_settings={
                "TITLE": "Tiny test API",
                "VERSION": "1.0.0",
                "SERVERS": [{"url": "/tiny"}],
                "SCHEMA_PATH_PREFIX": "",
            },
        ),
        name="tiny-schema",
    ),
    path(
        "docs",
        SpectacularSwaggerView.as_view(url_name="tiny-schema"),
        name="tiny-docs",
    ),
]
