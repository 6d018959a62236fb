"""Breaking a connection off on purpose (the ``empty_response`` and
``connection_reset`` chaos faults), shared by the three transports."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from collections.abc import Awaitable, Callable
from typing import Any

# Where the ASGI fast path leaves the aborter for the Django view (scope key).
ABORT_KEY = "mockapi.abort"
Aborter = Callable[[str], Awaitable[None]]


class ChaosAbort(Exception):
    """Raised mid-stream so the server drops the connection (fallback path)."""


def linger_zero(sock: Any) -> None:
    """Make the socket's close send RST instead of FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def transport_aborter(send: Callable[..., Awaitable[None]]) -> Aborter | None:
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
                linger_zero(sock)
            transport.abort()
        else:
            transport.close()
        # Let the server notice the lost connection before the view returns.
        for _ in range(3):
            await asyncio.sleep(0)

    return abort
