"""One classifier for the whole project: any exception → ``ErrorInfo``.

DRF's and Django's exceptions (validation, parse, authentication, permission,
not found, method not allowed, media type, throttling, too large), the kit's
``ApiError`` and anything unexpected all come out as the same neutral value,
which each family's renderer turns into its own body.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.core import exceptions as django_exc
from django.db import InterfaceError as DbInterfaceError
from django.db import OperationalError as DbOperationalError
from django.http import Http404
from django_ratelimit.exceptions import Ratelimited
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import exceptions as drf
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings

from .types import ApiError, ErrorInfo, ErrorKind, FieldError

# A dependency that cannot be reached (the database, its pool exhausted, Redis
# as cache or broker): the request may succeed later, so 503 with Retry-After
# in the family's shape, not a 500. Rate limits that count in Redis fail
# closed this way: no request passes uncounted.
UNAVAILABLE_ERRORS = (
    DbOperationalError,
    DbInterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    BrokerError,
)
UNAVAILABLE_RETRY_AFTER = 5

NON_FIELD_KEYS = frozenset({"__all__", api_settings.NON_FIELD_ERRORS_KEY})

_DRF_KINDS: tuple[tuple[type[drf.APIException], ErrorKind], ...] = (
    (drf.Throttled, ErrorKind.THROTTLED),
    (drf.NotAuthenticated, ErrorKind.NOT_AUTHENTICATED),
    (drf.AuthenticationFailed, ErrorKind.AUTHENTICATION_FAILED),
    (drf.PermissionDenied, ErrorKind.PERMISSION_DENIED),
    (drf.NotFound, ErrorKind.NOT_FOUND),
    (drf.MethodNotAllowed, ErrorKind.METHOD_NOT_ALLOWED),
    (drf.NotAcceptable, ErrorKind.NOT_ACCEPTABLE),
    (drf.UnsupportedMediaType, ErrorKind.UNSUPPORTED_MEDIA_TYPE),
    (drf.ParseError, ErrorKind.PARSE),
)


def iter_field_errors(detail: Any, loc: tuple = ()) -> Iterator[FieldError]:
    """DRF/Django error detail as flat ``FieldError``s.

    Nested dicts extend the path, list positions become ints; keys that are
    already paths (a service's ``headers[1].name``) stay one element, and the
    non-field keys (``__all__``, ``non_field_errors``) add nothing.
    """
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if isinstance(key, int):
                child = (*loc, key)
            elif str(key) in NON_FIELD_KEYS:
                child = loc
            else:
                child = (*loc, str(key))
            yield from iter_field_errors(value, child)
    elif isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list | tuple):
                yield from iter_field_errors(item, (*loc, index))
            else:
                yield from iter_field_errors(item, loc)
    else:
        yield FieldError(
            loc=loc,
            message=str(detail),
            code=getattr(detail, "code", None) or "invalid",
        )


def _one_line(detail: Any) -> str:
    if isinstance(detail, list | dict):
        return "; ".join(error.message for error in iter_field_errors(detail))
    return str(detail)


def classify(exc: BaseException) -> ErrorInfo:
    """The neutral error for ``exc`` (UNEXPECTED when nothing else fits)."""
    if isinstance(exc, ApiError):
        return exc.info()
    if isinstance(exc, Ratelimited):
        return ErrorInfo(ErrorKind.THROTTLED, 429, "Too many requests.", exception=exc)
    if isinstance(exc, Http404 | django_exc.ObjectDoesNotExist):
        # Django's texts name models ("No Order matches the given query."):
        # the renderer's own sentence is the one clients see.
        return ErrorInfo(ErrorKind.NOT_FOUND, 404, exception=exc)
    if isinstance(exc, django_exc.PermissionDenied):
        message = str(drf.PermissionDenied(*exc.args).detail)
        return ErrorInfo(ErrorKind.PERMISSION_DENIED, 403, message, exception=exc)
    if isinstance(exc, drf.ValidationError | django_exc.ValidationError):
        fields = tuple(iter_field_errors(as_serializer_error(exc)))
        return ErrorInfo(
            ErrorKind.VALIDATION,
            400,
            "; ".join(f.message for f in fields),
            fields=fields,
            exception=exc,
        )
    if isinstance(
        exc,
        django_exc.RequestDataTooBig
        | django_exc.TooManyFieldsSent
        | django_exc.TooManyFilesSent,
    ):
        return ErrorInfo(ErrorKind.TOO_LARGE, 413, str(exc), exception=exc)
    if isinstance(exc, django_exc.SuspiciousOperation):
        return ErrorInfo(ErrorKind.BAD_REQUEST, 400, str(exc), exception=exc)
    if isinstance(exc, drf.APIException):
        return _classify_drf(exc)
    if isinstance(exc, UNAVAILABLE_ERRORS):
        return ErrorInfo(
            ErrorKind.UNAVAILABLE,
            503,
            "The service is temporarily unavailable; try again shortly.",
            retry_after=UNAVAILABLE_RETRY_AFTER,
            exception=exc,
        )
    return ErrorInfo(ErrorKind.UNEXPECTED, 500, exception=exc)


def _classify_drf(exc: drf.APIException) -> ErrorInfo:
    kind = next((k for cls, k in _DRF_KINDS if isinstance(exc, cls)), None)
    code = exc.default_code
    if kind is None:
        if code == "not_implemented":
            kind = ErrorKind.NOT_IMPLEMENTED
        elif exc.status_code >= 500:
            kind = ErrorKind.UNEXPECTED
        else:
            kind = ErrorKind.OTHER
    info = ErrorInfo(
        kind,
        exc.status_code,
        _one_line(exc.detail),
        source_code=code,
        exception=exc,
    )
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        info.headers["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if wait is not None:
        info.retry_after = max(1, int(wait))
    return info
