"""The query of a generator request, checked as FastAPI checks it: every bad
parameter in one 422, each with pydantic's type, location, message and the
input as sent."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from apps.core.errors import ApiError, ErrorKind, FieldError

from .engine import LOCALES
from .engine.formats import FORMATS
from .engine.pools import DEFAULT_LOCALE

LIMIT_MAX = 10_000
LIMIT_DEFAULT = 1_000
OFFSET_MAX = 1_000_000  # the largest universe (docs/generator.md)
SEED_BOUND = 2**63  # a signed 64-bit integer, as a database column holds it
# Accept media types per format; anything else (or */*) is JSON, as FastAPI
# serves JSON whatever the client accepts.
MEDIA_TYPES = {
    "application/json": "json",
    "text/csv": "csv",
    "application/csv": "csv",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
}


@dataclass(frozen=True)
class Query:
    format: str
    limit: int
    offset: int
    seed: int
    locale: str


def _choices(values) -> str:
    quoted = [f"'{v}'" for v in values]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


def _integer(
    params, name: str, default, low: int, high: int, errors: list
) -> int | None:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        errors.append(FieldError(
            ("query", name), "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing", raw,
        ))  # fmt: skip
        return None
    if value < low:
        errors.append(FieldError(
            ("query", name), f"Input should be greater than or equal to {low}",
            "greater_than_equal", raw,
        ))  # fmt: skip
    elif value > high:
        errors.append(FieldError(
            ("query", name), f"Input should be less than or equal to {high}",
            "less_than_equal", raw,
        ))  # fmt: skip
    return value


def _choice(params, name: str, choices, default, errors: list) -> str | None:
    raw = params.get(name)
    if raw is None:
        return default
    if raw in choices:
        return raw
    errors.append(
        FieldError(("query", name), f"Input should be {_choices(choices)}", "enum", raw)
    )
    return None


def negotiated(accept: str) -> str:
    """The format an Accept header asks for (highest q first), else JSON."""
    best, best_q = "json", -1.0
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        fmt = MEDIA_TYPES.get(media.lower())
        # Earlier entries win ties, as in the header's own order.
        if fmt and q > 0 and q - position * 1e-9 > best_q:
            best, best_q = fmt, q - position * 1e-9
    return best


def parse(params, accept: str = "") -> Query:
    """``params``: the query dict. Raises one ApiError naming every bad one."""
    errors: list[FieldError] = []
    fmt = _choice(params, "format", FORMATS, None, errors)
    limit = _integer(params, "limit", LIMIT_DEFAULT, 1, LIMIT_MAX, errors)
    offset = _integer(params, "offset", 0, 0, OFFSET_MAX, errors)
    seed = _integer(params, "seed", None, -SEED_BOUND, SEED_BOUND - 1, errors)
    locale = _choice(params, "locale", tuple(LOCALES), DEFAULT_LOCALE, errors)
    if errors:
        raise ApiError(kind=ErrorKind.VALIDATION, fields=errors)
    return Query(
        format=fmt or negotiated(accept),
        limit=limit,
        offset=offset,
        seed=secrets.randbelow(2**31) if seed is None else seed,
        locale=locale,
    )
