"""Canonical JSON of a family's state, its hash, and model rows without the
values that change from run to run.

``canonical_json(data)`` is the one serialisation every snapshot is compared
in: keys sorted, no whitespace, UTF-8, Decimals as their string, datetimes as
UTC ISO 8601, bytes as base64, sets sorted. ``digest(data)`` is its SHA-256.

``model_rows(queryset, relations=...)`` turns rows into plain dicts for a
snapshot: the random UUID key and the timestamps ``BaseModel`` stamps with
now() are dropped, ``deleted_at`` becomes ``deleted`` (whether a row is in the
bin is state; when it went there is not), and every foreign key must be given a
natural key (``{"seller": "seller__selling_partner_id"}``), so a snapshot never
carries a random primary key. Rows come out sorted by their canonical form, so
the database's order does not matter.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

# Set by BaseModel from uuid4() and now(): different on every run.
VOLATILE_FIELDS = frozenset({"id", "created_at", "updated_at", "created_at_epoch"})

NaturalKey = str | tuple[str, ...]


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (dict, list, str, int, float, bool, None)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return value
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=canonical_json)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime in a snapshot: {value!r}")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"not JSON-able: {type(value).__name__}")


def canonical_json(data: Any) -> str:
    return json.dumps(
        jsonable(data),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def digest(data: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``data``."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def model_rows(
    queryset: QuerySet,
    *,
    relations: Mapping[str, NaturalKey] | None = None,
    exclude: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Every row of ``queryset`` as a dict of its stable values, sorted.

    ``relations`` names each foreign key's natural key: a lookup, or a tuple of
    lookups for a composite key (``("package__order__amazon_order_id",
    "package__package_reference_id")``). A foreign key left out of both
    ``relations`` and ``exclude`` is an error: the snapshot would otherwise
    carry a random UUID.
    """
    relations = dict(relations or {})
    skipped = VOLATILE_FIELDS | set(exclude)
    lookups: dict[str, NaturalKey] = {}
    soft_delete = False
    for field in queryset.model._meta.concrete_fields:
        if field.name in skipped:
            continue
        if field.name == "deleted_at":
            soft_delete = True
        elif field.is_relation:
            if field.name not in relations:
                raise ValueError(
                    f"{queryset.model.__name__}.{field.name}: name its natural key "
                    "in relations= or exclude it"
                )
            lookups[field.name] = relations.pop(field.name)
        else:
            lookups[field.name] = field.attname
    if relations:
        raise ValueError(f"relations name no foreign key: {sorted(relations)}")
    paths = [p for key in lookups.values() for p in _paths(key)]
    if soft_delete:
        paths.append("deleted_at")
    rows = []
    for values in queryset.values(*paths):
        row = {
            name: (
                values[key] if isinstance(key, str) else [values[part] for part in key]
            )
            for name, key in lookups.items()
        }
        if soft_delete:
            row["deleted"] = values["deleted_at"] is not None
        rows.append(jsonable(row))
    return sorted(rows, key=canonical_json)


def _paths(key: NaturalKey) -> tuple[str, ...]:
    return (key,) if isinstance(key, str) else key
