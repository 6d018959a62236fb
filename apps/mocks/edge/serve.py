"""The part of a mock request every async transport shares: get the table,
ask the engine, wait out the planned delay (asyncio, never a thread)."""

from __future__ import annotations

import asyncio
import time

from apps.mocks.engine.config import EngineConfig
from apps.mocks.engine.plan import EngineResponse, MockRequest

from .state import plan_for


async def serve(req: MockRequest, config: EngineConfig) -> tuple[EngineResponse, float]:
    """The plan, after its delay, and when the request started (perf_counter)."""
    started = time.perf_counter()
    plan = await plan_for(req, config)
    wait = plan.delay_ms / 1000 + plan.hang_seconds
    if wait > 0:
        await asyncio.sleep(wait)
    return plan, started
