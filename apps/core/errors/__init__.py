"""The kit's error translation: one classifier, one application error type,
one renderer per family.

* ``ApiError`` — what services raise (a code from the domain's list, a
  message, details, failing fields).
* ``classify(exc)`` — any exception (DRF, Django, ApiError, a bug) →
  ``ErrorInfo``, the neutral value.
* renderers — ``ProblemRenderer`` (RFC 9457), ``FastApiRenderer``; a family
  may bring its own (the SP-API envelope lives in apps/amazon).
* ``exception_handler_for(renderer)`` — the DRF exception handler of a family.
* ``handlers`` — Django's handler400/404/500 and the catch-all 404 view.
"""

from .classify import classify, iter_field_errors
from .renderers import (
    ErrorRenderer,
    FastApiRenderer,
    ProblemRenderer,
    RenderedError,
    status_phrase,
)
from .responses import django_response, drf_response, exception_handler_for
from .types import MISSING, ApiError, ErrorInfo, ErrorKind, FieldError

__all__ = [
    "MISSING",
    "ApiError",
    "ErrorInfo",
    "ErrorKind",
    "ErrorRenderer",
    "FastApiRenderer",
    "FieldError",
    "ProblemRenderer",
    "RenderedError",
    "classify",
    "django_response",
    "drf_response",
    "exception_handler_for",
    "iter_field_errors",
    "status_phrase",
]
