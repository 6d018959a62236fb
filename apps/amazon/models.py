"""Data behind the SP-API mock: LWA credentials, sellers, listings, inventory,
orders, reports and report schedules.

Amounts are Decimals stored per row and rendered as the strings the real API
sends. Natural identifiers (AmazonOrderId, SKU, reportId …) are separate from the
UUID primary key every table inherits from ``BaseModel``.
"""

import hashlib
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

ALIVE = Q(deleted_at__isnull=True)
# An AmazonOrderId: 3-7-7 digits (``113-1234567-7654321``).
ORDER_ID_RE = re.compile(r"^\d{3}-\d{7}-\d{7}$")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LwaApplication(BaseModel):
    """A Login with Amazon client (an SP-API application)."""

    name = models.CharField(_("name"), max_length=200)
    client_id = models.CharField(_("client id"), max_length=200, unique=True)
    client_secret = models.CharField(_("client secret"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("LWA application")
        verbose_name_plural = _("LWA applications")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Seller(BaseModel):
    """A selling partner (merchant token such as ``A3EXAMPLE123``)."""

    selling_partner_id = models.CharField(
        _("selling partner id"), max_length=32, unique=True
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=2, default="na")
    marketplace_ids = models.JSONField(_("marketplace ids"), default=list)

    class Meta:
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")
        ordering = ["selling_partner_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.selling_partner_id})"


class RefreshToken(BaseModel):
    """The refresh token a seller granted an application (``Atzr|…``)."""

    application = models.ForeignKey(
        LwaApplication, on_delete=models.CASCADE, related_name="refresh_tokens"
    )
    seller = models.ForeignKey(
        Seller, on_delete=models.CASCADE, related_name="refresh_tokens"
    )
    token = models.CharField(_("token"), max_length=512, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("refresh token")
        verbose_name_plural = _("refresh tokens")
        ordering = ["seller__selling_partner_id"]

    def __str__(self) -> str:
        return f"{self.token[:16]}… ({self.seller_id})"


class AccessToken(BaseModel):
    """An issued LWA access token (``Atza|…``) or Restricted Data Token
    (``Atz.sprdt|…``); only its SHA-256 is stored."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("LWA access token")
        RESTRICTED = "restricted", _("Restricted Data Token")

    application = models.ForeignKey(
        LwaApplication, on_delete=models.CASCADE, related_name="access_tokens"
    )
    # Null for grantless (client_credentials) tokens.
    seller = models.ForeignKey(
        Seller,
        on_delete=models.CASCADE,
        related_name="access_tokens",
        null=True,
        blank=True,
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.ACCESS
    )
    # Restricted Data Tokens only: what the token opens, as createRestrictedDataToken
    # validated it: [{"method", "path", "operation", "orderId" (null = any order),
    # "dataElements"}].
    restricted_resources = models.JSONField(
        _("restricted resources"), default=list, blank=True
    )
    target_application = models.CharField(
        _("target application"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        ordering = ["-expires_at"]

    def __str__(self) -> str:
        return f"{self.token_hash[:12]}… until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class Listing(BaseModel):
    """One SKU offered in one marketplace (Listings Items and the listings report)."""

    class Channel(models.TextChoices):
        MERCHANT = "DEFAULT", "Merchant (MFN)"
        AMAZON = "AMAZON_NA", "Amazon (AFN)"

    seller = models.ForeignKey(
        Seller, on_delete=models.CASCADE, related_name="listings"
    )
    sku = models.CharField(_("SKU"), max_length=200)
    marketplace_id = models.CharField(_("marketplace id"), max_length=20)
    asin = models.CharField(_("ASIN"), max_length=10, blank=True)
    fnsku = models.CharField(_("FNSKU"), max_length=10, blank=True)
    product_type = models.CharField(_("product type"), max_length=100)
    item_name = models.CharField(_("item name"), max_length=500, blank=True)
    condition_type = models.CharField(_("condition"), max_length=40, default="new_new")
    status = models.JSONField(_("status"), default=list)  # ["BUYABLE", "DISCOVERABLE"]
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    issues = models.JSONField(_("issues"), default=list, blank=True)
    price = models.DecimalField(
        _("price"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    quantity = models.PositiveIntegerField(_("quantity"), default=0)
    fulfillment_channel = models.CharField(
        _("fulfillment channel"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.MERCHANT,
    )
    main_image_url = models.URLField(_("main image"), blank=True)
    created_date = models.DateTimeField(_("listing created"), default=timezone.now)
    last_updated_date = models.DateTimeField(
        _("listing last updated"), default=timezone.now
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["seller", "sku", "marketplace_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "sku", "marketplace_id"],
                condition=ALIVE,
                name="amazon_listing_unique_sku_marketplace",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sku} @ {self.marketplace_id}"

    @property
    def is_fba(self) -> bool:
        return self.fulfillment_channel == self.Channel.AMAZON


class InventoryItem(BaseModel):
    """FBA inventory of one SKU in one marketplace, with the quantity breakdown."""

    seller = models.ForeignKey(
        Seller, on_delete=models.CASCADE, related_name="inventory_items"
    )
    marketplace_id = models.CharField(_("marketplace id"), max_length=20)
    seller_sku = models.CharField(_("seller SKU"), max_length=200)
    fnsku = models.CharField(_("FNSKU"), max_length=10)
    asin = models.CharField(_("ASIN"), max_length=10)
    condition = models.CharField(_("condition"), max_length=40, default="NewItem")
    product_name = models.CharField(_("product name"), max_length=500)
    fulfillable_quantity = models.PositiveIntegerField(default=0)
    inbound_working_quantity = models.PositiveIntegerField(default=0)
    inbound_shipped_quantity = models.PositiveIntegerField(default=0)
    inbound_receiving_quantity = models.PositiveIntegerField(default=0)
    pending_customer_order_quantity = models.PositiveIntegerField(default=0)
    pending_transshipment_quantity = models.PositiveIntegerField(default=0)
    fc_processing_quantity = models.PositiveIntegerField(default=0)
    # [{"name": "researchingQuantityInShortTerm", "quantity": 1}, …]
    researching_breakdown = models.JSONField(default=list, blank=True)
    customer_damaged_quantity = models.PositiveIntegerField(default=0)
    warehouse_damaged_quantity = models.PositiveIntegerField(default=0)
    distributor_damaged_quantity = models.PositiveIntegerField(default=0)
    carrier_damaged_quantity = models.PositiveIntegerField(default=0)
    defective_quantity = models.PositiveIntegerField(default=0)
    expired_quantity = models.PositiveIntegerField(default=0)
    last_updated_time = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")
        ordering = ["seller", "marketplace_id", "seller_sku"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "marketplace_id", "seller_sku"],
                condition=ALIVE,
                name="amazon_inventory_unique_sku_marketplace",
            )
        ]

    def __str__(self) -> str:
        return f"{self.seller_sku} @ {self.marketplace_id}"

    @property
    def reserved_quantity(self) -> int:
        return (
            self.pending_customer_order_quantity
            + self.pending_transshipment_quantity
            + self.fc_processing_quantity
        )

    @property
    def researching_quantity(self) -> int:
        return sum(int(e.get("quantity", 0)) for e in self.researching_breakdown or [])

    @property
    def unfulfillable_quantity(self) -> int:
        return (
            self.customer_damaged_quantity
            + self.warehouse_damaged_quantity
            + self.distributor_damaged_quantity
            + self.carrier_damaged_quantity
            + self.defective_quantity
            + self.expired_quantity
        )

    @property
    def inbound_quantity(self) -> int:
        return (
            self.inbound_working_quantity
            + self.inbound_shipped_quantity
            + self.inbound_receiving_quantity
        )

    @property
    def total_quantity(self) -> int:
        return (
            self.fulfillable_quantity
            + self.inbound_quantity
            + self.reserved_quantity
            + self.researching_quantity
            + self.unfulfillable_quantity
        )


class InventoryAddRequest(BaseModel):
    """An addInventory call already applied, keyed by its ``x-amzn-idempotency-token``
    per seller: a replay with the same body changes nothing, another body is refused."""

    seller = models.ForeignKey(
        Seller, on_delete=models.CASCADE, related_name="inventory_add_requests"
    )
    idempotency_token = models.CharField(_("idempotency token"), max_length=200)
    body_hash = models.CharField(_("body hash"), max_length=64)
    inventory_items = models.JSONField(_("inventory items"), default=list)

    class Meta:
        verbose_name = _("inventory add request")
        verbose_name_plural = _("inventory add requests")
        ordering = ["seller", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "idempotency_token"],
                name="amazon_inventory_add_unique_token",
            )
        ]

    def __str__(self) -> str:
        return self.idempotency_token


class Order(BaseModel):
    class Status(models.TextChoices):
        PENDING_AVAILABILITY = "PendingAvailability"
        PENDING = "Pending"
        UNSHIPPED = "Unshipped"
        PARTIALLY_SHIPPED = "PartiallyShipped"
        SHIPPED = "Shipped"
        INVOICE_UNCONFIRMED = "InvoiceUnconfirmed"
        CANCELED = "Canceled"
        UNFULFILLABLE = "Unfulfillable"

    class Channel(models.TextChoices):
        AFN = "AFN"
        MFN = "MFN"

    class PaymentMethod(models.TextChoices):
        COD = "COD"
        CVS = "CVS"
        OTHER = "Other"

    class PickupStatus(models.TextChoices):
        READY_FOR_PICKUP = "ReadyForPickup"
        PICKED_UP = "PickedUp"
        REFUSED_PICKUP = "RefusedPickup"

    class VerificationStatus(models.TextChoices):
        PENDING = "Pending"
        APPROVED = "Approved"
        REJECTED = "Rejected"
        EXPIRED = "Expired"
        CANCELLED = "Cancelled"

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="orders")
    amazon_order_id = models.CharField(_("Amazon order id"), max_length=19, unique=True)
    seller_order_id = models.CharField(
        _("seller order id"), max_length=64, blank=True, db_index=True
    )
    marketplace_id = models.CharField(_("marketplace id"), max_length=20)
    purchase_date = models.DateTimeField(_("purchase date"), db_index=True)
    last_update_date = models.DateTimeField(_("last update date"), db_index=True)
    order_status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.PENDING
    )
    fulfillment_channel = models.CharField(
        _("fulfillment channel"), max_length=3, choices=Channel.choices
    )
    sales_channel = models.CharField(_("sales channel"), max_length=40)
    order_channel = models.CharField(_("order channel"), max_length=40, blank=True)
    ship_service_level = models.CharField(_("ship service level"), max_length=60)
    shipment_service_level_category = models.CharField(
        max_length=20, default="Standard"
    )
    order_type = models.CharField(max_length=30, default="StandardOrder")
    payment_method = models.CharField(
        max_length=5, choices=PaymentMethod.choices, default=PaymentMethod.OTHER
    )
    payment_method_details = models.JSONField(default=list, blank=True)
    currency = models.CharField(max_length=3)
    order_total = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    number_of_items_shipped = models.PositiveIntegerField(default=0)
    number_of_items_unshipped = models.PositiveIntegerField(default=0)
    earliest_ship_date = models.DateTimeField(null=True, blank=True)
    latest_ship_date = models.DateTimeField(null=True, blank=True)
    earliest_delivery_date = models.DateTimeField(null=True, blank=True)
    latest_delivery_date = models.DateTimeField(null=True, blank=True)
    is_business_order = models.BooleanField(default=False)
    is_prime = models.BooleanField(default=False)
    is_premium_order = models.BooleanField(default=False)
    is_global_express_enabled = models.BooleanField(default=False)
    is_replacement_order = models.BooleanField(default=False)
    is_ispu = models.BooleanField(default=False)
    buyer_email = models.CharField(max_length=200, blank=True, db_index=True)
    buyer_name = models.CharField(max_length=200, blank=True)
    buyer_company_name = models.CharField(max_length=200, blank=True)
    purchase_order_number = models.CharField(max_length=64, blank=True)
    ship_name = models.CharField(max_length=200, blank=True)
    ship_address_line1 = models.CharField(max_length=200, blank=True)
    ship_address_line2 = models.CharField(max_length=200, blank=True)
    ship_city = models.CharField(max_length=100, blank=True)
    ship_state = models.CharField(max_length=100, blank=True)
    ship_postal_code = models.CharField(max_length=20, blank=True)
    ship_country_code = models.CharField(max_length=2, blank=True)
    ship_phone = models.CharField(max_length=40, blank=True)
    ship_address_type = models.CharField(max_length=20, default="Residential")
    # In-store pickup (ISPU) orders: the last updateShipmentStatus value.
    pickup_status = models.CharField(
        _("pickup status"),
        max_length=14,
        choices=PickupStatus.choices,
        blank=True,
    )
    # Regulated orders (getOrderRegulatedInfo / updateVerificationStatus).
    has_regulated_items = models.BooleanField(_("has regulated items"), default=False)
    # RegulatedInformation.Fields: [{FieldId, FieldLabel, FieldType, FieldValue}].
    regulated_info = models.JSONField(
        _("regulated information"), default=list, blank=True
    )
    requires_dosage_label = models.BooleanField(
        _("requires dosage label"), default=False
    )
    verification_status = models.CharField(
        _("verification status"),
        max_length=9,
        choices=VerificationStatus.choices,
        blank=True,
    )
    # [{RejectionReasonId, RejectionReasonDescription}] the seller may reject with.
    valid_rejection_reasons = models.JSONField(
        _("valid rejection reasons"), default=list, blank=True
    )
    # The RejectionReason chosen when the order was rejected ({} otherwise).
    rejection_reason = models.JSONField(_("rejection reason"), default=dict, blank=True)
    review_date = models.DateTimeField(_("review date"), null=True, blank=True)
    external_reviewer_id = models.CharField(
        _("external reviewer id"), max_length=200, blank=True
    )
    # The verificationDetails sent with the last updateVerificationStatus.
    verification_details = models.JSONField(
        _("verification details"), default=dict, blank=True
    )

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["purchase_date", "amazon_order_id"]
        indexes = [models.Index(fields=["seller", "marketplace_id", "purchase_date"])]

    def __str__(self) -> str:
        return self.amazon_order_id

    def soft_delete_children(self):
        return (
            ShipmentPackage.all_objects.filter(order=self),
            OrderItem.all_objects.filter(order=self),
        )


class OrderItem(BaseModel):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    order_item_id = models.CharField(_("order item id"), max_length=14, unique=True)
    asin = models.CharField(_("ASIN"), max_length=10)
    seller_sku = models.CharField(_("seller SKU"), max_length=200)
    title = models.CharField(_("title"), max_length=500)
    quantity_ordered = models.PositiveIntegerField(default=1)
    quantity_shipped = models.PositiveIntegerField(default=0)
    item_price = models.DecimalField(max_digits=12, decimal_places=2)
    item_tax = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    shipping_price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    shipping_tax = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    shipping_discount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    promotion_discount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    promotion_ids = models.JSONField(default=list, blank=True)
    is_gift = models.BooleanField(default=False)
    # getOrderItemsBuyerInfo: gift options and Amazon Custom data per item.
    gift_wrap_level = models.CharField(_("gift wrap level"), max_length=40, blank=True)
    gift_message_text = models.CharField(_("gift message"), max_length=500, blank=True)
    gift_wrap_price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    gift_wrap_tax = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    customized_url = models.URLField(_("Amazon Custom data URL"), blank=True)
    condition_id = models.CharField(max_length=20, default="New")
    condition_subtype_id = models.CharField(max_length=20, default="New")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        ordering = ["order", "position", "order_item_id"]

    def __str__(self) -> str:
        return f"{self.order_item_id} ({self.seller_sku})"

    @property
    def line_total(self) -> Decimal:
        return (
            self.item_price
            + self.item_tax
            + self.shipping_price
            + self.shipping_tax
            + self.gift_wrap_price
            + self.gift_wrap_tax
            - self.shipping_discount
            - self.promotion_discount
        )


class ShipmentPackage(BaseModel):
    """One package a confirmShipment call reported for a seller-fulfilled order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="packages")
    package_reference_id = models.CharField(_("package reference id"), max_length=64)
    carrier_code = models.CharField(_("carrier code"), max_length=100)
    carrier_name = models.CharField(_("carrier name"), max_length=200, blank=True)
    shipping_method = models.CharField(_("shipping method"), max_length=200, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=200)
    ship_date = models.DateTimeField(_("ship date"))
    ship_from_supply_source_id = models.CharField(
        _("ship-from supply source id"), max_length=200, blank=True
    )
    cod_collection_method = models.CharField(
        _("COD collection method"), max_length=20, blank=True
    )

    class Meta:
        verbose_name = _("shipment package")
        verbose_name_plural = _("shipment packages")
        ordering = ["order", "ship_date", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "package_reference_id"],
                condition=ALIVE,
                name="amazon_package_unique_reference_per_order",
            )
        ]

    def __str__(self) -> str:
        return (
            f"#{self.package_reference_id} {self.carrier_code} {self.tracking_number}"
        )

    def soft_delete_children(self):
        return (ShipmentPackageItem.all_objects.filter(package=self),)


class ShipmentPackageItem(BaseModel):
    """How many units of one order item a package holds."""

    package = models.ForeignKey(
        ShipmentPackage, on_delete=models.CASCADE, related_name="items"
    )
    order_item = models.ForeignKey(
        OrderItem, on_delete=models.CASCADE, related_name="package_items"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    transparency_codes = models.JSONField(
        _("transparency codes"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("shipment package item")
        verbose_name_plural = _("shipment package items")
        ordering = ["package", "order_item__position"]

    def __str__(self) -> str:
        return f"{self.order_item.order_item_id} × {self.quantity}"


class ReportDocument(BaseModel):
    seller = models.ForeignKey(
        Seller, on_delete=models.CASCADE, related_name="report_documents"
    )
    document_id = models.CharField(_("document id"), max_length=120, unique=True)
    content = models.BinaryField(_("content"), default=b"")
    compression_algorithm = models.CharField(max_length=10, blank=True)  # "" or GZIP
    content_type = models.CharField(max_length=100, default="text/plain; charset=UTF-8")

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.document_id


class Report(BaseModel):
    class Status(models.TextChoices):
        IN_QUEUE = "IN_QUEUE"
        IN_PROGRESS = "IN_PROGRESS"
        DONE = "DONE"
        FATAL = "FATAL"
        CANCELLED = "CANCELLED"

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="reports")
    report_id = models.CharField(_("report id"), max_length=20, unique=True)
    report_type = models.CharField(_("report type"), max_length=120, db_index=True)
    marketplace_ids = models.JSONField(default=list)
    data_start_time = models.DateTimeField(null=True, blank=True)
    data_end_time = models.DateTimeField(null=True, blank=True)
    report_options = models.JSONField(default=dict, blank=True)
    created_time = models.DateTimeField(default=timezone.now, db_index=True)
    processing_status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.IN_QUEUE
    )
    processing_start_time = models.DateTimeField(null=True, blank=True)
    processing_end_time = models.DateTimeField(null=True, blank=True)
    # How many times a worker claimed it: a worker lost mid-report leaves it
    # IN_PROGRESS, the recovery task re-queues it, and past the limit it ends
    # FATAL instead of killing worker after worker. A claim also owns the
    # outcome: a worker whose claim was superseded writes nothing.
    processing_attempts = models.PositiveSmallIntegerField(default=0)
    document = models.ForeignKey(
        ReportDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    # The schedule's public id (not a foreign key): Amazon keeps showing it on
    # the reports a schedule made after the schedule is cancelled or replaced.
    report_schedule_id = models.CharField(
        _("report schedule id"), max_length=20, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_time", "-report_id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.report_type}"


def marketplace_key(marketplace_ids) -> str:
    """Order-free key of a marketplace list (``A,B`` for ``[B, A, B]``)."""
    return ",".join(sorted(set(marketplace_ids or [])))


class ReportSchedule(BaseModel):
    """A createReportSchedule: every ``period`` from ``next_report_creation_time``
    a beat task creates a report. Cancelling soft-deletes the row; one live
    schedule per seller, report type and set of marketplaces."""

    # The ISO 8601 periods CreateReportScheduleSpecification allows, in its order.
    PERIODS = (
        "PT5M",
        "PT15M",
        "PT30M",
        "PT1H",
        "PT2H",
        "PT4H",
        "PT8H",
        "PT12H",
        "P1D",
        "P2D",
        "P3D",
        "PT84H",
        "P7D",
        "P14D",
        "P15D",
        "P18D",
        "P30D",
        "P1M",
    )

    seller = models.ForeignKey(
        Seller, on_delete=models.CASCADE, related_name="report_schedules"
    )
    report_schedule_id = models.CharField(
        _("report schedule id"), max_length=20, unique=True
    )
    report_type = models.CharField(_("report type"), max_length=120, db_index=True)
    marketplace_ids = models.JSONField(_("marketplace ids"), default=list)
    # Derived from marketplace_ids on save; backs the one-live-schedule rule.
    marketplace_key = models.CharField(max_length=400, editable=False)
    report_options = models.JSONField(_("report options"), default=dict, blank=True)
    period = models.CharField(
        _("period"), max_length=5, choices=[(p, p) for p in PERIODS]
    )
    next_report_creation_time = models.DateTimeField(
        _("next report creation time"), default=timezone.now, db_index=True
    )

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        ordering = ["seller", "report_type", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "report_type", "marketplace_key"],
                condition=ALIVE,
                name="amazon_report_schedule_unique_type_marketplaces",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_schedule_id} {self.report_type} every {self.period}"

    def clean(self) -> None:
        super().clean()
        ids = self.marketplace_ids
        if (
            not ids
            or not isinstance(ids, list)
            or not all(isinstance(m, str) and m for m in ids)
        ):
            raise ValidationError(
                {"marketplace_ids": _("Enter a non-empty list of marketplace ids.")}
            )
        self.marketplace_key = marketplace_key(ids)
        # The constraint's field is not on the admin form, so Django would not
        # check it there: check it here instead of failing on save.
        clash = ReportSchedule.objects.filter(
            seller_id=self.seller_id,
            report_type=self.report_type,
            marketplace_key=self.marketplace_key,
        ).exclude(pk=self.pk)
        if self.seller_id and clash.exists():
            raise ValidationError(
                _(
                    "This seller already has a schedule for this report type "
                    "and these marketplaces."
                )
            )

    def save(self, *args, **kwargs) -> None:
        self.marketplace_key = marketplace_key(self.marketplace_ids)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "marketplace_ids" in update_fields:
            kwargs["update_fields"] = {*update_fields, "marketplace_key"}
        super().save(*args, **kwargs)
