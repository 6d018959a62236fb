"""The compiled endpoint table: plain, immutable data the request path reads.

The table is built from the configuration rows once per config version (see
``state.py``) so that resolving a request touches no database. Everything that
can be prepared ahead (path segments, JSON Schema validators, encoded static
bodies) is prepared here rather than per request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from apps.core.datagen import needs_check

from .placeholders import has_placeholders
from .values import _parse

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


@dataclass(frozen=True, slots=True)
class Spec:
    """An expected header, query parameter or path parameter."""

    name: str
    location: str  # "query" | "header" | "path"
    value_type: str = "string"
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str = ""
    enum_values: list[str] = field(default_factory=list)
    exact_value: str = ""
    default_status_code: int | None = None
    default_response_body: Any = None
    default_response_schema: Any = None

    @property
    def has_default(self) -> bool:
        return (
            self.default_status_code is not None
            or self.default_response_body is not None
            or self.default_response_schema is not None
        )

    def type_fits(self, raw: str) -> bool:
        """Whether the raw value parses as the declared type (used for matching)."""
        if self.value_type in ("string", "enum"):
            return True
        return _parse(self.value_type, raw)[1] is None


@dataclass(frozen=True, slots=True)
class Delay:
    fixed_ms: int = 0
    uniform_max_ms: int = 0
    lognormal_median_ms: int | None = None
    lognormal_sigma: float | None = None

    @property
    def is_zero(self) -> bool:
        return not (self.fixed_ms or self.uniform_max_ms or self.lognormal_median_ms)


@dataclass(slots=True)
class CompiledEndpoint:
    id: str
    group_id: str
    group_slug: str
    name: str
    method: str
    path: str
    # (literal text or None for a template) per segment, decoded
    segments: tuple[str | None, ...]
    param_names: tuple[str | None, ...]
    path_specs: dict[str, Spec]
    query_specs: tuple[Spec, ...]
    header_specs: tuple[Spec, ...]
    status: int
    response_headers: dict[str, str]
    response_body: Any
    response_schema: Any
    request_body_schema: Any
    request_body_required: bool
    request_error_status_code: int | None
    request_error_body: Any
    delay: Delay
    chaos_mode: bool
    chaos_weights: dict[str, float]
    # Filled by compile(): content type, pre-encoded static body or None when
    # the body must be built per request (placeholders, generation).
    content_type: str = "application/json"
    static_bytes: bytes | None = None
    body_has_placeholders: bool = False
    response_needs_check: bool = False
    specificity: tuple[int, ...] = ()

    @property
    def is_template(self) -> bool:
        return any(s is None for s in self.segments)

    @property
    def expects_body(self) -> bool:
        return self.method in BODY_METHODS and (
            self.request_body_schema is not None or self.request_body_required
        )

    def label(self) -> str:
        return (
            f"{self.method} /{self.group_slug}{'' if self.path == '/' else self.path}"
        )


@dataclass(slots=True)
class GroupTable:
    id: str
    slug: str
    name: str
    endpoints: list[CompiledEndpoint]
    # path -> method -> endpoint, for literal paths
    literal: dict[str, dict[str, CompiledEndpoint]]
    # segment count -> templates, most specific first
    templates: dict[int, list[CompiledEndpoint]]


@dataclass(slots=True)
class EndpointTable:
    version: int
    groups: dict[str, GroupTable]
    by_id: dict[str, CompiledEndpoint]


def split_path(path: str) -> list[str]:
    """'/a//b/' -> ['a', 'b']; percent-escapes decoded like the request path."""
    return [unquote(s) for s in path.split("/") if s]


def _is_json_type(content_type: str) -> bool:
    base = content_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _compile_endpoint(ep: CompiledEndpoint) -> CompiledEndpoint:
    segments = split_path(ep.path)
    names: list[str | None] = []
    literal: list[str | None] = []
    for segment in segments:
        if segment.startswith("{") and segment.endswith("}"):
            literal.append(None)
            names.append(segment[1:-1])
        else:
            literal.append(segment)
            names.append(None)
    ep.segments = tuple(literal)
    ep.param_names = tuple(names)
    # Literal segments outrank templates position by position.
    ep.specificity = tuple(0 if s is not None else 1 for s in literal)
    content_type = next(
        (v for k, v in ep.response_headers.items() if k.lower() == "content-type"),
        None,
    )
    ep.response_headers = {
        k: v for k, v in ep.response_headers.items() if k.lower() != "content-type"
    }
    if content_type is None:
        content_type = (
            "text/plain; charset=utf-8"
            if isinstance(ep.response_body, str) and ep.response_schema is None
            else "application/json"
        )
    ep.content_type = content_type
    if ep.response_schema is not None:
        ep.response_needs_check = needs_check(ep.response_schema)
    if ep.response_body is not None:
        ep.body_has_placeholders = has_placeholders(ep.response_body)
        if not ep.body_has_placeholders:
            ep.static_bytes = encode_body(ep.response_body, content_type)
    elif ep.response_schema is None:
        ep.static_bytes = b""
    return ep


def encode_body(body: Any, content_type: str) -> bytes:
    """A string goes out as is unless the content type is JSON."""
    if body is None:
        return b""
    if isinstance(body, str) and not _is_json_type(content_type):
        return body.encode("utf-8")
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build_table(
    version: int,
    groups: list[tuple[str, str, str]],
    endpoints: list[CompiledEndpoint],
) -> EndpointTable:
    """Index compiled endpoints; ``groups`` is (id, slug, name) of live groups."""
    tables = {
        slug: GroupTable(
            id=gid, slug=slug, name=name, endpoints=[], literal={}, templates={}
        )
        for gid, slug, name in groups
    }
    by_id: dict[str, CompiledEndpoint] = {}
    for ep in endpoints:
        group = tables.get(ep.group_slug)
        if group is None:
            continue
        _compile_endpoint(ep)
        group.endpoints.append(ep)
        by_id[ep.id] = ep
        if ep.is_template:
            group.templates.setdefault(len(ep.segments), []).append(ep)
        else:
            key = "/" + "/".join(s or "" for s in ep.segments)
            group.literal.setdefault(key, {})[ep.method] = ep
    for group in tables.values():
        for candidates in group.templates.values():
            candidates.sort(key=lambda e: (e.specificity, e.path, e.method))
    return EndpointTable(version=version, groups=tables, by_id=by_id)
