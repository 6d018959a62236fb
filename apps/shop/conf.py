"""The shop's settings, read once into a config object (never per request);
``setting_changed`` (tests' ``settings`` fixture) drops the cached copy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed


@dataclass(frozen=True)
class ShopConfig:
    max_quantity: int
    max_cart_lines: int
    page_size_max: int
    seed_demo_accounts: bool
    access_lifetime_seconds: int
    currency: str


@cache
def config() -> ShopConfig:
    demo = settings.SHOP_SEED_DEMO_ACCOUNTS
    return ShopConfig(
        max_quantity=settings.SHOP_MAX_QUANTITY,
        max_cart_lines=settings.SHOP_MAX_CART_LINES,
        page_size_max=settings.SHOP_PAGE_SIZE_MAX,
        seed_demo_accounts=settings.DEBUG if demo is None else demo,
        access_lifetime_seconds=int(
            settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds()
        ),
        currency="USD",
    )


def _forget(*, setting: str, **kwargs) -> None:
    if setting.startswith("SHOP_") or setting in ("SIMPLE_JWT", "DEBUG"):
        config.cache_clear()


setting_changed.connect(_forget)
