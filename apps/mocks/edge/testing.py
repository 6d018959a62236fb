"""Run one request through the engine without HTTP (the "test" button).

``run_test_request`` backs ``POST /api/groups/{g}/endpoints/{id}/test``: it uses
the same resolve → validate → chaos → build pipeline as live traffic, compiled
straight from the database (so an edit is testable before the config version
reaches every worker), and reports the planned delay instead of sleeping it.

Every test call is journaled, tagged ``test``, and runs on a known seed (the
caller's, or one chosen here for both the body and the chaos pick), so the
curl shown beside a result reproduces exactly that result.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from apps.core import journal
from apps.mocks.engine.pipeline import handle
from apps.mocks.engine.plan import MockRequest
from apps.mocks.engine.samples import sample_value

from .config import engine_config
from .loader import load_table
from .recording import journal_entry
from .state import holder

TEST_TAG = "test"


def _decode(body: bytes, content_type: str | None) -> Any:
    if not body:
        return None
    if content_type and "json" in content_type:
        try:
            return json.loads(body)
        except ValueError:
            pass
    return body.decode("utf-8", "replace")


def run_test_request(
    endpoint: Any,
    *,
    chaos: bool = False,
    method: str | None = None,
    path: str | None = None,
    query: Mapping[str, Any] | str | None = None,
    headers: Mapping[str, str] | None = None,
    body: Any = None,
    seed: int | str | None = None,
    fault: str | None = None,
) -> dict[str, Any]:
    """Status, headers, body, latency (and delay, fault, violations, seed)."""
    table = load_table(version=-1)
    compiled = table.by_id.get(str(endpoint.pk))
    if path is None:
        path = endpoint.path
        if compiled is not None:
            for name in compiled.param_names:
                if name:
                    spec = compiled.path_specs.get(name)
                    value = sample_value(spec) if spec else "1"
                    path = path.replace("{" + name + "}", value)
    if chaos:
        path = path.rstrip("/") + "/chaos"
    if isinstance(query, str):
        parsed_query = parse_qs(query.lstrip("?"), keep_blank_values=True)
    else:
        parsed_query = {
            k: (list(map(str, v)) if isinstance(v, list | tuple) else [str(v)])
            for k, v in (query or {}).items()
        }
    lowered = {k.lower(): str(v) for k, v in (headers or {}).items()}
    if isinstance(body, bytes):
        raw = body
    elif isinstance(body, str):
        raw = body.encode("utf-8")
    elif body is not None:
        raw = json.dumps(body).encode("utf-8")
        lowered.setdefault("content-type", "application/json")
    else:
        raw = b""
    if seed is None and "x-mock-seed" not in lowered:
        seed = random.getrandbits(32)
    if seed is not None:
        lowered["x-mock-seed"] = str(seed)
    if chaos:
        lowered.setdefault("x-chaos-seed", lowered["x-mock-seed"])
    if fault:
        lowered["x-chaos-fault"] = fault
    req = MockRequest(
        method=(method or endpoint.method).upper(),
        slug=endpoint.group.slug,
        path=path,
        query=parsed_query,
        headers=lowered,
        body=raw,
    )
    started = time.perf_counter()
    plan = handle(table, req, config=engine_config())
    latency = (time.perf_counter() - started) * 1000
    out_headers = {"Content-Type": plan.content_type} if plan.content_type else {}
    out_headers.update(dict(plan.headers))
    journal.writer.record(
        journal_entry(req, plan, out_headers, latency, tags=[TEST_TAG])
    )
    return {
        "status": None if plan.abort else plan.status,
        "headers": out_headers,
        "body": _decode(plan.body, plan.content_type),
        "latency_ms": round(latency, 3),
        "delay_ms": round(plan.delay_ms + plan.hang_seconds * 1000, 3),
        "fault": plan.fault,
        "aborted": plan.abort,
        "violations": plan.violations,
        "seed": plan.seed,
        # What reproduces this result over HTTP (the portal's curl line).
        "replay_headers": {
            "X-Mock-Seed": lowered["x-mock-seed"],
            **({"X-Chaos-Seed": lowered["x-chaos-seed"]} if chaos else {}),
        },
    }


def reset_engine() -> None:
    """Forget the compiled table and any queued journal entries (tests)."""
    holder.reset()
    journal.writer.clear()
