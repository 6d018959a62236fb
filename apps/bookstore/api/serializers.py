"""Shapes of the bookstore's requests (checked here) and answers. Rules that
need the database (unknown ISBN, stock, paid order) live in services."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.bookstore import isbn as isbns
from apps.bookstore import payments
from apps.bookstore.conf import config
from apps.bookstore.models import Book, Delivery, Order
from apps.bookstore.selectors import SORTS

from .validation import StrictSerializer

MAX_TEXT = 200


def _decimal(raw) -> Decimal | None:
    try:
        return Decimal(str(raw)) if raw is not None else None
    except ArithmeticError:
        return None


def _int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def at_most(value: int, limit: int) -> int:
    """A limit from settings (read when validating, so it is never frozen into
    the class at import time)."""
    if value > limit:
        raise serializers.ValidationError(
            f"Input should be less than or equal to {limit}", code="less_than_equal"
        )
    return value


# --- Inventory ------------------------------------------------------------------
class BookQuery(StrictSerializer):
    author = serializers.CharField(required=False, max_length=MAX_TEXT)
    q = serializers.CharField(
        required=False, max_length=MAX_TEXT, help_text="Search in titles and authors"
    )
    in_stock = serializers.BooleanField(required=False, allow_null=True, default=None)
    min_price = serializers.DecimalField(
        required=False, max_digits=8, decimal_places=2, min_value=0
    )
    max_price = serializers.DecimalField(
        required=False, max_digits=8, decimal_places=2, min_value=0
    )
    sort = serializers.ChoiceField(choices=sorted(SORTS), default="title")
    page = serializers.IntegerField(default=1, min_value=1, max_value=100_000)
    size = serializers.IntegerField(default=20, min_value=1)

    def validate_size(self, value: int) -> int:
        return at_most(value, config().page_size_max)

    def cross_check(self, data: dict) -> dict[str, str]:
        low, high = _decimal(data.get("min_price")), _decimal(data.get("max_price"))
        if low is not None and high is not None and low > high:
            return {"min_price": "min_price must not exceed max_price"}
        return {}


class BookOut(serializers.ModelSerializer):
    price = serializers.DecimalField(
        max_digits=8, decimal_places=2, coerce_to_string=False
    )
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Book
        fields = ("isbn", "title", "author", "publisher", "year", "price", "stock",
                  "in_stock")  # fmt: skip

    def get_in_stock(self, book: Book) -> bool:
        return book.stock > 0


class BookPage(serializers.Serializer):
    items = BookOut(many=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    size = serializers.IntegerField()
    pages = serializers.IntegerField()


class IsbnField(serializers.CharField):
    """An ISBN-10 or ISBN-13, hyphens allowed; the value is its ISBN-13."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        raw = super().to_internal_value(data)
        try:
            return isbns.normalize(raw)
        except isbns.InvalidIsbn as exc:
            raise serializers.ValidationError(str(exc), code="isbn_invalid") from None


# --- Sales ----------------------------------------------------------------------
class OrderItemIn(StrictSerializer):
    isbn = IsbnField()
    quantity = serializers.IntegerField(min_value=1)

    def validate_quantity(self, value: int) -> int:
        return at_most(value, config().max_quantity)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        value["raw_isbn"] = data.get("isbn")
        return value


class CustomerIn(StrictSerializer):
    name = serializers.CharField(max_length=MAX_TEXT)
    email = serializers.EmailField(max_length=254)


class PaymentIn(StrictSerializer):
    method = serializers.ChoiceField(choices=["card"], default="card")
    card_number = serializers.CharField(max_length=30)
    exp_month = serializers.IntegerField(min_value=1, max_value=12)
    exp_year = serializers.IntegerField(min_value=2000, max_value=2100)
    cvc = serializers.RegexField(r"^\d{3,4}$", max_length=4)
    currency = serializers.ChoiceField(choices=["USD"], default="USD")

    def validate_card_number(self, value: str) -> str:
        digits = re.sub(r"[\s-]", "", value)
        if not digits.isdigit() or not 12 <= len(digits) <= 19:
            raise serializers.ValidationError(
                "Card number must be 12 to 19 digits", code="card_number_invalid"
            )
        if not payments.luhn_valid(digits):
            raise serializers.ValidationError(
                "Card number fails the Luhn check", code="card_number_invalid"
            )
        return digits

    def cross_check(self, data: dict) -> dict[str, str]:
        month, year = _int(data.get("exp_month")), _int(data.get("exp_year"))
        today = date.today()
        if month and year and (year, month) < (today.year, today.month):
            return {"exp_year": "The card's expiry date is in the past"}
        return {}


class OrderIn(StrictSerializer):
    items = OrderItemIn(many=True, allow_empty=False)
    customer = CustomerIn()
    payment = PaymentIn()

    def validate_items(self, items: list) -> list:
        limit = config().max_items
        if len(items) > limit:
            raise serializers.ValidationError(
                f"List should have at most {limit} items", code="too_long"
            )
        return items


class OrderLineOut(serializers.Serializer):
    isbn = serializers.CharField()
    title = serializers.CharField()
    unit_price = serializers.DecimalField(
        max_digits=8, decimal_places=2, coerce_to_string=False
    )
    quantity = serializers.IntegerField()
    line_total = serializers.DecimalField(
        max_digits=10, decimal_places=2, coerce_to_string=False
    )


class PaymentOut(serializers.Serializer):
    transaction_id = serializers.CharField()
    status = serializers.CharField()
    amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, coerce_to_string=False
    )
    currency = serializers.CharField()
    method = serializers.CharField()
    card_brand = serializers.CharField()
    card_last4 = serializers.CharField()


class DeliveryRef(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()


class CustomerOut(serializers.Serializer):
    name = serializers.CharField(source="customer_name")
    email = serializers.EmailField(source="customer_email")


class OrderOut(serializers.ModelSerializer):
    customer = CustomerOut(source="*")
    items = OrderLineOut(source="lines", many=True)
    total = serializers.DecimalField(
        max_digits=10, decimal_places=2, coerce_to_string=False
    )
    payment = PaymentOut(allow_null=True, read_only=True)
    delivery = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ("id", "number", "status", "customer", "items", "total", "currency",
                  "payment", "delivery", "created_at")  # fmt: skip

    @extend_schema_field(DeliveryRef(allow_null=True))
    def get_delivery(self, order: Order) -> dict | None:
        latest = next(iter(order.deliveries.all()), None)
        return DeliveryRef(latest).data if latest else None


# --- Delivery -------------------------------------------------------------------
# Postal code formats of the countries delivered to.
POSTAL_CODES = {
    "US": r"\d{5}(-\d{4})?",
    "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "ES": r"\d{5}",
    "IT": r"\d{5}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "PT": r"\d{4}-\d{3}",
    "BR": r"\d{5}-?\d{3}",
}


class AddressIn(StrictSerializer):
    recipient = serializers.CharField(max_length=MAX_TEXT)
    line1 = serializers.CharField(max_length=MAX_TEXT)
    line2 = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100)
    postal_code = serializers.CharField(max_length=12)
    country = serializers.ChoiceField(choices=sorted(POSTAL_CODES))

    def cross_check(self, data: dict) -> dict[str, str]:
        country, code = data.get("country"), data.get("postal_code")
        valid = (
            country not in POSTAL_CODES
            or not isinstance(code, str)
            or re.fullmatch(POSTAL_CODES[country], code.strip().upper())
        )
        return (
            {} if valid else {"postal_code": f"Not a valid postal code for {country}"}
        )

    def validate(self, attrs):
        attrs["postal_code"] = attrs["postal_code"].strip().upper()
        return attrs


class DeliveryIn(StrictSerializer):
    order_id = serializers.UUIDField()
    address = AddressIn()
    requested_date = serializers.DateField()
    window = serializers.ChoiceField(choices=Delivery.Window.values, default="any")


class AddressOut(serializers.Serializer):
    recipient = serializers.CharField()
    line1 = serializers.CharField()
    line2 = serializers.CharField()
    city = serializers.CharField()
    postal_code = serializers.CharField()
    country = serializers.CharField()


class TimelineOut(serializers.Serializer):
    scheduled_at = serializers.DateTimeField()
    dispatched_at = serializers.DateTimeField(allow_null=True)
    in_transit_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)


class DeliveryOut(serializers.ModelSerializer):
    order_id = serializers.UUIDField()
    address = AddressOut(source="*")
    timeline = TimelineOut(source="*")

    class Meta:
        model = Delivery
        fields = ("id", "order_id", "status", "address", "requested_date", "window",
                  "timeline", "created_at")  # fmt: skip
