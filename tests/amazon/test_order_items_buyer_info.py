"""getOrderItemsBuyerInfo: gift options and Amazon Custom data per order item."""

from decimal import Decimal

import pytest

from apps.amazon import factories
from apps.amazon.api.views import orders as orders_views
from apps.amazon.models import Order, OrderItem
from apps.amazon.services.seeding import seed_amazon
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import ORDERS, assert_response_valid

URL = "/amazon/orders/v0/orders"
PATH = "/orders/v0/orders/{orderId}/orderItems/buyerInfo"
CUSTOM_URL = "https://zme-caps.amazon.com/t/abc/1.zip"


def buyer_info(api, order, params=None):
    return api.get(f"{URL}/{order.amazon_order_id}/orderItems/buyerInfo", params)


@pytest.fixture
def mfn_order(seller):
    order = factories.OrderFactory(
        seller=seller, amazon_order_id="113-1111111-2222222", fulfillment_channel="MFN"
    )
    factories.OrderItemFactory(order=order, position=0, order_item_id="10000000000001")
    factories.OrderItemFactory(
        order=order,
        position=1,
        order_item_id="10000000000002",
        gift=True,
        customized_url=CUSTOM_URL,
    )
    return order


def test_response_validates_and_lists_items_in_order(api, mfn_order):
    response = buyer_info(api, mfn_order)
    assert response.status_code == 200
    assert_response_valid(ORDERS, PATH, "get", response)
    assert response["x-amzn-RateLimit-Limit"] == "0.5"
    payload = response.json()["payload"]
    assert payload["AmazonOrderId"] == mfn_order.amazon_order_id
    plain, gift = payload["OrderItems"]
    assert plain == {"OrderItemId": "10000000000001"}
    assert gift == {
        "OrderItemId": "10000000000002",
        "BuyerCustomizedInfo": {"CustomizedURL": CUSTOM_URL},
        "GiftWrapLevel": "Classic",
        "GiftWrapPrice": {"CurrencyCode": "USD", "Amount": "3.99"},
        "GiftWrapTax": {"CurrencyCode": "USD", "Amount": "0.33"},
        "GiftMessageText": "Happy birthday! Love, Ana",
    }


def test_afn_orders_carry_no_gift_message_or_custom_data(api, seller):
    # The model: both attributes "only available for MFN (fulfilled by seller)".
    order = factories.OrderFactory(seller=seller, fulfillment_channel="AFN")
    factories.OrderItemFactory(order=order, gift=True, customized_url=CUSTOM_URL)
    item = buyer_info(api, order).json()["payload"]["OrderItems"][0]
    assert item["GiftWrapLevel"] == "Classic"
    assert "GiftMessageText" not in item and "BuyerCustomizedInfo" not in item


def test_pending_orders_omit_gift_wrap_prices(api, seller):
    order = factories.OrderFactory(seller=seller, order_status=Order.Status.PENDING)
    factories.OrderItemFactory(order=order, gift=True, quantity_shipped=0)
    item = buyer_info(api, order).json()["payload"]["OrderItems"][0]
    assert item["GiftWrapLevel"] == "Classic"
    assert "GiftWrapPrice" not in item and "GiftWrapTax" not in item


def test_pages_with_next_token_like_order_items(api, mfn_order, monkeypatch):
    monkeypatch.setattr(orders_views, "ORDER_ITEMS_PAGE_SIZE", 1)
    for position in range(2, 5):
        factories.OrderItemFactory(order=mfn_order, position=position)
    seen, params = [], None
    while True:
        response = buyer_info(api, mfn_order, params)
        assert_response_valid(ORDERS, PATH, "get", response)
        payload = response.json()["payload"]
        assert len(payload["OrderItems"]) == 1
        seen.extend(i["OrderItemId"] for i in payload["OrderItems"])
        if "NextToken" not in payload:
            break
        params = {"NextToken": payload["NextToken"]}
    expected = list(
        mfn_order.items.order_by("position").values_list("order_item_id", flat=True)
    )
    assert seen == expected and len(expected) == 5


def test_next_token_of_another_order_or_tampered_is_400(
    api, mfn_order, seller, monkeypatch
):
    monkeypatch.setattr(orders_views, "ORDER_ITEMS_PAGE_SIZE", 1)
    token = buyer_info(api, mfn_order).json()["payload"]["NextToken"]
    other = factories.OrderFactory(seller=seller)
    factories.OrderItemFactory(order=other)
    assert_envelope(buyer_info(api, other, {"NextToken": token}), 400, "InvalidInput")
    assert_envelope(
        buyer_info(api, mfn_order, {"NextToken": token[:-3] + "abc"}),
        400,
        "InvalidInput",
    )


def test_unknown_malformed_and_foreign_orders(api, other_api, mfn_order, seller):
    assert_envelope(
        api.get(f"{URL}/111-0000000-0000000/orderItems/buyerInfo"), 404, "NotFound"
    )
    assert_envelope(
        api.get(f"{URL}/not-an-order/orderItems/buyerInfo"), 400, "InvalidInput"
    )
    assert_envelope(buyer_info(other_api, mfn_order), 404, "NotFound")


def test_token_is_required(anonymous_api, mfn_order):
    assert_envelope(buyer_info(anonymous_api, mfn_order), 403, "Unauthorized")


def test_writes_are_405_in_the_envelope(api, mfn_order):
    response = api.post(f"{URL}/{mfn_order.amazon_order_id}/orderItems/buyerInfo")
    assert_envelope(response, 405)
    assert OrderItem.objects.filter(order=mfn_order).count() == 2


def test_seeded_gift_items_hold_together(db):
    seed_amazon(sellers=1, orders=400, seed=11)
    gifts = OrderItem.objects.filter(is_gift=True).select_related("order")
    assert gifts.exists()
    for item in gifts:
        assert item.gift_wrap_level in {"Classic", "Premium"}
        assert item.gift_wrap_price > 0
        if item.order.fulfillment_channel == "AFN":
            assert item.gift_message_text == "" and item.customized_url == ""
    assert (
        not OrderItem.objects.filter(is_gift=False).exclude(gift_wrap_level="").exists()
    )
    # Totals still equal the items' lines, now including gift wrap.
    for order in Order.objects.exclude(order_total=None).prefetch_related("items"):
        assert order.order_total == sum(
            (i.line_total for i in order.items.all()), Decimal("0")
        )
