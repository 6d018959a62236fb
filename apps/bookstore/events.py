"""Business events: one structured log line each (apps/core/logs.py renders
``extra`` fields as JSON keys) and the matching metric."""

from __future__ import annotations

import logging

from . import metrics

logger = logging.getLogger("bookstore.events")


def emit(event: str, **fields) -> None:
    logger.info(event, extra={"event": event, **fields})


def order_placed(order, *, items: int) -> None:
    metrics.ORDERS.labels("placed").inc()
    metrics.PAYMENTS.labels("succeeded").inc()
    emit(
        "order_placed", order_id=str(order.pk), number=order.number,
        total=str(order.total), items=items,
    )  # fmt: skip


def payment_failed(result: str, *, amount) -> None:
    metrics.ORDERS.labels("payment_failed").inc()
    metrics.PAYMENTS.labels(result).inc()
    emit("payment_declined", result=result, amount=str(amount))


def stock_conflict(short: list[dict]) -> None:
    metrics.ORDERS.labels("stock_conflict").inc()
    metrics.STOCK_CONFLICTS.inc()
    emit("stock_conflict", short=short)


def order_refused(outcome: str) -> None:
    metrics.ORDERS.labels(outcome).inc()


def delivery_status_changed(delivery, *, previous: str | None) -> None:
    metrics.DELIVERY_TRANSITIONS.labels(delivery.status).inc()
    emit(
        "delivery_status_changed", delivery_id=str(delivery.pk),
        order_id=str(delivery.order_id), previous=previous, status=delivery.status,
    )  # fmt: skip
