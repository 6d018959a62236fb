from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.amazon import factories
from apps.amazon.api.views import orders as orders_views
from apps.amazon.models import Order
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import ORDERS, assert_response_valid

URL = "/amazon/orders/v0/orders"
US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"
BASE = {"MarketplaceIds": US, "CreatedAfter": "2020-01-01T00:00:00Z"}


def days_ago(n: float) -> datetime:
    return timezone.now() - timedelta(days=n)


@pytest.fixture
def order(seller):
    order = factories.OrderFactory(
        seller=seller, amazon_order_id="113-1234567-7654321", purchase_date=days_ago(5)
    )
    factories.OrderItemFactory(order=order, seller_sku="SKU-A", position=0)
    factories.OrderItemFactory(
        order=order, seller_sku="SKU-B", position=1, promotion_ids=["PLM-1"]
    )
    return order


# --- getOrders: success and shape ------------------------------------------------


def test_get_orders_response_validates_against_model(api, order):
    response = api.get(URL, BASE)
    assert response.status_code == 200
    assert_response_valid(ORDERS, "/orders/v0/orders", "get", response)
    orders = response.json()["payload"]["Orders"]
    assert [o["AmazonOrderId"] for o in orders] == [order.amazon_order_id]
    assert orders[0]["OrderTotal"] == {"CurrencyCode": "USD", "Amount": "21.64"}


def test_get_orders_echoes_the_frozen_created_before_bound(api, order):
    payload = api.get(URL, BASE).json()["payload"]
    bound = datetime.fromisoformat(payload["CreatedBefore"].replace("Z", "+00:00"))
    assert timezone.now() - timedelta(minutes=3) < bound < timezone.now()


def test_get_orders_carries_request_id_and_rate_limit_headers(api, order):
    response = api.get(URL, BASE)
    assert response["x-amzn-RateLimit-Limit"] == "0.0167"
    assert len(response["x-amzn-RequestId"]) == 36


def test_orders_of_other_sellers_are_invisible(api, other_seller, order):
    factories.OrderFactory(seller=other_seller, purchase_date=days_ago(2))
    ids = [o["AmazonOrderId"] for o in api.get(URL, BASE).json()["payload"]["Orders"]]
    assert ids == [order.amazon_order_id]


def test_client_injected_marketplace_keys_are_ignored(api, order):
    params = {**BASE, "MarketplaceId": US, "marketplace_ids": US, "marketplaceIds": US}
    assert api.get(URL, params).status_code == 200


# --- getOrders: validation rules ----------------------------------------------------


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"CreatedAfter": "2020-01-01"}, "MarketplaceIds"),
        ({"MarketplaceIds": US}, "CreatedAfter or LastUpdatedAfter"),
        (
            {**BASE, "LastUpdatedAfter": "2020-01-01"},
            "cannot be combined",
        ),
        (
            {
                "MarketplaceIds": US,
                "LastUpdatedAfter": "2020-01-01",
                "CreatedBefore": "2021-01-01",
            },
            "cannot be combined",
        ),
        (
            {**BASE, "CreatedBefore": "2019-01-01T00:00:00Z"},
            "equal to or after",
        ),
        (
            {
                "MarketplaceIds": US,
                "LastUpdatedAfter": "2021-01-01",
                "LastUpdatedBefore": "2020-01-01",
            },
            "equal to or after",
        ),
        (
            {**BASE, "SellerOrderId": "SO-1", "OrderStatuses": "Shipped"},
            "SellerOrderId",
        ),
        ({**BASE, "SellerOrderId": "SO-1", "BuyerEmail": "x@y.z"}, "SellerOrderId"),
        ({**BASE, "MaxResultsPerPage": "0"}, "MaxResultsPerPage"),
        ({**BASE, "MaxResultsPerPage": "101"}, "MaxResultsPerPage"),
        ({**BASE, "OrderStatuses": "Shipped,Lost"}, "OrderStatuses"),
        ({**BASE, "FulfillmentChannels": "XFN"}, "FulfillmentChannels"),
        ({**BASE, "PaymentMethods": "Cash"}, "PaymentMethods"),
        ({**BASE, "AmazonOrderIds": "12-34"}, "AmazonOrderIds"),
        (
            {"MarketplaceIds": "NOT_A_MARKETPLACE", "CreatedAfter": "2020-01-01"},
            "Marketplace",
        ),
        ({"MarketplaceIds": US, "CreatedAfter": "yesterday"}, "CreatedAfter"),
    ],
)
def test_invalid_get_orders_requests_are_400_invalid_input(api, params, fragment):
    response = api.get(URL, params)
    body = assert_envelope(response, 400, "InvalidInput")
    error = body["errors"][0]
    assert fragment in error["message"] + error.get("details", "")
    assert response["x-amzn-RateLimit-Limit"] == "0.0167"


def test_created_before_must_be_two_minutes_old(api):
    recent = (timezone.now() - timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = assert_envelope(api.get(URL, {**BASE, "CreatedBefore": recent}), 400)
    assert "two minutes" in body["errors"][0]["details"]


def test_created_after_in_the_future_is_refused(api):
    future = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert_envelope(api.get(URL, {"MarketplaceIds": US, "CreatedAfter": future}), 400)


def test_amazon_order_ids_alone_need_no_date_filter(api, order):
    response = api.get(
        URL, {"MarketplaceIds": US, "AmazonOrderIds": order.amazon_order_id}
    )
    assert response.status_code == 200
    assert len(response.json()["payload"]["Orders"]) == 1


# --- getOrders: filters ------------------------------------------------------------


@pytest.fixture
def mixed_orders(seller):
    spec = [
        ("111-0000001-0000001", US, "Shipped", "AFN", "Other", 10),
        ("111-0000002-0000002", US, "Unshipped", "MFN", "Other", 9),
        ("111-0000003-0000003", US, "Shipped", "MFN", "COD", 8),
        ("111-0000004-0000004", CA, "Shipped", "AFN", "Other", 7),
        ("111-0000005-0000005", US, "Canceled", "AFN", "Other", 6),
        ("111-0000006-0000006", US, "Shipped", "AFN", "Other", 40),
    ]
    rows = {}
    for order_id, mp, status, channel, payment, age in spec:
        rows[order_id] = factories.OrderFactory(
            seller=seller,
            amazon_order_id=order_id,
            marketplace_id=mp,
            order_status=status,
            fulfillment_channel=channel,
            payment_method=payment,
            purchase_date=days_ago(age),
            last_update_date=days_ago(age - 1),
            buyer_email=f"{order_id[-1]}buyer@marketplace.amazon.com",
            seller_order_id=f"SO-{order_id[-1]}",
        )
    return rows


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [o["AmazonOrderId"] for o in response.json()["payload"]["Orders"]]


def test_status_and_channel_filters_combine(api, mixed_orders):
    params = {**BASE, "OrderStatuses": "Shipped", "FulfillmentChannels": "AFN"}
    assert ids(api.get(URL, params)) == ["111-0000006-0000006", "111-0000001-0000001"]


def test_marketplace_filter_accepts_csv_and_repeated_keys(api, mixed_orders):
    csv = ids(api.get(URL, {**BASE, "MarketplaceIds": f"{US},{CA}"}))
    repeated = ids(api.get(URL, {**BASE, "MarketplaceIds": [US, CA]}))
    assert csv == repeated
    assert "111-0000004-0000004" in csv
    assert "111-0000004-0000004" not in ids(api.get(URL, BASE))


def test_created_window_limits_purchase_dates(api, mixed_orders):
    params = {
        "MarketplaceIds": US,
        "CreatedAfter": days_ago(9.5).isoformat(),
        "CreatedBefore": days_ago(7.5).isoformat(),
    }
    assert ids(api.get(URL, params)) == ["111-0000002-0000002", "111-0000003-0000003"]


def test_last_updated_filter_uses_last_update_date(api, mixed_orders):
    params = {"MarketplaceIds": US, "LastUpdatedAfter": days_ago(7.5).isoformat()}
    # Updated 7 and 5 days ago (created 8 and 6 days ago), oldest update first.
    assert ids(api.get(URL, params)) == ["111-0000003-0000003", "111-0000005-0000005"]
    payload = api.get(URL, params).json()["payload"]
    assert "LastUpdatedBefore" in payload and "CreatedBefore" not in payload


def test_payment_method_filter(api, mixed_orders):
    assert ids(api.get(URL, {**BASE, "PaymentMethods": "COD"})) == [
        "111-0000003-0000003"
    ]


def test_buyer_email_filter(api, mixed_orders):
    params = {**BASE, "BuyerEmail": "2buyer@marketplace.amazon.com"}
    assert ids(api.get(URL, params)) == ["111-0000002-0000002"]


def test_seller_order_id_filter(api, mixed_orders):
    assert ids(api.get(URL, {**BASE, "SellerOrderId": "SO-3"})) == [
        "111-0000003-0000003"
    ]


def test_amazon_order_ids_filter_combines_with_status(api, mixed_orders):
    params = {
        **BASE,
        "AmazonOrderIds": "111-0000001-0000001,111-0000002-0000002",
        "OrderStatuses": "Unshipped",
    }
    assert ids(api.get(URL, params)) == ["111-0000002-0000002"]


def test_easy_ship_filter_returns_only_easy_ship_orders(api, mixed_orders):
    assert (
        ids(api.get(URL, {**BASE, "EasyShipShipmentStatuses": "PendingPickUp"})) == []
    )


# --- getOrders: pagination ---------------------------------------------------------------


def test_pagination_walks_every_order_once(api, seller):
    created = {
        factories.OrderFactory(
            seller=seller, purchase_date=days_ago(1 + (i % 7) / 10)
        ).amazon_order_id
        for i in range(23)
    }
    seen: list[str] = []
    params = {**BASE, "MaxResultsPerPage": "5"}
    pages = 0
    while True:
        payload = api.get(URL, params).json()["payload"]
        pages += 1
        assert len(payload["Orders"]) <= 5
        seen.extend(o["AmazonOrderId"] for o in payload["Orders"])
        if "NextToken" not in payload:
            break
        params = {"MarketplaceIds": US, "NextToken": payload["NextToken"]}
    assert pages == 5
    assert len(seen) == len(set(seen)) == 23
    assert set(seen) == created


def test_next_token_keeps_the_original_filters(api, mixed_orders):
    first = api.get(URL, {**BASE, "OrderStatuses": "Shipped", "MaxResultsPerPage": "1"})
    token = first.json()["payload"]["NextToken"]
    rest = []
    params = {"MarketplaceIds": US, "NextToken": token, "OrderStatuses": "Canceled"}
    while True:
        payload = api.get(URL, params).json()["payload"]
        rest.extend(o["OrderStatus"] for o in payload["Orders"])
        if "NextToken" not in payload:
            break
        params = {"MarketplaceIds": US, "NextToken": payload["NextToken"]}
    assert rest and set(rest) == {"Shipped"}


def test_orders_created_while_paging_do_not_shift_pages(api, seller):
    for i in range(4):
        factories.OrderFactory(seller=seller, purchase_date=days_ago(2 + i))
    first = api.get(URL, {**BASE, "MaxResultsPerPage": "2"}).json()["payload"]
    factories.OrderFactory(seller=seller, purchase_date=days_ago(10))
    second = api.get(
        URL, {"MarketplaceIds": US, "NextToken": first["NextToken"]}
    ).json()["payload"]
    got = [o["AmazonOrderId"] for o in first["Orders"] + second["Orders"]]
    assert len(set(got)) == 4
    assert "NextToken" not in second


def test_tampered_next_token_is_400(api, order):
    assert_envelope(api.get(URL, {"MarketplaceIds": US, "NextToken": "abc:def"}), 400)


def test_next_token_of_another_seller_is_refused(api, other_api, other_seller):
    for i in range(3):
        factories.OrderFactory(seller=other_seller, purchase_date=days_ago(i + 1))
    token = other_api.get(URL, {**BASE, "MaxResultsPerPage": "1"}).json()["payload"][
        "NextToken"
    ]
    assert_envelope(api.get(URL, {"MarketplaceIds": US, "NextToken": token}), 400)


def test_refused_next_token_says_so_in_sp_api_words(api, other_api, other_seller):
    for i in range(3):
        factories.OrderFactory(seller=other_seller, purchase_date=days_ago(i + 1))
    token = other_api.get(URL, {**BASE, "MaxResultsPerPage": "1"}).json()["payload"][
        "NextToken"
    ]
    response = api.get(URL, {"MarketplaceIds": US, "NextToken": token})
    body = assert_envelope(response, 400, "InvalidInput")
    assert body["errors"][0]["message"] == "Invalid Input"
    assert body["errors"][0]["details"] == "Invalid NextToken."


def test_next_token_still_requires_marketplace_ids(api, seller):
    for i in range(3):
        factories.OrderFactory(seller=seller, purchase_date=days_ago(i + 1))
    token = api.get(URL, {**BASE, "MaxResultsPerPage": "1"}).json()["payload"][
        "NextToken"
    ]
    assert_envelope(api.get(URL, {"NextToken": token}), 400, "InvalidInput")


# --- getOrder and sub-resources ----------------------------------------------------


def test_get_order_validates_against_model(api, order):
    response = api.get(f"{URL}/{order.amazon_order_id}")
    assert response.status_code == 200
    assert_response_valid(ORDERS, "/orders/v0/orders/{orderId}", "get", response)
    assert response.json()["payload"]["AmazonOrderId"] == order.amazon_order_id
    assert response["x-amzn-RateLimit-Limit"] == "0.5"


def test_get_order_unknown_id_is_404_not_found(api, seller):
    response = api.get(f"{URL}/111-9999999-9999999")
    assert_envelope(response, 404, "NotFound")
    assert response["x-amzn-RateLimit-Limit"] == "0.5"


def test_get_order_of_another_seller_is_404(other_api, order):
    assert_envelope(other_api.get(f"{URL}/{order.amazon_order_id}"), 404, "NotFound")


def test_malformed_order_id_is_400(api, seller):
    assert_envelope(api.get(f"{URL}/not-an-order"), 400, "InvalidInput")


def test_get_order_items_validates_and_lists_items_in_order(api, order):
    response = api.get(f"{URL}/{order.amazon_order_id}/orderItems")
    assert response.status_code == 200
    assert_response_valid(
        ORDERS, "/orders/v0/orders/{orderId}/orderItems", "get", response
    )
    payload = response.json()["payload"]
    assert payload["AmazonOrderId"] == order.amazon_order_id
    assert [i["SellerSKU"] for i in payload["OrderItems"]] == ["SKU-A", "SKU-B"]
    assert payload["OrderItems"][0]["ItemPrice"] == {
        "CurrencyCode": "USD",
        "Amount": "19.99",
    }


def test_order_items_paginate_with_next_token(api, order, monkeypatch):
    monkeypatch.setattr(orders_views, "ORDER_ITEMS_PAGE_SIZE", 1)
    for position in range(2, 5):
        factories.OrderItemFactory(order=order, position=position)
    path = f"{URL}/{order.amazon_order_id}/orderItems"
    seen, params = [], {}
    while True:
        payload = api.get(path, params).json()["payload"]
        assert len(payload["OrderItems"]) == 1
        seen.extend(i["OrderItemId"] for i in payload["OrderItems"])
        if "NextToken" not in payload:
            break
        params = {"NextToken": payload["NextToken"]}
    assert len(seen) == len(set(seen)) == 5


def test_order_items_token_from_another_order_is_refused(
    api, order, seller, monkeypatch
):
    monkeypatch.setattr(orders_views, "ORDER_ITEMS_PAGE_SIZE", 1)
    token = api.get(f"{URL}/{order.amazon_order_id}/orderItems").json()["payload"][
        "NextToken"
    ]
    other = factories.OrderFactory(seller=seller)
    response = api.get(
        f"{URL}/{other.amazon_order_id}/orderItems", {"NextToken": token}
    )
    assert_envelope(response, 400, "InvalidInput")


def test_pending_order_items_omit_pricing(api, seller):
    pending = factories.OrderFactory(seller=seller, order_status=Order.Status.PENDING)
    factories.OrderItemFactory(order=pending, quantity_shipped=0)
    item = api.get(f"{URL}/{pending.amazon_order_id}/orderItems").json()["payload"][
        "OrderItems"
    ][0]
    assert "ItemPrice" not in item and "ItemTax" not in item


def test_get_order_address_validates_and_has_full_address(api, order):
    response = api.get(f"{URL}/{order.amazon_order_id}/address")
    assert response.status_code == 200
    assert_response_valid(
        ORDERS, "/orders/v0/orders/{orderId}/address", "get", response
    )
    address = response.json()["payload"]["ShippingAddress"]
    assert address["Name"] == order.ship_name
    assert address["AddressLine1"] == order.ship_address_line1
    assert address["CountryCode"] == "US"


def test_pending_order_has_no_shipping_address(api, seller):
    pending = factories.OrderFactory(seller=seller, order_status=Order.Status.PENDING)
    payload = api.get(f"{URL}/{pending.amazon_order_id}/address").json()["payload"]
    assert payload == {"AmazonOrderId": pending.amazon_order_id}


def test_get_order_buyer_info_validates(api, order):
    response = api.get(f"{URL}/{order.amazon_order_id}/buyerInfo")
    assert response.status_code == 200
    assert_response_valid(
        ORDERS, "/orders/v0/orders/{orderId}/buyerInfo", "get", response
    )
    payload = response.json()["payload"]
    assert payload["BuyerEmail"].endswith("@marketplace.amazon.com")
    assert payload["BuyerName"] == order.buyer_name


def test_sub_resources_of_unknown_order_are_404(api, seller):
    for suffix in ("orderItems", "address", "buyerInfo"):
        assert_envelope(api.get(f"{URL}/111-0000000-0000000/{suffix}"), 404, "NotFound")


def test_order_total_amount_is_a_two_decimal_string(api, seller):
    factories.OrderFactory(seller=seller, order_total=Decimal("5"))
    order = api.get(URL, BASE).json()["payload"]["Orders"][0]
    assert order["OrderTotal"]["Amount"] == "5.00"
    assert (
        datetime.fromisoformat(order["PurchaseDate"].replace("Z", "+00:00")).tzinfo
        == UTC
    )
