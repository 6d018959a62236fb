"""The body of a dripped or aborted response under WSGI (gunicorn).

Django buffers an async iterator whole under WSGI (no drip, and an abort
turns into a 500), so WSGI gets this blocking iterator instead.
"""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

from django.http import HttpRequest

from apps.mocks.engine.plan import EngineResponse

from .aborts import ChaosAbort, linger_zero


def stream_wsgi(plan: EngineResponse, request: HttpRequest) -> Iterator[bytes]:
    """Aborts reach the socket under gunicorn.

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
            if plan.abort == "reset":
                linger_zero(sock)
            if plan.abort == "empty" or not plan.partial_bytes:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        raise ChaosAbort(plan.abort)
    chunks, pause = plan.drip()
    for chunk in chunks:
        yield chunk
        time.sleep(pause)
