"""Orders v0 writes: confirmShipment and updateShipmentStatus."""

import copy
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.amazon import documents, factories
from apps.amazon.models import (
    Order,
    OrderItem,
    Report,
    ShipmentPackage,
    ShipmentPackageItem,
)
from apps.amazon.services.seeding import wipe_domain_data
from tests.amazon.conftest import assert_envelope
from tests.amazon.schemas import ORDERS, assert_response_valid

US = "ATVPDKIKX0DER"
CA = "A2EUQ1WTGCTBG2"
JP = "A1VC38T7YXB528"
ORDER_ID = "113-1234567-7654321"
ITEM_A = "10000000000001"
ITEM_B = "10000000000002"


def confirm_url(order_id: str = ORDER_ID) -> str:
    return f"/amazon/orders/v0/orders/{order_id}/shipmentConfirmation"


def status_url(order_id: str = ORDER_ID) -> str:
    return f"/amazon/orders/v0/orders/{order_id}/shipment"


def unshipped_order(seller, **overrides) -> Order:
    """Two items: A × 2 and B × 1, nothing shipped yet."""
    fields = {
        "seller": seller,
        "amazon_order_id": ORDER_ID,
        "purchase_date": timezone.now() - timedelta(days=1),
        "order_status": Order.Status.UNSHIPPED,
        "fulfillment_channel": Order.Channel.MFN,
        "number_of_items_shipped": 0,
        "number_of_items_unshipped": 3,
        **overrides,
    }
    order = factories.OrderFactory(**fields)
    factories.OrderItemFactory(
        order=order,
        order_item_id=ITEM_A,
        quantity_ordered=2,
        quantity_shipped=0,
        position=0,
    )
    factories.OrderItemFactory(
        order=order,
        order_item_id=ITEM_B,
        quantity_ordered=1,
        quantity_shipped=0,
        position=1,
    )
    return order


@pytest.fixture
def order(seller) -> Order:
    return unshipped_order(seller)


@pytest.fixture
def ispu_order(seller) -> Order:
    return unshipped_order(seller, is_ispu=True)


def confirm_body(**package_overrides) -> dict:
    package = {
        "packageReferenceId": "1",
        "carrierCode": "UPS",
        "carrierName": "UPS",
        "shippingMethod": "UPS Ground",
        "trackingNumber": "1Z999AA10123456784",
        "shipDate": (timezone.now() - timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M:%S.000Z"
        ),
        "orderItems": [
            {"orderItemId": ITEM_A, "quantity": 2},
            {"orderItemId": ITEM_B, "quantity": 1},
        ],
    }
    package.update(package_overrides)
    return {"marketplaceId": US, "packageDetail": package}


def snapshot(order: Order) -> tuple:
    """Everything a refused call must leave as it was."""
    row = Order.all_objects.get(pk=order.pk)
    items = [
        (i.order_item_id, i.quantity_shipped, i.updated_at)
        for i in OrderItem.all_objects.filter(order=row).order_by("position")
    ]
    return (
        row.order_status,
        row.number_of_items_shipped,
        row.number_of_items_unshipped,
        row.last_update_date,
        row.pickup_status,
        row.updated_at,
        items,
        ShipmentPackage.all_objects.count(),
        ShipmentPackageItem.all_objects.count(),
    )


def items_shipped(order: Order) -> dict[str, int]:
    return {
        i.order_item_id: i.quantity_shipped
        for i in OrderItem.objects.filter(order=order)
    }


def report_rows(seller) -> list[dict[str, str]]:
    report = Report(seller=seller, marketplace_ids=[US])
    rows = documents.orders_by_order_date(report)
    header, *lines = rows
    return [dict(zip(header, line, strict=True)) for line in lines]


# --- confirmShipment: success -------------------------------------------------------


def test_confirm_whole_order_ships_it_and_returns_204_without_body(api, order):
    before = order.last_update_date

    response = api.post(confirm_url(), confirm_body())

    assert response.status_code == 204, response.content
    assert response.content == b""
    assert response["x-amzn-RateLimit-Limit"] == "2.0"
    assert response.has_header("x-amzn-RequestId")
    order.refresh_from_db()
    assert order.order_status == Order.Status.SHIPPED
    assert (order.number_of_items_shipped, order.number_of_items_unshipped) == (3, 0)
    assert order.last_update_date > before
    assert items_shipped(order) == {ITEM_A: 2, ITEM_B: 1}


def test_confirm_stores_the_package_with_its_items(api, order):
    body = confirm_body(
        shipFromSupplySourceId="057d3fcc-b750-419f-bbcd-4d340c60c430",
        orderItems=[
            {
                "orderItemId": ITEM_A,
                "quantity": 2,
                "transparencyCodes": ["09876543211234567890"],
            },
            {"orderItemId": ITEM_B, "quantity": 1},
        ],
    )

    assert api.post(confirm_url(), body).status_code == 204

    package = ShipmentPackage.objects.get(order=order)
    assert package.package_reference_id == "1"
    assert package.carrier_code == "UPS"
    assert package.carrier_name == "UPS"
    assert package.shipping_method == "UPS Ground"
    assert package.tracking_number == "1Z999AA10123456784"
    assert package.ship_from_supply_source_id == "057d3fcc-b750-419f-bbcd-4d340c60c430"
    assert abs(package.ship_date - (timezone.now() - timedelta(hours=1))) < timedelta(
        seconds=5
    )
    lines = {
        line.order_item.order_item_id: (line.quantity, line.transparency_codes)
        for line in package.items.select_related("order_item")
    }
    assert lines == {ITEM_A: (2, ["09876543211234567890"]), ITEM_B: (1, [])}


def test_get_order_and_order_items_show_the_shipment(api, order):
    api.post(confirm_url(), confirm_body())

    response = api.get(f"/amazon/orders/v0/orders/{ORDER_ID}")
    assert_response_valid(ORDERS, "/orders/v0/orders/{orderId}", "get", response)
    payload = response.json()["payload"]
    assert payload["OrderStatus"] == "Shipped"
    assert payload["NumberOfItemsShipped"] == 3
    assert payload["NumberOfItemsUnshipped"] == 0
    order.refresh_from_db()
    assert payload["LastUpdateDate"] == order.last_update_date.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )

    response = api.get(f"/amazon/orders/v0/orders/{ORDER_ID}/orderItems")
    assert_response_valid(
        ORDERS, "/orders/v0/orders/{orderId}/orderItems", "get", response
    )
    items = response.json()["payload"]["OrderItems"]
    assert [(i["OrderItemId"], i["QuantityShipped"]) for i in items] == [
        (ITEM_A, 2),
        (ITEM_B, 1),
    ]


def test_all_orders_report_rows_follow_the_shipment(api, seller, order):
    assert {r["item-status"] for r in report_rows(seller)} == {"Unshipped"}

    api.post(confirm_url(), confirm_body())

    rows = report_rows(seller)
    assert [(r["sku"] != "", r["item-status"], r["order-status"]) for r in rows] == [
        (True, "Shipped", "Shipped"),
        (True, "Shipped", "Shipped"),
    ]
    order.refresh_from_db()
    assert rows[0]["last-updated-date"] == order.last_update_date.isoformat(
        timespec="seconds"
    )


def test_partial_confirm_then_second_package_completes_the_order(api, seller, order):
    first = confirm_body(orderItems=[{"orderItemId": ITEM_A, "quantity": 1}])
    assert api.post(confirm_url(), first).status_code == 204

    order.refresh_from_db()
    assert order.order_status == Order.Status.PARTIALLY_SHIPPED
    assert (order.number_of_items_shipped, order.number_of_items_unshipped) == (1, 2)
    assert items_shipped(order) == {ITEM_A: 1, ITEM_B: 0}
    payload = api.get(f"/amazon/orders/v0/orders/{ORDER_ID}").json()["payload"]
    assert payload["OrderStatus"] == "PartiallyShipped"
    assert [r["item-status"] for r in report_rows(seller)] == ["Unshipped"] * 2
    assert {r["order-status"] for r in report_rows(seller)} == {"PartiallyShipped"}

    second = confirm_body(
        packageReferenceId="2",
        trackingNumber="1Z999AA10123456785",
        orderItems=[
            {"orderItemId": ITEM_A, "quantity": 1},
            {"orderItemId": ITEM_B, "quantity": 1},
        ],
    )
    assert api.post(confirm_url(), second).status_code == 204

    order.refresh_from_db()
    assert order.order_status == Order.Status.SHIPPED
    assert (order.number_of_items_shipped, order.number_of_items_unshipped) == (3, 0)
    assert items_shipped(order) == {ITEM_A: 2, ITEM_B: 1}
    assert order.packages.count() == 2
    assert [r["item-status"] for r in report_rows(seller)] == ["Shipped"] * 2


def test_partially_shipped_order_refuses_more_than_what_is_left(api, order):
    first = confirm_body(orderItems=[{"orderItemId": ITEM_A, "quantity": 1}])
    api.post(confirm_url(), first)
    before = snapshot(order)

    second = confirm_body(
        packageReferenceId="2", orderItems=[{"orderItemId": ITEM_A, "quantity": 2}]
    )
    body = assert_envelope(api.post(confirm_url(), second), 400, "InvalidInput")

    assert "1 unit(s) still unshipped" in body["errors"][0]["details"]
    assert snapshot(order) == before


def test_carrier_other_with_a_carrier_name_is_accepted(api, order):
    body = confirm_body(carrierCode="Other", carrierName="Local Courier Ltd")
    assert api.post(confirm_url(), body).status_code == 204
    assert order.packages.get().carrier_name == "Local Courier Ltd"


def test_ship_date_with_an_offset_is_stored_in_utc(api, order):
    local = (timezone.now() - timedelta(hours=2)).astimezone(
        timezone.get_fixed_timezone(9 * 60)
    )
    body = confirm_body(shipDate=local.isoformat(timespec="seconds"))
    assert api.post(confirm_url(), body).status_code == 204
    assert order.packages.get().ship_date == local.replace(microsecond=0)


def test_package_reference_ids_are_scoped_to_one_order(api, seller, order):
    other = factories.OrderFactory(
        seller=seller,
        amazon_order_id="113-7654321-1234567",
        order_status=Order.Status.UNSHIPPED,
        purchase_date=timezone.now() - timedelta(days=1),
        number_of_items_shipped=0,
        number_of_items_unshipped=1,
    )
    item = factories.OrderItemFactory(order=other, quantity_shipped=0)
    api.post(confirm_url(), confirm_body())

    body = confirm_body(orderItems=[{"orderItemId": item.order_item_id, "quantity": 1}])
    response = api.post(confirm_url(other.amazon_order_id), body)

    assert response.status_code == 204, response.content
    other.refresh_from_db()
    assert other.order_status == Order.Status.SHIPPED


def test_cod_collection_method_is_accepted_on_a_jp_order(api, seller):
    order = unshipped_order(seller, marketplace_id=JP, currency="JPY")
    body = {
        **confirm_body(),
        "marketplaceId": JP,
        "codCollectionMethod": "DirectPayment",
    }

    assert api.post(confirm_url(), body).status_code == 204
    assert order.packages.get().cod_collection_method == "DirectPayment"


def test_keys_beyond_the_model_are_ignored(api, order):
    body = {**confirm_body(), "marketplaceIds": [US], "extra": {"a": 1}}
    assert api.post(confirm_url(), body).status_code == 204


# --- confirmShipment: refusals change nothing ----------------------------------------


def _without(key):
    def mutate(body):
        del body["packageDetail"][key]

    return mutate


def _package(**values):
    def mutate(body):
        body["packageDetail"].update(values)

    return mutate


def _top(**values):
    def mutate(body):
        body.update(values)

    return mutate


def _drop_top(key):
    def mutate(body):
        del body[key]

    return mutate


FUTURE = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

BAD_CONFIRMATIONS = {
    "missing packageDetail": (_drop_top("packageDetail"), "packageDetail"),
    "packageDetail not an object": (_top(packageDetail=[1]), "packageDetail"),
    "missing marketplaceId": (_drop_top("marketplaceId"), "marketplaceId"),
    "wrong marketplace": (_top(marketplaceId=CA), "not the marketplace"),
    "missing packageReferenceId": (
        _without("packageReferenceId"),
        "packageReferenceId",
    ),
    "non-numeric packageReferenceId": (
        _package(packageReferenceId="PKG-1"),
        "positive number",
    ),
    "zero packageReferenceId": (_package(packageReferenceId="0"), "positive number"),
    "integer packageReferenceId": (_package(packageReferenceId=1), "positive number"),
    "missing carrierCode": (_without("carrierCode"), "carrierCode"),
    "empty carrierCode": (_package(carrierCode=" "), "carrierCode"),
    "carrier Other without name": (
        _package(carrierCode="Other", carrierName=None),
        "carrierName is required",
    ),
    "missing trackingNumber": (_without("trackingNumber"), "trackingNumber"),
    "missing shipDate": (_without("shipDate"), "shipDate"),
    "shipDate not ISO 8601": (_package(shipDate="02/21/2022"), "ISO 8601"),
    "shipDate not a string": (_package(shipDate=20220221), "ISO 8601"),
    "shipDate in the future": (_package(shipDate=FUTURE), "future"),
    "shipDate before purchase": (
        _package(shipDate="2020-01-01T00:00:00Z"),
        "before the order's purchase date",
    ),
    "missing orderItems": (_without("orderItems"), "orderItems"),
    "empty orderItems": (_package(orderItems=[]), "non-empty list"),
    "orderItems entry not an object": (_package(orderItems=["x"]), "JSON object"),
    "unknown orderItemId": (
        _package(orderItems=[{"orderItemId": "99999999999999", "quantity": 1}]),
        "do not belong to order",
    ),
    "mix of known and unknown items": (
        _package(
            orderItems=[
                {"orderItemId": ITEM_A, "quantity": 1},
                {"orderItemId": "99999999999999", "quantity": 1},
            ]
        ),
        "99999999999999",
    ),
    "missing quantity": (
        _package(orderItems=[{"orderItemId": ITEM_A}]),
        "quantity",
    ),
    "zero quantity": (
        _package(orderItems=[{"orderItemId": ITEM_A, "quantity": 0}]),
        "at least 1",
    ),
    "negative quantity": (
        _package(orderItems=[{"orderItemId": ITEM_A, "quantity": -1}]),
        "at least 1",
    ),
    "string quantity": (
        _package(orderItems=[{"orderItemId": ITEM_A, "quantity": "1"}]),
        "integer",
    ),
    "boolean quantity": (
        _package(orderItems=[{"orderItemId": ITEM_A, "quantity": True}]),
        "integer",
    ),
    "over quantity": (
        _package(orderItems=[{"orderItemId": ITEM_A, "quantity": 3}]),
        "exceeds the 2 unit(s)",
    ),
    "same item twice": (
        _package(
            orderItems=[
                {"orderItemId": ITEM_A, "quantity": 1},
                {"orderItemId": ITEM_A, "quantity": 1},
            ]
        ),
        "more than once",
    ),
    "bad transparencyCodes": (
        _package(
            orderItems=[
                {"orderItemId": ITEM_A, "quantity": 1, "transparencyCodes": "x"}
            ]
        ),
        "transparencyCodes",
    ),
    "codCollectionMethod outside the enum": (
        _top(codCollectionMethod="Cash"),
        "DirectPayment",
    ),
    "codCollectionMethod outside JP": (
        _top(codCollectionMethod="DirectPayment"),
        "JP marketplace",
    ),
}


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    list(BAD_CONFIRMATIONS.values()),
    ids=list(BAD_CONFIRMATIONS),
)
def test_bad_confirmation_is_400_and_changes_nothing(api, order, mutate, fragment):
    body = copy.deepcopy(confirm_body())
    mutate(body)
    before = snapshot(order)

    response = api.post(confirm_url(), body)

    envelope = assert_envelope(response, 400, "InvalidInput")
    assert fragment in envelope["errors"][0]["details"], envelope
    assert response["x-amzn-RateLimit-Limit"] == "2.0"
    assert snapshot(order) == before


@pytest.mark.parametrize(
    "raw",
    ["{not json", "[1, 2]", '"text"', "null"],
    ids=["malformed", "list", "str", "null"],
)
def test_non_json_or_non_object_body_is_400_and_changes_nothing(api, order, raw):
    before = snapshot(order)
    assert_envelope(api.post(confirm_url(), raw), 400, "InvalidInput")
    assert snapshot(order) == before


def test_non_json_content_type_is_415(api, order):
    before = snapshot(order)
    response = api.post(
        confirm_url(), json.dumps(confirm_body()), content_type="text/plain"
    )
    assert_envelope(response, 415, "UnsupportedMediaType")
    assert snapshot(order) == before


def test_unknown_marketplace_uses_the_models_error(api, order):
    before = snapshot(order)
    body = {**confirm_body(), "marketplaceId": "1"}

    envelope = assert_envelope(api.post(confirm_url(), body), 400)

    assert envelope["errors"] == [
        {
            "code": "InvalidInput",
            "message": "Marketplace ID is not defined",
            "details": "1001",
        }
    ]
    assert snapshot(order) == before


def test_duplicate_package_reference_id_is_refused(api, order):
    first = confirm_body(orderItems=[{"orderItemId": ITEM_A, "quantity": 1}])
    assert api.post(confirm_url(), first).status_code == 204
    before = snapshot(order)

    again = confirm_body(orderItems=[{"orderItemId": ITEM_B, "quantity": 1}])
    envelope = assert_envelope(api.post(confirm_url(), again), 400, "InvalidInput")

    assert (
        "packageReferenceId 1 was already confirmed"
        in (envelope["errors"][0]["details"])
    )
    assert snapshot(order) == before


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"fulfillment_channel": Order.Channel.AFN}, "fulfilled by Amazon (AFN)"),
        ({"order_status": Order.Status.CANCELED}, "is Canceled"),
        ({"order_status": Order.Status.PENDING}, "is Pending"),
        ({"order_status": Order.Status.PENDING_AVAILABILITY}, "PendingAvailability"),
        ({"order_status": Order.Status.SHIPPED}, "is Shipped"),
        ({"order_status": Order.Status.INVOICE_UNCONFIRMED}, "InvoiceUnconfirmed"),
    ],
    ids=["afn", "canceled", "pending", "pending-availability", "shipped", "invoice"],
)
def test_order_that_cannot_ship_is_400_and_changes_nothing(
    api, seller, overrides, fragment
):
    order = unshipped_order(seller, **overrides)
    before = snapshot(order)

    envelope = assert_envelope(
        api.post(confirm_url(), confirm_body()), 400, "InvalidInput"
    )

    assert fragment in envelope["errors"][0]["details"]
    assert snapshot(order) == before


def test_unknown_order_is_404(api, order):
    before = snapshot(order)
    response = api.post(confirm_url("113-0000000-0000000"), confirm_body())
    assert_envelope(response, 404, "NotFound")
    assert response["x-amzn-RateLimit-Limit"] == "2.0"
    assert snapshot(order) == before


def test_malformed_order_id_is_400(api, order):
    assert_envelope(api.post(confirm_url("not-an-order"), confirm_body()), 400)


def test_another_sellers_order_is_403_and_unchanged(other_api, order):
    before = snapshot(order)
    response = other_api.post(confirm_url(), confirm_body())
    assert_envelope(response, 403, "Unauthorized")
    assert snapshot(order) == before


def test_missing_or_bad_token_is_403(anonymous_api, order):
    before = snapshot(order)
    assert_envelope(anonymous_api.post(confirm_url(), confirm_body()), 403)
    bad = type(anonymous_api)("Atza|not-a-token")
    assert_envelope(bad.post(confirm_url(), confirm_body()), 403)
    assert snapshot(order) == before


def test_get_is_405(api, order):
    assert_envelope(api.get(confirm_url()), 405, "MethodNotAllowed")


def test_failure_midway_rolls_everything_back(api, order, monkeypatch):
    from apps.amazon.services import shipments

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(shipments, "_ship_units", boom)
    before = snapshot(order)
    api.client.raise_request_exception = False

    response = api.post(confirm_url(), confirm_body())

    assert_envelope(response, 500, "InternalFailure")
    assert snapshot(order) == before


# --- storage, admin, reset ---------------------------------------------------------


def test_soft_deleting_an_order_takes_its_packages_along(api, order):
    api.post(confirm_url(), confirm_body())
    order.refresh_from_db()
    order.delete()
    assert ShipmentPackage.objects.count() == 0
    assert ShipmentPackageItem.objects.count() == 0
    assert ShipmentPackage.all_objects.count() == 1


def test_wipe_domain_data_removes_shipments(api, order):
    api.post(confirm_url(), confirm_body())
    assert ShipmentPackage.all_objects.count() == 1

    wipe_domain_data()

    assert ShipmentPackage.all_objects.count() == 0
    assert ShipmentPackageItem.all_objects.count() == 0


def test_admin_shows_packages_on_the_order_and_in_their_own_list(
    api, client, staff_user, order
):
    api.post(confirm_url(), confirm_body())
    client.force_login(staff_user)

    page = client.get(reverse("admin:amazon_order_change", args=[order.pk]))
    assert page.status_code == 200
    assert b"1Z999AA10123456784" in page.content
    assert f"{ITEM_A} × 2".encode() in page.content

    package = ShipmentPackage.objects.get()
    listing = client.get(reverse("admin:amazon_shipmentpackage_changelist"))
    assert listing.status_code == 200
    change = client.get(
        reverse("admin:amazon_shipmentpackage_change", args=[package.pk])
    )
    assert change.status_code == 200
    assert b"1Z999AA10123456784" in change.content


# --- updateShipmentStatus -----------------------------------------------------------


def status_body(status: str, **extra) -> dict:
    return {"marketplaceId": US, "shipmentStatus": status, **extra}


def test_ready_for_pickup_is_stored_and_moves_last_update_date(api, ispu_order):
    before = ispu_order.last_update_date

    response = api.post(status_url(), status_body("ReadyForPickup"))

    assert response.status_code == 204, response.content
    assert response.content == b""
    assert response["x-amzn-RateLimit-Limit"] == "5.0"
    ispu_order.refresh_from_db()
    assert ispu_order.pickup_status == "ReadyForPickup"
    assert ispu_order.order_status == Order.Status.UNSHIPPED
    assert ispu_order.last_update_date > before
    payload = api.get(f"/amazon/orders/v0/orders/{ORDER_ID}").json()["payload"]
    assert payload["IsISPU"] is True
    assert payload["OrderStatus"] == "Unshipped"


def test_picked_up_ships_the_whole_order(api, ispu_order):
    api.post(status_url(), status_body("ReadyForPickup"))

    assert api.post(status_url(), status_body("PickedUp")).status_code == 204

    ispu_order.refresh_from_db()
    assert ispu_order.pickup_status == "PickedUp"
    assert ispu_order.order_status == Order.Status.SHIPPED
    assert items_shipped(ispu_order) == {ITEM_A: 2, ITEM_B: 1}
    response = api.get(f"/amazon/orders/v0/orders/{ORDER_ID}")
    assert_response_valid(ORDERS, "/orders/v0/orders/{orderId}", "get", response)
    payload = response.json()["payload"]
    assert payload["OrderStatus"] == "Shipped"
    assert payload["NumberOfItemsShipped"] == 3
    assert payload["NumberOfItemsUnshipped"] == 0


def test_picked_up_for_some_items_partially_ships(api, ispu_order):
    api.post(status_url(), status_body("ReadyForPickup"))
    body = status_body("PickedUp", orderItems=[{"orderItemId": ITEM_A, "quantity": 1}])

    assert api.post(status_url(), body).status_code == 204

    ispu_order.refresh_from_db()
    assert ispu_order.order_status == Order.Status.PARTIALLY_SHIPPED
    assert items_shipped(ispu_order) == {ITEM_A: 1, ITEM_B: 0}
    rest = status_body(
        "PickedUp", orderItems=[{"orderItemId": ITEM_A}, {"orderItemId": ITEM_B}]
    )
    assert api.post(status_url(), rest).status_code == 204
    ispu_order.refresh_from_db()
    assert ispu_order.order_status == Order.Status.SHIPPED


def test_refused_pickup_is_stored_without_shipping(api, ispu_order):
    api.post(status_url(), status_body("ReadyForPickup"))

    assert api.post(status_url(), status_body("RefusedPickup")).status_code == 204

    ispu_order.refresh_from_db()
    assert ispu_order.pickup_status == "RefusedPickup"
    assert ispu_order.order_status == Order.Status.UNSHIPPED
    assert items_shipped(ispu_order) == {ITEM_A: 0, ITEM_B: 0}


def test_sp_api_style_marketplace_keys_in_the_body_are_ignored(api, ispu_order):
    body = {**status_body("ReadyForPickup"), "marketplaceIds": [US]}
    assert api.post(status_url(), body).status_code == 204


@pytest.mark.parametrize(
    ("setup", "body", "fragment"),
    [
        ([], status_body("PickedUp"), "cannot follow"),
        ([], status_body("RefusedPickup"), "cannot follow"),
        (["ReadyForPickup", "RefusedPickup"], status_body("ReadyForPickup"), "follow"),
        ([], status_body("Delivered"), "shipmentStatus must be one of"),
        ([], {"marketplaceId": US}, "shipmentStatus"),
        ([], {"shipmentStatus": "ReadyForPickup"}, "marketplaceId"),
        ([], status_body("ReadyForPickup", marketplaceId=CA), "not the marketplace"),
        (
            ["ReadyForPickup"],
            status_body("PickedUp", orderItems=[{"orderItemId": "99999999999999"}]),
            "do not belong",
        ),
        (
            ["ReadyForPickup"],
            status_body(
                "PickedUp", orderItems=[{"orderItemId": ITEM_A, "quantity": 3}]
            ),
            "exceeds",
        ),
        (
            ["ReadyForPickup"],
            status_body(
                "PickedUp", orderItems=[{"orderItemId": ITEM_A, "quantity": 0}]
            ),
            "at least 1",
        ),
        (["ReadyForPickup"], status_body("PickedUp", orderItems=[]), "non-empty"),
        (["ReadyForPickup"], status_body("PickedUp", orderItems="x"), "non-empty"),
    ],
    ids=[
        "picked-up-before-ready",
        "refused-before-ready",
        "ready-after-refused",
        "unknown-status",
        "missing-status",
        "missing-marketplace",
        "wrong-marketplace",
        "unknown-item",
        "over-quantity",
        "zero-quantity",
        "empty-items",
        "items-not-a-list",
    ],
)
def test_bad_status_update_is_400_and_changes_nothing(
    api, ispu_order, setup, body, fragment
):
    for status in setup:
        assert api.post(status_url(), status_body(status)).status_code == 204
    before = snapshot(ispu_order)

    response = api.post(status_url(), body)

    envelope = assert_envelope(response, 400, "InvalidInput")
    assert fragment in envelope["errors"][0]["details"], envelope
    assert response["x-amzn-RateLimit-Limit"] == "5.0"
    assert snapshot(ispu_order) == before


def test_status_update_on_a_non_ispu_order_is_refused(api, order):
    before = snapshot(order)
    envelope = assert_envelope(
        api.post(status_url(), status_body("ReadyForPickup")), 400, "InvalidInput"
    )
    assert "not an in-store pickup (ISPU) order" in envelope["errors"][0]["details"]
    assert snapshot(order) == before


@pytest.mark.parametrize(
    "status", [Order.Status.SHIPPED, Order.Status.CANCELED, Order.Status.PENDING]
)
def test_status_update_on_an_order_that_cannot_ship_is_refused(api, seller, status):
    order = unshipped_order(seller, is_ispu=True, order_status=status)
    before = snapshot(order)
    envelope = assert_envelope(
        api.post(status_url(), status_body("ReadyForPickup")), 400, "InvalidInput"
    )
    assert f"is {status}" in envelope["errors"][0]["details"]
    assert snapshot(order) == before


def test_status_update_unknown_marketplace_matches_the_models_example(api, ispu_order):
    before = snapshot(ispu_order)
    body = {"marketplaceId": "1", "shipmentStatus": "ReadyForPickup"}
    envelope = assert_envelope(api.post(status_url(), body), 400)
    assert envelope["errors"] == [
        {
            "code": "InvalidInput",
            "message": "Marketplace ID is not defined",
            "details": "1001",
        }
    ]
    assert snapshot(ispu_order) == before


def test_status_update_non_object_body_is_400(api, ispu_order):
    before = snapshot(ispu_order)
    assert_envelope(api.post(status_url(), "[]"), 400, "InvalidInput")
    assert_envelope(api.post(status_url(), "{oops"), 400, "InvalidInput")
    assert snapshot(ispu_order) == before


def test_status_update_unknown_and_foreign_orders(api, other_api, ispu_order):
    before = snapshot(ispu_order)
    body = status_body("ReadyForPickup")
    assert_envelope(api.post(status_url("113-0000000-0000000"), body), 404, "NotFound")
    assert_envelope(other_api.post(status_url(), body), 403, "Unauthorized")
    assert snapshot(ispu_order) == before


# --- usage plans and schema ----------------------------------------------------------


def test_confirm_shipment_allows_a_burst_of_10_then_429(
    api, order, limits_on, no_refill
):
    statuses = [api.post(confirm_url(), confirm_body()).status_code]
    statuses += [api.post(confirm_url(), confirm_body()).status_code for _ in range(9)]
    assert statuses == [204] + [400] * 9  # shipped once; later calls refused

    response = api.post(confirm_url(), confirm_body())
    assert_envelope(response, 429, "QuotaExceeded")
    assert not response.has_header("x-amzn-RateLimit-Limit")


def test_update_shipment_status_allows_a_burst_of_15_then_429(
    api, ispu_order, limits_on, no_refill
):
    statuses = [
        api.post(status_url(), status_body("ReadyForPickup")).status_code
        for _ in range(15)
    ]
    assert statuses == [204] * 15

    response = api.post(status_url(), status_body("ReadyForPickup"))
    assert_envelope(response, 429, "QuotaExceeded")


def test_mock_schema_documents_both_writes(client, db):
    from drf_spectacular.validation import validate_schema

    schema = json.loads(client.get("/amazon/_mock/schema", {"format": "json"}).content)
    validate_schema(schema)
    confirm = schema["paths"]["/orders/v0/orders/{orderId}/shipmentConfirmation"]
    status = schema["paths"]["/orders/v0/orders/{orderId}/shipment"]
    assert confirm["post"]["operationId"] == "confirmShipment"
    assert status["post"]["operationId"] == "updateShipmentStatus"
    request = confirm["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert request["$ref"] == "#/components/schemas/OrdersV0ConfirmShipmentRequest"
    assert "204" in confirm["post"]["responses"]
    error = confirm["post"]["responses"]["400"]["content"]["application/json"]
    assert error["schema"]["$ref"] == (
        "#/components/schemas/OrdersV0ConfirmShipmentErrorResponse"
    )
