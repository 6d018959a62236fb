"""Shop calls are recorded with their operation and the user's id, never a
password or a token."""

import json

import pytest

from apps.core.journal import JournalEntry, writer

from .conftest import API, PASSWORD

pytestmark = pytest.mark.django_db


def recorded():
    writer.flush()
    return list(JournalEntry.objects.order_by("id"))


def test_login_is_recorded_without_password_or_tokens(anonymous, shopper):
    response = anonymous.post(
        f"{API}/auth/login", {"email": shopper.email, "password": PASSWORD},
        format="json",
    )  # fmt: skip
    body = response.json()

    (entry,) = recorded()
    assert (entry.family, entry.operation, entry.status) == ("shop", "login", 200)
    record = json.dumps(entry.as_record())
    assert PASSWORD not in record
    assert body["access_token"] not in record and body["refresh_token"] not in record


def test_a_call_records_the_user_never_the_bearer(api, shopper):
    api.get(f"{API}/cart")

    (entry,) = recorded()
    assert (entry.operation, entry.principal) == ("getCart", f"shopuser:{shopper.pk}")
    headers = {k.lower(): v for k, v in entry.request_headers.items()}
    assert "Bearer" not in headers.get("authorization", "")


def test_checkout_is_recorded_as_checkout(api, product):
    api.post(f"{API}/cart/items", {"product_id": str(product.pk)}, format="json")
    api.post(f"{API}/orders")

    assert [e.operation for e in recorded()] == ["addToCart", "checkout"]


def test_register_is_recorded_without_the_password(anonymous):
    anonymous.post(
        f"{API}/auth/register",
        {"email": "new@example.com", "password": PASSWORD, "name": "New"},
        format="json",
    )

    (entry,) = recorded()
    assert (entry.operation, entry.status) == ("register", 201)
    assert PASSWORD not in json.dumps(entry.as_record())


def test_a_rejected_password_is_never_echoed_nor_recorded(anonymous):
    weak = "73125968"  # all digits: refused, and easy to spot
    response = anonymous.post(
        f"{API}/auth/register",
        {"email": "new@example.com", "password": weak, "name": "New"},
        format="json",
    )

    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "password"] and error["input"] is None
    (entry,) = recorded()
    assert weak not in json.dumps(entry.as_record())
