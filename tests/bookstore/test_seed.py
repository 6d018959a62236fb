"""The seeded catalogue: realistic, valid ISBN-13s, low and zero stock, same
seed same data; the demo key only in the dev seed."""

import pytest
from rest_framework.test import APIClient

from apps.bookstore.isbn import normalize
from apps.bookstore.models import ApiKey, Book
from apps.core import families
from apps.core.seeding import runner

pytestmark = pytest.mark.django_db
FAMILY = families.get("bookstore")


def seed(seed=7, **kw):
    return runner.run(FAMILY, "seed", seed=seed, **kw)


def test_the_catalogue_is_realistic():
    seed()
    books = list(Book.objects.all())

    assert len(books) == 120
    assert all(normalize(b.isbn) == b.isbn for b in books)
    assert any(b.stock == 0 for b in books) and any(1 <= b.stock <= 3 for b in books)
    assert all(1950 <= b.year <= 2025 and b.price > 0 for b in books)
    assert len({b.publisher for b in books}) >= 5


def test_scale_sets_the_volume():
    seed(scale=0.25)

    assert Book.objects.count() == 30


def test_same_seed_same_catalogue():
    seed(7)
    first = list(Book.objects.order_by("isbn").values_list("isbn", "title", "stock"))
    seed(7)

    assert (
        list(Book.objects.order_by("isbn").values_list("isbn", "title", "stock"))
        == first
    )


def test_demo_key_only_when_asked(settings):
    settings.BOOKSTORE_SEED_DEMO_KEY = None
    settings.DEBUG = False
    seed()
    assert not ApiKey.objects.exists()

    settings.DEBUG = True
    seed()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY="secret123")
    assert client.get("/bookstore/api/books").status_code == 200


def test_reset_restores_stock_after_an_order(api):
    seed()
    digest = runner.state_digest(FAMILY)
    book = Book.objects.filter(stock__gte=2).first()
    Book.objects.filter(pk=book.pk).update(stock=0)

    runner.run(FAMILY, "reset", seed=7)

    assert runner.state_digest(FAMILY) == digest
