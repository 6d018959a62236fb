"""Resolve (group slug, method, path) against the compiled table.

Rules: literal paths beat templates; among templates the one with literal
segments earlier wins; a template matches only if every typed path parameter
parses as its type (further constraints are validation, not matching). A path
that matches with another method gives 405 + Allow; nothing gives 404 with
the closest configured endpoints (WireMock's "near misses").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .table import CompiledEndpoint, EndpointTable, GroupTable, split_path

METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


@dataclass(slots=True)
class Match:
    endpoint: CompiledEndpoint
    path_params: dict[str, str]


@dataclass(slots=True)
class MethodNotAllowed:
    allow: list[str]


@dataclass(slots=True)
class NotFound:
    group_found: bool
    near_misses: list[dict[str, str]] = field(default_factory=list)


Resolution = Match | MethodNotAllowed | NotFound


def _bind(
    ep: CompiledEndpoint, segments: list[str]
) -> tuple[dict[str, str] | None, str | None]:
    """(path params, None) when the template matches, else (None, why not)."""
    params: dict[str, str] = {}
    for want, name, got in zip(ep.segments, ep.param_names, segments, strict=True):
        if want is not None:
            if want != got:
                return None, None
            continue
        spec = ep.path_specs.get(name)  # type: ignore[arg-type]
        if spec is not None and not spec.type_fits(got):
            return None, f"path parameter {name!r} must be of type {spec.value_type}"
        params[name] = got  # type: ignore[index]
    return params, None


def _sorted_methods(methods: set[str]) -> list[str]:
    return sorted(
        methods, key=lambda m: (METHOD_ORDER.index(m) if m in METHOD_ORDER else 99, m)
    )


def resolve_in_group(group: GroupTable, method: str, path: str) -> Resolution:
    segments = split_path(path)
    key = "/" + "/".join(segments)
    allowed: set[str] = set()
    type_misses: list[tuple[CompiledEndpoint, str]] = []

    def pick(by_method: dict[str, CompiledEndpoint]) -> CompiledEndpoint | None:
        ep = by_method.get(method)
        if ep is None and method == "HEAD":
            ep = by_method.get("GET")  # HEAD is GET without the body
        return ep

    literal = group.literal.get(key)
    if literal:
        ep = pick(literal)
        if ep is not None:
            return Match(ep, {})
        allowed.update(literal)
    # Templates are sorted most specific first; remember the first binding per
    # method so that GET /a/{x} and POST /a/{y} both count for the Allow header.
    by_method: dict[str, tuple[CompiledEndpoint, dict[str, str]]] = {}
    for ep in group.templates.get(len(segments), ()):
        params, why = _bind(ep, segments)
        if params is None:
            if why:
                type_misses.append((ep, why))
            continue
        by_method.setdefault(ep.method, (ep, params))
    if by_method:
        hit = by_method.get(method) or (
            by_method.get("GET") if method == "HEAD" else None
        )
        if hit is not None:
            return Match(hit[0], hit[1])
        allowed.update(by_method)
    if allowed:
        if "GET" in allowed:
            allowed.add("HEAD")
        return MethodNotAllowed(_sorted_methods(allowed))
    return NotFound(True, near_misses(group, method, key, type_misses))


def resolve(table: EndpointTable, slug: str, method: str, path: str) -> Resolution:
    group = table.groups.get(slug)
    if group is None:
        return NotFound(False, near_groups(table, slug))
    return resolve_in_group(group, method.upper(), path)


def near_misses(
    group: GroupTable,
    method: str,
    path: str,
    type_misses: list[tuple[CompiledEndpoint, str]],
    limit: int = 3,
) -> list[dict[str, str]]:
    reasons = {id(ep): why for ep, why in type_misses}
    scored = []
    for ep in group.endpoints:
        score = SequenceMatcher(None, path, ep.path).ratio()
        if ep.method == method:
            score += 0.25
        if id(ep) in reasons:
            score += 1
        scored.append((score, ep))
    scored.sort(key=lambda item: (-item[0], item[1].path, item[1].method))
    out = []
    for _score, ep in scored[:limit]:
        item = {"method": ep.method, "path": ep.path, "name": ep.name}
        if id(ep) in reasons:
            item["reason"] = reasons[id(ep)]
        out.append(item)
    return out


def near_groups(
    table: EndpointTable, slug: str, limit: int = 3
) -> list[dict[str, str]]:
    scored = sorted(
        table.groups.values(),
        key=lambda g: (-SequenceMatcher(None, slug, g.slug).ratio(), g.slug),
    )
    return [{"group": g.slug, "name": g.name} for g in scored[:limit]]
