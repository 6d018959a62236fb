"""Serving generated chunks under ASGI without blocking the event loop.

Django 5.2 serves a *sync* iterator under ASGI by consuming it whole in a
thread first (``sync_to_async(list)``: no streaming, the whole body in
memory), so responses get an async iterator. Generating is CPU work, so each
chunk is computed in the default executor's thread, not on the loop: other
requests on the worker keep being served between chunks.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator

_DONE = object()


async def offloaded(
    chunks: Iterator[bytes],
    on_close: Callable[[bytes], None] | None = None,
    keep: int = 0,
) -> AsyncIterator[bytes]:
    """``chunks``, each produced off the loop; ``on_close`` receives the
    first ``keep`` bytes sent when the stream ends, however it ends (the
    journal keeps a capped prefix, never a 10,000-row body)."""
    loop = asyncio.get_running_loop()
    head = bytearray()
    try:
        while (
            chunk := await loop.run_in_executor(None, next, chunks, _DONE)
        ) is not _DONE:
            if len(head) < keep:
                head += chunk[: keep - len(head)]
            yield chunk
    finally:
        if on_close is not None:
            on_close(bytes(head))
