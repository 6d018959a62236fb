"""One mock request through the engine: resolve, validate, chaos, build.

``handle()`` is synchronous, pure CPU and free of I/O: it returns an
``EngineResponse`` describing what to send and how (delay, drip, abort). The
async view (and ``testing.run_test_request``) carry that plan out, so the same
rules serve real traffic and the management API's test button.
"""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from apps.core.problems import PROBLEM_CONTENT_TYPE, problem_body

from . import chaos as chaos_mod
from .delays import delay_ms
from .generate import GenerationError, Unsatisfiable, generate, needs_check
from .match import Match, MethodNotAllowed, NotFound, resolve
from .placeholders import RequestValues, render
from .table import CompiledEndpoint, EndpointTable, encode_body
from .validate import Violation, validate_request

RESERVED_QUERY = frozenset({"__seed", "__chaos", "__chaos_seed"})
CHAOS_SUFFIX = "chaos"
DEFAULT_MAX_BODY_BYTES = 1_048_576


@dataclass(slots=True)
class MockRequest:
    method: str
    slug: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes = b""
    body_too_large: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(slots=True)
class EngineResponse:
    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay_ms: float = 0.0
    endpoint: CompiledEndpoint | None = None
    fault: str | None = None
    violations: list[dict[str, str]] = field(default_factory=list)
    # How to deliver: "empty" closes without a byte, "reset" sends
    # ``partial_bytes`` of the body then resets the connection.
    abort: str | None = None
    partial_bytes: int = 0
    drip_seconds: float = 0.0
    hang_seconds: float = 0.0
    seed: int | None = None


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def parse_seed(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    raw = raw.strip()
    if raw.lstrip("-").isdigit() and len(raw) < 19:
        return abs(int(raw))
    return zlib.crc32(raw.encode("utf-8"))


def problem(
    status: int, *, slug: str, title: str | None = None, **extra: Any
) -> EngineResponse:
    body = problem_body(status, title=title, type_=slug, **extra)
    return EngineResponse(
        status=status,
        body=json.dumps(body, ensure_ascii=False, default=str).encode("utf-8"),
        content_type=PROBLEM_CONTENT_TYPE,
    )


def _instance(req: MockRequest) -> str:
    return f"/{req.slug}{req.path if req.path != '/' else ''}"


# --- building bodies ---------------------------------------------------------


def _generated_body(schema: Any, seed: int, ep: CompiledEndpoint | None) -> bytes:
    check = ep.response_needs_check if ep is not None else needs_check(schema)
    value = generate(schema, seed, check=check)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build_body(ep: CompiledEndpoint, values: RequestValues, seed: int) -> bytes:
    if ep.static_bytes is not None:
        return ep.static_bytes
    if ep.response_body is not None:
        escape = any(m in ep.content_type for m in ("html", "xml"))
        return encode_body(
            render(ep.response_body, values, escape_markup=escape), ep.content_type
        )
    return _generated_body(ep.response_schema, seed, ep)


def normal_response(
    ep: CompiledEndpoint, values: RequestValues, seed: int
) -> EngineResponse:
    body = build_body(ep, values, seed)
    headers = list(ep.response_headers.items())
    if ep.response_body is None and ep.response_schema is not None:
        headers.append(("X-Mock-Seed", str(seed)))
    return EngineResponse(
        status=ep.status, body=body, content_type=ep.content_type, headers=headers,
        endpoint=ep, seed=seed,
    )  # fmt: skip


def _validation_response(
    ep: CompiledEndpoint,
    violations: list[Violation],
    status: int,
    req: MockRequest,
    seed: int,
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
                    listed, req, seed, ep,
                )  # fmt: skip
        elif spec is not None and spec.has_default:
            return _default_response(
                spec.default_status_code or status, spec.default_response_body,
                spec.default_response_schema, listed, req, seed, ep,
            )  # fmt: skip
    resp = problem(
        status,
        slug="request-validation",
        title="Request validation failed" if status == 422 else None,
        detail=f"The request breaks {len(listed)} rule(s) of {ep.label()}.",
        instance=_instance(req),
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
) -> EngineResponse:
    if body is not None:
        encoded, content_type = (
            encode_body(body, "application/json"),
            "application/json",
        )
    elif schema is not None:
        encoded, content_type = _generated_body(schema, seed, None), "application/json"
    else:
        resp = problem(
            status,
            slug="request-validation",
            instance=_instance(req),
            violations=listed,
        )
        resp.endpoint, resp.violations = ep, listed
        return resp
    return EngineResponse(
        status=status, body=encoded, content_type=content_type, endpoint=ep,
        violations=listed, seed=seed,
    )  # fmt: skip


# --- the request -------------------------------------------------------------


def handle(table: EndpointTable, req: MockRequest) -> EngineResponse:
    try:
        return _handle(table, req)
    except (GenerationError, Unsatisfiable) as exc:
        # Refused at save time in normal use; keep the contract: problem+json.
        return problem(
            500, slug="generation-failed", detail=f"No body could be generated: {exc}",
            instance=_instance(req),
        )  # fmt: skip


def _resolve_with_chaos(table: EndpointTable, req: MockRequest) -> tuple[Any, bool]:
    segments = [s for s in req.path.split("/") if s]
    if segments and segments[-1] == CHAOS_SUFFIX:
        base = "/" + "/".join(segments[:-1])
        found = resolve(table, req.slug, req.method, base)
        if not isinstance(found, NotFound):
            return found, True
    return resolve(table, req.slug, req.method, req.path), False


def _handle(table: EndpointTable, req: MockRequest) -> EngineResponse:
    found, is_chaos = _resolve_with_chaos(table, req)
    if isinstance(found, NotFound):
        if not found.group_found:
            return problem(
                404, slug="group-not-found", detail=f"No mock group is served at /{req.slug}.",
                instance=_instance(req), near_misses=found.near_misses,
            )  # fmt: skip
        return problem(
            404, slug="endpoint-not-found",
            detail=f"No endpoint of /{req.slug} matches {req.method} {req.path}.",
            instance=_instance(req), near_misses=found.near_misses,
        )  # fmt: skip
    if isinstance(found, MethodNotAllowed):
        if req.method == "OPTIONS":
            resp = EngineResponse(status=204, body=b"", content_type=None)
        else:
            resp = problem(
                405, slug="method-not-allowed",
                detail=f"{req.method} is not configured here; allowed: {', '.join(found.allow)}.",
                instance=_instance(req),
            )  # fmt: skip
        resp.headers.append(("Allow", ", ".join(found.allow)))
        return resp
    assert isinstance(found, Match)
    ep = found.endpoint
    if is_chaos and not ep.chaos_mode:
        return problem(
            404, slug="chaos-off", detail=f"The chaos twin of {ep.label()} is switched off.",
            instance=_instance(req),
        )  # fmt: skip
    seed = parse_seed(req.headers.get("x-mock-seed") or _first(req.query, "__seed"))
    if seed is None:
        seed = random.getrandbits(32)
    rng = random.Random(seed)
    query = {k: v for k, v in req.query.items() if k not in RESERVED_QUERY}
    result = validate_request(
        ep, path_params=found.path_params, query=query, headers=req.headers,
        body=req.body, content_type=req.content_type, body_too_large=req.body_too_large,
        max_body_bytes=_setting("MOCK_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
    )  # fmt: skip
    values = RequestValues(
        method=req.method, path=found.path_params, query=query, headers=req.headers
    )
    if not result.ok:
        resp = _validation_response(ep, result.violations, result.status(), req, seed)
    elif is_chaos:
        resp = chaos_response(ep, req, values, seed)
    else:
        resp = normal_response(ep, values, seed)
    resp.endpoint = ep
    if req.method == "HEAD":
        resp.body = b""
    resp.delay_ms += 0.0 if ep.delay.is_zero else delay_ms(ep.delay, rng)
    return resp


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


# --- chaos -------------------------------------------------------------------

ERROR_STATUSES = (
    400,
    401,
    403,
    404,
    408,
    409,
    410,
    418,
    422,
    429,
    500,
    501,
    502,
    503,
    504,
)
SUCCESS_STATUSES = (200, 201, 202, 203, 204, 206)


def chaos_response(
    ep: CompiledEndpoint, req: MockRequest, values: RequestValues, seed: int
) -> EngineResponse:
    forced = req.headers.get("x-chaos-fault") or _first(req.query, "__chaos")
    chaos_seed = parse_seed(
        req.headers.get("x-chaos-seed") or _first(req.query, "__chaos_seed")
    )
    if chaos_seed is None:
        chaos_seed = random.getrandbits(32)
    rng = random.Random(chaos_seed)
    if forced:
        if forced not in chaos_mod.DEFAULT_WEIGHTS:
            return problem(
                400, slug="unknown-chaos-fault",
                detail=f"Unknown chaos fault {forced!r}.", faults=list(chaos_mod.FAULTS),
            )  # fmt: skip
        fault = forced
    else:
        fault = chaos_mod.pick_fault(chaos_mod.effective_weights(ep.chaos_weights), rng)
    resp = FAULT_BUILDERS[fault](ep, req, values, seed, rng)
    resp.fault = fault
    resp.endpoint = ep
    if resp.abort is None:
        resp.headers.append(("X-Chaos-Fault", fault))
    return resp


def _chaos_problem(status: int, fault: str, detail: str) -> EngineResponse:
    return problem(status, slug=f"chaos/{fault}", detail=detail)


def _f_http_500(ep, req, values, seed, rng) -> EngineResponse:
    return _chaos_problem(500, "http_500", "Chaos: internal server error.")


def _f_http_503(ep, req, values, seed, rng) -> EngineResponse:
    resp = _chaos_problem(503, "http_503", "Chaos: service unavailable, retry later.")
    resp.headers.append(("Retry-After", str(rng.randint(1, 30))))
    return resp


def _f_random_error_status(ep, req, values, seed, rng) -> EngineResponse:
    status = ERROR_STATUSES[rng.randrange(len(ERROR_STATUSES))]
    return _chaos_problem(status, "random_error_status", f"Chaos: status {status}.")


def _f_wrong_success_status(ep, req, values, seed, rng) -> EngineResponse:
    choices = [s for s in SUCCESS_STATUSES if s != ep.status]
    resp = normal_response(ep, values, seed)
    resp.status = choices[rng.randrange(len(choices))]
    if resp.status == 204:
        resp.body, resp.content_type = b"", None
    return resp


def _f_timeout(ep, req, values, seed, rng) -> EngineResponse:
    resp = _chaos_problem(504, "timeout", "Chaos: the upstream did not answer in time.")
    resp.hang_seconds = float(_setting("MOCK_CHAOS_TIMEOUT_SECONDS", 35.0))
    return resp


def _f_slow_drip(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    resp.drip_seconds = float(_setting("MOCK_CHAOS_DRIP_SECONDS", 4.0))
    return resp


def _f_random_delay(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    high = float(_setting("MOCK_CHAOS_MAX_RANDOM_DELAY_MS", 5000))
    resp.delay_ms += rng.uniform(min(500.0, high), high)
    return resp


def _f_random_body(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    # Starts with a byte no JSON document can start with, then noise.
    resp.body = b"\xff\xfe<!--" + rng.randbytes(rng.randint(16, 256))
    return resp


def _f_malformed_json(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    body = resp.body if len(resp.body) >= 2 else b'{"data": [1, 2'
    if body.lstrip()[:1] not in (b"{", b"["):
        body = b'{"data": ' + json.dumps(body.decode("utf-8", "replace")).encode()
    resp.body = body[: rng.randint(1, len(body) - 1)]
    resp.content_type = "application/json"
    return resp


def _f_schema_violation(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    try:
        document = json.loads(resp.body) if resp.body else None
    except ValueError:
        document = None
    resp.body = json.dumps(_break_schema(document, ep.response_schema, rng)).encode()
    resp.content_type = "application/json"
    return resp


def _break_schema(document: Any, schema: Any, rng: random.Random) -> Any:
    """Valid JSON that breaks the contract: drop required fields, wrong types, nulls."""
    if not isinstance(document, dict) or not document:
        return (
            {"unexpected": None} if not isinstance(document, dict) else {"data": None}
        )
    broken = dict(document)
    required = schema.get("required", []) if isinstance(schema, dict) else []
    keys = list(broken)
    victims = [k for k in required if k in broken] or keys
    drop = victims[rng.randrange(len(victims))]
    del broken[drop]
    for key in list(broken)[:3]:
        value = broken[key]
        if isinstance(value, str):
            broken[key] = rng.randint(0, 10**6)
        elif isinstance(value, bool | int | float):
            broken[key] = str(value)
        elif isinstance(value, list):
            broken[key] = {"items": value}
        else:
            broken[key] = None
    broken.setdefault("id", None)
    return broken


def _f_random_headers(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    resp.content_type = rng.choice(
        [
            "text/html; charset=utf-8",
            "application/xml",
            "image/png",
            "text/plain; charset=latin-1",
        ]
    )
    resp.headers += [
        ("X-Powered-By", rng.choice(["PHP/5.2.17", "ASP.NET", "Chaos/1.0"])),
        ("Cache-Control", "no-cache, no-store, max-age=-1"),
        ("X-Chaos-Noise", rng.randbytes(8).hex()),
        ("Content-Language", "xx-XX"),
        ("Set-Cookie", f"chaos={rng.randbytes(4).hex()}; Path=/; Max-Age=0"),
    ]
    return resp


def _f_empty_response(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    resp.abort, resp.partial_bytes = "empty", 0
    return resp


def _f_connection_reset(ep, req, values, seed, rng) -> EngineResponse:
    resp = normal_response(ep, values, seed)
    if len(resp.body) < 2:
        resp.body = b'{"data": "' + b"x" * 64 + b'"}'
    resp.abort, resp.partial_bytes = "reset", len(resp.body) // 2
    return resp


FAULT_BUILDERS = {
    "http_500": _f_http_500,
    "http_503": _f_http_503,
    "random_error_status": _f_random_error_status,
    "wrong_success_status": _f_wrong_success_status,
    "timeout": _f_timeout,
    "slow_drip": _f_slow_drip,
    "random_delay": _f_random_delay,
    "random_body": _f_random_body,
    "malformed_json": _f_malformed_json,
    "schema_violation": _f_schema_violation,
    "random_headers": _f_random_headers,
    "empty_response": _f_empty_response,
    "connection_reset": _f_connection_reset,
}
assert set(FAULT_BUILDERS) == set(chaos_mod.FAULTS)
