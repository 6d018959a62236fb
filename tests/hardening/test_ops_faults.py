"""Operational faults, provoked for real: concurrent writes against a live
server on PostgreSQL, a Celery worker killed mid-report, login floods.

Every test here talks to real processes (gunicorn + uvicorn workers, Celery
workers, PostgreSQL, Redis) over real HTTP; bounds are deadlines, never
timing assertions.
"""

import threading
from urllib.parse import quote

import httpx
import pytest
from django.conf import settings

from apps.amazon import factories
from apps.amazon.models import Listing
from tests.amazon.conftest import issue_token
from tests.e2e.server import LiveServer, server_env

US = "ATVPDKIKX0DER"
SELLER = "A3HARDENING001"


def database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


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
