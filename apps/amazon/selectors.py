"""Reads: orders, order items, listings, inventory and reports for one seller."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet

from apps.amazon.models import InventoryItem, Listing, Order, OrderItem, Report, Seller


@dataclass
class OrdersQuery:
    marketplace_ids: list[str]
    created_after: datetime | None = None
    created_before: datetime | None = None
    last_updated_after: datetime | None = None
    last_updated_before: datetime | None = None
    order_statuses: list[str] = field(default_factory=list)
    fulfillment_channels: list[str] = field(default_factory=list)
    payment_methods: list[str] = field(default_factory=list)
    buyer_email: str = ""
    seller_order_id: str = ""
    amazon_order_ids: list[str] = field(default_factory=list)
    easy_ship_statuses: list[str] = field(default_factory=list)
    electronic_invoice_statuses: list[str] = field(default_factory=list)
    is_ispu: bool | None = None
    earliest_delivery_before: datetime | None = None
    earliest_delivery_after: datetime | None = None
    latest_delivery_before: datetime | None = None
    latest_delivery_after: datetime | None = None

    @property
    def sort_field(self) -> str:
        if self.last_updated_after is not None:
            return "last_update_date"
        return "purchase_date"


def order_queryset(*, seller: Seller, query: OrdersQuery) -> QuerySet[Order]:
    qs = Order.objects.filter(seller=seller, marketplace_id__in=query.marketplace_ids)
    ranges = {
        "purchase_date__gte": query.created_after,
        "purchase_date__lte": query.created_before,
        "last_update_date__gte": query.last_updated_after,
        "last_update_date__lte": query.last_updated_before,
        "earliest_delivery_date__lte": query.earliest_delivery_before,
        "earliest_delivery_date__gte": query.earliest_delivery_after,
        "latest_delivery_date__lte": query.latest_delivery_before,
        "latest_delivery_date__gte": query.latest_delivery_after,
    }
    qs = qs.filter(**{k: v for k, v in ranges.items() if v is not None})
    if query.order_statuses:
        qs = qs.filter(order_status__in=query.order_statuses)
    if query.fulfillment_channels:
        qs = qs.filter(fulfillment_channel__in=query.fulfillment_channels)
    if query.payment_methods:
        qs = qs.filter(payment_method__in=query.payment_methods)
    if query.buyer_email:
        qs = qs.filter(buyer_email__iexact=query.buyer_email)
    if query.seller_order_id:
        qs = qs.filter(seller_order_id=query.seller_order_id)
    if query.amazon_order_ids:
        qs = qs.filter(amazon_order_id__in=query.amazon_order_ids)
    if query.is_ispu is not None:
        qs = qs.filter(is_ispu=query.is_ispu)
    if query.easy_ship_statuses:
        # Only Easy Ship orders carry these statuses; the mock has none.
        qs = qs.none()
    if query.electronic_invoice_statuses and (
        "NotRequired" not in query.electronic_invoice_statuses
    ):
        qs = qs.none()
    return qs


def order_page(
    *,
    seller: Seller,
    query: OrdersQuery,
    limit: int,
    after: tuple[datetime, str] | None = None,
) -> tuple[list[Order], tuple[datetime, str] | None]:
    """One page in (sort date, order id) order, and the key to resume after."""
    sort = query.sort_field
    qs = order_queryset(seller=seller, query=query)
    if after is not None:
        value, order_id = after
        qs = qs.filter(
            Q(**{f"{sort}__gt": value})
            | Q(**{sort: value, "amazon_order_id__gt": order_id})
        )
    rows = list(qs.order_by(sort, "amazon_order_id")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, (getattr(last, sort), last.amazon_order_id)


def order_get(*, seller: Seller, amazon_order_id: str) -> Order | None:
    return Order.objects.filter(seller=seller, amazon_order_id=amazon_order_id).first()


def order_items_page(
    *, order: Order, offset: int, limit: int
) -> tuple[list[OrderItem], int | None]:
    rows = list(
        order.items.filter(deleted_at__isnull=True).order_by(
            "position", "order_item_id"
        )[offset : offset + limit + 1]
    )
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], offset + limit


def listing_rows(
    *, seller: Seller, sku: str, marketplace_ids: list[str]
) -> list[Listing]:
    rows = Listing.objects.filter(
        seller=seller, sku=sku, marketplace_id__in=marketplace_ids
    )
    order = {m: i for i, m in enumerate(marketplace_ids)}
    return sorted(rows, key=lambda r: order.get(r.marketplace_id, 0))


def inventory_page(
    *,
    seller: Seller,
    marketplace_id: str,
    skus: list[str],
    changed_since: datetime | None,
    after_sku: str | None,
    limit: int,
) -> tuple[list[InventoryItem], str | None]:
    qs = InventoryItem.objects.filter(seller=seller, marketplace_id=marketplace_id)
    if changed_since is not None:
        qs = qs.filter(last_updated_time__gte=changed_since)
    elif skus:
        qs = qs.filter(seller_sku__in=skus)
    if after_sku is not None:
        qs = qs.filter(seller_sku__gt=after_sku)
    rows = list(qs.order_by("seller_sku")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, rows[-1].seller_sku


@dataclass
class ReportsQuery:
    report_types: list[str]
    processing_statuses: list[str]
    marketplace_ids: list[str]
    created_since: datetime
    created_until: datetime


def report_page(
    *,
    seller: Seller,
    query: ReportsQuery,
    limit: int,
    after: tuple[datetime, str] | None = None,
) -> tuple[list[Report], tuple[datetime, str] | None]:
    """Newest first, keyed on (createdTime, reportId)."""
    qs = Report.objects.filter(
        seller=seller,
        report_type__in=query.report_types,
        created_time__gte=query.created_since,
        created_time__lte=query.created_until,
    )
    if query.processing_statuses:
        qs = qs.filter(processing_status__in=query.processing_statuses)
    if after is not None:
        created, report_id = after
        qs = qs.filter(
            Q(created_time__lt=created)
            | Q(created_time=created, report_id__lt=report_id)
        )
    qs = qs.order_by("-created_time", "-report_id")
    if query.marketplace_ids:
        # JSON containment differs by backend; the page is small, filter in Python.
        wanted = set(query.marketplace_ids)
        rows: list[Report] = []
        for report in qs.iterator():
            if wanted.intersection(report.marketplace_ids):
                rows.append(report)
                if len(rows) > limit:
                    break
    else:
        rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, (rows[-1].created_time, rows[-1].report_id)


def report_get(*, seller: Seller, report_id: str) -> Report | None:
    return (
        Report.objects.select_related("document")
        .filter(seller=seller, report_id=report_id)
        .first()
    )
