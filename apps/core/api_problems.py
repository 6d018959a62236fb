"""The management API's DRF exception handler: RFC 9457 problem+json.

Every error of the management API goes through ``problem_exception_handler``
(the kit's classifier and ``ProblemRenderer``): validation errors list each
failing field (``headers[1].name``), malformed bodies, authentication,
permission, routing and rate-limit errors keep their status, and anything
unexpected becomes a bare 500 problem (the traceback goes to the log, never
to the client). It is the project default (``REST_FRAMEWORK
["EXCEPTION_HANDLER"]``); a family that speaks another shape sets its own
handler on its base view (``family.exception_handler()``).
"""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status

from .errors import ProblemRenderer, exception_handler_for, iter_field_errors


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
    """Serializer errors as a flat list: ``{"field": "headers[1].name", ...}``."""
    loc = (prefix,) if prefix else ()
    for error in iter_field_errors(detail, loc):
        yield ProblemRenderer.field(error)


problem_exception_handler = exception_handler_for(ProblemRenderer())
