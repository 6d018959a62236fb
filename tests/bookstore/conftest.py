"""Fixtures of the bookstore tests: a key, a client sending it, books."""

import pytest
from rest_framework.test import APIClient

from apps.bookstore.factories import BookFactory
from apps.bookstore.services import api_key_create

# Generous: the machine running CI is shared, and gunicorn imports Django twice.
STARTUP_TIMEOUT = 120
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


@pytest.fixture
def live_bookstore(transactional_db, tmp_path):
    """``live_bookstore(workers=2, **env)``: a real server (gunicorn with
    uvicorn workers, as deployed) on the test's PostgreSQL database; the test
    creates its rows with the ORM (committed: transactional_db). Stopped at
    the end of the test."""
    from django.conf import settings

    from tests.e2e.server import LiveServer, server_env

    started = []

    def start(workers: int = 2, **extra: str) -> LiveServer:
        db = settings.DATABASES["default"]
        url = (
            f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:"
            f"{db.get('PORT') or 5432}/{db['NAME']}"
        )
        env = server_env(url, E2E_LOG_DIR=str(tmp_path), **extra)
        server = LiveServer(
            "config.asgi:application", env, workers=workers,
            startup_timeout=STARTUP_TIMEOUT,
        )  # fmt: skip
        server.env = env  # for manage.py commands against the same database
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
