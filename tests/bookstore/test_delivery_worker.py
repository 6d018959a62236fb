"""The delivery progression driven by a real Celery worker on Redis: the web
side schedules, a separate worker process moves the delivery on at the
configured pace, each step timestamped."""

import itertools
import time
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.bookstore.factories import PaymentFactory

# The Amazon suite's worker fixture: a `celery -A config worker` subprocess on
# the test settings, the same Redis broker and the same PostgreSQL database.
from tests.amazon.test_reports_worker import running_worker  # noqa: F401

STEP_SECONDS = 0.5
DEADLINE_SECONDS = 60


@pytest.fixture
def fast_pace(monkeypatch, settings):
    # Read by the worker process (its environment) and by this one (settings).
    monkeypatch.setenv("BOOKSTORE_DELIVERY_STEP_SECONDS", str(STEP_SECONDS))
    settings.BOOKSTORE_DELIVERY_STEP_SECONDS = STEP_SECONDS


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_a_worker_moves_a_delivery_to_delivered(fast_pace, running_worker, api):  # noqa: F811
    worker = running_worker
    assert connection.vendor == "postgresql"
    order = PaymentFactory().order
    created = api.post(
        "/bookstore/api/delivery",
        {"order_id": str(order.pk), "requested_date": str(timezone.localdate()),
         "address": {"recipient": "Ada", "line1": "1 Main St", "city": "Boston",
                     "postal_code": "02118", "country": "US"}},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content

    seen = []
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        assert worker.poll() is None, "the Celery worker exited early"
        delivery = api.get(f"/bookstore/api/delivery/{created.json()['id']}").json()
        if not seen or seen[-1] != delivery["status"]:
            seen.append(delivery["status"])
        if delivery["status"] == "delivered":
            break
        time.sleep(0.1)

    assert seen[-1] == "delivered", seen
    assert seen == [s for s in ("scheduled", "dispatched", "in_transit", "delivered")
                    if s in seen]  # fmt: skip
    t = {k: datetime.fromisoformat(v) for k, v in delivery["timeline"].items()}
    steps = [
        t["scheduled_at"],
        t["dispatched_at"],
        t["in_transit_at"],
        t["delivered_at"],
    ]
    gaps = [b - a for a, b in itertools.pairwise(steps)]
    # Countdown tasks: no step comes before its pace (ETA is a lower bound).
    assert all(gap >= timedelta(seconds=STEP_SECONDS * 0.9) for gap in gaps), gaps
