"""What the HTTP benchmarks share: a fresh PostgreSQL database for the server
under test, its environment, and percentiles."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.server import server_env  # noqa: E402


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def fresh_postgres_env(database: str, log_prefix: str, **extra: str) -> dict:
    """Drop and create ``database``; the server's environment on it."""
    psql(f'DROP DATABASE IF EXISTS "{database}"')
    psql(f'CREATE DATABASE "{database}"')
    return server_env(
        f"postgres://postgres@127.0.0.1:5432/{database}",
        # As test_config_propagation does: dev settings with debug off.
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        LOG_LEVEL="WARNING",
        # Under ASGI each request's sync code runs in a thread of its own, so
        # kept connections pile up (PostgreSQL's 100 are shared on this box):
        # one connection per request, closed at its end.
        CONN_MAX_AGE="0",
        E2E_LOG_DIR=tempfile.mkdtemp(prefix=log_prefix),
        **extra,
    )


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile of latencies in seconds, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000
