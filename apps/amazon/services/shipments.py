"""Orders v0 writes: confirmShipment and updateShipmentStatus.

The request is checked in two steps: ``*_parse`` checks the body's shape against
the model (required fields, types, enums) and ``shipment_confirm`` /
``shipment_status_update`` enforce the rules that need the order, under a row
lock so that two calls on the same order cannot both ship its last unit. Either
the whole call applies or nothing does.

Rules taken from the model (``apps/amazon/spec/ordersV0.json``):

* only seller-fulfilled (``MFN``) orders in ``Unshipped`` or ``PartiallyShipped``
  can be confirmed (the statuses "ready for shipment" with items left to ship);
* ``packageReferenceId`` "uniquely identifies a package within the scope of an
  order. Only positive numeric values are supported": a second package with the
  same id on the same order is refused;
* ``carrierName`` is "required when ``carrierCode`` is "Other"";
* ``shipDate`` "must be in ISO 8601 date/time format";
* ``codCollectionMethod`` is ``DirectPayment`` and "only supported in the JP
  marketplace";
* ``shipmentStatus`` is ``ReadyForPickup``, ``PickedUp`` or ``RefusedPickup``:
  pickup states, so updateShipmentStatus is for in-store pickup (``IsISPU``)
  orders only.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.amazon.dates import parse_iso_instant
from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import Order, OrderItem, ShipmentPackage, ShipmentPackageItem
from apps.amazon.services.refusals import (
    RequestRefused,
    json_object,
    positive_int,
    text_field,
)

CONFIRMABLE_STATUSES = (Order.Status.UNSHIPPED, Order.Status.PARTIALLY_SHIPPED)
# A seller's clock may run a little ahead of Amazon's; anything later is refused.
SHIP_DATE_SKEW = timedelta(minutes=5)
JP_MARKETPLACE = "A1VC38T7YXB528"
COD_COLLECTION_METHODS = ("DirectPayment",)
SHIPMENT_STATUSES = tuple(s.value for s in Order.PickupStatus)
PACKAGE_REFERENCE_RE = re.compile(r"^[0-9]+$")
MAX_TEXT = 200
MAX_REFERENCE = 20
# Which pickup status may follow which (updateShipmentStatus).
PICKUP_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Order.PickupStatus.READY_FOR_PICKUP: ("", Order.PickupStatus.READY_FOR_PICKUP),
    Order.PickupStatus.PICKED_UP: (
        Order.PickupStatus.READY_FOR_PICKUP,
        Order.PickupStatus.PICKED_UP,
    ),
    Order.PickupStatus.REFUSED_PICKUP: (
        Order.PickupStatus.READY_FOR_PICKUP,
        Order.PickupStatus.PICKED_UP,
    ),
}


class UnknownMarketplace(RequestRefused):
    # The model's own example: {"code": "InvalidInput", "message": "Marketplace
    # ID is not defined", "details": "1001"}.
    def __init__(self) -> None:
        super().__init__("1001", message="Marketplace ID is not defined")


@dataclass(frozen=True)
class PackageLine:
    order_item_id: str
    quantity: int
    transparency_codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ConfirmShipment:
    marketplace_id: str
    package_reference_id: str
    carrier_code: str
    tracking_number: str
    ship_date: datetime
    lines: list[PackageLine]
    carrier_name: str = ""
    shipping_method: str = ""
    ship_from_supply_source_id: str = ""
    cod_collection_method: str = ""


@dataclass(frozen=True)
class PickupLine:
    order_item_id: str
    quantity: int | None  # None: every unit still to pick up


@dataclass(frozen=True)
class UpdateShipmentStatus:
    marketplace_id: str
    shipment_status: str
    lines: list[PickupLine] | None  # None: the whole order


# --- shape ------------------------------------------------------------------


def _text(data: dict, key: str, at: str, *, required: bool) -> str:
    return text_field(data, key, at, required=required, max_length=MAX_TEXT)


def _marketplace(data: dict) -> str:
    marketplace_id = _text(data, "marketplaceId", "", required=True)
    if marketplace_id not in MARKETPLACES:
        raise UnknownMarketplace()
    return marketplace_id


def parse_ship_date(value: Any) -> datetime:
    """ISO 8601 (``Z``, offsets, fractions or a bare date), aware in UTC."""
    if not isinstance(value, str) or not value.strip():
        raise RequestRefused("packageDetail.shipDate must be an ISO 8601 date-time.")
    try:
        return parse_iso_instant(value)
    except ValueError as exc:
        raise RequestRefused(
            f"packageDetail.shipDate {value.strip()} is not an ISO 8601 date-time."
        ) from exc


def _package_lines(value: Any) -> list[PackageLine]:
    if value is None:
        raise RequestRefused("Missing required field: packageDetail.orderItems.")
    if not isinstance(value, list) or not value:
        raise RequestRefused("packageDetail.orderItems must be a non-empty list.")
    lines: list[PackageLine] = []
    seen: set[str] = set()
    for index, raw in enumerate(value):
        at = f"packageDetail.orderItems[{index}]."
        item = json_object(raw, at.rstrip("."))
        order_item_id = _text(item, "orderItemId", at, required=True)
        if "quantity" not in item:
            raise RequestRefused(f"Missing required field: {at}quantity.")
        quantity = positive_int(item["quantity"], f"{at}quantity")
        codes = item.get("transparencyCodes")
        if codes is None:
            codes = []
        elif not isinstance(codes, list) or not all(
            isinstance(c, str) and c for c in codes
        ):
            raise RequestRefused(f"{at}transparencyCodes must be a list of strings.")
        if order_item_id in seen:
            raise RequestRefused(
                f"orderItemId {order_item_id} appears more than once in "
                "packageDetail.orderItems."
            )
        seen.add(order_item_id)
        lines.append(PackageLine(order_item_id, quantity, list(codes)))
    return lines


def confirm_shipment_parse(data: Any) -> ConfirmShipment:
    """A ConfirmShipmentRequest body → ConfirmShipment, or RequestRefused."""
    body = json_object(data, "The request body")
    marketplace_id = _marketplace(body)
    if "packageDetail" not in body or body["packageDetail"] is None:
        raise RequestRefused("Missing required field: packageDetail.")
    package = json_object(body["packageDetail"], "packageDetail")
    at = "packageDetail."
    reference = package.get("packageReferenceId")
    if reference is None:
        raise RequestRefused(
            "Missing required field: packageDetail.packageReferenceId."
        )
    if (
        not isinstance(reference, str)
        or not PACKAGE_REFERENCE_RE.match(reference.strip())
        or len(reference.strip()) > MAX_REFERENCE
        or int(reference) < 1
    ):
        raise RequestRefused(
            "packageDetail.packageReferenceId must be a positive number "
            '(as a string, e.g. "1").'
        )
    carrier_code = _text(package, "carrierCode", at, required=True)
    carrier_name = _text(package, "carrierName", at, required=False)
    if carrier_code.lower() == "other" and not carrier_name:
        raise RequestRefused(
            'packageDetail.carrierName is required when carrierCode is "Other".'
        )
    tracking_number = _text(package, "trackingNumber", at, required=True)
    if package.get("shipDate") is None:
        raise RequestRefused("Missing required field: packageDetail.shipDate.")
    ship_date = parse_ship_date(package["shipDate"])
    lines = _package_lines(package.get("orderItems"))
    cod = body.get("codCollectionMethod")
    if cod is not None and cod not in COD_COLLECTION_METHODS:
        raise RequestRefused(
            "codCollectionMethod must be one of: " + ", ".join(COD_COLLECTION_METHODS)
        )
    return ConfirmShipment(
        marketplace_id=marketplace_id,
        package_reference_id=str(int(reference)),
        carrier_code=carrier_code,
        tracking_number=tracking_number,
        ship_date=ship_date,
        lines=lines,
        carrier_name=carrier_name,
        shipping_method=_text(package, "shippingMethod", at, required=False),
        ship_from_supply_source_id=_text(
            package, "shipFromSupplySourceId", at, required=False
        ),
        cod_collection_method=cod or "",
    )


def update_shipment_status_parse(data: Any) -> UpdateShipmentStatus:
    """An UpdateShipmentStatusRequest body → UpdateShipmentStatus, or RequestRefused."""
    body = json_object(data, "The request body")
    marketplace_id = _marketplace(body)
    status = body.get("shipmentStatus")
    if status is None:
        raise RequestRefused("Missing required field: shipmentStatus.")
    if status not in SHIPMENT_STATUSES:
        raise RequestRefused(
            "shipmentStatus must be one of: " + ", ".join(SHIPMENT_STATUSES) + "."
        )
    raw_items = body.get("orderItems")
    lines: list[PickupLine] | None = None
    if raw_items is not None:
        if not isinstance(raw_items, list) or not raw_items:
            raise RequestRefused("orderItems must be a non-empty list.")
        lines = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_items):
            at = f"orderItems[{index}]."
            item = json_object(raw, at.rstrip("."))
            order_item_id = _text(item, "orderItemId", at, required=True)
            quantity = item.get("quantity")
            if quantity is not None:
                quantity = positive_int(quantity, f"{at}quantity")
            if order_item_id in seen:
                raise RequestRefused(
                    f"orderItemId {order_item_id} appears more than once in orderItems."
                )
            seen.add(order_item_id)
            lines.append(PickupLine(order_item_id, quantity))
    return UpdateShipmentStatus(marketplace_id, status, lines)


# --- rules and effects ------------------------------------------------------------


def _check_marketplace(order: Order, marketplace_id: str) -> None:
    if marketplace_id != order.marketplace_id:
        raise RequestRefused(
            f"marketplaceId {marketplace_id} is not the marketplace of order "
            f"{order.amazon_order_id}."
        )


def _items_by_id(order: Order) -> dict[str, OrderItem]:
    return {
        i.order_item_id: i
        for i in OrderItem.objects.select_for_update()
        .filter(order=order)
        .order_by("position", "order_item_id")
    }


def _unknown_items(order: Order, items: dict[str, OrderItem], ids: list[str]) -> None:
    unknown = [i for i in ids if i not in items]
    if unknown:
        raise RequestRefused(
            f"orderItemId(s) {', '.join(unknown)} do not belong to order "
            f"{order.amazon_order_id}."
        )


def _ship_units(order: Order, items: dict[str, OrderItem], units: dict[str, int]):
    """Add shipped units to items and bring the order's counts and status along."""
    now = timezone.now()
    for order_item_id, quantity in units.items():
        OrderItem.objects.filter(pk=items[order_item_id].pk).update(
            quantity_shipped=F("quantity_shipped") + quantity, updated_at=now
        )
        items[order_item_id].quantity_shipped += quantity
    shipped = sum(i.quantity_shipped for i in items.values())
    unshipped = sum(
        max(0, i.quantity_ordered - i.quantity_shipped) for i in items.values()
    )
    order.number_of_items_shipped = shipped
    order.number_of_items_unshipped = unshipped
    order.order_status = (
        Order.Status.SHIPPED if unshipped == 0 else Order.Status.PARTIALLY_SHIPPED
    )
    order.last_update_date = now


def shipment_confirm(*, order: Order, request: ConfirmShipment) -> ShipmentPackage:
    """Record one package of ``order`` and ship its units; all or nothing."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _check_marketplace(order, request.marketplace_id)
        if order.fulfillment_channel != Order.Channel.MFN:
            raise RequestRefused(
                f"Order {order.amazon_order_id} is fulfilled by Amazon (AFN); only "
                "seller-fulfilled (MFN) orders can be confirmed."
            )
        if order.order_status not in CONFIRMABLE_STATUSES:
            raise RequestRefused(
                f"Order {order.amazon_order_id} is {order.order_status}; only "
                "Unshipped or PartiallyShipped orders can be confirmed."
            )
        if request.cod_collection_method and order.marketplace_id != JP_MARKETPLACE:
            raise RequestRefused(
                "codCollectionMethod is only supported in the JP marketplace."
            )
        now = timezone.now()
        if request.ship_date > now + SHIP_DATE_SKEW:
            raise RequestRefused("packageDetail.shipDate cannot be in the future.")
        if request.ship_date < order.purchase_date:
            raise RequestRefused(
                "packageDetail.shipDate cannot be before the order's purchase date."
            )
        if order.packages.filter(
            package_reference_id=request.package_reference_id
        ).exists():
            raise RequestRefused(
                f"packageReferenceId {request.package_reference_id} was already "
                f"confirmed for order {order.amazon_order_id}."
            )
        items = _items_by_id(order)
        _unknown_items(order, items, [line.order_item_id for line in request.lines])
        for line in request.lines:
            item = items[line.order_item_id]
            left = max(0, item.quantity_ordered - item.quantity_shipped)
            if line.quantity > left:
                raise RequestRefused(
                    f"quantity {line.quantity} for orderItemId {line.order_item_id} "
                    f"exceeds the {left} unit(s) still unshipped."
                )
        package = ShipmentPackage.objects.create(
            order=order,
            package_reference_id=request.package_reference_id,
            carrier_code=request.carrier_code,
            carrier_name=request.carrier_name,
            shipping_method=request.shipping_method,
            tracking_number=request.tracking_number,
            ship_date=request.ship_date,
            ship_from_supply_source_id=request.ship_from_supply_source_id,
            cod_collection_method=request.cod_collection_method,
        )
        ShipmentPackageItem.objects.bulk_create(
            [
                ShipmentPackageItem(
                    package=package,
                    order_item=items[line.order_item_id],
                    quantity=line.quantity,
                    transparency_codes=line.transparency_codes,
                    created_at_epoch=package.created_at_epoch,
                )
                for line in request.lines
            ]
        )
        _ship_units(
            order, items, {line.order_item_id: line.quantity for line in request.lines}
        )
        order.save(
            update_fields=[
                "number_of_items_shipped",
                "number_of_items_unshipped",
                "order_status",
                "last_update_date",
                "updated_at",
            ]
        )
        return package


def shipment_status_update(*, order: Order, request: UpdateShipmentStatus) -> Order:
    """Move an in-store pickup order's pickup status; ``PickedUp`` hands the
    units to the buyer, so they count as shipped (the Order model has no pickup
    field: OrderStatus, NumberOfItemsShipped and LastUpdateDate show it)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _check_marketplace(order, request.marketplace_id)
        if not order.is_ispu:
            raise RequestRefused(
                f"Order {order.amazon_order_id} is not an in-store pickup (ISPU) "
                "order; updateShipmentStatus applies to ISPU orders only."
            )
        if order.order_status not in CONFIRMABLE_STATUSES:
            raise RequestRefused(
                f"Order {order.amazon_order_id} is {order.order_status}; only "
                "Unshipped or PartiallyShipped orders can change pickup status."
            )
        allowed_from = PICKUP_TRANSITIONS[request.shipment_status]
        if order.pickup_status not in allowed_from:
            current = order.pickup_status or "none"
            raise RequestRefused(
                f"shipmentStatus {request.shipment_status} cannot follow the "
                f"order's pickup status ({current})."
            )
        items = _items_by_id(order)
        units: dict[str, int] = {}
        if request.lines is None:
            units = {
                i.order_item_id: i.quantity_ordered - i.quantity_shipped
                for i in items.values()
                if i.quantity_ordered > i.quantity_shipped
            }
        else:
            _unknown_items(order, items, [line.order_item_id for line in request.lines])
            for line in request.lines:
                item = items[line.order_item_id]
                left = max(0, item.quantity_ordered - item.quantity_shipped)
                if left == 0:
                    raise RequestRefused(
                        f"orderItemId {line.order_item_id} has no units left to "
                        "pick up."
                    )
                quantity = left if line.quantity is None else line.quantity
                if quantity > left:
                    raise RequestRefused(
                        f"quantity {quantity} for orderItemId {line.order_item_id} "
                        f"exceeds the {left} unit(s) not yet picked up."
                    )
                units[line.order_item_id] = quantity
        order.pickup_status = request.shipment_status
        fields = ["pickup_status", "last_update_date", "updated_at"]
        if request.shipment_status == Order.PickupStatus.PICKED_UP:
            _ship_units(order, items, units)
            fields += [
                "number_of_items_shipped",
                "number_of_items_unshipped",
                "order_status",
            ]
        else:
            order.last_update_date = timezone.now()
        order.save(update_fields=fields)
        return order
