"""What the documented contract says, as helpers the tests share."""

from __future__ import annotations

import datetime as dt
import uuid

GOOD_CARD = "4242424242424242"


def books(http, **params) -> list[dict]:
    response = http.get("/api/books", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def order_body(*isbns: str, quantity: int = 1, card: str = GOOD_CARD) -> dict:
    return {
        "items": [{"isbn": isbn, "quantity": quantity} for isbn in isbns],
        "customer": {"name": "Conformance Suite", "email": "suite@example.com"},
        "payment": {"method": "card", "card_number": card, "exp_month": 12,
                    "exp_year": dt.date.today().year + 3, "cvc": "123"},
    }  # fmt: skip


def delivery_body(order_id: str, *, days: int = 2, **address) -> dict:
    return {
        "order_id": order_id,
        "requested_date": str(dt.date.today() + dt.timedelta(days=days)),
        "window": "afternoon",
        "address": {"recipient": "Conformance Suite", "line1": "1 Main Street",
                    "city": "Boston", "postal_code": "02118", "country": "US",
                    **address},
    }  # fmt: skip


def isbn10(isbn13: str) -> str:
    """The ISBN-10 of a 978 ISBN-13."""
    core = isbn13[3:12]
    check = sum((10 - i) * int(d) for i, d in enumerate(core)) % 11
    return core + ("X" if (11 - check) % 11 == 10 else str((11 - check) % 11))


def hyphenated(isbn13: str) -> str:
    return f"{isbn13[:3]}-{isbn13[3]}-{isbn13[4:8]}-{isbn13[8:12]}-{isbn13[12]}"


def stock_of(http, isbn: str) -> int:
    return http.get(f"/api/books/{isbn}").json()["stock"]


def new_key() -> str:
    return f"suite-{uuid.uuid4()}"


def assert_validation(response, *locs: tuple) -> list[dict]:
    """A FastAPI 422 naming exactly ``locs``, each item with type/msg/input."""
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    for item in detail:
        assert {"type", "loc", "msg", "input"} <= set(item)
    assert {tuple(item["loc"]) for item in detail} == set(locs)
    return detail
