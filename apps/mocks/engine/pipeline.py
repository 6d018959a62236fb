"""One mock request through the engine: resolve, validate, chaos, build.

``handle()`` is synchronous, pure CPU and free of I/O: it returns an
``EngineResponse`` describing what to send and how (delay, drip, abort). The
transports of the Django edge (and its test runner) carry that plan out, so
the same rules serve real traffic and the management API's test button.
The caller passes the ``EngineConfig``; the engine reads no settings.
"""

from __future__ import annotations

import random
from typing import Any

from apps.core.datagen import BudgetExceeded, GenerationError, Unsatisfiable
from apps.core.datagen.patterns import PatternUnsupported

from .chaos import chaos_response
from .config import EngineConfig
from .delays import delay_ms
from .match import Match, MethodNotAllowed, NotFound, resolve
from .placeholders import RequestValues
from .plan import EngineResponse, MockRequest
from .responses import generated_body, normal_response, problem
from .table import CompiledEndpoint, EndpointTable, encode_body
from .validate import Violation, validate_request

RESERVED_QUERY = frozenset({"__seed", "__chaos", "__chaos_seed"})
CHAOS_SUFFIX = "chaos"


def _validation_response(
    ep: CompiledEndpoint,
    violations: list[Violation],
    status: int,
    req: MockRequest,
    seed: int,
    config: EngineConfig,
) -> EngineResponse:
    listed = [v.as_dict() for v in violations]
    # The first failing item that has its own default response answers.
    for v in violations:
        spec = v.spec
        if v.location == "body" or (v.location == "header" and spec is None):
            if (
                ep.request_error_status_code is not None
                or ep.request_error_body is not None
            ):
                return _default_response(
                    ep.request_error_status_code or status, ep.request_error_body, None,
                    listed, req, seed, ep, config,
                )  # fmt: skip
        elif spec is not None and spec.has_default:
            return _default_response(
                spec.default_status_code or status, spec.default_response_body,
                spec.default_response_schema, listed, req, seed, ep, config,
            )  # fmt: skip
    resp = problem(
        status,
        slug="request-validation",
        title="Request validation failed" if status == 422 else None,
        detail=f"The request breaks {len(listed)} rule(s) of {ep.label()}.",
        instance=req.instance,
        violations=listed,
    )
    resp.endpoint, resp.violations = ep, listed
    return resp


def _default_response(
    status: int,
    body: Any,
    schema: Any,
    listed: list[dict[str, str]],
    req: MockRequest,
    seed: int,
    ep: CompiledEndpoint,
    config: EngineConfig,
) -> EngineResponse:
    if body is not None:
        encoded, content_type = (
            encode_body(body, "application/json"),
            "application/json",
        )
    elif schema is not None:
        encoded = generated_body(schema, seed, None, config.generation)
        content_type = "application/json"
    else:
        resp = problem(
            status,
            slug="request-validation",
            instance=req.instance,
            violations=listed,
        )
        resp.endpoint, resp.violations = ep, listed
        return resp
    return EngineResponse(
        status=status, body=encoded, content_type=content_type, endpoint=ep,
        violations=listed, seed=seed,
    )  # fmt: skip


# --- the request -------------------------------------------------------------


def handle(
    table: EndpointTable, req: MockRequest, *, config: EngineConfig
) -> EngineResponse:
    try:
        return _handle(table, req, config)
    except BudgetExceeded as exc:
        # Schemas over the limits are refused at save; this is the backstop
        # for rows saved before (or under higher limits): answer, never hang.
        return problem(
            500, slug="generation-budget-exceeded",
            detail=f"No body was generated: {exc} (limit {exc.limit}).",
            instance=req.instance,
        )  # fmt: skip
    except (GenerationError, Unsatisfiable) as exc:
        # Refused at save time in normal use; keep the contract: problem+json.
        return problem(
            500, slug="generation-failed", detail=f"No body could be generated: {exc}",
            instance=req.instance,
        )  # fmt: skip
    except PatternUnsupported as exc:
        # A pattern stored before save-time checks refused it: the endpoint's
        # configuration is at fault, not the request.
        return problem(
            500, slug="configuration-invalid",
            detail=f"A configured pattern cannot be matched: {exc}",
            instance=req.instance,
        )  # fmt: skip


def _resolve_with_chaos(table: EndpointTable, req: MockRequest) -> tuple[Any, bool]:
    segments = [s for s in req.path.split("/") if s]
    if segments and segments[-1] == CHAOS_SUFFIX:
        base = "/" + "/".join(segments[:-1])
        found = resolve(table, req.slug, req.method, base)
        if not isinstance(found, NotFound):
            return found, True
    return resolve(table, req.slug, req.method, req.path), False


def _handle(
    table: EndpointTable, req: MockRequest, config: EngineConfig
) -> EngineResponse:
    found, is_chaos = _resolve_with_chaos(table, req)
    if isinstance(found, NotFound):
        if not found.group_found:
            return problem(
                404, slug="group-not-found", detail=f"No mock group is served at /{req.slug}.",
                instance=req.instance, near_misses=found.near_misses,
            )  # fmt: skip
        return problem(
            404, slug="endpoint-not-found",
            detail=f"No endpoint of /{req.slug} matches {req.method} {req.path}.",
            instance=req.instance, near_misses=found.near_misses,
        )  # fmt: skip
    if isinstance(found, MethodNotAllowed):
        if req.method == "OPTIONS":
            resp = EngineResponse(status=204, body=b"", content_type=None)
        else:
            resp = problem(
                405, slug="method-not-allowed",
                detail=f"{req.method} is not configured here; allowed: {', '.join(found.allow)}.",
                instance=req.instance,
            )  # fmt: skip
        resp.headers.append(("Allow", ", ".join(found.allow)))
        return resp
    assert isinstance(found, Match)
    ep = found.endpoint
    if is_chaos and not ep.chaos_mode:
        return problem(
            404, slug="chaos-off", detail=f"The chaos twin of {ep.label()} is switched off.",
            instance=req.instance,
        )  # fmt: skip
    seed = req.seed_from("x-mock-seed", "__seed")
    if seed is None:
        seed = random.getrandbits(32)
    rng = random.Random(seed)
    query = {k: v for k, v in req.query.items() if k not in RESERVED_QUERY}
    result = validate_request(
        ep, path_params=found.path_params, query=query, headers=req.headers,
        body=req.body, content_type=req.content_type, body_too_large=req.body_too_large,
        max_body_bytes=config.max_body_bytes, json_max_depth=config.json_max_depth,
    )  # fmt: skip
    values = RequestValues(
        method=req.method, path=found.path_params, query=query, headers=req.headers
    )
    if not result.ok:
        resp = _validation_response(
            ep, result.violations, result.status(), req, seed, config
        )
    elif is_chaos:
        resp = chaos_response(ep, req, values, seed, config)
    else:
        resp = normal_response(ep, values, seed, config.generation)
    resp.endpoint = ep
    if req.method == "HEAD":
        resp.body = b""
    resp.delay_ms += 0.0 if ep.delay.is_zero else delay_ms(ep.delay, rng)
    return resp
