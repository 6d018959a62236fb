"""createReport → a real Celery worker on Redis → downloadable document.

The worker is a separate process (``celery -A config worker``) using the test
settings, the same Redis database as broker and the same PostgreSQL test
database, so the web side and the worker only share what production shares.
"""

import os
import time

import pytest
from django.db import connection

from apps.amazon import factories
from config.celery import app as celery_app
from tests.amazon.conftest import SpApiClient, issue_token
from tests.amazon.processes import REPO, database_url, stop, worker

BASE = "/amazon/reports/2021-06-30"
US = "ATVPDKIKX0DER"
WORKER_TIMEOUT = 60


@pytest.fixture
def running_worker(transactional_db):
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    log = open(REPO / ".pytest-amazon-worker.log", "w+")  # noqa: SIM115
    proc = worker(env, log)
    try:
        yield proc
    finally:
        celery_app.conf.task_always_eager = was_eager
        stop(proc)
        log.seek(0)
        output = log.read()
        log.close()
        (REPO / ".pytest-amazon-worker.log").unlink(missing_ok=True)
        if proc.returncode not in (0, -15, 15):
            print(output[-4000:])


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_report_is_processed_by_a_real_worker_and_downloadable(running_worker, client):
    assert connection.vendor == "postgresql"
    seller = factories.SellerFactory(
        selling_partner_id="A2WORKERTEST01", marketplace_ids=[US]
    )
    app = factories.LwaApplicationFactory()
    refresh = factories.RefreshTokenFactory(application=app, seller=seller)
    factories.ListingFactory(seller=seller, sku="W-1", item_name="Worker Mug")
    api = SpApiClient(issue_token(refresh))

    created = api.post(
        f"{BASE}/reports",
        {"reportType": "GET_MERCHANT_LISTINGS_ALL_DATA", "marketplaceIds": [US]},
    )
    assert created.status_code == 202
    report_id = created.json()["reportId"]

    deadline = time.monotonic() + WORKER_TIMEOUT
    statuses = []
    while time.monotonic() < deadline:
        assert running_worker.poll() is None, "the Celery worker exited early"
        report = api.get(f"{BASE}/reports/{report_id}").json()
        statuses.append(report["processingStatus"])
        if report["processingStatus"] in {"DONE", "FATAL", "CANCELLED"}:
            break
        time.sleep(0.25)
    assert report["processingStatus"] == "DONE", statuses

    document = api.get(f"{BASE}/documents/{report['reportDocumentId']}").json()
    file = client.get(document["url"])
    assert file.status_code == 200
    lines = file.content.decode().splitlines()
    assert lines[0].startswith("item-name\titem-description\tlisting-id\tseller-sku")
    assert "\tW-1\t" in lines[1] and lines[1].startswith("Worker Mug\t")
