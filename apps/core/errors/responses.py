"""Carrying a rendered error out: as a DRF ``Response`` inside a view, as a
plain Django response everywhere else (pre-view handlers, the catch-all 404)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

from .classify import classify
from .renderers import ErrorRenderer, RenderedError
from .types import ErrorInfo, ErrorKind

logger = logging.getLogger("apps.core.errors")


def log_unexpected(info: ErrorInfo, where: str) -> None:
    exc = info.exception
    logger.error(
        "Unhandled exception in %s",
        where,
        exc_info=(type(exc), exc, exc.__traceback__) if exc is not None else None,
    )


def django_response(rendered: RenderedError) -> HttpResponse:
    response = HttpResponse(
        json.dumps(rendered.body, ensure_ascii=False, default=str),
        status=rendered.status,
        content_type=rendered.content_type,
    )
    for name, value in rendered.headers.items():
        response[name] = value
    return response


def drf_response(rendered: RenderedError, request=None) -> Response:
    if request is not None:
        # Errors are always JSON, even for a client that negotiated the
        # browsable API: never an HTML error page.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return Response(
        rendered.body,
        status=rendered.status,
        headers=rendered.headers or None,
        content_type=rendered.content_type,
    )


ExceptionHandler = Callable[[Exception, Mapping[str, Any]], Response]


def exception_handler_for(renderer: ErrorRenderer) -> ExceptionHandler:
    """A DRF ``EXCEPTION_HANDLER`` that classifies and renders with ``renderer``."""

    def handle(exc: Exception, context: Mapping[str, Any]) -> Response:
        info = classify(exc)
        request = context.get("request")
        view = context.get("view")
        if info.kind is ErrorKind.METHOD_NOT_ALLOWED and view is not None:
            info.allow = tuple(view.allowed_methods)
        if info.kind is ErrorKind.UNEXPECTED:
            log_unexpected(
                info, type(view).__name__ if view is not None else "API view"
            )
        set_rollback()
        rendered = renderer.render(info, request=request, view=view)
        return drf_response(rendered, request)

    handle.renderer = renderer  # type: ignore[attr-defined]
    return handle
