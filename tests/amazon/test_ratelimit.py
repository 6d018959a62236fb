"""Usage plans: token buckets per operation and seller/app, 429 QuotaExceeded."""

import json
import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from apps.amazon import factories, ratelimit
from tests.amazon.conftest import assert_envelope

ORDERS = "/amazon/orders/v0/orders"
PARAMS = {"MarketplaceIds": "ATVPDKIKX0DER", "CreatedAfter": "2020-01-01T00:00:00Z"}
REPO = Path(__file__).resolve().parents[2]


def test_get_orders_allows_its_burst_of_20_then_429(api, limits_on):
    statuses = [api.get(ORDERS, PARAMS).status_code for _ in range(21)]
    assert statuses[:20] == [200] * 20
    response = api.get(ORDERS, PARAMS)
    body = assert_envelope(response, 429, "QuotaExceeded")
    assert body["errors"][0]["message"] == (
        "You exceeded your quota for the requested resource."
    )
    assert not response.has_header("x-amzn-RateLimit-Limit")


def test_scale_setting_multiplies_burst(api, limits_on):
    limits_on.AMAZON_RATE_LIMIT_SCALE = 0.1  # getOrders burst 20 → 2
    statuses = [api.get(ORDERS, PARAMS).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert api.get(ORDERS, PARAMS).status_code == 429


def test_header_reports_the_scaled_rate(api, limits_on):
    limits_on.AMAZON_RATE_LIMIT_SCALE = 10
    assert api.get(ORDERS, PARAMS)["x-amzn-RateLimit-Limit"] == "0.167"


def test_disabled_limits_never_refuse(api, settings):
    settings.AMAZON_RATE_LIMITS_ENABLED = False
    assert {api.get(ORDERS, PARAMS).status_code for _ in range(25)} == {200}


def test_buckets_are_per_operation(api, limits_on, seller):
    limits_on.AMAZON_RATE_LIMIT_SCALE = 0.1
    order = factories.OrderFactory(seller=seller)
    for _ in range(2):
        api.get(ORDERS, PARAMS)
    assert api.get(ORDERS, PARAMS).status_code == 429
    assert api.get(f"{ORDERS}/{order.amazon_order_id}").status_code == 200


def test_buckets_are_per_selling_partner(api, other_api, limits_on):
    limits_on.AMAZON_RATE_LIMIT_SCALE = 0.1
    for _ in range(2):
        api.get(ORDERS, PARAMS)
    assert api.get(ORDERS, PARAMS).status_code == 429
    assert other_api.get(ORDERS, PARAMS).status_code == 200


def test_bucket_refills_at_the_plan_rate(limits_on):
    plan = ratelimit.UsagePlan(rate=20.0, burst=1)
    assert ratelimit.consume("amazon:test:refill", plan).allowed
    refused = ratelimit.consume("amazon:test:refill", plan)
    assert not refused.allowed
    assert 0 < refused.retry_after <= 0.05 + 1e-6
    time.sleep(0.08)
    assert ratelimit.consume("amazon:test:refill", plan).allowed


def test_rejected_requests_are_not_charged_twice(limits_on):
    plan = ratelimit.UsagePlan(rate=0.0001, burst=3)
    results = [ratelimit.consume("amazon:test:charge", plan).allowed for _ in range(6)]
    assert results == [True, True, True, False, False, False]


def test_header_format_matches_amazon():
    assert ratelimit.UsagePlan(0.0167, 20).header == "0.0167"
    assert ratelimit.UsagePlan(2, 2).header == "2.0"
    assert ratelimit.UsagePlan(0.5, 30).header == "0.5"


WORKER = textwrap.dedent(
    """
    import json, sys, time
    import django
    django.setup()
    from apps.amazon import ratelimit
    from apps.core.limits import token_bucket
    key, burst, attempts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    plan = ratelimit.UsagePlan(rate=0.0001, burst=burst)
    # A barrier in Redis so that both processes hammer the bucket at once.
    client = token_bucket.buckets().client
    client.incr(key + ":ready")
    deadline = time.time() + 20
    while int(client.get(key + ":ready")) < 2 and time.time() < deadline:
        time.sleep(0.0005)
    allowed = sum(ratelimit.consume(key, plan).allowed for _ in range(attempts))
    print(json.dumps({"allowed": allowed}))
    """
)


@pytest.mark.redis
def test_bucket_holds_across_two_processes_on_redis(limits_on):
    from django.conf import settings

    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    key = f"amazon:test:cross-process:{uuid.uuid4()}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, key, "300", "1500"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1])["allowed"])
    # 3000 attempts against a burst of 300: exactly 300 pass, shared by both.
    assert sum(results) == 300, results
    assert all(results), results  # both processes really competed
    assert not ratelimit.consume(key, ratelimit.UsagePlan(0.0001, 300)).allowed


@pytest.mark.redis
def test_http_429_on_redis_backend(api, limits_on):
    limits_on.AMAZON_RATE_LIMIT_SCALE = 0.1
    statuses = [api.get(ORDERS, PARAMS).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
