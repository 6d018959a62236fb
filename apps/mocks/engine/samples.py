"""Sample values that fit an expected-value spec (to fill a path template in
the test button, or a form's defaults)."""

from __future__ import annotations

import random

from apps.core.datagen import RegexUnsupported, generate_matching

from .values import ValueSpec

SAMPLE_VALUES = {
    "integer": "1",
    "number": "1.5",
    "boolean": "true",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "date": "2024-01-31",
    "date-time": "2024-01-31T12:00:00Z",
    "email": "user@example.com",
}


def sample_value(spec: ValueSpec) -> str:
    """A value that fits the spec, to fill a path template."""
    if spec.exact_value:
        return spec.exact_value
    if spec.value_type == "enum" and spec.enum_values:
        return spec.enum_values[0]
    if spec.value_type == "integer" and spec.minimum is not None:
        return str(int(spec.minimum))
    if spec.pattern:
        try:
            return generate_matching(spec.pattern, random.Random(0))
        except RegexUnsupported:
            pass
    value = SAMPLE_VALUES.get(spec.value_type, "sample")
    if spec.min_length and len(value) < spec.min_length:
        value = value + "x" * (spec.min_length - len(value))
    return value
