"""Serializer errors as FastAPI reports them: every failing field at once, with
where it came from (``query``, ``body``) and the value that was sent. Shared by
the FastAPI-style families (bookstore, shop)."""

from __future__ import annotations

import uuid
from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from apps.core.errors import MISSING, ApiError, ErrorKind, FieldError, iter_field_errors


def _input_at(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return MISSING
    return data


def validated(
    serializer_class, data, *, location: str, secret: frozenset = frozenset(),
    **context,
) -> dict:  # fmt: skip
    """``secret``: field names whose value an error never echoes (``input`` is
    null), so a rejected password is neither sent back nor journaled."""
    serializer = serializer_class(data=data, context=context)
    if serializer.is_valid():
        return serializer.validated_data
    fields = [
        FieldError(
            (location, *error.loc),
            error.message,
            error.code,
            MISSING if error.loc[-1:] and error.loc[-1] in secret
            else _input_at(data, error.loc),
        )
        for error in iter_field_errors(serializer.errors)
    ]  # fmt: skip
    raise ApiError(kind=ErrorKind.VALIDATION, fields=fields)


def query_dict(request) -> dict[str, str]:
    """Query parameters, the last value of each (as FastAPI reads scalars)."""
    return {key: request.query_params.get(key) for key in request.query_params}


class StrictSerializer(serializers.Serializer):
    """Unknown fields are an error, not silently dropped: a typo in a client
    (``quantitiy``) is reported instead of ordering the default. Works nested,
    and reports the unknown fields together with every other error.

    Rules across fields go in ``cross_check(data)``, on the raw data: unlike
    DRF's ``validate()``, which only runs once every field is valid, its
    errors are reported together with the fields' own."""

    def cross_check(self, data: dict) -> dict[str, str]:
        return {}

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        errors: dict = {}
        value = None
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            errors = dict(exc.detail)
        for name in unknown:
            errors[name] = [
                ErrorDetail("Extra inputs are not permitted", code="extra_forbidden")
            ]
        if isinstance(data, dict):
            for name, message in self.cross_check(data).items():
                errors.setdefault(name, [ErrorDetail(message, code="value_error")])
        if errors:
            raise serializers.ValidationError(errors)
        return value


def path_uuid(raw: str, name: str) -> uuid.UUID:
    """A UUID path parameter, or FastAPI's 422 ``uuid_parsing`` at ``path.<name>``."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(
            kind=ErrorKind.VALIDATION,
            fields=[FieldError(("path", name), "Input should be a valid UUID",
                               "uuid_parsing", raw)],
        ) from None  # fmt: skip
