"""The bookstore's settings, read once into a config object (never per request);
``setting_changed`` (tests' ``settings`` fixture) drops the cached copy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed


@dataclass(frozen=True)
class BookstoreConfig:
    max_quantity: int
    max_items: int
    page_size_max: int
    delivery_step_seconds: float
    delivery_horizon_days: int
    payment_timeout_seconds: float
    currency: str


@cache
def config() -> BookstoreConfig:
    return BookstoreConfig(
        max_quantity=settings.BOOKSTORE_MAX_QUANTITY,
        max_items=settings.BOOKSTORE_MAX_ITEMS,
        page_size_max=settings.BOOKSTORE_PAGE_SIZE_MAX,
        delivery_step_seconds=settings.BOOKSTORE_DELIVERY_STEP_SECONDS,
        delivery_horizon_days=settings.BOOKSTORE_DELIVERY_HORIZON_DAYS,
        payment_timeout_seconds=settings.BOOKSTORE_PAYMENT_TIMEOUT_SECONDS,
        currency="USD",
    )


def _forget(*, setting: str, **kwargs) -> None:
    if setting.startswith("BOOKSTORE_"):
        config.cache_clear()


setting_changed.connect(_forget)
