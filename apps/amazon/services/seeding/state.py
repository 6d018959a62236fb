"""What the phases of one ``seed_amazon`` run share, and what it returns."""

import random
import time
from dataclasses import dataclass, field
from datetime import datetime

from faker import Faker

FAKER_LOCALES = {"US": "en_US", "CA": "en_CA", "MX": "es_MX"}


@dataclass
class SellerCredentials:
    selling_partner_id: str
    name: str
    marketplace_ids: list[str]
    refresh_token: str


@dataclass
class SeedSummary:
    client_id: str
    client_secret: str
    sellers: list[SellerCredentials] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class SeedRun:
    """One run's inputs and running state.

    Every phase draws from ``rng`` in a fixed order, so the same seed and anchor
    give the same data; a phase that drew one value more would shift every
    value after it."""

    seed: int
    anchor: datetime
    rng: random.Random
    fakers: dict[str, Faker] = field(init=False)
    counts: dict[str, int] = field(
        default_factory=lambda: {
            "listings": 0,
            "inventory": 0,
            "orders": 0,
            "order_items": 0,
        }
    )
    # Ids already taken (by any seller): new ones are drawn again on a clash.
    used_order_ids: set[str] = field(default_factory=set)
    used_item_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.fakers = {}
        for offset, (country, locale) in enumerate(FAKER_LOCALES.items()):
            fake = Faker(locale)
            fake.seed_instance(self.seed * 100 + offset)
            self.fakers[country] = fake


def stamp(objs: list) -> list:
    """``bulk_create`` skips ``save()``, which sets the epoch column."""
    epoch = int(time.time())
    for obj in objs:
        obj.created_at_epoch = epoch
    return objs
