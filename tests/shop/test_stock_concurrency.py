"""Stock never oversells: 50 shoppers checking out the last 10 units at once,
over HTTP, against gunicorn with two workers on PostgreSQL."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import httpx
import pytest

from apps.shop import tokens
from apps.shop.models import (
    CartLine,
    Category,
    InventoryChange,
    Order,
    Product,
    ShopUser,
)

# The one live-server harness (gunicorn + uvicorn workers on the test database).
from ..bookstore.conftest import live_bookstore  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SHOPPERS = 50
ORDERS = "/shop/api/v1/orders"


def fire(url, access_tokens, path=ORDERS, headers=None):
    """POST ``path`` once per token, all at once (a barrier releases them)."""
    barrier = threading.Barrier(len(access_tokens))

    def one(token):
        with httpx.Client(base_url=url, timeout=60) as client:
            barrier.wait(timeout=60)
            return client.post(
                path, headers={"Authorization": f"Bearer {token}", **(headers or {})}
            )

    with ThreadPoolExecutor(len(access_tokens)) as pool:
        return list(pool.map(one, access_tokens))


def toy(stock, sku="TOY-0001", name="Plush Bear"):
    category = Category.objects.get_or_create(slug="toys", name="Toys")[0]
    return Product.objects.create(
        sku=sku, name=name, category=category, price=Decimal("12.99"), stock=stock
    )


def shopper_with(*products, email="c@example.com", quantity=1):
    """A shopper whose cart holds ``products`` (in that order); their token."""
    user = ShopUser.objects.create(email=email, name=email.split("@")[0])
    for product in products:
        CartLine.objects.create(user=user, product=product, quantity=quantity)
    return tokens.issue(user)["access_token"]


def test_fifty_shoppers_ten_units_exactly_ten_orders(live_bookstore):  # noqa: F811
    product = toy(10)
    access = [shopper_with(product, email=f"s{n}@example.com") for n in range(SHOPPERS)]
    server = live_bookstore(workers=2)

    responses = fire(server.url, access)

    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 10, 409: 40}, statuses
    for conflict in (r for r in responses if r.status_code == 409):
        assert conflict.json()["detail"]["items"] == [
            {"product_id": str(product.pk), "name": "Plush Bear", "requested": 1,
             "available": 0}
        ]  # fmt: skip
    assert Product.objects.get(pk=product.pk).stock == 0
    assert Order.objects.count() == 10
    assert InventoryChange.objects.filter(reason="order").count() == 10
    assert CartLine.objects.count() == 40  # the 40 refused carts are kept


def test_carts_with_the_same_products_never_deadlock(live_bookstore):  # noqa: F811
    bear, puzzle = toy(100), toy(100, sku="TOY-0002", name="Jigsaw Puzzle")
    # Half the carts list the bear first, half the puzzle.
    access = [
        shopper_with(*((bear, puzzle) if n % 2 else (puzzle, bear)),
                     email=f"d{n}@example.com")
        for n in range(20)
    ]  # fmt: skip
    server = live_bookstore(workers=2)

    responses = fire(server.url, access)

    assert Counter(r.status_code for r in responses) == {201: 20}
    assert set(Product.objects.values_list("stock", flat=True)) == {80}


def test_concurrent_cancels_restore_stock_once(live_bookstore):  # noqa: F811
    token = shopper_with(toy(7), quantity=3)
    server = live_bookstore(workers=2)
    (placed,) = fire(server.url, [token])
    assert placed.status_code == 201 and Product.objects.get().stock == 4

    cancel = f"{ORDERS}/{placed.json()['id']}/cancel"
    responses = fire(server.url, [token] * 10, cancel)

    assert Counter(r.status_code for r in responses) == {200: 1, 409: 9}
    assert Product.objects.get().stock == 7
    assert InventoryChange.objects.filter(reason="cancel").count() == 1


def test_concurrent_retries_of_one_key_place_one_order(live_bookstore):  # noqa: F811
    token = shopper_with(toy(50), quantity=2)
    server = live_bookstore(workers=2)

    responses = fire(server.url, [token] * 10, headers={"Idempotency-Key": "same"})

    statuses = Counter(r.status_code for r in responses)
    # 201 (first or replayed) or 409 (the key is still being processed).
    assert set(statuses) <= {201, 409} and statuses[201] >= 1, statuses
    assert Order.objects.count() == 1 and Product.objects.get().stock == 48
