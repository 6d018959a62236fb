"""Reads: orders, order items, listings, inventory and reports for one seller."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q, QuerySet

from apps.amazon.models import (
    InventoryItem,
    Listing,
    Order,
    OrderItem,
    Report,
    ReportSchedule,
    Seller,
)


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


# --- searchListingsItems ------------------------------------------------------------

# "The maximum number of items (SKUs) that can be returned and paged through is 1000."
LISTINGS_SEARCH_MAX = 1000
# The listing attributes Amazon itself uses for product ids and variation families.
EXTERNAL_ID_ATTRIBUTE = "externally_assigned_product_identifier"
PARENT_SKU_ATTRIBUTE = "child_parent_sku_relationship"


def _entries(attributes: Any, name: str, marketplace_id: str) -> list[dict]:
    """The attribute's values that apply to ``marketplace_id`` (or to every one)."""
    values = attributes.get(name) if isinstance(attributes, dict) else None
    if not isinstance(values, list):
        return []
    applies = (None, "", marketplace_id)  # a tuple: values may be unhashable
    return [
        v for v in values if isinstance(v, dict) and v.get("marketplace_id") in applies
    ]


def variation_parent_skus(attributes: Any, marketplace_id: str) -> list[str]:
    """Parents named by a variation child's ``child_parent_sku_relationship``."""
    parents = [
        e["parent_sku"]
        for e in _entries(attributes, PARENT_SKU_ATTRIBUTE, marketplace_id)
        if isinstance(e.get("parent_sku"), str)
        and e["parent_sku"]
        and str(e.get("child_relationship_type", "variation")).lower() == "variation"
    ]
    return list(dict.fromkeys(parents))


def external_identifiers(attributes: Any, marketplace_id: str) -> set[tuple[str, str]]:
    """``(TYPE, VALUE)`` pairs from ``externally_assigned_product_identifier``."""
    return {
        (str(e.get("type", "")).upper(), str(e.get("value", "")).strip().upper())
        for e in _entries(attributes, EXTERNAL_ID_ATTRIBUTE, marketplace_id)
    }


@dataclass
class ListingsSearch:
    marketplace_ids: list[str]
    identifiers: list[str] = field(default_factory=list)
    identifiers_type: str = ""
    variation_parent_sku: str = ""
    package_hierarchy_sku: str = ""
    created_after: datetime | None = None
    created_before: datetime | None = None
    last_updated_after: datetime | None = None
    last_updated_before: datetime | None = None
    with_issue_severity: list[str] = field(default_factory=list)
    with_status: list[str] = field(default_factory=list)
    without_status: list[str] = field(default_factory=list)
    sort_by: str = "lastUpdatedDate"
    sort_order: str = "DESC"


@dataclass
class _SearchItem:
    """One SKU across the requested marketplaces."""

    sku: str
    created: datetime
    updated: datetime
    statuses: set[str] = field(default_factory=set)
    severities: set[str] = field(default_factory=set)


@dataclass
class ListingsSearchPage:
    total: int  # every match, even past the 1000 that can be paged through
    rows: dict[str, list[Listing]]  # the page's SKUs in result order → their rows
    next_key: tuple[str, str] | None
    previous_key: tuple[str, str] | None


def _matching_skus(*, seller: Seller, query: ListingsSearch) -> set[str] | None:
    """SKUs allowed by identifiers / variationParentSku (None: no such filter)."""
    base = Listing.objects.filter(
        seller=seller, marketplace_id__in=query.marketplace_ids
    )
    kind = query.identifiers_type
    if query.identifiers:
        column = {"SKU": "sku", "ASIN": "asin", "FNSKU": "fnsku"}.get(kind)
        if column is not None:
            values = query.identifiers
            if column != "sku":
                values = [v.upper() for v in values]
            rows = base.filter(**{f"{column}__in": values})
            return set(rows.values_list("sku", flat=True))
        wanted = {(kind, v.upper()) for v in query.identifiers}
        rows = base.filter(attributes__has_key=EXTERNAL_ID_ATTRIBUTE)
        return {
            sku
            for sku, marketplace_id, attributes in rows.values_list(
                "sku", "marketplace_id", "attributes"
            )
            if wanted & external_identifiers(attributes, marketplace_id)
        }
    if query.variation_parent_sku:
        rows = base.filter(attributes__has_key=PARENT_SKU_ATTRIBUTE)
        return {
            sku
            for sku, marketplace_id, attributes in rows.values_list(
                "sku", "marketplace_id", "attributes"
            )
            if query.variation_parent_sku
            in variation_parent_skus(attributes, marketplace_id)
        }
    if query.package_hierarchy_sku:
        # Listings carry no package-hierarchy data here, so nothing contains or
        # is contained by any SKU (getListingsItem reports no such relationship).
        return set()
    return None


def _search_items(*, seller: Seller, query: ListingsSearch) -> list[_SearchItem]:
    skus = _matching_skus(seller=seller, query=query)
    if skus is not None and not skus:
        return []
    qs = Listing.objects.filter(seller=seller, marketplace_id__in=query.marketplace_ids)
    if skus is not None:
        qs = qs.filter(sku__in=skus)
    items: dict[str, _SearchItem] = {}
    # Statuses and issues are JSON lists (containment lookups differ by backend),
    # so the item-level rules run here rather than in SQL.
    for sku, created, updated, status, issues in qs.values_list(
        "sku", "created_date", "last_updated_date", "status", "issues"
    ):
        item = items.get(sku)
        if item is None:
            item = items[sku] = _SearchItem(sku, created, updated)
        item.created = min(item.created, created)
        item.updated = max(item.updated, updated)
        item.statuses.update(s for s in status or [] if isinstance(s, str))
        item.severities.update(
            i["severity"]
            for i in issues or []
            if isinstance(i, dict) and isinstance(i.get("severity"), str)
        )
    bounds = (
        ("created", query.created_after, query.created_before),
        ("updated", query.last_updated_after, query.last_updated_before),
    )
    out = []
    for item in items.values():
        if any(
            (low is not None and getattr(item, name) < low)
            or (high is not None and getattr(item, name) > high)
            for name, low, high in bounds
        ):
            continue
        if query.with_status and not item.statuses & set(query.with_status):
            continue
        if item.statuses & set(query.without_status):
            continue
        if query.with_issue_severity and not item.severities & set(
            query.with_issue_severity
        ):
            continue
        out.append(item)
    return out


def _stamp(value: datetime) -> str:
    # Fixed width, UTC, microseconds: compares as strings exactly like the instants.
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _search_key(item: _SearchItem, sort_by: str) -> tuple[str, str]:
    if sort_by == "sku":
        return (item.sku, item.sku)
    return (
        _stamp(item.created if sort_by == "createdDate" else item.updated),
        item.sku,
    )


def listing_search_page(
    *,
    seller: Seller,
    query: ListingsSearch,
    size: int,
    cursor: tuple[str, str] | None = None,
    backwards: bool = False,
) -> ListingsSearchPage:
    """One page of SKUs in (sort value, SKU) order, ascending or descending.

    ``cursor`` is the key of the last item of the previous page (or, going
    ``backwards``, of the first item of the next one): keyset paging, so rows
    added or removed between calls cause neither duplicates nor gaps.
    """
    descending = query.sort_order == "DESC"
    keyed = sorted(
        (
            (_search_key(item, query.sort_by), item.sku)
            for item in _search_items(seller=seller, query=query)
        ),
        reverse=descending,
    )
    total = len(keyed)
    keys = [key for key, _sku in keyed[:LISTINGS_SEARCH_MAX]]

    def precedes(key: tuple[str, str]) -> bool:
        return key > cursor if descending else key < cursor

    if cursor is None:
        start, end = 0, min(size, len(keys))
    elif backwards:
        end = sum(1 for key in keys if precedes(key))
        start = max(0, end - size)
    else:
        start = sum(1 for key in keys if precedes(key) or key == cursor)
        end = min(start + size, len(keys))
    page = keyed[start:end]
    rows: dict[str, list[Listing]] = {sku: [] for _key, sku in page}
    order = {m: i for i, m in enumerate(query.marketplace_ids)}
    for row in sorted(
        Listing.objects.filter(
            seller=seller, marketplace_id__in=query.marketplace_ids, sku__in=rows
        ),
        key=lambda r: order[r.marketplace_id],
    ):
        rows[row.sku].append(row)
    return ListingsSearchPage(
        total=total,
        rows=rows,
        next_key=page[-1][0] if page and end < len(keys) else None,
        previous_key=page[0][0] if page and start > 0 else None,
    )


def variation_children(
    *, seller: Seller, parent_skus: list[str], marketplace_ids: list[str]
) -> dict[tuple[str, str], list[str]]:
    """(parent SKU, marketplace) → the SKUs that name it as their variation parent."""
    wanted = set(parent_skus)
    children: dict[tuple[str, str], list[str]] = {}
    rows = Listing.objects.filter(
        seller=seller,
        marketplace_id__in=marketplace_ids,
        attributes__has_key=PARENT_SKU_ATTRIBUTE,
    ).order_by("sku")
    for sku, marketplace_id, attributes in rows.values_list(
        "sku", "marketplace_id", "attributes"
    ):
        for parent in variation_parent_skus(attributes, marketplace_id):
            if parent in wanted:
                children.setdefault((parent, marketplace_id), []).append(sku)
    return children


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


# --- report schedules ---


def report_schedule_list(
    *, seller: Seller, report_types: list[str]
) -> list[ReportSchedule]:
    return list(
        ReportSchedule.objects.filter(
            seller=seller, report_type__in=report_types
        ).order_by("report_type", "created_at", "report_schedule_id")
    )


def report_schedule_get(
    *, seller: Seller, report_schedule_id: str
) -> ReportSchedule | None:
    return ReportSchedule.objects.filter(
        seller=seller, report_schedule_id=report_schedule_id
    ).first()


def order_belongs_to_another_seller(*, seller: Seller, amazon_order_id: str) -> bool:
    return (
        Order.objects.filter(amazon_order_id=amazon_order_id)
        .exclude(seller=seller)
        .exists()
    )
