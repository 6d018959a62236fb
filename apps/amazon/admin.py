"""Admin for the SP-API mock: QA edits sellers, credentials, listings, inventory,
orders (with their shipment packages), reports and report schedules; every table
keeps the project's soft delete and restore."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import SoftDeleteAdmin

from . import models


class RefreshTokenInline(admin.TabularInline):
    model = models.RefreshToken
    extra = 0
    fields = ("application", "token", "is_active")


@admin.register(models.LwaApplication)
class LwaApplicationAdmin(SoftDeleteAdmin):
    list_display = ("name", "client_id", "is_active", "created_at")
    search_fields = ("name", "client_id")
    list_filter = ("is_active",)


@admin.register(models.Seller)
class SellerAdmin(SoftDeleteAdmin):
    list_display = ("selling_partner_id", "name", "region", "marketplace_ids")
    search_fields = ("selling_partner_id", "name")
    list_filter = ("region",)
    inlines = (RefreshTokenInline,)


@admin.register(models.RefreshToken)
class RefreshTokenAdmin(SoftDeleteAdmin):
    list_display = ("seller", "application", "short_token", "is_active")
    list_filter = ("is_active", "application")
    search_fields = ("seller__selling_partner_id", "token")
    list_select_related = ("seller", "application")

    @admin.display(description=_("token"))
    def short_token(self, obj) -> str:
        return f"{obj.token[:24]}…"


@admin.register(models.AccessToken)
class AccessTokenAdmin(SoftDeleteAdmin):
    list_display = (
        "token_hash",
        "kind",
        "seller",
        "application",
        "scope",
        "expires_at",
    )
    list_filter = ("kind", "application")
    search_fields = ("token_hash", "seller__selling_partner_id")
    readonly_fields = ("token_hash",)
    list_select_related = ("seller", "application")


@admin.register(models.Listing)
class ListingAdmin(SoftDeleteAdmin):
    list_display = (
        "sku",
        "seller",
        "marketplace_id",
        "asin",
        "item_name",
        "price",
        "currency",
        "quantity",
        "fulfillment_channel",
    )
    list_filter = ("marketplace_id", "fulfillment_channel", "product_type")
    search_fields = ("sku", "asin", "item_name", "seller__selling_partner_id")
    list_select_related = ("seller",)


@admin.register(models.InventoryItem)
class InventoryItemAdmin(SoftDeleteAdmin):
    list_display = (
        "seller_sku",
        "seller",
        "marketplace_id",
        "fnsku",
        "asin",
        "fulfillable_quantity",
        "total",
        "last_updated_time",
    )
    list_filter = ("marketplace_id",)
    search_fields = ("seller_sku", "fnsku", "asin", "seller__selling_partner_id")
    list_select_related = ("seller",)

    @admin.display(description=_("total quantity"))
    def total(self, obj) -> int:
        return obj.total_quantity


@admin.register(models.InventoryAddRequest)
class InventoryAddRequestAdmin(SoftDeleteAdmin):
    list_display = ("idempotency_token", "seller", "created_at")
    search_fields = ("idempotency_token", "seller__selling_partner_id")
    list_select_related = ("seller",)
    readonly_fields = ("body_hash", "inventory_items")


class OrderItemInline(admin.TabularInline):
    model = models.OrderItem
    extra = 0
    fields = (
        "order_item_id",
        "seller_sku",
        "asin",
        "title",
        "quantity_ordered",
        "quantity_shipped",
        "item_price",
        "item_tax",
        "shipping_price",
        "shipping_tax",
        "promotion_discount",
    )


class ShipmentPackageInline(admin.TabularInline):
    """Packages come from confirmShipment, which also ships the items' units:
    here they can be corrected, not added or removed."""

    model = models.ShipmentPackage
    extra = 0
    can_delete = False
    show_change_link = True
    fields = (
        "package_reference_id",
        "carrier_code",
        "carrier_name",
        "shipping_method",
        "tracking_number",
        "ship_date",
        "contents",
    )
    readonly_fields = ("package_reference_id", "contents")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("items"))
    def contents(self, obj) -> str:
        return ", ".join(
            f"{line.order_item.order_item_id} × {line.quantity}"
            for line in obj.items.select_related("order_item")
        )


@admin.register(models.Order)
class OrderAdmin(SoftDeleteAdmin):
    list_display = (
        "amazon_order_id",
        "seller",
        "marketplace_id",
        "purchase_date",
        "order_status",
        "fulfillment_channel",
        "order_total",
        "currency",
    )
    list_filter = (
        "order_status",
        "fulfillment_channel",
        "marketplace_id",
        "is_ispu",
        "pickup_status",
    )
    search_fields = ("amazon_order_id", "seller_order_id", "buyer_email", "buyer_name")
    date_hierarchy = "purchase_date"
    list_select_related = ("seller",)
    inlines = (OrderItemInline, ShipmentPackageInline)


@admin.register(models.OrderItem)
class OrderItemAdmin(SoftDeleteAdmin):
    list_display = ("order_item_id", "order", "seller_sku", "asin", "quantity_ordered")
    list_filter = ("is_gift",)
    search_fields = ("order_item_id", "order__amazon_order_id", "seller_sku", "asin")
    list_select_related = ("order",)


class ShipmentPackageItemInline(admin.TabularInline):
    model = models.ShipmentPackageItem
    extra = 0
    can_delete = False
    fields = ("order_item", "quantity", "transparency_codes")
    readonly_fields = ("order_item", "quantity")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.ShipmentPackage)
class ShipmentPackageAdmin(SoftDeleteAdmin):
    list_display = (
        "package_reference_id",
        "order",
        "carrier_code",
        "tracking_number",
        "ship_date",
    )
    list_filter = ("carrier_code",)
    search_fields = (
        "order__amazon_order_id",
        "tracking_number",
        "order__seller__selling_partner_id",
    )
    date_hierarchy = "ship_date"
    list_select_related = ("order",)
    readonly_fields = ("order", "package_reference_id")
    inlines = (ShipmentPackageItemInline,)


@admin.register(models.Report)
class ReportAdmin(SoftDeleteAdmin):
    list_display = (
        "report_id",
        "seller",
        "report_type",
        "processing_status",
        "created_time",
        "processing_end_time",
    )
    list_filter = ("processing_status", "report_type")
    search_fields = ("report_id", "report_schedule_id", "seller__selling_partner_id")
    list_select_related = ("seller",)


@admin.register(models.ReportSchedule)
class ReportScheduleAdmin(SoftDeleteAdmin):
    list_display = (
        "report_schedule_id",
        "seller",
        "report_type",
        "marketplace_ids",
        "period",
        "next_report_creation_time",
    )
    list_filter = ("period", "report_type")
    search_fields = ("report_schedule_id", "report_type", "seller__selling_partner_id")
    list_select_related = ("seller",)


@admin.register(models.ReportDocument)
class ReportDocumentAdmin(SoftDeleteAdmin):
    list_display = ("document_id", "seller", "compression_algorithm", "size")
    search_fields = ("document_id",)
    exclude = ("content",)
    list_select_related = ("seller",)

    @admin.display(description=_("size (bytes)"))
    def size(self, obj) -> int:
        return len(obj.content or b"")
