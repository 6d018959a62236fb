"""Stock never oversells: 50 concurrent HTTP clients against gunicorn with two
workers on PostgreSQL, ordering a book with 10 copies left."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from apps.bookstore.factories import BookFactory
from apps.bookstore.models import Book, Order, Payment, StockMovement
from apps.bookstore.services import api_key_create

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CLIENTS = 50
CARD = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099,
        "cvc": "123"}  # fmt: skip


def order(isbns):
    return {
        "items": [{"isbn": isbn, "quantity": 1} for isbn in isbns],
        "customer": {"name": "Load Tester", "email": "load@example.com"},
        "payment": CARD,
    }


def fire(url, key, bodies, path="/bookstore/api/orders", headers=None):
    """POST every body at once (a barrier releases all threads together)."""
    barrier = threading.Barrier(len(bodies))

    def one(body):
        with httpx.Client(base_url=url, timeout=30) as client:
            barrier.wait(timeout=30)
            return client.post(
                path, json=body, headers={"X-API-Key": key, **(headers or {})}
            )

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(one, bodies))


def test_fifty_clients_ten_copies_exactly_ten_orders(live_bookstore):
    book = BookFactory(isbn="9780306406157", stock=10)
    _, key = api_key_create(name="load")
    server = live_bookstore(workers=2)

    responses = fire(server.url, key, [order([book.isbn])] * CLIENTS)

    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 10, 409: 40}, statuses
    for conflict in (r for r in responses if r.status_code == 409):
        assert conflict.json()["detail"]["items"] == [
            {"isbn": book.isbn, "requested": 1, "available": 0}
        ]
    assert Book.objects.get(pk=book.pk).stock == 0
    assert Order.objects.count() == Payment.objects.count() == 10
    assert StockMovement.objects.count() == 10


def test_orders_locking_books_in_opposite_orders_never_deadlock(live_bookstore):
    first = BookFactory(isbn="9780306406157", stock=100)
    second = BookFactory(isbn="9781861972712", stock=100)
    _, key = api_key_create(name="load")
    server = live_bookstore(workers=2)
    bodies = [order([first.isbn, second.isbn]), order([second.isbn, first.isbn])] * 10

    responses = fire(server.url, key, bodies)

    assert Counter(r.status_code for r in responses) == {201: 20}
    assert set(Book.objects.values_list("stock", flat=True)) == {80}
