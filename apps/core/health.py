"""Liveness and readiness.

``/health/`` answers as long as the process serves requests. ``/ready/`` checks
each dependency the product needs and answers 503 naming every failing part, so
a load balancer (or a human) sees which one is down.

It also reports the journal (``checks.journal``: ok or degraded, entries
dropped by every worker, entries buffered here). A degraded journal makes the
body's status "degraded" but keeps the 200: the journal never fails a
response, and a locked journal table degrades every worker at once, so a 503
would take the whole service out of rotation to protect a record of it.
Monitoring alerts on ``status`` and ``dropped`` instead.
"""

import logging
import time
import uuid

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .journal.health import journal_health
from .journal.writer import writer

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"ready-probe-{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=5)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("cache did not return the value it was given")


def check_broker() -> str | None:
    """Connect to the Celery broker; None means there is none to check (eager)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    # The project's app (config/celery.py makes itself current as it loads).
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    return None


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
@require_GET
def health(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    results: dict[str, dict] = {}
    failing: list[str] = []
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            note = check()
        except Exception as exc:  # any failure means "not ready", never a 500
            logger.warning("readiness check %s failed: %s", name, exc)
            failing.append(name)
            results[name] = {"status": "down", "error": f"{type(exc).__name__}: {exc}"}
            continue
        elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        results[name] = {"status": note or "ok", "latency_ms": elapsed_ms}
    results["journal"] = journal_health(writer)
    degraded = results["journal"]["status"] != "ok"
    status = "unavailable" if failing else "degraded" if degraded else "ok"
    body = {"status": status, "checks": results}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
