"""Read the live configuration rows into compiled endpoints (the only ORM use
on the request path, and only when the config version moves)."""

from __future__ import annotations

from apps.mocks import models as m
from apps.mocks.engine.table import (
    CompiledEndpoint,
    Delay,
    EndpointTable,
    Spec,
    build_table,
)

SPEC_FIELDS = (
    "name", "value_type", "required", "minimum", "maximum", "min_length",
    "max_length", "pattern", "enum_values", "exact_value", "default_status_code",
    "default_response_body", "default_response_schema",
)  # fmt: skip


def _spec(row, location: str) -> Spec:
    values = {f: getattr(row, f) for f in SPEC_FIELDS}
    values["pattern"] = values["pattern"] or ""
    values["exact_value"] = values["exact_value"] or ""
    values["enum_values"] = list(values["enum_values"] or [])
    return Spec(location=location, **values)


def load_table(version: int) -> EndpointTable:
    groups = list(m.Group.objects.values_list("id", "slug", "name"))
    live_group_ids = {gid for gid, _slug, _name in groups}
    slug_of = {gid: slug for gid, slug, _name in groups}
    endpoints = [
        e
        for e in m.Endpoint.objects.filter(group_id__in=live_group_ids)
        if e.group_id in live_group_ids
    ]
    ids = [e.id for e in endpoints]
    headers: dict = {}
    for h in m.Header.objects.filter(endpoint_id__in=ids).order_by("name"):
        headers.setdefault(h.endpoint_id, []).append(_spec(h, "header"))
    params: dict = {}
    for p in m.UrlParameter.objects.filter(endpoint_id__in=ids).order_by("name"):
        params.setdefault(p.endpoint_id, []).append(_spec(p, p.location))
    compiled = []
    for e in endpoints:
        eparams = params.get(e.id, [])
        compiled.append(
            CompiledEndpoint(
                id=str(e.id),
                group_id=str(e.group_id),
                group_slug=slug_of[e.group_id],
                name=e.name,
                method=e.method.upper(),
                path=e.path,
                segments=(),
                param_names=(),
                path_specs={s.name: s for s in eparams if s.location == "path"},
                query_specs=tuple(s for s in eparams if s.location == "query"),
                header_specs=tuple(headers.get(e.id, [])),
                status=e.response_status_code,
                response_headers=dict(e.response_headers or {}),
                response_body=e.response_body,
                response_schema=e.response_schema,
                request_body_schema=e.request_body_schema,
                request_body_required=e.request_body_required,
                request_error_status_code=e.request_error_status_code,
                request_error_body=e.request_error_body,
                delay=Delay(
                    fixed_ms=e.fixed_delay or 0,
                    uniform_max_ms=e.max_wait_time or 0,
                    lognormal_median_ms=e.lognormal_median or None,
                    lognormal_sigma=e.lognormal_sigma,
                ),
                chaos_mode=e.chaos_mode,
                chaos_weights=dict(e.chaos_weights or {}),
            )
        )
    return build_table(version, [(str(g), s, n) for g, s, n in groups], compiled)
