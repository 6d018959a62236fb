"""The bookstore's reads."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.core.errors import ApiError, ErrorKind

from .errors import BookstoreErrorCode as Code
from .models import Book, Delivery, Order

SORTS = {
    "title": ("title", "isbn"),
    "-title": ("-title", "-isbn"),
    "author": ("author", "title", "isbn"),
    "-author": ("-author", "-title", "-isbn"),
    "price": ("price", "isbn"),
    "-price": ("-price", "-isbn"),
    "year": ("year", "isbn"),
    "-year": ("-year", "-isbn"),
    "stock": ("stock", "isbn"),
    "-stock": ("-stock", "-isbn"),
    "isbn": ("isbn",),
    "-isbn": ("-isbn",),
}


def book_list(
    *,
    author: str | None = None,
    q: str | None = None,
    in_stock: bool | None = None,
    min_price: Decimal | None = None,
    max_price: Decimal | None = None,
    sort: str = "title",
) -> QuerySet[Book]:
    books = Book.objects.all()
    if author:
        books = books.filter(author__icontains=author)
    if q:
        books = books.filter(Q(title__icontains=q) | Q(author__icontains=q))
    if in_stock is True:
        books = books.filter(stock__gt=0)
    elif in_stock is False:
        books = books.filter(stock=0)
    if min_price is not None:
        books = books.filter(price__gte=min_price)
    if max_price is not None:
        books = books.filter(price__lte=max_price)
    return books.order_by(*SORTS[sort])


def book_get(*, isbn: str) -> Book:
    book = Book.objects.filter(isbn=isbn).first()
    if book is None:
        raise ApiError(
            "Book not found", code=Code.BOOK_NOT_FOUND, kind=ErrorKind.NOT_FOUND
        )
    return book


def order_get(*, order_id: UUID) -> Order:
    order = (
        Order.objects.select_related("payment")
        .prefetch_related(
            "lines",
            Prefetch("deliveries", queryset=Delivery.objects.order_by("-created_at")),
        )
        .filter(pk=order_id)
        .first()
    )
    if order is None:
        raise ApiError(
            "Order not found", code=Code.ORDER_NOT_FOUND, kind=ErrorKind.NOT_FOUND
        )
    return order


def delivery_get(*, delivery_id: UUID) -> Delivery:
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        raise ApiError(
            "Delivery not found",
            code=Code.DELIVERY_NOT_FOUND,
            kind=ErrorKind.NOT_FOUND,
        )
    return delivery


def delivery_counts() -> dict[str, int]:
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in Delivery.objects.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts
