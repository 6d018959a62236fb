"""Errors raised before any view, and unknown paths, in each family's shape.

A Host header outside ALLOWED_HOSTS, a NUL character, a body over Django's
limits, a path no route matches or a crash outside DRF would get Django's HTML
pages; below a family's prefix they get that family's renderer instead (the
registry in apps/core/families.py says which), and everything else that is not
a portal or admin page gets RFC 9457 problem+json.
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt

from .. import families
from .classify import classify
from .renderers import ProblemRenderer
from .responses import django_response, log_unexpected
from .types import ErrorInfo, ErrorKind

DEFAULT_RENDERER = ProblemRenderer()


def render_for_path(request: HttpRequest, info: ErrorInfo) -> HttpResponse:
    family = families.for_path(request.path_info)
    renderer = family.renderer_for(request.path_info) if family else DEFAULT_RENDERER
    response = django_response(renderer.render(info, request=request))
    if family is not None and family.request_id_header:
        response[family.request_id_header] = families.new_request_id()
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: SuspiciousOperation (bad host, NUL, too many fields…)."""
    info = classify(exception)
    if info.kind is not ErrorKind.TOO_LARGE:
        info = ErrorInfo(
            ErrorKind.BAD_REQUEST,
            400,
            "The request was refused: "
            + (str(exception) or "malformed or suspicious request."),
            exception=exception,
        )
    return render_for_path(request, info)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: a family's 404; portal and admin pages keep Django's."""
    if families.for_path(request.path_info, pages=False) is None:
        return defaults.page_not_found(request, exception)
    return render_for_path(request, unrouted(request))


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a crash outside DRF (middleware, a plain view)."""
    if families.for_path(request.path_info, pages=False) is None:
        return defaults.server_error(request)
    # Django calls this inside its except block: a dependency that is down
    # (raised by a middleware or decorator, outside DRF) is a 503, not a 500.
    info = classify(sys.exc_info()[1] or Exception())
    if info.kind is not ErrorKind.UNAVAILABLE:
        info = ErrorInfo(ErrorKind.UNEXPECTED, 500)
    return render_for_path(request, info)


def unrouted(request: HttpRequest) -> ErrorInfo:
    return ErrorInfo(
        ErrorKind.NOT_FOUND,
        404,
        extra={"unrouted": True, "method": request.method, "path": request.path},
    )


@csrf_exempt
def unknown_path(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The last route below every family's prefix: its own 404, never HTML."""
    return render_for_path(request, unrouted(request))


unknown_path.journal_operation = ""  # type: ignore[attr-defined]  # no operation

__all__ = ["bad_request", "log_unexpected", "not_found", "server_error"]
