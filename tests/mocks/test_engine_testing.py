"""run_test_request (the management API's test button) and engine units."""

import random

import pytest

from apps.mocks import services
from apps.mocks.edge.testing import run_test_request
from apps.mocks.engine import chaos
from apps.mocks.engine.delays import delay_ms
from apps.mocks.engine.placeholders import RequestValues, render
from apps.mocks.engine.table import Delay

pytestmark = pytest.mark.usefixtures("fresh_engine")


@pytest.fixture
def endpoint(db):
    group = services.group_create(data={"name": "T", "slug": "tg"})
    return services.endpoint_create(
        group=group,
        data={
            "name": "order",
            "path": "/orders/{id}",
            "response_body": {"id": "{{path.id}}"},
            "fixed_delay": 250,
            "url_parameters": [
                {
                    "name": "id",
                    "location": "path",
                    "value_type": "integer",
                    "minimum": 5,
                }
            ],
        },
    )


def test_runs_the_endpoint_with_sample_path_values(endpoint):
    result = run_test_request(endpoint)
    assert (result["status"], result["body"]) == (200, {"id": "5"})
    assert result["delay_ms"] == 250 and result["latency_ms"] >= 0


def test_reports_validation_failures(endpoint):
    result = run_test_request(endpoint, path="/orders/1")
    assert result["status"] == 422 and result["violations"][0]["location"] == "path"


def test_chaos_with_forced_fault(endpoint):
    result = run_test_request(endpoint, chaos=True, fault="http_503")
    assert (result["status"], result["fault"]) == (503, "http_503")


def test_aborting_fault_has_no_status(endpoint):
    assert (
        run_test_request(endpoint, chaos=True, fault="connection_reset")["status"]
        is None
    )


def test_delays_compose_fixed_uniform_and_lognormal():
    rng = random.Random(1)
    values = [
        delay_ms(
            Delay(
                fixed_ms=100,
                uniform_max_ms=50,
                lognormal_median_ms=200,
                lognormal_sigma=0.3,
            ),
            rng,
        )
        for _ in range(2000)
    ]
    values.sort()
    assert min(values) >= 100 and 280 < values[1000] < 360


def test_chaos_weights_zero_excludes_a_fault():
    weights = chaos.effective_weights(
        {name: 0 for name in chaos.FAULTS if name != "http_500"}
    )
    assert {chaos.pick_fault(weights, random.Random(s)) for s in range(50)} == {
        "http_500"
    }


@pytest.mark.parametrize(
    "value", [{"nope": 1}, {"http_500": -1}, dict.fromkeys(chaos.FAULTS, 0), [1]]
)
def test_bad_chaos_weights_are_reported(value):
    assert chaos.weight_problems(value)


def test_placeholders_do_not_evaluate_anything():
    values = RequestValues(
        method="GET", path={"id": "{{query.x}}"}, query={"x": ["1"]}, headers={}
    )
    assert render({"a": "{{path.id}}", "b": "{{ 7*7 }}"}, values) == {
        "a": "{{query.x}}",
        "b": "{{ 7*7 }}",
    }


def test_placeholders_escape_markup_in_html_bodies():
    values = RequestValues(method="GET", path={}, query={"q": ["<script>"]}, headers={})
    assert (
        render("<p>{{query.q}}</p>", values, escape_markup=True)
        == "<p>&lt;script&gt;</p>"
    )
