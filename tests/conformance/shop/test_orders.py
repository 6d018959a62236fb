"""Checkout (stock taken, cart emptied, prices snapshotted, idempotency keys),
one's own orders only, cancel while not shipped restoring stock once."""

from . import contract
from .contract import API


def test_checkout_empties_the_cart_and_takes_the_stock(shopper, product):
    contract.add(shopper, product["id"], 3)

    response = contract.checkout(shopper)

    assert response.status_code == 201, response.text
    order = response.json()
    assert order["status"] == "placed" and order["total"] == 37.5
    assert [(x["product_id"], x["sku"], x["quantity"], x["unit_price"],
             x["line_total"]) for x in order["lines"]] == [
        (product["id"], product["sku"], 3, 12.5, 37.5)
    ]  # fmt: skip
    assert shopper.get(f"{API}/cart").json()["lines"] == []
    assert contract.stock_of(shopper, product["id"]) == 2


def test_the_total_is_the_sum_of_the_lines(shopper, make_product):
    cheap, dear = make_product(price="0.10"), make_product(price="0.20")
    contract.add(shopper, cheap["id"], 3)
    contract.add(shopper, dear["id"], 1)

    order = contract.checkout(shopper).json()

    assert order["total"] == 0.5
    assert sorted(x["line_total"] for x in order["lines"]) == [0.2, 0.3]


def test_an_empty_cart_is_refused(shopper):
    contract.assert_message(contract.checkout(shopper), 409)


def test_a_short_line_refuses_the_whole_order(shopper, admin, product, make_product):
    other = make_product(stock=5)
    contract.add(shopper, product["id"], 2)
    contract.add(shopper, other["id"], 4)
    admin.put(f"{API}/admin/products/{other['id']}/inventory", json={"stock": 3})

    response = contract.checkout(shopper)

    detail = contract.assert_detail(response, 409)
    assert [(i["product_id"], i["requested"], i["available"])
            for i in detail["items"]] == [(other["id"], 4, 3)]  # fmt: skip
    assert contract.stock_of(shopper, product["id"]) == 5  # nothing taken
    assert shopper.get(f"{API}/cart").json()["items"] == 6  # the cart is kept


def test_the_same_idempotency_key_replays_the_order(shopper, product):
    contract.add(shopper, product["id"], 2)
    key = f"suite-{product['id']}"

    first = contract.checkout(shopper, key)
    contract.add(shopper, product["id"], 1)  # a retry, not a second order
    again = contract.checkout(shopper, key)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert contract.stock_of(shopper, product["id"]) == 3
    assert shopper.get(f"{API}/orders").json()["total"] == 1


def test_orders_read_back(shopper, product):
    order = contract.place(shopper, product["id"], 2)

    one = shopper.get(f"{API}/orders/{order['id']}")
    listed = shopper.get(f"{API}/orders").json()

    assert one.status_code == 200 and one.json() == order
    assert [o["id"] for o in listed["items"]] == [order["id"]]


def test_another_users_order_is_a_404(shopper, other_shopper, product):
    order = contract.place(shopper, product["id"])

    contract.assert_message(other_shopper.get(f"{API}/orders/{order['id']}"), 404)
    contract.assert_message(
        other_shopper.post(f"{API}/orders/{order['id']}/cancel"), 404
    )
    assert other_shopper.get(f"{API}/orders").json()["items"] == []
    assert shopper.get(f"{API}/orders/{order['id']}").json()["status"] == "placed"


def test_an_unknown_order_is_a_404(shopper):
    contract.assert_message(shopper.get(f"{API}/orders/{contract.MISSING}"), 404)


def test_cancel_restores_the_stock_once(shopper, product):
    order = contract.place(shopper, product["id"], 3)

    cancelled = shopper.post(f"{API}/orders/{order['id']}/cancel")
    again = shopper.post(f"{API}/orders/{order['id']}/cancel")

    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    contract.assert_message(again, 409)
    assert contract.stock_of(shopper, product["id"]) == 5


def test_a_shipped_order_cannot_be_cancelled(shopper, admin, product):
    order = contract.place(shopper, product["id"], 2)

    shipped = admin.post(f"{API}/admin/orders/{order['id']}/ship")
    cancel = shopper.post(f"{API}/orders/{order['id']}/cancel")

    assert shipped.status_code == 200 and shipped.json()["status"] == "shipped"
    contract.assert_message(cancel, 409)
    assert contract.stock_of(shopper, product["id"]) == 3
    assert shopper.get(f"{API}/orders/{order['id']}").json()["status"] == "shipped"
