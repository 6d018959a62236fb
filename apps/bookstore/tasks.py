"""Celery tasks: thin wrappers over services, idempotent and safe to retry."""

from celery import shared_task
from django.db import OperationalError

from .services import delivery_advance, delivery_advance_overdue


@shared_task(
    name="bookstore.advance_delivery",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def advance_delivery(delivery_id: str, from_status: str) -> str | None:
    """One step of a delivery's progression; the service enqueues the next."""
    delivery = delivery_advance(delivery_id=delivery_id, from_status=from_status)
    return delivery.status if delivery else None


@shared_task(
    name="bookstore.advance_overdue_deliveries", autoretry_for=(OperationalError,)
)
def advance_overdue_deliveries() -> int:
    """Beat's safety net (every minute): steps whose countdown task was lost."""
    return delivery_advance_overdue()
