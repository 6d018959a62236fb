"""Model rows → the JSON shapes of Amazon's models (field names as Amazon spells them).

These are plain functions rather than DRF serializers: the output must match the
official models exactly (PascalCase in Orders, camelCase elsewhere, money as
strings, optional keys omitted rather than null).
"""

from collections.abc import Collection
from datetime import UTC
from decimal import Decimal
from typing import Any

from apps.amazon.api.base import iso
from apps.amazon.marketplaces import MARKETPLACES
from apps.amazon.models import (
    InventoryItem,
    Listing,
    Order,
    OrderItem,
    Report,
    ReportSchedule,
)
from apps.amazon.selectors import variation_parent_skus
from apps.amazon.services.regulated import VALID_VERIFICATION_DETAILS

ADDRESS_STATUSES = {"Unshipped", "PartiallyShipped", "Shipped", "InvoiceUnconfirmed"}
PRICED_ITEM_EXCLUDED_STATUSES = {"Pending", "PendingAvailability"}


def money(amount: Decimal, currency: str) -> dict[str, str]:
    return {"CurrencyCode": currency, "Amount": f"{amount:.2f}"}


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != ""}


def order_payload(
    order: Order, *, data_elements: Collection[str] = ()
) -> dict[str, Any]:
    """An ``Order``; ``data_elements`` are what a Restricted Data Token granted
    (``buyerInfo``, ``shippingAddress``): with them the PII comes in full."""
    data: dict[str, Any] = {
        "AmazonOrderId": order.amazon_order_id,
        "SellerOrderId": order.seller_order_id or None,
        "PurchaseDate": iso(order.purchase_date),
        "LastUpdateDate": iso(order.last_update_date),
        "OrderStatus": order.order_status,
        "FulfillmentChannel": order.fulfillment_channel,
        "SalesChannel": order.sales_channel,
        "OrderChannel": order.order_channel or None,
        "ShipServiceLevel": order.ship_service_level,
        "OrderTotal": (
            money(order.order_total, order.currency)
            if order.order_total is not None
            else None
        ),
        "NumberOfItemsShipped": order.number_of_items_shipped,
        "NumberOfItemsUnshipped": order.number_of_items_unshipped,
        "PaymentMethod": order.payment_method,
        "PaymentMethodDetails": list(order.payment_method_details or []) or None,
        "IsReplacementOrder": order.is_replacement_order,
        "MarketplaceId": order.marketplace_id,
        "ShipmentServiceLevelCategory": order.shipment_service_level_category,
        "OrderType": order.order_type,
        "EarliestShipDate": iso(order.earliest_ship_date),
        "LatestShipDate": iso(order.latest_ship_date),
        "EarliestDeliveryDate": iso(order.earliest_delivery_date),
        "LatestDeliveryDate": iso(order.latest_delivery_date),
        "IsBusinessOrder": order.is_business_order,
        "IsPrime": order.is_prime,
        "IsPremiumOrder": order.is_premium_order,
        "IsGlobalExpressEnabled": order.is_global_express_enabled,
        "IsSoldByAB": False,
        "IsIBA": False,
        "IsISPU": order.is_ispu,
        "IsAccessPointOrder": False,
        "HasRegulatedItems": order.has_regulated_items,
        "AutomatedShippingSettings": {"HasAutomatedShippingSettings": False},
    }
    if "buyerInfo" in data_elements:
        data["BuyerInfo"] = order_buyer_info(order) or None
    elif order.buyer_email:
        data["BuyerInfo"] = {"BuyerEmail": order.buyer_email}
    if "shippingAddress" in data_elements:
        data["ShippingAddress"] = order_shipping_address(order)
    elif order.order_status in ADDRESS_STATUSES and order.ship_country_code:
        # Without a Restricted Data Token Amazon returns only the coarse address.
        data["ShippingAddress"] = _compact(
            {
                "City": order.ship_city,
                "StateOrRegion": order.ship_state,
                "PostalCode": order.ship_postal_code,
                "CountryCode": order.ship_country_code,
            }
        )
    return _compact(data)


def order_item_payload(
    item: OrderItem, order: Order, *, data_elements: Collection[str] = ()
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ASIN": item.asin,
        "SellerSKU": item.seller_sku,
        "OrderItemId": item.order_item_id,
        "Title": item.title,
        "QuantityOrdered": item.quantity_ordered,
        "QuantityShipped": item.quantity_shipped,
        "ProductInfo": {"NumberOfItems": "1"},
        "IsGift": "true" if item.is_gift else "false",
        "ConditionId": item.condition_id,
        "ConditionSubtypeId": item.condition_subtype_id,
        "IsTransparency": False,
        "SerialNumberRequired": False,
    }
    if order.order_status not in PRICED_ITEM_EXCLUDED_STATUSES:
        currency = order.currency
        data.update(
            {
                "ItemPrice": money(item.item_price, currency),
                "ItemTax": money(item.item_tax, currency),
                "ShippingPrice": money(item.shipping_price, currency),
                "ShippingTax": money(item.shipping_tax, currency),
                "ShippingDiscount": money(item.shipping_discount, currency),
                "ShippingDiscountTax": money(Decimal("0"), currency),
                "PromotionDiscount": money(item.promotion_discount, currency),
                "PromotionDiscountTax": money(Decimal("0"), currency),
            }
        )
        if item.promotion_ids:
            data["PromotionIds"] = list(item.promotion_ids)
    if "buyerInfo" in data_elements:
        # An RDT with buyerInfo adds each item's gift and Amazon Custom data.
        buyer_info = item_buyer_info(item, order)
        if buyer_info:
            data["BuyerInfo"] = buyer_info
    return data


def order_item_buyer_info_payload(item: OrderItem, order: Order) -> dict[str, Any]:
    """getOrderItemsBuyerInfo: the item's id and what the buyer chose for it."""
    return {"OrderItemId": item.order_item_id, **item_buyer_info(item, order)}


def item_buyer_info(item: OrderItem, order: Order) -> dict[str, Any]:
    """``ItemBuyerInfo``: gift options and Amazon Custom data; gift messages and
    Amazon Custom data exist for MFN orders only (the model says)."""
    data: dict[str, Any] = {}
    if item.customized_url and order.fulfillment_channel == "MFN":
        data["BuyerCustomizedInfo"] = {"CustomizedURL": item.customized_url}
    if item.gift_wrap_level:
        data["GiftWrapLevel"] = item.gift_wrap_level
        if order.order_status not in PRICED_ITEM_EXCLUDED_STATUSES:
            data["GiftWrapPrice"] = money(item.gift_wrap_price, order.currency)
            data["GiftWrapTax"] = money(item.gift_wrap_tax, order.currency)
    if item.gift_message_text and order.fulfillment_channel == "MFN":
        data["GiftMessageText"] = item.gift_message_text
    return data


def order_address_payload(order: Order) -> dict[str, Any]:
    data: dict[str, Any] = {"AmazonOrderId": order.amazon_order_id}
    if order.buyer_company_name:
        data["BuyerCompanyName"] = order.buyer_company_name
    address = order_shipping_address(order)
    if address is not None:
        data["ShippingAddress"] = address
    return data


def order_shipping_address(order: Order) -> dict[str, Any] | None:
    """The full ``Address`` (getOrderAddress, or an order read with an RDT for
    shippingAddress); None before the order can ship, as Amazon does."""
    if order.order_status in ADDRESS_STATUSES and order.ship_country_code:
        address = {
            "Name": order.ship_name,
            "AddressLine1": order.ship_address_line1,
            "AddressLine2": order.ship_address_line2,
            "City": order.ship_city,
            "StateOrRegion": order.ship_state,
            "PostalCode": order.ship_postal_code,
            "CountryCode": order.ship_country_code,
            "AddressType": order.ship_address_type,
        }
        # Amazon suppresses the phone on FBA orders.
        if order.fulfillment_channel == "MFN":
            address["Phone"] = order.ship_phone
        return _compact(address)
    return None


def order_buyer_info_payload(order: Order) -> dict[str, Any]:
    return {"AmazonOrderId": order.amazon_order_id, **order_buyer_info(order)}


def order_buyer_info(order: Order) -> dict[str, Any]:
    """``BuyerInfo`` in full (getOrderBuyerInfo, or an RDT for buyerInfo). The
    models hold no tax data, so buyerTaxInformation adds nothing to it."""
    return _compact(
        {
            "BuyerEmail": order.buyer_email,
            "BuyerName": order.buyer_name,
            "PurchaseOrderNumber": order.purchase_order_number,
        }
    )


def order_regulated_info_payload(order: Order) -> dict[str, Any]:
    """OrderRegulatedInfo (getOrderRegulatedInfo). Rejection reasons are offered
    while the order waits for review; once reviewed the model's examples show an
    empty list, the chosen RejectionReason, the reviewer and the review date."""
    pending = order.verification_status == Order.VerificationStatus.PENDING
    status: dict[str, Any] = {
        "Status": order.verification_status,
        "RequiresMerchantAction": pending,
        "ValidRejectionReasons": list(order.valid_rejection_reasons or [])
        if pending
        else [],
    }
    if order.rejection_reason:
        status["RejectionReason"] = dict(order.rejection_reason)
    if order.review_date is not None:
        status["ReviewDate"] = iso(order.review_date)
    if order.external_reviewer_id:
        status["ExternalReviewerId"] = order.external_reviewer_id
    status["ValidVerificationDetails"] = [
        {"VerificationDetailType": kind, "ValidVerificationStatuses": list(statuses)}
        for kind, statuses in VALID_VERIFICATION_DETAILS.items()
    ]
    return {
        "AmazonOrderId": order.amazon_order_id,
        "RegulatedInformation": {"Fields": list(order.regulated_info or [])},
        "RequiresDosageLabel": order.requires_dosage_label,
        "RegulatedOrderVerificationStatus": status,
    }


# --- Listings ---------------------------------------------------------------------


def listing_summary(row: Listing) -> dict[str, Any]:
    data: dict[str, Any] = {
        "marketplaceId": row.marketplace_id,
        "asin": row.asin or None,
        "productType": row.product_type,
        "conditionType": row.condition_type,
        "status": list(row.status or []),
        "fnSku": row.fnsku or None,
        "itemName": row.item_name or None,
        "createdDate": iso(row.created_date),
        "lastUpdatedDate": iso(row.last_updated_date),
    }
    if row.main_image_url:
        data["mainImage"] = {"link": row.main_image_url, "height": 500, "width": 500}
    return {k: v for k, v in data.items() if v is not None}


def listing_relationships(
    row: Listing, children: dict[tuple[str, str], list[str]]
) -> list[dict[str, Any]]:
    """VARIATION links from the child's ``child_parent_sku_relationship``
    attribute; ``children`` maps (parent SKU, marketplace) to the children."""
    relationships: list[dict[str, Any]] = []
    parents = variation_parent_skus(row.attributes, row.marketplace_id)
    if parents:
        relationships.append({"type": "VARIATION", "parentSkus": parents})
    kids = children.get((row.sku, row.marketplace_id))
    if kids:
        relationships.append({"type": "VARIATION", "childSkus": kids})
    return relationships


def listing_item_payload(
    sku: str,
    rows: list[Listing],
    included: list[str],
    children: dict[tuple[str, str], list[str]] | None = None,
) -> dict[str, Any]:
    item: dict[str, Any] = {"sku": sku}
    if "summaries" in included:
        item["summaries"] = [listing_summary(r) for r in rows]
    if "attributes" in included:
        attributes: dict[str, Any] = {}
        for row in rows:
            for name, value in (row.attributes or {}).items():
                attributes.setdefault(name, value)
        item["attributes"] = attributes
    if "issues" in included:
        issues = []
        for row in rows:
            for issue in row.issues or []:
                issues.append({**issue, "marketplaceIds": [row.marketplace_id]})
        item["issues"] = issues
    if "offers" in included:
        item["offers"] = [
            {
                "marketplaceId": r.marketplace_id,
                "offerType": "B2C",
                "price": {"currencyCode": r.currency, "amount": f"{r.price:.2f}"},
                "audience": {"value": "ALL", "displayName": "Sell on Amazon"},
            }
            for r in rows
            if r.price
        ]
    if "fulfillmentAvailability" in included:
        seen: dict[str, int] = {}
        for r in rows:
            seen[r.fulfillment_channel] = (
                seen.get(r.fulfillment_channel, 0) + r.quantity
            )
        item["fulfillmentAvailability"] = [
            {"fulfillmentChannelCode": code, "quantity": qty}
            for code, qty in seen.items()
        ]
    if "productTypes" in included:
        item["productTypes"] = [
            {"marketplaceId": r.marketplace_id, "productType": r.product_type}
            for r in rows
        ]
    if "relationships" in included:
        item["relationships"] = [
            {
                "marketplaceId": r.marketplace_id,
                "relationships": listing_relationships(r, children or {}),
            }
            for r in rows
        ]
    if "procurement" in included:
        item["procurement"] = []
    return item


# --- FBA inventory -------------------------------------------------------------------


def inventory_summary(row: InventoryItem, *, details: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "asin": row.asin,
        "fnSku": row.fnsku,
        "sellerSku": row.seller_sku,
        "condition": row.condition,
        "lastUpdatedTime": iso(row.last_updated_time),
        "productName": row.product_name,
        "totalQuantity": row.total_quantity,
        "stores": [],
    }
    if details:
        data["inventoryDetails"] = {
            "fulfillableQuantity": row.fulfillable_quantity,
            "inboundWorkingQuantity": row.inbound_working_quantity,
            "inboundShippedQuantity": row.inbound_shipped_quantity,
            "inboundReceivingQuantity": row.inbound_receiving_quantity,
            "reservedQuantity": {
                "totalReservedQuantity": row.reserved_quantity,
                "pendingCustomerOrderQuantity": row.pending_customer_order_quantity,
                "pendingTransshipmentQuantity": row.pending_transshipment_quantity,
                "fcProcessingQuantity": row.fc_processing_quantity,
            },
            "researchingQuantity": {
                "totalResearchingQuantity": row.researching_quantity,
                "researchingQuantityBreakdown": [
                    {"name": e["name"], "quantity": int(e["quantity"])}
                    for e in row.researching_breakdown or []
                ],
            },
            "unfulfillableQuantity": {
                "totalUnfulfillableQuantity": row.unfulfillable_quantity,
                "customerDamagedQuantity": row.customer_damaged_quantity,
                "warehouseDamagedQuantity": row.warehouse_damaged_quantity,
                "distributorDamagedQuantity": row.distributor_damaged_quantity,
                "carrierDamagedQuantity": row.carrier_damaged_quantity,
                "defectiveQuantity": row.defective_quantity,
                "expiredQuantity": row.expired_quantity,
            },
        }
    return data


# --- Reports -----------------------------------------------------------------------------


def report_time(value) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def report_payload(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reportId": report.report_id,
        "reportType": report.report_type,
        "marketplaceIds": list(report.marketplace_ids or []),
        "dataStartTime": report_time(report.data_start_time),
        "dataEndTime": report_time(report.data_end_time),
        "reportScheduleId": report.report_schedule_id or None,
        "createdTime": report_time(report.created_time),
        "processingStatus": report.processing_status,
        "processingStartTime": report_time(report.processing_start_time),
        "processingEndTime": report_time(report.processing_end_time),
        "reportDocumentId": report.document.document_id if report.document else None,
    }
    return {k: v for k, v in data.items() if v is not None}


def report_schedule_payload(schedule: ReportSchedule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reportScheduleId": schedule.report_schedule_id,
        "reportType": schedule.report_type,
        "marketplaceIds": list(schedule.marketplace_ids or []),
        "reportOptions": dict(schedule.report_options or {}) or None,
        "period": schedule.period,
        "nextReportCreationTime": report_time(schedule.next_report_creation_time),
    }
    return {k: v for k, v in data.items() if v is not None}


def known_marketplace(marketplace_id: str) -> bool:
    return marketplace_id in MARKETPLACES
