"""The suite's only inputs: a base URL and an API key.

``BOOKSTORE_BASE_URL`` (``http://host/bookstore``) and ``BOOKSTORE_API_KEY``
(default ``secret123``, the dev seed's key) point it at any server. Without a
URL, the harness starts this project on a fresh, seeded SQLite database (a
live uvicorn process), which is how CI runs it; the tests never see that.
"""

import os

import httpx
import pytest

from . import contract

TIMEOUT = 15


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    given = os.environ.get("BOOKSTORE_BASE_URL", "").rstrip("/")
    if given:
        yield given
        return
    from tests.e2e.server import LiveServer, manage, server_env

    path = tmp_path_factory.mktemp("conformance") / "bookstore.sqlite3"
    env = server_env(
        f"sqlite:///{path}",
        BOOKSTORE_SEED_DEMO_KEY="1",
        BOOKSTORE_PAYMENT_TIMEOUT_SECONDS="0.2",
        E2E_LOG_DIR=str(path.parent),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "seed", "bookstore")
    # Generous: a shared CI machine may take long to import Django.
    server = LiveServer("config.asgi:application", env, startup_timeout=120)
    yield server.url + "/bookstore"
    server.stop()


@pytest.fixture(scope="session")
def api_key():
    return os.environ.get("BOOKSTORE_API_KEY", "secret123")


@pytest.fixture
def http(base_url, api_key):
    with httpx.Client(
        base_url=base_url, headers={"X-API-Key": api_key}, timeout=TIMEOUT
    ) as client:
        yield client


@pytest.fixture
def anon(base_url):
    with httpx.Client(base_url=base_url, timeout=TIMEOUT) as client:
        yield client


@pytest.fixture
def stocked(http):
    """The book with the most copies (the seed has several above 10)."""
    return contract.books(http, in_stock="true", sort="-stock", size=1)[0]


@pytest.fixture
def low(http):
    """A book with 1 to 3 copies (the seed has some)."""
    found = [b for b in contract.books(http, in_stock="true", sort="stock", size=50)
             if b["stock"] <= 3]  # fmt: skip
    assert found, "the seed promises some low-stock books"
    return found[0]


@pytest.fixture
def sold_out(http):
    found = contract.books(http, in_stock="false", size=1)
    assert found, "the seed promises some books with no stock"
    return found[0]


@pytest.fixture
def paid_order(http, stocked):
    response = http.post("/api/orders", json=contract.order_body(stocked["isbn"]))
    assert response.status_code == 201, response.text
    return response.json()
