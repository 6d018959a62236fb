"""A tiny test-only API family with in-memory state, for the seeding kit's
tests: its seeder draws from the shared generators the seeded context seeds,
so its state shows whether the context did its job."""

import random

import factory.random
from django.urls import path
from faker import Faker

from apps.core.families import ApiFamily
from apps.core.seeding.views import reset_view

STATE: dict = {}


def toy_seed(*, seed, anchor, scale, **options):
    STATE["rows"] = [
        {
            "n": random.randrange(10**9),
            "fuzzy": factory.random.randgen.randrange(10**9),
            "name": Faker().name(),
        }
        for _ in range(round(3 * scale))
    ]
    STATE["anchor"] = anchor
    STATE["options"] = options
    return {"counts": {"rows": len(STATE["rows"])}, "anchor": anchor}


def toy_reset(*, seed, anchor, scale, **options):
    STATE.clear()
    return toy_seed(seed=seed, anchor=anchor, scale=scale, **options)


def snapshot():
    return dict(STATE)


def not_a_dict(**kwargs):
    return ["rows"]


def broken(**kwargs):
    raise LookupError("the toy store is closed")


def _family(label: str, **overrides) -> ApiFamily:
    hooks = {
        "seeder": f"{__name__}.toy_seed",
        "resetter": f"{__name__}.toy_reset",
        "snapshot": f"{__name__}.snapshot",
    }
    return ApiFamily(
        label=label, title=f"{label} API", prefix=label, **{**hooks, **overrides}
    )


FAMILY = _family("toy")
# Stamps a request id, as amazon does.
TRACED = _family("traced", request_id_header="X-Request-Id")
# Answers errors as FastAPI does.
FASTAPI = _family("fastish", renderer="apps.core.errors.FastApiRenderer")
# Its seeder answers a list, not a dict.
LISTY = _family(
    "listy", seeder=f"{__name__}.not_a_dict", resetter=f"{__name__}.not_a_dict"
)
# Seeds, but has no resetter or snapshot.
SEED_ONLY = _family("seedonly", resetter=None, snapshot=None)
BROKEN = _family("broken", seeder=f"{__name__}.broken", resetter=f"{__name__}.broken")

urlpatterns = [
    path("toy/_mock/reset", reset_view(FAMILY).as_view()),
    path("traced/_mock/reset", reset_view(TRACED).as_view()),
    path("fastish/_mock/reset", reset_view(FASTAPI).as_view()),
]
