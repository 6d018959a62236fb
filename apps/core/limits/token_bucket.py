"""Token buckets: a plan (a refill rate and a burst) charged per bucket key.

Callers bring the plan and the key as data (a family's usage plans, a key that
names the operation and the client); nothing here knows any API.

``consume(key, plan)`` takes one token from the bucket ``key`` or refuses with
the wait until the next token. With Redis as the default cache the bucket is a
hash updated by a Lua script, so the check and the decrement are one atomic
step for every worker process, and the clock is Redis' own (``TIME``), not
each worker's. Without Redis (the embedded setup, one process) the same
arithmetic runs under a process lock on the local-memory cache. Which one is
used is read from ``CACHES`` once and rebuilt on ``setting_changed``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.signals import setting_changed
from django.utils.connection import ConnectionProxy

CACHE_ALIAS = "default"


@dataclass(frozen=True)
class UsagePlan:
    """``rate`` tokens per second refill a bucket of ``burst`` tokens."""

    rate: float
    burst: int

    def __post_init__(self) -> None:
        if not self.rate > 0:
            raise ValueError(f"a plan's rate must be positive, not {self.rate!r}")
        if self.burst < 1:
            raise ValueError(f"a plan's burst must be 1 or more, not {self.burst!r}")

    def scaled(self, scale: float) -> UsagePlan:
        """Rate and burst multiplied (the burst stays at least 1); a subclass
        stays itself."""
        return replace(
            self, rate=self.rate * scale, burst=max(1, round(self.burst * scale))
        )

    @property
    def lifetime(self) -> float:
        """Seconds an untouched bucket takes to fill up again: after that its
        state says nothing a fresh bucket would not."""
        return self.burst / self.rate


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: float  # tokens left after this request
    retry_after: float  # seconds until a token is back (0 when allowed)


class Buckets(Protocol):
    def consume(self, key: str, plan: UsagePlan) -> Decision: ...


TOKEN_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
local elapsed = now - ts
if elapsed < 0 then elapsed = 0 end
tokens = math.min(burst, tokens + elapsed * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(tokens), tostring(retry)}
"""


class RedisBuckets:
    """Buckets shared by every process that talks to the same Redis."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._script = client.register_script(TOKEN_BUCKET_LUA)

    @classmethod
    def from_url(cls, url: str) -> RedisBuckets:
        import redis

        return cls(redis.Redis.from_url(url))

    def consume(self, key: str, plan: UsagePlan) -> Decision:
        allowed, remaining, retry = self._script(
            keys=[key], args=[repr(plan.rate), plan.burst]
        )
        return Decision(bool(int(allowed)), float(remaining), float(retry))


class LocalBuckets:
    """Buckets of one process, kept in a Django cache (the local-memory one:
    its entries expire and ``cache.clear()`` empties them)."""

    def __init__(
        self, cache: BaseCache, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.cache = cache
        self.clock = clock
        # Read, refill, charge and write back must not interleave between threads.
        self._lock = threading.Lock()

    def consume(self, key: str, plan: UsagePlan) -> Decision:
        with self._lock:
            now = self.clock()
            tokens, ts = self.cache.get(key) or (float(plan.burst), now)
            tokens = min(plan.burst, tokens + max(0.0, now - ts) * plan.rate)
            if tokens >= 1:
                tokens -= 1
                decision = Decision(True, tokens, 0.0)
            else:
                decision = Decision(False, tokens, (1 - tokens) / plan.rate)
            self.cache.set(key, (tokens, now), timeout=int(plan.lifetime) + 1)
            return decision


def redis_location(alias: str = CACHE_ALIAS) -> str | None:
    """The Redis URL of the cache ``alias``, or None when it is not Redis."""
    config = settings.CACHES.get(alias, {})
    if "redis" not in config.get("BACKEND", "").lower():
        return None
    location = config.get("LOCATION")
    if isinstance(location, list | tuple):
        location = location[0]  # the primary; replicas cannot run the script
    return location or None


@cache
def buckets() -> Buckets:
    """This process' buckets: in Redis when the default cache is Redis."""
    location = redis_location()
    if location is not None:
        return RedisBuckets.from_url(location)
    # The proxy, not caches[alias]: Django hands each thread its own instance.
    return LocalBuckets(ConnectionProxy(caches, CACHE_ALIAS))


def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting == "CACHES":
        buckets.cache_clear()


setting_changed.connect(_forget)


def consume(key: str, plan: UsagePlan) -> Decision:
    """Take one token from the bucket ``key``; refuse when it is empty."""
    return buckets().consume(key, plan)
