"""Turning one call into one journal record (the only place records are built).

The mock engine's edge and the middleware below (every other family) both
call ``build_entry``: the same redaction, caps, tags and episode for all.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty

from .redaction import capped_text, redact_headers, redact_query
from .writer import writer

EPISODE_HEADER = "x-episode-id"
EPISODE_RE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
ANNOTATIONS = "_journal_annotations"


def episode_of(headers: Mapping[str, str]) -> str:
    """The agent-training episode a call belongs to (``X-Episode-Id``)."""
    value = headers.get(EPISODE_HEADER)
    return value if value and EPISODE_RE.match(value) else ""


def chaos_tags(fault: str | None) -> list[str]:
    return ["chaos", f"chaos:{fault}"] if fault else []


def annotate(request: Any, **values: Any) -> None:
    """Let a view say what the journal should record of its call
    (``operation``, ``principal``, ``tags``) better than it can guess."""
    django_request = getattr(request, "_request", request)
    annotations = django_request.__dict__.setdefault(ANNOTATIONS, {})
    annotations.update(values)


def annotations_of(request: Any) -> dict[str, Any]:
    return getattr(request, "__dict__", {}).get(ANNOTATIONS, {})


def principal_of(request: Any) -> str:
    """Who made the call, never their secret: a view's annotation, the user
    object's ``journal_principal``, ``user:<id>``, or ``anonymous``. A user
    that was never looked up stays unknown (no query made for the journal)."""
    user = request.__dict__.get("user")
    if user is None:
        return ""
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            return ""
        user = user._wrapped
    described = getattr(user, "journal_principal", None)
    if described:
        return str(described)[:200]
    if getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return "anonymous"


def build_entry(
    *,
    family: str,
    method: str,
    path: str,
    query: Mapping[str, list[str]],
    request_headers: Mapping[str, str],
    request_body: bytes,
    status: int | None,
    response_headers: Mapping[str, str],
    response_body: bytes,
    latency_ms: float,
    operation: str = "",
    principal: str = "",
    tags: Iterable[str] = (),
    request_id: str = "",
    request_body_captured: bool = True,
    response_body_captured: bool = True,
    secret_fields: frozenset[str] = frozenset(),
    redact_response: bool = False,
    **columns: Any,
) -> dict[str, Any]:
    """One journal row as a dict (``columns`` are the engine's own: group,
    endpoint, chaos, validation failures, seed). Request bodies are always
    redacted by field name; response bodies when asked (an API that hands out
    tokens), not for the engine's configured fake data (its hot path)."""
    content_type = request_headers.get("content-type", "")
    body_text, body_cut = capped_text(
        request_body, redact=True, content_type=content_type, extra=secret_fields
    )
    response_text, response_cut = capped_text(
        response_body,
        redact=redact_response,
        content_type=response_headers.get("content-type")
        or response_headers.get("Content-Type", ""),
        extra=secret_fields,
    )
    return {
        "created_at": timezone.now(),
        "family": family[:40],
        "operation": operation[:120],
        "principal": principal[:200],
        "tags": list(tags),
        "episode": episode_of(request_headers),
        "request_id": request_id[:64],
        "method": method[:10],
        "path": path[:2000],
        "query": redact_query(query, secret_fields),
        "request_headers": redact_headers(request_headers),
        "request_body": body_text,
        "request_body_truncated": body_cut or not request_body_captured,
        "status": status,
        "response_headers": redact_headers(response_headers),
        "response_body": response_text,
        "response_body_truncated": response_cut or not response_body_captured,
        "latency_ms": round(latency_ms, 3),
        **columns,
    }


def record(entry: dict[str, Any]) -> None:
    writer.record(entry)


def now_ms() -> float:
    return time.perf_counter() * 1000
