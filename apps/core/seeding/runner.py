"""Running the protocol: which families, seeded how, and their state's hash."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction

from apps.core import families
from apps.core.families import ApiFamily

from .canonical import digest, jsonable
from .context import seeded
from .protocol import (
    DEFAULT_SCALE,
    DEFAULT_SEED,
    Action,
    Outcome,
    check_scale,
    check_seed,
)

ALL = "all"
HOOKS: dict[Action, str] = {"seed": "seeder", "reset": "resetter"}


def seedable() -> list[ApiFamily]:
    """Every family with a seeder, in registry order."""
    return [family for family in families.all_families() if family.seeder]


def select(name: str) -> list[ApiFamily]:
    """``all`` or one seedable family's label → the families to run.

    Raises ``LookupError`` naming the choices."""
    choices = seedable()
    if name == ALL:
        return choices
    for family in choices:
        if family.label == name:
            return [family]
    known = ", ".join([ALL, *(f.label for f in choices)])
    raise LookupError(f"No seedable API family {name!r} (choose one of: {known})")


def run(
    family: ApiFamily,
    action: Action,
    *,
    seed: int = DEFAULT_SEED,
    anchor: datetime | None = None,
    scale: float = DEFAULT_SCALE,
    **options: Any,
) -> Outcome:
    """Seed or reset one family inside the seeded context, in one transaction.

    ``options`` are the family's own (Amazon's ``sellers`` and ``orders``)."""
    hook = family.load(HOOKS[action])
    if hook is None:
        raise LookupError(f"API family {family.label!r} has no {HOOKS[action]}")
    seed, scale = check_seed(seed), check_scale(scale)
    started = time.perf_counter()
    with transaction.atomic(), seeded(seed):
        summary = hook(seed=seed, anchor=anchor, scale=scale, **options)
    if not isinstance(summary, Mapping):
        raise TypeError(
            f"{family.label}'s {HOOKS[action]} returned {type(summary).__name__}, "
            "not a dict"
        )
    return Outcome(
        family=family.label,
        action=action,
        seed=seed,
        anchor=anchor,
        scale=scale,
        summary=jsonable(summary),
        seconds=time.perf_counter() - started,
    )


def snapshot(family: ApiFamily) -> Any:
    """The family's state as canonical-ready JSON data (its ``snapshot()``)."""
    hook = family.load("snapshot")
    if hook is None:
        raise LookupError(f"API family {family.label!r} has no snapshot")
    return jsonable(hook())


def state_digest(family: ApiFamily) -> str:
    """SHA-256 of the canonical JSON of the family's snapshot."""
    return digest(snapshot(family))
