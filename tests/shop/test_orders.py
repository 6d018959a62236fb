"""Checkout (all lines or none, prices snapshotted, cart emptied, idempotent),
one's own orders only, cancel while not shipped restoring stock once."""

from decimal import Decimal

import pytest

from apps.shop.models import CartLine, InventoryChange, Order, Product

from .conftest import API, client_for

pytestmark = pytest.mark.django_db
ORDERS = f"{API}/orders"


def add(api, product, quantity=1):
    response = api.post(
        f"{API}/cart/items", {"product_id": str(product.pk), "quantity": quantity},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.json()


def stock(product):
    return Product.objects.get(pk=product.pk).stock


def test_checkout_snapshots_prices_decrements_stock_and_empties_the_cart(
    api, product, kettle
):
    add(api, product, 2)
    add(api, kettle, 3)

    response = api.post(ORDERS)

    assert response.status_code == 201, response.json()
    order = response.json()
    assert order["status"] == "placed" and order["total"] == 218.48
    assert [(x["sku"], x["quantity"], x["unit_price"]) for x in order["lines"]] == [
        ("KIT-0001", 2, 34.99), ("KIT-0002", 3, 49.5)
    ]  # fmt: skip
    assert (stock(product), stock(kettle)) == (8, 0)
    assert not CartLine.objects.exists()
    assert InventoryChange.objects.filter(reason="order").count() == 2
    Product.objects.filter(pk=product.pk).update(price=Decimal("99.00"))
    again = api.get(f"{ORDERS}/{order['id']}").json()
    assert again["lines"][0]["unit_price"] == 34.99 and again["total"] == 218.48


def test_an_empty_cart_cannot_check_out(api):
    response = api.post(ORDERS)

    assert response.status_code == 409
    assert response.json() == {"detail": "Cart is empty"}


def test_one_short_line_sells_nothing_and_names_the_product(api, product, kettle):
    add(api, product, 2)
    add(api, kettle, 3)
    Product.objects.filter(pk=kettle.pk).update(stock=1)

    response = api.post(ORDERS)

    assert response.status_code == 409
    assert response.json()["detail"]["items"] == [
        {"product_id": str(kettle.pk), "name": "Electric Kettle", "requested": 3,
         "available": 1}
    ]  # fmt: skip
    assert (stock(product), stock(kettle)) == (10, 1)
    assert not Order.objects.exists() and CartLine.objects.count() == 2


def test_checkout_with_an_idempotency_key_places_one_order(api, product):
    add(api, product, 1)
    first = api.post(ORDERS, HTTP_IDEMPOTENCY_KEY="order-1")
    replay = api.post(ORDERS, HTTP_IDEMPOTENCY_KEY="order-1")

    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json()
    assert replay["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1 and stock(product) == 9


def test_list_and_get_own_orders_only(api, product, other_shopper):
    add(api, product)
    mine = api.post(ORDERS).json()
    other = client_for(other_shopper)

    assert [o["id"] for o in api.get(ORDERS).json()["items"]] == [mine["id"]]
    assert other.get(ORDERS).json()["total"] == 0
    response = other.get(f"{ORDERS}/{mine['id']}")
    assert response.status_code == 404 and response.json() == {
        "detail": "Order not found"
    }  # fmt: skip
    assert other.post(f"{ORDERS}/{mine['id']}/cancel").status_code == 404


def test_cancel_restores_stock_exactly_once(api, product):
    add(api, product, 4)
    order = api.post(ORDERS).json()
    assert stock(product) == 6

    cancelled = api.post(f"{ORDERS}/{order['id']}/cancel")
    again = api.post(f"{ORDERS}/{order['id']}/cancel")

    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert again.status_code == 409
    assert again.json() == {
        "detail": "Order is cancelled and can no longer be cancelled"
    }
    assert stock(product) == 10
    assert InventoryChange.objects.filter(reason="cancel").count() == 1


def test_a_shipped_order_cannot_be_cancelled(api, product):
    add(api, product, 1)
    order = api.post(ORDERS).json()
    Order.objects.filter(pk=order["id"]).update(status="shipped")

    assert api.post(f"{ORDERS}/{order['id']}/cancel").status_code == 409
    assert stock(product) == 9


def test_a_bad_order_id_is_a_422(api):
    response = api.get(f"{ORDERS}/12")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "order_id"]


def test_a_withdrawn_product_cannot_be_checked_out(api, product):
    add(api, product, 2)
    Product.objects.filter(pk=product.pk).update(active=False)

    response = api.post(ORDERS)

    assert response.status_code == 409
    assert response.json()["detail"]["items"][0]["available"] == 0
    assert stock(product) == 10 and not Order.objects.exists()


def test_order_paging_is_validated(api):
    response = api.get(f"{ORDERS}?page=0&size=101&sort=x")

    assert response.status_code == 422
    assert {e["loc"][1] for e in response.json()["detail"]} == {"page", "size", "sort"}


def test_a_retry_replays_even_after_the_cart_changed(api, product, kettle):
    add(api, product, 1)
    assert api.post(ORDERS, HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    add(api, kettle, 1)

    # Same key, same request: the first answer again, the new cart untouched.
    replay = api.post(ORDERS, HTTP_IDEMPOTENCY_KEY="k")

    assert replay.status_code == 201 and Order.objects.count() == 1
    assert CartLine.objects.count() == 1
