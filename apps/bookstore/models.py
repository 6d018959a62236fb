"""The bookstore's state: inventory (books, stock movements), sales (orders,
lines, payments), delivery, and the API keys that call it.

Stock is a non-negative integer guarded by a database constraint as well as by
the reservation's row lock (services.order_place), so no path can oversell.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class Book(BaseModel):
    isbn = models.CharField(_("ISBN-13"), max_length=13, unique=True)
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=200, db_index=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    price = models.DecimalField(_("price"), max_digits=8, decimal_places=2)
    stock = models.IntegerField(_("stock"), default=0)

    class Meta:
        ordering = ("title", "isbn")
        verbose_name = _("book")
        verbose_name_plural = _("books")
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="bookstore_book_stock_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(price__gt=0), name="bookstore_book_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.isbn})"


class StockMovement(BaseModel):
    """Every change of a book's stock: an order's reservation or a QA adjustment."""

    class Reason(models.TextChoices):
        ORDER = "order", _("order")
        ADJUSTMENT = "adjustment", _("adjustment")
        SEED = "seed", _("seed")

    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="movements")
    delta = models.IntegerField(_("delta"))
    stock_after = models.IntegerField(_("stock after"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    order = models.ForeignKey("Order", null=True, blank=True, on_delete=models.SET_NULL)
    actor = models.CharField(_("by"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")


class ApiKey(BaseModel):
    """An ``X-API-Key`` credential. Only its SHA-256 is stored (keys are long
    random strings, so a fast hash is enough); the plain key is shown once."""

    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=8, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "bk_" + secrets.token_urlsafe(30)


class Order(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending payment")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    number = models.CharField(_("number"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PAID
    )
    customer_name = models.CharField(_("customer name"), max_length=200)
    customer_email = models.EmailField(_("customer email"))
    total = models.DecimalField(_("total"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    api_key = models.ForeignKey(
        ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.number


class OrderLine(BaseModel):
    """A line with the book's price and title as they were when ordered."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    book = models.ForeignKey(Book, on_delete=models.PROTECT, related_name="+")
    isbn = models.CharField(_("ISBN-13"), max_length=13)
    title = models.CharField(_("title"), max_length=300)
    unit_price = models.DecimalField(_("unit price"), max_digits=8, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.DecimalField(_("line total"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ("isbn",)
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")


class Payment(BaseModel):
    """A simulated card payment: brand and last four digits, never the number."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("succeeded")
        REFUNDED = "refunded", _("refunded")

    order = models.OneToOneField(
        Order, on_delete=models.CASCADE, related_name="payment"
    )
    transaction_id = models.CharField(_("transaction id"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUCCEEDED
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    method = models.CharField(_("method"), max_length=20, default="card")
    card_brand = models.CharField(_("card brand"), max_length=20)
    card_last4 = models.CharField(_("last four digits"), max_length=4)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.transaction_id


class Delivery(BaseModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        DISPATCHED = "dispatched", _("dispatched")
        IN_TRANSIT = "in_transit", _("in transit")
        DELIVERED = "delivered", _("delivered")
        CANCELLED = "cancelled", _("cancelled")

    class Window(models.TextChoices):
        MORNING = "morning", _("morning (08:00-12:00)")
        AFTERNOON = "afternoon", _("afternoon (12:00-17:00)")
        EVENING = "evening", _("evening (17:00-21:00)")
        ANY = "any", _("any time (08:00-21:00)")

    ACTIVE = (Status.SCHEDULED, Status.DISPATCHED, Status.IN_TRANSIT)

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    recipient = models.CharField(_("recipient"), max_length=200)
    line1 = models.CharField(_("address line 1"), max_length=200)
    line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=12)
    country = models.CharField(_("country"), max_length=2)
    requested_date = models.DateField(_("requested date"))
    window = models.CharField(
        _("window"), max_length=20, choices=Window.choices, default=Window.ANY
    )
    scheduled_at = models.DateTimeField(_("scheduled at"))
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    in_transit_at = models.DateTimeField(_("in transit at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # The database, not only the service, refuses a second active delivery
            # (two concurrent POSTs for one order).
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(
                    status__in=["scheduled", "dispatched", "in_transit"],
                    deleted_at__isnull=True,
                ),
                name="bookstore_one_active_delivery_per_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order} → {self.city} ({self.status})"


# The next status of the progression and the timestamp field it stamps.
NEXT_STATUS = {
    Delivery.Status.SCHEDULED: (Delivery.Status.DISPATCHED, "dispatched_at"),
    Delivery.Status.DISPATCHED: (Delivery.Status.IN_TRANSIT, "in_transit_at"),
    Delivery.Status.IN_TRANSIT: (Delivery.Status.DELIVERED, "delivered_at"),
}
