"""Every refusal below /shop is FastAPI's {"detail": ...}, never Django's HTML:
before any view, unknown paths, wrong methods, bad JSON, oversized bodies,
crashes; and each answer carries a request id."""

import pytest
from django.test import Client

from apps.core import middleware

from .conftest import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw(db):
    return Client(raise_request_exception=False)


@pytest.fixture
def tiny_uploads(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000


@pytest.fixture
def foreign_host(settings):
    settings.ALLOWED_HOSTS = ["mock.example.com"]


@pytest.fixture
def crash(monkeypatch):
    def boom(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(middleware.RejectNulCharactersMiddleware, "_has_nul", boom)


JSON = "application/json"
CASES = {
    # name: (fixture or None, method, path, body, expected status)
    "bad host": ("foreign_host", "get", "/products", None, 400),
    "nul": (None, "get", "/products?search=%00", None, 400),
    "unknown path": (None, "get", "/nothing", None, 404),
    "newline path": (None, "get", "/products/x%0A/y", None, 404),
    "prefix only": (None, "get", "", None, 404),
    "oversized": ("tiny_uploads", "post", "/auth/login", "[" + "1," * 999 + "1]", 413),
    "crash": ("crash", "get", "/products", None, 500),
    "wrong method": (None, "delete", "/products", None, 405),
    "bad json": (None, "post", "/auth/login", "{not json", 422),
    "not an object": (None, "post", "/auth/register", "[1, 2]", 422),
    "empty body": (None, "post", "/auth/login", "", 422),
}


@pytest.mark.parametrize("case", CASES)
def test_every_refusal_is_a_fastapi_detail(raw, request, case):
    fixture, method, path, body, status = CASES[case]
    if fixture:
        request.getfixturevalue(fixture)
    kwargs = {"content_type": JSON} if body is not None else {}
    url = f"{API}{path}" if path else "/shop"
    if case == "bad host":
        kwargs["HTTP_HOST"] = "evil.example.org"

    response = (
        getattr(raw, method)(url, body, **kwargs)
        if body is not None
        else (getattr(raw, method)(url, **kwargs))
    )

    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(JSON)
    assert "detail" in response.json()
    assert b"<html" not in response.content.lower()
    assert b"secret internals" not in response.content


def test_wrong_method_says_allow(raw):
    response = raw.delete(f"{API}/products")

    assert response.json() == {"detail": "Method Not Allowed"}
    assert "GET" in response["Allow"]


def test_every_answer_carries_a_request_id(raw):
    assert raw.get(f"{API}/products").has_header("X-Request-Id")
    assert raw.get(f"{API}/nothing").has_header("X-Request-Id")
