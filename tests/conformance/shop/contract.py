"""What the documented contract says, as helpers the tests share."""

from __future__ import annotations

import uuid

API = "/api/v1"
PASSWORD = "c0nformance-Suite-pass"
MISSING = "00000000-0000-0000-0000-000000000000"


def new_email() -> str:
    return f"suite-{uuid.uuid4().hex[:12]}@example.com"


def register(anon, email: str, password: str = PASSWORD, name: str = "Suite Shopper"):
    return anon.post(
        f"{API}/auth/register",
        json={"email": email, "password": password, "name": name},
    )


def login(anon, email: str, password: str = PASSWORD) -> dict:
    response = anon.post(
        f"{API}/auth/login", json={"email": email, "password": password}
    )
    assert response.status_code == 200, response.text
    return response.json()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def products(http, **params) -> list[dict]:
    response = http.get(f"{API}/products", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def product(http, product_id: str) -> dict:
    response = http.get(f"{API}/products/{product_id}")
    assert response.status_code == 200, response.text
    return response.json()


def stock_of(http, product_id: str) -> int:
    return product(http, product_id)["stock"]


def add(http, product_id: str, quantity: int = 1):
    return http.post(
        f"{API}/cart/items", json={"product_id": product_id, "quantity": quantity}
    )


def checkout(http, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else {}
    return http.post(f"{API}/orders", headers=headers)


def place(http, product_id: str, quantity: int = 1) -> dict:
    """An order of ``quantity`` of one product."""
    assert add(http, product_id, quantity).status_code == 200
    response = checkout(http)
    assert response.status_code == 201, response.text
    return response.json()


def assert_detail(response, status: int) -> str | dict:
    """FastAPI's ``{"detail": ...}`` in JSON with ``status``, never HTML."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "<html" not in response.text.lower()
    return response.json()["detail"]


def assert_message(response, status: int) -> str:
    detail = assert_detail(response, status)
    assert isinstance(detail, str) and detail
    return detail


def assert_validation(response, *locs: tuple) -> list[dict]:
    """A FastAPI 422 naming exactly ``locs``, each item with type/msg/input."""
    detail = assert_detail(response, 422)
    assert isinstance(detail, list)
    for item in detail:
        assert {"type", "loc", "msg", "input"} <= set(item)
    assert {tuple(item["loc"]) for item in detail} == set(locs)
    return detail


def assert_unauthenticated(response) -> None:
    assert_message(response, 401)
    assert response.headers["www-authenticate"].lower().startswith("bearer")
