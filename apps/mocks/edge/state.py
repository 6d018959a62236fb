"""The per-process compiled table, refreshed when the shared config version moves.

Steady state costs one cache read per ``version_check_interval`` seconds
(``MOCK_ENGINE_VERSION_CHECK_INTERVAL``) per process, not per request;
requests in between read the table from memory. A cache outage keeps serving
the last table rather than failing.
"""

from __future__ import annotations

import logging
import time

from asgiref.sync import sync_to_async
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import close_old_connections, connection

from apps.mocks.config_version import current_config_version
from apps.mocks.engine.table import EndpointTable

from .loader import load_table

logger = logging.getLogger(__name__)


class TableHolder:
    def __init__(self) -> None:
        self.table: EndpointTable | None = None
        self.checked_at = float("-inf")
        self.rebuilds = 0

    def reset(self) -> None:
        self.table = None
        self.checked_at = float("-inf")

    def _install(self, table: EndpointTable) -> EndpointTable:
        self.table = table
        self.rebuilds += 1
        return table

    async def get(self, *, interval: float) -> EndpointTable:
        """The table, checking the shared version at most every ``interval`` s."""
        current = self.table
        if current is not None and time.monotonic() - self.checked_at < interval:
            return current
        # Claim the check first so that concurrent requests keep using the
        # current table instead of piling onto the cache.
        self.checked_at = time.monotonic()
        try:
            if isinstance(caches["default"], LocMemCache):
                version = current_config_version()
            else:
                # A network cache must never block the event loop.
                version = await sync_to_async(
                    current_config_version, thread_sensitive=False
                )()
        except Exception:
            if current is not None:
                logger.warning("config version check failed", exc_info=True)
                return current
            raise
        if current is not None and current.version == version:
            return current
        return self._install(await sync_to_async(_load_fresh)(version))


def _recycle_connection() -> None:
    # Inside a transaction (a test case, or a caller's atomic block) the
    # connection is in use and its autocommit differs from the settings, which
    # close_old_connections() would take for "unusable": leave it alone.
    if not connection.in_atomic_block:
        close_old_connections()


def _load_fresh(version: int) -> EndpointTable:
    # Outside Django's request cycle (the ASGI fast path) nothing else recycles
    # this thread's connection, so drop a stale one before and after.
    _recycle_connection()
    try:
        return load_table(version)
    finally:
        _recycle_connection()


holder = TableHolder()
