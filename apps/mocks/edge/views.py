"""The catch-all mock view ``/{group}/{path…}`` (and its ``/chaos`` twin).

Thin by design: it turns the Django request into an engine ``MockRequest``,
asks the engine for a response plan, carries the plan out (delays, hangs,
drips, aborts) and hands a record to the journal. It serves every mock that
the ASGI fast path (``edge.asgi``) does not: under plain Django ASGI, and
under WSGI (gunicorn) with ``wsgi_stream`` for drips and aborts.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from apps.mocks.engine.plan import EngineResponse, MockRequest

from .aborts import ABORT_KEY, ChaosAbort
from .asgi import scope_headers
from .config import engine_config
from .recording import record
from .serve import serve
from .wsgi_stream import stream_wsgi


def _headers_from(request: HttpRequest) -> dict[str, str]:
    scope = getattr(request, "scope", None)
    if scope is not None:
        return scope_headers(scope.get("headers", ()))
    return {k.lower(): v for k, v in request.headers.items()}


def _read_body(request: HttpRequest, limit: int) -> tuple[bytes, bool]:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return b"", True
    try:
        body = request.body
    except RequestDataTooBig:
        return b"", True
    return body, len(body) > limit


def _django_response(plan: EngineResponse, request: HttpRequest) -> HttpResponse:
    if plan.abort or plan.drip_seconds:
        content = (
            _stream(plan, request)
            if hasattr(request, "scope")
            else stream_wsgi(plan, request)
        )
        response: HttpResponse = StreamingHttpResponse(content, status=plan.status)
        if plan.abort is None:
            response["Content-Length"] = str(len(plan.body))
    else:
        response = HttpResponse(plan.body, status=plan.status)
        # CommonMiddleware would add it; the fast path has no middleware.
        response["Content-Length"] = str(len(plan.body))
    if plan.content_type:
        response["Content-Type"] = plan.content_type
    else:
        del response["Content-Type"]
    for name, value in plan.headers:
        response[name] = value
    return response


async def _stream(plan: EngineResponse, request: HttpRequest) -> AsyncIterator[bytes]:
    if plan.abort:
        abort = getattr(request, "scope", {}).get(ABORT_KEY)
        if plan.abort == "empty" and abort is not None:
            await abort("empty")
        if plan.partial_bytes:
            yield plan.body[: plan.partial_bytes]
            await asyncio.sleep(0.05)  # let the partial body reach the client
        if abort is not None:
            await abort("reset" if plan.abort == "reset" else "empty")
        raise ChaosAbort(plan.abort)
    chunks, pause = plan.drip()
    for chunk in chunks:
        yield chunk
        await asyncio.sleep(pause)


@csrf_exempt
async def mock_view(
    request: HttpRequest, group: str, path: str | None = None
) -> HttpResponse:
    config = engine_config()
    body, too_large = _read_body(request, config.max_body_bytes)
    req = MockRequest(
        method=request.method or "GET",
        slug=group,
        path=path or "/",
        query=dict(request.GET.lists()),
        headers=_headers_from(request),
        body=body,
        body_too_large=too_large,
    )
    plan, started = await serve(req, config)
    response = _django_response(plan, request)
    record(req, plan, dict(response.items()), started)
    return response


# The engine journals its calls itself (apps/core/journal/middleware.py).
mock_view.journal_records_itself = True  # type: ignore[attr-defined]
