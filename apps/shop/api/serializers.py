"""Shapes of the shop's requests (checked here) and answers. Rules that need
the database (duplicate email, stock, whose order) live in services."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from apps.core.api_validation import StrictSerializer
from apps.shop.conf import config
from apps.shop.models import (
    Category,
    InventoryChange,
    Order,
    OrderLine,
    Product,
    ShopUser,
)
from apps.shop.selectors import PRODUCT_SORTS
from apps.shop.services import password_problems

MAX_NAME = 100
MAX_PASSWORD = 128


def _bounded(value: int, limit: int) -> int:
    if value > limit:
        raise serializers.ValidationError(
            f"Input should be less than or equal to {limit}", code="less_than_equal"
        )
    return value


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=9, decimal_places=2, coerce_to_string=False, **kwargs
    )


# --- auth ----------------------------------------------------------------------
class RegisterIn(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        max_length=MAX_PASSWORD, trim_whitespace=False, write_only=True
    )
    name = serializers.CharField(max_length=MAX_NAME)

    def cross_check(self, data: dict) -> dict[str, str]:
        # The service checks it too; here it joins the other fields' errors,
        # so one 422 names every bad field.
        password = data.get("password")
        if not isinstance(password, str) or len(password) > MAX_PASSWORD:
            return {}
        problems = password_problems(
            password=password, email=str(data.get("email", ""))[:254],
            name=str(data.get("name", ""))[:MAX_NAME],
        )  # fmt: skip
        return {"password": problems} if problems else {}


class LoginIn(StrictSerializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=MAX_PASSWORD, trim_whitespace=False)


class RefreshIn(StrictSerializer):
    refresh_token = serializers.CharField(max_length=2000)


class TokenOut(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.CharField(default="bearer")
    refresh_token = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the access token lasts")


class UserOut(serializers.ModelSerializer):
    class Meta:
        model = ShopUser
        fields = ("id", "email", "name", "role", "created_at")


class RoleIn(StrictSerializer):
    role = serializers.ChoiceField(choices=ShopUser.Role.values)


# --- paging --------------------------------------------------------------------
class PageQuery(StrictSerializer):
    page = serializers.IntegerField(default=1, min_value=1, max_value=100_000)
    size = serializers.IntegerField(default=20, min_value=1)

    def validate_size(self, value: int) -> int:
        return _bounded(value, config().page_size_max)


def page_of(name: str, item: type[serializers.Serializer]) -> type:
    """fastapi-pagination's Page[item]: items, total, page, size, pages."""
    fields = {name: serializers.IntegerField() for name in ("total", "page", "size",
                                                              "pages")}  # fmt: skip
    return type(name, (serializers.Serializer,), {"items": item(many=True), **fields})


# --- catalogue -------------------------------------------------------------------
class ProductQuery(PageQuery):
    search = serializers.CharField(
        required=False, max_length=MAX_NAME, help_text="In names and descriptions"
    )
    category = serializers.SlugField(required=False, max_length=50)
    min_price = serializers.DecimalField(
        required=False, max_digits=9, decimal_places=2, min_value=0
    )
    max_price = serializers.DecimalField(
        required=False, max_digits=9, decimal_places=2, min_value=0
    )
    in_stock = serializers.BooleanField(required=False, allow_null=True, default=None)
    sort = serializers.ChoiceField(choices=sorted(PRODUCT_SORTS), default="name")

    def cross_check(self, data: dict) -> dict[str, str]:
        try:
            low, high = float(data["min_price"]), float(data["max_price"])
        except (KeyError, TypeError, ValueError):
            return {}
        return (
            {"min_price": "min_price must not exceed max_price"} if low > high else {}
        )


class CategoryOut(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ("slug", "name")


class ProductOut(serializers.ModelSerializer):
    price = _money()
    category = CategoryOut()
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ("id", "sku", "name", "description", "category", "price", "stock",
                  "in_stock", "active")  # fmt: skip

    def get_in_stock(self, product: Product) -> bool:
        return product.stock > 0


ProductPage = page_of("ProductPage", ProductOut)
UserPage = page_of("UserPage", UserOut)


# --- cart ------------------------------------------------------------------------
class CartAddIn(StrictSerializer):
    product_id = serializers.UUIDField()
    quantity = serializers.IntegerField(min_value=1, default=1)

    def validate_quantity(self, value: int) -> int:
        return _bounded(value, config().max_quantity)


class CartQuantityIn(StrictSerializer):
    quantity = serializers.IntegerField(min_value=1)

    def validate_quantity(self, value: int) -> int:
        return _bounded(value, config().max_quantity)


class CartLineOut(serializers.Serializer):
    product = ProductOut()
    quantity = serializers.IntegerField()
    unit_price = _money(source="product.price")
    subtotal = _money()
    available = serializers.BooleanField(
        help_text="False when the product is out of stock, short or withdrawn"
    )


class CartOut(serializers.Serializer):
    lines = CartLineOut(many=True)
    items = serializers.IntegerField(help_text="Units in the cart")
    total = _money(help_text="Sum of the available lines")
    currency = serializers.CharField()


# --- orders ----------------------------------------------------------------------
class OrderLineOut(serializers.ModelSerializer):
    unit_price = _money()
    line_total = _money()

    class Meta:
        model = OrderLine
        fields = ("product_id", "sku", "name", "unit_price", "quantity", "line_total")


class OrderOut(serializers.ModelSerializer):
    total = serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False
    )
    lines = OrderLineOut(many=True)
    user_id = serializers.UUIDField()

    class Meta:
        model = Order
        fields = ("id", "user_id", "status", "total", "currency", "lines",
                  "created_at")  # fmt: skip


OrderPage = page_of("OrderPage", OrderOut)


# --- admin -----------------------------------------------------------------------
class ProductIn(StrictSerializer):
    sku = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=2000, allow_blank=True, default="")
    category = serializers.SlugField(max_length=50)
    price = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0.01"), max_value=1_000_000
    )
    stock = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    active = serializers.BooleanField(default=True)


class InventoryIn(StrictSerializer):
    stock = serializers.IntegerField(min_value=0, max_value=1_000_000)
    note = serializers.CharField(max_length=200, allow_blank=True, default="")


class InventoryOut(serializers.ModelSerializer):
    product_id = serializers.UUIDField()

    class Meta:
        model = InventoryChange
        fields = ("product_id", "delta", "stock_after", "reason", "note",
                  "created_at")  # fmt: skip


class ResetIn(StrictSerializer):
    seed = serializers.IntegerField(default=1, min_value=0, max_value=2**31 - 1)


class ProductPatch(ProductIn):
    """Every field of ProductIn, each optional, none defaulted."""

    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)
