"""SP-API usage plans: one token bucket per operation and selling partner/app pair.

With Redis the bucket lives in a hash updated by a Lua script, so the check and the
decrement are one atomic step for every worker process, and the clock is Redis'
own (``TIME``), not each worker's. Without Redis (embedded setup, one process)
the same arithmetic runs under a process lock on the local-memory cache.
"""

import threading
import time
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache


@dataclass(frozen=True)
class UsagePlan:
    rate: float  # tokens per second
    burst: int

    def scaled(self, scale: float) -> "UsagePlan":
        return UsagePlan(
            rate=self.rate * scale, burst=max(1, round(self.burst * scale))
        )

    @property
    def header(self) -> str:
        # Amazon sends the rate as a plain decimal ("0.0167", "2.0").
        text = f"{self.rate:.4f}".rstrip("0")
        return text + "0" if text.endswith(".") else text


# The models' documented defaults (rate per second, burst).
USAGE_PLANS: dict[str, UsagePlan] = {
    "getOrders": UsagePlan(0.0167, 20),
    "getOrder": UsagePlan(0.5, 30),
    "getOrderBuyerInfo": UsagePlan(0.5, 30),
    "getOrderAddress": UsagePlan(0.5, 30),
    "getOrderItems": UsagePlan(0.5, 30),
    "getOrderItemsBuyerInfo": UsagePlan(0.5, 30),
    "getOrderRegulatedInfo": UsagePlan(0.5, 30),
    "updateVerificationStatus": UsagePlan(0.5, 30),
    "updateShipmentStatus": UsagePlan(5, 15),
    "confirmShipment": UsagePlan(2, 10),
    "getListingsItem": UsagePlan(5, 10),
    "putListingsItem": UsagePlan(5, 10),
    "patchListingsItem": UsagePlan(5, 5),
    "deleteListingsItem": UsagePlan(5, 5),
    "searchListingsItems": UsagePlan(5, 5),
    "getInventorySummaries": UsagePlan(2, 2),
    "getInventoryDetails": UsagePlan(2, 2),
    # The model gives the sandbox item operations no usage plan of their own;
    # they get the FBA Inventory API's only documented one (getInventorySummaries).
    "createInventoryItem": UsagePlan(2, 2),
    "deleteInventoryItem": UsagePlan(2, 2),
    "addInventory": UsagePlan(2, 2),
    "getReports": UsagePlan(0.0222, 10),
    "createReport": UsagePlan(0.0167, 15),
    "getReport": UsagePlan(2, 15),
    "cancelReport": UsagePlan(0.0222, 10),
    "getReportDocument": UsagePlan(0.0167, 15),
    "getReportSchedules": UsagePlan(0.0222, 10),
    "createReportSchedule": UsagePlan(0.0222, 10),
    "getReportSchedule": UsagePlan(0.0222, 10),
    "cancelReportSchedule": UsagePlan(0.0222, 10),
    "createRestrictedDataToken": UsagePlan(1, 10),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: float
    retry_after: float


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


def _redis_location() -> str | None:
    config = settings.CACHES.get("default", {})
    if "redis" not in config.get("BACKEND", "").lower():
        return None
    location = config.get("LOCATION")
    if isinstance(location, list | tuple):
        location = location[0]
    return location or None


@cache
def _redis_script(location: str):
    import redis

    client = redis.Redis.from_url(location)
    return client.register_script(TOKEN_BUCKET_LUA)


_local_lock = threading.Lock()


def _consume_local(key: str, plan: UsagePlan) -> Decision:
    with _local_lock:
        now = time.monotonic()
        tokens, ts = django_cache.get(key) or (float(plan.burst), now)
        tokens = min(plan.burst, tokens + max(0.0, now - ts) * plan.rate)
        if tokens >= 1:
            tokens -= 1
            decision = Decision(True, tokens, 0.0)
        else:
            decision = Decision(False, tokens, (1 - tokens) / plan.rate)
        timeout = int(plan.burst / plan.rate) + 1
        django_cache.set(key, (tokens, now), timeout=timeout)
        return decision


def consume(key: str, plan: UsagePlan) -> Decision:
    """Take one token from the bucket ``key``; refuse when it is empty."""
    location = _redis_location()
    if location is None:
        return _consume_local(key, plan)
    allowed, remaining, retry = _redis_script(location)(
        keys=[key], args=[repr(plan.rate), plan.burst]
    )
    return Decision(bool(int(allowed)), float(remaining), float(retry))


def effective_plan(operation: str) -> UsagePlan | None:
    plan = USAGE_PLANS.get(operation)
    if plan is None:
        return None
    scale = float(getattr(settings, "AMAZON_RATE_LIMIT_SCALE", 1.0) or 1.0)
    return plan.scaled(scale) if scale != 1.0 else plan


def bucket_key(operation: str, seller_id: str, application_id: str) -> str:
    return f"amazon:usage:{operation}:{seller_id}:{application_id}"


def check(operation: str, seller_id: str, application_id: str) -> Decision | None:
    """None when the operation has no plan or limits are switched off."""
    if not getattr(settings, "AMAZON_RATE_LIMITS_ENABLED", True):
        return None
    plan = effective_plan(operation)
    if plan is None:
        return None
    return consume(bucket_key(operation, seller_id, application_id), plan)
