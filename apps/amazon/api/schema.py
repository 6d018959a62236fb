"""OpenAPI for the mock, built from Amazon's own models (``apps/amazon/spec``).

Each view method is annotated with ``sp_api_schema(model, path, method)``: its
parameters, request body and responses are taken from the official Swagger 2.0
operation; the referenced definitions become components prefixed with the API
name (``OrdersV0Order``, ``ReportsError`` …), so two APIs' ``Error`` never clash.
The schema is served at ``/amazon/_mock/schema`` and only lists Amazon paths
(the views are excluded from the project's management-API schema).
"""

import copy
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
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(copy.deepcopy(components()))
        operations = [
            operation
            for methods in schema.get("paths", {}).values()
            for operation in methods.values()
            if isinstance(operation, dict)
        ]
        for operation in operations:
            tighten(operation)
        requests = _refs([op.get("requestBody", {}) for op in operations], schemas)
        responses = _refs([op.get("responses", {}) for op in operations], schemas)
        for name in requests - responses:  # bodies only: answers keep Amazon's
            _tighten_body(schemas[name])
        return schema


# What the server enforces beyond Amazon's models, stated in the schema so that
# a client (or a fuzzer) generating "valid" requests from it is not refused: a
# required parameter carries a value, marketplace ids are ones this mock knows,
# order ids have Amazon's 3-7-7 shape, a body the model requires is required.
MARKETPLACE_PARAMETERS = {"MarketplaceIds", "marketplaceIds", "marketplaceId"}
ORDER_ID_PATTERN = r"^[0-9]{3}-[0-9]{7}-[0-9]{7}$"


@cache
def _required_bodies() -> frozenset[str]:
    return frozenset(
        operation["operationId"]
        for name in PREFIXES
        for methods in load_model(name)["paths"].values()
        for operation in methods.values()
        if isinstance(operation, dict)
        and any(
            p.get("in") == "body" and p.get("required")
            for p in operation.get("parameters", [])
        )
    )


def _carries_a_value(schema: dict[str, Any]) -> None:
    if schema.get("type") == "array":
        schema.setdefault("minItems", 1)
        _carries_a_value(schema.setdefault("items", {"type": "string"}))
    elif schema.get("type", "string") == "string" and "enum" not in schema:
        schema.setdefault("minLength", 1)


PARAMETER_BOUNDS = {"MaxResultsPerPage": (1, 100)}
REF = "#/components/schemas/"


def _refs(nodes: list[Any], schemas: dict[str, Any]) -> set[str]:
    """Names of the components ``nodes`` reach, following refs."""
    seen: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(REF):
                name = ref[len(REF) :]
                if name not in seen and name in schemas:
                    seen.add(name)
                    stack.append(schemas[name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return seen


def _tighten_body(component: dict[str, Any]) -> None:
    from apps.amazon.marketplaces import MARKETPLACES

    properties = component.get("properties", {})
    for name, prop in properties.items():
        if name in {"marketplaceIds", "marketplaceId"} and "$ref" not in prop:
            target = prop.get("items", prop) if prop.get("type") == "array" else prop
            target["enum"] = sorted(MARKETPLACES)
    for name in component.get("required", []):
        prop = properties.get(name)
        if isinstance(prop, dict) and "$ref" not in prop:
            _carries_a_value(prop)


def tighten(operation: dict[str, Any]) -> None:
    from apps.amazon.marketplaces import MARKETPLACES

    for parameter in operation.get("parameters", []):
        schema = parameter.setdefault("schema", {"type": "string"})
        name = parameter["name"]
        if name in MARKETPLACE_PARAMETERS:
            target = schema.get("items", schema)
            target["enum"] = sorted(MARKETPLACES)
        if name == "orderId" and parameter["in"] == "path":
            schema["pattern"] = ORDER_ID_PATTERN
        if name in PARAMETER_BOUNDS:
            schema["minimum"], schema["maximum"] = PARAMETER_BOUNDS[name]
        if parameter.get("required"):
            _carries_a_value(schema)
    body = operation.get("requestBody")
    if body is not None and operation.get("operationId") in _required_bodies():
        body["required"] = True


class AccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.amazon.api.authentication.AccessTokenAuthentication"
    name = "lwaAccessToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "x-amz-access-token"}
