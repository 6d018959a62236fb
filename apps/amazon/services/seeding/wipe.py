"""Hard deletes of the sellers' domain data (credentials stay)."""

from apps.amazon.models import (
    InventoryAddRequest,
    InventoryItem,
    Listing,
    Order,
    OrderItem,
    Report,
    ReportDocument,
    ReportSchedule,
    Seller,
    ShipmentPackage,
    ShipmentPackageItem,
)

# Children before parents.
DOMAIN_MODELS = (
    (ShipmentPackageItem, "package__order__seller"),
    (ShipmentPackage, "order__seller"),
    (OrderItem, "order__seller"),
    (Order, "seller"),
    (ReportSchedule, "seller"),
    (Report, "seller"),
    (ReportDocument, "seller"),
    (InventoryItem, "seller"),
    (InventoryAddRequest, "seller"),
    (Listing, "seller"),
)


def wipe_domain_data() -> None:
    """Hard-delete orders (with their shipment packages), listings, inventory,
    reports and report schedules of every seller."""
    for model, _seller in DOMAIN_MODELS:
        model.all_objects.all().hard_delete()


def wipe_seller_data(seller: Seller) -> None:
    for model, seller_path in DOMAIN_MODELS:
        model.all_objects.filter(**{seller_path: seller}).hard_delete()
