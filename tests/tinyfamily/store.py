"""The tiny family's state (in memory: a real family keeps models) and its
seed/reset protocol hooks (apps/core/seeding)."""

import random

from faker import Faker

ITEMS: dict[int, dict] = {1: {"id": 1, "name": "teapot"}}


def seed_items(*, seed: int, anchor=None, scale: float = 1.0) -> dict:
    # runner.run seeds random (and Faker, factory-boy) from ``seed`` first.
    fake = Faker()
    fake.seed_instance(random.getrandbits(32))
    ITEMS.clear()
    for item_id in range(1, round(5 * scale) + 1):
        ITEMS[item_id] = {"id": item_id, "name": fake.word()}
    return {"counts": {"items": len(ITEMS)}}


def reset_items(*, seed: int, anchor=None, scale: float = 1.0) -> dict:
    return seed_items(seed=seed, anchor=anchor, scale=scale)


def snapshot() -> list[dict]:
    return [ITEMS[key] for key in sorted(ITEMS)]
