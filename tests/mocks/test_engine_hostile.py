"""Hostile values through the pure engine: bounded time, clear problem+json."""

import dataclasses
import json
import time

import pytest

from apps.mocks.engine.config import EngineConfig
from apps.mocks.engine.pipeline import handle
from apps.mocks.engine.plan import MockRequest
from apps.mocks.engine.table import CompiledEndpoint, Delay, Spec, build_table

HOSTILE = "a" * 27 + "b"  # about 7 s for Python's re against ^(a+)+$
NO_STALL_SECONDS = 1.5


def endpoint(**changes) -> CompiledEndpoint:
    base = CompiledEndpoint(
        id="e1", group_id="g1", group_slug="shop", name="orders", method="POST",
        path="/orders", segments=(), param_names=(), path_specs={}, query_specs=(),
        header_specs=(), status=201, response_headers={},
        response_body={"ok": True}, response_schema=None,
        request_body_schema=None, request_body_required=False,
        request_error_status_code=None, request_error_body=None, delay=Delay(),
        chaos_mode=False, chaos_weights={},
    )  # fmt: skip
    return dataclasses.replace(base, **changes)


def ask(ep, *, headers=None, query=None, body=b""):
    table = build_table(1, [("g1", "shop", "Shop")], [ep])
    req = MockRequest(
        method="POST", slug="shop", path="/orders", query=query or {},
        headers={"content-type": "application/json", **(headers or {})}, body=body,
    )  # fmt: skip
    return handle(table, req, config=EngineConfig())


@pytest.mark.parametrize("location", ["header", "query"])
def test_a_catastrophic_spec_pattern_answers_422_without_stalling(location):
    spec = Spec(name="x-code", location=location, pattern=r"^(a+)+$")
    ep = endpoint(
        header_specs=(spec,) if location == "header" else (),
        query_specs=(spec,) if location == "query" else (),
    )
    started = time.perf_counter()
    plan = ask(
        ep,
        headers={"x-code": HOSTILE} if location == "header" else None,
        query={"x-code": [HOSTILE]} if location == "query" else None,
    )
    assert time.perf_counter() - started < NO_STALL_SECONDS
    assert plan.status == 422


def test_a_catastrophic_body_schema_pattern_answers_422_without_stalling():
    ep = endpoint(request_body_schema={"type": "string", "pattern": r"^(a+)+$"})
    started = time.perf_counter()
    plan = ask(ep, body=json.dumps(HOSTILE).encode())
    assert time.perf_counter() - started < NO_STALL_SECONDS
    assert plan.status == 422


def test_a_stored_pattern_re2_cannot_run_is_a_configuration_problem():
    # Rows saved before the save-time check may hold one (here a backreference).
    spec = Spec(name="x-code", location="header", pattern=r"^(a)\1$")
    plan = ask(endpoint(header_specs=(spec,)), headers={"x-code": "aa"})
    body = json.loads(plan.body)
    assert (plan.status, plan.content_type) == (500, "application/problem+json")
    assert body["type"].endswith("configuration-invalid")
    assert "RE2" in body["detail"]
