"""Orders API v0: getOrders, getOrder, getOrderItems, getOrderItemsBuyerInfo,
getOrderAddress, getOrderBuyerInfo, getOrderRegulatedInfo. Bodies are wrapped in ``{"payload": …}`` as Amazon does.
The writes confirmShipment and updateShipmentStatus answer 204 with no body; their
rules live in ``apps.amazon.services.shipments``. updateVerificationStatus (PATCH
on the regulatedInfo path) answers 204 as well; its rules live in
``apps.amazon.services.regulated``.

getOrders, getOrder and getOrderItems add the PII a Restricted Data Token's
``dataElements`` grant (``request.user.data_elements``, see authentication)."""

from dataclasses import asdict
from datetime import timedelta
from functools import partial

from django.utils import timezone
from rest_framework.response import Response

from apps.amazon.api import paging
from apps.amazon.api.base import (
    SpApiView,
    iso,
    query_bool,
    query_datetime,
    query_int,
    query_list,
)
from apps.amazon.api.errors import AccessDenied, InvalidInput, NotFound
from apps.amazon.api.payloads import (
    known_marketplace,
    order_address_payload,
    order_buyer_info_payload,
    order_item_buyer_info_payload,
    order_item_payload,
    order_payload,
    order_regulated_info_payload,
)
from apps.amazon.api.schema import sp_api_schema
from apps.amazon.models import ORDER_ID_RE, Order
from apps.amazon.selectors import (
    OrdersQuery,
    order_belongs_to_another_seller,
    order_get,
    order_items_page,
    order_page,
)
from apps.amazon.services.regulated import (
    check_regulated,
    verification_status_parse,
    verification_status_update,
)
from apps.amazon.services.shipments import (
    confirm_shipment_parse,
    shipment_confirm,
    shipment_status_update,
    update_shipment_status_parse,
)

ORDER_STATUSES = {c.value for c in Order.Status}
FULFILLMENT_CHANNELS = {"AFN", "MFN"}
PAYMENT_METHODS = {"COD", "CVS", "Other"}
ORDER_ITEMS_PAGE_SIZE = 100
# Amazon serves orders with a short delay: "Before" bounds must be 2 minutes old.
FRESHNESS = timedelta(minutes=2)


def _check_enum(values: list[str], allowed: set[str], name: str) -> None:
    bad = [v for v in values if v not in allowed]
    if bad:
        raise InvalidInput(f"Invalid {name}: {', '.join(bad)}.")


def _marketplaces(request) -> list[str]:
    ids = query_list(request, "MarketplaceIds")
    if not ids:
        raise InvalidInput(
            "MarketplaceIds is required.",
            message="Missing required parameter MarketplaceIds",
        )
    if len(ids) > 50:
        raise InvalidInput("MarketplaceIds accepts at most 50 values.")
    unknown = [m for m in ids if not known_marketplace(m)]
    if unknown:
        raise InvalidInput(f"Invalid MarketplaceId(s) [{', '.join(unknown)}].")
    return ids


def _query_from_request(request, marketplace_ids: list[str]) -> OrdersQuery:
    params = request.query_params
    now = timezone.now()
    query = OrdersQuery(
        marketplace_ids=marketplace_ids,
        created_after=query_datetime(request, "CreatedAfter"),
        created_before=query_datetime(request, "CreatedBefore"),
        last_updated_after=query_datetime(request, "LastUpdatedAfter"),
        last_updated_before=query_datetime(request, "LastUpdatedBefore"),
        order_statuses=query_list(request, "OrderStatuses"),
        fulfillment_channels=query_list(request, "FulfillmentChannels"),
        payment_methods=query_list(request, "PaymentMethods"),
        buyer_email=params.get("BuyerEmail", "").strip(),
        seller_order_id=params.get("SellerOrderId", "").strip(),
        amazon_order_ids=query_list(request, "AmazonOrderIds"),
        easy_ship_statuses=query_list(request, "EasyShipShipmentStatuses"),
        electronic_invoice_statuses=query_list(request, "ElectronicInvoiceStatuses"),
        is_ispu=(query_bool(request, "IsISPU") if params.get("IsISPU") else None),
        earliest_delivery_before=query_datetime(request, "EarliestDeliveryDateBefore"),
        earliest_delivery_after=query_datetime(request, "EarliestDeliveryDateAfter"),
        latest_delivery_before=query_datetime(request, "LatestDeliveryDateBefore"),
        latest_delivery_after=query_datetime(request, "LatestDeliveryDateAfter"),
    )
    created = query.created_after is not None or query.created_before is not None
    updated = (
        query.last_updated_after is not None or query.last_updated_before is not None
    )
    if query.amazon_order_ids:
        if len(query.amazon_order_ids) > 50:
            raise InvalidInput("AmazonOrderIds accepts at most 50 values.")
        bad = [o for o in query.amazon_order_ids if not ORDER_ID_RE.match(o)]
        if bad:
            raise InvalidInput(f"Invalid AmazonOrderIds [{', '.join(bad)}].")
    elif query.created_after is None and query.last_updated_after is None:
        raise InvalidInput(
            "Either CreatedAfter or LastUpdatedAfter must be specified.",
            message="Either CreatedAfter or LastUpdatedAfter must be specified.",
        )
    if created and updated:
        raise InvalidInput(
            "CreatedAfter/CreatedBefore cannot be combined with "
            "LastUpdatedAfter/LastUpdatedBefore."
        )
    if query.created_before is not None and query.created_after is None:
        raise InvalidInput("CreatedBefore requires CreatedAfter.")
    if query.last_updated_before is not None and query.last_updated_after is None:
        raise InvalidInput("LastUpdatedBefore requires LastUpdatedAfter.")
    if query.seller_order_id and (
        query.fulfillment_channels
        or query.order_statuses
        or query.payment_methods
        or updated
        or query.buyer_email
    ):
        raise InvalidInput(
            "SellerOrderId cannot be combined with FulfillmentChannels, "
            "OrderStatuses, PaymentMethods, LastUpdatedAfter, LastUpdatedBefore "
            "or BuyerEmail."
        )
    for after, before, a_name, b_name in (
        (query.created_after, query.created_before, "CreatedAfter", "CreatedBefore"),
        (
            query.last_updated_after,
            query.last_updated_before,
            "LastUpdatedAfter",
            "LastUpdatedBefore",
        ),
    ):
        if after is not None and after > now:
            raise InvalidInput(f"{a_name} cannot be in the future.")
        if before is not None:
            if after is not None and before < after:
                raise InvalidInput(f"{b_name} must be equal to or after {a_name}.")
            if before > now - FRESHNESS:
                raise InvalidInput(
                    f"{b_name} must be at least two minutes before the current time."
                )
    _check_enum(query.order_statuses, ORDER_STATUSES, "OrderStatuses")
    _check_enum(query.fulfillment_channels, FULFILLMENT_CHANNELS, "FulfillmentChannels")
    _check_enum(query.payment_methods, PAYMENT_METHODS, "PaymentMethods")
    # Freeze the upper bound so every page of this query sees the same orders.
    if query.created_after is not None and query.created_before is None:
        query.created_before = now - FRESHNESS
    if query.last_updated_after is not None and query.last_updated_before is None:
        query.last_updated_before = now - FRESHNESS
    return query


def _order_or_404(view: SpApiView, order_id: str) -> Order:
    if not ORDER_ID_RE.match(order_id):
        raise InvalidInput(f"Invalid orderId: {order_id}.")
    order = order_get(seller=view.seller, amazon_order_id=order_id)
    if order is None:
        raise NotFound(f"Order {order_id} does not exist.")
    return order


class GetOrdersView(SpApiView):
    operation = "getOrders"

    @sp_api_schema("ordersV0.json", "/orders/v0/orders", "get")
    def get(self, request):
        marketplace_ids = _marketplaces(request)
        limit = query_int(request, "MaxResultsPerPage", default=100, low=1, high=100)
        token = request.query_params.get("NextToken", "").strip()
        after = None
        if token:
            # The first page's filters and page size hold for every page.
            page = paging.decode("orders", token, seller=self.seller)
            query = OrdersQuery(**page.filters)
            limit, after = page.position["limit"], tuple(page.position["after"])
        else:
            query = _query_from_request(request, marketplace_ids)
        orders, next_key = order_page(
            seller=self.seller, query=query, limit=limit, after=after
        )
        elements = request.user.data_elements
        payload: dict = {
            "Orders": [order_payload(o, data_elements=elements) for o in orders]
        }
        if next_key is not None:
            payload["NextToken"] = paging.encode(
                "orders",
                seller=self.seller,
                filters=asdict(query),
                position={"limit": limit, "after": next_key},
            )
        if query.last_updated_before is not None:
            payload["LastUpdatedBefore"] = iso(query.last_updated_before)
        elif query.created_before is not None:
            payload["CreatedBefore"] = iso(query.created_before)
        return Response({"payload": payload})


class GetOrderView(SpApiView):
    operation = "getOrder"

    @sp_api_schema("ordersV0.json", "/orders/v0/orders/{orderId}", "get")
    def get(self, request, orderId: str):
        order_id = orderId
        order = _order_or_404(self, order_id)
        elements = request.user.data_elements
        return Response({"payload": order_payload(order, data_elements=elements)})


def _order_items_response(view: SpApiView, request, order_id: str, item_payload):
    """getOrderItems and getOrderItemsBuyerInfo page the same items alike."""
    order = _order_or_404(view, order_id)
    offset = 0
    token = request.query_params.get("NextToken", "").strip()
    # A token pages the items of the order it was minted for, and no other.
    binding = {"order": order.amazon_order_id}
    if token:
        page = paging.decode("order-items", token, seller=view.seller, query=binding)
        offset = page.position
    items, next_offset = order_items_page(
        order=order, offset=offset, limit=ORDER_ITEMS_PAGE_SIZE
    )
    payload: dict = {
        "AmazonOrderId": order.amazon_order_id,
        "OrderItems": [item_payload(i, order) for i in items],
    }
    if next_offset is not None:
        payload["NextToken"] = paging.encode(
            "order-items", seller=view.seller, query=binding, position=next_offset
        )
    return Response({"payload": payload})


class GetOrderItemsView(SpApiView):
    operation = "getOrderItems"

    @sp_api_schema("ordersV0.json", "/orders/v0/orders/{orderId}/orderItems", "get")
    def get(self, request, orderId: str):
        item_payload = partial(
            order_item_payload, data_elements=request.user.data_elements
        )
        return _order_items_response(self, request, orderId, item_payload)


class GetOrderItemsBuyerInfoView(SpApiView):
    operation = "getOrderItemsBuyerInfo"

    @sp_api_schema(
        "ordersV0.json", "/orders/v0/orders/{orderId}/orderItems/buyerInfo", "get"
    )
    def get(self, request, orderId: str):
        return _order_items_response(
            self, request, orderId, order_item_buyer_info_payload
        )


class GetOrderAddressView(SpApiView):
    operation = "getOrderAddress"

    @sp_api_schema("ordersV0.json", "/orders/v0/orders/{orderId}/address", "get")
    def get(self, request, orderId: str):
        order_id = orderId
        order = _order_or_404(self, order_id)
        return Response({"payload": order_address_payload(order)})


class GetOrderBuyerInfoView(SpApiView):
    operation = "getOrderBuyerInfo"

    @sp_api_schema("ordersV0.json", "/orders/v0/orders/{orderId}/buyerInfo", "get")
    def get(self, request, orderId: str):
        order_id = orderId
        order = _order_or_404(self, order_id)
        return Response({"payload": order_buyer_info_payload(order)})


# --- writes -----------------------------------------------------------------------


def _writable_order(view: SpApiView, order_id: str) -> Order:
    """The seller's order; another seller's order is 403, an unknown one 404."""
    if not ORDER_ID_RE.match(order_id):
        raise InvalidInput(f"Invalid orderId: {order_id}.")
    order = order_get(seller=view.seller, amazon_order_id=order_id)
    if order is not None:
        return order
    if order_belongs_to_another_seller(seller=view.seller, amazon_order_id=order_id):
        raise AccessDenied(f"Order {order_id} does not belong to this seller.")
    raise NotFound(f"Order {order_id} does not exist.")


def _shipment_write(view: SpApiView, request, order_id: str, parse, apply):
    """Parse the body, find the order, apply; a refusal (``RequestRefused``)
    changes nothing, and the SP-API renderer answers it as the envelope."""
    if not ORDER_ID_RE.match(order_id):
        raise InvalidInput(f"Invalid orderId: {order_id}.")
    parsed = parse(request.data)
    order = _writable_order(view, order_id)
    apply(order=order, request=parsed)
    return Response(status=204)


class ConfirmShipmentView(SpApiView):
    operation = "confirmShipment"

    @sp_api_schema(
        "ordersV0.json", "/orders/v0/orders/{orderId}/shipmentConfirmation", "post"
    )
    def post(self, request, orderId: str):
        return _shipment_write(
            self, request, orderId, confirm_shipment_parse, shipment_confirm
        )


class UpdateShipmentStatusView(SpApiView):
    operation = "updateShipmentStatus"

    @sp_api_schema("ordersV0.json", "/orders/v0/orders/{orderId}/shipment", "post")
    def post(self, request, orderId: str):
        return _shipment_write(
            self, request, orderId, update_shipment_status_parse, shipment_status_update
        )


class OrderRegulatedInfoView(SpApiView):
    """getOrderRegulatedInfo (GET) and updateVerificationStatus (PATCH) share
    one path; each method carries its own operation name and usage plan."""

    OPERATIONS = {"GET": "getOrderRegulatedInfo", "PATCH": "updateVerificationStatus"}

    def get_operation(self, request) -> str:
        return self.OPERATIONS.get(request.method, "")

    @sp_api_schema("ordersV0.json", "/orders/v0/orders/{orderId}/regulatedInfo", "get")
    def get(self, request, orderId: str):
        order = _order_or_404(self, orderId)
        check_regulated(order)
        return Response({"payload": order_regulated_info_payload(order)})

    @sp_api_schema(
        "ordersV0.json", "/orders/v0/orders/{orderId}/regulatedInfo", "patch"
    )
    def patch(self, request, orderId: str):
        return _shipment_write(
            self,
            request,
            orderId,
            verification_status_parse,
            verification_status_update,
        )
