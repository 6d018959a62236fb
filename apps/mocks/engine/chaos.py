"""The chaos catalogue: named faults, their default weights, and the seeded pick.

A fault is chosen per request from the endpoint's weights (defaults below,
overridden per fault by ``Endpoint.chaos_weights``). ``X-Chaos-Fault`` or
``__chaos`` forces one; ``X-Chaos-Seed`` makes the choice reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

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
