"""Renderers: one ``ErrorInfo`` → one API's error body.

A family picks one (or brings its own, as the SP-API mock does): RFC 9457
problem+json for the management API and the mock engine, FastAPI's shapes for
the apps whose originals are FastAPI services. A renderer only formats; the
classifier has already decided what went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions as drf

from ..problems import PROBLEM_CONTENT_TYPE, problem_body
from .types import MISSING, ApiError, ErrorInfo, ErrorKind, FieldError


@dataclass(slots=True)
class RenderedError:
    status: int
    body: Any
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def common_headers(info: ErrorInfo) -> dict[str, str]:
    """Headers every shape carries: the error's own, Retry-After, Allow."""
    headers = dict(info.headers)
    if info.retry_after is not None:
        headers.setdefault("Retry-After", str(info.retry_after))
    if info.allow:
        headers.setdefault("Allow", ", ".join(info.allow))
    return headers


class ErrorRenderer:
    """Base class: ``render(info, request=, view=)`` → ``RenderedError``."""

    content_type = "application/json"

    def render(self, info: ErrorInfo, *, request=None, view=None) -> RenderedError:
        raise NotImplementedError


# --- RFC 9457 problem+json ------------------------------------------------------

# Problem type slugs (under problems.PROBLEM_TYPE_BASE) by kind.
PROBLEM_TYPES: dict[ErrorKind, str] = {
    ErrorKind.VALIDATION: "validation-error",
    ErrorKind.PARSE: "malformed-request",
    ErrorKind.BAD_REQUEST: "bad-request",
    ErrorKind.NOT_AUTHENTICATED: "not-authenticated",
    ErrorKind.AUTHENTICATION_FAILED: "authentication-failed",
    ErrorKind.PERMISSION_DENIED: "permission-denied",
    ErrorKind.NOT_FOUND: "not-found",
    ErrorKind.METHOD_NOT_ALLOWED: "method-not-allowed",
    ErrorKind.NOT_ACCEPTABLE: "not-acceptable",
    ErrorKind.UNSUPPORTED_MEDIA_TYPE: "unsupported-media-type",
    ErrorKind.CONFLICT: "conflict",
    ErrorKind.TOO_LARGE: "payload-too-large",
    ErrorKind.THROTTLED: "rate-limited",
    ErrorKind.NOT_IMPLEMENTED: "not-implemented",
    ErrorKind.UNEXPECTED: "server-error",
    ErrorKind.UNAVAILABLE: "service-unavailable",
}


def _default_detail(kind: ErrorKind) -> str:
    # DRF's own sentences (translated), the ones the API has always answered.
    defaults = {
        ErrorKind.NOT_FOUND: drf.NotFound.default_detail,
        ErrorKind.PERMISSION_DENIED: drf.PermissionDenied.default_detail,
        ErrorKind.NOT_AUTHENTICATED: drf.NotAuthenticated.default_detail,
        ErrorKind.THROTTLED: _("Too many requests."),
        ErrorKind.TOO_LARGE: _("The request body is too large."),
        ErrorKind.UNEXPECTED: _(
            "The server met an unexpected error. It has been logged."
        ),
    }
    return str(defaults.get(kind, ""))


class ProblemRenderer(ErrorRenderer):
    """RFC 9457: ``type``, ``title``, ``status``, ``detail``, ``instance``;
    validation errors list every failing field as ``errors``."""

    content_type = PROBLEM_CONTENT_TYPE

    def render(self, info: ErrorInfo, *, request=None, view=None) -> RenderedError:
        extensions: dict[str, Any] = dict(info.extra)
        instance = extensions.pop("instance", None)
        if instance is None and request is not None:
            instance = request.path
        if info.kind is ErrorKind.VALIDATION:
            errors = [self.field(f) for f in info.fields]
            body = problem_body(
                info.status,
                type_=info.code or PROBLEM_TYPES[ErrorKind.VALIDATION],
                title=_("Invalid request"),
                detail=_("The request has %(count)d invalid item(s); see errors.")
                % {"count": len(errors)},
                instance=instance,
                errors=errors,
                **extensions,
            )
        else:
            if info.kind is ErrorKind.UNEXPECTED:
                detail = _default_detail(info.kind)  # never the exception's text
            else:
                detail = info.message or info.details or _default_detail(info.kind)
            body = problem_body(
                info.status,
                type_=self.type_slug(info),
                title=extensions.pop("title", None),
                detail=detail,
                instance=instance,
                **extensions,
            )
        return RenderedError(info.status, body, self.content_type, common_headers(info))

    @staticmethod
    def field(error: FieldError) -> dict[str, Any]:
        return {"field": error.dotted, "message": error.message, "code": error.code}

    @staticmethod
    def type_slug(info: ErrorInfo) -> str:
        if info.code:
            return info.code
        kind = info.kind
        if (
            kind in (ErrorKind.NOT_AUTHENTICATED, ErrorKind.AUTHENTICATION_FAILED)
            and info.status == 403
        ):
            # DRF answers 403 when no WWW-Authenticate can be offered.
            kind = ErrorKind.PERMISSION_DENIED
        if kind in PROBLEM_TYPES:
            return PROBLEM_TYPES[kind]
        return (info.source_code or "error").replace("_", "-")


# --- FastAPI -----------------------------------------------------------------------

LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})
# DRF error codes → the pydantic error types FastAPI clients see.
PYDANTIC_TYPES = {
    "required": "missing",
    "null": "missing",
    "blank": "string_too_short",
    "max_length": "string_too_long",
    "min_length": "string_too_short",
    "max_value": "less_than_equal",
    "min_value": "greater_than_equal",
    "invalid_choice": "enum",
    "max_digits": "decimal_max_digits",
    "max_decimal_places": "decimal_max_places",
    "invalid": "value_error",
}
FASTAPI_DETAILS = {
    ErrorKind.NOT_AUTHENTICATED: "Not authenticated",
    ErrorKind.AUTHENTICATION_FAILED: "Could not validate credentials",
}


class FastApiRenderer(ErrorRenderer):
    """FastAPI's shapes: ``422 {"detail": [{"type", "loc", "msg", "input"}]}``
    for validation (and malformed JSON, as FastAPI reports it), and
    ``{"detail": "..."}`` with the status phrase by default otherwise.
    A service may put a structured detail in ``extra["detail"]``."""

    def render(self, info: ErrorInfo, *, request=None, view=None) -> RenderedError:
        headers = common_headers(info)
        if info.kind is ErrorKind.VALIDATION:
            status = 422 if info.status == 400 else info.status
            items = [self.item(f) for f in info.fields] or [
                {"type": "value_error", "loc": ["body"], "msg": info.message,
                 "input": None}
            ]  # fmt: skip
            return RenderedError(status, {"detail": items}, headers=headers)
        if info.kind is ErrorKind.PARSE:
            item = {
                "type": "json_invalid",
                "loc": ["body", 0],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": info.message or "Invalid JSON"},
            }
            return RenderedError(422, {"detail": [item]}, headers=headers)
        if "detail" in info.extra:
            detail = info.extra["detail"]
        elif info.kind is ErrorKind.UNEXPECTED:
            detail = status_phrase(500)
        elif not isinstance(info.exception, ApiError) and info.kind in (
            ErrorKind.NOT_FOUND,
            ErrorKind.METHOD_NOT_ALLOWED,
            ErrorKind.UNSUPPORTED_MEDIA_TYPE,
            ErrorKind.NOT_ACCEPTABLE,
            ErrorKind.THROTTLED,
            ErrorKind.TOO_LARGE,
        ):
            # Starlette's own answers carry the bare phrase ("Not Found");
            # a service's ApiError keeps its own sentence.
            detail = status_phrase(info.status)
        else:
            detail = (
                info.message or FASTAPI_DETAILS.get(info.kind)
                or status_phrase(info.status)
            )  # fmt: skip
        return RenderedError(info.status, {"detail": detail}, headers=headers)

    @staticmethod
    def item(error: FieldError) -> dict[str, Any]:
        loc = list(error.loc)
        if not loc or loc[0] not in LOCATIONS:
            loc = ["body", *loc]
        out: dict[str, Any] = {
            "type": PYDANTIC_TYPES.get(error.code, error.code),
            "loc": loc,
            "msg": error.message,
            "input": None if error.input is MISSING else error.input,
        }
        return out
