"""The shop's side of the kit's seed/reset protocol (apps/core/seeding).

Scale 1 is 6 categories and 60 products (``round(60·s)``, at least 1, at most
the name pool), with seeded ids, prices and stock levels (about one in ten out
of stock, one in seven low). ``seed`` and ``reset`` (also ``POST
/shop/api/v1/admin/reset``) restore the catalogue and drop every order, cart
line and inventory change. Registered users are credentials, not state: they
stay, with their roles, but lose their orders and carts. The demo accounts
(``SHOP_SEED_DEMO_ACCOUNTS``, on in development) get their seeded name,
password and role back. The snapshot is the catalogue, the users' emails and
roles, and the ordered quantities by SKU."""

from __future__ import annotations

import random

from django.db.models import Sum

from apps.core.seeding import model_rows

from . import catalogue
from .conf import config
from .models import (
    CartLine,
    Category,
    InventoryChange,
    Order,
    OrderLine,
    Product,
    ShopUser,
)

# Development only (SHOP_SEED_DEMO_ACCOUNTS): documented in docs/shop.md.
DEMO_PASSWORD = "shop-demo-123"
DEMO_ACCOUNTS = [
    ("admin@shop.example", "Demo Admin", ShopUser.Role.ADMIN),
    ("alice@shop.example", "Alice Shopper", ShopUser.Role.SHOPPER),
    ("bob@shop.example", "Bob Shopper", ShopUser.Role.SHOPPER),
]


def _wipe() -> None:
    for model in (InventoryChange, OrderLine, Order, CartLine, Product, Category):
        model.all_objects.all().hard_delete()


def _demo_accounts() -> list[str]:
    emails = []
    for email, name, role in DEMO_ACCOUNTS:
        user = ShopUser.all_objects.filter(email=email).first() or ShopUser(email=email)
        user.name, user.role, user.is_demo, user.deleted_at = name, role, True, None
        user.set_password(DEMO_PASSWORD)
        user.save()
        emails.append(email)
    return emails


def seed(*, seed: int, anchor=None, scale: float = 1.0) -> dict:
    rng = random.Random(random.getrandbits(64))
    _wipe()
    categories = {
        row["slug"]: Category.objects.create(**row) for row in catalogue.categories(rng)
    }
    rows = catalogue.products(rng, max(1, round(catalogue.DEFAULT_PRODUCTS * scale)))
    Product.objects.bulk_create(
        Product(category=categories[row.pop("category_slug")], **row) for row in rows
    )
    summary: dict = {"counts": {"categories": len(categories), "products": len(rows)}}
    if config().seed_demo_accounts:
        summary["demo_accounts"] = _demo_accounts()
        summary["demo_password"] = DEMO_PASSWORD
    return summary


def reset(*, seed: int, anchor=None, scale: float = 1.0) -> dict:
    return globals()["seed"](seed=seed, anchor=anchor, scale=scale)


def snapshot() -> dict:
    ordered = (
        OrderLine.objects.values("sku")
        .annotate(quantity=Sum("quantity"))
        .order_by("sku")
    )
    return {
        "categories": model_rows(Category.objects.all()),
        "products": model_rows(
            Product.objects.all(), relations={"category": "category__slug"}
        ),
        "users": list(ShopUser.objects.order_by("email").values("email", "role")),
        "ordered": list(ordered),
    }


def credentials() -> list[dict[str, str]]:
    """The portal's APIs page (development only): the demo accounts, when seeded."""
    seeded = set(ShopUser.objects.filter(is_demo=True).values_list("email", flat=True))
    return [
        {"label": f"{role.label} login", "value": f"{email} / {DEMO_PASSWORD}"}
        for email, _name, role in DEMO_ACCOUNTS
        if email in seeded
    ]
