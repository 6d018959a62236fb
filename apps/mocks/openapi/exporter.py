"""Export a mock group as an OpenAPI 3.1 document.

Plain OpenAPI carries what clients need (paths, parameters, bodies, the
configured response with its schema and example); ``x-mock*`` extensions carry
the mock-only settings (delays, chaos, default responses of a broken rule) so
that importing the export reproduces the group.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.text import slugify

from apps.mocks import models as m
from apps.mocks import selectors
from apps.mocks import validators as v

OPENAPI_VERSION = "3.1.0"
FORMATS = {
    m.ValueType.UUID: "uuid",
    m.ValueType.DATE: "date",
    m.ValueType.DATE_TIME: "date-time",
    m.ValueType.EMAIL: "email",
}
MOCK_FIELDS = (
    "max_wait_time", "chaos_mode", "fixed_delay", "lognormal_median",
    "lognormal_sigma", "chaos_weights", "request_error_status_code",
    "request_error_body",
)  # fmt: skip
REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content"}


def _exact(value_type: str, exact: str) -> Any:
    if value_type == m.ValueType.INTEGER:
        try:
            parsed: Any = int(exact)
        except ValueError:
            return exact
        return parsed if str(parsed) == exact else exact
    if value_type == m.ValueType.NUMBER:
        try:
            parsed = float(exact)
        except ValueError:
            return exact
        return parsed if str(parsed) == exact else exact
    if value_type == m.ValueType.BOOLEAN and exact in ("true", "false"):
        return exact == "true"
    return exact


def value_schema(row: m.ExpectedValue) -> dict[str, Any]:
    """The JSON Schema of one expected header or URL parameter."""
    schema: dict[str, Any]
    if row.value_type in (m.ValueType.INTEGER, m.ValueType.NUMBER):
        schema = {"type": row.value_type}
        if row.minimum is not None:
            schema["minimum"] = _number(row.minimum, row.value_type)
        if row.maximum is not None:
            schema["maximum"] = _number(row.maximum, row.value_type)
    elif row.value_type == m.ValueType.BOOLEAN:
        schema = {"type": "boolean"}
    elif row.value_type == m.ValueType.ENUM:
        schema = {"type": "string", "enum": list(row.enum_values)}
    else:
        schema = {"type": "string"}
        if row.value_type in FORMATS:
            schema["format"] = FORMATS[row.value_type]
        if row.min_length is not None:
            schema["minLength"] = row.min_length
        if row.max_length is not None:
            schema["maxLength"] = row.max_length
    if row.pattern and schema.get("type") == "string":
        schema["pattern"] = row.pattern
    if row.exact_value:
        schema["const"] = _exact(row.value_type, row.exact_value)
    return schema


def _number(value: float, value_type: str) -> int | float:
    if value_type == m.ValueType.INTEGER and float(value).is_integer():
        return int(value)
    return value


def _parameter(row: m.ExpectedValue, where: str) -> dict[str, Any]:
    param: dict[str, Any] = {
        "name": row.name,
        "in": where,
        "required": True if where == "path" else bool(row.required),
        "schema": value_schema(row),
    }
    default: dict[str, Any] = {}
    if row.default_status_code is not None:
        default["status"] = row.default_status_code
    if row.default_response_body is not None:
        default["body"] = row.default_response_body
    if row.default_response_schema is not None:
        default["schema"] = row.default_response_schema
    if default:
        param["x-mock-default-response"] = default
    return param


class _Components:
    """Schemas with internal $refs go to components, their refs rewritten."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def place(self, schema: Any, hint: str) -> Any:
        if not _has_ref(schema):
            return schema
        base = re.sub(r"[^A-Za-z0-9_.-]", "_", hint) or "Schema"
        name, n = base, 2
        while name in self.schemas:
            name, n = f"{base}_{n}", n + 1
        prefix = f"#/components/schemas/{name}"
        self.schemas[name] = _rewrite_refs(schema, prefix)
        return {"$ref": prefix}


def _has_ref(node: Any) -> bool:
    if isinstance(node, dict):
        return "$ref" in node or any(_has_ref(x) for x in node.values())
    if isinstance(node, list):
        return any(_has_ref(x) for x in node)
    return False


def _rewrite_refs(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite_refs(x, prefix) for k, x in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            out["$ref"] = prefix + ref[1:]
        return out
    if isinstance(node, list):
        return [_rewrite_refs(x, prefix) for x in node]
    return node


def _operation_id(endpoint: m.Endpoint, taken: set[str]) -> str:
    base = slugify(f"{endpoint.method} {endpoint.path}").replace("-", "_") or "op"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _operation(
    endpoint: m.Endpoint, components: _Components, taken: set[str]
) -> dict[str, Any]:
    op_id = _operation_id(endpoint, taken)
    op: dict[str, Any] = {"summary": endpoint.name, "operationId": op_id}
    if endpoint.description:
        op["description"] = endpoint.description
    params = selectors.endpoint_children(endpoint=endpoint, key="url_parameters")
    headers = selectors.endpoint_children(endpoint=endpoint, key="headers")
    typed = {p.name: p for p in params if p.location == m.ParameterLocation.PATH}
    parameters = []
    for name in v.path_parameters(endpoint.path):
        if name in typed:
            parameters.append(_parameter(typed[name], "path"))
        else:
            parameters.append(
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            )
    parameters += [
        _parameter(p, "query")
        for p in sorted(params, key=lambda p: p.name)
        if p.location == m.ParameterLocation.QUERY
    ]
    parameters += [
        _parameter(h, "header") for h in sorted(headers, key=lambda h: h.name)
    ]
    if parameters:
        op["parameters"] = parameters

    if endpoint.method in m.BODY_METHODS and (
        endpoint.request_body_schema is not None or endpoint.request_body_required
    ):
        media: dict[str, Any] = {}
        if endpoint.request_body_schema is not None:
            media["schema"] = components.place(
                endpoint.request_body_schema, f"{op_id}_request"
            )
        op["requestBody"] = {
            "required": bool(endpoint.request_body_required),
            "content": {"application/json": media},
        }

    headers_out = dict(endpoint.response_headers or {})
    content_type = next(
        (headers_out.pop(k) for k in list(headers_out) if k.lower() == "content-type"),
        None,
    )
    response: dict[str, Any] = {
        "description": REASONS.get(endpoint.response_status_code, "Mock response")
    }
    if headers_out:
        response["headers"] = {
            name: {"schema": {"type": "string"}, "example": value}
            for name, value in headers_out.items()
        }
    media = {}
    if endpoint.response_schema is not None:
        media["schema"] = components.place(
            endpoint.response_schema, f"{op_id}_response"
        )
    if endpoint.response_body is not None:
        media["example"] = endpoint.response_body
    if media or content_type:
        response["content"] = {content_type or "application/json": media}
    op["responses"] = {str(endpoint.response_status_code): response}

    fresh = m.Endpoint()
    extra = {
        name: getattr(endpoint, name)
        for name in MOCK_FIELDS
        if getattr(endpoint, name) != getattr(fresh, name)
    }
    if extra:
        op["x-mock"] = extra
    return op


def export_group(*, group: m.Group) -> dict[str, Any]:
    """The group as an OpenAPI 3.1 document (a plain dict, JSON-serializable)."""
    components = _Components()
    taken: set[str] = set()
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in selectors.endpoint_list(group=group).order_by("path", "method"):
        item = paths.setdefault(endpoint.path, {})
        item[endpoint.method.lower()] = _operation(endpoint, components, taken)
    info: dict[str, Any] = {"title": group.name, "version": "1.0.0"}
    if group.description:
        info["description"] = group.description
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [{"url": f"/{group.slug}"}],
        "paths": paths,
        "x-mock-group": {"slug": group.slug, "name": group.name},
    }
    if components.schemas:
        document["components"] = {"schemas": components.schemas}
    # A round trip through JSON: the document holds only JSON types.
    return json.loads(json.dumps(document))
