"""The web server's HTTP limits: gunicorn's request limits, enforced by uvicorn.

gunicorn's ``limit_request_line``, ``limit_request_fields`` and
``limit_request_field_size`` bound its own HTTP parser only. Under
``uvicorn_worker.UvicornWorker`` the parser is uvicorn's (httptools), which
gets none of them and has no header limit of its own: a 100 MB header or
10,000 headers were read into memory and handed to Django. ``UvicornWorker``
here passes them on to a protocol that refuses such a request before any
application code runs, as gunicorn's own parser would:

* request line longer than ``limit_request_line`` → 414;
* more than ``limit_request_fields`` headers, one header (name, ``: ``,
  value) longer than ``limit_request_field_size``, or a header section larger
  than all of those together → 431.

The refusal is plain text and closes the connection (the request cannot be
read to its end, so no family's renderer can answer it). 0 switches a limit
off, as in gunicorn. config/gunicorn.conf.py selects this worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import uvicorn_worker
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol


@dataclass(frozen=True)
class HttpLimits:
    request_line: int = 8190
    fields: int = 100
    field_size: int = 8190

    @property
    def head_bytes(self) -> int:
        """The largest header section the other limits allow (0: unbounded)."""
        if not (self.request_line and self.fields and self.field_size):
            return 0
        return self.request_line + self.fields * (self.field_size + 2) + 4


class _Refused(Exception):
    """Raised from a parser callback; httptools turns it into a parser error."""


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    limits = HttpLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._refusal: tuple[int, str] | None = None
        self._in_head = False
        self._head_bytes = 0
        self._fields = 0

    def _refuse(self, status: int, message: str) -> None:
        self._refusal = (status, message)
        raise _Refused(message)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes, self._fields = True, 0, 0

    def on_url(self, url: bytes) -> None:
        limit = self.limits.request_line
        if limit and len(self.url) + len(url) > limit:
            self._refuse(414, f"Request line longer than {limit} bytes.")
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._fields += 1
        if self.limits.fields and self._fields > self.limits.fields:
            self._refuse(431, f"More than {self.limits.fields} header fields.")
        size = self.limits.field_size
        if size and len(name) + len(value) + 2 > size:
            self._refuse(431, f"A header field is longer than {size} bytes.")
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing() or self._refusal is not None:
            return  # already answered (a refusal, or uvicorn's own 400)
        if self._in_head and self.limits.head_bytes:
            # httptools hands a header over only once it is complete, so one
            # endless header would be buffered whole: count the bytes instead.
            self._head_bytes += len(data)
            if self._head_bytes > self.limits.head_bytes:
                self._refusal = (431, "Request header section too large.")
                self.send_400_response("")

    def send_400_response(self, msg: str) -> None:
        # uvicorn answers every parser error with this; a refusal of ours
        # (raised from a callback above) gets its own status instead.
        if self._refusal is None:
            super().send_400_response(msg)
            return
        status, message = self._refusal
        body = message.encode("ascii")
        content = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: text/plain; charset=utf-8\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()


def limited_protocol(limits: HttpLimits) -> type[HttpToolsProtocol]:
    return type(
        "LimitedHttpToolsProtocol", (LimitedHttpToolsProtocol,), {"limits": limits}
    )


class UvicornWorker(uvicorn_worker.UvicornWorker):
    """gunicorn's uvicorn worker, with gunicorn's request limits applied."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.config.http = limited_protocol(
            HttpLimits(
                request_line=self.cfg.limit_request_line,
                fields=self.cfg.limit_request_fields,
                field_size=self.cfg.limit_request_field_size,
            )
        )
