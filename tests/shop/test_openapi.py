"""One OpenAPI document for the shop (its routes only), committed at
apps/shop/openapi.yaml and equal to what is served; Swagger UI and ReDoc
offline."""

import json

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from apps.shop import openapi

pytestmark = pytest.mark.django_db


@pytest.fixture
def served():
    response = APIClient().get("/shop/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_served_schema_is_the_committed_file(served):
    committed = yaml.safe_load(openapi.COMMITTED.read_text())

    # Run ``manage.py shop_openapi`` after changing a view or serializer.
    assert served == committed


def test_the_command_reports_a_current_file():
    call_command("shop_openapi", "--check")


def test_the_schema_validates_without_warnings(served, capsys):
    validate_schema(served)
    openapi.document()

    assert "Warning" not in capsys.readouterr().err
    assert served["servers"] == [{"url": "/shop"}]
    assert all(path.startswith(("/api/v1/", "/_mock/")) for path in served["paths"])


def test_the_operations_and_the_bearer_scheme_are_documented(served):
    assert served["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT"
    }  # fmt: skip
    checkout = served["paths"]["/api/v1/orders"]["post"]
    assert checkout["operationId"] == "checkout"
    assert {"201", "401", "409"} <= set(checkout["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in checkout["parameters"])
    assert "security" not in served["paths"]["/api/v1/products"]["get"] or served[
        "paths"
    ]["/api/v1/products"]["get"]["security"] == [{}]


@pytest.mark.parametrize("page", ["/shop/docs", "/shop/redoc"])
def test_docs_pages_use_no_cdn(page):
    response = APIClient().get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
