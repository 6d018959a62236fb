"""The seed/reset protocol's types and the checks of its three inputs."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

Action = Literal["seed", "reset"]
ACTIONS: tuple[Action, ...] = ("seed", "reset")
DEFAULT_SEED = 1
DEFAULT_SCALE = 1.0


class Seeder(Protocol):
    """A family's ``seeder`` or ``resetter``: keyword-only ``seed``, ``anchor``
    (``None``: the family's default instant) and ``scale``, plus the family's
    own options; returns a JSON-able summary (a dict, ``counts`` by
    convention)."""

    def __call__(
        self, *, seed: int, anchor: datetime | None, scale: float, **options: Any
    ) -> Mapping[str, Any]: ...


class Snapshot(Protocol):
    """A family's ``snapshot``: its whole state as JSON-able data with no
    value that differs between two runs of the same seed."""

    def __call__(self) -> Any: ...


@dataclass(frozen=True)
class Outcome:
    """One family seeded or reset: the inputs, the family's summary, the time."""

    family: str
    action: Action
    seed: int
    anchor: datetime | None
    scale: float
    summary: dict[str, Any]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "action": self.action,
            "seed": self.seed,
            "anchor": self.anchor.isoformat() if self.anchor else None,
            "scale": self.scale,
            "seconds": round(self.seconds, 3),
            "summary": self.summary,
        }


def parse_anchor(raw: str | None) -> datetime | None:
    """ISO 8601 (``Z`` allowed; no offset means UTC) → aware datetime; empty →
    ``None``. Raises ``ValueError``."""
    if not raw:
        return None
    value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, not {seed!r}")
    return seed


def check_scale(scale: Any) -> float:
    if isinstance(scale, bool) or not isinstance(scale, int | float):
        raise ValueError(f"scale must be a number, not {scale!r}")
    if not math.isfinite(scale) or scale <= 0:
        raise ValueError(f"scale must be a finite number above 0, not {scale!r}")
    return float(scale)
