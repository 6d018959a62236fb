"""The per-process compiled table, refreshed when the shared config version moves.

Steady state costs one cache read per ``version_check_interval`` seconds
(``MOCK_ENGINE_VERSION_CHECK_INTERVAL``) per process, not per request;
requests in between read the table from memory.

Freshness rules (a change must never look like a 404):

* one check at a time per event loop (single flight): a request that finds
  the last check too old waits for the running check, and for the rebuild it
  triggers, instead of answering from the old table meanwhile;
* a request the table cannot route (404/405) is asked again of a table checked
  after that request arrived, so an endpoint created just before it is found
  even inside the check interval;
* the cache (Redis) down: the last table keeps serving, marked stale (the
  ``X-Mock-Config-Stale`` header and one warning in the log); without a table
  yet, one is built from the database. The database down too: 503.
"""

from __future__ import annotations

import asyncio
import logging
import time

from asgiref.sync import sync_to_async
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import close_old_connections, connection

from apps.core.errors import classify
from apps.mocks.config_version import current_config_version
from apps.mocks.engine.config import EngineConfig
from apps.mocks.engine.pipeline import handle
from apps.mocks.engine.plan import EngineResponse, MockRequest
from apps.mocks.engine.responses import problem
from apps.mocks.engine.table import EndpointTable

from .loader import load_table

logger = logging.getLogger(__name__)

STALE_HEADER = "X-Mock-Config-Stale"
# The version of a table built while the shared version could not be read:
# never equal to a real one, so the first successful check rebuilds.
UNKNOWN_VERSION = -1


class TableHolder:
    def __init__(self) -> None:
        self.table: EndpointTable | None = None
        # When the last finished check started (monotonic): the table is as
        # fresh as the config version was then.
        self.checked_at = float("-inf")
        # Why the table may be behind the configuration (None: it is not).
        self.stale: str | None = None
        self.rebuilds = 0
        self._running: tuple[asyncio.AbstractEventLoop, asyncio.Future] | None = None

    def reset(self) -> None:
        self.table = None
        self.checked_at = float("-inf")
        self.stale = None
        self._running = None

    def _install(self, table: EndpointTable) -> EndpointTable:
        self.table = table
        self.rebuilds += 1
        return table

    async def get(
        self, *, interval: float, since: float | None = None
    ) -> EndpointTable:
        """The table as of a version check started at or after ``since``
        (default: ``interval`` seconds ago)."""
        if since is None:
            since = time.monotonic() - interval
        while True:
            table = self.table
            if table is not None and self.checked_at >= since:
                return table
            # Either a check we joined started before ``since`` (go again) or
            # the one we ran ourselves finished (fresh enough now).
            await self._check_once()

    async def _check_once(self) -> None:
        loop = asyncio.get_running_loop()
        running = self._running
        if running is not None and running[0] is loop and not running[1].done():
            failure = await asyncio.shield(running[1])
            if failure is not None and self.table is None:
                raise failure
            return
        future: asyncio.Future = loop.create_future()
        self._running = (loop, future)
        failure: BaseException | None = None
        try:
            await self._check(time.monotonic())
        except BaseException as exc:
            failure = exc
            raise
        finally:
            # Joiners get the failure as a value (never "exception was never
            # retrieved" when nobody joined).
            future.set_result(failure if isinstance(failure, Exception) else None)
            if self._running is not None and self._running[1] is future:
                self._running = None

    async def _check(self, started: float) -> None:
        current = self.table
        try:
            version = await _read_version()
        except Exception:
            self._mark_stale("config version unavailable")
            if current is None:
                # No table yet: the database alone still says what exists.
                self._install(await sync_to_async(_load_fresh)(UNKNOWN_VERSION))
            self.checked_at = max(self.checked_at, started)
            return
        if current is None or current.version != version:
            try:
                self._install(await sync_to_async(_load_fresh)(version))
            except Exception:
                if current is None:
                    raise
                self._mark_stale("configuration unavailable")
                self.checked_at = max(self.checked_at, started)
                return
        if self.stale is not None:
            logger.warning("mock config up to date again (version %s)", version)
        self.stale = None
        self.checked_at = max(self.checked_at, started)

    def _mark_stale(self, reason: str) -> None:
        if self.stale is None:  # once per outage, not once per check
            logger.warning(
                "%s: serving the last endpoint table (version %s)",
                reason,
                getattr(self.table, "version", None),
                exc_info=True,
            )
        self.stale = reason


async def _read_version() -> int:
    if isinstance(caches["default"], LocMemCache):
        return current_config_version()
    # A network cache must never block the event loop.
    return await sync_to_async(current_config_version, thread_sensitive=False)()


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


def _is_miss(plan: EngineResponse) -> bool:
    return plan.endpoint is None and plan.status in (404, 405)


async def plan_for(req: MockRequest, config: EngineConfig) -> EngineResponse:
    """The engine's answer from a table fresh enough for ``req``; 503
    (problem+json) when no table can be had."""
    arrived = time.monotonic()
    interval = config.version_check_interval
    try:
        table = await holder.get(interval=interval)
        plan = handle(table, req, config=config)
        if _is_miss(plan) and holder.checked_at < arrived:
            # The table may predate a change made before this request came.
            plan = handle(
                await holder.get(interval=interval, since=arrived), req, config=config
            )
    except Exception as exc:
        # No table at all (the database is unreachable too): the family's
        # problem+json, never the server's plain-text 500.
        info = classify(exc)
        unavailable = info.status == 503
        logger.log(
            logging.WARNING if unavailable else logging.ERROR,
            "mock request answered %s: no endpoint table", info.status,
            exc_info=not unavailable,
        )  # fmt: skip
        plan = problem(
            info.status, slug="unavailable" if unavailable else "server-error",
            detail="The mock configuration cannot be read now; try again shortly.",
            instance=req.instance,
        )  # fmt: skip
        if info.retry_after:
            plan.headers.append(("Retry-After", str(info.retry_after)))
        return plan
    if holder.stale is not None:
        plan.headers.append((STALE_HEADER, holder.stale))
    return plan


holder = TableHolder()
