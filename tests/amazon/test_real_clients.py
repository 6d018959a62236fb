"""Real SP-API client libraries, unchanged, against the mock over real HTTP.

A uvicorn process serves ``config.asgi`` on a free 127.0.0.1 port (plain HTTP)
with its own SQLite file seeded by ``seed_amazon``, usage plans on and gzip report
documents. Two clients talk to it the way they talk to Amazon:

* python-amazon-sp-api (``sp_api``): httpx; configured with its supported
  ``auth_token_client_class`` hook, a marketplace object naming the mock endpoint,
  and the one patch it needs (it derives the ``Host`` header as ``endpoint[8:]``);
* amzn-sp-api (``spapi``), Amazon's official SDK: urllib3; configured with
  ``SPAPIClient(config, oauth_endpoint=..., endpoint=...)``, no patch.

Ground truth comes from reading the server's SQLite file directly, so every
assertion compares what the client decoded with what the database holds.
docs/amazon.md ("Using a real client library") shows the same configuration.
"""

import gzip
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import requests
import sp_api.base.client as sp_client
from sp_api.api import Inventories, ListingsItems, Orders, Reports
from sp_api.auth import AccessTokenClient
from sp_api.auth import access_token_client as sp_auth
from sp_api.auth.exceptions import AuthorizationError
from sp_api.base.exceptions import (
    SellingApiBadRequestException,
    SellingApiNotFoundException,
)
from spapi import ApiClient, ApiException, Configuration, SPAPIClient, SPAPIConfig
from spapi.api.fba_inventory_v1.fba_inventory_api import FbaInventoryApi
from spapi.api.listings_items_v2021_08_01.listings_api import ListingsApi
from spapi.api.orders_v0.orders_v0_api import OrdersV0Api
from spapi.api.reports_v2021_06_30.reports_api import ReportsApi
from spapi.api.tokens_v2021_03_01.tokens_api import TokensApi
from spapi.auth import lwa_request
from spapi.models.orders_v0 import (
    ConfirmShipmentOrderItem,
    ConfirmShipmentRequest,
    PackageDetail,
)
from spapi.models.tokens_v2021_03_01 import (
    CreateRestrictedDataTokenRequest,
    RestrictedResource,
)

from tests.amazon.processes import stop

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
US = "ATVPDKIKX0DER"
SINCE = "2020-01-01T00:00:00Z"
PAGE_SIZE = 30
COMMAND_TIMEOUT = 240  # migrate + seed on a cold SQLite file
STARTUP_TIMEOUT = 30
HTTP_TIMEOUT = 15
REPORT_TIMEOUT = 30
TERMINAL = {"DONE", "FATAL", "CANCELLED"}
MERCHANT_LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA"
ALL_ORDERS = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"
# Settings the server must not inherit from the test run: it is the embedded
# default (SQLite, local-memory cache, Celery eager), configured only here.
SCRUBBED_ENV = re.compile(
    r"^(DATABASE_URL|REDIS_URL|CELERY_.*|AMAZON_.*|SP_API_.*|PYTEST_.*)$"
)


@dataclass
class MockServer:
    base_url: str
    db_path: Path
    client_id: str
    client_secret: str
    refresh_token: str
    seller_id: str

    @property
    def netloc(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def endpoint(self) -> str:
        return f"{self.base_url}/amazon"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/amazon/auth/o2/token"

    def rows(self, sql: str, *params) -> list[sqlite3.Row]:
        """Read the server's database directly (read-only): the ground truth."""
        connection = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def seller_pk(self) -> str:
        return self.rows(
            "SELECT id FROM amazon_seller WHERE selling_partner_id = ?",
            self.seller_id,
        )[0]["id"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def _wait_until_up(proc: subprocess.Popen, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"uvicorn exited early:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(f"{base_url}/health/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"uvicorn did not answer within {STARTUP_TIMEOUT}s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("sp-api-real-clients")
    db_path = workdir / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not SCRUBBED_ENV.match(k)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{db_path}",
        AMAZON_RATE_LIMITS_ENABLED="true",
        AMAZON_REPORT_GZIP="true",
        PYTHONUNBUFFERED="1",
    )
    _manage(env, "migrate", "--noinput", "-v", "0")
    seeded = _manage(env, "seed_amazon", "--sellers", "1", "--orders", "150")
    credentials = {
        "client_id": re.search(r"client_id:\s+(\S+)", seeded)[1],
        "client_secret": re.search(r"client_secret:\s+(\S+)", seeded)[1],
        "refresh_token": re.search(r"refresh_token:\s+(\S+)", seeded)[1],
        "seller_id": re.search(r"^seller (\S+)", seeded, re.MULTILINE)[1],
    }
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workdir / "uvicorn.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(proc, base_url, log_path)
        yield MockServer(base_url=base_url, db_path=db_path, **credentials)
    finally:
        stop(proc)


# --- ground truth -------------------------------------------------------------


def db_us_order_ids(server: MockServer) -> set[str]:
    rows = server.rows(
        "SELECT amazon_order_id FROM amazon_order "
        "WHERE seller_id = ? AND marketplace_id = ? AND deleted_at IS NULL",
        server.seller_pk(),
        US,
    )
    return {r["amazon_order_id"] for r in rows}


def db_shipped_order(server: MockServer) -> sqlite3.Row:
    return server.rows(
        "SELECT * FROM amazon_order WHERE seller_id = ? AND marketplace_id = ? "
        "AND order_status = 'Shipped' AND deleted_at IS NULL "
        "ORDER BY amazon_order_id LIMIT 1",
        server.seller_pk(),
        US,
    )[0]


def db_orders_by_id(server: MockServer, order_ids) -> dict[str, sqlite3.Row]:
    ids = list(order_ids)
    rows = server.rows(
        "SELECT * FROM amazon_order WHERE seller_id = ? AND amazon_order_id IN "
        f"({', '.join('?' * len(ids))})",
        server.seller_pk(),
        *ids,
    )
    return {r["amazon_order_id"]: r for r in rows}


def db_restricted_token_count(server: MockServer) -> int:
    return server.rows(
        "SELECT COUNT(*) AS n FROM amazon_accesstoken WHERE kind = 'restricted'"
    )[0]["n"]


def db_gift_order(server: MockServer) -> sqlite3.Row:
    """A US order of the seeded seller with at least one gift-wrapped item."""
    return server.rows(
        "SELECT o.* FROM amazon_order o JOIN amazon_orderitem i ON i.order_id = o.id "
        "WHERE o.seller_id = ? AND o.marketplace_id = ? AND i.gift_wrap_level <> '' "
        "AND o.order_status = 'Shipped' AND o.deleted_at IS NULL "
        "ORDER BY o.amazon_order_id LIMIT 1",
        server.seller_pk(),
        US,
    )[0]


def assert_items_buyer_info_match(server, order_row, items: list[dict]) -> None:
    expected = db_order_items(server, order_row["id"])
    assert [i["OrderItemId"] for i in items] == [r["order_item_id"] for r in expected]
    for item, row in zip(items, expected, strict=True):
        assert item.get("GiftWrapLevel") == (row["gift_wrap_level"] or None)
        if row["gift_wrap_level"]:
            amount = Decimal(item["GiftWrapPrice"]["Amount"])
            assert amount == Decimal(str(row["gift_wrap_price"]))
    assert any(i.get("GiftWrapLevel") for i in items)


def db_order_items(server: MockServer, order_pk) -> list[sqlite3.Row]:
    return server.rows(
        "SELECT * FROM amazon_orderitem WHERE order_id = ? AND deleted_at IS NULL "
        "ORDER BY position",
        order_pk,
    )


def db_unshipped_mfn_orders(server: MockServer) -> list[sqlite3.Row]:
    """Seeded seller-fulfilled US orders nothing of which has shipped, last id
    first (so that the first Shipped order other tests read stays the same)."""
    return server.rows(
        "SELECT * FROM amazon_order WHERE seller_id = ? AND marketplace_id = ? "
        "AND fulfillment_channel = 'MFN' AND order_status = 'Unshipped' "
        "AND deleted_at IS NULL ORDER BY amazon_order_id DESC",
        server.seller_pk(),
        US,
    )


def db_packages(server: MockServer, order_pk) -> list[sqlite3.Row]:
    return server.rows(
        "SELECT * FROM amazon_shipmentpackage WHERE order_id = ? "
        "AND deleted_at IS NULL",
        order_pk,
    )


def assert_order_fully_shipped(server, order_row) -> None:
    row = db_orders_by_id(server, [order_row["amazon_order_id"]])[
        order_row["amazon_order_id"]
    ]
    assert row["order_status"] == "Shipped"
    assert row["number_of_items_unshipped"] == 0
    items = db_order_items(server, order_row["id"])
    assert all(i["quantity_shipped"] == i["quantity_ordered"] for i in items)
    assert row["number_of_items_shipped"] == sum(i["quantity_ordered"] for i in items)


def db_listing_skus(server: MockServer) -> set[str]:
    rows = server.rows(
        "SELECT sku FROM amazon_listing WHERE seller_id = ? AND marketplace_id = ? "
        "AND deleted_at IS NULL",
        server.seller_pk(),
        US,
    )
    return {r["sku"] for r in rows}


def db_seeded_slash_listing(server: MockServer) -> sqlite3.Row:
    return server.rows(
        "SELECT * FROM amazon_listing WHERE seller_id = ? AND marketplace_id = ? "
        "AND sku LIKE '%/%' AND deleted_at IS NULL ORDER BY sku LIMIT 1",
        server.seller_pk(),
        US,
    )[0]


def db_inventory(server: MockServer) -> dict[str, sqlite3.Row]:
    rows = server.rows(
        "SELECT * FROM amazon_inventoryitem WHERE seller_id = ? "
        "AND marketplace_id = ? AND deleted_at IS NULL",
        server.seller_pk(),
        US,
    )
    return {r["seller_sku"]: r for r in rows}


def listing_body(name: str, price: str, quantity: int) -> dict:
    return {
        "productType": "HOME",
        "requirements": "LISTING",
        "attributes": {
            "condition_type": [{"value": "new_new", "marketplace_id": US}],
            "item_name": [
                {"value": name, "language_tag": "en_US", "marketplace_id": US}
            ],
            "purchasable_offer": [
                {
                    "currency": "USD",
                    "marketplace_id": US,
                    "our_price": [{"schedule": [{"value_with_tax": price}]}],
                }
            ],
            "fulfillment_availability": [
                {"fulfillment_channel_code": "DEFAULT", "quantity": quantity}
            ],
        },
    }


def rename_patch(name: str) -> dict:
    return {
        "productType": "HOME",
        "patches": [
            {
                "op": "replace",
                "path": "/attributes/item_name",
                "value": [
                    {"value": name, "language_tag": "en_US", "marketplace_id": US}
                ],
            }
        ],
    }


def parse_tsv(text: str) -> list[dict[str, str]]:
    header, *lines = text.rstrip("\n").split("\n")
    columns = header.split("\t")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines]


def assert_order_items_match(server, order_row, items: list[dict]) -> None:
    expected = db_order_items(server, order_row["id"])
    assert [(i["OrderItemId"], i["SellerSKU"], i["ASIN"]) for i in items] == [
        (r["order_item_id"], r["seller_sku"], r["asin"]) for r in expected
    ]
    assert [i["QuantityOrdered"] for i in items] == [
        r["quantity_ordered"] for r in expected
    ]
    assert [Decimal(i["ItemPrice"]["Amount"]) for i in items] == [
        Decimal(str(r["item_price"])) for r in expected
    ]


# --- python-amazon-sp-api (saleweaver) -----------------------------------------


class MockMarketplace:
    """What sp_api's Client reads from a Marketplaces member, pointing at the mock."""

    def __init__(self, endpoint: str, marketplace_id: str = US) -> None:
        self.endpoint = endpoint
        self.marketplace_id = marketplace_id
        self.region = "us-east-1"


@pytest.fixture
def sp_api_client(server, monkeypatch):
    """A factory: ``sp_api_client(Orders)`` → a client configured for the mock."""
    monkeypatch.delenv("SP_API_DEFAULT_MARKETPLACE", raising=False)
    # sp_api sends ``host: endpoint[8:]`` (right for https://host, wrong for any
    # endpoint with a path or http://); send the endpoint's real authority.
    original = sp_client.Client.headers
    monkeypatch.setattr(
        sp_client.Client,
        "headers",
        property(
            lambda self: {
                **original.fget(self),
                "host": urlsplit(self.endpoint).netloc,
            }
        ),
    )
    sp_auth.cache.clear()  # process-wide LWA cache keyed by refresh token
    lwa = type(
        "MockAccessTokenClient",
        (AccessTokenClient,),
        {"scheme": "http://", "host": server.netloc, "path": "/amazon/auth/o2/token"},
    )
    credentials = {
        "lwa_app_id": server.client_id,
        "lwa_client_secret": server.client_secret,
        "refresh_token": server.refresh_token,
    }

    def build(api_class):
        return api_class(
            MockMarketplace(server.endpoint),
            credentials=credentials,
            auth_token_client_class=lwa,
            timeout=HTTP_TIMEOUT,
        )

    yield build
    sp_auth.cache.clear()


def test_sp_api_gets_an_access_token_from_the_refresh_token(sp_api_client):
    auth = sp_api_client(Orders).auth
    assert auth.access_token.startswith("Atza|")
    assert len(auth.access_token) >= 350
    assert auth.expires_in == 3600


def test_sp_api_bad_refresh_token_raises_lwa_invalid_grant(server, sp_api_client):
    client = sp_api_client(Orders)
    client._auth.cred.refresh_token = "Atzr|not-a-real-token"
    with pytest.raises(AuthorizationError) as excinfo:
        client.get_order("111-0000000-0000000")
    assert excinfo.value.status_code == 400
    assert excinfo.value.error_code == "invalid_grant"


def test_sp_api_orders_walk_every_page_and_read_one_order(server, sp_api_client):
    orders = sp_api_client(Orders)
    first = orders.get_orders(
        CreatedAfter=SINCE, MarketplaceIds=[US], MaxResultsPerPage=PAGE_SIZE
    )
    assert first.rate_limit == "0.0167"
    assert first.headers["x-amzn-RequestId"]
    assert "allow" not in first.headers
    pages = [first]
    while pages[-1].next_token:
        assert len(pages) < 50, "NextToken never ended"
        pages.append(
            orders.get_orders(NextToken=pages[-1].next_token, MarketplaceIds=[US])
        )
    ids = [o["AmazonOrderId"] for page in pages for o in page.payload["Orders"]]
    assert len(pages) > 1
    assert all(len(p.payload["Orders"]) <= PAGE_SIZE for p in pages)
    assert len(ids) == len(set(ids))
    assert set(ids) == db_us_order_ids(server)

    row = db_shipped_order(server)
    order_id = row["amazon_order_id"]
    order = orders.get_order(order_id).payload
    assert order["AmazonOrderId"] == order_id
    assert order["OrderStatus"] == "Shipped"
    assert order["MarketplaceId"] == US
    assert Decimal(order["OrderTotal"]["Amount"]) == Decimal(str(row["order_total"]))

    items = orders.get_order_items(order_id).payload
    assert items["AmazonOrderId"] == order_id
    assert_order_items_match(server, row, items["OrderItems"])

    address = orders.get_order_address(order_id).payload
    assert address["ShippingAddress"]["PostalCode"] == row["ship_postal_code"]
    assert address["ShippingAddress"]["City"] == row["ship_city"]
    assert address["ShippingAddress"]["CountryCode"] == "US"

    buyer = orders.get_order_buyer_info(order_id).payload
    assert buyer["BuyerEmail"] == row["buyer_email"]
    assert buyer["BuyerEmail"].endswith("@marketplace.amazon.com")


def test_sp_api_order_items_buyer_info(server, sp_api_client):
    row = db_gift_order(server)
    payload = (
        sp_api_client(Orders).get_order_items_buyer_info(row["amazon_order_id"]).payload
    )
    assert payload["AmazonOrderId"] == row["amazon_order_id"]
    assert_items_buyer_info_match(server, row, payload["OrderItems"])


def test_sp_api_get_orders_with_restricted_resources_carries_pii(server, sp_api_client):
    # The library itself calls createRestrictedDataToken, then getOrders with
    # the RDT as x-amz-access-token, then forgets the RDT.
    minted = db_restricted_token_count(server)
    orders = sp_api_client(Orders)
    response = orders.get_orders(
        CreatedAfter=SINCE,
        MarketplaceIds=[US],
        MaxResultsPerPage=PAGE_SIZE,
        RestrictedResources=["buyerInfo", "shippingAddress"],
    )
    assert db_restricted_token_count(server) == minted + 1
    assert orders.restricted_data_token is None
    page = response.payload["Orders"]
    expected = db_orders_by_id(server, [o["AmazonOrderId"] for o in page])
    assert len(expected) == len(page) > 0
    with_address = 0
    for order in page:
        row = expected[order["AmazonOrderId"]]
        assert order["BuyerInfo"]["BuyerEmail"] == row["buyer_email"]
        assert order["BuyerInfo"]["BuyerName"] == row["buyer_name"]
        if "ShippingAddress" in order:
            with_address += 1
            address = order["ShippingAddress"]
            assert address["Name"] == row["ship_name"]
            assert address["AddressLine1"] == row["ship_address_line1"]
            assert address["PostalCode"] == row["ship_postal_code"]
            assert address["AddressType"] == row["ship_address_type"]
    assert with_address > 0

    # The same call without RestrictedResources keeps the coarse payload.
    plain = orders.get_orders(
        CreatedAfter=SINCE, MarketplaceIds=[US], MaxResultsPerPage=PAGE_SIZE
    ).payload["Orders"]
    assert all("BuyerName" not in o.get("BuyerInfo", {}) for o in plain)
    assert all("AddressLine1" not in o.get("ShippingAddress", {}) for o in plain)


def test_sp_api_orders_errors_arrive_as_exceptions(sp_api_client):
    orders = sp_api_client(Orders)
    with pytest.raises(SellingApiNotFoundException) as missing:
        orders.get_order("111-0000000-0000000")
    assert missing.value.error[0]["code"] == "NotFound"
    with pytest.raises(SellingApiBadRequestException) as invalid:
        orders.get_orders(MarketplaceIds=[US])  # no CreatedAfter/LastUpdatedAfter
    assert invalid.value.error[0]["code"] == "InvalidInput"


def test_sp_api_confirm_shipment_ships_an_unshipped_order(server, sp_api_client):
    row = db_unshipped_mfn_orders(server)[0]
    order_id = row["amazon_order_id"]
    items = db_order_items(server, row["id"])
    package = {
        "packageReferenceId": "1",
        "carrierCode": "UPS",
        "carrierName": "UPS",
        "shippingMethod": "UPS Ground",
        "trackingNumber": "1Z999AA10123456784",
        "shipDate": (datetime.now(UTC) - timedelta(minutes=30)).isoformat(),
        "orderItems": [
            {"orderItemId": i["order_item_id"], "quantity": i["quantity_ordered"]}
            for i in items
        ],
    }
    orders = sp_api_client(Orders)

    response = orders.confirm_shipment(
        order_id=order_id, marketplaceId=US, packageDetail=package
    )

    assert response.headers["x-amzn-RateLimit-Limit"] == "2.0"
    assert_order_fully_shipped(server, row)
    (stored,) = db_packages(server, row["id"])
    assert stored["tracking_number"] == "1Z999AA10123456784"
    assert stored["carrier_code"] == "UPS"

    order = orders.get_order(order_id).payload
    assert order["OrderStatus"] == "Shipped"
    assert order["NumberOfItemsUnshipped"] == 0
    shipped = orders.get_order_items(order_id).payload["OrderItems"]
    assert [i["QuantityShipped"] for i in shipped] == [
        i["quantity_ordered"] for i in items
    ]

    # The same package again is refused in the envelope, as an exception.
    with pytest.raises(SellingApiBadRequestException) as refused:
        orders.confirm_shipment(
            order_id=order_id, marketplaceId=US, packageDetail=package
        )
    assert refused.value.error[0]["code"] == "InvalidInput"
    assert len(db_packages(server, row["id"])) == 1


def test_sp_api_listings_item_lifecycle_with_slash_in_sku(server, sp_api_client):
    listings = sp_api_client(ListingsItems)
    seller, sku = server.seller_id, "RC/SW-001 mug"

    put = listings.put_listings_item(
        seller, sku, marketplaceIds=[US], body=listing_body("Stoneware Mug", "14.50", 7)
    )
    assert (put.payload["sku"], put.payload["status"]) == (sku, "ACCEPTED")
    assert put.payload["issues"] == []

    item = listings.get_listings_item(
        seller,
        sku,
        marketplaceIds=[US],
        includedData=["summaries", "attributes", "offers", "fulfillmentAvailability"],
    ).payload
    assert item["sku"] == sku
    assert item["summaries"][0]["itemName"] == "Stoneware Mug"
    assert item["summaries"][0]["marketplaceId"] == US
    assert Decimal(str(item["offers"][0]["price"]["amount"])) == Decimal("14.50")
    assert item["fulfillmentAvailability"][0]["quantity"] == 7

    patched = listings.patch_listings_item(
        seller, sku, marketplaceIds=[US], body=rename_patch("Speckled Mug")
    )
    assert patched.payload["status"] == "ACCEPTED"
    renamed = listings.get_listings_item(
        seller, sku, marketplaceIds=[US], includedData="summaries,attributes"
    ).payload
    assert renamed["summaries"][0]["itemName"] == "Speckled Mug"
    assert renamed["attributes"]["item_name"][0]["value"] == "Speckled Mug"

    deleted = listings.delete_listings_item(seller, sku, marketplaceIds=[US])
    assert (deleted.payload["sku"], deleted.payload["status"]) == (sku, "ACCEPTED")
    with pytest.raises(SellingApiNotFoundException) as gone:
        listings.get_listings_item(seller, sku, marketplaceIds=[US])
    assert gone.value.error[0]["code"] == "NOT_FOUND"
    assert sku not in db_listing_skus(server)


def test_sp_api_reads_a_seeded_listing_whose_sku_has_a_slash(server, sp_api_client):
    row = db_seeded_slash_listing(server)
    item = (
        sp_api_client(ListingsItems)
        .get_listings_item(server.seller_id, row["sku"], marketplaceIds=[US])
        .payload
    )
    assert item["sku"] == row["sku"]
    assert item["summaries"][0]["asin"] == row["asin"]
    assert item["summaries"][0]["itemName"] == row["item_name"]


def test_sp_api_inventory_summaries_with_details(server, sp_api_client):
    response = sp_api_client(Inventories).get_inventory_summary_marketplace(
        details=True, marketplaceIds=[US]
    )
    assert response.rate_limit == "2.0"
    payload = response.payload
    assert payload["granularity"] == {
        "granularityType": "Marketplace",
        "granularityId": US,
    }
    summaries = {s["sellerSku"]: s for s in payload["inventorySummaries"]}
    expected = db_inventory(server)
    assert set(summaries) == set(expected)
    for sku, summary in summaries.items():
        row, details = expected[sku], summary["inventoryDetails"]
        assert (summary["asin"], summary["fnSku"]) == (row["asin"], row["fnsku"])
        assert details["fulfillableQuantity"] == row["fulfillable_quantity"]
        assert details["inboundShippedQuantity"] == row["inbound_shipped_quantity"]
        assert summary["totalQuantity"] == (
            details["fulfillableQuantity"]
            + details["inboundWorkingQuantity"]
            + details["inboundShippedQuantity"]
            + details["inboundReceivingQuantity"]
            + details["reservedQuantity"]["totalReservedQuantity"]
            + details["researchingQuantity"]["totalResearchingQuantity"]
            + details["unfulfillableQuantity"]["totalUnfulfillableQuantity"]
        )


def test_sp_api_report_create_poll_and_download_gzip(server, sp_api_client):
    # A non-ASCII listing proves the document's charset survives the round trip.
    sku, name = "RC/SW-UTF8", "Crème brûlée dish – 2 pcs"
    put = sp_api_client(ListingsItems).put_listings_item(
        server.seller_id, sku, marketplaceIds=[US], body=listing_body(name, "22.00", 3)
    )
    assert put.payload["status"] == "ACCEPTED"

    reports = sp_api_client(Reports)
    created = reports.create_report(reportType=MERCHANT_LISTINGS, marketplaceIds=[US])
    report_id = created.payload["reportId"]
    assert report_id.isdigit()

    deadline = time.monotonic() + REPORT_TIMEOUT
    report = reports.get_report(report_id).payload
    while report["processingStatus"] not in TERMINAL:
        assert time.monotonic() < deadline, report
        time.sleep(0.5)
        report = reports.get_report(report_id).payload
    assert report["processingStatus"] == "DONE", report
    assert report["reportType"] == MERCHANT_LISTINGS

    document = reports.get_report_document(
        report["reportDocumentId"], download=True, timeout=HTTP_TIMEOUT
    )
    assert document.payload["compressionAlgorithm"] == "GZIP"
    assert document.character_code.lower().replace("-", "") == "utf8"
    rows = parse_tsv(document.payload["document"])
    assert {r["seller-sku"] for r in rows} == db_listing_skus(server)
    assert {r["item-name"] for r in rows if r["seller-sku"] == sku} == {name}

    listed = reports.get_reports(reportTypes=[MERCHANT_LISTINGS]).payload["reports"]
    assert report_id in {r["reportId"] for r in listed}


# --- amzn-sp-api (Amazon's official SDK) ----------------------------------------


@pytest.fixture
def spapi(server, monkeypatch):
    # The SDK posts to LWA with requests and no timeout; bound that wait here.
    monkeypatch.setattr(
        lwa_request.requests, "post", partial(requests.post, timeout=HTTP_TIMEOUT)
    )
    config = SPAPIConfig(
        client_id=server.client_id,
        client_secret=server.client_secret,
        refresh_token=server.refresh_token,
        region="NA",
    )
    client = SPAPIClient(
        config, oauth_endpoint=server.token_url, endpoint=server.endpoint
    )
    client.access_token_cache.max_retries = 0
    return client


def test_spapi_gets_an_access_token_from_the_refresh_token(spapi):
    token = spapi.access_token_cache.get_lwa_access_token()
    assert token.startswith("Atza|")
    assert spapi.access_token_cache.token_info["token_type"] == "bearer"
    assert spapi.api_client.default_headers["x-amz-access-token"] == token


def test_spapi_orders_walk_every_page_and_read_one_order(server, spapi):
    api = OrdersV0Api(spapi.api_client)
    call = partial(api.get_orders, [US], _request_timeout=HTTP_TIMEOUT)
    pages = [call(created_after=SINCE, max_results_per_page=PAGE_SIZE).payload]
    while pages[-1].next_token:
        assert len(pages) < 50, "NextToken never ended"
        pages.append(call(next_token=pages[-1].next_token).payload)
    ids = [o.amazon_order_id for page in pages for o in page.orders]
    assert len(pages) > 1
    assert len(ids) == len(set(ids))
    assert set(ids) == db_us_order_ids(server)
    assert pages[0].created_before  # the frozen upper bound is echoed

    row = db_shipped_order(server)
    order_id = row["amazon_order_id"]
    order = api.get_order(order_id, _request_timeout=HTTP_TIMEOUT).payload
    assert order.amazon_order_id == order_id
    assert order.order_status == "Shipped"
    assert Decimal(order.order_total.amount) == Decimal(str(row["order_total"]))

    items = api.get_order_items(order_id, _request_timeout=HTTP_TIMEOUT).payload
    assert_order_items_match(
        server,
        row,
        [spapi.api_client.sanitize_for_serialization(i) for i in items.order_items],
    )

    address = api.get_order_address(order_id, _request_timeout=HTTP_TIMEOUT).payload
    assert address.shipping_address.postal_code == row["ship_postal_code"]
    assert address.shipping_address.address_type == row["ship_address_type"]

    buyer = api.get_order_buyer_info(order_id, _request_timeout=HTTP_TIMEOUT).payload
    assert buyer.buyer_email == row["buyer_email"]


def test_spapi_order_items_buyer_info(server, spapi):
    row = db_gift_order(server)
    payload = (
        OrdersV0Api(spapi.api_client)
        .get_order_items_buyer_info(
            row["amazon_order_id"], _request_timeout=HTTP_TIMEOUT
        )
        .payload
    )
    assert payload.amazon_order_id == row["amazon_order_id"]
    assert_items_buyer_info_match(
        server,
        row,
        [spapi.api_client.sanitize_for_serialization(i) for i in payload.order_items],
    )


class FixedAccessToken:
    """Stands in for spapi's AccessTokenCache: always the same token (an RDT)."""

    def __init__(self, token: str) -> None:
        self.token = token

    def get_lwa_access_token(self) -> str:
        return self.token


def test_spapi_tokens_api_rdt_opens_get_order_address(server, spapi):
    row = db_shipped_order(server)
    order_id = row["amazon_order_id"]
    body = CreateRestrictedDataTokenRequest(
        restricted_resources=[
            RestrictedResource(
                method="GET", path=f"/orders/v0/orders/{order_id}/address"
            )
        ]
    )
    created = TokensApi(spapi.api_client).create_restricted_data_token(
        body, _request_timeout=HTTP_TIMEOUT
    )
    assert created.restricted_data_token.startswith("Atz.sprdt|")
    assert created.expires_in == 3600

    # ApiClient stamps x-amz-access-token on every call from its configuration's
    # access_token_cache (and refuses to call without one): give a second client
    # a cache that hands out the RDT.
    configuration = Configuration()
    configuration.host = server.endpoint
    configuration.access_token_cache = FixedAccessToken(created.restricted_data_token)
    rdt_client = ApiClient(configuration)
    api = OrdersV0Api(rdt_client)
    address = api.get_order_address(order_id, _request_timeout=HTTP_TIMEOUT).payload
    assert address.amazon_order_id == order_id
    assert address.shipping_address.name == row["ship_name"]
    assert address.shipping_address.address_line1 == row["ship_address_line1"]
    assert address.shipping_address.postal_code == row["ship_postal_code"]

    # The RDT names one resource: getOrderBuyerInfo of the same order is refused.
    with pytest.raises(ApiException) as refused:
        api.get_order_buyer_info(order_id, _request_timeout=HTTP_TIMEOUT)
    assert refused.value.status == 403
    assert '"code":"Unauthorized"' in refused.value.body.replace(" ", "")


def test_spapi_unknown_order_is_a_404_envelope(spapi):
    api = OrdersV0Api(spapi.api_client)
    with pytest.raises(ApiException) as excinfo:
        api.get_order("111-0000000-0000000", _request_timeout=HTTP_TIMEOUT)
    assert excinfo.value.status == 404
    assert '"code":"NotFound"' in excinfo.value.body.replace(" ", "")
    assert excinfo.value.headers["x-amzn-RequestId"]


def test_spapi_confirm_shipment_ships_an_unshipped_order(server, spapi):
    row = db_unshipped_mfn_orders(server)[1]
    order_id = row["amazon_order_id"]
    items = db_order_items(server, row["id"])
    api = OrdersV0Api(spapi.api_client)
    payload = ConfirmShipmentRequest(
        marketplace_id=US,
        package_detail=PackageDetail(
            package_reference_id="1",
            carrier_code="USPS",
            tracking_number="9400111899223197428490",
            ship_date=datetime.now(UTC) - timedelta(minutes=30),
            order_items=[
                ConfirmShipmentOrderItem(
                    order_item_id=i["order_item_id"], quantity=i["quantity_ordered"]
                )
                for i in items
            ],
        ),
    )

    result = api.confirm_shipment(order_id, payload, _request_timeout=HTTP_TIMEOUT)

    assert result is None  # 204, no body
    assert_order_fully_shipped(server, row)
    (stored,) = db_packages(server, row["id"])
    assert stored["tracking_number"] == "9400111899223197428490"
    order = api.get_order(order_id, _request_timeout=HTTP_TIMEOUT).payload
    assert order.order_status == "Shipped"
    assert order.number_of_items_unshipped == 0
    order_items = api.get_order_items(order_id, _request_timeout=HTTP_TIMEOUT)
    assert [i.quantity_shipped for i in order_items.payload.order_items] == [
        i["quantity_ordered"] for i in items
    ]

    # Nothing left to ship: a second package is a 400 envelope.
    payload.package_detail.package_reference_id = "2"
    with pytest.raises(ApiException) as refused:
        api.confirm_shipment(order_id, payload, _request_timeout=HTTP_TIMEOUT)
    assert refused.value.status == 400
    assert '"code":"InvalidInput"' in refused.value.body.replace(" ", "")


def test_spapi_listings_item_lifecycle_with_slash_in_sku(server, spapi):
    api = ListingsApi(spapi.api_client)
    seller, sku = server.seller_id, "RC/OFF-002 bowl"
    timeout = {"_request_timeout": HTTP_TIMEOUT}

    put = api.put_listings_item(
        seller, sku, [US], listing_body("Serving Bowl", "31.00", 4), **timeout
    )
    assert (put.sku, put.status, put.issues) == (sku, "ACCEPTED", [])

    item = api.get_listings_item(
        seller,
        sku,
        [US],
        included_data=["summaries", "attributes", "offers", "fulfillmentAvailability"],
        **timeout,
    )
    assert item.sku == sku
    assert item.summaries[0].item_name == "Serving Bowl"
    assert item.summaries[0].condition_type == "new_new"
    assert Decimal(item.offers[0].price.amount) == Decimal("31.00")
    assert item.fulfillment_availability[0].quantity == 4

    patched = api.patch_listings_item(
        seller, sku, [US], rename_patch("Glazed Serving Bowl"), **timeout
    )
    assert patched.status == "ACCEPTED"
    renamed = api.get_listings_item(seller, sku, [US], **timeout)
    assert renamed.summaries[0].item_name == "Glazed Serving Bowl"

    deleted = api.delete_listings_item(seller, sku, [US], **timeout)
    assert (deleted.sku, deleted.status) == (sku, "ACCEPTED")
    with pytest.raises(ApiException) as gone:
        api.get_listings_item(seller, sku, [US], **timeout)
    assert gone.value.status == 404
    assert '"code":"NOT_FOUND"' in gone.value.body.replace(" ", "")
    assert sku not in db_listing_skus(server)


def test_spapi_inventory_summaries_with_details(server, spapi):
    api = FbaInventoryApi(spapi.api_client)
    response = api.get_inventory_summaries(
        "Marketplace", US, [US], details=True, _request_timeout=HTTP_TIMEOUT
    )
    assert response.pagination is None or response.pagination.next_token is None
    summaries = {s.seller_sku: s for s in response.payload.inventory_summaries}
    expected = db_inventory(server)
    assert set(summaries) == set(expected)
    for sku, summary in summaries.items():
        row = expected[sku]
        assert summary.asin == row["asin"]
        assert (
            summary.inventory_details.fulfillable_quantity
            == row["fulfillable_quantity"]
        )
        unfulfillable = summary.inventory_details.unfulfillable_quantity
        assert unfulfillable.defective_quantity == row["defective_quantity"]


def test_spapi_report_create_poll_and_download_gzip(server, spapi):
    api = ReportsApi(spapi.api_client)
    timeout = {"_request_timeout": HTTP_TIMEOUT}
    created = api.create_report(
        {"reportType": ALL_ORDERS, "marketplaceIds": [US], "dataStartTime": SINCE},
        **timeout,
    )
    deadline = time.monotonic() + REPORT_TIMEOUT
    report = api.get_report(created.report_id, **timeout)
    while report.processing_status not in TERMINAL:
        assert time.monotonic() < deadline, report
        time.sleep(0.5)
        report = api.get_report(created.report_id, **timeout)
    assert report.processing_status == "DONE", report
    assert report.marketplace_ids == [US]

    document = api.get_report_document(report.report_document_id, **timeout)
    assert document.compression_algorithm == "GZIP"
    # The presigned-URL stand-in: no SP-API headers, gzip bytes, no Content-Encoding.
    download = httpx.get(document.url, timeout=HTTP_TIMEOUT)
    assert download.status_code == 200
    assert "content-encoding" not in download.headers
    assert "charset=utf-8" in download.headers["content-type"].lower()
    rows = parse_tsv(gzip.decompress(download.content).decode("utf-8"))
    assert {r["amazon-order-id"] for r in rows} == db_us_order_ids(server)
    row = db_shipped_order(server)
    skus = [r["sku"] for r in rows if r["amazon-order-id"] == row["amazon_order_id"]]
    assert skus == [i["seller_sku"] for i in db_order_items(server, row["id"])]
