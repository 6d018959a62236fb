"""Errors before any view, unknown paths, wrong methods, bad JSON, oversized
bodies and crashes: FastAPI's {"detail": ...}, never Django's HTML."""

import pytest
from django.test import Client

from apps.core import middleware

pytestmark = pytest.mark.django_db


def fastapi(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    assert b"<html" not in response.content.lower()


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def test_bad_host_is_a_400(anonymous, settings):
    settings.ALLOWED_HOSTS = ["mock.example.com"]

    fastapi(anonymous.get("/bookstore/api/books", HTTP_HOST="evil.example.org"), 400)


def test_nul_in_the_query_is_a_400(anonymous):
    fastapi(anonymous.get("/bookstore/api/books?q=%00"), 400)


@pytest.mark.parametrize(
    "path", ["/bookstore", "/bookstore/nothing", "/bookstore/api/x%0A"]
)
def test_unknown_path_is_a_404_not_found(anonymous, path):
    response = anonymous.get(path)

    fastapi(response, 404)
    assert response.json() == {"detail": "Not Found"}


def test_body_over_the_limit_is_a_413(anonymous, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = anonymous.post(
        "/bookstore/api/orders",
        "[" + "1," * 1000 + "1]",
        content_type="application/json",
    )

    fastapi(response, 413)


def test_crash_outside_drf_is_a_500_without_internals(anonymous, monkeypatch):
    def boom(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(middleware.RejectNulCharactersMiddleware, "_has_nul", boom)

    response = anonymous.get("/bookstore/api/books")

    fastapi(response, 500)
    assert b"secret internals" not in response.content


def test_wrong_method_is_a_405_with_allow(api):
    response = api.delete("/bookstore/api/books")

    fastapi(response, 405)
    assert response.json() == {"detail": "Method Not Allowed"}
    assert "GET" in response["Allow"]


def test_malformed_json_is_a_422_json_invalid(api):
    response = api.post(
        "/bookstore/api/orders", "{not json", content_type="application/json"
    )

    fastapi(response, 422)
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_a_body_that_is_not_an_object_is_a_422(api):
    response = api.post("/bookstore/api/orders", [1, 2], format="json")

    fastapi(response, 422)


def test_every_answer_carries_a_request_id(api):
    response = api.get("/bookstore/api/books", HTTP_X_REQUEST_ID="trace-42")

    assert response["X-Request-Id"] == "trace-42"
    assert api.get("/bookstore/api/books/abc").has_header("X-Request-Id")
