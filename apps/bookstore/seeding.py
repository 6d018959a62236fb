"""The bookstore's side of the kit's seed/reset protocol (apps/core/seeding).

Scale 1 is 120 books (``round(120·s)``, at least 1). ``seed`` and ``reset``
both restore the catalogue and clear sales and deliveries (orders, lines,
payments, stock movements, deliveries); API keys are credentials, not state,
and survive — except the demo key ``secret123``, created only when
``BOOKSTORE_SEED_DEMO_KEY`` is on (the dev default). The snapshot is the
catalogue (stock included) and the ordered quantities by ISBN."""

from __future__ import annotations

import random

from django.conf import settings
from django.db.models import Sum

from apps.core.seeding import model_rows

from . import catalogue
from .models import ApiKey, Book, Delivery, Order, OrderLine, Payment, StockMovement
from .services import api_key_create

DEFAULT_BOOKS = 120
DEMO_KEY = "secret123"


def _wipe() -> None:
    for model in (Delivery, StockMovement, Payment, OrderLine, Order, Book):
        model.all_objects.all().hard_delete()


def seed(*, seed: int, anchor=None, scale: float = 1.0) -> dict:
    # runner.run has seeded random from ``seed``; draw from one generator.
    rng = random.Random(random.getrandbits(64))
    _wipe()
    rows = catalogue.books(rng, max(1, round(DEFAULT_BOOKS * scale)))
    Book.objects.bulk_create(Book(**row) for row in rows)
    summary: dict = {"counts": {"books": len(rows)}}
    demo = settings.BOOKSTORE_SEED_DEMO_KEY
    if demo if demo is not None else settings.DEBUG:
        if not ApiKey.objects.filter(key_hash=ApiKey.hash(DEMO_KEY)).exists():
            api_key_create(name="demo", raw=DEMO_KEY)
        summary["api_key"] = DEMO_KEY
    return summary


def reset(*, seed: int, anchor=None, scale: float = 1.0) -> dict:
    return globals()["seed"](seed=seed, anchor=anchor, scale=scale)


def snapshot() -> dict:
    ordered = (
        OrderLine.objects.values("isbn")
        .annotate(quantity=Sum("quantity"))
        .order_by("isbn")
    )
    return {
        "books": model_rows(Book.objects.all()),
        "ordered": list(ordered),
    }


def credentials() -> list[dict[str, str]]:
    """The portal's APIs page (development only): the demo key, when seeded."""
    from .models import ApiKey

    if ApiKey.objects.filter(key_hash=ApiKey.hash(DEMO_KEY), revoked_at=None).exists():
        return [{"label": "X-API-Key", "value": DEMO_KEY}]
    return []
