"""The DRF exception handler that answers in RFC 9457 problem+json.

Every error of the management API goes through ``problem_exception_handler``:
validation errors list each failing field (``headers[1].name``), malformed
bodies, authentication, permission, routing and rate-limit errors keep their
status, and anything unexpected becomes a bare 500 problem (the traceback goes
to the log, never to the client). It is the project default
(``REST_FRAMEWORK["EXCEPTION_HANDLER"]``); an imitated API that speaks another
error shape sets its own handler on its base view.
"""

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.exceptions import Ratelimited
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from .problems import PROBLEM_CONTENT_TYPE, problem_body

logger = logging.getLogger(__name__)

NON_FIELD_KEYS = frozenset({"__all__", api_settings.NON_FIELD_ERRORS_KEY})

# Problem type slugs (under problems.PROBLEM_TYPE_BASE) by DRF error code.
PROBLEM_TYPES = {
    "invalid": "validation-error",
    "parse_error": "malformed-request",
    "not_authenticated": "not-authenticated",
    "authentication_failed": "authentication-failed",
    "permission_denied": "permission-denied",
    "not_found": "not-found",
    "method_not_allowed": "method-not-allowed",
    "not_acceptable": "not-acceptable",
    "unsupported_media_type": "unsupported-media-type",
    "throttled": "rate-limited",
    "error": "server-error",
}


class RateLimitExceeded(exceptions.Throttled):
    """Over a django-ratelimit budget; ``wait`` feeds the Retry-After header."""

    default_detail = gettext_lazy("Too many requests.")
    extra_detail_singular = gettext_lazy("Try again in {wait} second.")
    extra_detail_plural = gettext_lazy("Try again in {wait} seconds.")


class NotImplementedYet(exceptions.APIException):
    status_code = status.HTTP_501_NOT_IMPLEMENTED
    default_detail = gettext_lazy("This operation is not available yet.")
    default_code = "not_implemented"


def flatten_errors(detail: Any, prefix: str = "") -> Iterator[dict[str, Any]]:
    """Serializer errors as a flat list: ``{"field": "headers[1].name", ...}``.

    Nested dicts join with ".", list positions become ``[i]``; keys that are
    already paths (the services' ``headers[1].name``) pass through unchanged.
    """
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if isinstance(key, int):
                child = f"{prefix}[{key}]"
            elif str(key) in NON_FIELD_KEYS:
                child = prefix
            else:
                child = f"{prefix}.{key}" if prefix else str(key)
            yield from flatten_errors(value, child)
    elif isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list | tuple):
                yield from flatten_errors(item, f"{prefix}[{index}]")
            else:
                yield from flatten_errors(item, prefix)
    else:
        yield {
            "field": prefix or None,
            "message": str(detail),
            "code": getattr(detail, "code", None) or "invalid",
        }


def _problem_response(
    context: Mapping[str, Any],
    status_code: int,
    *,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> Response:
    request = context.get("request")
    if request is not None:
        # Errors are always JSON, even for a client that negotiated the
        # browsable API: no HTML error page under /api/.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
        kwargs.setdefault("instance", request.path)
    body = problem_body(status_code, **kwargs)
    return Response(
        body,
        status=status_code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def _validation_problem(exc, context) -> Response:
    errors = list(flatten_errors(as_serializer_error(exc)))
    return _problem_response(
        context,
        status.HTTP_400_BAD_REQUEST,
        type_=PROBLEM_TYPES["invalid"],
        title=_("Invalid request"),
        detail=_("The request has %(count)d invalid item(s); see errors.")
        % {"count": len(errors)},
        errors=errors,
    )


def problem_exception_handler(exc: Exception, context: Mapping[str, Any]):
    """DRF ``EXCEPTION_HANDLER``: every exception becomes a problem+json response."""
    if isinstance(exc, Ratelimited):
        exc = RateLimitExceeded()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)

    if isinstance(exc, exceptions.ValidationError | DjangoValidationError):
        set_rollback()
        return _validation_problem(exc, context)

    if isinstance(exc, exceptions.APIException):
        headers: dict[str, str] = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(max(1, int(exc.wait)))
        code = exc.default_code
        if isinstance(
            exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed
        ):
            # DRF turns these into 403 when no WWW-Authenticate can be offered.
            code = "permission_denied" if exc.status_code == 403 else code
        detail = exc.detail
        if isinstance(detail, list | dict):
            detail = "; ".join(error["message"] for error in flatten_errors(detail))
        set_rollback()
        return _problem_response(
            context,
            exc.status_code,
            headers=headers,
            type_=PROBLEM_TYPES.get(code, code.replace("_", "-")),
            detail=str(detail),
        )

    view = context.get("view")
    logger.error(
        "Unhandled exception in %s",
        type(view).__name__ if view is not None else "API view",
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    set_rollback()
    return _problem_response(
        context,
        status.HTTP_500_INTERNAL_SERVER_ERROR,
        type_=PROBLEM_TYPES["error"],
        detail=_("The server met an unexpected error. It has been logged."),
    )
