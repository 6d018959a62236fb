"""A mock request's journal record, handed to the journal's writer (which
batches it off the critical path). ``journal_entry`` is the one place that
decides what a mock call's record holds."""

from __future__ import annotations

import logging
import time
from typing import Any

from apps.core import journal
from apps.mocks.engine.plan import EngineResponse, MockRequest

logger = logging.getLogger(__name__)
FAMILY = "mocks"  # the journal's family tag (apps/mocks/family.py)


def journal_entry(
    req: MockRequest,
    plan: EngineResponse,
    headers: dict[str, str],
    latency_ms: float,
    *,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    ep = plan.endpoint
    fault_tags = journal.chaos_tags(plan.fault)
    return journal.build_entry(
        family=FAMILY,
        operation=ep.name if ep else "",
        tags=[*fault_tags, *tags] if tags else fault_tags,
        method=req.method,
        path=req.path,
        query=req.query,
        request_headers=req.headers,
        request_body=req.body,
        status=None if plan.abort else plan.status,
        response_headers=headers,
        response_body=plan.body[: plan.partial_bytes] if plan.abort else plan.body,
        latency_ms=latency_ms,
        group_slug=req.slug[:50],
        group_id=ep.group_id if ep else None,
        endpoint_id=ep.id if ep else None,
        endpoint_name=ep.name if ep else "",
        chaos=plan.fault is not None,
        chaos_fault=plan.fault or "",
        validation_errors=plan.violations,
        seed=plan.seed,
    )


def record(
    req: MockRequest, plan: EngineResponse, headers: dict[str, str], started: float
) -> None:
    """Journal the call; a journal failure never reaches the response."""
    latency = (time.perf_counter() - started) * 1000 + plan.drip_seconds * 1000
    try:
        journal.writer.record(journal_entry(req, plan, headers, latency))
    except Exception:
        logger.exception("journal record failed")
