"""The neutral error value every family renders, and the one application error.

``ErrorInfo`` says what went wrong in terms no API owns (a kind, a status, a
message, the failing fields); ``classify()`` builds one from any exception and
each family's renderer turns it into that API's own body. Services raise
``ApiError`` with a code from their domain's list; views never build error
bodies by hand.

``ApiError`` derives from DRF's ``APIException`` so that DRF treats it as
its own wherever it is raised (an authenticator refusing a token included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rest_framework.exceptions import APIException


class ErrorKind(StrEnum):
    VALIDATION = "validation"  # fields break rules (400 / 422)
    PARSE = "parse"  # the body is not the declared format
    BAD_REQUEST = "bad_request"  # refused before any view (host, NUL…)
    NOT_AUTHENTICATED = "not_authenticated"  # no credentials
    AUTHENTICATION_FAILED = "authentication_failed"  # credentials refused
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    CONFLICT = "conflict"
    TOO_LARGE = "too_large"
    THROTTLED = "throttled"
    NOT_IMPLEMENTED = "not_implemented"
    UNEXPECTED = "unexpected"  # a bug: 500, details only in the log
    UNAVAILABLE = "unavailable"  # a dependency (database, Redis) is down: 503
    OTHER = "other"  # an application error with a status of its own (402…)


# The status each kind has when nothing says otherwise.
DEFAULT_STATUS: dict[ErrorKind, int] = {
    ErrorKind.VALIDATION: 400,
    ErrorKind.PARSE: 400,
    ErrorKind.BAD_REQUEST: 400,
    ErrorKind.NOT_AUTHENTICATED: 401,
    ErrorKind.AUTHENTICATION_FAILED: 401,
    ErrorKind.PERMISSION_DENIED: 403,
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.METHOD_NOT_ALLOWED: 405,
    ErrorKind.NOT_ACCEPTABLE: 406,
    ErrorKind.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorKind.CONFLICT: 409,
    ErrorKind.TOO_LARGE: 413,
    ErrorKind.THROTTLED: 429,
    ErrorKind.NOT_IMPLEMENTED: 501,
    ErrorKind.UNEXPECTED: 500,
    ErrorKind.UNAVAILABLE: 503,
    ErrorKind.OTHER: 400,
}

MISSING: Any = object()  # FieldError.input when the value was absent


@dataclass(frozen=True, slots=True)
class FieldError:
    """One failing item. ``loc`` is a path (``("headers", 1, "name")``); a
    family that knows where the item came from starts it with its location
    (``("query", "limit")``), as FastAPI does."""

    loc: tuple[str | int, ...]
    message: str
    code: str = "invalid"
    input: Any = MISSING

    @property
    def dotted(self) -> str | None:
        """``headers[1].name``: the management API's field notation."""
        out = ""
        for part in self.loc:
            if isinstance(part, int):
                out += f"[{part}]"
            else:
                out += f".{part}" if out else str(part)
        return out or None


@dataclass(slots=True)
class ErrorInfo:
    kind: ErrorKind
    status: int
    message: str = ""
    # The family's own error code when a service chose one ("InvalidInput").
    code: str | None = None
    details: str = ""
    fields: tuple[FieldError, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    allow: tuple[str, ...] = ()
    retry_after: int | None = None
    # Family-specific members (an SP-API error type, problem extensions…).
    extra: dict[str, Any] = field(default_factory=dict)
    # The DRF/Django code the classifier saw ("parse_error", "max_length"…).
    source_code: str | None = None
    exception: BaseException | None = None


class ApiError(APIException):
    """The application error services raise; each family renders it.

    ``code`` comes from the domain's own list of error codes; ``message`` is
    the human sentence; ``details`` the specifics (which field, which id).
    Subclasses set defaults as class attributes.
    """

    kind: ErrorKind = ErrorKind.VALIDATION
    status: int | None = None
    code: str | None = None
    message: str = ""

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        kind: ErrorKind | None = None,
        details: str = "",
        fields: tuple[FieldError, ...] | list[FieldError] = (),
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if kind is not None:
            self.kind = kind
        if status is not None:
            self.status = status
        self.details = details
        self.fields = tuple(fields)
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})
        super().__init__(self.message or details or self.code or self.kind.value)

    @property
    def status_code(self) -> int:  # type: ignore[override]
        return self.status or DEFAULT_STATUS[self.kind]

    def info(self) -> ErrorInfo:
        return ErrorInfo(
            kind=self.kind,
            status=self.status or DEFAULT_STATUS[self.kind],
            message=self.message,
            code=self.code,
            details=self.details,
            fields=self.fields,
            headers=dict(self.headers),
            extra=dict(self.extra),
            exception=self,
        )
