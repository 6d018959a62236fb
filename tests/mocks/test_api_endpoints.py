"""Management API: endpoints with nested headers and URL parameters."""

import pytest

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(group, user):
    return services.endpoint_create(
        group=group,
        data={
            "name": "Order",
            "path": "/orders/{order_id}",
            "headers": [{"name": "X-Api-Key"}, {"name": "X-Trace", "required": False}],
            "url_parameters": [
                {"name": "order_id", "location": "path", "value_type": "integer"},
                {"name": "expand", "required": False},
            ],
        },
        user=user,
    )


def url(group, endpoint=None, suffix=""):
    base = f"/api/groups/{group.pk}/endpoints"
    return (f"{base}/{endpoint.pk}" if endpoint else base) + suffix


def counts():
    return (
        m.Endpoint.all_objects.count(),
        m.Header.all_objects.count(),
        m.UrlParameter.all_objects.count(),
    )


def test_create_writes_endpoint_headers_and_parameters_in_one_request(api, group):
    response = api.post(
        url(group),
        {
            "name": "Order",
            "path": "orders/{order_id}/",
            "method": "post",
            "headers": [{"name": "X-Api-Key", "exact_value": "secret"}],
            "url_parameters": [
                {"name": "order_id", "location": "path", "value_type": "integer"}
            ],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["path"] == "/orders/{order_id}"  # normalized by the model
    assert body["method"] == "POST"
    assert body["url"] == "/shop-mocks/orders/{order_id}"
    assert body["group_slug"] == "shop-mocks"
    assert [h["name"] for h in body["headers"]] == ["X-Api-Key"]
    assert body["url_parameters"][0]["value_type"] == "integer"
    assert response["Location"] == url(group) + f"/{body['id']}"
    created = m.Endpoint.objects.get(pk=body["id"])
    assert created.headers.get().exact_value == "secret"
    assert created.url_parameters.get().location == "path"


def test_url_of_the_root_path_is_the_group_prefix(api, group):
    response = api.post(url(group), {"name": "Root", "path": "/"}, format="json")

    assert response.json()["url"] == "/shop-mocks"


def test_endpoint_lists_every_service_field(api, endpoint, group):
    body = api.get(url(group, endpoint)).json()

    assert set(services.ENDPOINT_FIELDS) <= set(body)
    assert set(services.URL_PARAMETER_FIELDS) <= set(body["url_parameters"][0])
    assert body["created_by"] == "user@example.com"


def test_put_replaces_the_nested_sets(api, group, endpoint):
    kept = endpoint.headers.get(name="X-Api-Key")

    response = api.put(
        url(group, endpoint),
        {
            "name": "Order",
            "path": "/orders/{order_id}",
            "headers": [{"id": str(kept.pk), "name": "X-Api-Key", "pattern": "^k"}],
            "url_parameters": [{"name": "order_id", "location": "path"}],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert list(endpoint.headers.values_list("pk", "pattern")) == [(kept.pk, "^k")]
    assert list(endpoint.url_parameters.values_list("name", flat=True)) == ["order_id"]
    assert [h["name"] for h in response.json()["headers"]] == ["X-Api-Key"]


def test_put_resets_scalar_fields_left_out(api, group, endpoint):
    services.endpoint_update(
        endpoint=endpoint, data={"max_wait_time": 500}, partial=True
    )

    response = api.put(
        url(group, endpoint),
        {"name": "Order", "path": "/orders/{order_id}"},
        format="json",
    )

    assert response.status_code == 200
    endpoint.refresh_from_db()
    assert endpoint.max_wait_time == 0


def test_patch_without_nested_lists_keeps_them(api, group, endpoint):
    response = api.patch(url(group, endpoint), {"chaos_mode": False}, format="json")

    assert response.status_code == 200
    endpoint.refresh_from_db()
    assert endpoint.chaos_mode is False
    assert endpoint.headers.count() == 2
    assert endpoint.url_parameters.count() == 2


def test_patch_with_an_empty_list_clears_that_set(api, group, endpoint):
    response = api.patch(url(group, endpoint), {"headers": []}, format="json")

    assert response.status_code == 200
    assert endpoint.headers.count() == 0
    assert endpoint.url_parameters.count() == 2


def test_duplicate_route_is_reported_on_path_and_nothing_is_saved(api, group, endpoint):
    before = counts()

    response = api.post(
        url(group),
        {"name": "Again", "path": "/orders/{order_id}", "headers": [{"name": "A"}]},
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["path"]
    assert counts() == before


def test_bad_nested_item_names_the_row_and_nothing_is_saved(api, group):
    before = counts()

    response = api.post(
        url(group),
        {
            "name": "Order",
            "path": "/orders",
            "headers": [{"name": "X-Ok"}, {"name": "bad name"}],
            "url_parameters": [{"name": "page", "value_type": "integer"}],
        },
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["headers[1].name"]
    assert "header name" in errors[0]["message"]
    assert counts() == before


def test_nested_shape_error_names_the_row(api, group):
    before = counts()

    response = api.post(
        url(group),
        {
            "name": "Order",
            "path": "/orders",
            "url_parameters": [{"name": "a"}, {"name": "b", "value_type": "colour"}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [
        "url_parameters[1].value_type"
    ]
    assert counts() == before


def test_unknown_nested_field_is_rejected(api, group, endpoint):
    before = counts()

    response = api.patch(
        url(group, endpoint),
        {"headers": [{"name": "X-Api-Key", "colour": "red"}]},
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["headers[0].colour"]
    assert counts() == before
    assert endpoint.headers.count() == 2


def test_invalid_json_schema_is_reported_on_its_field(api, group):
    response = api.post(
        url(group),
        {"name": "S", "path": "/s", "response_schema": {"type": "nonsense"}},
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["response_schema"]
    assert m.Endpoint.all_objects.count() == 0


def test_path_parameter_without_segment_is_rejected_on_update(api, group, endpoint):
    response = api.patch(url(group, endpoint), {"path": "/orders"}, format="json")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["path"]
    endpoint.refresh_from_db()
    assert endpoint.path == "/orders/{order_id}"


def test_delete_then_restore_brings_back_the_nested_rows(api, group, endpoint):
    assert api.delete(url(group, endpoint)).status_code == 204
    assert api.get(url(group, endpoint)).status_code == 404
    binned = api.get(url(group) + "?deleted=true").json()["results"]
    # The bin shows the rows that a restore brings back.
    assert [len(e["headers"]) for e in binned] == [2]

    response = api.post(url(group, endpoint, "/restore"))

    assert response.status_code == 200
    assert len(response.json()["headers"]) == 2
    assert endpoint.headers.count() == 2


def test_restoring_an_endpoint_of_a_deleted_group_asks_for_the_group(
    api, group, endpoint
):
    services.group_delete(group=group)

    response = api.post(url(group, endpoint, "/restore"))

    assert response.status_code == 400
    assert "Restore the group" in response.json()["errors"][0]["message"]
    assert m.Endpoint.all_objects.get(pk=endpoint.pk).deleted_at is not None


def test_endpoints_of_a_deleted_group_are_404(api, group, endpoint):
    services.group_delete(group=group)

    assert api.get(url(group)).status_code == 404
    assert api.get(url(group) + "?deleted=true").json()["count"] == 1


def test_duplicate_copies_the_endpoint_under_a_free_path(api, group, endpoint):
    response = api.post(url(group, endpoint, "/duplicate"))

    assert response.status_code == 201
    body = response.json()
    assert body["path"] == "/orders/{order_id}/copy"
    assert body["id"] != str(endpoint.pk)
    assert len(body["headers"]) == 2
    assert m.Endpoint.objects.filter(group=group).count() == 2


def test_test_request_runs_the_endpoint_through_the_engine(api, group):
    endpoint = services.endpoint_create(
        group=group,
        data={
            "name": "Order",
            "path": "/orders/{order_id}",
            "response_status_code": 201,
            "response_headers": {"X-Trace": "abc"},
            "response_body": {"id": "{{ path.order_id }}", "ok": True},
            "url_parameters": [
                {"name": "order_id", "location": "path", "value_type": "integer"}
            ],
        },
    )

    response = api.post(
        url(group, endpoint, "/test"), {"path": "/orders/42"}, format="json"
    )

    assert response.status_code == 200
    result = response.json()
    assert result["status"] == 201
    assert result["headers"]["X-Trace"] == "abc"
    assert result["body"] == {"id": "42", "ok": True}
    assert result["latency_ms"] >= 0
    assert result["fault"] is None


def test_test_request_reports_validation_failures(api, group, endpoint):
    response = api.post(url(group, endpoint, "/test"), {}, format="json")

    result = response.json()
    assert response.status_code == 200
    assert result["status"] in (400, 422)
    assert result["violations"]


def test_test_request_can_force_a_chaos_fault(api, group):
    endpoint = services.endpoint_create(
        group=group, data={"name": "Ping", "path": "/ping", "response_body": {}}
    )

    response = api.post(
        url(group, endpoint, "/test"),
        {"chaos": True, "fault": "http_503"},
        format="json",
    )

    result = response.json()
    assert result["fault"] == "http_503"
    assert result["status"] == 503
    assert "Retry-After" in result["headers"]


def test_test_request_refuses_an_unknown_fault(api, group, endpoint):
    response = api.post(
        url(group, endpoint, "/test"), {"chaos": True, "fault": "meteor"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "fault"


def test_endpoint_of_another_group_is_404(api, group, endpoint, user):
    other = services.group_create(data={"name": "Other"}, user=user)

    assert api.get(url(other, endpoint)).status_code == 404
