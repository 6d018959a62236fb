"""Report documents: tab-separated files with Amazon's real column headers.

Each generator returns the rows (header first) for one seller, report window and
set of marketplaces. An empty data set returns None, which the report processor
turns into CANCELLED ("cancelled automatically when there is no data").
"""

import zlib
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import InventoryItem, Listing, Order, OrderItem, Report

Rows = list[list[str]]

LISTINGS_ALL_HEADER = [
    "item-name",
    "item-description",
    "listing-id",
    "seller-sku",
    "price",
    "quantity",
    "open-date",
    "image-url",
    "item-is-marketplace",
    "product-id-type",
    "zshop-shipping-fee",
    "item-note",
    "item-condition",
    "zshop-category1",
    "zshop-browse-path",
    "zshop-storefront-feature",
    "asin1",
    "asin2",
    "asin3",
    "will-ship-internationally",
    "expedited-shipping",
    "zshop-boldface",
    "product-id",
    "bid-for-featured-placement",
    "add-delete",
    "pending-quantity",
    "fulfillment-channel",
    "merchant-shipping-group",
    "status",
]
ORDERS_HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "url",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
]
MYI_HEADER = [
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "your-price",
    "mfn-listing-exists",
    "mfn-fulfillable-quantity",
    "afn-listing-exists",
    "afn-warehouse-quantity",
    "afn-fulfillable-quantity",
    "afn-unsellable-quantity",
    "afn-reserved-quantity",
    "afn-total-quantity",
    "per-unit-volume",
    "afn-inbound-working-quantity",
    "afn-inbound-shipped-quantity",
    "afn-inbound-receiving-quantity",
]
AFN_HEADER = [
    "seller-sku",
    "fulfillment-channel-sku",
    "asin",
    "condition-type",
    "Warehouse-Condition-code",
    "Quantity Available",
]
PACIFIC = ZoneInfo("America/Los_Angeles")
ITEM_CONDITION = {"new_new": "11", "used_like_new": "1", "used_very_good": "2"}


def _clean(value) -> str:
    # Tabs and newlines would break the format; Amazon strips them too.
    return " ".join(str(value).split()) if value is not None else ""


def _money(value: Decimal | None) -> str:
    return f"{value:.2f}" if value is not None else ""


def _listing_id(listing: Listing) -> str:
    key = f"{listing.seller_id}:{listing.sku}:{listing.marketplace_id}".encode()
    return f"{listing.created_date:%m%d}{zlib.crc32(key) % 10**6:06d}X{zlib.crc32(key[::-1]) % 1000:03d}"


def merchant_listings_all(report: Report) -> Rows | None:
    listings = Listing.objects.filter(
        seller=report.seller, marketplace_id__in=report.marketplace_ids
    ).order_by("sku", "marketplace_id")
    rows: Rows = [LISTINGS_ALL_HEADER]
    for listing in listings:
        opened = listing.created_date.astimezone(PACIFIC)
        rows.append(
            [
                listing.item_name,
                "",
                _listing_id(listing),
                listing.sku,
                _money(listing.price),
                "" if listing.is_fba else str(listing.quantity),
                opened.strftime("%Y-%m-%d %H:%M:%S ") + opened.tzname(),
                listing.main_image_url,
                "y",
                "1",
                "",
                "",
                ITEM_CONDITION.get(listing.condition_type, "11"),
                "",
                "",
                "",
                listing.asin,
                "",
                "",
                "",
                "",
                "",
                listing.asin,
                "",
                "",
                "0",
                listing.fulfillment_channel,
                "" if listing.is_fba else "Migrated Template",
                "Active" if "BUYABLE" in (listing.status or []) else "Inactive",
            ]
        )
    return rows if len(rows) > 1 else None


def _orders_report(report: Report, date_field: str) -> Rows | None:
    orders = Order.objects.filter(
        seller=report.seller, marketplace_id__in=report.marketplace_ids
    )
    if report.data_start_time:
        orders = orders.filter(**{f"{date_field}__gte": report.data_start_time})
    if report.data_end_time:
        orders = orders.filter(**{f"{date_field}__lte": report.data_end_time})
    items = (
        OrderItem.objects.filter(order__in=orders)
        .select_related("order")
        .order_by(f"order__{date_field}", "order__amazon_order_id", "position")
    )
    rows: Rows = [ORDERS_HEADER]
    for item in items:
        order = item.order
        mp = MARKETPLACES.get(order.marketplace_id)
        if order.order_status == Order.Status.CANCELED:
            item_status = "Cancelled"
        elif item.quantity_shipped >= item.quantity_ordered:
            item_status = "Shipped"
        else:
            item_status = "Unshipped"
        priced = order.order_status not in {"Pending", "PendingAvailability"}
        rows.append(
            [
                order.amazon_order_id,
                order.seller_order_id or order.amazon_order_id,
                order.purchase_date.isoformat(timespec="seconds"),
                order.last_update_date.isoformat(timespec="seconds"),
                "Cancelled" if order.order_status == "Canceled" else order.order_status,
                "Amazon" if order.fulfillment_channel == "AFN" else "Merchant",
                order.sales_channel,
                "",
                "",
                order.ship_service_level,
                item.title,
                item.seller_sku,
                item.asin,
                item_status,
                str(item.quantity_ordered),
                order.currency if priced else "",
                _money(item.item_price) if priced else "",
                _money(item.item_tax) if priced else "",
                _money(item.shipping_price) if priced else "",
                _money(item.shipping_tax) if priced else "",
                _money(item.gift_wrap_price) if priced and item.gift_wrap_level else "",
                _money(item.gift_wrap_tax) if priced and item.gift_wrap_level else "",
                _money(-item.promotion_discount) if priced else "",
                _money(-item.shipping_discount) if priced else "",
                order.ship_city,
                order.ship_state,
                order.ship_postal_code,
                order.ship_country_code or (mp.country if mp else ""),
                ",".join(item.promotion_ids or []),
                "true" if order.is_business_order else "false",
                order.purchase_order_number,
                "",
            ]
        )
    return rows if len(rows) > 1 else None


def orders_by_order_date(report: Report) -> Rows | None:
    return _orders_report(report, "purchase_date")


def orders_by_last_update(report: Report) -> Rows | None:
    return _orders_report(report, "last_update_date")


def _inventory(report: Report):
    return InventoryItem.objects.filter(
        seller=report.seller, marketplace_id__in=report.marketplace_ids
    ).order_by("seller_sku", "marketplace_id")


def fba_myi_unsuppressed(report: Report) -> Rows | None:
    prices = {
        (listing.sku, listing.marketplace_id): listing.price
        for listing in Listing.objects.filter(
            seller=report.seller, marketplace_id__in=report.marketplace_ids
        )
    }
    rows: Rows = [MYI_HEADER]
    for item in _inventory(report):
        warehouse = (
            item.fulfillable_quantity
            + item.unfulfillable_quantity
            + item.reserved_quantity
        )
        rows.append(
            [
                item.seller_sku,
                item.fnsku,
                item.asin,
                item.product_name,
                "New",
                _money(prices.get((item.seller_sku, item.marketplace_id))),
                "No",
                "",
                "Yes",
                str(warehouse),
                str(item.fulfillable_quantity),
                str(item.unfulfillable_quantity),
                str(item.reserved_quantity),
                str(warehouse + item.inbound_quantity),
                "0.0",
                str(item.inbound_working_quantity),
                str(item.inbound_shipped_quantity),
                str(item.inbound_receiving_quantity),
            ]
        )
    return rows if len(rows) > 1 else None


def afn_inventory(report: Report) -> Rows | None:
    rows: Rows = [AFN_HEADER]
    for item in _inventory(report):
        rows.append(
            [
                item.seller_sku,
                item.fnsku,
                item.asin,
                item.condition,
                "SELLABLE",
                str(item.fulfillable_quantity),
            ]
        )
        if item.unfulfillable_quantity:
            rows.append(
                [
                    item.seller_sku,
                    item.fnsku,
                    item.asin,
                    item.condition,
                    "UNSELLABLE",
                    str(item.unfulfillable_quantity),
                ]
            )
    return rows if len(rows) > 1 else None


GENERATORS: dict[str, Callable[[Report], Rows | None]] = {
    "GET_MERCHANT_LISTINGS_ALL_DATA": merchant_listings_all,
    "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL": orders_by_order_date,
    "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL": orders_by_last_update,
    "GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA": fba_myi_unsuppressed,
    "GET_AFN_INVENTORY_DATA": afn_inventory,
}
# Report types whose window defaults to the last 30 days rather than "now".
WINDOWED_TYPES = {
    "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL",
    "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL",
}


def to_tsv(rows: Rows) -> bytes:
    return ("\n".join("\t".join(_clean(c) for c in row) for row in rows) + "\n").encode(
        "utf-8"
    )


def error_document(report: Report, reason: str) -> bytes:
    return (
        f"Report processing failed\nreportId\t{report.report_id}\n"
        f"reportType\t{report.report_type}\nreason\t{reason}\n"
    ).encode()
