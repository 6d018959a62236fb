"""The original's paths below /generator: one route per entity (so an
unknown entity is the kit's ``{"detail": "Not Found"}`` and each entity has
its own schema), the bundle, the OpenAPI document and its two viewers."""

import re

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from apps.core.api_docs import RedocView, SwaggerView

from .api.schema import entity_schema
from .api.views import BundleView, EntityView
from .engine import ENTITIES, VERSION


def operation_id(entity: str) -> str:
    # FastAPI's default operationId: the function name, the path, the method.
    slug = re.sub(r"\W", "_", entity)
    return f"get_{slug}_api_v1_{slug}_get"


def entity_view(entity: str):
    spec = ENTITIES[entity]
    name = "".join(part.title() for part in re.split(r"\W", entity)) + "View"
    cls = type(
        name, (EntityView,), {"entity": entity, "operation": operation_id(entity)}
    )
    cls.get = entity_schema(spec, operation_id(entity))(_get_of(cls))
    return cls.as_view()


def _get_of(cls):
    # A function of its own per class: extend_schema annotates the function
    # it is given, and the 19 views must not share one annotation.
    def get(self, request):
        return EntityView.get(self, request)

    get.__qualname__ = f"{cls.__name__}.get"
    return get


urlpatterns = [
    *(
        path(
            f"api/v1/{name}",
            entity_view(name),
            name=f"generator-{name.replace('/', '-')}",
        )
        for name in ENTITIES
    ),
    path("api/v1/bundle", BundleView.as_view(), name="generator-bundle"),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(
            urlconf="apps.generator.urls",
            custom_settings={
                "TITLE": "E-commerce data generator",
                "DESCRIPTION": "Seeded, joinable e-commerce data in JSON, NDJSON, CSV and XML. See docs/generator.md.",
                "VERSION": VERSION,
                "SERVERS": [{"url": "/generator"}],
                "SCHEMA_PATH_PREFIX": "",
            },
        ),
        name="generator-schema",
    ),
    path(
        "docs",
        SwaggerView.as_view(url_name="generator-schema"),
        name="generator-docs",
    ),
    path(
        "redoc",
        RedocView.as_view(url_name="generator-schema"),
        name="generator-redoc",
    ),
]
