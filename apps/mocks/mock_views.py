"""The catch-all mock view ``/{group}/{path…}`` (and its ``/chaos`` twin).

Thin by design: it turns the Django request into an engine ``MockRequest``,
asks the engine for a response plan, carries the plan out with asyncio
(delays, hangs, drips, aborts) and hands a record to the journal.

``mock_asgi(application)`` is the ASGI fast path: mock paths (first segment a
possible group slug, not a reserved prefix) skip Django's handler altogether:
no middleware (WhiteNoise is sync-only and costs a thread hop per request), no
request signals (whose sync receivers cost another), no URL resolution. It also
reaches uvicorn's transport so that ``empty_response`` closes the connection
without a byte and ``connection_reset`` really resets it. Enable it with one
line in config/asgi.py::

    application = mock_asgi(get_asgi_application())

Without it the URL pattern below still serves every mock through ``mock_view``,
under ASGI or WSGI (gunicorn); the live chaos tests run every fault against
all three, and a client sees the same fault from each.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import struct
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from apps.core import journal
from apps.core.families import reserved_segments

from .engine.pipeline import DEFAULT_MAX_BODY_BYTES, EngineResponse, MockRequest, handle
from .engine.state import holder
from .validators import SLUG_RE

logger = logging.getLogger(__name__)
FAMILY = "mocks"  # the journal's family tag (apps/mocks/family.py)
ABORT_KEY = "mockapi.abort"
DRIP_CHUNKS = 10


class ChaosAbort(Exception):
    """Raised mid-stream so the server drops the connection (fallback path)."""


def _headers_from(request: HttpRequest) -> dict[str, str]:
    scope = getattr(request, "scope", None)
    out: dict[str, str] = {}
    if scope is not None:
        for raw_name, raw_value in scope.get("headers", ()):
            name = raw_name.decode("latin-1").lower()
            value = raw_value.decode("latin-1")
            out[name] = f"{out[name]}, {value}" if name in out else value
        return out
    return {k.lower(): v for k, v in request.headers.items()}


def _read_body(request: HttpRequest) -> tuple[bytes, bool]:
    limit = int(getattr(settings, "MOCK_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))
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
        # Under WSGI Django buffers an async iterator whole (no drip, and an
        # abort turns into a 500), so WSGI gets a blocking one.
        content = (
            _stream(plan, request)
            if hasattr(request, "scope")
            else _stream_wsgi(plan, request)
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


def _drip(plan: EngineResponse) -> tuple[list[bytes], float]:
    """slow_drip: the body in DRIP_CHUNKS pieces and the pause after each."""
    body = plan.body
    size = max(1, -(-len(body) // DRIP_CHUNKS))
    chunks = [body[start : start + size] for start in range(0, len(body), size)]
    return chunks, plan.drip_seconds / DRIP_CHUNKS


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
    chunks, pause = _drip(plan)
    for chunk in chunks:
        yield chunk
        await asyncio.sleep(pause)


def _stream_wsgi(plan: EngineResponse, request: HttpRequest) -> Iterator[bytes]:
    """The WSGI twin of ``_stream``; aborts reach the socket under gunicorn.

    With no byte sent, gunicorn would answer our exception with a 500, so the
    socket is shut down first (its 500 then meets EPIPE, which it ignores).
    After a partial body gunicorn closes the connection itself; SO_LINGER 0
    makes that close a reset. Other WSGI servers: headers, then a dropped
    connection at best."""
    if plan.abort:
        sock = request.META.get("gunicorn.socket")
        if plan.partial_bytes:
            yield plan.body[: plan.partial_bytes]
            time.sleep(0.05)  # let the partial body reach the client
        if sock is not None:
            with contextlib.suppress(OSError):
                if plan.abort == "reset":
                    sock.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                if plan.abort == "empty" or not plan.partial_bytes:
                    sock.shutdown(socket.SHUT_RDWR)
        raise ChaosAbort(plan.abort)
    chunks, pause = _drip(plan)
    for chunk in chunks:
        yield chunk
        time.sleep(pause)


def _journal(
    req: MockRequest, plan: EngineResponse, headers: dict[str, str], latency_ms: float
) -> None:
    ep = plan.endpoint
    journal.record(
        journal.build_entry(
            family=FAMILY,
            operation=ep.name if ep else "",
            tags=journal.chaos_tags(plan.fault),
            method=req.method,
            path=req.path,
            query=req.query,
            request_headers=req.headers,
            request_body=req.body,
            status=None if plan.abort else plan.status,
            response_headers=headers,
            response_body=plan.body[: plan.partial_bytes] if plan.abort else plan.body,
            latency_ms=latency_ms,
            group_slug=req.slug[:50],
            group_id=ep.group_id if ep else None,
            endpoint_id=ep.id if ep else None,
            endpoint_name=ep.name if ep else "",
            chaos=plan.fault is not None,
            chaos_fault=plan.fault or "",
            validation_errors=plan.violations,
            seed=plan.seed,
        )
    )


async def serve(req: MockRequest) -> tuple[EngineResponse, float]:
    """Resolve, build and wait: the part shared by the view and the fast path."""
    started = time.perf_counter()
    table = await holder.get()
    plan = handle(table, req)
    wait = plan.delay_ms / 1000 + plan.hang_seconds
    if wait > 0:
        await asyncio.sleep(wait)
    return plan, started


def record(
    req: MockRequest, plan: EngineResponse, headers: dict[str, str], started: float
) -> None:
    latency = (time.perf_counter() - started) * 1000 + plan.drip_seconds * 1000
    try:
        _journal(req, plan, headers, latency)
    except Exception:
        logger.exception("journal record failed")


@csrf_exempt
async def mock_view(
    request: HttpRequest, group: str, path: str | None = None
) -> HttpResponse:
    body, too_large = _read_body(request)
    req = MockRequest(
        method=request.method or "GET",
        slug=group,
        path=path or "/",
        query=dict(request.GET.lists()),
        headers=_headers_from(request),
        body=body,
        body_too_large=too_large,
    )
    plan, started = await serve(req)
    response = _django_response(plan, request)
    record(req, plan, dict(response.items()), started)
    return response


# --- ASGI fast path -------------------------------------------------------------

_FIRST_SEGMENT_RE = re.compile(r"^/([^/]+)(/.*)?$")


def mock_route(path: str) -> tuple[str, str] | None:
    """(group, rest) when the path belongs to the mocks, else None."""
    match = _FIRST_SEGMENT_RE.match(path)
    if match is None:
        return None
    group = match.group(1)
    if group in reserved_segments() or not SLUG_RE.match(group):
        return None
    return group, match.group(2) or "/"


def _aborter(
    send: Callable[..., Awaitable[None]],
) -> Callable[[str], Awaitable[None]] | None:
    """Close (or reset) the client connection under uvicorn, if we can reach it."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        return None

    async def abort(mode: str) -> None:
        if transport.is_closing():
            return
        if mode == "reset":
            sock = transport.get_extra_info("socket")
            if sock is not None:
                # Linger 0: the close sends RST instead of FIN.
                with contextlib.suppress(OSError):
                    sock.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
            transport.abort()
        else:
            transport.close()
        # Let the server notice the lost connection before the view returns.
        for _ in range(3):
            await asyncio.sleep(0)

    return abort


async def _read_asgi_body(receive: Any, limit: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise asyncio.CancelledError  # the client is gone: nothing to answer
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return (b"".join(chunks), False) if size <= limit else (b"", True)


def _asgi_headers(
    plan: EngineResponse, length: int | None
) -> list[tuple[bytes, bytes]]:
    headers: list[tuple[bytes, bytes]] = []
    if plan.content_type:
        headers.append((b"content-type", plan.content_type.encode("latin-1")))
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    for name, value in plan.headers:
        headers.append(
            (name.lower().encode("latin-1"), value.encode("latin-1", "replace"))
        )
    return headers


async def _send_plan(plan: EngineResponse, send: Any, abort: Any) -> None:
    body = plan.body
    if plan.abort:
        if abort is None:
            # Not under uvicorn: the best we can do is start and break off.
            await send(
                {
                    "type": "http.response.start",
                    "status": plan.status,
                    "headers": _asgi_headers(plan, len(body)),
                }
            )
            raise ChaosAbort(plan.abort)
        if plan.abort == "empty" or not plan.partial_bytes:
            await abort("empty")
            return
        await send(
            {
                "type": "http.response.start",
                "status": plan.status,
                "headers": _asgi_headers(plan, len(body)),
            }
        )
        await send(
            {
                "type": "http.response.body",
                "body": body[: plan.partial_bytes],
                "more_body": True,
            }
        )
        await asyncio.sleep(0.05)  # let the partial body reach the client
        await abort("reset")
        return
    await send(
        {
            "type": "http.response.start",
            "status": plan.status,
            "headers": _asgi_headers(plan, len(body)),
        }
    )
    if plan.drip_seconds and body:
        chunks, pause = _drip(plan)
        for chunk in chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await asyncio.sleep(pause)
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.body", "body": body})


async def _serve_asgi(
    scope: dict[str, Any], receive: Any, send: Any, group: str, rest: str
) -> None:
    """The mock request without Django's handler: no middleware, signals or
    thread hops; the engine does all the work, this only speaks ASGI."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope.get("headers", ()):
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    limit = int(getattr(settings, "MOCK_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))
    try:
        declared = int(headers.get("content-length") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        body, too_large = b"", True
    else:
        body, too_large = await _read_asgi_body(receive, limit)
    query_string = scope.get("query_string", b"").decode("latin-1")
    req = MockRequest(
        method=scope.get("method", "GET"),
        slug=group,
        path=rest,
        query=parse_qs(query_string, keep_blank_values=True) if query_string else {},
        headers=headers,
        body=body,
        body_too_large=too_large,
    )
    plan, started = await serve(req)
    response_headers = {
        k.decode("latin-1"): v.decode("latin-1")
        for k, v in _asgi_headers(plan, len(plan.body))
    }
    record(req, plan, response_headers, started)
    await _send_plan(plan, send, scope.get(ABORT_KEY))


def mock_asgi(application: Any) -> Any:
    """Wrap the project's ASGI app: mock paths bypass Django's handler."""
    if getattr(application, "_mock_fastpath", False):
        return application

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        route = mock_route(scope.get("path", "")) if scope["type"] == "http" else None
        if route is None:
            await application(scope, receive, send)
            return
        abort = _aborter(send)
        if abort is not None:
            scope = {**scope, ABORT_KEY: abort}
        await _serve_asgi(scope, receive, send, *route)

    app._mock_fastpath = True  # type: ignore[attr-defined]
    return app
