"""Fixtures of the bookstore tests: a key, a client sending it, books."""

import pytest
from rest_framework.test import APIClient

from apps.bookstore.factories import BookFactory
from apps.bookstore.services import api_key_create

GOOD_CARD = {
    "method": "card",
    "card_number": "4242 4242 4242 4242",
    "exp_month": 12,
    "exp_year": 2099,
    "cvc": "123",
}


@pytest.fixture
def api_key(db):
    key, raw = api_key_create(name="tests")
    key.raw = raw
    return key


@pytest.fixture
def api(api_key):
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_X_API_KEY=api_key.raw)
    return client


@pytest.fixture
def book(db):
    return BookFactory(isbn="9780306406157", title="Salt Harbor", stock=10)


@pytest.fixture
def order_body(book):
    return {
        "items": [{"isbn": book.isbn, "quantity": 2}],
        "customer": {"name": "Ada Reader", "email": "ada@example.com"},
        "payment": dict(GOOD_CARD),
    }
