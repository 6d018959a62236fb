"""The shop's state: its own users (shoppers and admins), the catalogue
(categories, products, inventory changes), carts and orders.

Shop users are their own model, not ``accounts.User``: they are customers of an
imitated shop, not people who may sign in to the portal or Django admin, so a
``POST /auth/register`` can never grant a portal login, and a shop reset never
touches portal accounts. Passwords go through Django's hashers
(``make_password`` / ``check_password``) and Django's password validators.

Stock is a non-negative integer guarded by a database constraint as well as by
checkout's conditional updates (services.order_checkout), so nothing oversells.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class ShopUser(BaseModel):
    class Role(models.TextChoices):
        SHOPPER = "shopper", _("shopper")
        ADMIN = "admin", _("admin")

    email = models.EmailField(_("email"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=100)
    password = models.CharField(_("password"), max_length=128)
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.SHOPPER
    )
    is_demo = models.BooleanField(_("demo account"), default=False)

    # What DRF and the journal ask of request.user.
    is_authenticated = True
    is_anonymous = False
    is_staff = False

    class Meta:
        ordering = ("email",)
        verbose_name = _("shop user")
        verbose_name_plural = _("shop users")

    def __str__(self) -> str:
        return self.email

    @property
    def journal_principal(self) -> str:
        return f"shopuser:{self.pk}"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN

    def set_password(self, raw: str) -> None:
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return check_password(raw, self.password)


class Category(BaseModel):
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ("name",)
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Product(BaseModel):
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products"
    )
    price = models.DecimalField(_("price"), max_digits=9, decimal_places=2)
    stock = models.IntegerField(_("stock"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("name", "sku")
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="shop_product_stock_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(price__gt=0), name="shop_product_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sku})"


class InventoryChange(BaseModel):
    """Every change of a product's stock: checkout, cancel, or an admin's count."""

    class Reason(models.TextChoices):
        ORDER = "order", _("order")
        CANCEL = "cancel", _("cancel")
        ADMIN = "admin", _("admin")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="inventory_changes"
    )
    delta = models.IntegerField(_("delta"))
    stock_after = models.IntegerField(_("stock after"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = models.ForeignKey(
        ShopUser, null=True, blank=True, on_delete=models.SET_NULL
    )
    order = models.ForeignKey("Order", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("inventory change")
        verbose_name_plural = _("inventory changes")


class CartLine(BaseModel):
    """A user's cart is their lines (one cart per user)."""

    user = models.ForeignKey(ShopUser, on_delete=models.CASCADE, related_name="cart")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        ordering = ("created_at",)
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "product"), name="shop_cartline_one_per_product"
            ),
        ]


class Order(BaseModel):
    class Status(models.TextChoices):
        PLACED = "placed", _("placed")
        SHIPPED = "shipped", _("shipped")
        CANCELLED = "cancelled", _("cancelled")

    user = models.ForeignKey(ShopUser, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLACED
    )
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("order")
        verbose_name_plural = _("orders")


class OrderLine(BaseModel):
    """A product as it was bought: name and price are snapshotted."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sku = models.CharField(_("SKU"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    unit_price = models.DecimalField(_("unit price"), max_digits=9, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.DecimalField(_("line total"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ("sku",)
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
