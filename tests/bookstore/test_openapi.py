"""One OpenAPI document for the family (only its routes), Swagger UI and ReDoc
served offline."""

import json

import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/books", "/api/books/{isbn}", "/api/orders", "/api/orders/{order_id}",
    "/api/delivery", "/api/delivery/{delivery_id}", "/health", "/metrics",
    "/_mock/reset",
}  # fmt: skip


@pytest.fixture
def schema():
    response = APIClient().get("/bookstore/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def test_the_schema_validates_and_lists_only_bookstore_paths(schema):
    validate_schema(schema)

    assert set(schema["paths"]) == PATHS
    assert schema["servers"] == [{"url": "/bookstore"}]


def test_the_api_key_scheme_is_documented(schema):
    assert schema["components"]["securitySchemes"]["apiKey"] == {
        "type": "apiKey", "in": "header", "name": "X-API-Key"
    }  # fmt: skip
    operation = schema["paths"]["/api/orders"]["post"]
    assert operation["operationId"] == "createOrder"
    assert {"402", "409", "422", "401"} <= set(operation["responses"])


@pytest.mark.parametrize("page", ["/bookstore/docs", "/bookstore/redoc"])
def test_docs_pages_use_no_cdn(page):
    response = APIClient().get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
