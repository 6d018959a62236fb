"""The OpenAPI schema (drf-spectacular) generates without warnings and validates."""

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

MANAGEMENT_PATHS = {
    "/api/auth/me",
    "/api/groups",
    "/api/groups/import",
    "/api/groups/{id}",
    "/api/groups/{id}/restore",
    "/api/groups/{group_id}/endpoints",
    "/api/groups/{group_id}/endpoints/{id}",
    "/api/groups/{group_id}/endpoints/{id}/restore",
    "/api/groups/{group_id}/endpoints/{id}/duplicate",
    "/api/groups/{group_id}/endpoints/{id}/test",
    "/api/journal",
    "/api/journal/export",
}


@pytest.fixture
def served_schema(db) -> dict:
    response = APIClient().get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi"
    )
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_spectacular_command_validates_with_zero_warnings(tmp_path):
    GENERATOR_STATS.reset()  # earlier schema builds in this process must not count
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert set(yaml.safe_load(target.read_text())["paths"]) >= MANAGEMENT_PATHS


def test_served_schema_documents_exactly_the_management_api(served_schema):
    validate_schema(served_schema)

    assert set(served_schema["paths"]) == MANAGEMENT_PATHS


def test_errors_are_documented_as_problem_json(served_schema):
    responses = served_schema["paths"]["/api/groups/{group_id}/endpoints"]["post"][
        "responses"
    ]

    for status in ("400", "401", "403", "404", "415", "429"):
        assert "application/problem+json" in responses[status]["content"], status


def test_endpoint_request_body_offers_nested_rows(served_schema):
    component = served_schema["components"]["schemas"]["EndpointRequest"]

    assert component["properties"]["headers"]["type"] == "array"
    assert "url_parameters" in component["properties"]
    assert "url" not in component["properties"]  # read-only stays out of requests


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_documentation_pages_render_offline(db, page):
    response = APIClient().get(page)

    assert response.status_code == 200
    assert b"/api/schema/" in response.content
    assert b"cdn." not in response.content
