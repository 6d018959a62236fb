"""Check one raw header or URL-parameter value against its expected-value spec.

The spec is any object with the attributes of ``mocks.ExpectedValue`` (a model
row or the engine's compiled copy). Messages are plain English: they end up in
problem+json bodies, which are a contract rather than UI prose.
"""

import datetime as dt
import re
import uuid
from typing import Any, Protocol

from apps.core.datagen.patterns import fullmatch

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TRUE_WORDS = {"true", "1", "yes", "on"}
FALSE_WORDS = {"false", "0", "no", "off"}
INTEGER_RE = re.compile(r"^[+-]?\d+$")


class ValueSpec(Protocol):
    value_type: str
    minimum: float | None
    maximum: float | None
    min_length: int | None
    max_length: int | None
    pattern: str
    enum_values: list[str]
    exact_value: str


def _parse(value_type: str, raw: str) -> tuple[Any, str | None]:
    """(parsed value, problem) for the type."""
    if value_type == "integer":
        if not INTEGER_RE.match(raw):
            return None, "must be an integer"
        return int(raw), None
    if value_type == "number":
        try:
            number = float(raw)
        except ValueError:
            return None, "must be a number"
        if number != number or number in (float("inf"), float("-inf")):
            return None, "must be a finite number"
        return number, None
    if value_type == "boolean":
        word = raw.lower()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return None, "must be a boolean (true/false)"
    if value_type == "uuid":
        try:
            return uuid.UUID(raw), None
        except ValueError:
            return None, "must be a UUID"
    if value_type == "date":
        try:
            return dt.date.fromisoformat(raw), None
        except ValueError:
            return None, "must be a date (YYYY-MM-DD)"
    if value_type == "date-time":
        try:
            parsed = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None, "must be an RFC 3339 date-time"
        if "T" not in raw.upper():
            return None, "must be an RFC 3339 date-time"
        return parsed, None
    if value_type == "email":
        if not EMAIL_RE.match(raw):
            return None, "must be an email address"
        return raw, None
    return raw, None


def check_value(spec: ValueSpec, raw: str, *, check_exact: bool = True) -> list[str]:
    """Every way ``raw`` breaks the spec; an empty list means it fits."""
    problems: list[str] = []
    if check_exact and spec.exact_value:
        if raw != spec.exact_value:
            problems.append(f"must equal {spec.exact_value!r}")
        return problems
    value, problem = _parse(spec.value_type, raw)
    if problem:
        return [problem]
    if spec.value_type == "enum" and raw not in (spec.enum_values or []):
        problems.append("must be one of " + ", ".join(spec.enum_values or []))
    if spec.value_type in ("integer", "number"):
        if spec.minimum is not None and value < spec.minimum:
            problems.append(f"must be at least {_num(spec.minimum)}")
        if spec.maximum is not None and value > spec.maximum:
            problems.append(f"must be at most {_num(spec.maximum)}")
    if spec.min_length is not None and len(raw) < spec.min_length:
        problems.append(f"must be at least {spec.min_length} characters long")
    if spec.max_length is not None and len(raw) > spec.max_length:
        problems.append(f"must be at most {spec.max_length} characters long")
    # RE2, linear in len(raw): no configured pattern can stall the worker.
    # A pattern RE2 refuses (saved before the check) raises PatternUnsupported.
    if spec.pattern and not fullmatch(spec.pattern, raw):
        problems.append(f"must match the pattern {spec.pattern!r}")
    return problems


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
