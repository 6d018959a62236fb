"""The engine's tunables, passed in by the caller (the Django edge builds one
from settings; a test or another host builds its own)."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.core.datagen import GenerationLimits


@dataclass(frozen=True, slots=True)
class EngineConfig:
    # Largest request body read; above it the answer is 413.
    max_body_bytes: int = 1_048_576
    # Deepest JSON request body parsed; deeper is a 400 (never a RecursionError).
    json_max_depth: int = 100
    # How long the ``timeout`` fault hangs before its 504.
    chaos_timeout_seconds: float = 35.0
    # How long the ``slow_drip`` fault spreads the body over.
    chaos_drip_seconds: float = 4.0
    # Upper bound of the ``random_delay`` fault's extra wait.
    chaos_max_random_delay_ms: float = 5000.0
    # Seconds between a worker's checks of the shared config version.
    version_check_interval: float = 0.5
    # Bounds of response schemas (refused at save beyond them) and the budget
    # of one generated body (a problem+json 500 when a call would exceed it).
    generation: GenerationLimits = field(default_factory=GenerationLimits)
