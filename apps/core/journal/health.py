"""The journal's state across every worker process, for /ready/.

Each process counts its own drops; its writer thread adds them to one shared
counter in the cache (Redis in production, so the total is every worker's)
and, while its journal is degraded, sets a shared flag that expires on its
own, so whichever worker answers /ready/ sees that some worker is in trouble.
Only the writer thread talks to the cache: recording stays an append.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache

logger = logging.getLogger("apps.core.journal")

DROPPED_KEY = "journal:dropped"
DEGRADED_KEY = "journal:degraded"
DEGRADED_TTL = 10  # seconds the flag outlives the last degraded report


def publish(writer: Any) -> None:
    """Add this process's new drops to the shared counter, log them (once
    per interval), and flag a degraded journal. Never raises: the cache
    being away must not stop the writer (the drops wait for the next try)."""
    writer.log_drops()
    new = writer.take_unreported()
    try:
        if new:
            cache.add(DROPPED_KEY, 0, timeout=None)
            cache.incr(DROPPED_KEY, new)
        state = writer.state()
        if state["status"] != "ok":
            cache.set(DEGRADED_KEY, state["reasons"], timeout=DEGRADED_TTL)
    except Exception:
        writer.give_back_unreported(new)
        logger.debug("journal state not published", exc_info=True)


def journal_health(writer: Any) -> dict[str, Any]:
    """``{"status": "ok"|"degraded", "dropped": N, "buffered": M, …}``:
    ``dropped`` counts every worker's drops (the shared counter plus this
    process's not yet published), ``buffered`` this process's buffer,
    ``status`` degraded when this process's journal is, or another worker
    flagged its own within the last ``DEGRADED_TTL`` seconds."""
    state = writer.state()
    shared: dict[str, Any] = {}
    try:
        shared = cache.get_many([DROPPED_KEY, DEGRADED_KEY])
    except Exception as exc:  # the cache check reports the cache itself
        state["reasons"].append(f"shared state unavailable: {type(exc).__name__}")
    reasons = list(dict.fromkeys(state["reasons"] + (shared.get(DEGRADED_KEY) or [])))
    body = {
        "status": "degraded" if reasons else "ok",
        "dropped": int(shared.get(DROPPED_KEY) or 0) + writer.unreported,
        "buffered": state["buffered"],
    }
    if reasons:
        body["reasons"] = reasons
    if state["last_error"]:
        body["last_error"] = state["last_error"]
    return body
