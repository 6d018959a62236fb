"""Request validation: path, header and query specs, then the JSON body.

Every violation is collected (not just the first) with its location, so the
problem+json answer lets a client fix its request in one round trip.
Status when no default response is configured: 413 body too large,
415 wrong content type, 400 malformed (bad JSON, missing body), 422 violations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from apps.core import jsonparse
from apps.core.datagen.dialects import schema_validator

from .table import CompiledEndpoint, Spec
from .values import check_value

JSON_CONTENT_TYPES = ("application/json",)


@dataclass(slots=True)
class Violation:
    location: str  # "path" | "header" | "query" | "body"
    name: str  # parameter / header name, or a JSON pointer for the body
    message: str
    kind: str = (
        "invalid"  # "invalid" | "missing" | "malformed" | "media_type" | "too_large"
    )
    spec: Spec | None = None

    def as_dict(self) -> dict[str, str]:
        key = "pointer" if self.location == "body" else "name"
        return {"location": self.location, key: self.name, "detail": self.message}


@dataclass(slots=True)
class ValidationResult:
    violations: list[Violation] = field(default_factory=list)
    body_json: Any = None

    @property
    def ok(self) -> bool:
        return not self.violations

    def status(self) -> int:
        kinds = {v.kind for v in self.violations}
        for kind, status in (
            ("too_large", 413),
            ("media_type", 415),
            ("malformed", 400),
        ):
            if kind in kinds:
                return status
        return 422


def _check_spec(spec: Spec, raw: str | None, out: list[Violation]) -> None:
    if raw is None:
        if spec.required:
            out.append(
                Violation(spec.location, spec.name, "is required", "missing", spec)
            )
        return
    for problem in check_value(spec, raw):
        out.append(Violation(spec.location, spec.name, problem, "invalid", spec))


def is_json_content_type(content_type: str) -> bool:
    base = content_type.split(";", 1)[0].strip().lower()
    return base in JSON_CONTENT_TYPES or (
        base.startswith("application/") and base.endswith("+json")
    )


def pointer(path: Any) -> str:
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else ""


def body_violations(schema: Any, instance: Any, limit: int = 50) -> list[Violation]:
    out = []
    errors = sorted(
        schema_validator(schema).iter_errors(instance),
        key=lambda e: (list(map(str, e.absolute_path)), e.message),
    )
    for error in errors[:limit]:
        out.append(Violation("body", pointer(error.absolute_path), error.message))
    return out


def validate_request(
    ep: CompiledEndpoint,
    *,
    path_params: dict[str, str],
    query: dict[str, list[str]],
    headers: dict[str, str],
    body: bytes,
    content_type: str,
    body_too_large: bool = False,
    max_body_bytes: int | None = None,
    json_max_depth: int = jsonparse.DEFAULT_MAX_DEPTH,
) -> ValidationResult:
    result = ValidationResult()
    out = result.violations
    for name, spec in ep.path_specs.items():
        _check_spec(spec, path_params.get(name), out)
    for spec in ep.header_specs:
        _check_spec(spec, headers.get(spec.name.lower()), out)
    for spec in ep.query_specs:
        values = query.get(spec.name)
        if not values:
            _check_spec(spec, None, out)
        else:
            for raw in values:
                _check_spec(spec, raw, out)
    if not ep.expects_body:
        return result
    if body_too_large or (max_body_bytes is not None and len(body) > max_body_bytes):
        out.append(
            Violation(
                "body",
                "",
                f"is larger than the limit of {max_body_bytes} bytes",
                "too_large",
            )
        )
        return result
    if not body.strip():
        if ep.request_body_required:
            out.append(Violation("body", "", "a request body is required", "malformed"))
        return result
    if not is_json_content_type(content_type):
        out.append(
            Violation(
                "header",
                "Content-Type",
                f"must be application/json, got {content_type or 'none'!r}",
                "media_type",
            )
        )
        return result
    try:
        # Depth measured first: json.loads recurses once per level.
        result.body_json = jsonparse.loads(body, max_depth=json_max_depth)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        out.append(Violation("body", "", f"is not valid JSON: {exc}", "malformed"))
        return result
    if ep.request_body_schema is not None:
        out.extend(body_violations(ep.request_body_schema, result.body_json))
    return result
