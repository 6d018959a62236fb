"""The bookstore's paths, as the original FastAPI app serves them, below the
``/bookstore/`` prefix (mounted by the family registry)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from apps.core import families
from apps.core.api_docs import RedocView, SwaggerView
from apps.core.seeding.views import reset_view

from .api import views
from .api.schema import BookstoreAutoSchema

urlpatterns = [
    path("api/books", views.BooksView.as_view(), name="bookstore-books"),
    path("api/books/<str:isbn>", views.BookView.as_view(), name="bookstore-book"),
    path("api/orders", views.OrdersView.as_view(), name="bookstore-orders"),
    path(
        "api/orders/<str:order_id>", views.OrderView.as_view(), name="bookstore-order"
    ),
    path("api/delivery", views.DeliveriesView.as_view(), name="bookstore-deliveries"),
    path(
        "api/delivery/<str:delivery_id>",
        views.DeliveryView.as_view(),
        name="bookstore-delivery",
    ),
    path("health", views.HealthView.as_view(), name="bookstore-health"),
    path("metrics", views.MetricsView.as_view(), name="bookstore-metrics"),
    path(
        "_mock/reset",
        reset_view(families.get("bookstore"), schema=BookstoreAutoSchema()).as_view(),
        name="bookstore-reset",
    ),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(
            urlconf="apps.bookstore.urls",
            custom_settings={
                "TITLE": "Bookstore API",
                "DESCRIPTION": "Inventory, sales and delivery (docs/bookstore.md). "
                'Errors are FastAPI\'s {"detail": ...}.',
                "VERSION": "1.0.0",
                "SERVERS": [{"url": "/bookstore"}],
                "SCHEMA_PATH_PREFIX": "",
            },
        ),
        name="bookstore-schema",
    ),
    path(
        "docs",
        SwaggerView.as_view(url_name="bookstore-schema"),
        name="bookstore-docs",
    ),
    path(
        "redoc",
        RedocView.as_view(url_name="bookstore-schema"),
        name="bookstore-redoc",
    ),
]
