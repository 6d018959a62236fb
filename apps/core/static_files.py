"""WhiteNoise, ASGI-aware: under ASGI a static file streams from an async
iterator that reads it off the event loop.

Stock WhiteNoise hands Django a file response with a synchronous iterator;
under ASGI Django then consumes it on the loop and warns ("StreamingHttpResponse
must consume synchronous iterators…") on every static file. Under WSGI the
stock response is kept (a sync iterator is what WSGI wants).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import IO

from whitenoise.middleware import WhiteNoiseMiddleware

CHUNK = 64 * 1024


async def read_chunks(filelike: IO[bytes], size: int = CHUNK) -> AsyncIterator[bytes]:
    while chunk := await asyncio.to_thread(filelike.read, size):
        yield chunk


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def serve(self, static_file, request):
        response = WhiteNoiseMiddleware.serve(static_file, request)
        filelike = getattr(response, "file_to_stream", None)
        if filelike is not None and hasattr(request, "scope"):  # an ASGI request
            # FileResponse registered filelike.close already: it still runs
            # when the response is closed.
            response.streaming_content = read_chunks(filelike)
        return response
