"""POST /api/delivery and GET /api/delivery/{id}."""

import pytest

from .contract import assert_validation, delivery_body

STATUSES = {"scheduled", "dispatched", "in_transit", "delivered"}


def test_a_paid_order_gets_a_delivery(http, paid_order):
    response = http.post("/api/delivery", json=delivery_body(paid_order["id"]))

    assert response.status_code == 201, response.text
    delivery = response.json()
    assert delivery["order_id"] == paid_order["id"]
    assert delivery["status"] in STATUSES
    assert delivery["timeline"]["scheduled_at"]
    read = http.get(f"/api/delivery/{delivery['id']}")
    assert read.status_code == 200 and read.json()["status"] in STATUSES
    order = http.get(f"/api/orders/{paid_order['id']}").json()
    assert order["delivery"]["id"] == delivery["id"]


def test_a_second_active_delivery_is_a_409_unless_the_first_was_delivered(
    http, paid_order
):
    first = http.post("/api/delivery", json=delivery_body(paid_order["id"])).json()
    second = http.post("/api/delivery", json=delivery_body(paid_order["id"]))

    status = http.get(f"/api/delivery/{first['id']}").json()["status"]
    assert second.status_code == (201 if status == "delivered" else 409)


def test_an_unknown_order_is_a_404(http):
    body = delivery_body("00000000-0000-0000-0000-000000000000")

    assert http.post("/api/delivery", json=body).status_code == 404


@pytest.mark.parametrize("days", [-1, 31])
def test_a_date_outside_the_horizon_is_a_422(http, paid_order, days):
    response = http.post(
        "/api/delivery", json=delivery_body(paid_order["id"], days=days)
    )

    assert_validation(response, ("body", "requested_date"))


def test_an_invalid_address_names_each_field(http, paid_order):
    body = delivery_body(paid_order["id"], postal_code="ABC", city="")

    assert_validation(
        http.post("/api/delivery", json=body),
        ("body", "address", "city"), ("body", "address", "postal_code"),
    )  # fmt: skip


def test_unknown_and_malformed_delivery_ids(http):
    assert (
        http.get("/api/delivery/00000000-0000-0000-0000-000000000000").status_code
        == 404
    )
    assert_validation(http.get("/api/delivery/x"), ("path", "delivery_id"))
