"""Import an OpenAPI 3.0 / 3.1 document (JSON or YAML) into a new mock group.

One endpoint per path and method: path templates, query parameters and headers
with their types and ranges, the request body schema, and the first 2xx
response's status, schema (``$ref``s resolved) and example. Everything goes
through the services in one transaction: a malformed document raises
``ImportFailed`` and creates nothing. What could not be imported is listed, with
the reason, in the report. ``x-mock-*`` extensions (written by the exporter)
carry the settings OpenAPI has no word for, so import(export(group)) round-trips.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.mocks import models as m
from apps.mocks import services
from apps.mocks import validators as v

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SUPPORTED_METHODS = {x.lower() for x in m.HttpMethod.values}
# OpenAPI ignores these header parameters (the media type and security own them).
IGNORED_HEADERS = {"accept", "content-type", "authorization"}
FORMAT_TYPES = {
    "uuid": m.ValueType.UUID,
    "date": m.ValueType.DATE,
    "date-time": m.ValueType.DATE_TIME,
    "email": m.ValueType.EMAIL,
}
SCHEMA_DROP = {"discriminator", "xml", "externalDocs", "example"}
NAME_RE = re.compile(r"[^A-Za-z0-9_]")


class ImportFailed(Exception):
    """The document cannot be imported at all; nothing was created."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def skip(self, item: str, reason: str) -> None:
        self.skipped.append({"item": item, "reason": reason})

    def as_dict(self) -> dict[str, Any]:
        return {"imported": list(self.imported), "skipped": list(self.skipped)}


@dataclass
class ImportResult:
    group: m.Group
    report: ImportReport


# --- parsing and validation ------------------------------------------------------


def parse_document(content: Any) -> dict[str, Any]:
    """JSON or YAML text → the OpenAPI document, or ``ImportFailed``."""
    if not isinstance(content, bytes | str):
        # An API client sent an already-parsed JSON value that is not an object.
        raise ImportFailed(_("An OpenAPI document must be an object at the top."))
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(_("The file is not UTF-8 text.")) from exc
    if not content.strip():
        raise ImportFailed(_("The document is empty."))
    if "\x00" in content or "\\u0000" in content:
        raise ImportFailed(_("The document contains NUL characters (U+0000)."))
    try:
        document = json.loads(content)
    except ValueError:
        try:
            document = yaml.safe_load(content)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = (
                _(" (line %(line)d, column %(column)d)")
                % {"line": mark.line + 1, "column": mark.column + 1}
                if mark
                else ""
            )
            raise ImportFailed(
                _("The document is neither valid JSON nor valid YAML%(where)s.")
                % {"where": where}
            ) from exc
    if not isinstance(document, dict):
        raise ImportFailed(_("An OpenAPI document must be an object at the top."))
    return document


def check_document(document: dict[str, Any]) -> str:
    """The OpenAPI version ("3.0" or "3.1") of a valid document, or ImportFailed."""
    version = document.get("openapi")
    if not isinstance(version, str):
        if "swagger" in document:
            raise ImportFailed(
                _("Swagger 2.0 is not supported; convert the document to OpenAPI 3.")
            )
        raise ImportFailed(_("The document has no “openapi” version field."))
    family = ".".join(version.split(".")[:2])
    if family not in ("3.0", "3.1"):
        raise ImportFailed(
            _("OpenAPI %(version)s is not supported; use 3.0 or 3.1.")
            % {"version": version}
        )
    if not isinstance(document.get("paths", {}), dict):
        raise ImportFailed(_("“paths” must be an object."))
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    cls = OpenAPIV30SpecValidator if family == "3.0" else OpenAPIV31SpecValidator
    errors = list(cls(document).iter_errors())
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in getattr(first, "path", ())) or "(root)"
        message = getattr(first, "message", str(first))
        raise ImportFailed(
            _("The document is not valid OpenAPI %(version)s at %(where)s: %(error)s")
            % {"version": family, "where": where, "error": message[:300]}
        )
    return family


# --- $ref resolution and schema conversion ------------------------------------------


class _Resolver:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def lookup(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(
                _("external $ref “%(ref)s” is not supported") % {"ref": ref}
            )
        node: Any = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise ValueError(_("$ref “%(ref)s” does not resolve") % {"ref": ref})
        return node

    def deref(self, node: Any, seen: tuple[str, ...] = ()) -> Any:
        """A shallow dereference (OpenAPI objects: parameters, bodies, responses)."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise ValueError(_("$ref “%(ref)s” refers to itself") % {"ref": ref})
            seen = (*seen, ref)
            node = self.lookup(ref)
        return node

    def inline(self, node: Any, stack: tuple[str, ...] = ()) -> Any:
        """A schema with every local $ref inlined (recursion is refused)."""
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                if ref in stack:
                    raise ValueError(
                        _("the schema “%(ref)s” is recursive") % {"ref": ref}
                    )
                target = self.inline(self.lookup(ref), (*stack, ref))
                siblings = {k: x for k, x in node.items() if k != "$ref"}
                if not siblings:
                    return target
                # 3.1 allows keywords next to $ref: keep both constraints.
                return {"allOf": [target, self.inline(siblings, stack)]}
            return {k: self.inline(x, stack) for k, x in node.items()}
        if isinstance(node, list):
            return [self.inline(x, stack) for x in node]
        return node


def to_json_schema(schema: Any, family: str) -> Any:
    """An OpenAPI Schema Object → JSON Schema 2020-12 (3.0 ``nullable`` etc.)."""
    if isinstance(schema, list):
        return [to_json_schema(x, family) for x in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in SCHEMA_DROP or key.startswith("x-"):
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {k: to_json_schema(x, family) for k, x in value.items()}
        elif key in ("items", "not", "additionalProperties", "contains") or key in (
            "allOf",
            "anyOf",
            "oneOf",
            "prefixItems",
        ):
            out[key] = to_json_schema(value, family)
        elif key == "nullable" or (
            family == "3.0"
            and key in ("exclusiveMinimum", "exclusiveMaximum")
            and isinstance(value, bool)
        ):
            continue
        else:
            out[key] = value
    if family == "3.0":
        for flag, bound in (
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ):
            if schema.get(flag) is True and bound in schema:
                out[flag] = schema[bound]
                out.pop(bound, None)
        if schema.get("nullable") is True:
            if "type" in out:
                types = out["type"] if isinstance(out["type"], list) else [out["type"]]
                out["type"] = [*types, "null"] if "null" not in types else types
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
    if "example" in schema and "examples" not in out:
        out["examples"] = [schema["example"]]
    return out


# --- parameters --------------------------------------------------------------------


def _parameter_item(param: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """An ExpectedValue row (services' dict) from a parameter and its schema."""
    types = schema.get("type")
    if isinstance(types, list):
        types = next((t for t in types if t != "null"), None)
    item: dict[str, Any] = {
        "name": param["name"],
        "required": bool(param.get("required")),
    }
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and all(isinstance(x, str) for x in enum):
        item["value_type"] = m.ValueType.ENUM
        item["enum_values"] = list(dict.fromkeys(enum))
    elif types in ("integer", "number"):
        item["value_type"] = types
        for src, dst in (("minimum", "minimum"), ("maximum", "maximum")):
            if isinstance(schema.get(src), int | float):
                item[dst] = schema[src]
    elif types == "boolean":
        item["value_type"] = m.ValueType.BOOLEAN
    elif types in (None, "string"):
        value_type = FORMAT_TYPES.get(schema.get("format"), m.ValueType.STRING)
        item["value_type"] = value_type
        if value_type in m.LENGTH_TYPES:
            if isinstance(schema.get("minLength"), int):
                item["min_length"] = schema["minLength"]
            if isinstance(schema.get("maxLength"), int):
                item["max_length"] = schema["maxLength"]
        if isinstance(schema.get("pattern"), str):
            item["pattern"] = schema["pattern"]
    else:
        raise ValueError(
            _("type %(type)s is not supported for parameters") % {"type": types}
        )
    if "const" in schema and isinstance(schema["const"], str | int | float | bool):
        const = schema["const"]
        item["exact_value"] = (
            json.dumps(const) if isinstance(const, bool) else str(const)
        )
    default = param.get("x-mock-default-response")
    if isinstance(default, dict):
        if "status" in default:
            item["default_status_code"] = default["status"]
        if "body" in default:
            item["default_response_body"] = default["body"]
        if "schema" in default:
            item["default_response_schema"] = default["schema"]
    return item


def _is_plain_path_param(item: dict[str, Any]) -> bool:
    """A required untyped string path segment: the path template alone says it."""
    return item.get("value_type") == m.ValueType.STRING and not any(
        item.get(k)
        for k in (
            "pattern", "min_length", "max_length", "exact_value",
            "default_status_code", "default_response_body", "default_response_schema",
        )
    )  # fmt: skip


# --- the import ----------------------------------------------------------------------


def _json_media(content: Any) -> tuple[str | None, dict[str, Any] | None]:
    if not isinstance(content, dict) or not content:
        return None, None
    for media in content:
        base = media.split(";")[0].strip().lower()
        if base == "application/json" or base.endswith("+json"):
            return media, content[media] or {}
    media = next(iter(content))
    return media, content[media] or {}


def _example_of(media: dict[str, Any], resolver: _Resolver) -> tuple[bool, Any]:
    if "example" in media:
        return True, media["example"]
    examples = media.get("examples")
    if isinstance(examples, dict):
        for example in examples.values():
            example = resolver.deref(example)
            if isinstance(example, dict) and "value" in example:
                return True, example["value"]
    return False, None


def _pick_response(responses: dict[str, Any]) -> tuple[int, Any, bool]:
    """(status, response object, is_2xx) of the first 2xx, else the first code."""
    codes = []
    for key, value in responses.items():
        text = str(key).upper()
        if text.isdigit() and 100 <= int(text) <= 599:
            codes.append((int(text), value))
        elif re.fullmatch(r"[1-5]XX", text):
            codes.append((int(text[0]) * 100, value))
    codes.sort(key=lambda pair: pair[0])
    for code, value in codes:
        if 200 <= code < 300:
            return code, value, True
    if codes:
        return codes[0][0], codes[0][1], False
    if "default" in responses:
        return 200, responses["default"], False
    return 200, None, False


def _clean_path(path: str) -> tuple[str, dict[str, str]]:
    """Normalized path and {original: safe} renames of parameter names."""
    renames: dict[str, str] = {}

    def fix(match: re.Match) -> str:
        name = match.group(1)
        safe = NAME_RE.sub("_", name)
        if not safe or safe[0].isdigit():
            safe = f"p_{safe}"
        safe = safe[:64]
        if safe != name:
            renames[name] = safe
        return "{" + safe + "}"

    return v.normalize_path(re.sub(r"\{([^{}/]+)\}", fix, path)), renames


def _endpoint_data(
    path: str,
    method: str,
    operation: dict[str, Any],
    path_item: dict[str, Any],
    resolver: _Resolver,
    family: str,
    report: ImportReport,
) -> dict[str, Any]:
    label = f"{method.upper()} {path}"
    clean_path, renames = _clean_path(path)
    for old, new in renames.items():
        report.skip(
            f"{label} {{{old}}}",
            _("renamed to {%(new)s}: path parameter names use letters, digits, _")
            % {"new": new},
        )
    name = (operation.get("summary") or operation.get("operationId") or label).strip()[
        :120
    ]
    data: dict[str, Any] = {
        "name": name,
        "method": method.upper(),
        "path": clean_path,
        "description": (operation.get("description") or "").strip(),
    }
    # Parameters: the path item's, overridden by the operation's (same name+in).
    params: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        param = resolver.deref(raw)
        if isinstance(param, dict) and "name" in param and "in" in param:
            params[(param["name"], param["in"])] = param
    headers, url_parameters = [], []
    for (pname, where), param in params.items():
        item_label = f"{label} {where} {pname}"
        if where == "cookie":
            report.skip(item_label, _("cookie parameters are not supported"))
            continue
        if where == "header" and pname.lower() in IGNORED_HEADERS:
            report.skip(item_label, _("OpenAPI ignores this header parameter"))
            continue
        schema = param.get("schema")
        if schema is None and isinstance(param.get("content"), dict):
            _media, media_obj = _json_media(param["content"])
            schema = (media_obj or {}).get("schema")
        try:
            schema = to_json_schema(resolver.inline(schema or {}), family)
            item = _parameter_item({**param, "name": renames.get(pname, pname)}, schema)
        except ValueError as exc:
            report.skip(item_label, str(exc))
            continue
        if where == "path":
            item["location"] = m.ParameterLocation.PATH
            item["required"] = True
            if _is_plain_path_param(item):
                continue
            url_parameters.append(item)
        elif where == "query":
            item["location"] = m.ParameterLocation.QUERY
            url_parameters.append(item)
        elif where == "header":
            item.pop("location", None)
            headers.append(item)
    data["headers"] = headers
    data["url_parameters"] = url_parameters

    body = operation.get("requestBody")
    if body is not None:
        body = resolver.deref(body)
        if method.upper() not in m.BODY_METHODS:
            report.skip(
                f"{label} requestBody",
                _("only POST, PUT and PATCH carry a request body here"),
            )
        elif isinstance(body, dict):
            _media, media_obj = _json_media(body.get("content"))
            if media_obj and media_obj.get("schema") is not None:
                try:
                    data["request_body_schema"] = to_json_schema(
                        resolver.inline(media_obj["schema"]), family
                    )
                except ValueError as exc:
                    report.skip(f"{label} requestBody", str(exc))
            data["request_body_required"] = bool(body.get("required"))

    status, response, is_2xx = _pick_response(operation.get("responses") or {})
    if not is_2xx:
        report.skip(
            f"{label} responses",
            _("no 2xx response; used status %(status)d") % {"status": status},
        )
    data["response_status_code"] = status
    response = resolver.deref(response) if response is not None else None
    response_headers: dict[str, str] = {}
    if isinstance(response, dict):
        media, media_obj = _json_media(response.get("content"))
        if media_obj is not None:
            base = media.split(";")[0].strip().lower()
            if base != "application/json":
                response_headers["Content-Type"] = media
            if media_obj.get("schema") is not None:
                try:
                    data["response_schema"] = to_json_schema(
                        resolver.inline(media_obj["schema"]), family
                    )
                except ValueError as exc:
                    report.skip(f"{label} response schema", str(exc))
            found, example = _example_of(media_obj, resolver)
            if found:
                data["response_body"] = example
        for hname, header in (response.get("headers") or {}).items():
            header = resolver.deref(header)
            schema = (header or {}).get("schema") or {}
            value = (header or {}).get(
                "example", schema.get("example", schema.get("default"))
            )
            if hname.lower() == "content-type":
                continue
            if value is None:
                report.skip(
                    f"{label} response header {hname}",
                    _("no example value to send"),
                )
                continue
            response_headers[hname] = str(value)
    data["response_headers"] = response_headers

    extra = operation.get("x-mock") or {}
    if isinstance(extra, dict):
        for key in (
            "max_wait_time", "chaos_mode", "fixed_delay", "lognormal_median",
            "lognormal_sigma", "chaos_weights", "request_error_status_code",
            "request_error_body",
        ):  # fmt: skip
            if key in extra:
                data[key] = extra[key]
    return data


def _flat_errors(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{key}: {' '.join(msgs)}" if key != "__all__" else " ".join(msgs)
            for key, msgs in exc.message_dict.items()
        )
    return " ".join(exc.messages)


@transaction.atomic
def import_document(
    content: bytes | str | dict[str, Any],
    *,
    slug: str | None = None,
    name: str | None = None,
    user=None,
) -> ImportResult:
    """Create a group from the document. Raises ImportFailed (nothing created)
    for a malformed document and ValidationError for a refused group."""
    document = content if isinstance(content, dict) else parse_document(content)
    family = check_document(document)
    resolver = _Resolver(document)
    info = document.get("info") or {}
    ext = document.get("x-mock-group") or {}
    title = (name or ext.get("name") or info.get("title") or "").strip()
    if not title:
        raise ImportFailed(_("The document has no title; give the group a name."))
    group_slug = slug or ext.get("slug") or slugify(title)[:50].strip("-")
    group = services.group_create(
        data={
            "name": title[:120],
            "slug": group_slug,
            "description": (info.get("description") or "").strip(),
        },
        user=user,
    )
    report = ImportReport()
    for path, path_item in (document.get("paths") or {}).items():
        try:
            path_item = resolver.deref(path_item)
        except ValueError as exc:
            report.skip(path, str(exc))
            continue
        if not isinstance(path_item, dict):
            continue
        for method in METHODS:
            operation = path_item.get(method)
            if not isinstance(operation, dict):
                continue
            label = f"{method.upper()} {path}"
            if method not in SUPPORTED_METHODS:
                report.skip(label, _("the method is not supported"))
                continue
            if v.normalize_path(path).rstrip("/").endswith("/chaos"):
                report.skip(label, _("a path may not end in /chaos"))
                continue
            try:
                data = _endpoint_data(
                    path, method, operation, path_item, resolver, family, report
                )
                services.endpoint_create(group=group, data=data, user=user)
            except ValueError as exc:
                report.skip(label, str(exc))
            except ValidationError as exc:
                report.skip(label, _flat_errors(exc))
            else:
                report.imported.append(label)
    return ImportResult(group=group, report=report)
