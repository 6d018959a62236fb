"""Operational faults, provoked for real: concurrent writes against a live
server on PostgreSQL, a Celery worker killed mid-report, login floods.

Every test here talks to real processes (gunicorn + uvicorn workers, Celery
workers, PostgreSQL, Redis) over real HTTP; bounds are deadlines, never
timing assertions.
"""

import os
import re
import signal
import subprocess
import threading
import time
from urllib.parse import quote

import httpx
import psycopg
import pytest
from django.conf import settings

from apps.amazon import factories
from apps.amazon.models import Listing, Report
from tests.amazon.conftest import issue_token
from tests.amazon.processes import celery, database_url, stop, worker
from tests.e2e.server import LiveServer, server_env

US = "ATVPDKIKX0DER"
SELLER = "A3HARDENING001"


# --- putListingsItem: concurrent creation of one new SKU ---------------------------

CONCURRENT_PUTS = 12
TRIALS = 5


@pytest.fixture
def listings_server(transactional_db):
    env = server_env(database_url(), AMAZON_RATE_LIMITS_ENABLED="false")
    # Two worker processes, as deployed: the race is between processes, not
    # just between threads of one event loop.
    live = LiveServer("config.asgi:application", env, workers=2)
    yield live
    live.stop()


def _put_body() -> dict:
    return {
        "productType": "LUGGAGE",
        "requirements": "LISTING",
        "attributes": {
            "item_name": [{"value": "Race Spinner", "marketplace_id": US}],
            "condition_type": [{"value": "new_new", "marketplace_id": US}],
            "fulfillment_availability": [
                {"fulfillment_channel_code": "DEFAULT", "quantity": 3}
            ],
        },
    }


def _concurrent_puts(base_url: str, token: str, sku: str, n: int) -> list[int]:
    """``n`` PUTs of one SKU released together by a barrier; their statuses."""
    barrier = threading.Barrier(n)
    statuses: list[int] = []
    lock = threading.Lock()
    url = f"{base_url}/amazon/listings/2021-08-01/items/{SELLER}/{quote(sku, safe='')}"

    def put() -> None:
        with httpx.Client(timeout=30) as client:
            barrier.wait(timeout=30)
            response = client.put(
                url,
                params={"marketplaceIds": US},
                json=_put_body(),
                headers={"x-amz-access-token": token},
            )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=put) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_puts_of_a_new_sku_all_succeed_and_create_one_row(
    listings_server,
):
    seller = factories.SellerFactory(selling_partner_id=SELLER, marketplace_ids=[US])
    refresh = factories.RefreshTokenFactory(
        application=factories.LwaApplicationFactory(), seller=seller
    )
    token = issue_token(refresh)
    statuses, rows = [], []
    for trial in range(TRIALS):
        sku = f"RACE-{trial}"
        statuses += _concurrent_puts(listings_server.url, token, sku, CONCURRENT_PUTS)
        rows.append(Listing.objects.filter(seller=seller, sku=sku).count())
    failed = [s for s in statuses if s != 200]
    assert not failed, f"{len(failed)} of {len(statuses)} PUTs failed: {failed}"
    assert rows == [1] * TRIALS


# --- Reports: a worker SIGKILLed mid-report ------------------------------------------

REPORTS = "/amazon/reports/2021-06-30"
STUCK_SECONDS = 3
# A stuck report must recover within this bound: the deadline plus a few beat
# ticks and a worker start on a loaded CI machine (the broker alone would
# redeliver after its visibility timeout, 15 minutes).
RECOVERY_BOUND_SECONDS = 120


@pytest.fixture
def report_stack(transactional_db, tmp_path):
    """A web server, a beat and (started by the test) workers, sharing the
    test's PostgreSQL database and Redis database and nothing else."""
    env = server_env(
        database_url(),
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        REDIS_URL=settings.CELERY_BROKER_URL,
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", ""),
        AMAZON_RATE_LIMITS_ENABLED="false",
        AMAZON_REPORT_STUCK_SECONDS=str(STUCK_SECONDS),
        AMAZON_REPORT_RECOVERY_INTERVAL="1",
    )
    web = LiveServer("config.asgi:application", env)
    beat = celery(
        env, tmp_path / "beat.log", "beat", "--schedule", str(tmp_path / "beat-db")
    )
    started: list[subprocess.Popen] = [beat]
    try:
        yield web, env, started
    finally:
        for proc in started:
            stop(proc)
        web.stop()
        for log in sorted(tmp_path.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text()[-3000:]}")


def _report_status(report_id: str) -> str:
    return Report.objects.get(report_id=report_id).processing_status


def _wait_for(predicate, seconds: float) -> float | None:
    """Seconds until ``predicate()`` holds, or None after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.2)
    return None


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_report_of_a_sigkilled_worker_is_recovered_by_a_new_worker(
    report_stack, tmp_path
):
    web, env, started = report_stack
    seller = factories.SellerFactory(selling_partner_id=SELLER, marketplace_ids=[US])
    refresh = factories.RefreshTokenFactory(
        application=factories.LwaApplicationFactory(), seller=seller
    )
    factories.ListingFactory(seller=seller, sku="KILL-1", item_name="Killed Mug")
    token = issue_token(refresh)

    # Hold the listings table so the first worker is mid-report (IN_PROGRESS
    # committed, the document not yet written) when it is killed.
    blocker = psycopg.connect(database_url())
    blocker.execute(f'LOCK TABLE "{Listing._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
    first = worker(env, tmp_path / "worker-1.log")
    started.append(first)
    created = httpx.post(
        f"{web.url}{REPORTS}/reports",
        json={"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": [US]},
        headers={"x-amz-access-token": token},
        timeout=10,
    )
    assert created.status_code == 202, created.text
    report_id = created.json()["reportId"]
    try:
        in_progress = _wait_for(lambda: _report_status(report_id) == "IN_PROGRESS", 90)
        assert in_progress is not None, "the first worker never started the report"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        blocker.rollback()
        blocker.close()

    started.append(worker(env, tmp_path / "worker-2.log"))
    recovered = _wait_for(
        lambda: _report_status(report_id) in {"DONE", "FATAL"}, RECOVERY_BOUND_SECONDS
    )
    print(f"report recovered {recovered} s after the new worker started")
    assert recovered is not None, f"still {_report_status(report_id)}"
    report = httpx.get(
        f"{web.url}{REPORTS}/reports/{report_id}",
        headers={"x-amz-access-token": token},
        timeout=10,
    ).json()
    assert report["processingStatus"] == "DONE", report


# --- Login limit: admin sign-in and HTTP Basic, across two workers ---------------

LOGIN_LIMIT = 10
STAFF_EMAIL = "ops-admin@example.com"
STAFF_PASSWORD = "Right-Password-123"


@pytest.fixture
def login_server(transactional_db):
    from apps.accounts.models import User

    User.objects.create_superuser(
        email=STAFF_EMAIL, password=STAFF_PASSWORD, name="Ops Admin"
    )
    env = server_env(
        database_url(),
        # The test settings (and their Redis database: this xdist worker's,
        # which every test starts by flushing, so no counters carry over).
        REDIS_URL=os.environ["REDIS_URL"],
        **{k: v for k, v in os.environ.items() if k == "PYTEST_XDIST_WORKER"},
        RATELIMIT_ENABLE="true",
        # An hour's window, so a flood never straddles a window boundary.
        LOGIN_RATELIMIT=f"{LOGIN_LIMIT}/h",
    )
    live = LiveServer("config.asgi:application", env, workers=2)
    yield live
    live.stop()


def _fresh_connections(base_url: str) -> httpx.Client:
    """A client that opens a new connection per request, so requests spread
    over both server workers (cookies are still kept)."""
    return httpx.Client(
        base_url=base_url,
        timeout=20,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


def _admin_login(client: httpx.Client, password: str) -> httpx.Response:
    page = client.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    return client.post(
        "/admin/login/?next=/admin/",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": STAFF_EMAIL,
            "password": password,
            "next": "/admin/",
        },
        headers={"Referer": f"{client.base_url}/admin/login/"},
    )


def _basic_reset(base_url: str, password: str) -> httpx.Response:
    with _fresh_connections(base_url) as client:
        return client.post(
            "/amazon/_mock/reset",
            json={"seed": 1},
            auth=(STAFF_EMAIL, password),
        )


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_admin_login_refuses_past_the_limit_even_the_right_password(login_server):
    with _fresh_connections(login_server.url) as client:
        wrong = [_admin_login(client, f"wrong-{i}") for i in range(LOGIN_LIMIT)]
        assert [r.status_code for r in wrong] == [200] * LOGIN_LIMIT
        assert all("Please enter the correct" in r.text for r in wrong)

        refused = _admin_login(client, STAFF_PASSWORD)
        assert refused.status_code == 429
        assert "Too many failed sign-in attempts" in refused.text
        assert 0 < int(refused.headers["Retry-After"]) <= 3600
        assert "sessionid" not in client.cookies

    # The same client IP is refused on the other login path as well.
    basic = _basic_reset(login_server.url, STAFF_PASSWORD)
    assert basic.status_code == 429


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_http_basic_refuses_past_the_limit_in_the_sp_api_shape(login_server):
    wrong = [_basic_reset(login_server.url, f"wrong-{i}") for i in range(LOGIN_LIMIT)]
    # 403, not 401: DRF answers with the view's first authenticator (session).
    assert {r.status_code for r in wrong} == {403}

    refused = _basic_reset(login_server.url, STAFF_PASSWORD)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    (error,) = refused.json()["errors"]
    assert error["code"] == "QuotaExceeded"
    assert "Too many failed sign-in attempts" in error["message"] + error.get(
        "details", ""
    )
