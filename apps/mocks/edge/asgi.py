"""The ASGI fast path: mock traffic without Django's request handler.

``mock_asgi(application)`` wraps the project's ASGI app. Mock paths (first
segment a possible group slug, not a reserved prefix) skip Django's handler
altogether: no middleware (WhiteNoise is sync-only and costs a thread hop per
request), no request signals (whose sync receivers cost another), no URL
resolution. It also reaches uvicorn's transport so that ``empty_response``
closes the connection without a byte and ``connection_reset`` really resets
it. Enabled with one line in config/asgi.py::

    application = mock_asgi(get_asgi_application())

Without it the URL pattern (``mock_urls``) still serves every mock through
``edge.views.mock_view``, under ASGI or WSGI; the live chaos tests run every
fault against all three, and a client sees the same fault from each.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs

from apps.core.families import reserved_segments
from apps.mocks.engine.plan import EngineResponse, MockRequest
from apps.mocks.validators import SLUG_RE

from .aborts import ABORT_KEY, ChaosAbort, transport_aborter
from .config import engine_config
from .recording import record
from .serve import serve

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


def scope_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """ASGI header pairs as one lower-cased dict; repeats joined by ", "."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in raw:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


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


async def _send_plan(
    plan: EngineResponse,
    send: Any,
    abort: Any,
    headers: list[tuple[bytes, bytes]],
) -> None:
    body = plan.body
    if plan.abort:
        if abort is None:
            # Not under uvicorn: the best we can do is start and break off.
            await send(
                {
                    "type": "http.response.start",
                    "status": plan.status,
                    "headers": headers,
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
                "headers": headers,
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
            "headers": headers,
        }
    )
    if plan.drip_seconds and body:
        chunks, pause = plan.drip()
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
    config = engine_config()
    headers = scope_headers(scope.get("headers", ()))
    limit = config.max_body_bytes
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
    plan, started = await serve(req, config)
    # Built once: the journal keeps them as text, the client gets the bytes.
    headers = _asgi_headers(plan, len(plan.body))
    record(
        req,
        plan,
        {k.decode("latin-1"): v.decode("latin-1") for k, v in headers},
        started,
    )
    await _send_plan(plan, send, scope.get(ABORT_KEY), headers)


def mock_asgi(application: Any) -> Any:
    """Wrap the project's ASGI app: mock paths bypass Django's handler."""
    if getattr(application, "_mock_fastpath", False):
        return application

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        route = mock_route(scope.get("path", "")) if scope["type"] == "http" else None
        if route is None:
            await application(scope, receive, send)
            return
        abort = transport_aborter(send)
        if abort is not None:
            scope = {**scope, ABORT_KEY: abort}
        await _serve_asgi(scope, receive, send, *route)

    app._mock_fastpath = True  # type: ignore[attr-defined]
    return app
