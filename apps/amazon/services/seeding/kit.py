"""The Amazon family's side of the kit's seed/reset protocol
(``apps.core.seeding``): ``seed``, ``reset`` and ``snapshot``.

Volumes: scale 1 is 2 sellers and 200 orders; scale ``s`` is ``round(2·s)``
sellers (at least 1) and ``round(200·s)`` orders, so 0.5 → 1 seller and 100
orders, 10 → 20 sellers and 2,000 orders. ``sellers=`` / ``orders=`` (the
``seed_amazon`` options and the reset view's body) override the scale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from apps.amazon.models import (
    InventoryAddRequest,
    InventoryItem,
    Listing,
    LwaApplication,
    Order,
    OrderItem,
    RefreshToken,
    Report,
    ReportDocument,
    ReportSchedule,
    Seller,
    ShipmentPackage,
    ShipmentPackageItem,
)
from apps.core.seeding import model_rows

from . import SeedSummary, anchor_default, reset_amazon, seed_amazon

DEFAULT_SELLERS = 2
DEFAULT_ORDERS = 200


def volumes(
    scale: float, *, sellers: int | None = None, orders: int | None = None
) -> tuple[int, int]:
    """(sellers, orders) for a scale; explicit counts win."""
    if sellers is None:
        sellers = max(1, round(DEFAULT_SELLERS * scale))
    if orders is None:
        orders = max(0, round(DEFAULT_ORDERS * scale))
    return sellers, orders


def summary_data(summary: SeedSummary, *, anchor: datetime) -> dict[str, Any]:
    """The JSON-able summary: counts, the LWA app's credentials and each seeded
    seller's refresh token (what a client needs to call the mock)."""
    return {
        "anchor": anchor.isoformat(),
        "counts": dict(summary.counts),
        "clientId": summary.client_id,
        "clientSecret": summary.client_secret,
        "sellers": [
            {
                "sellingPartnerId": seller.selling_partner_id,
                "name": seller.name,
                "marketplaceIds": list(seller.marketplace_ids),
                "refreshToken": seller.refresh_token,
            }
            for seller in summary.sellers
        ],
    }


def seed(
    *,
    seed: int = 1,
    anchor: datetime | None = None,
    scale: float = 1.0,
    sellers: int | None = None,
    orders: int | None = None,
) -> dict[str, Any]:
    return _call(
        seed_amazon, seed, anchor, volumes(scale, sellers=sellers, orders=orders)
    )


def reset(
    *,
    seed: int = 1,
    anchor: datetime | None = None,
    scale: float = 1.0,
    sellers: int | None = None,
    orders: int | None = None,
) -> dict[str, Any]:
    return _call(
        reset_amazon, seed, anchor, volumes(scale, sellers=sellers, orders=orders)
    )


def _call(
    service: Callable[..., SeedSummary],
    seed: int,
    anchor: datetime | None,
    counts: tuple[int, int],
) -> dict[str, Any]:
    anchor = anchor or anchor_default()
    sellers, orders = counts
    summary = service(sellers=sellers, orders=orders, seed=seed, anchor=anchor)
    return summary_data(summary, anchor=anchor)


SELLER = "seller__selling_partner_id"
ORDER = "order__amazon_order_id"


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every seller's state, rows keyed by Amazon's own identifiers.

    Refresh tokens appear as who authorised which app (the token a client
    gets at run time is random); access tokens are left out altogether: they
    are sessions, issued with random values and a now()-based expiry, and a
    reset keeps the unexpired ones on purpose. Ids the API mints at run time
    (reportId, reportDocumentId, reportScheduleId) come from ``secrets`` and so
    differ between two runs that create the same reports.
    """
    return {
        "applications": model_rows(LwaApplication.all_objects.all()),
        "sellers": model_rows(Seller.all_objects.all()),
        "refresh_tokens": model_rows(
            RefreshToken.all_objects.all(),
            relations={"application": "application__client_id", "seller": SELLER},
            exclude={"token"},
        ),
        "listings": model_rows(Listing.all_objects.all(), relations={"seller": SELLER}),
        "inventory": model_rows(
            InventoryItem.all_objects.all(), relations={"seller": SELLER}
        ),
        "inventory_add_requests": model_rows(
            InventoryAddRequest.all_objects.all(), relations={"seller": SELLER}
        ),
        "orders": model_rows(Order.all_objects.all(), relations={"seller": SELLER}),
        "order_items": model_rows(
            OrderItem.all_objects.all(), relations={"order": ORDER}
        ),
        "shipment_packages": model_rows(
            ShipmentPackage.all_objects.all(), relations={"order": ORDER}
        ),
        "shipment_package_items": model_rows(
            ShipmentPackageItem.all_objects.all(),
            relations={
                "package": (f"package__{ORDER}", "package__package_reference_id"),
                "order_item": "order_item__order_item_id",
            },
        ),
        "report_documents": model_rows(
            ReportDocument.all_objects.all(), relations={"seller": SELLER}
        ),
        "reports": model_rows(
            Report.all_objects.all(),
            relations={"seller": SELLER, "document": "document__document_id"},
        ),
        "report_schedules": model_rows(
            ReportSchedule.all_objects.all(), relations={"seller": SELLER}
        ),
    }


def credentials(limit: int = 5) -> list[dict[str, str]]:
    """What a client needs to call the mock (the portal shows it in
    development): each active LWA app's client id and secret, and the first
    sellers' refresh tokens."""
    from django.utils.translation import gettext as _

    rows: list[dict[str, str]] = []
    for app in LwaApplication.objects.filter(is_active=True)[:limit]:
        rows.append({"label": _("LWA client id"), "value": app.client_id})
        rows.append({"label": _("LWA client secret"), "value": app.client_secret})
    tokens = RefreshToken.objects.filter(is_active=True, application__is_active=True)
    for token in tokens.select_related("seller")[:limit]:
        label = _("Refresh token · %(seller)s") % {
            "seller": token.seller.selling_partner_id
        }
        rows.append({"label": label, "value": token.token})
    return rows
