"""The catch-all view through Django's test client: routing, validation, bodies."""

import json
from pathlib import Path

import pytest

from apps.mocks import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_engine")]


@pytest.fixture
def group(db):
    return services.group_create(data={"name": "Shop", "slug": "shop-mock"})


def make(group, **data):
    data.setdefault("name", data.get("path", "ep"))
    return services.endpoint_create(group=group, data=data)


def test_static_json_body_status_and_headers(client, group):
    make(
        group,
        path="/orders",
        response_status_code=201,
        response_body={"ok": True},
        response_headers={"X-Trace": "abc"},
    )
    resp = client.get("/shop-mock/orders")
    assert (resp.status_code, resp.json(), resp["X-Trace"]) == (
        201,
        {"ok": True},
        "abc",
    )


def test_string_body_with_text_content_type_is_sent_as_is(client, group):
    make(
        group,
        path="/hello",
        response_body="hi there",
        response_headers={"Content-Type": "text/plain"},
    )
    resp = client.get("/shop-mock/hello")
    assert (resp.content, resp["Content-Type"]) == (b"hi there", "text/plain")


def test_literal_path_beats_template(client, group):
    make(group, name="one", path="/orders/{id}", response_body={"which": "template"})
    make(group, name="two", path="/orders/export", response_body={"which": "literal"})
    assert client.get("/shop-mock/orders/export").json() == {"which": "literal"}
    assert client.get("/shop-mock/orders/42").json() == {"which": "template"}


def test_typed_path_parameter_mismatch_is_a_404_naming_the_near_miss(client, group):
    make(
        group,
        path="/orders/{id}",
        url_parameters=[{"name": "id", "location": "path", "value_type": "integer"}],
    )
    resp = client.get("/shop-mock/orders/abc")
    body = resp.json()
    assert resp.status_code == 404
    assert resp["Content-Type"] == "application/problem+json"
    assert body["near_misses"][0]["path"] == "/orders/{id}"
    assert "integer" in body["near_misses"][0]["reason"]


def test_wrong_method_gives_405_with_allow(client, group):
    make(group, path="/orders", method="GET")
    make(group, name="p", path="/orders", method="POST")
    resp = client.delete("/shop-mock/orders")
    assert resp.status_code == 405
    assert resp["Allow"] == "GET, HEAD, POST"


def test_unknown_group_is_problem_404(client, group):
    resp = client.get("/nope-group/x")
    assert resp.status_code == 404
    assert resp.json()["type"].endswith("group-not-found")


def test_unknown_path_lists_closest_endpoints(client, group):
    make(group, path="/customers")
    resp = client.get("/shop-mock/customer")
    assert resp.json()["near_misses"][0]["path"] == "/customers"


def test_query_and_header_violations_are_all_listed_with_location(client, group):
    make(
        group,
        path="/search",
        url_parameters=[{"name": "page", "value_type": "integer", "minimum": 1}],
        headers=[{"name": "X-Api-Key", "exact_value": "k1"}],
    )
    resp = client.get("/shop-mock/search?page=0", HTTP_X_API_KEY="bad")
    body = resp.json()
    assert resp.status_code == 422
    assert {(v["location"], v["name"]) for v in body["violations"]} == {
        ("query", "page"),
        ("header", "X-Api-Key"),
    }


def test_missing_required_query_uses_its_default_response(client, group):
    make(
        group,
        path="/search",
        url_parameters=[
            {
                "name": "q",
                "default_status_code": 418,
                "default_response_body": {"error": "need q"},
            }
        ],
    )
    resp = client.get("/shop-mock/search")
    assert (resp.status_code, resp.json()) == (418, {"error": "need q"})


BODY_SCHEMA = {
    "type": "object",
    "required": ["name", "qty"],
    "properties": {
        "name": {"type": "string"},
        "qty": {"type": "integer", "minimum": 1},
    },
}


@pytest.fixture
def post_ep(group):
    return make(
        group,
        path="/items",
        method="POST",
        request_body_schema=BODY_SCHEMA,
        request_body_required=True,
        response_status_code=201,
        response_body={"created": True},
    )


def test_valid_json_body_gets_configured_response(client, post_ep):
    resp = client.post(
        "/shop-mock/items", {"name": "x", "qty": 2}, content_type="application/json"
    )
    assert resp.status_code == 201


def test_body_schema_violations_carry_json_pointers(client, post_ep):
    resp = client.post("/shop-mock/items", {"qty": 0}, content_type="application/json")
    pointers = {v.get("pointer") for v in resp.json()["violations"]}
    assert resp.status_code == 422
    assert pointers == {"", "/qty"}


def test_invalid_json_is_400(client, post_ep):
    resp = client.post("/shop-mock/items", "{bad", content_type="application/json")
    assert resp.status_code == 400


def test_wrong_content_type_is_415(client, post_ep):
    resp = client.post("/shop-mock/items", "name=x", content_type="text/plain")
    assert resp.status_code == 415


def test_body_over_limit_is_413(client, post_ep, settings):
    settings.MOCK_MAX_BODY_BYTES = 10
    resp = client.post(
        "/shop-mock/items",
        {"name": "x" * 50, "qty": 1},
        content_type="application/json",
    )
    assert resp.status_code == 413


def test_missing_required_body_is_400(client, post_ep):
    resp = client.post("/shop-mock/items", "", content_type="application/json")
    assert resp.status_code == 400


def test_body_failure_uses_endpoint_request_error_response(client, group):
    make(
        group,
        path="/pay",
        method="POST",
        request_body_schema=BODY_SCHEMA,
        request_error_status_code=409,
        request_error_body={"code": "BAD"},
    )
    resp = client.post("/shop-mock/pay", {"name": 1}, content_type="application/json")
    assert (resp.status_code, resp.json()) == (409, {"code": "BAD"})


def test_placeholders_fill_from_path_query_and_headers(client, group):
    make(
        group,
        path="/orders/{id}",
        response_body={
            "id": "{{ path.id }}",
            "page": "{{query.page|1}}",
            "trace": "{{header.X-Trace}}",
            "evil": "{{ path.id.__class__ }}",
        },
    )
    body = client.get("/shop-mock/orders/7", HTTP_X_TRACE='"><b>').json()
    assert body == {"id": "7", "page": "1", "trace": '"><b>', "evil": ""}


def test_generated_body_is_reproducible_with_seed(client, group):
    schema = json.loads(
        (
            Path(__file__).resolve().parents[1] / "fixtures" / "customer.schema.json"
        ).read_text()
    )
    make(group, path="/customer", response_schema=schema)
    one = client.get("/shop-mock/customer", HTTP_X_MOCK_SEED="42").content
    two = client.get("/shop-mock/customer?__seed=42").content
    other = client.get("/shop-mock/customer", HTTP_X_MOCK_SEED="43").content
    assert one == two != other


def test_generated_body_reports_its_seed(client, group):
    make(
        group,
        path="/c",
        response_schema={"type": "object", "properties": {"a": {"type": "integer"}}},
    )
    resp = client.get("/shop-mock/c")
    again = client.get("/shop-mock/c", HTTP_X_MOCK_SEED=resp["X-Mock-Seed"])
    assert again.content == resp.content


def test_head_is_served_by_get_without_body(client, group):
    make(group, path="/h", response_body={"a": 1})
    resp = client.head("/shop-mock/h")
    assert (resp.status_code, resp.content) == (200, b"")


def test_chaos_twin_is_404_when_chaos_mode_off(client, group):
    make(group, path="/c", chaos_mode=False)
    resp = client.get("/shop-mock/c/chaos")
    assert resp.json()["type"].endswith("chaos-off")


def test_chaos_fault_forced_by_header(client, group):
    make(group, path="/c", response_body={"a": 1})
    resp = client.get("/shop-mock/c/chaos", HTTP_X_CHAOS_FAULT="http_503")
    assert (resp.status_code, resp["X-Chaos-Fault"]) == (503, "http_503")
    assert int(resp["Retry-After"]) >= 1


def test_chaos_choice_is_reproducible_with_seed(client, group):
    make(
        group,
        path="/c",
        response_body={"a": 1},
        chaos_weights={
            "timeout": 0,
            "slow_drip": 0,
            "random_delay": 0,
            "empty_response": 0,
            "connection_reset": 0,
        },
    )
    faults = [
        client.get("/shop-mock/c/chaos", HTTP_X_CHAOS_SEED=str(s))["X-Chaos-Fault"]
        for s in range(8)
    ]
    again = [
        client.get("/shop-mock/c/chaos", HTTP_X_CHAOS_SEED=str(s))["X-Chaos-Fault"]
        for s in range(8)
    ]
    assert faults == again and len(set(faults)) > 1


def test_unknown_forced_fault_is_400(client, group):
    make(group, path="/c")
    assert client.get("/shop-mock/c/chaos?__chaos=nope").status_code == 400


def test_config_change_is_picked_up(client, group, django_capture_on_commit_callbacks):
    ep = make(group, path="/v", response_body={"v": 1})
    assert client.get("/shop-mock/v").json() == {"v": 1}
    with django_capture_on_commit_callbacks(execute=True):
        services.endpoint_update(
            endpoint=ep, data={"response_body": {"v": 2}}, partial=True
        )
    assert client.get("/shop-mock/v").json() == {"v": 2}


def test_steady_state_resolution_runs_no_query(
    client, group, django_assert_num_queries
):
    make(group, path="/q", response_body={"a": 1})
    client.get("/shop-mock/q")
    with django_assert_num_queries(0):
        assert client.get("/shop-mock/q").status_code == 200
