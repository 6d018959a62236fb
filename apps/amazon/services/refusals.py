"""Refusing a write request before anything is written.

The write services (shipments, regulated orders, inventory items) check their
JSON bodies with these helpers and refuse a bad one with ``RequestRefused``
(the kit's ``ApiError``), which the SP-API renderer turns into the envelope.
"""

from typing import Any

from apps.core.errors import ApiError, ErrorKind


class RequestRefused(ApiError):
    """The request is refused (HTTP 400 unless ``status`` says otherwise);
    ``details`` says why, ``message`` overrides the envelope's message."""

    def __init__(
        self, details: str, *, message: str | None = None, status: int = 400
    ) -> None:
        kind = ErrorKind.NOT_FOUND if status == 404 else ErrorKind.VALIDATION
        super().__init__(message, status=status, kind=kind, details=details)


def json_object(value: Any, name: str) -> dict:
    if not isinstance(value, dict):
        raise RequestRefused(f"{name} must be a JSON object.")
    return value


def text_field(
    data: dict, key: str, at: str, *, required: bool, max_length: int
) -> str:
    """``data[key]`` stripped; "" when absent and not required."""
    value = data.get(key)
    if value is None:
        if required:
            raise RequestRefused(f"Missing required field: {at}{key}.")
        return ""
    if not isinstance(value, str):
        raise RequestRefused(f"{at}{key} must be a string.")
    value = value.strip()
    if required and not value:
        raise RequestRefused(f"{at}{key} must not be empty.")
    if len(value) > max_length:
        raise RequestRefused(f"{at}{key} must be at most {max_length} characters.")
    return value


def positive_int(value: Any, name: str, *, maximum: int | None = None) -> int:
    # JSON booleans are ints to Python; the models' type is integer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestRefused(f"{name} must be an integer.")
    if value < 1:
        raise RequestRefused(f"{name} must be at least 1.")
    if maximum is not None and value > maximum:
        raise RequestRefused(f"{name} must be at most {maximum}.")
    return value
