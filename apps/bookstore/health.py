"""``GET /bookstore/health``: each subsystem and the dependencies it needs.

Inventory and sales need the database; delivery needs the database and the
Celery broker (its progression runs on workers); the cache serves the
platform's rate limits and config version. Reuses the platform's probes
(apps/core/health.py)."""

from __future__ import annotations

import logging
import time

from apps.core.health import check_broker, check_cache, check_database

logger = logging.getLogger(__name__)

PROBES = {"database": check_database, "cache": check_cache, "broker": check_broker}
SUBSYSTEMS = {
    "inventory": ("database",),
    "sales": ("database",),
    "delivery": ("database", "broker"),
}


def report() -> tuple[dict, bool]:
    dependencies: dict[str, dict] = {}
    for name, probe in PROBES.items():
        started = time.perf_counter()
        try:
            note = probe()
        except Exception as exc:  # a failing dependency is a report, never a 500
            logger.warning("bookstore health: %s down: %s", name, exc)
            dependencies[name] = {"status": "down", "error": type(exc).__name__}
            continue
        dependencies[name] = {
            "status": note or "ok",
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        }
    up = {name for name, d in dependencies.items() if d["status"] != "down"}
    subsystems = {
        name: {
            "status": "ok" if set(needs) <= up else "down",
            "depends_on": list(needs),
        }
        for name, needs in SUBSYSTEMS.items()
    }
    healthy = len(up) == len(PROBES)
    body = {
        "status": "ok" if healthy else "degraded",
        "subsystems": subsystems,
        "dependencies": dependencies,
    }
    return body, healthy
