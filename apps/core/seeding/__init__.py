"""The kit's seed/reset protocol (documented in full below, once it exists)."""

from .canonical import canonical_json, digest, jsonable, model_rows
from .context import seeded

__all__ = ["canonical_json", "digest", "jsonable", "model_rows", "seeded"]
