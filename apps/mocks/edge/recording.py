"""A mock request's journal record, handed to the journal's writer (which
batches it off the critical path). ``journal_entry`` is the one place that
decides what a mock call's record holds."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.utils import timezone

from apps.mocks import journal
from apps.mocks.engine.plan import EngineResponse, MockRequest

logger = logging.getLogger(__name__)


def journal_entry(
    req: MockRequest, plan: EngineResponse, headers: dict[str, str], latency_ms: float
) -> dict[str, Any]:
    ep = plan.endpoint
    body_text, body_cut = journal.capped_text(req.body, redact=True)
    response_text, response_cut = journal.capped_text(
        plan.body[: plan.partial_bytes] if plan.abort else plan.body
    )
    return {
        "created_at": timezone.now(),
        "group_slug": req.slug[:50],
        "group_id": ep.group_id if ep else None,
        "endpoint_id": ep.id if ep else None,
        "endpoint_name": ep.name if ep else "",
        "method": req.method[:10],
        "path": req.path[:2000],
        "query": journal.redact_query(req.query),
        "request_headers": journal.redact_headers(req.headers),
        "request_body": body_text,
        "request_body_truncated": body_cut,
        "status": None if plan.abort else plan.status,
        "response_headers": journal.redact_headers(headers),
        "response_body": response_text,
        "response_body_truncated": response_cut,
        "latency_ms": round(latency_ms, 3),
        "chaos": plan.fault is not None,
        "chaos_fault": plan.fault or "",
        "validation_errors": plan.violations,
        "seed": plan.seed,
    }


def record(
    req: MockRequest, plan: EngineResponse, headers: dict[str, str], started: float
) -> None:
    """Journal the call; a journal failure never reaches the response."""
    latency = (time.perf_counter() - started) * 1000 + plan.drip_seconds * 1000
    try:
        journal.writer.record(journal_entry(req, plan, headers, latency))
    except Exception:
        logger.exception("journal record failed")
