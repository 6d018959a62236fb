"""POST /bookstore/api/delivery and GET /delivery/{id}: only paid orders, one
active delivery per order, dates within the horizon, valid addresses; the
progression scheduled → dispatched → in transit → delivered, each step stamped."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.bookstore.factories import DeliveryFactory, OrderFactory, PaymentFactory
from apps.bookstore.models import Delivery, Order
from apps.bookstore.services import delivery_advance
from apps.bookstore.tasks import advance_overdue_deliveries

pytestmark = pytest.mark.django_db

DELIVERY = "/bookstore/api/delivery"


@pytest.fixture
def paid_order():
    return PaymentFactory().order


@pytest.fixture
def body(paid_order):
    return {
        "order_id": str(paid_order.pk),
        "address": {"recipient": "Ada Reader", "line1": "221B Baker Street",
                    "city": "London", "postal_code": "NW1 6XE", "country": "GB"},
        "requested_date": str(timezone.localdate() + timedelta(days=3)),
        "window": "morning",
    }  # fmt: skip


def post(api, body):
    return api.post(DELIVERY, body, format="json")


def test_a_paid_order_gets_a_scheduled_delivery(api, body, paid_order):
    response = post(api, body)

    assert response.status_code == 201, response.content
    delivery = response.json()
    assert delivery["status"] == "scheduled" and delivery["window"] == "morning"
    assert delivery["order_id"] == str(paid_order.pk)
    assert delivery["address"]["postal_code"] == "NW1 6XE"
    assert (
        delivery["timeline"]["scheduled_at"]
        and not delivery["timeline"]["dispatched_at"]
    )
    assert api.get(f"{DELIVERY}/{delivery['id']}").json() == delivery
    order = api.get(f"/bookstore/api/orders/{paid_order.pk}").json()
    assert order["delivery"] == {"id": delivery["id"], "status": "scheduled"}


def test_unknown_order_is_a_404(api, body):
    body["order_id"] = "00000000-0000-0000-0000-000000000000"

    response = post(api, body)

    assert response.status_code == 404 and not Delivery.objects.exists()


def test_an_unpaid_order_is_refused(api, body):
    order = OrderFactory(status=Order.Status.PENDING)
    body["order_id"] = str(order.pk)

    response = post(api, body)

    assert response.status_code == 409
    assert "not paid" in response.json()["detail"]
    assert not Delivery.objects.exists()


def test_a_second_active_delivery_is_a_409(api, body):
    assert post(api, body).status_code == 201

    response = post(api, body)

    assert response.status_code == 409
    assert "already has an active delivery" in response.json()["detail"]
    assert Delivery.objects.count() == 1


def test_a_delivered_order_may_be_delivered_again(api, body, paid_order):
    DeliveryFactory(order=paid_order, status=Delivery.Status.DELIVERED)

    assert post(api, body).status_code == 201


@pytest.mark.parametrize(("days", "message"), [(-1, "in the past"), (31, "30 days")])
def test_dates_outside_the_horizon_are_a_422(api, body, days, message):
    body["requested_date"] = str(timezone.localdate() + timedelta(days=days))

    response = post(api, body)

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "requested_date"] and message in error["msg"]
    assert not Delivery.objects.exists()


def test_today_is_accepted(api, body):
    body["requested_date"] = str(timezone.localdate())

    assert post(api, body).status_code == 201


def test_every_bad_address_field_is_named(api, body):
    body["address"] = {"recipient": "", "city": "x" * 101, "postal_code": "12",
                       "country": "XX", "floor": 3}  # fmt: skip
    body["window"] = "midnight"

    response = post(api, body)

    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {
        ("body", "address", "recipient"), ("body", "address", "line1"),
        ("body", "address", "city"), ("body", "address", "country"),
        ("body", "address", "floor"), ("body", "window"),
    }  # fmt: skip


def test_a_bad_postal_code_is_named_with_the_other_bad_fields(api, body):
    body["address"].update(country="US", postal_code="12", recipient="")

    response = post(api, body)

    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {
        ("body", "address", "recipient"), ("body", "address", "postal_code"),
    }  # fmt: skip


@pytest.mark.parametrize(("country", "code"), [("US", "1234"), ("DE", "ABCDE"),
                                               ("PT", "1000 001")])  # fmt: skip
def test_a_postal_code_must_fit_its_country(api, body, country, code):
    body["address"].update(country=country, postal_code=code)

    response = post(api, body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "address", "postal_code"]


def test_unknown_and_malformed_delivery_ids(api):
    assert (
        api.get(f"{DELIVERY}/00000000-0000-0000-0000-000000000000").status_code == 404
    )
    assert api.get(f"{DELIVERY}/nope").status_code == 422


def test_the_progression_stamps_each_step_in_order(
    api, body, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # each step runs inline
    with django_capture_on_commit_callbacks(execute=True):
        delivery_id = post(api, body).json()["id"]

    delivery = api.get(f"{DELIVERY}/{delivery_id}").json()
    assert delivery["status"] == "delivered"
    t = delivery["timeline"]
    assert (
        t["scheduled_at"]
        <= t["dispatched_at"]
        <= t["in_transit_at"]
        <= t["delivered_at"]
    )


def test_a_step_run_twice_changes_nothing_the_second_time(paid_order, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    delivery = DeliveryFactory(order=paid_order)

    assert delivery_advance(delivery_id=delivery.pk, from_status="scheduled")
    stamped = Delivery.objects.get(pk=delivery.pk).dispatched_at
    assert delivery_advance(delivery_id=delivery.pk, from_status="scheduled") is None
    assert Delivery.objects.get(pk=delivery.pk).dispatched_at == stamped


def test_beat_takes_the_steps_whose_task_was_lost(paid_order, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # the sweep only, no follow-up tasks
    settings.BOOKSTORE_DELIVERY_STEP_SECONDS = 1
    lost = DeliveryFactory(
        order=paid_order, scheduled_at=timezone.now() - timedelta(hours=1)
    )
    fresh = DeliveryFactory(order=PaymentFactory().order)

    assert advance_overdue_deliveries.apply().get() == 1

    assert Delivery.objects.get(pk=lost.pk).status == "dispatched"
    assert Delivery.objects.get(pk=fresh.pk).status == "scheduled"
    assert "bookstore-advance-overdue-deliveries" in settings.CELERY_BEAT_SCHEDULE
