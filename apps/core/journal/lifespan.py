"""The ASGI lifespan protocol, for the journal's final flush.

Django's ASGIHandler refuses lifespan scopes, so uvicorn (gunicorn's uvicorn
workers) would skip the shutdown event and a graceful SIGTERM would end the
process with the last entries still buffered. Wrapped in this, the server
sends ``lifespan.shutdown`` once every connection is done, and the buffer is
written (in a thread: it is blocking database I/O) before the process exits.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from .writer import writer

logger = logging.getLogger("apps.core.journal")


def with_lifespan(app: Any) -> Any:
    async def application(scope, receive, send):
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                try:
                    await asyncio.to_thread(writer.shutdown)
                except Exception:  # the process is leaving anyway
                    logger.exception("journal final flush failed")
                await send({"type": "lifespan.shutdown.complete"})
                return

    return application
