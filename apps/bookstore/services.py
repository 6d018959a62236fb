"""The bookstore's writes: API keys, stock adjustments, orders (payment and
stock reservation in one transaction), deliveries and their progression."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core.errors import ApiError, ErrorKind, FieldError

from . import events, payments
from .conf import config
from .errors import BookstoreErrorCode as Code
from .models import (
    NEXT_STATUS,
    ApiKey,
    Book,
    Delivery,
    Order,
    OrderLine,
    Payment,
    StockMovement,
)

# --- API keys -------------------------------------------------------------------
# last_used_at is written at most this often per key, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def api_key_create(*, name: str, raw: str | None = None) -> tuple[ApiKey, str]:
    """A new key and its plain value (shown once, never stored)."""
    raw = raw or ApiKey.generate()
    key = ApiKey.objects.create(name=name, key_hash=ApiKey.hash(raw), prefix=raw[:8])
    return key, raw


def api_key_authenticate(raw: str) -> ApiKey | None:
    key = ApiKey.objects.filter(key_hash=ApiKey.hash(raw), revoked_at=None).first()
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or key.last_used_at < now - LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def api_key_revoke(*, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at", "updated_at"])
    return key


# --- Inventory --------------------------------------------------------------------
def stock_adjust(*, book: Book, stock: int, actor: str, note: str = "") -> Book:
    """Set a book's stock (admin), logging the movement; under a row lock so a
    concurrent order's reservation is never lost."""
    if stock < 0:
        raise ApiError("Stock cannot be negative", kind=ErrorKind.VALIDATION)
    with transaction.atomic():
        locked = Book.objects.select_for_update().get(pk=book.pk)
        delta = stock - locked.stock
        if delta:
            Book.objects.filter(pk=book.pk).update(stock=stock)
            StockMovement.objects.create(
                book=locked, delta=delta, stock_after=stock,
                reason=StockMovement.Reason.ADJUSTMENT, actor=actor, note=note,
            )  # fmt: skip
    book.stock = stock
    return book


# --- Sales ------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    number: str
    brand_hint: str = ""


def _merge(items: list[dict]) -> dict[str, int]:
    """Quantities by ISBN-13 (duplicates summed), in the order first seen."""
    merged: dict[str, int] = {}
    for item in items:
        merged[item["isbn"]] = merged.get(item["isbn"], 0) + item["quantity"]
    return merged


def _load_books(merged: dict[str, int], items: list[dict]) -> dict[str, Book]:
    books = {b.isbn: b for b in Book.objects.filter(isbn__in=list(merged))}
    errors = []
    reported: set[str] = set()  # one quantity error per ISBN, at its first line
    max_quantity = config().max_quantity
    for index, item in enumerate(items):
        isbn = item["isbn"]
        if isbn not in books:
            errors.append(
                FieldError(
                    ("body", "items", index, "isbn"),
                    f"Unknown ISBN {isbn}",
                    "unknown_isbn",
                    item["raw_isbn"],
                )
            )
        elif merged[isbn] > max_quantity and isbn not in reported:
            reported.add(isbn)
            errors.append(
                FieldError(
                    ("body", "items", index, "quantity"),
                    f"Total quantity of {isbn} must be at most {max_quantity} "
                    f"(duplicates are added up)",
                    "less_than_equal",
                    isbn,
                )
            )
    if errors:
        events.order_refused("invalid")
        raise ApiError(kind=ErrorKind.VALIDATION, fields=errors)
    return books


def _order_number() -> str:
    return "BK-" + secrets.token_hex(5).upper()


def order_place(
    *, items: list[dict], customer: dict, card: Card, api_key: ApiKey | None
) -> Order:
    """Place an order: all of it or nothing.

    ``items`` are ``{"isbn": <ISBN-13>, "raw_isbn", "quantity"}``. The card is
    authorized before any row is locked (a slow processor must not hold other
    orders' stock); then one transaction locks the books in ISBN order (so two
    orders never deadlock), checks every line's stock, re-checks the prices the
    amount was authorized for, takes the stock and writes order, lines, payment
    and stock movements. Any refusal raises before anything is written.
    """
    merged = _merge(items)
    books = _load_books(merged, items)
    cfg = config()
    amount = sum((books[i].price * q for i, q in merged.items()), Decimal("0"))
    auth = payments.authorize(
        number=card.number, amount=amount, currency=cfg.currency,
        timeout_seconds=cfg.payment_timeout_seconds,
    )  # fmt: skip
    if auth.outcome == payments.PaymentOutcome.TIMEOUT:
        events.payment_failed(auth.outcome, amount=amount)
        raise ApiError(
            "Payment processor timed out; no charge was made, retry later",
            code=Code.PAYMENT_TIMEOUT, kind=ErrorKind.OTHER, status=504,
        )  # fmt: skip
    if not auth.approved:
        events.payment_failed(auth.outcome, amount=amount)
        raise ApiError(
            f"Payment declined: {auth.reason}",
            code=Code.PAYMENT_DECLINED, kind=ErrorKind.OTHER, status=402,
            extra={"detail": {"message": "Payment declined", "reason": auth.outcome,
                              "decline_message": auth.reason}},
        )  # fmt: skip
    with transaction.atomic():
        locked = {
            b.isbn: b
            for b in Book.objects.select_for_update()
            .filter(isbn__in=list(merged))
            .order_by("isbn")
        }
        short = [
            {"isbn": isbn, "requested": qty, "available": locked[isbn].stock}
            for isbn, qty in merged.items()
            if locked[isbn].stock < qty
        ]
        if short:
            events.stock_conflict(short)
            raise ApiError(
                "Insufficient stock", code=Code.INSUFFICIENT_STOCK,
                kind=ErrorKind.CONFLICT,
                extra={"detail": {"message": "Insufficient stock", "items": short}},
            )  # fmt: skip
        total = sum((locked[i].price * q for i, q in merged.items()), Decimal("0"))
        if total != amount:
            events.order_refused("price_changed")
            raise ApiError(
                "Prices changed while the order was placed; no charge was made, "
                "retry to order at the current prices",
                code=Code.PRICE_CHANGED, kind=ErrorKind.CONFLICT,
            )  # fmt: skip
        order = Order.objects.create(
            number=_order_number(), status=Order.Status.PAID,
            customer_name=customer["name"], customer_email=customer["email"],
            total=total, currency=cfg.currency, api_key=api_key,
        )  # fmt: skip
        lines, movements = [], []
        for isbn, qty in merged.items():
            book = locked[isbn]
            book.stock -= qty
            book.save(update_fields=["stock", "updated_at"])
            lines.append(
                OrderLine(
                    order=order,
                    book=book,
                    isbn=isbn,
                    title=book.title,
                    unit_price=book.price,
                    quantity=qty,
                    line_total=book.price * qty,
                )
            )
            movements.append(
                StockMovement(
                    book=book,
                    delta=-qty,
                    stock_after=book.stock,
                    reason=StockMovement.Reason.ORDER,
                    order=order,
                )
            )
        OrderLine.objects.bulk_create(lines)
        StockMovement.objects.bulk_create(movements)
        Payment.objects.create(
            order=order, transaction_id=auth.transaction_id, amount=total,
            currency=cfg.currency, card_brand=auth.brand, card_last4=auth.last4,
        )  # fmt: skip
        transaction.on_commit(lambda: events.order_placed(order, items=len(lines)))
    return order


# --- Delivery ---------------------------------------------------------------------
def delivery_schedule(
    *, order: Order, address: dict, requested_date: date, window: str
) -> Delivery:
    """Schedule the delivery of a paid order; the progression starts on commit."""
    if order.status != Order.Status.PAID:
        raise ApiError(
            f"Order {order.pk} is not paid (status: {order.status})",
            code=Code.ORDER_NOT_PAID, kind=ErrorKind.CONFLICT,
        )  # fmt: skip
    _check_date(requested_date)
    conflict = ApiError(
        f"Order {order.pk} already has an active delivery",
        code=Code.DELIVERY_EXISTS, kind=ErrorKind.CONFLICT,
    )  # fmt: skip
    if Delivery.objects.filter(order=order, status__in=Delivery.ACTIVE).exists():
        raise conflict
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                order=order, requested_date=requested_date, window=window,
                scheduled_at=timezone.now(), **address,
            )  # fmt: skip
    except IntegrityError:  # a concurrent request won (the partial unique index)
        raise conflict from None
    transaction.on_commit(lambda: _after_change(delivery, previous=None))
    return delivery


def _check_date(requested: date) -> None:
    today = timezone.localdate()
    horizon = config().delivery_horizon_days
    if requested < today:
        message = "Requested date is in the past"
    elif requested > today + timedelta(days=horizon):
        message = f"Requested date is more than {horizon} days ahead"
    else:
        return
    raise ApiError(
        kind=ErrorKind.VALIDATION,
        fields=[
            FieldError(
                ("body", "requested_date"),
                message,
                "date_out_of_range",
                requested.isoformat(),
            )
        ],
    )


def delivery_advance(*, delivery_id, from_status: str) -> Delivery | None:
    """Move a delivery one step on, if it is still at ``from_status``.

    A conditional update: a retried or duplicated task finds the status moved
    and does nothing, so the task is safe to run twice."""
    if from_status not in NEXT_STATUS:
        return None
    status, stamp = NEXT_STATUS[from_status]
    moved = Delivery.objects.filter(pk=delivery_id, status=from_status).update(
        status=status, **{stamp: timezone.now()}, updated_at=timezone.now()
    )
    if not moved:
        return None
    delivery = Delivery.objects.get(pk=delivery_id)
    _after_change(delivery, previous=from_status)
    return delivery


# When a step's task is late by this much beyond its pace it was lost (a broker
# restart, a purged queue), not slow: beat's sweep takes the step instead.
OVERDUE_GRACE = timedelta(seconds=60)
SWEEP_BATCH = 500
STAMP_OF = {
    Delivery.Status.SCHEDULED: "scheduled_at",
    Delivery.Status.DISPATCHED: "dispatched_at",
    Delivery.Status.IN_TRANSIT: "in_transit_at",
}


def delivery_advance_overdue(*, now=None) -> int:
    """Advance every active delivery whose next step is overdue; returns how
    many moved. Safe beside the countdown tasks: both use the same
    conditional update, so a step is taken once."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=config().delivery_step_seconds) - OVERDUE_GRACE
    moved = 0
    for status, stamp in STAMP_OF.items():
        late = Delivery.objects.filter(status=status, **{f"{stamp}__lt": cutoff})
        for pk in late.values_list("pk", flat=True)[:SWEEP_BATCH]:
            moved += delivery_advance(delivery_id=pk, from_status=status) is not None
    return moved


def _after_change(delivery: Delivery, *, previous: str | None) -> None:
    events.delivery_status_changed(delivery, previous=previous)
    if delivery.status in NEXT_STATUS:
        from .tasks import advance_delivery

        advance_delivery.apply_async(
            args=[str(delivery.pk), delivery.status],
            countdown=config().delivery_step_seconds,
        )
