"""Management API: every error is an RFC 9457 problem+json, never an HTML page."""

import pytest
from rest_framework.test import APIClient

from apps.mocks import models as m
from apps.mocks import services

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, type_suffix: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"].endswith("/" + type_suffix)
    assert body["title"]
    return body


def test_malformed_json_is_a_400_problem(api):
    response = api.post("/api/groups", '{"name": "x",', content_type="application/json")

    body = assert_problem(response, 400, "malformed-request")
    assert "JSON" in body["detail"]
    assert m.Group.all_objects.count() == 0


def test_unknown_field_is_rejected_by_name(api):
    response = api.post("/api/groups", {"name": "X", "colour": "red"}, format="json")

    body = assert_problem(response, 400, "validation-error")
    assert body["errors"] == [
        {"field": "colour", "message": "Unknown field.", "code": "unknown_field"}
    ]
    assert m.Group.all_objects.count() == 0


def test_unknown_field_is_reported_with_the_other_errors(api):
    response = api.post("/api/groups", {"colour": "red"}, format="json")

    fields = sorted(e["field"] for e in response.json()["errors"])
    assert fields == ["colour", "name"]


def test_body_that_is_not_an_object_is_a_body_level_error(api):
    response = api.post("/api/groups", [1, 2], format="json")

    body = assert_problem(response, 400, "validation-error")
    assert body["errors"][0]["field"] is None


def test_validation_problem_names_the_request_path(api):
    response = api.post("/api/groups", {}, format="json")

    assert response.json()["instance"] == "/api/groups"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("name=x", "application/x-www-form-urlencoded"), ("x", "text/plain")],
)
def test_non_json_body_is_415(api, body, content_type):
    response = api.post("/api/groups", body, content_type=content_type)

    assert_problem(response, 415, "unsupported-media-type")
    assert m.Group.all_objects.count() == 0


def test_wrong_method_is_405_with_allow(api, group):
    response = api.post(f"/api/groups/{group.pk}", {}, format="json")

    assert_problem(response, 405, "method-not-allowed")
    assert "PATCH" in response["Allow"]


def test_unknown_url_under_api_is_a_404_problem(api):
    response = api.get("/api/no/such/thing", HTTP_ACCEPT="text/html")

    assert_problem(response, 404, "not-found")


def test_errors_are_problem_json_even_for_a_browser(db):
    response = APIClient().get("/api/groups", HTTP_ACCEPT="text/html")

    assert_problem(response, 401, "not-authenticated")


def test_successful_reads_still_offer_the_browsable_api(api):
    response = api.get("/api/groups", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_unexpected_exception_is_a_500_problem_without_internals(
    api, monkeypatch, caplog
):
    def explode(**kwargs):
        raise RuntimeError("db password is hunter2")

    monkeypatch.setattr(services, "group_create", explode)

    response = api.post("/api/groups", {"name": "X"}, format="json")

    body = assert_problem(response, 500, "server-error")
    assert "hunter2" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert set(body) == {"type", "title", "status", "detail", "instance"}
    assert "hunter2" in caplog.text  # the log keeps what the client must not see


def test_schema_url_without_slash_redirects_to_it(api):
    response = api.get("/api/schema")

    assert response.status_code == 301
    assert response["Location"] == "/api/schema/"


@pytest.mark.parametrize(
    "field, value",
    [("description", 0), ("name", ["x"]), ("slug", True)],
)
def test_a_string_field_given_another_json_type_is_refused(api, field, value):
    response = api.post("/api/groups", {"name": "Typed", field: value}, format="json")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    "field, value",
    [("response_status_code", "201"), ("chaos_mode", "yes"), ("fixed_delay", True)],
)
def test_a_number_or_boolean_given_as_a_string_is_refused(api, group, field, value):
    response = api.post(
        f"/api/groups/{group.pk}/endpoints",
        {"name": "e", "path": "/e", field: value},
        format="json",
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("page_size", ["null", "0", "-3"])
def test_page_size_that_is_not_a_positive_integer_is_a_400(api, page_size):
    response = api.get(f"/api/groups?page_size={page_size}")

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["page_size"]


def test_page_size_above_the_maximum_is_capped(api, group):
    response = api.get("/api/groups?page_size=100000")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_schema_types_the_json_fields_that_refuse_null(api):
    schema = api.get("/api/schema/?format=json").json()["components"]["schemas"]

    endpoint = schema["EndpointRequest"]["properties"]
    assert (
        endpoint["response_headers"]["type"],
        endpoint["chaos_weights"]["type"],
    ) == (
        "object",
        "object",
    )
    assert schema["HeaderRequest"]["properties"]["enum_values"]["type"] == "array"
    assert schema["EndpointRequest"]["additionalProperties"] is False
