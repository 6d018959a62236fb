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


def checkout_all(url, access_tokens):
    """POST /orders for every token at once (a barrier releases them together)."""
    barrier = threading.Barrier(len(access_tokens))

    def one(token):
        with httpx.Client(base_url=url, timeout=60) as client:
            barrier.wait(timeout=60)
            return client.post(
                "/shop/api/v1/orders", headers={"Authorization": f"Bearer {token}"}
            )

    with ThreadPoolExecutor(len(access_tokens)) as pool:
        return list(pool.map(one, access_tokens))


def test_fifty_shoppers_ten_units_exactly_ten_orders(live_bookstore):  # noqa: F811
    category = Category.objects.create(slug="toys", name="Toys")
    product = Product.objects.create(
        sku="TOY-0001", name="Plush Bear", category=category,
        price=Decimal("12.99"), stock=10,
    )  # fmt: skip
    access = []
    for n in range(SHOPPERS):
        user = ShopUser.objects.create(email=f"s{n}@example.com", name=f"S{n}")
        CartLine.objects.create(user=user, product=product, quantity=1)
        access.append(tokens.issue(user)["access_token"])
    server = live_bookstore(workers=2)

    responses = checkout_all(server.url, access)

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
    category = Category.objects.create(slug="toys", name="Toys")
    bear, puzzle = (
        Product.objects.create(
            sku=f"TOY-000{n}",
            name=name,
            category=category,
            price=Decimal("9.99"),
            stock=100,
        )
        for n, name in ((1, "Plush Bear"), (2, "Jigsaw Puzzle"))
    )
    access = []
    for n in range(20):
        user = ShopUser.objects.create(email=f"d{n}@example.com", name=f"D{n}")
        # Half the carts list the bear first, half the puzzle.
        for product in (bear, puzzle) if n % 2 else (puzzle, bear):
            CartLine.objects.create(user=user, product=product, quantity=1)
        access.append(tokens.issue(user)["access_token"])
    server = live_bookstore(workers=2)

    responses = checkout_all(server.url, access)

    assert Counter(r.status_code for r in responses) == {201: 20}
    assert set(Product.objects.values_list("stock", flat=True)) == {80}


def fire(url, token, count, path, headers=None):
    barrier = threading.Barrier(count)

    def one(_):
        with httpx.Client(base_url=url, timeout=60) as client:
            barrier.wait(timeout=60)
            return client.post(
                path, headers={"Authorization": f"Bearer {token}", **(headers or {})}
            )

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_concurrent_cancels_restore_stock_once(live_bookstore):  # noqa: F811
    category = Category.objects.create(slug="toys", name="Toys")
    product = Product.objects.create(
        sku="TOY-0001", name="Plush Bear", category=category,
        price=Decimal("12.99"), stock=7,
    )  # fmt: skip
    user = ShopUser.objects.create(email="c@example.com", name="C")
    CartLine.objects.create(user=user, product=product, quantity=3)
    token = tokens.issue(user)["access_token"]
    server = live_bookstore(workers=2)
    placed = httpx.post(
        f"{server.url}/shop/api/v1/orders", headers={"Authorization": f"Bearer {token}"}
    )
    assert placed.status_code == 201 and Product.objects.get().stock == 4

    responses = fire(
        server.url, token, 10, f"/shop/api/v1/orders/{placed.json()['id']}/cancel"
    )

    assert Counter(r.status_code for r in responses) == {200: 1, 409: 9}
    assert Product.objects.get().stock == 7
    assert InventoryChange.objects.filter(reason="cancel").count() == 1


def test_concurrent_retries_of_one_key_place_one_order(live_bookstore):  # noqa: F811
    category = Category.objects.create(slug="toys", name="Toys")
    product = Product.objects.create(
        sku="TOY-0001", name="Plush Bear", category=category,
        price=Decimal("12.99"), stock=50,
    )  # fmt: skip
    user = ShopUser.objects.create(email="r@example.com", name="R")
    CartLine.objects.create(user=user, product=product, quantity=2)
    token = tokens.issue(user)["access_token"]
    server = live_bookstore(workers=2)

    responses = fire(
        server.url, token, 10, "/shop/api/v1/orders", {"Idempotency-Key": "same-key"}
    )

    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {201, 409} and statuses[201] >= 1, statuses
    assert 500 not in statuses
    assert Order.objects.count() == 1 and Product.objects.get().stock == 48
