"""Building response plans: the configured response (static, templated or
generated from the response schema) and problem+json errors."""

from __future__ import annotations

import json
from typing import Any

from apps.core.datagen import (
    BudgetExceeded,
    GenerationLimits,
    generate,
    needs_check,
)
from apps.core.problem_details import PROBLEM_CONTENT_TYPE, problem_body

from .placeholders import RequestValues, render
from .plan import EngineResponse
from .table import CompiledEndpoint, encode_body


def problem(
    status: int, *, slug: str, title: str | None = None, **extra: Any
) -> EngineResponse:
    body = problem_body(status, title=title, type_=slug, **extra)
    return EngineResponse(
        status=status,
        body=json.dumps(body, ensure_ascii=False, default=str).encode("utf-8"),
        content_type=PROBLEM_CONTENT_TYPE,
    )


def generated_body(
    schema: Any, seed: int, ep: CompiledEndpoint | None, limits: GenerationLimits
) -> bytes:
    """The body generated from ``schema``, within the budget of ``limits``."""
    check = ep.response_needs_check if ep is not None else needs_check(schema)
    value = generate(schema, seed, check=check, limits=limits)
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    if len(body) > limits.max_bytes:
        raise BudgetExceeded(
            f"a generated body would be larger than {limits.max_bytes} bytes",
            limit="max_bytes",
        )
    return body


def build_body(
    ep: CompiledEndpoint, values: RequestValues, seed: int, limits: GenerationLimits
) -> bytes:
    if ep.static_bytes is not None:
        return ep.static_bytes
    if ep.response_body is not None:
        escape = any(m in ep.content_type for m in ("html", "xml"))
        return encode_body(
            render(ep.response_body, values, escape_markup=escape), ep.content_type
        )
    return generated_body(ep.response_schema, seed, ep, limits)


def normal_response(
    ep: CompiledEndpoint, values: RequestValues, seed: int, limits: GenerationLimits
) -> EngineResponse:
    body = build_body(ep, values, seed, limits)
    headers = list(ep.response_headers.items())
    if ep.response_body is None and ep.response_schema is not None:
        headers.append(("X-Mock-Seed", str(seed)))
    return EngineResponse(
        status=ep.status, body=body, content_type=ep.content_type, headers=headers,
        endpoint=ep, seed=seed,
    )  # fmt: skip
