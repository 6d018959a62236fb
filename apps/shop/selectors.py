"""The shop's reads."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db.models import Q, QuerySet

from apps.core.errors import ApiError, ErrorKind

from .conf import config
from .errors import ShopErrorCode as Code
from .models import CartLine, Category, Order, Product, ShopUser

PRODUCT_SORTS = {
    "name": ("name", "sku"), "-name": ("-name", "-sku"),
    "price": ("price", "sku"), "-price": ("-price", "-sku"),
    "newest": ("-created_at", "sku"), "stock": ("stock", "sku"),
    "-stock": ("-stock", "-sku"),
}  # fmt: skip


def _not_found(what: str, code: Code) -> ApiError:
    return ApiError(f"{what} not found", code=code, kind=ErrorKind.NOT_FOUND)


def product_list(
    *,
    search: str | None = None,
    category: str | None = None,
    min_price: Decimal | None = None,
    max_price: Decimal | None = None,
    in_stock: bool | None = None,
    sort: str = "name",
    include_inactive: bool = False,
) -> QuerySet[Product]:
    products = Product.objects.select_related("category")
    if not include_inactive:
        products = products.filter(active=True)
    if search:
        products = products.filter(
            Q(name__icontains=search) | Q(description__icontains=search)
        )
    if category:
        products = products.filter(category__slug=category)
    if min_price is not None:
        products = products.filter(price__gte=min_price)
    if max_price is not None:
        products = products.filter(price__lte=max_price)
    if in_stock is not None:
        products = (
            products.filter(stock__gt=0) if in_stock else products.filter(stock=0)
        )
    return products.order_by(*PRODUCT_SORTS[sort])


def product_get(*, product_id: UUID, include_inactive: bool = False) -> Product:
    products = Product.objects.select_related("category")
    if not include_inactive:
        products = products.filter(active=True)
    product = products.filter(pk=product_id).first()
    if product is None:
        raise _not_found("Product", Code.PRODUCT_NOT_FOUND)
    return product


def category_list() -> QuerySet[Category]:
    return Category.objects.order_by("name")


def category_get(*, slug: str) -> Category:
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise _not_found("Category", Code.CATEGORY_NOT_FOUND)
    return category


@dataclass(frozen=True)
class CartView:
    lines: list[CartLine]
    total: Decimal
    items: int
    currency: str


def cart_get(*, user: ShopUser) -> CartView:
    """The cart at today's prices; a line whose product is out of stock (or
    short, or withdrawn) is marked unavailable and left out of the total."""
    lines = list(
        CartLine.objects.filter(user=user)
        .select_related("product", "product__category")
        .order_by("created_at", "product__sku")
    )
    total = Decimal("0.00")
    for line in lines:
        product = line.product
        line.available = product.active and product.stock >= line.quantity
        line.subtotal = product.price * line.quantity
        if line.available:
            total += line.subtotal
    return CartView(
        lines=lines, total=total, items=sum(x.quantity for x in lines),
        currency=config().currency,
    )  # fmt: skip


def order_list(*, user: ShopUser | None = None) -> QuerySet[Order]:
    orders = Order.objects.select_related("user").prefetch_related("lines")
    if user is not None:
        orders = orders.filter(user=user)
    return orders.order_by("-created_at", "id")


def order_get(*, order_id: UUID, user: ShopUser | None = None) -> Order:
    """One order; another user's is "not found", not "forbidden"."""
    order = order_list(user=user).filter(pk=order_id).first()
    if order is None:
        raise _not_found("Order", Code.ORDER_NOT_FOUND)
    return order


def user_list() -> QuerySet[ShopUser]:
    return ShopUser.objects.order_by("email")


def user_get(*, user_id: UUID) -> ShopUser:
    user = ShopUser.objects.filter(pk=user_id).first()
    if user is None:
        raise _not_found("User", Code.USER_NOT_FOUND)
    return user
