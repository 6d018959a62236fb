"""SP-API errors: ``{"errors": [{"code", "message", "details"}]}`` for everything.

Views raise ``SpApiError`` (or its subclasses); the handler below also turns
DRF's and Django's own exceptions (parse errors, 404, 405, 415, throttling,
unexpected failures) into the same envelope, so a client never sees an HTML page
or a DRF default body.
"""

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import set_rollback

from apps.amazon.services.refusals import RequestRefused

logger = logging.getLogger("apps.amazon")

INVALID_INPUT_MESSAGE = (
    "The input you have submitted is not valid. Please check your input and try again."
)
ACCESS_DENIED_MESSAGE = "Access to requested resource is denied."
NOT_FOUND_MESSAGE = "The resource specified does not exist."
QUOTA_MESSAGE = "You exceeded your quota for the requested resource."
INTERNAL_MESSAGE = "We encountered an internal error. Please try again."
UNSUPPORTED_MEDIA_MESSAGE = "The request payload is in an unsupported format."
METHOD_NOT_ALLOWED_MESSAGE = "The requested method is not allowed for this resource."


class SpApiError(drf.APIException):
    status_code = 400
    code = "InvalidInput"
    message = INVALID_INPUT_MESSAGE
    error_type = "ValidationException"

    def __init__(
        self,
        details: str = "",
        *,
        message: str | None = None,
        code: str | None = None,
        status: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.details = details
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status_code = status
        self.headers = headers or {}
        super().__init__(detail=self.message)


class InvalidInput(SpApiError):
    pass


class AccessDenied(SpApiError):
    status_code = 403
    code = "Unauthorized"
    message = ACCESS_DENIED_MESSAGE
    error_type = "AccessDeniedException"


class NotFound(SpApiError):
    status_code = 404
    code = "NotFound"
    message = NOT_FOUND_MESSAGE
    error_type = "ResourceNotFoundException"


def refusal_error(exc: RequestRefused) -> SpApiError:
    """A write service's refusal as the envelope: 400 InvalidInput, or 404."""
    if exc.status == 404:
        return NotFound(exc.details, message=exc.message)
    return InvalidInput(exc.details, message=exc.message)


class QuotaExceeded(SpApiError):
    status_code = 429
    code = "QuotaExceeded"
    message = QUOTA_MESSAGE
    error_type = "ThrottlingException"


def error_body(code: str, message: str, details: str = "") -> dict[str, Any]:
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"errors": [error]}


def _validation_details(detail: Any, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        out: list[str] = []
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_validation_details(value, name))
        return out
    if isinstance(detail, list):
        out = []
        for value in detail:
            out.extend(_validation_details(value, prefix))
        return out
    return [f"{prefix}: {detail}" if prefix else str(detail)]


def classify(exc: Exception) -> tuple[int, str, str, str, str, dict[str, str]]:
    """(status, code, message, details, error type, extra headers) for ``exc``."""
    if isinstance(exc, SpApiError):
        return (
            exc.status_code,
            exc.code,
            exc.message,
            exc.details,
            exc.error_type,
            exc.headers,
        )
    if isinstance(exc, Http404 | ObjectDoesNotExist | drf.NotFound):
        return 404, "NotFound", NOT_FOUND_MESSAGE, "", "ResourceNotFoundException", {}
    if isinstance(
        exc,
        drf.NotAuthenticated
        | drf.AuthenticationFailed
        | drf.PermissionDenied
        | PermissionDenied,
    ):
        return (
            403,
            "Unauthorized",
            ACCESS_DENIED_MESSAGE,
            "",
            "AccessDeniedException",
            {},
        )
    if isinstance(exc, drf.MethodNotAllowed):
        return (
            405,
            "MethodNotAllowed",
            METHOD_NOT_ALLOWED_MESSAGE,
            str(exc.detail),
            "MethodNotAllowedException",
            {},
        )
    if isinstance(exc, drf.UnsupportedMediaType):
        return (
            415,
            "UnsupportedMediaType",
            UNSUPPORTED_MEDIA_MESSAGE,
            str(exc.detail),
            "UnsupportedMediaTypeException",
            {},
        )
    if isinstance(exc, drf.Throttled):
        return 429, "QuotaExceeded", QUOTA_MESSAGE, "", "ThrottlingException", {}
    if isinstance(exc, drf.ValidationError):
        details = "; ".join(_validation_details(exc.detail))
        return (
            400,
            "InvalidInput",
            INVALID_INPUT_MESSAGE,
            details,
            "ValidationException",
            {},
        )
    if isinstance(exc, drf.APIException) and exc.status_code < 500:
        return (
            exc.status_code,
            "InvalidInput",
            INVALID_INPUT_MESSAGE,
            str(exc.detail),
            "ValidationException",
            {},
        )
    return 500, "InternalFailure", INTERNAL_MESSAGE, "", "InternalFailure", {}


def sp_api_exception_handler(exc: Exception, context: dict) -> Response:
    status, code, message, details, error_type, headers = classify(exc)
    if status >= 500:
        logger.exception("Unhandled error in the SP-API mock", exc_info=exc)
    view = context.get("view")
    code = getattr(view, "error_codes", {}).get(code, code)
    set_rollback()
    response = Response(error_body(code, message, details), status=status)
    response["x-amzn-ErrorType"] = error_type
    for name, value in headers.items():
        response[name] = value
    if isinstance(exc, drf.MethodNotAllowed) and view is not None:
        response["Allow"] = ", ".join(view.allowed_methods)
    return response


def plain_error_response(status: int, code: str, message: str, details: str = ""):
    """The envelope outside DRF (URL not found, middleware-level failures)."""
    return JsonResponse(error_body(code, message, details), status=status)
