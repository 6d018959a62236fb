"""POST /api/orders and GET /api/orders/{id}: all or nothing."""

from decimal import Decimal

import pytest

from .contract import assert_validation, order_body, stock_of


def test_an_order_is_created_paid_and_reserves_stock(http, stocked):
    before = stock_of(http, stocked["isbn"])

    response = http.post("/api/orders", json=order_body(stocked["isbn"], quantity=2))

    assert response.status_code == 201, response.text
    order = response.json()
    assert order["status"] == "paid"
    (line,) = order["items"]
    assert (line["isbn"], line["quantity"], line["unit_price"]) == (
        stocked["isbn"], 2, stocked["price"],
    )  # fmt: skip
    assert Decimal(str(order["total"])) == Decimal(str(stocked["price"])) * 2
    assert order["payment"]["transaction_id"]
    assert order["payment"]["card_last4"] == "4242"
    assert "card_number" not in order["payment"]
    assert stock_of(http, stocked["isbn"]) == before - 2


def test_the_order_can_be_read_back(http, paid_order):
    response = http.get(f"/api/orders/{paid_order['id']}")

    assert response.status_code == 200
    assert response.json()["id"] == paid_order["id"]
    assert response.json()["payment"] == paid_order["payment"]


def test_duplicate_lines_are_merged(http, stocked):
    body = order_body(stocked["isbn"], stocked["isbn"])

    order = http.post("/api/orders", json=body).json()

    assert [(i["isbn"], i["quantity"]) for i in order["items"]] == [
        (stocked["isbn"], 2)
    ]


def test_an_unknown_order_is_a_404(http):
    response = http.get("/api/orders/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404


def test_a_malformed_order_id_is_a_422(http):
    assert_validation(http.get("/api/orders/not-a-uuid"), ("path", "order_id"))


def test_an_unknown_isbn_is_named_and_nothing_changes(http, stocked):
    before = stock_of(http, stocked["isbn"])

    response = http.post(
        "/api/orders", json=order_body(stocked["isbn"], "9791234567896")
    )

    assert_validation(response, ("body", "items", 1, "isbn"))
    assert stock_of(http, stocked["isbn"]) == before


def test_every_bad_field_is_named(http):
    body = order_body("0000000000000", quantity=0)
    body["customer"]["email"] = "nope"
    body["payment"]["card_number"] = "1234"

    assert_validation(
        http.post("/api/orders", json=body),
        ("body", "items", 0, "isbn"), ("body", "items", 0, "quantity"),
        ("body", "customer", "email"), ("body", "payment", "card_number"),
    )  # fmt: skip


def test_a_quantity_over_the_documented_maximum_is_a_422(http, stocked):
    response = http.post("/api/orders", json=order_body(stocked["isbn"], quantity=11))

    assert_validation(response, ("body", "items", 0, "quantity"))


def test_a_client_sent_price_is_refused(http, stocked):
    body = order_body(stocked["isbn"])
    body["total"] = 0.01

    assert_validation(http.post("/api/orders", json=body), ("body", "total"))


def test_short_stock_is_a_409_naming_each_isbn(http, low, sold_out, stocked):
    before = stock_of(http, stocked["isbn"])
    body = order_body(low["isbn"], quantity=low["stock"] + 1)
    body["items"] += order_body(sold_out["isbn"], stocked["isbn"])["items"]

    response = http.post("/api/orders", json=body)

    assert response.status_code == 409
    assert response.json()["detail"]["items"] == [
        {"isbn": low["isbn"], "requested": low["stock"] + 1, "available": low["stock"]},
        {"isbn": sold_out["isbn"], "requested": 1, "available": 0},
    ]
    assert stock_of(http, low["isbn"]) == low["stock"]
    assert stock_of(http, stocked["isbn"]) == before


@pytest.mark.parametrize(
    ("card", "reason"),
    [("4000000000000002", "card_declined"),
     ("4000000000009995", "insufficient_funds"),
     ("4000000000000069", "expired_card"),
     ("4000000000000127", "incorrect_cvc")],
)  # fmt: skip
def test_test_cards_decline_with_a_402_and_change_nothing(http, stocked, card, reason):
    before = stock_of(http, stocked["isbn"])

    response = http.post("/api/orders", json=order_body(stocked["isbn"], card=card))

    assert response.status_code == 402
    assert response.json()["detail"]["reason"] == reason
    assert stock_of(http, stocked["isbn"]) == before


def test_the_timeout_card_is_a_504_and_changes_nothing(http, stocked):
    before = stock_of(http, stocked["isbn"])

    response = http.post(
        "/api/orders", json=order_body(stocked["isbn"], card="4000000000000119")
    )

    assert response.status_code == 504
    assert stock_of(http, stocked["isbn"]) == before


def test_malformed_json_is_a_422(http):
    response = http.post(
        "/api/orders", content=b"{oops", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"
