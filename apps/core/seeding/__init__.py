"""The kit's seed/reset protocol (documented in full below, once it exists)."""

from .canonical import canonical_json, digest, jsonable, model_rows
from .context import seeded
from .protocol import Outcome

__all__ = ["Outcome", "canonical_json", "digest", "jsonable", "model_rows", "seeded"]
