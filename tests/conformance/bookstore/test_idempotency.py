"""Idempotency-Key on both POSTs."""

from .contract import assert_validation, delivery_body, new_key, order_body, stock_of


def test_a_retry_replays_the_first_answer_without_a_second_order(http, stocked):
    key = new_key()
    before = stock_of(http, stocked["isbn"])
    body = order_body(stocked["isbn"])

    first = http.post("/api/orders", json=body, headers={"Idempotency-Key": key})
    again = http.post("/api/orders", json=body, headers={"Idempotency-Key": key})

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert stock_of(http, stocked["isbn"]) == before - 1


def test_the_same_key_with_another_body_is_a_422(http, stocked):
    key = new_key()
    http.post("/api/orders", json=order_body(stocked["isbn"]),
              headers={"Idempotency-Key": key})  # fmt: skip

    response = http.post(
        "/api/orders", json=order_body(stocked["isbn"], quantity=2),
        headers={"Idempotency-Key": key},
    )  # fmt: skip

    assert_validation(response, ("header", "Idempotency-Key"))


def test_a_key_over_255_characters_is_a_422(http, stocked):
    response = http.post(
        "/api/orders", json=order_body(stocked["isbn"]),
        headers={"Idempotency-Key": "k" * 256},
    )  # fmt: skip

    assert_validation(response, ("header", "Idempotency-Key"))


def test_a_delivery_retry_replays(http, paid_order):
    key = new_key()
    body = delivery_body(paid_order["id"])

    first = http.post("/api/delivery", json=body, headers={"Idempotency-Key": key})
    again = http.post("/api/delivery", json=body, headers={"Idempotency-Key": key})

    assert first.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
