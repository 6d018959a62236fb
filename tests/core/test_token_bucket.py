"""The kit's token bucket: plans as data, in Redis or in one process' memory."""

import time
import uuid

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from apps.core.limits import token_bucket
from apps.core.limits.token_bucket import (
    LocalBuckets,
    RedisBuckets,
    UsagePlan,
    redis_location,
)

NEVER = 1e-9  # a refill rate no test outlives


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def local_buckets(clock=time.monotonic) -> LocalBuckets:
    return LocalBuckets(LocMemCache(f"buckets-{uuid.uuid4()}", {}), clock=clock)


def redis_buckets() -> RedisBuckets:
    location = redis_location()
    assert location is not None, "the test settings put the cache on Redis"
    return RedisBuckets.from_url(location)


@pytest.fixture(params=["local", pytest.param("redis", marks=pytest.mark.redis)])
def buckets(request):
    return local_buckets() if request.param == "local" else redis_buckets()


@pytest.fixture
def key() -> str:
    return f"test:bucket:{uuid.uuid4()}"


# --- both stores ------------------------------------------------------------------


def test_a_fresh_bucket_allows_its_burst_then_refuses(buckets, key):
    plan = UsagePlan(rate=NEVER, burst=3)

    results = [buckets.consume(key, plan).allowed for _ in range(5)]

    assert results == [True, True, True, False, False]


def test_allowed_decisions_say_what_remains(buckets, key):
    plan = UsagePlan(rate=NEVER, burst=3)

    first = buckets.consume(key, plan)

    assert first.retry_after == 0
    assert first.remaining == pytest.approx(2, abs=1e-3)


def test_refusal_says_when_the_next_token_comes(buckets, key):
    plan = UsagePlan(rate=0.5, burst=1)  # one token every 2 s
    buckets.consume(key, plan)

    refused = buckets.consume(key, plan)

    assert not refused.allowed
    assert 1.9 < refused.retry_after <= 2.0


def test_bucket_refills_over_time(buckets, key):
    plan = UsagePlan(rate=20.0, burst=1)  # a token every 50 ms
    assert buckets.consume(key, plan).allowed
    assert not buckets.consume(key, plan).allowed

    time.sleep(0.08)

    assert buckets.consume(key, plan).allowed


def test_refused_requests_take_no_token(buckets, key):
    plan = UsagePlan(rate=NEVER, burst=1)
    buckets.consume(key, plan)

    refusals = [buckets.consume(key, plan) for _ in range(3)]

    assert {d.allowed for d in refusals} == {False}
    assert refusals[-1].remaining == pytest.approx(0, abs=1e-3)


def test_keys_are_isolated(buckets, key):
    plan = UsagePlan(rate=NEVER, burst=1)
    buckets.consume(key, plan)
    assert not buckets.consume(key, plan).allowed

    assert buckets.consume(key + ":other", plan).allowed


# --- one process ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("burst", "elapsed", "expected"),
    [
        (4, 1.0, [True, True, False]),  # 2 tokens/s: two back after a second
        (2, 3600, [True, True, False]),  # never more than the burst
    ],
)
def test_local_refill_follows_the_plan_rate_up_to_the_burst(burst, elapsed, expected):
    clock = FakeClock()
    local = local_buckets(clock)
    plan = UsagePlan(rate=2.0, burst=burst)
    for _ in range(burst):
        local.consume("k", plan)

    clock.now += elapsed

    assert [local.consume("k", plan).allowed for _ in range(3)] == expected


def test_local_retry_after_is_the_time_to_one_whole_token():
    clock = FakeClock()
    local = local_buckets(clock)
    plan = UsagePlan(rate=4.0, burst=1)
    local.consume("k", plan)
    clock.now += 0.1  # 0.4 of a token back

    refused = local.consume("k", plan)

    assert refused.retry_after == pytest.approx(0.15)


class RecordingCache(LocMemCache):
    def __init__(self) -> None:
        super().__init__(f"buckets-{uuid.uuid4()}", {})
        self.timeouts: dict[str, object] = {}

    def set(self, key, value, timeout=None, version=None):
        self.timeouts[key] = timeout
        super().set(key, value, timeout=timeout, version=version)


def test_local_state_expires_once_the_bucket_would_be_full():
    store = RecordingCache()

    LocalBuckets(store).consume("k", UsagePlan(rate=1.0, burst=10))

    assert store.timeouts == {"k": 11}


# --- Redis ------------------------------------------------------------------------


@pytest.mark.redis
def test_two_clients_on_one_redis_share_one_bucket(key):
    first, second = redis_buckets(), redis_buckets()
    assert first.client is not second.client
    plan = UsagePlan(rate=NEVER, burst=4)

    allowed = [store.consume(key, plan).allowed for store in (first, second) * 3]

    assert allowed == [True, True, True, True, False, False]


@pytest.mark.redis
def test_redis_bucket_expires_once_it_would_be_full(key):
    store = redis_buckets()
    store.consume(key, UsagePlan(rate=1.0, burst=10))

    assert 10_000 < store.client.pttl(key) <= 11_000


# --- which store, and the plans ---------------------------------------------------


@pytest.mark.redis
def test_the_redis_cache_gives_redis_buckets():
    assert isinstance(token_bucket.buckets(), RedisBuckets)


def test_a_local_cache_gives_local_buckets_rebuilt_on_setting_change(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"buckets-{uuid.uuid4()}",
        }
    }
    plan = UsagePlan(rate=NEVER, burst=1)

    assert isinstance(token_bucket.buckets(), LocalBuckets)
    assert token_bucket.consume("k", plan).allowed
    assert not token_bucket.consume("k", plan).allowed
    cache.clear()  # the local buckets live in the default cache
    assert token_bucket.consume("k", plan).allowed


def test_the_store_is_built_once():
    assert token_bucket.buckets() is token_bucket.buckets()


def test_redis_location_takes_the_primary_of_a_list(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ["redis://primary:6379/1", "redis://replica:6379/1"],
        }
    }

    assert redis_location() == "redis://primary:6379/1"


def test_scaled_plan_multiplies_rate_and_burst_keeping_one_token():
    assert UsagePlan(2.0, 20).scaled(0.1) == UsagePlan(0.2, 2)
    assert UsagePlan(2.0, 2).scaled(0.01).burst == 1


def test_scaled_plan_keeps_a_subclass():
    class Named(UsagePlan):
        pass

    assert type(Named(1.0, 1).scaled(2)) is Named


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (-1.0, 1), (1.0, 0)])
def test_plans_that_cannot_refill_or_hold_a_token_are_refused(rate, burst):
    with pytest.raises(ValueError, match="plan"):
        UsagePlan(rate, burst)
