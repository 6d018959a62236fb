"""The engine is pure: no Django, and its tunables come from the EngineConfig
it is handed (the edge builds that from settings; see test_engine_config)."""

import json

import pytest

from apps.mocks.engine.config import EngineConfig
from apps.mocks.engine.pipeline import handle
from apps.mocks.engine.plan import EngineResponse, MockRequest
from apps.mocks.engine.table import CompiledEndpoint, Delay, build_table
from tests.django_free import django_modules_loaded_by


def test_the_engine_loads_no_django_module():
    assert django_modules_loaded_by("apps.mocks.engine") == []


def endpoint() -> CompiledEndpoint:
    """POST /shop/orders: a static 201, a JSON body, its chaos twin on."""
    return CompiledEndpoint(
        id="e1", group_id="g1", group_slug="shop", name="orders", method="POST",
        path="/orders", segments=(), param_names=(), path_specs={}, query_specs=(),
        header_specs=(), status=201, response_headers={},
        response_body={"ok": True}, response_schema=None,
        request_body_schema={"type": "object"}, request_body_required=False,
        request_error_status_code=None, request_error_body=None, delay=Delay(),
        chaos_mode=True, chaos_weights={},
    )  # fmt: skip


@pytest.fixture
def table():
    return build_table(1, [("g1", "shop", "Shop")], [endpoint()])


def ask(table, config, path="/orders", body=b"{}", **headers) -> EngineResponse:
    req = MockRequest(
        method="POST", slug="shop", path=path, query={},
        headers={"content-type": "application/json", **headers}, body=body,
    )  # fmt: skip
    return handle(table, req, config=config)


def test_a_body_within_the_configured_limit_is_served(table):
    plan = ask(table, EngineConfig(max_body_bytes=10), body=b'{"a": 1}')
    assert (plan.status, json.loads(plan.body)) == (201, {"ok": True})


def test_a_body_over_the_configured_limit_is_413(table):
    plan = ask(table, EngineConfig(max_body_bytes=4), body=b'{"a": 1}')
    assert plan.status == 413


def test_the_timeout_fault_hangs_for_the_configured_time(table):
    config = EngineConfig(chaos_timeout_seconds=1.25)
    plan = ask(table, config, path="/orders/chaos", **{"x-chaos-fault": "timeout"})
    assert (plan.status, plan.hang_seconds) == (504, 1.25)


def test_the_slow_drip_fault_lasts_the_configured_time(table):
    config = EngineConfig(chaos_drip_seconds=2.0)
    plan = ask(table, config, path="/orders/chaos", **{"x-chaos-fault": "slow_drip"})
    chunks, pause = plan.drip()
    assert (plan.drip_seconds, pause, b"".join(chunks)) == (2.0, 0.2, plan.body)


def test_the_random_delay_fault_stays_under_the_configured_bound(table):
    config = EngineConfig(chaos_max_random_delay_ms=800)
    delays = [
        ask(
            table, config, path="/orders/chaos",
            **{"x-chaos-fault": "random_delay", "x-chaos-seed": str(seed)},
        ).delay_ms
        for seed in range(30)
    ]  # fmt: skip
    assert min(delays) >= 500 and max(delays) <= 800


def test_an_unknown_group_is_a_problem_404_without_django(table):
    req = MockRequest(method="GET", slug="nope", path="/", query={}, headers={})
    plan = handle(table, req, config=EngineConfig())
    assert plan.status == 404
    assert plan.content_type == "application/problem+json"
    assert json.loads(plan.body)["instance"] == "/nope"
