"""X-API-Key on every endpoint but health and docs; keys are hashed, named,
revocable, and their last use is kept."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from apps.bookstore.models import ApiKey
from apps.bookstore.services import api_key_revoke

pytestmark = pytest.mark.django_db

PROTECTED = [
    ("get", "/bookstore/api/books"),
    ("get", "/bookstore/api/books/9780306406157"),
    ("post", "/bookstore/api/orders"),
    ("get", "/bookstore/api/orders/00000000-0000-0000-0000-000000000000"),
    ("post", "/bookstore/api/delivery"),
    ("get", "/bookstore/api/delivery/00000000-0000-0000-0000-000000000000"),
    ("get", "/bookstore/metrics"),
]


@pytest.fixture
def anonymous():
    return APIClient(raise_request_exception=False)


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_missing_key_is_a_401_detail(anonymous, method, path):
    response = getattr(anonymous, method)(path, {}, format="json")

    assert response.status_code == 401
    assert "X-API-Key" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_wrong_key_is_a_401_detail(anonymous, method, path):
    anonymous.credentials(HTTP_X_API_KEY="not-a-key")

    response = getattr(anonymous, method)(path, {}, format="json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked API key"}


@pytest.mark.parametrize("path", ["/bookstore/health", "/bookstore/docs",
                                  "/bookstore/redoc", "/bookstore/openapi.json"])  # fmt: skip
def test_health_and_docs_need_no_key(anonymous, path):
    assert anonymous.get(path).status_code == 200


def test_a_revoked_key_is_refused(api, api_key):
    api_key_revoke(key=api_key)

    assert api.get("/bookstore/api/books").status_code == 401


def test_the_key_is_stored_hashed_and_its_use_recorded(api, api_key):
    assert api.get("/bookstore/api/books").status_code == 200

    stored = ApiKey.objects.get(pk=api_key.pk)
    assert stored.key_hash == ApiKey.hash(api_key.raw) != api_key.raw
    assert api_key.raw not in {stored.name, stored.prefix, stored.key_hash}
    assert stored.last_used_at is not None


def test_an_oversized_key_is_refused_without_a_lookup(
    anonymous, django_assert_num_queries
):
    anonymous.credentials(HTTP_X_API_KEY="k" * 5000)

    with django_assert_num_queries(0):
        response = anonymous.get("/bookstore/api/books")

    assert response.status_code == 401


def test_the_management_command_creates_a_working_key(capsys):
    call_command("bookstore_api_key", "ci runner")
    raw = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)

    assert client.get("/bookstore/api/books").status_code == 200
    call_command("bookstore_api_key", "ci runner", "--revoke")
    assert client.get("/bookstore/api/books").status_code == 401
