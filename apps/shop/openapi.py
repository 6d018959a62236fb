"""The shop's OpenAPI document, built from its URLconf alone (what
``/shop/openapi.json`` serves), and the committed copy at
``apps/shop/openapi.yaml`` (``manage.py shop_openapi`` regenerates it)."""

from __future__ import annotations

from pathlib import Path

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.settings import patched_settings

COMMITTED = Path(__file__).with_name("openapi.yaml")


def document() -> dict:
    from .urls import SCHEMA_SETTINGS

    with patched_settings(SCHEMA_SETTINGS):
        generator = SchemaGenerator(urlconf="apps.shop.urls")
        return generator.get_schema(request=None, public=True)


def as_yaml(schema: dict) -> bytes:
    return OpenApiYamlRenderer().render(schema, renderer_context={})
