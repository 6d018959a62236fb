"""What the engine is asked (``MockRequest``) and what it answers: an
``EngineResponse``, a plan of what to send and how (delay, drip, abort) that
a transport carries out."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from .table import CompiledEndpoint

# slow_drip sends the body in this many pieces.
DRIP_CHUNKS = 10


def parse_seed(raw: str | None) -> int | None:
    """A seed from a header or query value: digits as is, anything else hashed."""
    if raw is None or raw == "":
        return None
    raw = raw.strip()
    if raw.lstrip("-").isdigit() and len(raw) < 19:
        return abs(int(raw))
    return zlib.crc32(raw.encode("utf-8"))


@dataclass(slots=True)
class MockRequest:
    method: str
    slug: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes = b""
    body_too_large: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def instance(self) -> str:
        """The path the client asked for, for problem+json ``instance``."""
        return f"/{self.slug}{self.path if self.path != '/' else ''}"

    def first(self, name: str) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else None

    def seed_from(self, header: str, query: str) -> int | None:
        """The seed a client sent in ``header`` or, failing that, ``query``."""
        return parse_seed(self.headers.get(header) or self.first(query))


@dataclass(slots=True)
class EngineResponse:
    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay_ms: float = 0.0
    endpoint: CompiledEndpoint | None = None
    fault: str | None = None
    violations: list[dict[str, str]] = field(default_factory=list)
    # How to deliver: "empty" closes without a byte, "reset" sends
    # ``partial_bytes`` of the body then resets the connection.
    abort: str | None = None
    partial_bytes: int = 0
    drip_seconds: float = 0.0
    hang_seconds: float = 0.0
    seed: int | None = None

    def drip(self) -> tuple[list[bytes], float]:
        """slow_drip: the body in DRIP_CHUNKS pieces and the pause after each."""
        body = self.body
        size = max(1, -(-len(body) // DRIP_CHUNKS))
        chunks = [body[start : start + size] for start in range(0, len(body), size)]
        return chunks, self.drip_seconds / DRIP_CHUNKS
