"""The chaos catalogue: named faults, their default weights, the seeded pick,
and the builder of each fault's response plan.

A fault is chosen per request from the endpoint's weights (defaults below,
overridden per fault by ``Endpoint.chaos_weights``). ``X-Chaos-Fault`` or
``__chaos`` forces one; ``X-Chaos-Seed`` makes the choice reproducible.
A builder only describes the fault (status, body, hang, drip, abort); the
transport carries it out, so every server shows a client the same fault.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping
from typing import Any

from .config import EngineConfig
from .placeholders import RequestValues
from .plan import EngineResponse, MockRequest
from .responses import normal_response, problem
from .table import CompiledEndpoint

# Defaults favour the faults clients meet most in production (5xx, slowness)
# over the exotic ones; every fault stays reachable.
DEFAULT_WEIGHTS: dict[str, float] = {
    "http_500": 10,
    "http_503": 8,
    "random_error_status": 8,
    "wrong_success_status": 5,
    "timeout": 3,
    "slow_drip": 3,
    "random_delay": 8,
    "random_body": 5,
    "malformed_json": 6,
    "schema_violation": 8,
    "random_headers": 5,
    "empty_response": 4,
    "connection_reset": 4,
}
FAULTS: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
MAX_WEIGHT = 1_000_000


def weight_problems(value: Any) -> list[str]:
    """Why a chaos_weights value is unusable; empty when it is fine."""
    if value in (None, {}):
        return []
    if not isinstance(value, Mapping):
        return ["expected an object of fault name to weight"]
    problems = []
    for name, weight in value.items():
        if name not in DEFAULT_WEIGHTS:
            problems.append(f"unknown fault {name!r} (known: {', '.join(FAULTS)})")
        elif (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not 0 <= weight <= MAX_WEIGHT
        ):
            problems.append(
                f"weight of {name!r} must be a number from 0 to {MAX_WEIGHT}"
            )
    if not problems and not any(
        {**DEFAULT_WEIGHTS, **value}.get(name, 0) > 0 for name in FAULTS
    ):
        problems.append("at least one fault needs a weight above 0")
    return problems


def effective_weights(overrides: Mapping[str, float] | None) -> list[tuple[str, float]]:
    merged = {**DEFAULT_WEIGHTS, **(overrides or {})}
    return [(name, float(merged[name])) for name in FAULTS if merged[name] > 0]


def pick_fault(weights: list[tuple[str, float]], rng: random.Random) -> str:
    total = sum(w for _, w in weights)
    point = rng.random() * total
    for name, weight in weights:
        point -= weight
        if point < 0:
            return name
    return weights[-1][0]


# --- the faults --------------------------------------------------------------

ERROR_STATUSES = (
    400, 401, 403, 404, 408, 409, 410, 418, 422, 429, 500, 501, 502, 503, 504,
)  # fmt: skip
SUCCESS_STATUSES = (200, 201, 202, 203, 204, 206)


def chaos_response(
    ep: CompiledEndpoint,
    req: MockRequest,
    values: RequestValues,
    seed: int,
    config: EngineConfig,
) -> EngineResponse:
    forced = req.headers.get("x-chaos-fault") or req.first("__chaos")
    chaos_seed = req.seed_from("x-chaos-seed", "__chaos_seed")
    if chaos_seed is None:
        chaos_seed = random.getrandbits(32)
    rng = random.Random(chaos_seed)
    if forced:
        if forced not in DEFAULT_WEIGHTS:
            return problem(
                400, slug="unknown-chaos-fault",
                detail=f"Unknown chaos fault {forced!r}.", faults=list(FAULTS),
            )  # fmt: skip
        fault = forced
    else:
        fault = pick_fault(effective_weights(ep.chaos_weights), rng)
    resp = FAULT_BUILDERS[fault](ep, values, seed, rng, config)
    resp.fault = fault
    resp.endpoint = ep
    if resp.abort is None:
        resp.headers.append(("X-Chaos-Fault", fault))
    return resp


def _chaos_problem(status: int, fault: str, detail: str) -> EngineResponse:
    return problem(status, slug=f"chaos/{fault}", detail=detail)


def _f_http_500(ep, values, seed, rng, config) -> EngineResponse:
    return _chaos_problem(500, "http_500", "Chaos: internal server error.")


def _f_http_503(ep, values, seed, rng, config) -> EngineResponse:
    resp = _chaos_problem(503, "http_503", "Chaos: service unavailable, retry later.")
    resp.headers.append(("Retry-After", str(rng.randint(1, 30))))
    return resp


def _f_random_error_status(ep, values, seed, rng, config) -> EngineResponse:
    status = ERROR_STATUSES[rng.randrange(len(ERROR_STATUSES))]
    return _chaos_problem(status, "random_error_status", f"Chaos: status {status}.")


def _f_wrong_success_status(ep, values, seed, rng, config) -> EngineResponse:
    choices = [s for s in SUCCESS_STATUSES if s != ep.status]
    resp = normal_response(ep, values, seed, config.generation)
    resp.status = choices[rng.randrange(len(choices))]
    if resp.status == 204:
        resp.body, resp.content_type = b"", None
    return resp


def _f_timeout(ep, values, seed, rng, config) -> EngineResponse:
    resp = _chaos_problem(504, "timeout", "Chaos: the upstream did not answer in time.")
    resp.hang_seconds = float(config.chaos_timeout_seconds)
    return resp


def _f_slow_drip(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
    resp.drip_seconds = float(config.chaos_drip_seconds)
    return resp


def _f_random_delay(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
    high = float(config.chaos_max_random_delay_ms)
    resp.delay_ms += rng.uniform(min(500.0, high), high)
    return resp


def _f_random_body(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
    # Starts with a byte no JSON document can start with, then noise.
    resp.body = b"\xff\xfe<!--" + rng.randbytes(rng.randint(16, 256))
    return resp


def _f_malformed_json(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
    body = resp.body if len(resp.body) >= 2 else b'{"data": [1, 2'
    if body.lstrip()[:1] not in (b"{", b"["):
        body = b'{"data": ' + json.dumps(body.decode("utf-8", "replace")).encode()
    resp.body = body[: rng.randint(1, len(body) - 1)]
    resp.content_type = "application/json"
    return resp


def _f_schema_violation(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
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


def _f_random_headers(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
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


def _f_empty_response(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
    resp.abort, resp.partial_bytes = "empty", 0
    return resp


def _f_connection_reset(ep, values, seed, rng, config) -> EngineResponse:
    resp = normal_response(ep, values, seed, config.generation)
    if len(resp.body) < 2:
        resp.body = b'{"data": "' + b"x" * 64 + b'"}'
    resp.abort, resp.partial_bytes = "reset", len(resp.body) // 2
    return resp


FaultBuilder = Callable[
    [CompiledEndpoint, RequestValues, int, random.Random, EngineConfig],
    EngineResponse,
]
FAULT_BUILDERS: dict[str, FaultBuilder] = {
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
assert set(FAULT_BUILDERS) == set(FAULTS)
