"""The suite's only inputs: a base URL and an admin account.

``SHOP_BASE_URL`` (``http://host/shop``) points it at any server, with an
admin's ``SHOP_ADMIN_EMAIL`` / ``SHOP_ADMIN_PASSWORD`` (default: the dev
seed's demo admin). Without a URL, the harness starts this project on a
fresh, seeded SQLite database (a live uvicorn process), which is how CI runs
it; the tests never see that. Every test registers its own shoppers and
creates its own products, so the tests share no state but the seed; the one
reset test runs last in its module (it drops every order).
"""

import os
import uuid

import httpx
import pytest

from . import contract
from .contract import API

TIMEOUT = 30
# Known to the harness's own server only: it lets the suite mint an expired
# token (a black box has no other way to get one in seconds).
HARNESS_SIGNING_KEY = "conformance-suite-signing-key-0123456789"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    given = os.environ.get("SHOP_BASE_URL", "").rstrip("/")
    if given:
        yield {"url": given, "signing_key": os.environ.get("SHOP_JWT_SIGNING_KEY")}
        return
    from tests.e2e.server import seeded_server

    live = seeded_server(
        tmp_path_factory.mktemp("conformance"), "shop",
        SHOP_SEED_DEMO_ACCOUNTS="1", SHOP_JWT_SIGNING_KEY=HARNESS_SIGNING_KEY,
    )  # fmt: skip
    yield {"url": live.url + "/shop", "signing_key": HARNESS_SIGNING_KEY}
    live.stop()


@pytest.fixture(scope="session")
def base_url(server):
    return server["url"]


class Account(httpx.Client):
    """A client signed in as one user; ``user`` is its ``/auth/me``."""

    user: dict
    tokens: dict


def signed_in(base_url: str, email: str, password: str) -> Account:
    client = Account(base_url=base_url, timeout=TIMEOUT)
    client.tokens = contract.login(client, email, password)
    client.headers.update(contract.bearer(client.tokens["access_token"]))
    client.user = client.get(f"{API}/auth/me").json()
    return client


@pytest.fixture
def anon(base_url):
    with httpx.Client(base_url=base_url, timeout=TIMEOUT) as client:
        yield client


def _new_shopper(base_url, anon) -> Account:
    email = contract.new_email()
    assert contract.register(anon, email).status_code == 201
    return signed_in(base_url, email, contract.PASSWORD)


@pytest.fixture
def shopper(base_url, anon):
    client = _new_shopper(base_url, anon)
    yield client
    client.close()


@pytest.fixture
def other_shopper(base_url, anon):
    client = _new_shopper(base_url, anon)
    yield client
    client.close()


@pytest.fixture(scope="session")
def admin(base_url):
    email = os.environ.get("SHOP_ADMIN_EMAIL", "admin@shop.example")
    password = os.environ.get("SHOP_ADMIN_PASSWORD", "shop-demo-123")
    client = signed_in(base_url, email, password)
    assert client.user["role"] == "admin", "SHOP_ADMIN_EMAIL must be an admin"
    yield client
    client.close()


@pytest.fixture(scope="session")
def category(admin):
    response = admin.get(f"{API}/categories")
    assert response.status_code == 200
    return response.json()[0]["slug"]


@pytest.fixture
def make_product(admin, category):
    """``make_product(stock=5, price="12.50")``: a product of this test's own."""

    def make(stock: int = 5, price: str = "12.50", **fields) -> dict:
        body = {"sku": f"SUITE-{uuid.uuid4().hex[:10].upper()}",
                "name": f"Suite Widget {uuid.uuid4().hex[:6]}",
                "description": "made by the conformance suite",
                "category": category, "price": price, "stock": stock, **fields}  # fmt: skip
        response = admin.post(f"{API}/admin/products", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.fixture
def product(make_product):
    return make_product()
