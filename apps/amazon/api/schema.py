"""OpenAPI for the mock, built from Amazon's own models (``apps/amazon/spec``).

Each view method is annotated with ``sp_api_schema(model, path, method)``: its
parameters, request body and responses are taken from the official Swagger 2.0
operation; the referenced definitions become components prefixed with the API
name (``OrdersV0Order``, ``ReportsError`` …), so two APIs' ``Error`` never clash.
The schema is served at ``/amazon/_mock/schema`` and only lists Amazon paths
(the views are excluded from the project's management-API schema).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"
PREFIXES = {
    "ordersV0.json": "OrdersV0",
    "listingsItems_2021-08-01.json": "Listings",
    "fbaInventory.json": "FbaInventory",
    "reports_2021-06-30.json": "Reports",
}
TAGS = {
    "ordersV0.json": "orders",
    "listingsItems_2021-08-01.json": "listings",
    "fbaInventory.json": "fbaInventory",
    "reports_2021-06-30.json": "reports",
}
TYPES = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "number": float,
    "array": {"type": "array", "items": {"type": "string"}},
}


@cache
def load_model(name: str) -> dict[str, Any]:
    return json.loads((SPEC_DIR / name).read_text(encoding="utf-8"))


def _rewrite(node: Any, prefix: str) -> Any:
    """Swagger 2 → OpenAPI 3 refs, dropping x- vendor keys."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key.startswith("x-"):
                continue
            if key == "$ref" and isinstance(value, str):
                out[key] = value.replace(
                    "#/definitions/", f"#/components/schemas/{prefix}"
                )
            else:
                out[key] = _rewrite(value, prefix)
        return out
    if isinstance(node, list):
        return [_rewrite(v, prefix) for v in node]
    return node


@cache
def components() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for name, prefix in PREFIXES.items():
        for key, definition in load_model(name)["definitions"].items():
            schemas[prefix + key] = _rewrite(definition, prefix)
    return schemas


def sp_api_schema(model: str, path: str, method: str, **overrides):
    """extend_schema(...) filled from the official model's operation."""
    spec = load_model(model)
    operation = spec["paths"][path][method]
    prefix = PREFIXES[model]
    parameters = []
    request = None
    for param in operation.get("parameters", []):
        if param["in"] == "body":
            request = {"application/json": _rewrite(param["schema"], prefix)}
            continue
        parameters.append(
            OpenApiParameter(
                name=param["name"],
                type=TYPES.get(param.get("type", "string"), str),
                location={"query": "query", "path": "path", "header": "header"}[
                    param["in"]
                ],
                required=param.get("required", False),
                description=(param.get("description") or "")[:500],
                enum=param.get("enum"),
            )
        )
    responses = {}
    for status, response in operation["responses"].items():
        schema = response.get("schema")
        responses[int(status)] = OpenApiResponse(
            response=_rewrite(schema, prefix) if schema else None,
            description=response.get("description", ""),
        )
    kwargs = {
        "operation_id": operation["operationId"],
        "summary": operation.get("summary") or operation["operationId"],
        "description": (operation.get("description") or "").split("\n\n**Usage Plan")[
            0
        ],
        "parameters": parameters,
        "responses": responses,
        "tags": [TAGS[model]],
    }
    if request is not None:
        kwargs["request"] = request
    elif method in {"get", "delete"}:
        kwargs["request"] = None
    kwargs.update(overrides)
    return extend_schema(**kwargs)


class AmazonAutoSchema(AutoSchema):
    """Listed only by the Amazon schema view, never by the project's /api/schema/."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        if not getattr(registry, "amazon", False):
            return None
        return super().get_operation(path, path_regex, path_prefix, method, registry)


class AmazonSchemaGenerator(SchemaGenerator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry.amazon = True

    def get_schema(self, request=None, public=False):
        schema = super().get_schema(request=request, public=public)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(
            components()
        )
        return schema


class AccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.amazon.api.authentication.AccessTokenAuthentication"
    name = "lwaAccessToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "x-amz-access-token"}
