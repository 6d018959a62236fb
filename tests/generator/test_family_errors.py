"""Refusals before any generator view, in FastAPI's shape (the kit's pre-view
errors as tests/core/test_family_errors.py checks them for the other
families), never Django's HTML."""

import pytest
from django.test import Client

from apps.core import middleware

pytestmark = pytest.mark.django_db
URL = "/generator/api/v1/users"


def fastapi(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert b"<html" not in response.content.lower()


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def test_a_bad_host_is_a_400(anonymous, settings):
    settings.ALLOWED_HOSTS = ["mock.example.com"]

    fastapi(anonymous.get(URL, HTTP_HOST="evil.example.org"), 400)


def test_a_nul_in_the_query_is_a_400(anonymous):
    fastapi(anonymous.get(URL + "?seed=%00"), 400)


@pytest.mark.parametrize(
    "path", ["/generator", "/generator/api/v1/users/1", "/generator/line%0Abreak"]
)
def test_an_unrouted_path_is_starlette_s_404(anonymous, path):
    response = anonymous.get(path)

    fastapi(response, 404)
    assert response.json() == {"detail": "Not Found"}


def test_a_crash_before_the_view_is_a_500_without_internals(anonymous, monkeypatch):
    def boom(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(middleware.RejectNulCharactersMiddleware, "_has_nul", boom)
    response = anonymous.get(URL)

    fastapi(response, 500)
    assert b"secret internals" not in response.content
