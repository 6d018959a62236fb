"""SP-API errors: ``{"errors": [{"code", "message", "details"}]}`` for everything.

Views and services raise ``SpApiError`` (the kit's ``ApiError`` with SP-API's
codes and error types); the kit's classifier turns DRF's and Django's own
exceptions (parse errors, 404, 405, 415, 413, throttling, unexpected failures)
into the same neutral value, and ``SpApiRenderer`` renders all of them as the
envelope, so a client never sees an HTML page or a DRF default body.
"""

import logging
from typing import Any

from django.http import JsonResponse

from apps.core.errors import (
    ApiError,
    ErrorInfo,
    ErrorKind,
    ErrorRenderer,
    RenderedError,
    exception_handler_for,
)
from apps.core.errors.renderers import common_headers

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
TOO_LARGE_MESSAGE = "The request size exceeded the maximum accepted size."
UNAVAILABLE_MESSAGE = "Temporary overloading or maintenance of the server."


class SpApiError(ApiError):
    """An SP-API error: ``details`` first, as the envelope reads."""

    status = 400
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
        super().__init__(
            message,
            code=code,
            status=status,
            details=details,
            headers=headers,
            extra={"error_type": self.error_type},
        )


class InvalidInput(SpApiError):
    pass


class AccessDenied(SpApiError):
    kind = ErrorKind.PERMISSION_DENIED
    status = 403
    code = "Unauthorized"
    message = ACCESS_DENIED_MESSAGE
    error_type = "AccessDeniedException"


class NotFound(SpApiError):
    kind = ErrorKind.NOT_FOUND
    status = 404
    code = "NotFound"
    message = NOT_FOUND_MESSAGE
    error_type = "ResourceNotFoundException"


class QuotaExceeded(SpApiError):
    kind = ErrorKind.THROTTLED
    status = 429
    code = "QuotaExceeded"
    message = QUOTA_MESSAGE
    error_type = "ThrottlingException"


def error_body(code: str, message: str, details: str = "") -> dict[str, Any]:
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"errors": [error]}


# kind → (status, code, message, error type) when no SP-API code was chosen.
KIND_ERRORS: dict[ErrorKind, tuple[int, str, str, str]] = {
    ErrorKind.NOT_FOUND: (404, "NotFound", NOT_FOUND_MESSAGE, "ResourceNotFoundException"),
    ErrorKind.NOT_AUTHENTICATED: (403, "Unauthorized", ACCESS_DENIED_MESSAGE, "AccessDeniedException"),
    ErrorKind.AUTHENTICATION_FAILED: (403, "Unauthorized", ACCESS_DENIED_MESSAGE, "AccessDeniedException"),
    ErrorKind.PERMISSION_DENIED: (403, "Unauthorized", ACCESS_DENIED_MESSAGE, "AccessDeniedException"),
    ErrorKind.METHOD_NOT_ALLOWED: (405, "MethodNotAllowed", METHOD_NOT_ALLOWED_MESSAGE, "MethodNotAllowedException"),
    ErrorKind.UNSUPPORTED_MEDIA_TYPE: (415, "UnsupportedMediaType", UNSUPPORTED_MEDIA_MESSAGE, "UnsupportedMediaTypeException"),
    ErrorKind.THROTTLED: (429, "QuotaExceeded", QUOTA_MESSAGE, "ThrottlingException"),
    ErrorKind.TOO_LARGE: (413, "RequestEntityTooLarge", TOO_LARGE_MESSAGE, "RequestEntityTooLargeException"),
    # A dependency down (database, Redis): Amazon's 503 "ServiceUnavailable".
    ErrorKind.UNAVAILABLE: (503, "ServiceUnavailable", UNAVAILABLE_MESSAGE, "ServiceUnavailableException"),
    ErrorKind.UNEXPECTED: (500, "InternalFailure", INTERNAL_MESSAGE, "InternalFailure"),
    ErrorKind.NOT_IMPLEMENTED: (500, "InternalFailure", INTERNAL_MESSAGE, "InternalFailure"),
}  # fmt: skip
# Kinds whose DRF/Django text is worth passing on as details.
DETAILED_KINDS = frozenset(
    {
        ErrorKind.METHOD_NOT_ALLOWED,
        ErrorKind.UNSUPPORTED_MEDIA_TYPE,
        ErrorKind.TOO_LARGE,
        ErrorKind.THROTTLED,  # which limit, and for how long
    }
)


def _validation_details(info: ErrorInfo) -> str:
    parts = []
    for error in info.fields:
        name = ".".join(str(p) for p in error.loc if not isinstance(p, int))
        parts.append(f"{name}: {error.message}" if name else error.message)
    return "; ".join(parts)


class SpApiRenderer(ErrorRenderer):
    """The SP-API envelope and its ``x-amzn-ErrorType`` header."""

    def render(self, info: ErrorInfo, *, request=None, view=None) -> RenderedError:
        status, code, message, details, error_type = self.parts(info)
        code = getattr(view, "error_codes", {}).get(code, code)
        # Retry-After too: a login refused past the limit says when to retry.
        headers = common_headers(info)
        headers["x-amzn-ErrorType"] = error_type
        return RenderedError(
            status, error_body(code, message, details), headers=headers
        )

    @staticmethod
    def parts(info: ErrorInfo) -> tuple[int, str, str, str, str]:
        if info.code is not None:
            return (
                info.status,
                info.code,
                info.message or INVALID_INPUT_MESSAGE,
                info.details,
                info.extra.get("error_type", "ValidationException"),
            )
        if info.extra.get("unrouted"):
            method, path = info.extra["method"], info.extra["path"]
            return (
                404, "NotFound", NOT_FOUND_MESSAGE,
                f"No SP-API operation at {method} {path}.", "ResourceNotFoundException",
            )  # fmt: skip
        if info.kind is ErrorKind.BAD_REQUEST:
            return 400, "InvalidInput", info.message, "", "ValidationException"
        # A service's refusal keeps its own sentence and details.
        chosen = isinstance(info.exception, ApiError)
        if info.kind in KIND_ERRORS:
            status, code, message, error_type = KIND_ERRORS[info.kind]
            if chosen:
                return status, code, info.message or message, info.details, error_type
            details = info.message if info.kind in DETAILED_KINDS else ""
            return status, code, message, details, error_type
        if chosen:
            details = info.details or _validation_details(info)
            message = info.message or INVALID_INPUT_MESSAGE
        elif info.kind is ErrorKind.VALIDATION:
            details, message = _validation_details(info), INVALID_INPUT_MESSAGE
        else:
            details, message = info.details or info.message, INVALID_INPUT_MESSAGE
        status = info.status if info.status < 500 else 400
        return status, "InvalidInput", message, details, "ValidationException"


RENDERER = SpApiRenderer()
sp_api_exception_handler = exception_handler_for(RENDERER)


def plain_error_response(status: int, code: str, message: str, details: str = ""):
    """The envelope outside DRF (the document download links)."""
    return JsonResponse(error_body(code, message, details), status=status)
